"""The province-wide summary of the LKIP: one row per office and their total. Pure functions,
no I/O; every figure from kinerja_core, by the same functions as each office's own report
(`bab3`), so a row always equals that office's Tabel 3.4 total and Tabel 3.8 total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dinsos_api.laporan import bab3
from dinsos_api.laporan import schemas as s
from dinsos_api.laporan.sumber import DataKantor
from kinerja_core import (
    SKALA_PERMENDAGRI_86_2017,
    Skala,
    bulatkan,
    hitung_efisiensi,
    hitung_penyerapan,
    hitung_rata_rata,
    jumlah,
    klasifikasi,
)


def _b(nilai: Decimal | None) -> Decimal | None:
    return None if nilai is None else bulatkan(nilai)


def _kriteria(nilai: Decimal | None, skala: Skala) -> tuple[str | None, str | None]:
    if nilai is None:
        return None, None
    k = klasifikasi(nilai, skala)
    return k.label, k.warna


@dataclass(frozen=True)
class _Angka:
    """An office's unrounded figures, computed once for its row and for the total."""

    capaian: Decimal | None
    dihitung: int
    pagu: Decimal | None
    realisasi: Decimal | None


def _angka(d: DataKantor) -> _Angka:
    h = bab3.Hitungan()
    capaian = [h.capaian(ind).nilai for ind in d.indikator]
    # The same rule as the report's Tabel 3.4 total (bab3.capaian_keseluruhan), uncapped.
    keseluruhan = bab3.rata_rata_sasaran(
        (ind.sasaran, c) for ind, c in zip(d.indikator, capaian, strict=True)
    )
    # No budget tree: the totals are unknown, not 0 (a sum of nothing is not a budget).
    return _Angka(
        capaian=keseluruhan,
        dihitung=sum(1 for c in capaian if c is not None),
        pagu=None if d.pagu is None else jumlah(d.pagu),
        realisasi=None if d.realisasi is None else jumlah(d.realisasi),
    )


def _catatan(d: DataKantor, capaian: Decimal | None) -> list[str]:
    catatan = []
    if not d.indikator:
        catatan.append("IKU tahun ini belum tersedia.")
    elif capaian is None:
        catatan.append("Capaian belum dapat dihitung: tidak ada IKU dengan target dan realisasi.")
    if d.pagu is None:
        catatan.append("Data anggaran (DPA) tahun ini belum tersedia.")
    return catatan


def baris_kantor(
    d: DataKantor, a: _Angka, skala: Skala = SKALA_PERMENDAGRI_86_2017
) -> s.BarisRingkasanLkip:
    """One office: the overall capaian of its IKU (uncapped), its budget totals, efficiency."""
    penyerapan = hitung_penyerapan(a.realisasi, a.pagu).nilai
    kriteria, warna = _kriteria(a.capaian, skala)
    return s.BarisRingkasanLkip(
        perangkat_daerah=d.kode,
        nama_perangkat_daerah=d.nama,
        kode_wilayah=d.kode_wilayah,
        jumlah_iku=len(d.indikator),
        jumlah_iku_dihitung=a.dihitung,
        capaian=_b(a.capaian),
        kriteria=kriteria,
        warna=warna,
        pagu=a.pagu,
        realisasi=a.realisasi,
        penyerapan=_b(penyerapan),
        efisiensi=_b(hitung_efisiensi(a.capaian, penyerapan).nilai),
        catatan=_catatan(d, a.capaian),
    )


def total(
    data: Sequence[tuple[DataKantor, _Angka]], skala: Skala = SKALA_PERMENDAGRI_86_2017
) -> s.TotalRingkasanLkip | None:
    """The rows' total: pagu and realisasi summed over the offices with a budget, capaian the
    simple mean of the offices' capaian (offices without one left out), unrounded inputs."""
    if not data:
        return None
    dengan_anggaran = [a for _, a in data if a.pagu is not None and a.realisasi is not None]
    pagu = jumlah(a.pagu for a in dengan_anggaran) if dengan_anggaran else None
    realisasi = jumlah(a.realisasi for a in dengan_anggaran) if dengan_anggaran else None
    penyerapan = hitung_penyerapan(realisasi, pagu).nilai
    capaian = hitung_rata_rata([a.capaian for _, a in data]).nilai
    kriteria, warna = _kriteria(capaian, skala)
    return s.TotalRingkasanLkip(
        jumlah_perangkat_daerah=len(data),
        jumlah_iku=sum(len(d.indikator) for d, _ in data),
        capaian=_b(capaian),
        kriteria=kriteria,
        warna=warna,
        pagu=pagu,
        realisasi=realisasi,
        penyerapan=_b(penyerapan),
        efisiensi=_b(hitung_efisiensi(capaian, penyerapan).nilai),
    )


def susun(
    tahun: int,
    data: Sequence[DataKantor],
    sumber_target: str,
    *,
    terbatas: bool = False,
    skala: Skala = SKALA_PERMENDAGRI_86_2017,
) -> s.RingkasanLkip:
    """The summary of the year; `terbatas`: the caller sees only its own district's office."""
    catatan = [
        "Capaian tiap perangkat daerah adalah rata-rata sederhana per sasaran dari capaian "
        f"IKU-nya terhadap target {sumber_target}, tanpa batas atas; capaian total adalah "
        "rata-rata sederhana capaian perangkat daerah. Pagu dan realisasi total dijumlahkan "
        "dari perangkat daerah yang memiliki data anggaran; efisiensi = capaian − penyerapan.",
    ]
    if terbatas:
        catatan.append(
            "Hanya perangkat daerah wilayah Anda yang ditampilkan; total hanya mencakup baris itu."
        )
    angka = [(d, _angka(d)) for d in data]
    if not data:
        catatan.append(f"Belum ada perangkat daerah dengan IKU atau anggaran tahun {tahun}.")
    return s.RingkasanLkip(
        tahun=tahun,
        judul=f"Ringkasan Capaian Kinerja dan Realisasi Anggaran Perangkat Daerah Tahun {tahun}",
        sumber_target=sumber_target,
        skala=bab3.skala_keluar(skala),
        perangkat_daerah=[baris_kantor(d, a, skala) for d, a in angka],
        total=total(angka, skala),
        catatan=catatan,
    )
