"""Regions: the province's 22 districts (and, below them, kecamatan and desa)."""
