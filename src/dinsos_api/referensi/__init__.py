"""Reference data: PMKS/PSKS categories, the office's units, assistance programmes, and the
regional offices (perangkat daerah) whose plans and budgets the system holds."""
