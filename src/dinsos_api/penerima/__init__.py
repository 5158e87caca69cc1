"""Beneficiaries and the PMKS/PSKS categories they are reported under."""
