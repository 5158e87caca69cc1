"""Measuring performance: capaian per indicator, per goal and overall, the detailed
measurement table and the multi-year history, computed by `kinerja_core` from the stored plans.

This is the service API the LKIP report uses (docs/kinerja.md). Results are plain frozen
dataclasses with exact, unrounded `Decimal` values (`Hasil`: a value or the reason there is
none); round on output with `kinerja_core.bulatkan`. Each result names the target document it
used (`sumber_target`): the PK unless the caller asks for another, never a silent fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from dinsos_api.core.errors import Masalah
from dinsos_api.kinerja import live
from dinsos_api.kinerja import rencana_service as rencana
from dinsos_api.kinerja.models import (
    IndikatorKinerja,
    RealisasiKinerja,
    Renstra,
    SasaranStrategis,
)
from dinsos_api.kinerja.rencana_schemas import SumberLive, SumberTarget
from kinerja_core import (
    Arah,
    CaraGabung,
    Hasil,
    Kriteria,
    MetodeTurun,
    hitung_capaian,
    hitung_gabung_komponen,
    hitung_rasio,
    hitung_rata_rata,
    klasifikasi,
)

__all__ = [
    "CapaianIndikator",
    "CapaianSasaran",
    "KomponenHasil",
    "PengukuranRinci",
    "RingkasanCapaian",
    "RiwayatIndikator",
    "RiwayatTahun",
    "capaian_iku",
    "capaian_indikator",
    "pengukuran_rinci",
    "riwayat",
]


@dataclass(frozen=True)
class KomponenHasil:
    """One numerator/denominator pair and its ratio (LKIP Tabel 3.5/3.6 row)."""

    uraian: str | None
    pembilang_uraian: str | None
    penyebut_uraian: str | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    persen: Hasil


@dataclass(frozen=True)
class CapaianIndikator:
    """Target, realisasi, capaian and kriteria of one indicator for a year (or quarter)."""

    indikator_id: str
    kode: str
    nama: str
    satuan: str
    arah: Arah
    iku: bool
    sasaran_id: str
    sasaran_kode: str
    sasaran_nama: str
    tahun: int
    triwulan: int | None
    sumber_target: SumberTarget
    target: Decimal | None
    realisasi: Hasil
    # "isian" (a value), "komponen" (pairs), "live:<sumber>" (registry), None (nothing yet)
    sumber_realisasi: str | None
    komponen: tuple[KomponenHasil, ...]
    capaian: Hasil
    kriteria: Kriteria | None


@dataclass(frozen=True)
class PengukuranRinci:
    """An indicator's detailed measurement (LKIP Tabel 3.5/3.6) with the report's narrative."""

    capaian: CapaianIndikator
    formula: str | None
    pembilang: str | None
    penyebut: str | None
    cara_gabung: CaraGabung
    program_anggaran: tuple[str, ...]
    faktor_pendukung: str | None
    faktor_penghambat: str | None
    solusi: str | None
    rencana_tindak_lanjut: str | None
    bukti: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class CapaianSasaran:
    sasaran_id: str
    kode: str
    nama: str
    indikator: tuple[str, ...]  # kode of its indicators
    indikator_tanpa_nilai: tuple[str, ...]
    capaian: Hasil  # simple mean of the indicators' capaian
    kriteria: Kriteria | None


@dataclass(frozen=True)
class RingkasanCapaian:
    """LKIP Tabel 3.2/3.4: indicators, goal means and the overall mean of one office."""

    perangkat_daerah: str
    tahun: int
    sumber_target: SumberTarget
    batas_atas: Decimal | None
    indikator: tuple[CapaianIndikator, ...]
    sasaran: tuple[CapaianSasaran, ...]
    sasaran_tanpa_nilai: tuple[str, ...]
    capaian: Hasil  # simple mean over goals
    kriteria: Kriteria | None


@dataclass(frozen=True)
class RiwayatTahun:
    tahun: int
    indikator_id: str  # the indicator (this one or a predecessor) measured that year
    indikator_nama: str
    target: Decimal | None
    realisasi: Hasil
    capaian: Hasil


@dataclass(frozen=True)
class RiwayatIndikator:
    """LKIP Tabel 3.7: one indicator's years, following its predecessors across Renstra."""

    indikator_id: str
    kode: str
    nama: str
    tahun: tuple[RiwayatTahun, ...]


@dataclass(frozen=True)
class RiwayatPerangkatDaerah:
    perangkat_daerah: str
    tahun_awal: int
    tahun_akhir: int
    sumber_target: SumberTarget
    indikator: tuple[RiwayatIndikator, ...]
    # Per year, the simple mean over the indicators (missing values left out, never 0).
    rata_rata_realisasi: dict[int, Hasil] = field(default_factory=dict)
    rata_rata_capaian: dict[int, Hasil] = field(default_factory=dict)


def _kriteria(hasil: Hasil) -> Kriteria | None:
    return None if hasil.nilai is None else klasifikasi(hasil.nilai)


def _desimal(teks: Any) -> Decimal | None:
    return None if teks is None else Decimal(str(teks))


def _kode_wilayah(session: Session, pd_kode: str) -> str | None:
    pd = rencana.perangkat_daerah(session, pd_kode)
    return pd.kode_wilayah if pd else None


def _realisasi(
    session: Session, indikator: IndikatorKinerja, catatan: RealisasiKinerja | None, tahun: int
) -> tuple[Hasil, str | None, tuple[KomponenHasil, ...]]:
    if indikator.sumber_live:
        sumber = SumberLive(indikator.sumber_live)
        hitungan = live.hitung(
            session, sumber, _kode_wilayah(session, indikator.perangkat_daerah_kode), tahun
        )
        rasio = hitung_rasio(hitungan.pembilang, hitungan.penyebut)
        komponen = KomponenHasil(
            uraian=None,
            pembilang_uraian=hitungan.pembilang_uraian,
            penyebut_uraian=hitungan.penyebut_uraian,
            pembilang=hitungan.pembilang,
            penyebut=hitungan.penyebut,
            persen=rasio,
        )
        return rasio, f"live:{sumber.value}", (komponen,)
    if catatan is None:
        return Hasil.kosong("realisasi belum diisi"), None, ()
    if catatan.komponen:
        pasangan = [(_desimal(k["pembilang"]), _desimal(k["penyebut"])) for k in catatan.komponen]
        rincian = tuple(
            KomponenHasil(
                uraian=k.get("uraian"),
                pembilang_uraian=k.get("pembilang_uraian"),
                penyebut_uraian=k.get("penyebut_uraian"),
                pembilang=p,
                penyebut=q,
                persen=hitung_rasio(p, q),
            )
            for k, (p, q) in zip(catatan.komponen, pasangan, strict=True)
        )
        return hitung_gabung_komponen(pasangan, indikator.cara_gabung), "komponen", rincian
    if catatan.nilai is None:
        return Hasil.kosong("realisasi belum diisi"), None, ()
    return Hasil.ada(Decimal(catatan.nilai)), "isian", ()


def _hitung(
    session: Session,
    indikator: IndikatorKinerja,
    sasaran: SasaranStrategis,
    tahun: int,
    triwulan: int | None,
    sumber_target: SumberTarget,
) -> tuple[CapaianIndikator, RealisasiKinerja | None]:
    catatan = rencana.realisasi(session, indikator.id, tahun, triwulan)
    nilai, sumber_realisasi, komponen = _realisasi(session, indikator, catatan, tahun)
    # A quarter is measured against the year's target (realisations are cumulative).
    target_rekaman = rencana.target(session, indikator.id, tahun, sumber_target)
    target = None if target_rekaman is None else Decimal(target_rekaman.nilai)
    if nilai.nilai is None:
        capaian = nilai
    elif target is None:
        capaian = Hasil.kosong(f"target {sumber_target.value} tahun {tahun} belum diisi")
    else:
        metode = MetodeTurun(indikator.metode_turun) if indikator.metode_turun else None
        capaian = hitung_capaian(nilai.nilai, target, Arah(indikator.arah), metode)
    hasil = CapaianIndikator(
        indikator_id=indikator.id,
        kode=indikator.kode,
        nama=indikator.nama,
        satuan=indikator.satuan,
        arah=Arah(indikator.arah),
        iku=indikator.iku,
        sasaran_id=sasaran.id,
        sasaran_kode=sasaran.kode,
        sasaran_nama=sasaran.nama,
        tahun=tahun,
        triwulan=triwulan,
        sumber_target=sumber_target,
        target=target,
        realisasi=nilai,
        sumber_realisasi=sumber_realisasi,
        komponen=komponen,
        capaian=capaian,
        kriteria=_kriteria(capaian),
    )
    return hasil, catatan


def capaian_indikator(
    session: Session,
    indikator_id: str,
    *,
    tahun: int,
    triwulan: int | None = None,
    sumber_target: SumberTarget = SumberTarget.PK,
) -> CapaianIndikator:
    """One indicator's capaian for a year (or a quarter, against the year's target)."""
    indikator = rencana.ambil_indikator(session, indikator_id)
    sasaran = session.get(SasaranStrategis, indikator.sasaran_id)
    assert sasaran is not None
    return _hitung(session, indikator, sasaran, tahun, triwulan, sumber_target)[0]


def _indikator_tahun(
    session: Session, perangkat_daerah: str, tahun: int, hanya_iku: bool
) -> list[tuple[IndikatorKinerja, SasaranStrategis]]:
    """The indicators of the Renstra in force that year, in document order."""
    if rencana.perangkat_daerah(session, perangkat_daerah) is None:
        raise Masalah(404, f"Perangkat daerah {perangkat_daerah} tidak ditemukan.")
    renstra = rencana.renstra_berlaku(session, perangkat_daerah, tahun)
    if renstra is None:
        return []
    stmt = (
        select(IndikatorKinerja, SasaranStrategis)
        .join(SasaranStrategis, col(SasaranStrategis.id) == col(IndikatorKinerja.sasaran_id))
        .where(IndikatorKinerja.renstra_id == renstra.id)
        .order_by(
            col(SasaranStrategis.urutan),
            col(SasaranStrategis.kode),
            col(IndikatorKinerja.urutan),
            col(IndikatorKinerja.kode),
        )
    )
    if hanya_iku:
        stmt = stmt.where(col(IndikatorKinerja.iku).is_(True))
    return [(i, s) for i, s in session.exec(stmt).all()]


def capaian_iku(
    session: Session,
    *,
    perangkat_daerah: str,
    tahun: int,
    sumber_target: SumberTarget = SumberTarget.PK,
    hanya_iku: bool = True,
    batas_atas: Decimal | None = None,
) -> RingkasanCapaian:
    """Tabel 3.2/3.4: every (IKU) indicator's capaian, the mean per sasaran strategis and the
    overall mean over sasaran. Indicators without a value are left out of the means and
    listed; `batas_atas` (e.g. 100) caps each capaian before averaging (off by default)."""
    hasil = [
        _hitung(session, i, s, tahun, None, sumber_target)[0]
        for i, s in _indikator_tahun(session, perangkat_daerah, tahun, hanya_iku)
    ]
    per_sasaran: dict[str, list[CapaianIndikator]] = {}
    for item in hasil:
        per_sasaran.setdefault(item.sasaran_id, []).append(item)
    sasaran: list[CapaianSasaran] = []
    for anggota in per_sasaran.values():
        rata = hitung_rata_rata((i.capaian.nilai for i in anggota), batas_atas)
        sasaran.append(
            CapaianSasaran(
                sasaran_id=anggota[0].sasaran_id,
                kode=anggota[0].sasaran_kode,
                nama=anggota[0].sasaran_nama,
                indikator=tuple(i.kode for i in anggota),
                indikator_tanpa_nilai=tuple(i.kode for i in anggota if i.capaian.nilai is None),
                capaian=rata,
                kriteria=_kriteria(rata),
            )
        )
    # Goal means are already capped: the overall mean is a plain mean of goals.
    keseluruhan = hitung_rata_rata(s.capaian.nilai for s in sasaran)
    return RingkasanCapaian(
        perangkat_daerah=perangkat_daerah,
        tahun=tahun,
        sumber_target=sumber_target,
        batas_atas=batas_atas,
        indikator=tuple(hasil),
        sasaran=tuple(sasaran),
        sasaran_tanpa_nilai=tuple(s.kode for s in sasaran if s.capaian.nilai is None),
        capaian=keseluruhan,
        kriteria=_kriteria(keseluruhan),
    )


def pengukuran_rinci(
    session: Session,
    *,
    perangkat_daerah: str,
    tahun: int,
    sumber_target: SumberTarget = SumberTarget.PK,
    hanya_iku: bool = True,
) -> list[PengukuranRinci]:
    """Tabel 3.5/3.6: each indicator's pairs and their ratios, the combined realisation, its
    capaian, and the narrative (faktor pendukung/penghambat, solusi, tindak lanjut, bukti)."""
    rinci = []
    for indikator, sasaran in _indikator_tahun(session, perangkat_daerah, tahun, hanya_iku):
        hasil, catatan = _hitung(session, indikator, sasaran, tahun, None, sumber_target)
        rinci.append(
            PengukuranRinci(
                capaian=hasil,
                formula=indikator.formula,
                pembilang=indikator.pembilang,
                penyebut=indikator.penyebut,
                cara_gabung=CaraGabung(indikator.cara_gabung),
                program_anggaran=tuple(indikator.program_anggaran),
                faktor_pendukung=catatan.faktor_pendukung if catatan else None,
                faktor_penghambat=catatan.faktor_penghambat if catatan else None,
                solusi=catatan.solusi if catatan else None,
                rencana_tindak_lanjut=catatan.rencana_tindak_lanjut if catatan else None,
                bukti=tuple(catatan.bukti) if catatan else (),
            )
        )
    return rinci


def _indikator_tahun_itu(
    session: Session, indikator: IndikatorKinerja, tahun: int
) -> IndikatorKinerja | None:
    """The indicator measured in `tahun`: this one, or the predecessor whose Renstra held it."""
    kini: IndikatorKinerja | None = indikator
    dilihat: set[str] = set()
    while kini is not None and kini.id not in dilihat:
        dilihat.add(kini.id)
        renstra = session.get(Renstra, kini.renstra_id)
        if renstra is not None and renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
            return kini
        kini = session.get(IndikatorKinerja, kini.pendahulu_id) if kini.pendahulu_id else None
    return None


def riwayat(
    session: Session,
    *,
    perangkat_daerah: str,
    tahun_awal: int,
    tahun_akhir: int,
    sumber_target: SumberTarget = SumberTarget.PK,
    hanya_iku: bool = True,
) -> RiwayatPerangkatDaerah:
    """Tabel 3.7: the indicators in force in `tahun_akhir`, each with its realisation, target
    and capaian for every year from `tahun_awal`, taken from predecessor indicators of earlier
    Renstra where needed; plus the mean realisation and capaian of each year."""
    if tahun_awal > tahun_akhir:
        raise Masalah(
            422, "tahun_awal tidak boleh sesudah tahun_akhir.", jenis="validasi",
            errors=[{"field": "tahun_awal", "message": "sesudah tahun_akhir"}],
        )  # fmt: skip
    daftar: list[RiwayatIndikator] = []
    for indikator, sasaran in _indikator_tahun(session, perangkat_daerah, tahun_akhir, hanya_iku):
        baris = []
        for tahun in range(tahun_awal, tahun_akhir + 1):
            yang_diukur = _indikator_tahun_itu(session, indikator, tahun)
            if yang_diukur is None:
                kosong = Hasil.kosong(f"tidak ada indikator untuk tahun {tahun}")
                baris.append(
                    RiwayatTahun(tahun, indikator.id, indikator.nama, None, kosong, kosong)
                )
                continue
            sasaran_itu = session.get(SasaranStrategis, yang_diukur.sasaran_id) or sasaran
            hasil, _ = _hitung(session, yang_diukur, sasaran_itu, tahun, None, sumber_target)
            baris.append(
                RiwayatTahun(
                    tahun=tahun,
                    indikator_id=yang_diukur.id,
                    indikator_nama=yang_diukur.nama,
                    target=hasil.target,
                    realisasi=hasil.realisasi,
                    capaian=hasil.capaian,
                )
            )
        daftar.append(RiwayatIndikator(indikator.id, indikator.kode, indikator.nama, tuple(baris)))
    return RiwayatPerangkatDaerah(
        perangkat_daerah=perangkat_daerah,
        tahun_awal=tahun_awal,
        tahun_akhir=tahun_akhir,
        sumber_target=sumber_target,
        indikator=tuple(daftar),
        rata_rata_realisasi=_rata_per_tahun(daftar, "realisasi"),
        rata_rata_capaian=_rata_per_tahun(daftar, "capaian"),
    )


def _rata_per_tahun(daftar: Sequence[RiwayatIndikator], kolom: str) -> dict[int, Hasil]:
    per_tahun: dict[int, list[Decimal | None]] = {}
    for item in daftar:
        for baris in item.tahun:
            per_tahun.setdefault(baris.tahun, []).append(getattr(baris, kolom).nilai)
    return {tahun: hitung_rata_rata(nilai) for tahun, nilai in per_tahun.items()}
