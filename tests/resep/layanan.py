"""Audit recipes for the layanan routes (merged into tests/test_audit_mutasi.RESEP)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from dinsos_api.layanan.katalog import muat_katalog
from tests.resep import Resep, ok

PDF = b"%PDF-1.4\n%%EOF\n"


def _permohonan(c: TestClient, h: dict[str, str]) -> str:
    with Session(c.app.state.engine) as session:  # type: ignore[attr-defined]
        muat_katalog(session)
    body = {"layanan": "konsultasi", "pemohon": {"nama": "Uji"}, "data": {"topik": "uji"}}
    return str(ok(c.post("/v1/permohonan", json=body, headers=h))["id"])


def _transisi(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    id_ = _permohonan(c, h)
    body = {"aksi": "arahkan", "data": {"pejabat_penanganan": "Kasi"}}
    ok(c.post(f"/v1/permohonan/{id_}/transisi", json=body, headers=h))
    return "permohonan", id_


def _lampiran(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    id_ = _permohonan(c, h)
    r = c.post(
        f"/v1/permohonan/{id_}/lampiran",
        data={"jenis": "identitas"},
        files={"berkas": ("ktp.pdf", PDF, "application/pdf")},
        headers=h,
    )
    return "lampiran_permohonan", str(ok(r)["id"])


RESEP: dict[str, Resep] = {
    "POST /v1/permohonan": lambda c, h: ("permohonan", _permohonan(c, h)),
    "POST /v1/permohonan/{permohonan_id}/transisi": _transisi,
    "POST /v1/permohonan/{permohonan_id}/lampiran": _lampiran,
}
