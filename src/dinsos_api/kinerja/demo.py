"""This domain's part of `dinsos demo muat`: the province's performance plan and 2024 results
(LKIP 2024, from the project's copies of iku.json, sub_measures.json and history.json) and Rote
Ndao's key indicators (seed 003, data/rote_ndao_iku.yaml).

Idempotent: a Renstra that already exists (maybe edited) is left as it is. Not audited, like
the reference data: this is the initial data set.
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml
from sqlmodel import Session, select

from dinsos_api.kinerja.models import (
    IndikatorKinerja,
    RealisasiKinerja,
    Renstra,
    SasaranStrategis,
    TargetKinerja,
    TujuanRenstra,
)
from dinsos_api.kinerja.rencana_schemas import SumberTarget
from dinsos_api.referensi.models import PerangkatDaerah
from kinerja_core import Arah, CaraGabung, parse_angka

_DATA = resources.files("dinsos_api.kinerja") / "data"


def _json(nama: str) -> Any:
    return json.loads((_DATA / nama).read_text(encoding="utf-8"))


def _yaml(nama: str) -> Any:
    return yaml.safe_load((_DATA / nama).read_text(encoding="utf-8"))


def _ada(session: Session, pd_kode: str, tahun_awal: int) -> bool:
    return (
        session.exec(
            select(Renstra).where(
                Renstra.perangkat_daerah_kode == pd_kode, Renstra.tahun_awal == tahun_awal
            )
        ).first()
        is not None
    )


def _renstra(
    session: Session, pd_kode: str, nama: str, tahun_awal: int, tahun_akhir: int, tujuan: str
) -> tuple[Renstra, TujuanRenstra]:
    renstra = Renstra(
        perangkat_daerah_kode=pd_kode, nama=nama, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir
    )
    session.add(renstra)
    session.flush()
    t = TujuanRenstra(renstra_id=renstra.id, kode="T1", nama=tujuan)
    session.add(t)
    session.flush()
    return renstra, t


def _sasaran(
    session: Session, renstra: Renstra, tujuan: TujuanRenstra, kode: str, nama: str, urutan: int
) -> SasaranStrategis:
    s = SasaranStrategis(
        tujuan_id=tujuan.id, renstra_id=renstra.id, kode=kode, nama=nama, urutan=urutan
    )
    session.add(s)
    session.flush()
    return s


def _indikator(
    session: Session, renstra: Renstra, sasaran: SasaranStrategis, **isian: Any
) -> IndikatorKinerja:
    indikator = IndikatorKinerja(
        sasaran_id=sasaran.id,
        renstra_id=renstra.id,
        perangkat_daerah_kode=renstra.perangkat_daerah_kode,
        arah=Arah.NAIK.value,
        satuan="%",
        **isian,
    )
    session.add(indikator)
    session.flush()
    return indikator


def _muat_provinsi(session: Session) -> int:
    """Renstra 2019–2023 (predecessor indicators with their 2019–2023 realisations) and
    Renstra 2024–2026 (the two IKU, their PK and Renstra targets, the 2024 pairs)."""
    peta = _yaml("provinsi_2024.yaml")
    pd_kode = peta["perangkat_daerah"]
    if session.get(PerangkatDaerah, pd_kode) is None or _ada(session, pd_kode, 2024):
        return 0
    iku = _json("iku.json")
    ukuran = _json("sub_measures.json")
    riwayat = _json("history.json")

    lama = peta["renstra_lama"]
    renstra_lama, tujuan_lama = _renstra(
        session, pd_kode, lama["nama"], lama["tahun_awal"], lama["tahun_akhir"], lama["tujuan"]
    )
    sasaran_lama = _sasaran(session, renstra_lama, tujuan_lama, "SS1", lama["sasaran"], 0)
    baru = peta["renstra"]
    renstra, tujuan = _renstra(
        session, pd_kode, baru["nama"], baru["tahun_awal"], baru["tahun_akhir"], baru["tujuan"]
    )
    ss = iku["sasaran_strategis"][0]
    sasaran = _sasaran(session, renstra, tujuan, "SS1", ss["name"].rstrip("."), 0)

    baris_lima_tahun = riwayat["five_year_Tabel_3_7"]["rows"]
    for urutan, (kode, isi) in enumerate(peta["indikator"].items()):
        sumber_iku = next(i for i in ss["indicators"] if i["id"] == kode)
        baris = baris_lima_tahun[urutan]
        pendahulu = _indikator(
            session, renstra_lama, sasaran_lama, kode=kode, nama=isi["pendahulu"], iku=True,
            cara_gabung=CaraGabung.RATA_RATA.value, urutan=urutan,
        )  # fmt: skip
        for tahun, teks in baris["realisasi"].items():
            session.add(
                RealisasiKinerja(
                    indikator_id=pendahulu.id, tahun=int(tahun), nilai=parse_angka(teks)
                )
            )
        indikator = _indikator(
            session, renstra, sasaran,
            kode=kode,
            nama=isi["nama"],
            iku=True,
            formula=sumber_iku["formula_Tabel_2_3"],
            pembilang=isi["pembilang"],
            penyebut=isi["penyebut"],
            sumber_data=isi["sumber_data"],
            # Oracle Q9: Tabel 3.5 cannot tell the rules apart; each pair weighs the same.
            cara_gabung=CaraGabung.RATA_RATA.value,
            program_anggaran=[peta["program"][p] for p in isi["program"]],
            pendahulu_id=pendahulu.id,
            urutan=urutan,
        )  # fmt: skip
        for sumber, target in (
            (SumberTarget.PK, isi["target_pk"]),
            (SumberTarget.RENSTRA, isi["target_renstra"]),
        ):
            for tahun, nilai in target.items():
                session.add(
                    TargetKinerja(
                        indikator_id=indikator.id, tahun=int(tahun), sumber=sumber.value,
                        nilai=Decimal(nilai), keterangan=_keterangan_target(sumber),
                    )
                )  # fmt: skip
        rincian = ukuran[kode]
        session.add(
            RealisasiKinerja(
                indikator_id=indikator.id,
                tahun=2024,
                komponen=[
                    {
                        "uraian": None,
                        "pembilang_uraian": m["numerator_desc"],
                        "penyebut_uraian": m["denominator_desc"],
                        "pembilang": str(m["numerator"]),
                        "penyebut": str(m["denominator"]),
                    }
                    for m in rincian["measurements"]
                ],
                faktor_penghambat=rincian.get("permasalahan_quote"),
                bukti=[{"uraian": f"LKIP 2024 {rincian['table']}", "tautan": None}],
            )
        )
    session.flush()
    return 2


def _keterangan_target(sumber: SumberTarget) -> str:
    if sumber is SumberTarget.PK:
        return "LKIP 2024 Tabel 2.3 (Perjanjian Kinerja Kepala Dinas)"
    return "LKIP 2024 Tabel 2.1 (target RPD/Renstra 2024–2026)"


def _muat_rote_ndao(session: Session) -> int:
    data = _yaml("rote_ndao_iku.yaml")
    pd_kode = data["perangkat_daerah"]
    r = data["renstra"]
    if session.get(PerangkatDaerah, pd_kode) is None or _ada(session, pd_kode, r["tahun_awal"]):
        return 0
    renstra, tujuan = _renstra(
        session, pd_kode, r["nama"], r["tahun_awal"], r["tahun_akhir"], data["tujuan"]["nama"]
    )
    jumlah = 0
    for n, s in enumerate(data["sasaran"]):
        sasaran = _sasaran(session, renstra, tujuan, s["kode"], s["nama"], n)
        for m, i in enumerate(s["indikator"]):
            _indikator(
                session, renstra, sasaran,
                kode=i["kode"], nama=i["nama"], iku=True,
                definisi_operasional=i["definisi"],
                formula=f"({i['pembilang']}) / ({i['penyebut']}) × 100",
                pembilang=i["pembilang"], penyebut=i["penyebut"],
                sumber_data=i["sumber_data"], unit_penanggung_jawab=i["unit"],
                cara_gabung=CaraGabung.RATA_RATA.value,
                sumber_live=i.get("sumber_live"), urutan=m,
            )  # fmt: skip
            jumlah += 1
    return jumlah


def muat_demo(session: Session) -> str | None:
    """Load the demo records that are missing; a one-line summary, or None if nothing."""
    provinsi = _muat_provinsi(session)
    rote_ndao = _muat_rote_ndao(session)
    session.flush()
    bagian = []
    if provinsi:
        bagian.append(f"{provinsi} IKU provinsi 2024 beserta riwayat 2019–2023")
    if rote_ndao:
        bagian.append(f"{rote_ndao} IKU Dinas Sosial Kab. Rote Ndao")
    return ", ".join(bagian) or None
