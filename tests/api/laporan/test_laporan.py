"""GET /v1/laporan/lkip/{tahun}: JSON, XLSX, HTML and PDF read from the database (the anggaran
and kinerja demos, loaded here), Rote Ndao's report with a live-bound indicator counted from
registry rows made here, access, 404 and 503 problems. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session

from dinsos_api.anggaran import demo as anggaran_demo
from dinsos_api.kinerja import demo as kinerja_demo
from dinsos_api.kinerja import pengukuran
from dinsos_api.laporan import render_pdf
from dinsos_api.penerima.models import DataPmks, Orang
from dinsos_api.wilayah.models import Wilayah
from kinerja_core import bulatkan

URL = "/v1/laporan/lkip/2024"
PROBLEM = "application/problem+json"
MasukSebagai = Callable[..., dict[str, str]]


@pytest.fixture(autouse=True)
def demo(engine: Engine) -> None:
    """The province's 2024 budget and IKU, and Rote Ndao's indicators (`dinsos demo muat`)."""
    with Session(engine) as session:
        anggaran_demo.muat_demo(session)
        kinerja_demo.muat_demo(session)
        session.commit()


def test_json_report(client: TestClient) -> None:
    r = client.get(URL, params={"perangkat_daerah": "dinsos_53"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    data = r.json()
    assert (data["perangkat_daerah"], data["tahun"]) == ("dinsos_53", 2024)
    iku1, iku2 = data["tabel_iku"]["sasaran"][0]["indikator"]
    assert (iku1["capaian"], iku2["capaian"], iku2["kriteria"]) == (111.11, 98.14, "Sangat Baik")
    assert data["ringkasan_anggaran"]["penyerapan_total"] == 77.73
    assert data["ringkasan_anggaran"]["realisasi_total"] == 54237655066
    assert data["jumlah_temuan"] == 43


def test_downloads(client: TestClient) -> None:
    r = client.get(URL, params={"format": "xlsx"})
    assert r.status_code == 200
    assert r.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert r.headers["content-disposition"] == 'attachment; filename="lkip-dinsos_53-2024.xlsx"'
    assert "Tabel 3.4" in load_workbook(BytesIO(r.content)).sheetnames

    r = client.get(URL, params={"format": "html"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["content-disposition"] == 'inline; filename="lkip-dinsos_53-2024.html"'
    assert "<svg" in r.text and "Tabel 3.8" in r.text


@pytest.mark.skipif(render_pdf.cari_chromium() is None, reason="Chromium tidak terpasang")
def test_pdf_download(client: TestClient) -> None:
    r = client.get(URL, params={"format": "pdf"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == 'attachment; filename="lkip-dinsos_53-2024.pdf"'
    assert r.content.startswith(b"%PDF-")


def test_pdf_without_chromium_is_503(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DINSOS_CHROMIUM", "/tidak/ada/chromium")
    r = client.get(URL, params={"format": "pdf"})
    assert r.status_code == 503
    assert r.headers["content-type"] == PROBLEM
    assert "Chromium" in r.json()["detail"]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/v1/laporan/lkip/2027", {}),  # no budget, and no Renstra in force in 2027
        (URL, {"perangkat_daerah": "dinsos_5301"}),  # an office without any data
        (URL, {"perangkat_daerah": "tidak_ada"}),  # an unknown office
    ],
)
def test_no_data_is_404(client: TestClient, url: str, params: dict[str, str]) -> None:
    r = client.get(url, params=params)
    assert r.status_code == 404
    assert r.headers["content-type"] == PROBLEM
    assert "belum tersedia" in r.json()["detail"]


def test_partial_year_says_what_is_missing(client: TestClient) -> None:
    """2023: the predecessor indicators have realisations, but no budget is held for 2023."""
    r = client.get("/v1/laporan/lkip/2023")
    assert r.status_code == 200, r.text
    data = r.json()
    assert [b["nama"] for s in data["tabel_iku"]["sasaran"] for b in s["indikator"]] == [
        "Persentase PMKS yang terakses Perlindungan Sosial",
        "Presentase Pencapaian SPM Sosial",
    ]
    # LKIP 2024 Tabel 3.7 prints 92.13 and 100 for 2023.
    realisasi = [b["realisasi"] for s in data["tabel_iku"]["sasaran"] for b in s["indikator"]]
    assert realisasi == [92.13, 100]
    assert data["anggaran"] == [] and data["jumlah_temuan"] == 0
    assert any("anggaran" in k for k in data["kelengkapan"])
    assert any("laporan tercetak" in k for k in data["kelengkapan"])


def test_bad_parameters_are_422(client: TestClient) -> None:
    r = client.get(URL, params={"format": "docx"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "format"
    r = client.get("/v1/laporan/lkip/1999")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "tahun"


def test_access(anon: TestClient, masuk_sebagai: MasukSebagai) -> None:
    assert anon.get(URL).status_code == 401
    for peran in ("pimpinan", "analis", "petugas_layanan", "admin"):
        assert anon.get(URL, headers=masuk_sebagai(peran)).status_code == 200, peran
    # A district operator does not see the provincial office's report (404, not 403).
    r = anon.get(URL, headers=masuk_sebagai("operator_kabkota", "5301"))
    assert r.status_code == 404


def test_district_operator_sees_only_its_own_office(
    anon: TestClient, masuk_sebagai: MasukSebagai
) -> None:
    kupang = masuk_sebagai("operator_kabkota", "5301")
    for pd in ("dinsos_5314", "dinsos_53"):
        r = anon.get(URL, params={"perangkat_daerah": pd}, headers=kupang)
        assert r.status_code == 404, pd
        assert r.headers["content-type"] == PROBLEM
    rote_ndao = masuk_sebagai("operator_kabkota", "5314")
    r = anon.get(URL, params={"perangkat_daerah": "dinsos_5314"}, headers=rote_ndao)
    assert r.status_code == 200, r.text
    assert anon.get(URL, headers=rote_ndao).status_code == 404  # the province's office


# --- Rote Ndao (dinsos_5314): indicators only, one bound live to the registry ---------------


def _wilayah(session: Session, kode: str, jenis: str, induk: str) -> None:
    titik = ".".join([kode[:2], kode[2:4], kode[4:6], kode[6:]]).rstrip(".")
    session.add(Wilayah(kode=kode, kode_kemendagri=titik, jenis=jenis, nama=f"Uji {kode}",
                        induk_kode=induk))  # fmt: skip


def _pmks(session: Session, desa: str, tahun: int, status: str = "diajukan") -> None:
    orang = Orang(nama="Uji", kode_wilayah="5314", kode_desa=desa)
    session.add(orang)
    session.flush()
    session.add(DataPmks(orang_id=orang.id, kategori_kode="anak_terlantar", tahun=tahun,
                         kode_wilayah="5314", status_verifikasi=status))  # fmt: skip


def _registri_rote_ndao(engine: Engine) -> None:
    """Five villages of Rote Ndao; PMKS records in two of them in 2024."""
    with Session(engine) as session:
        _wilayah(session, "531401", "kecamatan", "5314")
        for desa in ("5314012001", "5314012002", "5314012003", "5314012004"):
            _wilayah(session, desa, "desa", "531401")
        _wilayah(session, "5314011001", "kelurahan", "531401")
        session.flush()
        _pmks(session, "5314012001", 2024)
        _pmks(session, "5314012001", 2024)  # the same village counts once
        _pmks(session, "5314011001", 2024, "terverifikasi")
        _pmks(session, "5314012002", 2024, "ditolak")  # rejected: not counted
        _pmks(session, "5314012003", 2023)  # another year
        session.commit()


def _live(data: dict[str, Any]) -> dict[str, Any]:
    (baris,) = [
        b
        for s in data["tabel_iku"]["sasaran"]
        for b in s["indikator"]
        if b["nama"] == "Tersedianya data PMKS"
    ]
    return baris


def test_rote_ndao_report(client: TestClient, engine: Engine) -> None:
    _registri_rote_ndao(engine)
    params = {"perangkat_daerah": "dinsos_5314"}
    r = client.get(URL, params=params)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["nama_perangkat_daerah"] == "Dinas Sosial Kabupaten Rote Ndao"
    # Seed 003: 11 IKU in 3 sasaran.
    assert len(data["tabel_iku"]["sasaran"]) == 3
    assert sum(len(s["indikator"]) for s in data["tabel_iku"]["sasaran"]) == 11
    live = _live(data)
    # 2 villages with PMKS records in 2024 (5314012001, 5314011001) of 5: 2 / 5 × 100 = 40.
    assert live["realisasi"] == 40
    # The district has not set targets yet: no capaian, and the reason is given.
    assert live["capaian"] is None and live["kriteria"] is None
    assert live["catatan"] == "target belum diisi"
    (ukur,) = [t for t in data["pengukuran"] if t["indikator"] == "Tersedianya data PMKS"]
    (pasangan,) = ukur["komponen"]
    assert (pasangan["pembilang"], pasangan["penyebut"], pasangan["persen"]) == (2, 5, 40)
    # No budget and no printed report: empty budget tables, no findings, and it is said.
    assert data["anggaran"] == [] and data["efisiensi"]["baris"] == []
    assert data["ringkasan_anggaran"]["baris"] == []
    # A sum of no budget is not a budget of 0: the total row is unknown, and it is said.
    ringkasan = data["ringkasan_anggaran"]
    assert [ringkasan[k] for k in ("pagu_total", "realisasi_total", "penyerapan_total")] == [
        None
    ] * 3
    assert ringkasan["catatan"] == ["Tidak ada data anggaran: total belanja tidak disajikan."]
    assert data["efisiensi"]["penyerapan_total"] is None
    assert (data["jumlah_temuan"], data["laporan_tercetak_diperiksa"]) == (0, False)
    kelengkapan = " ".join(data["kelengkapan"])
    assert "anggaran" in kelengkapan and "laporan tercetak" in kelengkapan
    # The live count is made for earlier years too: 2023 has one village (5314012003), 1 / 5.
    lalu = data["perbandingan_tahun_lalu"]
    (baris_lalu,) = [b for b in lalu["baris"] if b["nama"] == "Tersedianya data PMKS"]
    assert (baris_lalu["realisasi_sebelumnya"], baris_lalu["realisasi"]) == (20, 40)

    # Computed at report time: a record in a third village changes the next report.
    with Session(engine) as session:
        _pmks(session, "5314012004", 2024)
        session.commit()
    # 3 / 5 × 100 = 60.
    assert _live(client.get(URL, params=params).json())["realisasi"] == 60

    r = client.get(URL, params={**params, "format": "html"})
    assert r.status_code == 200
    assert "Tersedianya data PMKS" in r.text and "<svg" in r.text
    assert "Data anggaran (DPA) tahun 2024 belum tersedia" in r.text

    r = client.get(URL, params={**params, "format": "xlsx"})
    assert r.status_code == 200
    wb = load_workbook(BytesIO(r.content))
    assert "Kelengkapan Data" in wb.sheetnames
    ws = wb["Tabel 3.4"]
    nilai = [[c.value for c in row] for row in ws.iter_rows()]
    (baris_live,) = [b for b in nilai if "Tersedianya data PMKS" in b]
    assert 60 in baris_live


def test_rote_ndao_with_a_target(client: TestClient, engine: Engine) -> None:
    """Once the district sets a PK target the report computes capaian and kriteria."""
    _registri_rote_ndao(engine)
    daftar = client.get(
        "/v1/indikator", params={"perangkat_daerah": "dinsos_5314", "limit": 500}
    ).json()["data"]
    (indikator,) = [i for i in daftar if i["sumber_live"] == "desa_data_pmks"]
    r = client.put(f"/v1/indikator/{indikator['id']}/target/pk/2024", json={"nilai": 80})
    assert r.status_code == 201, r.text
    data = client.get(URL, params={"perangkat_daerah": "dinsos_5314"}).json()
    live = _live(data)
    # 40 / 80 × 100 = 50.00: Sangat Kurang (below 51).
    assert (live["target"], live["capaian"], live["kriteria"]) == (80, 50, "Sangat Kurang")
    # The only indicator with a capaian: its goal's mean and the overall mean are 50 too.
    assert data["tabel_iku"]["capaian_total"] == 50


def test_batched_reads_agree_with_the_kinerja_service(client: TestClient, engine: Engine) -> None:
    """The report reads the plans in batches (laporan/baca.py); the kinerja service answers
    one indicator and year at a time: both give the same realisasi, capaian and history."""
    _registri_rote_ndao(engine)
    for pd in ("dinsos_53", "dinsos_5314"):
        data = client.get(URL, params={"perangkat_daerah": pd}).json()
        baris = [b for s in data["tabel_iku"]["sasaran"] for b in s["indikator"]]
        with Session(engine) as session:
            ringkas = pengukuran.capaian_iku(session, perangkat_daerah=pd, tahun=2024)
            sejarah = pengukuran.riwayat(
                session, perangkat_daerah=pd, tahun_awal=2019, tahun_akhir=2024
            )
        assert len(baris) == len(ringkas.indikator) > 0
        for b, c in zip(baris, ringkas.indikator, strict=True):
            assert b["kode"] == c.kode
            assert b["realisasi"] == _angka(c.realisasi.nilai), c.kode
            assert b["capaian"] == _angka(c.capaian.nilai), c.kode
        assert data["tabel_iku"]["capaian_total"] == _angka(ringkas.capaian.nilai)
        lima = data["perbandingan_lima_tahun"]
        assert lima is not None
        per_kode = {b["kode"]: b for b in lima["baris"]}
        for ind in sejarah.indikator:
            if ind.kode not in per_kode:  # no earlier value at all: left out of Tabel 3.7
                assert all(t.realisasi.nilai is None for t in ind.tahun[:-1])
                continue
            nilai = [n["nilai"] for n in per_kode[ind.kode]["realisasi"]]
            assert nilai == [_angka(t.realisasi.nilai) for t in ind.tahun], ind.kode


def _angka(nilai: Decimal | None) -> float | None:
    return None if nilai is None else float(bulatkan(nilai))
