"""Live binding: Rote Ndao's "Tersedianya data PMKS" counts villages with PMKS records in the
registry ÷ all villages of the district, computed when asked, from rows made here."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from dinsos_api.kinerja import demo, live
from dinsos_api.kinerja.rencana_schemas import SumberLive
from dinsos_api.layanan.katalog import muat_katalog
from dinsos_api.layanan.models import LayananVersi, Permohonan
from dinsos_api.penerima.models import DataPmks, Orang
from dinsos_api.wilayah.models import Wilayah


def _wilayah(session: Session, kode: str, jenis: str, induk: str) -> None:
    titik = ".".join([kode[:2], kode[2:4], kode[4:6], kode[6:]]).rstrip(".")
    session.add(Wilayah(kode=kode, kode_kemendagri=titik, jenis=jenis, nama=f"Uji {kode}",
                        induk_kode=induk))  # fmt: skip


def _pmks(session: Session, distrik: str, desa: str, tahun: int, status: str = "diajukan") -> None:
    orang = Orang(nama="Uji", kode_wilayah=distrik, kode_desa=desa)
    session.add(orang)
    session.flush()
    session.add(
        DataPmks(
            orang_id=orang.id, kategori_kode="anak_terlantar", tahun=tahun,
            kode_wilayah=distrik, status_verifikasi=status,
        )
    )  # fmt: skip


def _registri(engine: Engine) -> None:
    with Session(engine) as session:
        _wilayah(session, "531401", "kecamatan", "5314")
        for desa in ("5314012001", "5314012002", "5314012003"):
            _wilayah(session, desa, "desa", "531401")
        _wilayah(session, "5314011001", "kelurahan", "531401")
        _wilayah(session, "530101", "kecamatan", "5301")
        _wilayah(session, "5301012001", "desa", "530101")
        session.flush()
        _pmks(session, "5314", "5314012001", 2024)
        _pmks(session, "5314", "5314012001", 2024)  # same village: counted once
        _pmks(session, "5314", "5314011001", 2024, "terverifikasi")
        _pmks(session, "5314", "5314012002", 2023)  # another year
        _pmks(session, "5314", "5314012003", 2024, "ditolak")  # rejected records do not count
        _pmks(session, "5301", "5301012001", 2024)  # another district
        demo.muat_demo(session)
        session.commit()


def test_live_indicator_counts_registry_rows(client: TestClient, engine: Engine) -> None:
    _registri(engine)
    daftar = client.get(
        "/v1/indikator", params={"perangkat_daerah": "dinsos_5314", "limit": 500}
    ).json()["data"]
    (indikator,) = [i for i in daftar if i["sumber_live"] == "desa_data_pmks"]
    assert indikator["nama"] == "Tersedianya data PMKS"
    base = f"/v1/indikator/{indikator['id']}"
    assert client.put(f"{base}/target/pk/2024", json={"nilai": 80}).status_code == 201

    hasil = client.get(f"{base}/capaian", params={"tahun": 2024}).json()
    (komponen,) = hasil["komponen"]
    # 2 villages (5314012001, 5314011001) of 4 in Rote Ndao: 50 %; 50 / 80 × 100 = 62.5.
    assert (komponen["pembilang"], komponen["penyebut"]) == (2, 4)
    assert (hasil["realisasi"], hasil["capaian"], hasil["kriteria"]) == (50, 62.5, "Kurang")
    assert hasil["sumber_realisasi"] == "live:desa_data_pmks"

    # Computed when asked: a new record in a third village changes the answer at once.
    with Session(engine) as session:
        _pmks(session, "5314", "5314012003", 2024)
        session.commit()
    lagi = client.get(f"{base}/capaian", params={"tahun": 2024}).json()
    assert (lagi["komponen"][0]["pembilang"], lagi["realisasi"]) == (3, 75)


def test_live_indicator_refuses_typed_values(client: TestClient, engine: Engine) -> None:
    _registri(engine)
    daftar = client.get(
        "/v1/indikator", params={"perangkat_daerah": "dinsos_5314", "limit": 500}
    ).json()["data"]
    (indikator,) = [i for i in daftar if i["sumber_live"] == "desa_data_pmks"]
    base = f"/v1/indikator/{indikator['id']}/realisasi/2024"
    response = client.put(base, json={"nilai": 90})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "nilai"
    # The narrative is still the operator's to write.
    narasi = client.put(base, json={"faktor_penghambat": "Pendataan belum merata"})
    assert narasi.status_code == 201


def test_verified_share_binding(client: TestClient, engine: Engine) -> None:
    _registri(engine)
    sasaran_id = client.get("/v1/indikator", params={"perangkat_daerah": "dinsos_5314"}).json()[
        "data"
    ][0]["sasaran_id"]
    body = {"sasaran_id": sasaran_id, "kode": "X1", "nama": "PMKS terverifikasi",
            "sumber_live": "pmks_terverifikasi"}  # fmt: skip
    indikator = client.post("/v1/indikator", json=body).json()
    hasil = client.get(f"/v1/indikator/{indikator['id']}/capaian", params={"tahun": 2024}).json()
    # 2024, Rote Ndao, not rejected: 3 records, 1 verified -> 33.33 %; no target yet.
    assert (hasil["komponen"][0]["pembilang"], hasil["komponen"][0]["penyebut"]) == (1, 3)
    assert hasil["realisasi"] == 33.33
    assert hasil["capaian"] is None and hasil["catatan"] == "target pk tahun 2024 belum diisi"


def test_services_on_time_binding(engine: Engine) -> None:
    """The decree's compliance measure as a live figure: requests completed on time ÷
    requests completed, filed in the year, for a district or the whole province."""
    wita = timezone(timedelta(hours=8))
    with Session(engine) as session:
        muat_katalog(session)
        versi = session.exec(select(LayananVersi)).first()
        assert versi is not None

        def permohonan(nomor: str, wilayah: str, selesai_jam: int | None) -> None:
            mulai = datetime(2026, 3, 2, 9, tzinfo=wita)
            session.add(
                Permohonan(
                    nomor=nomor, layanan_kode=versi.kode, layanan_versi_id=versi.id,
                    kanal="langsung", status="selesai" if selesai_jam else "diproses",
                    kode_wilayah=wilayah, pemohon_nama="Uji", token_hash="0" * 64,
                    diajukan_pada=mulai, jam_mulai=mulai,
                    jatuh_tempo=mulai + timedelta(hours=48),
                    selesai_pada=mulai + timedelta(hours=selesai_jam) if selesai_jam else None,
                )
            )  # fmt: skip

        permohonan("UJI-1", "5314", 24)  # on time
        permohonan("UJI-2", "5314", 72)  # late
        permohonan("UJI-3", "5314", None)  # still open: not counted
        permohonan("UJI-4", "5301", 24)  # another district
        session.commit()
        rote = live.hitung(session, SumberLive.LAYANAN_TEPAT_WAKTU, "5314", 2026)
        provinsi = live.hitung(session, SumberLive.LAYANAN_TEPAT_WAKTU, None, 2026)
        lain_tahun = live.hitung(session, SumberLive.LAYANAN_TEPAT_WAKTU, None, 2025)
    assert (rote.pembilang, rote.penyebut) == (1, 2)
    assert (provinsi.pembilang, provinsi.penyebut) == (2, 3)
    assert (lain_tahun.pembilang, lain_tahun.penyebut) == (0, 0)
