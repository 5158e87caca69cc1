"""The province's 2024 IKU from the demo data: capaian, kriteria, target documents, the detailed
measurement and the history equal the oracle's correct values (tests/fixtures/kinerja), not the
misprints; and the service API the LKIP report uses."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from dinsos_api.kinerja import demo, pengukuran
from dinsos_api.kinerja.rencana_schemas import SumberTarget
from kinerja_core import bulatkan

ORAKEL: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "kinerja" / "capaian_2024.json").read_text()
)


def _d(nilai: Any) -> Decimal:
    return Decimal(str(nilai))


@pytest.fixture
def demo_dimuat(engine: Engine) -> Engine:
    with Session(engine) as session:
        ringkasan = demo.muat_demo(session)
        session.commit()
        assert (
            ringkasan
            == "2 IKU provinsi 2024 beserta riwayat 2019–2023, 11 IKU Dinas Sosial Kab. Rote Ndao"
        )
        # Idempotent: a second run adds nothing.
        assert demo.muat_demo(session) is None
    return engine


def test_iku_2024_equal_the_oracle(client: TestClient, demo_dimuat: Engine) -> None:
    hasil = client.get(
        "/v1/capaian-kinerja", params={"perangkat_daerah": "dinsos_53", "tahun": 2024}
    )
    assert hasil.status_code == 200, hasil.text
    body = hasil.json()
    assert body["sumber_target"] == "pk"
    per_kode = {i["kode"]: i for i in body["indikator"]}
    assert list(per_kode) == ["IKU1", "IKU2"]
    for kode in ("IKU1", "IKU2"):
        harap, dapat = ORAKEL[kode], per_kode[kode]
        assert dapat["target"] == harap["target_pk"]
        assert _d(dapat["realisasi"]) == _d(harap["realisasi"])
        assert _d(dapat["capaian"]) == _d(harap["capaian"])
        assert (dapat["kriteria"], dapat["warna"]) == (harap["kriteria"], harap["warna"])
        assert dapat["sumber_realisasi"] == "komponen"
    (sasaran,) = body["sasaran"]
    assert _d(sasaran["capaian"]) == _d(ORAKEL["sasaran_SS1"]["capaian_tanpa_batas"])
    assert _d(body["capaian"]) == _d(ORAKEL["sasaran_SS1"]["capaian_tanpa_batas"])
    assert body["kriteria"] == ORAKEL["sasaran_SS1"]["kriteria"]
    assert _d(body["capaian"]) != _d(ORAKEL["sasaran_SS1"]["tercetak_salah"])

    dibatasi = client.get(
        "/v1/capaian-kinerja",
        params={"perangkat_daerah": "dinsos_53", "tahun": 2024, "batas_atas": 100},
    ).json()
    assert _d(dibatasi["capaian"]) == _d(ORAKEL["sasaran_SS1"]["capaian_batas_100"])
    # The cap only applies to the means: an indicator keeps its real reading.
    assert _d(dibatasi["indikator"][0]["capaian"]) == _d(ORAKEL["IKU1"]["capaian"])


def test_iku2_against_the_renstra_target(client: TestClient, demo_dimuat: Engine) -> None:
    daftar = client.get("/v1/indikator", params={"perangkat_daerah": "dinsos_53", "iku": True})
    iku2 = next(i for i in daftar.json()["data"] if i["kode"] == "IKU2" and "PSKS" in i["nama"])
    hasil = client.get(
        f"/v1/indikator/{iku2['id']}/capaian", params={"tahun": 2024, "sumber_target": "renstra"}
    ).json()
    harap = ORAKEL["IKU2_target_renstra"]
    assert (hasil["sumber_target"], hasil["target"]) == ("renstra", harap["target"])
    assert _d(hasil["capaian"]) == _d(harap["capaian"])


def test_detailed_measurement_tabel_3_5(engine: Engine, demo_dimuat: Engine) -> None:
    with Session(engine) as session:
        rinci = pengukuran.pengukuran_rinci(session, perangkat_daerah="dinsos_53", tahun=2024)
    iku1, iku2 = rinci
    harap = ORAKEL["IKU1_komponen"]
    assert len(iku1.capaian.komponen) == harap["jumlah"]
    assert {k.persen.dibulatkan() for k in iku1.capaian.komponen} == {
        bulatkan(_d(harap["persen_tiap_pasangan"]))
    }
    assert iku1.capaian.komponen[0].pembilang == 220
    assert iku1.program_anggaran == ("1.06.03", "1.06.04", "1.06.05", "1.06.06")
    assert iku2.capaian.komponen[0].pembilang == 227 and iku2.capaian.komponen[0].penyebut == 257
    assert iku2.faktor_penghambat and "130 orang" in iku2.faktor_penghambat
    assert iku2.capaian.capaian.dibulatkan() == _d(ORAKEL["IKU2"]["capaian"])


def test_history_tabel_3_7_follows_predecessors(engine: Engine, demo_dimuat: Engine) -> None:
    with Session(engine) as session:
        hasil = pengukuran.riwayat(
            session, perangkat_daerah="dinsos_53", tahun_awal=2019, tahun_akhir=2024
        )
    iku1 = hasil.indikator[0]
    realisasi = {str(b.tahun): b.realisasi.dibulatkan() for b in iku1.tahun}
    assert realisasi == {k: bulatkan(_d(v)) for k, v in ORAKEL["riwayat_IKU1_realisasi"].items()}
    # 2019–2023 come from the predecessor indicator of Renstra 2019–2023.
    assert iku1.tahun[0].indikator_nama == "Persentase PMKS yang terakses Perlindungan Sosial"
    assert iku1.tahun[0].indikator_id != iku1.indikator_id == iku1.tahun[-1].indikator_id
    harap = ORAKEL["riwayat_rata_realisasi_2023"]
    assert hasil.rata_rata_realisasi[2023].dibulatkan() == _d(harap["nilai"])
    # No PK target before 2024: capaian has no value (never 0) and says why.
    assert iku1.tahun[0].capaian.nilai is None and iku1.tahun[0].capaian.alasan


def test_service_api_names_the_target_document(engine: Engine, demo_dimuat: Engine) -> None:
    with Session(engine) as session:
        pk = pengukuran.capaian_iku(session, perangkat_daerah="dinsos_53", tahun=2024)
        renstra = pengukuran.capaian_iku(
            session, perangkat_daerah="dinsos_53", tahun=2024, sumber_target=SumberTarget.RENSTRA
        )
    assert pk.sumber_target is SumberTarget.PK
    assert renstra.sumber_target is SumberTarget.RENSTRA
    assert [i.target for i in renstra.indikator] == [90, 80]
    # Exact values: the report rounds on output only.
    assert pk.indikator[0].capaian.nilai == Decimal(100) * 100 / 90


def test_unknown_office_is_404(client: TestClient) -> None:
    response = client.get(
        "/v1/capaian-kinerja", params={"perangkat_daerah": "dinsos_99", "tahun": 2024}
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
