"""Audit recipes: one per mutating route, each making one change and naming the audited record.

Domain modules here (`anggaran`, `kinerja`, `layanan`) hold their own routes' recipes;
tests/test_audit_mutasi.py merges them and checks every mutating route has one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

Resep = Callable[[TestClient, dict[str, str]], tuple[str, str]]


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


def patch(path: str, body: dict[str, Any], sumber_daya: str, kode: str) -> Resep:
    def resep(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
        etag = c.get(path, headers=h).headers["etag"]
        ok(c.patch(path, json=body, headers={**h, "If-Match": etag}))
        return sumber_daya, kode

    return resep


def post(path: str, body: dict[str, Any], sumber_daya: str, kode: str | None = None) -> Resep:
    def resep(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
        ok(c.post(path, json=body, headers=h))
        return sumber_daya, kode or str(body["kode"])

    return resep
