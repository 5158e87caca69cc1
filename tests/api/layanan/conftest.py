"""Fixtures for the public-service tests: the catalogue loaded, and callers by role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from dinsos_api.layanan.katalog import muat_katalog

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def katalog(engine: Engine) -> None:
    with Session(engine) as session:
        muat_katalog(session)


@pytest.fixture
def peran(masuk_sebagai: Callable[..., dict[str, str]]) -> dict[str, dict[str, str]]:
    return {
        "petugas": masuk_sebagai("petugas_layanan"),
        "kadis": masuk_sebagai("pimpinan"),
        "kabkota": masuk_sebagai("operator_kabkota", "5301"),
        "kabkota_lain": masuk_sebagai("operator_kabkota", "5302"),
        "analis": masuk_sebagai("analis"),
    }


class Alur:
    """Drives one request through the API, asserting every step succeeds."""

    def __init__(self, c: TestClient, body: dict[str, Any], h: dict[str, str]) -> None:
        self.c = c
        r = c.post("/v1/permohonan", json=body, headers=h)
        assert r.status_code == 201, r.text
        self.p: dict[str, Any] = r.json()
        self.id = self.p["id"]

    def lampirkan(self, h: dict[str, str], *jenis: str) -> list[str]:
        ids = []
        for j in jenis:
            r = self.c.post(
                f"/v1/permohonan/{self.id}/lampiran",
                data={"jenis": j},
                files={"berkas": (f"{j}.pdf", PDF, "application/pdf")},
                headers=h,
            )
            assert r.status_code == 201, r.text
            ids.append(r.json()["id"])
        return ids

    def aksi(self, h: dict[str, str], aksi: str, **body: Any) -> dict[str, Any]:
        r = self.c.post(
            f"/v1/permohonan/{self.id}/transisi", json={"aksi": aksi, **body}, headers=h
        )
        assert r.status_code == 200, (aksi, r.text)
        self.p = r.json()
        return self.p

    def coba(self, h: dict[str, str], aksi: str, **body: Any) -> Any:
        return self.c.post(
            f"/v1/permohonan/{self.id}/transisi", json={"aksi": aksi, **body}, headers=h
        )
