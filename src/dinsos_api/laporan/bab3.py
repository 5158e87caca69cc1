"""Bab III of the LKIP, computed from a `Masukan` by kinerja_core: pure functions, no I/O.

Every number comes from kinerja_core (capaian, rasio, gabung_komponen, rata_rata, penyerapan,
efisiensi, pertumbuhan, klasifikasi) and is rounded only on output (`bulatkan`, 2 places half-up;
rounding intermediates changes results, oracle Q5). When the input carries the report as
printed, kinerja_core.periksa's findings are attached to the table they are printed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from dinsos_api.laporan import schemas as s
from dinsos_api.laporan.masukan import Indikator, Kegiatan, Masukan, Program, SubKegiatan
from kinerja_core import (
    SKALA_PERMENDAGRI_86_2017,
    Hasil,
    Skala,
    bulatkan,
    hitung_capaian,
    hitung_efisiensi,
    hitung_gabung_komponen,
    hitung_penyerapan,
    hitung_rasio,
    hitung_rata_rata,
    jumlah,
    klasifikasi,
    periksa_laporan,
    pertumbuhan,
    rata_rata_pertumbuhan,
)
from kinerja_core import Temuan as TemuanInti


def _b(nilai: Decimal | None) -> Decimal | None:
    return None if nilai is None else bulatkan(nilai)


def _kriteria(nilai: Decimal | None, skala: Skala) -> tuple[str | None, str | None]:
    if nilai is None:
        return None, None
    k = klasifikasi(nilai, skala)
    return k.label, k.warna


# --- realisations of indicators ---------------------------------------------------------------


def realisasi_indikator(ind: Indikator) -> Hasil:
    """The indicator's realisation: its value, or its pairs combined (mean or pooled ratio)."""
    if ind.komponen:
        return hitung_gabung_komponen(
            [(k.pembilang, k.penyebut) for k in ind.komponen], ind.cara_gabung
        )
    if ind.realisasi is None:
        return Hasil.kosong("realisasi belum diisi")
    return Hasil.ada(ind.realisasi)


# --- Tabel 3.2/3.4 ------------------------------------------------------------------------------


def tabel_iku(
    m: Masukan, skala: Skala = SKALA_PERMENDAGRI_86_2017, h: Hitungan | None = None
) -> s.TabelIku:
    """IKU achievement: capaian per indicator, the simple mean per goal and over the goals."""
    h = h or Hitungan()
    kelompok: dict[str, list[Indikator]] = {}
    for ind in m.indikator:
        kelompok.setdefault(ind.sasaran, []).append(ind)
    daftar_sasaran: list[s.SasaranIku] = []
    catatan: list[str] = []
    capaian_sasaran: list[Decimal | None] = []
    for nama, anggota in kelompok.items():
        baris = []
        nilai: list[Decimal | None] = []
        for ind in anggota:
            r, c = h.realisasi(ind), h.capaian(ind)
            label, warna = _kriteria(c.nilai, skala)
            baris.append(
                s.BarisIku(
                    kode=ind.kode,
                    nama=ind.nama,
                    satuan=ind.satuan,
                    arah=ind.arah.value,
                    target=ind.target,
                    sumber_target=ind.sumber_target,
                    realisasi=_b(r.nilai),
                    capaian=_b(c.nilai),
                    kriteria=label,
                    warna=warna,
                    catatan=c.alasan,
                )
            )
            nilai.append(c.nilai)
            if c.nilai is None:
                catatan.append(
                    f"Indikator {ind.kode} tidak diikutkan dalam rata-rata sasaran: {c.alasan}."
                )
        rata = hitung_rata_rata(nilai, m.batas_atas)
        capaian_sasaran.append(rata.nilai)
        label, warna = _kriteria(rata.nilai, skala)
        daftar_sasaran.append(
            s.SasaranIku(
                nama=nama, indikator=baris, capaian=_b(rata.nilai), kriteria=label, warna=warna
            )
        )
    # Goals are averaged as they are; the cap, if any, applied to the indicators already.
    total = hitung_rata_rata(capaian_sasaran)
    label, warna = _kriteria(total.nilai, skala)
    if m.batas_atas is not None:
        catatan.append(
            f"Capaian tiap indikator dibatasi {bulatkan(m.batas_atas)} sebelum dirata-ratakan."
        )
    return s.TabelIku(
        nomor="Tabel 3.4",
        judul=f"Capaian Indikator Kinerja Utama Tahun {m.tahun}",
        sasaran=daftar_sasaran,
        capaian_total=_b(total.nilai),
        kriteria_total=label,
        warna_total=warna,
        batas_atas=m.batas_atas,
        catatan=catatan,
    )


# --- Tabel 3.5/3.6 ------------------------------------------------------------------------------


def _nomor_pengukuran(i: int) -> str:
    return f"Tabel 3.{4 + i}" if i <= 2 else f"Tabel 3.6.{i - 2}"


def tabel_pengukuran(m: Masukan, h: Hitungan | None = None) -> list[s.TabelPengukuran]:
    """The numerator/denominator measurement of every indicator measured by pairs."""
    h = h or Hitungan()
    hasil = []
    diukur = [ind for ind in m.indikator if ind.komponen]
    for i, ind in enumerate(diukur, start=1):
        realisasi = h.realisasi(ind)
        komponen = []
        for nomor, k in enumerate(ind.komponen, start=1):
            komponen.append(
                s.BarisKomponen(
                    nomor=nomor,
                    uraian_pembilang=k.uraian_pembilang,
                    uraian_penyebut=k.uraian_penyebut,
                    pembilang=k.pembilang,
                    penyebut=k.penyebut,
                    persen=_b(hitung_rasio(k.pembilang, k.penyebut).nilai),
                )
            )
        cara = (
            "rata-rata rasio tiap pasangan"
            if ind.cara_gabung.value == "rata_rata"
            else "rasio gabungan (Σ pembilang ÷ Σ penyebut)"
        )
        hasil.append(
            s.TabelPengukuran(
                nomor=_nomor_pengukuran(i),
                judul=f"Pengukuran Indikator {ind.nama}",
                kode=ind.kode,
                indikator=ind.nama,
                cara_gabung=cara,
                komponen=komponen,
                realisasi=_b(realisasi.nilai),
                catatan=[] if realisasi.berhasil else [str(realisasi.alasan)],
            )
        )
    return hasil


# --- Tabel 3.7 ---------------------------------------------------------------------------------


def _riwayat(m: Masukan) -> dict[str, dict[int, Decimal | None]]:
    return {r.kode: dict(r.realisasi) for r in m.riwayat}


def _rata_terisi(nilai: Iterable[Decimal | None]) -> Decimal | None:
    # A year's total is the mean of the indicators that have a value ('-' is missing, B20).
    return hitung_rata_rata(list(nilai)).nilai


def perbandingan_tahun_lalu(m: Masukan, h: Hitungan | None = None) -> s.TabelPerbandingan | None:
    """This year's realisations against the previous year's, per indicator and in total."""
    h = h or Hitungan()
    if not m.riwayat:
        return None
    lalu = m.tahun - 1
    riwayat = _riwayat(m)
    baris = []
    sekarang_semua: list[Decimal | None] = []
    lalu_semua: list[Decimal | None] = []
    for ind in m.indikator:
        sebelum = riwayat.get(ind.kode, {}).get(lalu)
        kini = h.realisasi(ind).nilai
        sekarang_semua.append(kini)
        lalu_semua.append(sebelum)
        selisih = None if sebelum is None or kini is None else kini - sebelum
        baris.append(
            s.BarisPerbandingan(
                kode=ind.kode,
                nama=ind.nama,
                realisasi_sebelumnya=_b(sebelum),
                realisasi=_b(kini),
                selisih=_b(selisih),
                pertumbuhan=_b(pertumbuhan(sebelum, kini)),
            )
        )
    total_lalu, total_kini = _rata_terisi(lalu_semua), _rata_terisi(sekarang_semua)
    selisih_total = None if total_lalu is None or total_kini is None else total_kini - total_lalu
    return s.TabelPerbandingan(
        nomor="Tabel 3.7",
        judul=f"Perbandingan Realisasi Kinerja Tahun {m.tahun} dengan Tahun {lalu}",
        tahun_sebelumnya=lalu,
        tahun=m.tahun,
        baris=baris,
        total_sebelumnya=_b(total_lalu),
        total=_b(total_kini),
        selisih_total=_b(selisih_total),
        catatan=[
            "Total tiap tahun adalah rata-rata sederhana realisasi indikator yang memiliki "
            "nilai; nilai kosong tidak dihitung sebagai 0. Selisih dalam poin persen."
        ],
    )


def perbandingan_lima_tahun(m: Masukan, h: Hitungan | None = None) -> s.TabelLimaTahun | None:
    """The realisations of the five previous years and this year, with the average growth."""
    h = h or Hitungan()
    if not m.riwayat:
        return None
    tahun = list(range(m.tahun - 5, m.tahun + 1))
    riwayat = _riwayat(m)
    nama_lama = {r.kode: r.nama_sebelumnya for r in m.riwayat}
    baris = []
    per_tahun: dict[int, list[Decimal | None]] = {t: [] for t in tahun}
    for ind in m.indikator:
        deret = [riwayat.get(ind.kode, {}).get(t) for t in tahun[:-1]]
        deret.append(h.realisasi(ind).nilai)
        for t, v in zip(tahun, deret, strict=True):
            per_tahun[t].append(v)
        baris.append(
            s.BarisLimaTahun(
                kode=ind.kode,
                nama=ind.nama,
                nama_sebelumnya=nama_lama.get(ind.kode),
                realisasi=[
                    s.NilaiTahun(tahun=t, nilai=_b(v)) for t, v in zip(tahun, deret, strict=True)
                ],
                target=ind.target,
                capaian=_b(h.capaian(ind).nilai),
                rata_rata_pertumbuhan=_b(rata_rata_pertumbuhan(deret)),
            )
        )
    return s.TabelLimaTahun(
        nomor="Tabel 3.7",
        judul=f"Perbandingan Realisasi Kinerja Tahun {m.tahun} dengan Lima Tahun Sebelumnya",
        tahun=tahun,
        baris=baris,
        total=[s.NilaiTahun(tahun=t, nilai=_b(_rata_terisi(per_tahun[t]))) for t in tahun],
        catatan=[
            "Rata-rata pertumbuhan adalah rata-rata laju pertumbuhan tahunan (persen); laju "
            "yang tidak dapat dihitung (tahun tanpa nilai) tidak diikutkan."
        ],
    )


# --- the budget tree -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Jumlah:
    """Derived pagu and realisasi of a node; None when a child's amount is missing."""

    pagu: Decimal | None
    realisasi: Decimal | None

    @cached_property  # a row shows it and its note reads it again
    def penyerapan(self) -> Hasil:
        return hitung_penyerapan(self.realisasi, self.pagu)


def jumlah_sub(sub: SubKegiatan) -> Jumlah:
    return Jumlah(sub.pagu, sub.realisasi)


def _gabung(anak: Iterable[Jumlah]) -> Jumlah:
    daftar = list(anak)
    return Jumlah(jumlah(a.pagu for a in daftar), jumlah(a.realisasi for a in daftar))


class Hitungan:
    """What several tables share, computed once per report: each indicator's realisation
    and capaian, each budget node's sums. Keyed by object identity (the `Masukan` the
    tables are built from outlives it); `susun` makes one and hands it to every table."""

    def __init__(self) -> None:
        self._realisasi: dict[int, Hasil] = {}
        self._capaian: dict[int, Hasil] = {}
        self._jumlah: dict[int, Jumlah] = {}

    def realisasi(self, ind: Indikator) -> Hasil:
        kunci = id(ind)
        if kunci not in self._realisasi:
            self._realisasi[kunci] = realisasi_indikator(ind)
        return self._realisasi[kunci]

    def capaian(self, ind: Indikator) -> Hasil:
        kunci = id(ind)
        if kunci not in self._capaian:
            r = self.realisasi(ind)
            if r.nilai is not None:
                r = hitung_capaian(r.nilai, ind.target, ind.arah, ind.metode_turun)
            self._capaian[kunci] = r
        return self._capaian[kunci]

    def kegiatan(self, keg: Kegiatan) -> Jumlah:
        kunci = id(keg)
        if kunci not in self._jumlah:
            self._jumlah[kunci] = _gabung(jumlah_sub(x) for x in keg.sub_kegiatan)
        return self._jumlah[kunci]

    def program(self, prog: Program) -> Jumlah:
        kunci = id(prog)
        if kunci not in self._jumlah:
            self._jumlah[kunci] = _gabung(self.kegiatan(k) for k in prog.kegiatan)
        return self._jumlah[kunci]

    def total(self, program: Sequence[Program]) -> Jumlah:
        """The grand total; unknown (None), not 0, when the office holds no budget at all."""
        kunci = id(program)
        if kunci not in self._jumlah:
            self._jumlah[kunci] = (
                _gabung(self.program(p) for p in program) if program else Jumlah(None, None)
            )
        return self._jumlah[kunci]


def _baris(
    kode: str, tingkat: str, nama: str, j: Jumlah, fisik: Decimal | None = None
) -> s.BarisAnggaran:
    return s.BarisAnggaran(
        kode=kode,
        tingkat=tingkat,
        nama=nama,
        pagu=j.pagu,
        realisasi=j.realisasi,
        penyerapan=_b(j.penyerapan.nilai),
        realisasi_fisik=fisik,
    )


def _catatan_anggaran(nama: str, j: Jumlah) -> list[str]:
    if j.penyerapan.berhasil:
        return []
    return [f"{nama}: penyerapan tidak dapat dihitung ({j.penyerapan.alasan})."]


def _nomor_anggaran(i: int) -> str:
    return f"Tabel 3.{8 + i}" if i <= 7 else f"Tabel 3.15.{i - 7}"


def tabel_anggaran(m: Masukan, h: Hitungan | None = None) -> list[s.TabelAnggaran]:
    """One table per program (Tabel 3.9–3.15): kegiatan and sub kegiatan, parents derived."""
    h = h or Hitungan()
    hasil = []
    for i, prog in enumerate(m.program, start=1):
        baris: list[s.BarisAnggaran] = []
        catatan: list[str] = []
        for keg in prog.kegiatan:
            jk = h.kegiatan(keg)
            baris.append(_baris(keg.kode, "kegiatan", keg.nama, jk))
            catatan += _catatan_anggaran(keg.nama, jk)
            for sub in keg.sub_kegiatan:
                js = jumlah_sub(sub)
                baris.append(_baris(sub.kode, "sub_kegiatan", sub.nama, js, sub.realisasi_fisik))
                catatan += _catatan_anggaran(sub.nama, js)
        hasil.append(
            s.TabelAnggaran(
                nomor=_nomor_anggaran(i),
                judul=f"Realisasi Anggaran {prog.nama} Tahun {m.tahun}",
                program=_baris(prog.kode, "program", prog.nama, h.program(prog)),
                baris=baris,
                catatan=catatan,
            )
        )
    return hasil


def tabel_ringkasan(m: Masukan, h: Hitungan | None = None) -> s.TabelRingkasan:
    """The sec 3.8 summary: every program and kegiatan, and the grand total."""
    h = h or Hitungan()
    baris: list[s.BarisAnggaran] = []
    for prog in m.program:
        baris.append(_baris(prog.kode, "program", prog.nama, h.program(prog)))
        baris += [_baris(k.kode, "kegiatan", k.nama, h.kegiatan(k)) for k in prog.kegiatan]
    total = h.total(m.program)
    catatan = (
        _catatan_anggaran("Total belanja", total)
        if m.program
        else ["Tidak ada data anggaran: total belanja tidak disajikan."]
    )
    return s.TabelRingkasan(
        nomor="Ringkasan Bab 3.8",
        judul=f"Realisasi Anggaran Belanja Program dan Kegiatan Tahun {m.tahun}",
        baris=baris,
        pagu_total=total.pagu,
        realisasi_total=total.realisasi,
        penyerapan_total=_b(total.penyerapan.nilai),
        catatan=catatan,
    )


def tabel_bulanan(m: Masukan, h: Hitungan | None = None) -> s.TabelBulanan:
    """The monthly cumulative realisation as a share of the total pagu (S-curve)."""
    pagu = (h or Hitungan()).total(m.program).pagu
    titik = [
        s.TitikBulanan(
            bulan=b.bulan,
            realisasi_kumulatif=b.realisasi_kumulatif,
            persen_realisasi=_b(hitung_penyerapan(b.realisasi_kumulatif, pagu).nilai),
            rencana_kumulatif=b.rencana_kumulatif,
            persen_rencana=_b(hitung_penyerapan(b.rencana_kumulatif, pagu).nilai),
        )
        for b in sorted(m.realisasi_bulanan, key=lambda b: b.bulan)
    ]
    catatan = [] if titik else ["Data realisasi bulanan belum tersedia."]
    return s.TabelBulanan(
        nomor="Grafik 3.1",
        judul=f"Realisasi Anggaran Kumulatif per Bulan Tahun {m.tahun}",
        titik=titik,
        catatan=catatan,
    )


# --- Tabel 3.8 ----------------------------------------------------------------------------------


def tabel_efisiensi(m: Masukan, h: Hitungan | None = None) -> s.TabelEfisiensi:
    """efisiensi = capaian − penyerapan, signed (DESIGN.md; LKIP 2024 prints +2,86 for −2,86)."""
    h = h or Hitungan()
    indikator = {ind.kode: ind for ind in m.indikator}
    program = {p.kode: p for p in m.program}
    penyerapan = {p.kode: h.program(p).penyerapan for p in m.program}
    baris = []
    catatan = []
    for e in m.efisiensi:
        ind, prog = indikator.get(e.kode_indikator), program.get(e.kode_program)
        if ind is None or prog is None:
            catatan.append(
                f"Pasangan indikator {e.kode_indikator} dan program {e.kode_program} "
                "tidak ditemukan."
            )
            continue
        c = h.capaian(ind)
        p = penyerapan[prog.kode]
        ef = hitung_efisiensi(c.nilai, p.nilai)
        baris.append(
            s.BarisEfisiensi(
                kode_indikator=ind.kode,
                indikator=ind.nama,
                kode_program=prog.kode,
                program=prog.nama,
                capaian=_b(c.nilai),
                penyerapan=_b(p.nilai),
                efisiensi=_b(ef.nilai),
                keterangan=_keterangan(ef.nilai, ef.alasan),
            )
        )
    capaian_total = capaian_keseluruhan(m.indikator, m.batas_atas, h)
    penyerapan_total = h.total(m.program).penyerapan.nilai
    return s.TabelEfisiensi(
        nomor="Tabel 3.8",
        judul=f"Efisiensi Penggunaan Sumber Daya Tahun {m.tahun}",
        baris=baris,
        capaian_total=_b(capaian_total),
        penyerapan_total=_b(penyerapan_total),
        efisiensi_total=_b(hitung_efisiensi(capaian_total, penyerapan_total).nilai),
        catatan=[
            *catatan,
            "Efisiensi = capaian kinerja − penyerapan anggaran (poin persen); nilai negatif "
            "berarti anggaran terserap lebih cepat daripada capaian kinerja.",
        ],
    )


def _keterangan(nilai: Decimal | None, alasan: str | None) -> str:
    if nilai is None:
        return f"tidak dapat dihitung: {alasan}"
    return "efisien" if bulatkan(nilai) >= 0 else "tidak efisien"


def capaian_keseluruhan(
    indikator: Iterable[Indikator], batas_atas: Decimal | None = None, h: Hitungan | None = None
) -> Decimal | None:
    """The mean over goals (sasaran) of the mean of their indicators' capaian, unrounded;
    indicators without a capaian are left out (DESIGN.md, LKIP 2024 sec 3.1)."""
    h = h or Hitungan()
    return rata_rata_sasaran(((ind.sasaran, h.capaian(ind).nilai) for ind in indikator), batas_atas)


def rata_rata_sasaran(
    capaian: Iterable[tuple[str, Decimal | None]], batas_atas: Decimal | None = None
) -> Decimal | None:
    """The mean over goals of the mean of (goal, indicator capaian) pairs, unrounded."""
    kelompok: dict[str, list[Decimal | None]] = {}
    for sasaran, nilai in capaian:
        kelompok.setdefault(sasaran, []).append(nilai)
    return hitung_rata_rata(
        [hitung_rata_rata(v, batas_atas).nilai for v in kelompok.values()]
    ).nilai


# --- the checker's findings ----------------------------------------------------------------------


def _temuan(t: TemuanInti) -> s.Temuan:
    return s.Temuan(
        jenis=t.jenis.value,
        lokasi=t.lokasi,
        nama=t.nama,
        nilai_tercetak=t.nilai_tercetak,
        nilai_seharusnya=t.nilai_seharusnya,
        selisih=t.selisih,
        teks_tercetak=t.teks_tercetak,
        teks_seharusnya=t.teks_seharusnya,
        penjelasan=t.penjelasan,
    )


def _kunci(teks: str) -> str:
    return "".join(teks.split()).casefold()


def _bagikan_temuan(laporan: s.LaporanLkip, temuan: Sequence[TemuanInti]) -> None:
    """Attach each finding to the table it is printed in; the rest go to `temuan_lain`."""
    nomor: dict[str, s.Tabel] = {laporan.tabel_iku.nomor: laporan.tabel_iku}
    nomor["Tabel 3.2"] = laporan.tabel_iku
    nomor["Tabel 3.8"] = laporan.efisiensi
    nomor["Bab 3.6.2"] = laporan.efisiensi
    nomor["Bab 3.8"] = laporan.ringkasan_anggaran
    for tabel in [*laporan.pengukuran, *laporan.anggaran]:
        nomor[tabel.nomor] = tabel
    program = {_kunci(a.program.nama): a for a in laporan.anggaran}
    for mentah in temuan:
        t = _temuan(mentah)
        utama = t.lokasi.replace(";", ",").split(",")[0].split(" (")[0].strip()
        tujuan: s.Tabel | None = nomor.get(utama)
        if utama == "Tabel 3.7":
            tujuan = (
                laporan.perbandingan_lima_tahun
                if "lima tahun" in t.lokasi
                else laporan.perbandingan_tahun_lalu
            )
        elif utama == "Bab 3.7":
            # Program rows are printed in the narrative before their table.
            tujuan = program.get(_kunci(t.nama))
        if tujuan is None:
            laporan.temuan_lain.append(t)
        else:
            tujuan.temuan.append(t)


# --- the whole chapter ---------------------------------------------------------------------------


def skala_keluar(skala: Skala) -> list[s.PitaSkala]:
    return [
        s.PitaSkala(kriteria=k.label, warna=k.warna, batas_bawah=k.batas_bawah) for k in skala.pita
    ]


def susun(m: Masukan, skala: Skala = SKALA_PERMENDAGRI_86_2017) -> s.LaporanLkip:
    """Every table of Bab III, followed by the checker's findings on the printed report."""
    h = Hitungan()
    laporan = s.LaporanLkip(
        perangkat_daerah=m.perangkat_daerah,
        nama_perangkat_daerah=m.nama_perangkat_daerah,
        tahun=m.tahun,
        judul=f"Laporan Kinerja Instansi Pemerintah (LKIP) Tahun {m.tahun} — Bab III",
        skala=skala_keluar(skala),
        tabel_iku=tabel_iku(m, skala, h),
        pengukuran=tabel_pengukuran(m, h),
        perbandingan_tahun_lalu=perbandingan_tahun_lalu(m, h),
        perbandingan_lima_tahun=perbandingan_lima_tahun(m, h),
        efisiensi=tabel_efisiensi(m, h),
        anggaran=tabel_anggaran(m, h),
        ringkasan_anggaran=tabel_ringkasan(m, h),
        realisasi_bulanan=tabel_bulanan(m, h),
        jumlah_temuan=0,
        laporan_tercetak_diperiksa=m.laporan_tercetak is not None,
        kelengkapan=list(m.kelengkapan),
    )
    if m.laporan_tercetak is not None:
        temuan = periksa_laporan(m.laporan_tercetak, skala=skala)
        _bagikan_temuan(laporan, temuan)
        laporan.jumlah_temuan = len(temuan)
    return laporan
