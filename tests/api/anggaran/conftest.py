"""Helpers of the budget tests: fixture files, the demo loader, a small tree built via the API."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from dinsos_api.anggaran import demo

FIXTURES = Path(__file__).parents[2] / "fixtures"
PROVINSI = "dinsos_53"
ROTE_NDAO = "dinsos_5314"
KUPANG = "dinsos_5301"

MasukSebagai = Callable[..., dict[str, str]]


def baca_json(nama: str) -> Any:
    return json.loads((FIXTURES / nama).read_text(encoding="utf-8"))


def baca_csv(nama: str) -> list[dict[str, str]]:
    with (FIXTURES / nama).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def url(tahun: int, bagian: str) -> str:
    return f"/v1/anggaran/{tahun}/{bagian}"


@pytest.fixture
def demo_2024(engine: Engine) -> None:
    with Session(engine) as session:
        assert demo.muat_demo(session) is not None


def bangun_pohon(
    c: TestClient, perangkat: str, tahun: int, h: dict[str, str] | None = None
) -> None:
    """Program 1.06.04 > kegiatan 1.06.04.1.01 > sub kegiatan .0001 and .0002; DPA murni with
    pagu 1.000.000 and 3.000.000."""
    h = h or {}
    q = {"perangkat_daerah": perangkat}
    for kode, nama in (
        ("1.06.04", "Program Rehabilitasi Sosial"),
        ("1.06.04.1.01", "Rehabilitasi Sosial Dasar Penyandang Disabilitas"),
        ("1.06.04.1.01.0001", "Penyediaan Permakanan"),
        ("1.06.04.1.01.0002", "Penyediaan Sandang"),
    ):
        r = c.post(
            url(tahun, "nomenklatur"), params=q, json={"kode": kode, "nama": nama}, headers=h
        )
        assert r.status_code == 201, r.text
    r = c.post(url(tahun, "dpa"), params=q, json={"tanggal": f"{tahun - 1}-12-28"}, headers=h)
    assert r.status_code == 201, r.text
    for kode, pagu in (("1.06.04.1.01.0001", 1000000), ("1.06.04.1.01.0002", 3000000)):
        r = c.put(url(tahun, f"dpa/0/pagu/{kode}"), params=q, json={"pagu": pagu}, headers=h)
        assert r.status_code == 201, r.text
