"""Care units (panti) and the trauma centre: residents, admissions, discharges, occupancy."""
