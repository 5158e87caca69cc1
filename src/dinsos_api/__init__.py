"""Dinsos API: the system of record for Dinas Sosial Provinsi Nusa Tenggara Timur."""

__version__ = "0.1.0"
