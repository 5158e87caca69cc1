"""Helpers of the panti tests: registry people written directly (the registry has no POST of
its own; people come by import), and short API calls."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from dinsos_api.penerima.models import Orang

ANAK = "panti_anak_riang_naibonat"
LANSIA = "panti_lansia_budi_agung_kupang"
RPTC = "rptc"
PROBLEM = "application/problem+json"

BuatOrang = Callable[..., str]


def buat_nik(wilayah: str, lahir: date, jenis_kelamin: str, urut: int) -> str:
    """A valid NIK: region, kecamatan 01, DDMMYY (+40 on the day for women), a serial."""
    hari = lahir.day + (40 if jenis_kelamin == "P" else 0)
    return f"{wilayah}01{hari:02d}{lahir:%m%y}{urut:04d}"


@pytest.fixture
def orang(engine: Engine) -> BuatOrang:
    """Create a registry person; returns its id."""
    urut = itertools.count(1)

    def buat(
        nama: str = "Petrus Benu",
        jenis_kelamin: str = "L",
        lahir: date = date(2012, 3, 4),
        wilayah: str = "5301",
        **kw: Any,
    ) -> str:
        with Session(engine) as session:
            o = Orang(
                nama=nama,
                jenis_kelamin=jenis_kelamin,
                tanggal_lahir=lahir,
                kode_wilayah=wilayah,
                nik=buat_nik(wilayah, lahir, jenis_kelamin, next(urut)),
                **kw,
            )
            session.add(o)
            session.commit()
            return o.id

    return buat


def masuk(
    c: TestClient,
    orang_id: str,
    tanggal: str,
    panti: str = ANAK,
    kelompok: str = "anak_terlantar",
    **kw: Any,
) -> Any:
    headers = kw.pop("headers", None)
    body = {
        "orang_id": orang_id,
        "kelompok_sasaran": kelompok,
        "tanggal_masuk": tanggal,
        "asal_rujukan": "dinsos_kabkota",
        **kw,
    }
    return c.post(f"/v1/panti/{panti}/penghuni", json=body, headers=headers)


def keluar(
    c: TestClient, penghuni_id: str, tanggal: str, alasan: str = "reunifikasi", panti: str = ANAK,
    **kw: Any,
) -> Any:  # fmt: skip
    body = {"tanggal_keluar": tanggal, "alasan": alasan, **kw}
    return c.post(f"/v1/panti/{panti}/penghuni/{penghuni_id}/keluar", json=body)


def kapasitas(c: TestClient, panti: str, mulai: str, nilai: int) -> Any:
    return c.post(f"/v1/panti/{panti}/kapasitas", json={"berlaku_mulai": mulai, "kapasitas": nilai})


def hunian(c: TestClient, panti: str, tanggal: str) -> int:
    r = c.get(f"/v1/panti/{panti}", params={"tanggal": tanggal})
    assert r.status_code == 200, r.text
    return int(r.json()["hunian"])


def kesalahan(r: Any) -> dict[str, str]:
    """{field: message} of a problem+json response."""
    assert r.headers["content-type"].startswith(PROBLEM), r.text
    return {e["field"]: e["message"] for e in r.json().get("errors", [])}
