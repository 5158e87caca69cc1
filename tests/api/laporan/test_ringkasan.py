"""GET /v1/laporan/lkip/{tahun}/ringkasan: every office's headline figures and their total,
read from the database (the anggaran and kinerja demos: the province 2024 and Rote Ndao).
Each row must equal the office's own report; every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, event
from sqlmodel import Session

from dinsos_api.anggaran import demo as anggaran_demo
from dinsos_api.core.akses import Aktor, Konteks, Peran
from dinsos_api.kinerja import demo as kinerja_demo
from dinsos_api.laporan import service
from dinsos_api.laporan.schemas import RingkasanLkip
from tests.api.laporan.test_laporan import _registri_rote_ndao

URL = "/v1/laporan/lkip/2024/ringkasan"
PROBLEM = "application/problem+json"
MasukSebagai = Callable[..., dict[str, str]]

# The province's 2024 budget (docs/laporan.md): pagu of the sub kegiatan summed, realisasi
# as printed (oracle A22).
PAGU_53 = 69778259677
REALISASI_53 = 54237655066


@pytest.fixture(autouse=True)
def demo(engine: Engine) -> None:
    with Session(engine) as session:
        anggaran_demo.muat_demo(session)
        kinerja_demo.muat_demo(session)
        session.commit()
    _registri_rote_ndao(engine)


def _baris(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["perangkat_daerah"]: b for b in data["perangkat_daerah"]}


def test_province_summary(client: TestClient) -> None:
    r = client.get(URL)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    data = r.json()
    assert data["tahun"] == 2024
    assert data["sumber_target"] == "Perjanjian Kinerja (PK) 2024"
    # The provincial office first, then the districts.
    assert [b["perangkat_daerah"] for b in data["perangkat_daerah"]] == [
        "dinsos_53",
        "dinsos_5314",
    ]
    prov = _baris(data)["dinsos_53"]
    # Oracle: IKU 111.11 and 98.14, mean 104.625 -> 104.63 uncapped; penyerapan 77.73.
    assert (prov["jumlah_iku"], prov["jumlah_iku_dihitung"]) == (2, 2)
    assert (prov["capaian"], prov["kriteria"], prov["warna"]) == (
        104.63,
        "Sangat Baik",
        "Hijau Tua",
    )
    assert (prov["pagu"], prov["realisasi"], prov["penyerapan"]) == (PAGU_53, REALISASI_53, 77.73)
    # 104.625 − 54237655066 / 69778259677 × 100 = 26.8964… -> 26.90.
    assert prov["efisiensi"] == 26.90
    assert prov["kode_wilayah"] is None and prov["catatan"] == []

    rote = _baris(data)["dinsos_5314"]
    assert rote["nama_perangkat_daerah"] == "Dinas Sosial Kabupaten Rote Ndao"
    assert rote["kode_wilayah"] == "5314"
    # Seed 003: 11 IKU, no target set yet, and no budget: nothing is 0, everything unknown.
    assert (rote["jumlah_iku"], rote["jumlah_iku_dihitung"]) == (11, 0)
    assert [rote[k] for k in ("capaian", "kriteria", "pagu", "realisasi", "penyerapan")] == [
        None
    ] * 5
    assert rote["efisiensi"] is None
    assert any("anggaran" in c for c in rote["catatan"])

    total = data["total"]
    assert (total["jumlah_perangkat_daerah"], total["jumlah_iku"]) == (2, 13)
    # Only the province has a capaian and a budget: the total is its figures.
    assert (total["capaian"], total["kriteria"]) == (104.63, "Sangat Baik")
    assert (total["pagu"], total["realisasi"], total["penyerapan"]) == (
        PAGU_53,
        REALISASI_53,
        77.73,
    )
    assert total["efisiensi"] == 26.90


def test_rows_equal_each_office_report(client: TestClient) -> None:
    data = client.get(URL).json()
    assert len(data["perangkat_daerah"]) == 2
    for b in data["perangkat_daerah"]:
        lap = client.get(
            "/v1/laporan/lkip/2024", params={"perangkat_daerah": b["perangkat_daerah"]}
        ).json()
        iku = lap["tabel_iku"]
        assert b["jumlah_iku"] == sum(len(s["indikator"]) for s in iku["sasaran"])
        assert (b["capaian"], b["kriteria"], b["warna"]) == (
            iku["capaian_total"],
            iku["kriteria_total"],
            iku["warna_total"],
        )
        ringkas = lap["ringkasan_anggaran"]
        assert (b["pagu"], b["realisasi"], b["penyerapan"]) == (
            ringkas["pagu_total"],
            ringkas["realisasi_total"],
            ringkas["penyerapan_total"],
        )
        assert b["efisiensi"] == lap["efisiensi"]["efisiensi_total"]


def test_total_is_the_mean_of_the_offices(client: TestClient) -> None:
    """Once Rote Ndao sets a target for its live indicator it has a capaian of its own."""
    daftar = client.get(
        "/v1/indikator", params={"perangkat_daerah": "dinsos_5314", "limit": 500}
    ).json()["data"]
    (indikator,) = [i for i in daftar if i["sumber_live"] == "desa_data_pmks"]
    r = client.put(f"/v1/indikator/{indikator['id']}/target/pk/2024", json={"nilai": 80})
    assert r.status_code == 201, r.text
    data = client.get(URL).json()
    rote = _baris(data)["dinsos_5314"]
    # 2 of 5 villages have PMKS data: 40 / 80 × 100 = 50.00, Sangat Kurang (below 51).
    assert (rote["jumlah_iku_dihitung"], rote["capaian"], rote["kriteria"]) == (
        1,
        50,
        "Sangat Kurang",
    )
    assert rote["efisiensi"] is None  # no budget: no penyerapan to set against
    total = data["total"]
    # (104.625 + 50) / 2 = 77.3125 -> 77.31, Baik (76 ≤ x < 91).
    assert (total["capaian"], total["kriteria"]) == (77.31, "Baik")
    # Signed: 77.3125 − 77.7286 = −0.4161 -> −0.42.
    assert total["efisiensi"] == -0.42
    assert total["pagu"] == PAGU_53


def test_district_operator_sees_only_its_office(
    anon: TestClient, masuk_sebagai: MasukSebagai
) -> None:
    r = anon.get(URL, headers=masuk_sebagai("operator_kabkota", "5314"))
    assert r.status_code == 200, r.text
    data = r.json()
    assert [b["perangkat_daerah"] for b in data["perangkat_daerah"]] == ["dinsos_5314"]
    # The total covers only what the operator may see.
    assert (data["total"]["jumlah_perangkat_daerah"], data["total"]["jumlah_iku"]) == (1, 11)
    assert data["total"]["pagu"] is None
    assert any("wilayah Anda" in c for c in data["catatan"])
    # A district with no office data: an empty summary, not the others' rows.
    r = anon.get(URL, headers=masuk_sebagai("operator_kabkota", "5301"))
    assert r.status_code == 200
    assert (r.json()["perangkat_daerah"], r.json()["total"]) == ([], None)
    for peran in ("pimpinan", "analis", "petugas_layanan", "admin"):
        r = anon.get(URL, headers=masuk_sebagai(peran))
        assert r.status_code == 200, peran
        assert len(r.json()["perangkat_daerah"]) == 2, peran
    assert anon.get(URL).status_code == 401


def test_year_without_data_is_an_empty_summary(client: TestClient) -> None:
    r = client.get("/v1/laporan/lkip/2030/ringkasan")
    assert r.status_code == 200
    data = r.json()
    assert (data["perangkat_daerah"], data["total"]) == ([], None)
    assert any("Belum ada perangkat daerah" in c for c in data["catatan"])


def test_year_with_indicators_only(client: TestClient) -> None:
    """2023: the province's predecessor indicators have realisations but no budget."""
    data = client.get("/v1/laporan/lkip/2023/ringkasan").json()
    prov = _baris(data)["dinsos_53"]
    lap = client.get("/v1/laporan/lkip/2023").json()
    assert prov["capaian"] == lap["tabel_iku"]["capaian_total"]
    assert prov["jumlah_iku"] == 2
    assert (prov["pagu"], prov["realisasi"], prov["penyerapan"], prov["efisiensi"]) == (
        None,
        None,
        None,
        None,
    )


def test_xlsx(client: TestClient) -> None:
    r = client.get(URL, params={"format": "xlsx"})
    assert r.status_code == 200
    assert r.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert r.headers["content-disposition"] == 'attachment; filename="lkip-ringkasan-2024.xlsx"'
    wb = load_workbook(BytesIO(r.content))
    assert wb.sheetnames == ["Ringkasan LKIP"]
    ws = wb["Ringkasan LKIP"]
    baris = {row[0].value: row for row in ws.iter_rows() if row[0].value}
    prov = baris["dinsos_53"]
    # Real number cells: capaian, pagu, realisasi, penyerapan, efisiensi.
    nilai = [c.value for c in prov[3:11]]
    assert nilai == [2, 2, 104.63, "Sangat Baik", PAGU_53, REALISASI_53, 77.73, 26.9]
    assert all(isinstance(v, int | float) for i, v in enumerate(nilai) if i != 3)
    assert prov[5].number_format == "#,##0.00" and prov[7].number_format == "#,##0"
    assert prov[6].fill.fgColor.rgb != "00000000"  # kriteria cell coloured
    (total,) = [row for row in ws.iter_rows() if str(row[1].value).startswith("TOTAL")]
    assert total[3].value == 13 and total[7].value == PAGU_53


def test_bad_parameters_are_422(client: TestClient) -> None:
    r = client.get(URL, params={"format": "pdf"})
    assert r.status_code == 422
    assert r.headers["content-type"] == PROBLEM
    assert r.json()["errors"][0]["field"] == "format"
    r = client.get("/v1/laporan/lkip/1999/ringkasan")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "tahun"


def _ringkasan_tercatat(engine: Engine, catat: Callable[..., None]) -> RingkasanLkip:
    """The 2024 summary as a leader sees it, with `catat` told of every statement run."""
    aktor = Aktor(jenis="pengguna", id="uji", nama="uji", peran=Peran.PIMPINAN)
    event.listen(engine, "before_cursor_execute", catat)
    try:
        with Session(engine) as session:
            return service.ringkasan_lkip(session, Konteks(aktor, None, None), 2024)
    finally:
        event.remove(engine, "before_cursor_execute", catat)


def test_reads_are_batched(engine: Engine) -> None:
    """A handful of queries for all offices together, whatever their number of indicators
    (Rote Ndao's live indicator adds its two registry counts once)."""
    pernyataan: list[str] = []

    def catat(*args: Any) -> None:
        pernyataan.append(str(args[2]))

    hasil = _ringkasan_tercatat(engine, catat)
    assert len(hasil.perangkat_daerah) == 2
    # Offices, Renstra, IKU with their targets and realisations, 2 live counts, budget
    # offices, DPA versions, pagu, realisation entries: 9 statements for 13 IKU, 2 offices.
    assert len(pernyataan) == 9, pernyataan


def test_budget_is_read_on_a_second_connection(engine: Engine) -> None:
    """The budget read overlaps the indicator read: its statements run on another database
    connection than the request's session (sumber._di_samping)."""
    koneksi: dict[str, set[int]] = {"anggaran": set(), "kinerja": set()}

    def catat(conn: Any, _cursor: Any, pernyataan: str, *_: Any) -> None:
        jenis = "anggaran" if "anggaran_" in pernyataan else "kinerja"
        if "indikator_kinerja" in pernyataan or "anggaran_" in pernyataan:
            koneksi[jenis].add(id(conn.connection.dbapi_connection))

    hasil = _ringkasan_tercatat(engine, catat)
    assert {b.perangkat_daerah for b in hasil.perangkat_daerah} == {"dinsos_53", "dinsos_5314"}
    assert len(koneksi["anggaran"]) == len(koneksi["kinerja"]) == 1
    assert koneksi["anggaran"].isdisjoint(koneksi["kinerja"])


def test_an_error_in_the_budget_read_reaches_the_caller(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure on the second connection is raised to the request (and so answered as a
    problem), never swallowed into a report without its budget."""

    def gagal(*_: Any) -> None:
        raise RuntimeError("anggaran tidak terbaca")

    monkeypatch.setattr("dinsos_api.laporan.baca.anggaran_per_kantor", gagal)
    aktor = Aktor(jenis="pengguna", id="uji", nama="uji", peran=Peran.PIMPINAN)
    with Session(engine) as session, pytest.raises(RuntimeError, match="tidak terbaca"):
        service.ringkasan_lkip(session, Konteks(aktor, None, None), 2024)
