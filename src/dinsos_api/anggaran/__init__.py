"""Budgets (anggaran): the DPA tree, its versions, realisations and budget imports."""
