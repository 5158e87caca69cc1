"""The demo residents reproduce the LKIP 2024 counts, respect the capacities, carry valid
NIKs, and load once. Golden numbers: tests/fixtures/panti/lkip2024_panti.json (copied from
the LKIP 2024 oracle, Tabel 3.5 measurements 5–8, and section 3.7)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from dinsos_api.panti import demo
from dinsos_api.panti.models import KapasitasPanti, PenghuniPanti
from dinsos_api.penerima.models import Orang
from dinsos_api.penerima.nik import periksa_nik

ORACLE = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "panti" / "lkip2024_panti.json").read_text("utf-8")
)


@pytest.fixture
def dimuat(engine: Engine) -> str | None:
    with Session(engine) as session:
        ringkasan = demo.muat_demo(session)
        session.commit()
    return ringkasan


def test_yearly_counts_of_2024_are_the_lkip_figures(dimuat: str | None, client: TestClient) -> None:
    body = client.get("/v1/panti/statistik", params={"tahun": 2024}).json()
    per_kelompok = {k["kelompok_sasaran"]: k["dilayani"] for k in body["per_kelompok"]}
    pengukuran = {m["no"]: m for m in ORACLE["pengukuran"]}
    for kelompok, no in ORACLE["kelompok_pengukuran"].items():
        # The LKIP's numerator: people whose basic needs were met in the panti in 2024.
        assert per_kelompok[kelompok] == pengukuran[no]["numerator"], kelompok
    assert (per_kelompok["anak_terlantar"], per_kelompok["lanjut_usia_terlantar"]) == (270, 137)

    per_panti: Counter[str] = Counter()
    for baris in body["data"]:
        per_panti[baris["panti_kode"]] += baris["dilayani"]
    for kode, jumlah in ORACLE["per_panti_2024"].items():
        if not kode.startswith("_"):
            assert per_panti[kode] == jumlah, kode
    rptc = ORACLE["rptc_2024"]
    assert per_panti["rptc"] == rptc["jumlah"]
    assert per_kelompok["gelandangan"] == rptc["orang_terlantar"]
    migran_ktk = per_kelompok["pekerja_migran_bermasalah_sosial"]
    assert migran_ktk + per_kelompok["korban_tindak_kekerasan"] == rptc["migran_dan_ktk"]
    assert body["total_dilayani"] == sum(per_panti.values())


def test_demo_respects_every_capacity_and_one_stay_per_person(
    dimuat: str | None, engine: Engine
) -> None:
    with Session(engine) as s:
        kapasitas = {k.panti_kode: k.kapasitas for k in s.scalars(select(KapasitasPanti))}
        stays = s.scalars(select(PenghuniPanti)).all()
    assert len(kapasitas) == 8
    per_unit: dict[str, list[Any]] = {}
    for p in stays:
        per_unit.setdefault(p.panti_kode, []).append(p)
    assert set(per_unit) == set(kapasitas)
    for kode, daftar in per_unit.items():
        # Occupancy peaks on an admission day: check each one.
        for tanggal in {p.tanggal_masuk for p in daftar}:
            hunian = sum(
                1
                for p in daftar
                if p.tanggal_masuk <= tanggal
                and (p.tanggal_keluar is None or p.tanggal_keluar > tanggal)
            )
            assert hunian <= kapasitas[kode], (kode, tanggal, hunian)
        for p in daftar:
            assert p.tanggal_keluar is None or p.tanggal_keluar >= p.tanggal_masuk
            assert (p.tanggal_keluar is None) == (p.alasan_keluar is None)
    assert len({p.orang_id for p in stays}) == len(stays)


def test_demo_people_have_valid_niks_and_the_dead_are_marked(
    dimuat: str | None, engine: Engine
) -> None:
    with Session(engine) as s:
        rows = s.execute(
            select(Orang, PenghuniPanti.alasan_keluar).join(
                PenghuniPanti, col(PenghuniPanti.orang_id) == col(Orang.id)
            )
        ).all()
    assert rows
    for o, alasan in rows:
        assert o.nik is not None and o.sumber == demo.SUMBER
        assert periksa_nik(o.nik, o.tanggal_lahir, o.jenis_kelamin) == [], o.nik
        assert (o.status_hidup == "meninggal") == (alasan == "meninggal")


def test_demo_loads_once(dimuat: str | None, engine: Engine, client: TestClient) -> None:
    with Session(engine) as s:
        n = s.scalar(select(func.count()).select_from(PenghuniPanti))
        ringkasan = demo.muat_demo(s)
        s.commit()
        assert s.scalar(select(func.count()).select_from(PenghuniPanti)) == n
        assert s.scalar(select(func.count()).select_from(KapasitasPanti)) == 8
    assert dimuat == ringkasan == f"8 unit panti/RPTC dengan {n} penghuni sintetis"
    units = client.get("/v1/panti").json()["data"]
    assert all(u["kapasitas"] is not None and u["hunian"] <= u["kapasitas"] for u in units)
