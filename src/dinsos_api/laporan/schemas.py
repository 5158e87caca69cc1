"""The computed Bab III: the JSON response, and the one structure every renderer reads.

Numbers are already rounded for output (2 places, ROUND_HALF_UP, by kinerja_core.bulatkan);
money is exact rupiah. `None` means "cannot be computed" and the row's `catatan` says why.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from dinsos_api.core.angka import AngkaKeluar


class Format(StrEnum):
    JSON = "json"
    XLSX = "xlsx"
    HTML = "html"
    PDF = "pdf"


class Temuan(BaseModel):
    """A discrepancy the checker (kinerja_core.periksa) found in the printed report."""

    jenis: str
    lokasi: str
    nama: str
    nilai_tercetak: AngkaKeluar | None = None
    nilai_seharusnya: AngkaKeluar | None = None
    selisih: AngkaKeluar | None = None
    teks_tercetak: str | None = None
    teks_seharusnya: str | None = None
    penjelasan: str


class PitaSkala(BaseModel):
    """One band of the rating scale (LKIP Tabel 3.1)."""

    kriteria: str
    warna: str
    batas_bawah: AngkaKeluar | None


class Tabel(BaseModel):
    """What every table has: its number as in the LKIP, a title, and the findings after it."""

    nomor: str
    judul: str
    temuan: list[Temuan] = Field(default_factory=list)
    catatan: list[str] = Field(default_factory=list)


class BarisIku(BaseModel):
    kode: str
    nama: str
    satuan: str
    arah: str
    target: AngkaKeluar | None
    sumber_target: str
    realisasi: AngkaKeluar | None
    capaian: AngkaKeluar | None
    kriteria: str | None
    warna: str | None
    catatan: str | None = None


class SasaranIku(BaseModel):
    nama: str
    indikator: list[BarisIku]
    capaian: AngkaKeluar | None
    kriteria: str | None
    warna: str | None


class TabelIku(Tabel):
    """Tabel 3.2/3.4: target, realisasi, capaian and kriteria per IKU, goal and overall."""

    sasaran: list[SasaranIku]
    capaian_total: AngkaKeluar | None
    kriteria_total: str | None
    warna_total: str | None
    batas_atas: AngkaKeluar | None = None


class BarisKomponen(BaseModel):
    nomor: int
    uraian_pembilang: str
    uraian_penyebut: str
    pembilang: AngkaKeluar | None
    penyebut: AngkaKeluar | None
    persen: AngkaKeluar | None


class TabelPengukuran(Tabel):
    """Tabel 3.5/3.6: the numerator/denominator pairs of one indicator."""

    kode: str
    indikator: str
    cara_gabung: str
    komponen: list[BarisKomponen]
    realisasi: AngkaKeluar | None


class BarisPerbandingan(BaseModel):
    kode: str
    nama: str
    realisasi_sebelumnya: AngkaKeluar | None
    realisasi: AngkaKeluar | None
    selisih: AngkaKeluar | None
    pertumbuhan: AngkaKeluar | None


class TabelPerbandingan(Tabel):
    """Tabel 3.7 (previous year): realisations of this year against last year's."""

    tahun_sebelumnya: int
    tahun: int
    baris: list[BarisPerbandingan]
    total_sebelumnya: AngkaKeluar | None
    total: AngkaKeluar | None
    selisih_total: AngkaKeluar | None


class NilaiTahun(BaseModel):
    tahun: int
    nilai: AngkaKeluar | None


class BarisLimaTahun(BaseModel):
    kode: str
    nama: str
    nama_sebelumnya: str | None
    realisasi: list[NilaiTahun]
    target: AngkaKeluar | None
    capaian: AngkaKeluar | None
    rata_rata_pertumbuhan: AngkaKeluar | None


class TabelLimaTahun(Tabel):
    """Tabel 3.7 (five years): realisations of the earlier years and this year's."""

    tahun: list[int]
    baris: list[BarisLimaTahun]
    total: list[NilaiTahun]


class BarisEfisiensi(BaseModel):
    kode_indikator: str
    indikator: str
    kode_program: str
    program: str
    capaian: AngkaKeluar | None
    penyerapan: AngkaKeluar | None
    efisiensi: AngkaKeluar | None
    keterangan: str


class TabelEfisiensi(Tabel):
    """Tabel 3.8: efficiency = capaian − penyerapan, signed, per program and overall."""

    baris: list[BarisEfisiensi]
    capaian_total: AngkaKeluar | None
    penyerapan_total: AngkaKeluar | None
    efisiensi_total: AngkaKeluar | None


class BarisAnggaran(BaseModel):
    kode: str
    tingkat: str
    nama: str
    pagu: AngkaKeluar | None
    realisasi: AngkaKeluar | None
    penyerapan: AngkaKeluar | None
    realisasi_fisik: AngkaKeluar | None = None


class TabelAnggaran(Tabel):
    """Tabel 3.9–3.15: one program's kegiatan and sub kegiatan (parents derived)."""

    program: BarisAnggaran
    baris: list[BarisAnggaran]


class TabelRingkasan(Tabel):
    """The sec 3.8 summary: programs and kegiatan with the grand total."""

    baris: list[BarisAnggaran]
    pagu_total: AngkaKeluar | None
    realisasi_total: AngkaKeluar | None
    penyerapan_total: AngkaKeluar | None


class TitikBulanan(BaseModel):
    bulan: int
    realisasi_kumulatif: AngkaKeluar
    persen_realisasi: AngkaKeluar | None
    rencana_kumulatif: AngkaKeluar | None = None
    persen_rencana: AngkaKeluar | None = None


class TabelBulanan(Tabel):
    """The monthly cumulative realisation (the S-curve), as a share of the total pagu."""

    titik: list[TitikBulanan]


class LaporanLkip(BaseModel):
    """Bab III of an LKIP: every table, computed by kinerja_core, with the checker's findings."""

    perangkat_daerah: str
    nama_perangkat_daerah: str
    tahun: int
    judul: str
    skala: list[PitaSkala]
    tabel_iku: TabelIku
    pengukuran: list[TabelPengukuran]
    perbandingan_tahun_lalu: TabelPerbandingan | None
    perbandingan_lima_tahun: TabelLimaTahun | None
    efisiensi: TabelEfisiensi
    anggaran: list[TabelAnggaran]
    ringkasan_anggaran: TabelRingkasan
    realisasi_bulanan: TabelBulanan
    temuan_lain: list[Temuan] = Field(
        default_factory=list,
        description="Temuan pemeriksa pada bagian laporan di luar tabel Bab III.",
    )
    jumlah_temuan: int
    laporan_tercetak_diperiksa: bool = Field(
        default=False,
        description="True bila laporan tercetak tahun ini tersedia dan telah diperiksa.",
    )
    kelengkapan: list[str] = Field(
        default_factory=list,
        description="Bagian data yang belum tersedia untuk tahun ini (tabelnya kosong).",
    )


# --- the province-wide summary: one row per office --------------------------------------------


class FormatRingkasan(StrEnum):
    JSON = "json"
    XLSX = "xlsx"


class BarisRingkasanLkip(BaseModel):
    """One office's headline figures of the year, as in its own report (Tabel 3.4 and 3.8)."""

    perangkat_daerah: str = Field(examples=["dinsos_53"])
    nama_perangkat_daerah: str
    kode_wilayah: str | None = Field(
        description="Kabupaten/kota; null untuk Dinas Sosial Provinsi."
    )
    jumlah_iku: int = Field(description="Jumlah IKU pada Renstra yang berlaku tahun ini.")
    jumlah_iku_dihitung: int = Field(description="Jumlah IKU yang capaiannya dapat dihitung.")
    capaian: AngkaKeluar | None = Field(
        description="Capaian kinerja keseluruhan: rata-rata per sasaran dari rata-rata capaian "
        "IKU-nya, tanpa batas atas (sama dengan total Tabel 3.4 laporan perangkat daerah)."
    )
    kriteria: str | None
    warna: str | None
    pagu: AngkaKeluar | None = Field(description="Null bila tidak ada data anggaran tahun ini.")
    realisasi: AngkaKeluar | None
    penyerapan: AngkaKeluar | None
    efisiensi: AngkaKeluar | None = Field(
        description="Capaian − penyerapan (poin persen), bertanda."
    )
    catatan: list[str] = Field(default_factory=list)


class TotalRingkasanLkip(BaseModel):
    """The total of the rows shown: money summed, capaian the mean of the offices' capaian."""

    jumlah_perangkat_daerah: int
    jumlah_iku: int
    capaian: AngkaKeluar | None
    kriteria: str | None
    warna: str | None
    pagu: AngkaKeluar | None
    realisasi: AngkaKeluar | None
    penyerapan: AngkaKeluar | None
    efisiensi: AngkaKeluar | None


class RingkasanLkip(BaseModel):
    """Every office with data for the year, and their total (what the caller may see)."""

    tahun: int
    judul: str
    sumber_target: str = Field(description="Dokumen asal target IKU yang dipakai.")
    skala: list[PitaSkala]
    perangkat_daerah: list[BarisRingkasanLkip]
    total: TotalRingkasanLkip | None = Field(
        description="Total baris yang ditampilkan; null bila tidak ada baris."
    )
    catatan: list[str] = Field(default_factory=list)
