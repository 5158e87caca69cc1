"""Audit recipes for the panti routes (merged into tests/test_audit_mutasi.RESEP)."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from dinsos_api.penerima.models import Orang
from tests.resep import Resep, ok


def _orang(c: TestClient) -> str:
    """A registry person to admit (the registry has no POST of its own)."""
    with Session(c.app.state.engine) as session:  # type: ignore[attr-defined]
        orang = Orang(
            id=uuid.uuid4().hex,
            nama="Uji Panti",
            kode_wilayah="5301",
            nik="5301010505120007",
            jenis_kelamin="L",
            tanggal_lahir=date(2012, 5, 5),
        )
        session.add(orang)
        session.commit()
        return orang.id


def _masuk(c: TestClient, h: dict[str, str]) -> str:
    body = {
        "orang_id": _orang(c),
        "kelompok_sasaran": "anak_terlantar",
        "tanggal_masuk": "2024-01-15",
        "asal_rujukan": "dinsos_kabkota",
    }
    return str(
        ok(c.post("/v1/panti/panti_anak_riang_naibonat/penghuni", json=body, headers=h))["id"]
    )


def _kapasitas(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    body = {"berlaku_mulai": "2024-01-01", "kapasitas": 100}
    return "kapasitas_panti", str(
        ok(c.post("/v1/panti/rptc/kapasitas", json=body, headers=h))["id"]
    )


def _keluar(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    id_ = _masuk(c, h)
    body = {"tanggal_keluar": "2024-06-30", "alasan": "reunifikasi"}
    path = f"/v1/panti/panti_anak_riang_naibonat/penghuni/{id_}/keluar"
    return "penghuni_panti", str(ok(c.post(path, json=body, headers=h))["id"])


RESEP: dict[str, Resep] = {
    "POST /v1/panti/{kode}/kapasitas": _kapasitas,
    "POST /v1/panti/{kode}/penghuni": lambda c, h: ("penghuni_panti", _masuk(c, h)),
    "POST /v1/panti/{kode}/penghuni/{penghuni_id}/keluar": _keluar,
}
