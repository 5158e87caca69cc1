"""The report's input read from the database — the budget (anggaran) and the performance
plans (kinerja), in a few batched reads (`baca.py`) — for any perangkat daerah and year.

What a year lacks is left out and said (`Masukan.kelengkapan`), never filled with zeros. The
printed 2024 LKIP of the province (data/laporan_tercetak_2024.json, in the checker's shape) is
the one printed report the system holds: only that office and year get the checker's findings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from sqlmodel import Session

from dinsos_api.anggaran.models import Tingkat
from dinsos_api.kinerja import rencana_service as rencana
from dinsos_api.kinerja.rencana_schemas import SumberTarget
from dinsos_api.laporan import baca
from dinsos_api.laporan.masukan import (
    EfisiensiProgram,
    Indikator,
    Kegiatan,
    Masukan,
    Program,
    RealisasiBulanan,
    RiwayatIndikator,
    SubKegiatan,
)
from kinerja_core import Laporan, jumlah, laporan_dari_dict

KODE_PROVINSI = "dinsos_53"
TAHUN_TERCETAK = 2024
# Tabel 3.7 compares with the five years before the report's year.
TAHUN_RIWAYAT = 5
NOL = Decimal(0)

NAMA_SUMBER_TARGET = {
    SumberTarget.PK: "Perjanjian Kinerja (PK)",
    SumberTarget.PERUBAHAN_PK: "Perubahan Perjanjian Kinerja",
    SumberTarget.RENSTRA: "Renstra",
}


@cache
def laporan_tercetak_2024() -> Laporan:
    """The province's LKIP 2024 as printed (numbers kept as printed strings)."""
    berkas = resources.files("dinsos_api.laporan") / "data" / "laporan_tercetak_2024.json"
    data: dict[str, Any] = json.loads(berkas.read_text(encoding="utf-8"))
    return laporan_dari_dict(data)


def laporan_tercetak(perangkat_daerah: str, tahun: int) -> Laporan | None:
    if (perangkat_daerah, tahun) == (KODE_PROVINSI, TAHUN_TERCETAK):
        return laporan_tercetak_2024()
    return None


def indikator(
    daftar: list[baca.IndikatorTahun], tahun: int, sumber_target: SumberTarget
) -> tuple[tuple[Indikator, ...], tuple[EfisiensiProgram, ...]]:
    """The year's IKU as report input, and their links to budget programs (Tabel 3.8)."""
    hasil: list[Indikator] = []
    efisiensi: list[EfisiensiProgram] = []
    label = label_sumber_target(sumber_target, tahun)
    for item in daftar:
        ind = item.indikator
        hasil.append(
            baca.sebagai_masukan(
                ind.kode, ind.nama, ind.sasaran_nama, ind.satuan, ind.arah, ind.metode_turun,
                ind.cara_gabung, item.target, item.ukuran, label,
            )
        )  # fmt: skip
        efisiensi += [EfisiensiProgram(ind.kode, p) for p in ind.program_anggaran]
    return tuple(hasil), tuple(efisiensi)


def riwayat(daftar: list[baca.IndikatorTahun]) -> tuple[RiwayatIndikator, ...]:
    """Realisations of the years before, through predecessor indicators; indicators without
    any earlier value are left out (Tabel 3.7 is not shown when none has one)."""
    hasil = []
    for item in daftar:
        if all(nilai is None for _, _, nilai in item.riwayat):
            continue
        nama_lama = next(
            (nama for _, nama, _ in reversed(item.riwayat) if nama != item.indikator.nama), None
        )
        hasil.append(
            RiwayatIndikator(
                kode=item.indikator.kode,
                realisasi=tuple((t, nilai) for t, _, nilai in item.riwayat),
                nama_sebelumnya=nama_lama,
            )
        )
    return tuple(hasil)


def program(a: baca.Anggaran) -> tuple[Program, ...]:
    """The budget tree of the latest DPA version; amounts only on sub kegiatan (a sub
    kegiatan without pagu in the version, or without entries, counts 0 as in anggaran)."""
    kode_id = {n.id: n.kode for n in a.simpul}
    sub: dict[str, list[SubKegiatan]] = {}
    kegiatan: dict[str, list[Kegiatan]] = {}
    for n in a.simpul:
        if n.tingkat == Tingkat.SUB_KEGIATAN:
            sub.setdefault(kode_id.get(n.induk_id or "", ""), []).append(
                SubKegiatan(
                    kode=n.kode,
                    nama=n.nama,
                    pagu=a.pagu.get(n.id, NOL),
                    realisasi=jumlah(a.realisasi.get(n.id, [])) or NOL,
                    realisasi_fisik=a.fisik.get(n.id),
                )
            )
    for n in a.simpul:
        if n.tingkat == Tingkat.KEGIATAN:
            kegiatan.setdefault(kode_id.get(n.induk_id or "", ""), []).append(
                Kegiatan(kode=n.kode, nama=n.nama, sub_kegiatan=tuple(sub.get(n.kode, ())))
            )
    return tuple(
        Program(kode=n.kode, nama=n.nama, kegiatan=tuple(kegiatan.get(n.kode, ())))
        for n in a.simpul
        if n.tingkat == Tingkat.PROGRAM
    )


def bulanan(a: baca.Anggaran) -> tuple[RealisasiBulanan, ...]:
    """Cumulative realisation at the end of each month (the S-curve)."""
    hasil = []
    kumulatif = NOL
    for b in range(1, 13):
        kumulatif = jumlah([kumulatif, *a.per_bulan.get(b, [])]) or NOL
        hasil.append(RealisasiBulanan(b, kumulatif))
    return tuple(hasil)


_T = TypeVar("_T")


@contextmanager
def _di_samping(session: Session, bacaan: Callable[[Session], _T]) -> Iterator[Future[_T]]:
    """Run `bacaan` on a second connection of the session's engine while the caller reads on
    its own: the budget and the indicators are independent reads, and the database works
    on one while Python is busy with the other (bench/laporan_lkip.py). Nothing is lost in
    consistency: under READ COMMITTED each statement already sees its own snapshot."""

    def jalankan() -> _T:
        with Session(session.get_bind().engine) as lain:
            return bacaan(lain)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="laporan-baca") as pool:
        yield pool.submit(jalankan)


def masukan(
    session: Session,
    perangkat_daerah: str,
    nama_perangkat_daerah: str,
    kode_wilayah: str | None,
    tahun: int,
    *,
    sumber_target: SumberTarget = SumberTarget.PK,
    batas_atas: Decimal | None = None,
) -> Masukan | None:
    """Everything Bab III needs, or None when the office has neither budget nor IKU that year."""
    with _di_samping(session, lambda s: baca.anggaran(s, perangkat_daerah, tahun)) as nanti:
        dibaca = baca.indikator_tahun(
            session, perangkat_daerah, kode_wilayah, tahun, tahun - TAHUN_RIWAYAT, sumber_target
        )
        ada_anggaran = nanti.result()
    daftar, efisiensi = indikator(dibaca, tahun, sumber_target)
    if ada_anggaran is None and not daftar:
        return None
    kelengkapan: list[str] = []
    if not daftar:
        kelengkapan.append(
            f"Indikator kinerja utama (IKU) tahun {tahun} belum tersedia: Tabel 3.4–3.7 "
            "kosong dan efisiensi (Tabel 3.8) tidak dapat dihitung."
        )
    riwayat_ = riwayat(dibaca)
    if daftar and not riwayat_:
        kelengkapan.append(
            f"Realisasi tahun {tahun - TAHUN_RIWAYAT}–{tahun - 1} belum tersedia: "
            "perbandingan dengan tahun-tahun sebelumnya (Tabel 3.7) tidak disajikan."
        )
    program_: tuple[Program, ...] = ()
    bulanan_: tuple[RealisasiBulanan, ...] = ()
    if ada_anggaran is not None:
        program_ = program(ada_anggaran)
        bulanan_ = bulanan(ada_anggaran)
    else:
        kelengkapan.append(
            f"Data anggaran (DPA) tahun {tahun} belum tersedia: efisiensi (Tabel 3.8), "
            "realisasi anggaran (Tabel 3.9–3.15) dan ringkasan Bab 3.8 kosong."
        )
    tercetak = laporan_tercetak(perangkat_daerah, tahun)
    if tercetak is None:
        kelengkapan.append(
            "Tidak ada laporan tercetak untuk perangkat daerah dan tahun ini, sehingga tidak "
            "ada temuan pemeriksaan."
        )
    return Masukan(
        perangkat_daerah=perangkat_daerah,
        nama_perangkat_daerah=nama_perangkat_daerah,
        tahun=tahun,
        indikator=daftar,
        program=program_,
        riwayat=riwayat_,
        efisiensi=efisiensi if program_ else (),
        realisasi_bulanan=bulanan_,
        batas_atas=batas_atas,
        laporan_tercetak=tercetak,
        kelengkapan=tuple(kelengkapan),
    )


def perangkat_daerah(session: Session, kode: str) -> tuple[str, str | None] | None:
    """The office's name and district (None: the province), or None when it is unknown."""
    pd = rencana.perangkat_daerah(session, kode)
    return None if pd is None else (pd.nama, pd.kode_wilayah)


# --- every office at once (the province-wide summary) ---------------------------------------


@dataclass(frozen=True)
class DataKantor:
    """One office's input to the summary: its IKU of the year and its budget amounts (None:
    no budget tree that year)."""

    kode: str
    nama: str
    kode_wilayah: str | None
    indikator: tuple[Indikator, ...]
    pagu: tuple[Decimal, ...] | None
    realisasi: tuple[Decimal, ...] | None


def label_sumber_target(sumber_target: SumberTarget, tahun: int) -> str:
    return f"{NAMA_SUMBER_TARGET[sumber_target]} {tahun}"


def data_semua_kantor(
    session: Session,
    tahun: int,
    boleh: Callable[[str | None], bool],
    sumber_target: SumberTarget = SumberTarget.PK,
) -> list[DataKantor]:
    """Every office the caller may see (`boleh` on its district) that has IKU or a budget in
    `tahun`, read for all offices together (baca.py: a few queries, no loop per office)."""
    kantor = [k for k in baca.kantor(session) if boleh(k.kode_wilayah)]
    label = label_sumber_target(sumber_target, tahun)
    kode = [k.kode for k in kantor]
    with _di_samping(session, lambda s: baca.anggaran_per_kantor(s, kode, tahun)) as nanti:
        iku = baca.iku_per_kantor(session, kantor, tahun, sumber_target, label)
        anggaran = nanti.result()
    hasil = []
    for k in kantor:
        if k.kode not in iku and k.kode not in anggaran:
            continue
        a = anggaran.get(k.kode)
        hasil.append(
            DataKantor(
                kode=k.kode,
                nama=k.nama,
                kode_wilayah=k.kode_wilayah,
                indikator=tuple(iku.get(k.kode, ())),
                pagu=None if a is None else tuple(a.pagu),
                realisasi=None if a is None else tuple(a.realisasi),
            )
        )
    return hasil
