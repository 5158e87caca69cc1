"""The demo 2024 province budget: its derived totals equal the oracle's correct values (not the
report's misprints), loading twice adds nothing, and the monthly series."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from dinsos_api.anggaran import demo, service
from dinsos_api.anggaran.models import Nomenklatur, Pagu, Realisasi
from tests.api.anggaran.conftest import PROVINSI, baca_csv, baca_json, url

pytestmark = pytest.mark.usefixtures("demo_2024")

ORACLE = baca_json("anggaran/oracle_2024.json")
CHECKS = baca_json("lkip2024/anggaran_checks.json")
DETAIL = baca_csv("anggaran/tabel_3_9_3_15.csv")


def _ringkasan(c: TestClient, level: str) -> dict[str, dict[str, object]]:
    r = c.get(url(2024, "ringkasan"), params={"perangkat_daerah": PROVINSI, "level": level})
    assert r.status_code == 200, r.text
    return {b["kode"]: b for b in r.json()["data"]}


def test_the_tree_has_7_programs_17_kegiatan_92_sub_kegiatan(client: TestClient) -> None:
    for level in ("program", "kegiatan", "sub_kegiatan"):
        assert len(_ringkasan(client, level)) == ORACLE["jumlah"][level]


def test_totals_equal_the_oracle(client: TestClient) -> None:
    body = client.get(url(2024, "ringkasan"), params={"perangkat_daerah": PROVINSI}).json()
    total = body["total"]
    assert body["versi"] == 0
    assert total["realisasi"] == int(ORACLE["realisasi_total"])
    assert total["pagu"] == int(ORACLE["pagu_total_sub_kegiatan"])
    assert Decimal(str(total["penyerapan"])) == Decimal(ORACLE["penyerapan_total"])
    assert total["sisa"] == total["pagu"] - total["realisasi"]
    # The program rows add up to the total, whatever the level.
    program = _ringkasan(client, "program")
    assert sum(int(b["pagu"]) for b in program.values()) == total["pagu"]  # type: ignore[call-overload]


def test_kegiatan_are_the_sums_of_their_sub_kegiatan_as_the_oracle_says(
    client: TestClient,
) -> None:
    """Every 'kegiatan vs its sub_kegiatan rows' check of the oracle: the kegiatan shows the
    children's sum, for the consistent ones and for the four misprinted parents alike."""
    kode = {r["nama"]: r["kode"] for r in DETAIL if r["tingkat"] == "kegiatan"}
    kegiatan = _ringkasan(client, "kegiatan")
    dicek = 0
    for cek in CHECKS["sum_checks"]:
        if not cek["check"].startswith("detail: kegiatan") or cek["children_sum"] is None:
            continue
        baris = kegiatan[kode[cek["parent"]]]
        assert baris[cek["field"]] == int(cek["children_sum"]), cek
        dicek += 1
    assert dicek == 33  # 17 pagu + 16 realisasi (Adminitrasi Keuangan's realisasi is blank)
    for k, nilai in ORACLE["realisasi_kegiatan"].items():
        assert kegiatan[k]["realisasi"] == int(nilai)


def test_program_realisation_and_absorption(client: TestClient) -> None:
    program = _ringkasan(client, "program")
    for k, nilai in ORACLE["realisasi_program"].items():
        assert program[k]["realisasi"] == int(nilai)
    # Penyerapan follows from the derived figures: 23.660.198.434 / 36.157.212.342 = 65.4367..
    penunjang = program["1.06.01"]
    assert penunjang["pagu"] == 36157212342
    assert penunjang["penyerapan"] == 65.44


def test_sub_kegiatan_absorption_rounds_half_up(client: TestClient) -> None:
    sub = _ringkasan(client, "sub_kegiatan")
    for k, nilai in ORACLE["penyerapan_sub_kegiatan"].items():
        assert Decimal(str(sub[k]["penyerapan"])) == Decimal(nilai), k
    assert sub["1.06.01.1.03.0005"]["realisasi_fisik"] == 100


def test_monthly_series_has_everything_in_december(client: TestClient) -> None:
    r = client.get(url(2024, "bulanan"), params={"perangkat_daerah": PROVINSI})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [b["bulan"] for b in body["bulan"]] == list(range(1, 13))
    nopember, desember = body["bulan"][10], body["bulan"][11]
    assert nopember["kumulatif"] == 0 and nopember["persen_kumulatif"] == 0
    assert desember["realisasi"] == desember["kumulatif"] == int(ORACLE["realisasi_total"])
    assert Decimal(str(desember["persen_kumulatif"])) == Decimal(ORACLE["penyerapan_total"])
    # One program's curve.
    r = client.get(url(2024, "bulanan"), params={"perangkat_daerah": PROVINSI, "kode": "1.06.01"})
    assert r.json()["bulan"][11]["kumulatif"] == int(ORACLE["realisasi_program"]["1.06.01"])


def test_loading_twice_adds_nothing(engine: Engine) -> None:
    def hitung() -> tuple[int, int, int]:
        with Session(engine) as session:
            return tuple(  # type: ignore[return-value]
                session.scalar(select(func.count()).select_from(m))
                for m in (Nomenklatur, Pagu, Realisasi)
            )

    sebelum = hitung()
    # 116 lines, 92 pagu; the five sub kegiatan that spent 0 (oracle B22) have no entry
    assert sebelum == (116, 92, 87)
    with Session(engine) as session:
        assert demo.muat_demo(session) is None
    assert hitung() == sebelum


def test_service_api_for_the_report(engine: Engine) -> None:
    with Session(engine) as session:
        r = service.ringkasan(
            session, perangkat_daerah=PROVINSI, tahun=2024, level=service.Tingkat.PROGRAM
        )
        assert r.total.realisasi == Decimal(ORACLE["realisasi_total"])
        # Unrounded: the report rounds on output.
        assert r.total.penyerapan is not None and r.total.penyerapan != round(r.total.penyerapan, 2)
        d = service.bulanan(session, perangkat_daerah=PROVINSI, tahun=2024)
        assert d.bulan[-1].kumulatif == r.total.realisasi
