"""Audit recipes for the panti routes (merged into tests/test_audit_mutasi.RESEP)."""

from __future__ import annotations

from tests.resep import Resep

RESEP: dict[str, Resep] = {}
