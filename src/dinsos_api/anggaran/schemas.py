"""Requests and responses of the budget routes. Money is `Decimal` in, a JSON number rounded to
2 places out (core.angka); percentages likewise, computed by kinerja_core."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from dinsos_api.anggaran.models import Tingkat
from dinsos_api.core.angka import AngkaKeluar, DesimalTidakNegatif, Uang, UangTidakNegatif
from dinsos_api.core.data_induk import Keterangan, Perubahan, kolom_ubah
from dinsos_api.core.masukan import POLA_SEBARIS, Masukan

# Kepmendagri nomenclature: program 1.06.04, kegiatan 1.06.04.1.01, sub kegiatan
# 1.06.04.1.01.0001 (urusan.bidang.program[.kegiatan[.sub kegiatan]]).
POLA_KODE = r"^[0-9]\.[0-9]{2}\.[0-9]{2}(\.[0-9]\.[0-9]{2}(\.[0-9]{4})?)?$"
POLA_KODE_SUB = r"^[0-9]\.[0-9]{2}\.[0-9]{2}\.[0-9]\.[0-9]{2}\.[0-9]{4}$"
POLA_PERANGKAT = r"^[a-z0-9][a-z0-9_]*$"

KodeNomenklatur = Annotated[
    str,
    Field(
        pattern=POLA_KODE,
        max_length=32,
        description="Kode Kepmendagri: program 1.06.04, kegiatan 1.06.04.1.01, sub kegiatan "
        "1.06.04.1.01.0001.",
        examples=["1.06.04.1.01.0001"],
    ),
]
KodeSubKegiatan = Annotated[
    str,
    Field(
        pattern=POLA_KODE_SUB,
        max_length=32,
        description="Kode sub kegiatan, misalnya 1.06.04.1.01.0001.",
        examples=["1.06.04.1.01.0001"],
    ),
]
NamaNomenklatur = Annotated[str, Field(min_length=1, max_length=300, pattern=POLA_SEBARIS)]
Bukti = Annotated[str, Field(min_length=1, max_length=500, pattern=POLA_SEBARIS)]
Persen = Annotated[UangTidakNegatif, Field(description="Persen, 0 sampai 100.")]


# --- nomenklatur ------------------------------------------------------------------------------


class NomenklaturBuat(Masukan):
    """Program, kegiatan or sub kegiatan; the level follows from the code, and the parent (the
    code without its last part) must exist already. Pagu is set per DPA version
    (`PUT .../dpa/{nomor}/pagu/{kode}`), only on sub kegiatan."""

    kode: KodeNomenklatur
    nama: NamaNomenklatur


class NomenklaturKeluar(BaseModel):
    id: str
    perangkat_daerah: str
    tahun: int
    tingkat: Tingkat
    kode: str
    nama: str
    induk_kode: str | None
    created_at: datetime


# --- DPA versions and pagu --------------------------------------------------------------------


class VersiBuat(Masukan):
    """A new DPA version: the first is nomor 0 (DPA murni), each next one a revision (DPPA)
    that starts from the previous version's pagu."""

    tanggal: date | None = Field(default=None, description="Tanggal penetapan DPA/DPPA.")
    keterangan: Keterangan | None = None


class VersiKeluar(BaseModel):
    id: str
    perangkat_daerah: str
    tahun: int
    nomor: int = Field(description="0: DPA murni; 1, 2, ...: perubahan (DPPA).")
    jenis: str = Field(examples=["murni", "perubahan"])
    tanggal: date | None
    keterangan: str | None
    total_pagu: AngkaKeluar
    created_at: datetime


class PaguAtur(Masukan):
    pagu: UangTidakNegatif


class PaguKeluar(BaseModel):
    id: str
    perangkat_daerah: str
    tahun: int
    versi: int
    kode: str
    pagu: AngkaKeluar


# --- realisation ------------------------------------------------------------------------------


class RealisasiBuat(Masukan):
    """A realisation entry of one sub kegiatan. A negative amount corrects earlier entries; the
    sub kegiatan's total may not fall below 0."""

    kode: KodeSubKegiatan
    tanggal: date = Field(description="Tanggal belanja, di dalam tahun anggaran.")
    jumlah: Uang
    keterangan: Keterangan | None = None
    bukti: Bukti | None = Field(default=None, description="Rujukan bukti, mis. nomor SP2D.")


class RealisasiKeluar(BaseModel):
    id: str
    kode: str
    tanggal: date
    jumlah: AngkaKeluar
    keterangan: str | None
    bukti: str | None
    created_at: datetime


class FisikBuat(Masukan):
    kode: KodeSubKegiatan
    tanggal: date
    persen: Persen
    keterangan: Keterangan | None = None


class FisikKeluar(BaseModel):
    id: str
    kode: str
    tanggal: date
    persen: AngkaKeluar
    keterangan: str | None
    created_at: datetime


# --- revenue ----------------------------------------------------------------------------------


class PendapatanBuat(Masukan):
    target: UangTidakNegatif
    realisasi: UangTidakNegatif | None = None
    keterangan: Keterangan | None = None


class PendapatanUbah(Perubahan):
    target: UangTidakNegatif = kolom_ubah()
    realisasi: UangTidakNegatif | None = kolom_ubah()
    keterangan: Keterangan | None = kolom_ubah()


class PendapatanKeluar(BaseModel):
    id: str
    perangkat_daerah: str
    tahun: int
    target: AngkaKeluar
    realisasi: AngkaKeluar | None
    capaian: AngkaKeluar | None = Field(description="realisasi ÷ target × 100 (kinerja_core).")
    keterangan: str | None
    versi: int
    updated_at: datetime


# --- summaries --------------------------------------------------------------------------------


class BarisRingkasanKeluar(BaseModel):
    kode: str
    nama: str
    tingkat: Tingkat
    induk_kode: str | None
    pagu: AngkaKeluar = Field(description="Jumlah pagu sub kegiatan di bawahnya (versi ini).")
    realisasi: AngkaKeluar
    penyerapan: AngkaKeluar | None = Field(description="realisasi ÷ pagu × 100, 2 desimal.")
    alasan_penyerapan: str | None = Field(description="Mengapa penyerapan tidak ada nilainya.")
    sisa: AngkaKeluar = Field(description="pagu − realisasi.")
    realisasi_fisik: AngkaKeluar | None = Field(
        description="Realisasi fisik terakhir (%), hanya untuk sub kegiatan."
    )


class TotalKeluar(BaseModel):
    pagu: AngkaKeluar
    realisasi: AngkaKeluar
    penyerapan: AngkaKeluar | None
    alasan_penyerapan: str | None
    sisa: AngkaKeluar


class RingkasanKeluar(BaseModel):
    perangkat_daerah: str
    tahun: int
    versi: int | None = Field(description="Nomor versi DPA yang dipakai; null bila belum ada.")
    level: Tingkat
    total: TotalKeluar
    data: list[BarisRingkasanKeluar]


class BulanKeluar(BaseModel):
    bulan: int = Field(ge=1, le=12)
    realisasi: AngkaKeluar
    kumulatif: AngkaKeluar
    persen_kumulatif: AngkaKeluar | None = Field(description="kumulatif ÷ pagu × 100.")


class BulananKeluar(BaseModel):
    perangkat_daerah: str
    tahun: int
    versi: int | None
    kode: str | None = Field(description="Program/kegiatan/sub kegiatan; null: seluruhnya.")
    pagu: AngkaKeluar
    bulan: list[BulanKeluar]


# --- import -----------------------------------------------------------------------------------


class BarisImporJson(Masukan):
    """One budget line. Sub kegiatan carry their pagu (stored); program and kegiatan rows carry
    the printed totals, which are only checked against their children, never stored."""

    tingkat: Tingkat
    kode: KodeNomenklatur
    nama: NamaNomenklatur
    pagu: UangTidakNegatif | None = None
    realisasi: UangTidakNegatif | None = None
    persen: DesimalTidakNegatif | None = Field(default=None, description="Persen tercetak.")
    realisasi_fisik: Persen | None = None


class ImporAnggaranJson(Masukan):
    baris: list[BarisImporJson] = Field(min_length=1, max_length=5000)


class ImporAnggaranBerkas(BaseModel):
    berkas: bytes = Field(
        json_schema_extra={"format": "binary"},
        description="CSV (UTF-8, pemisah koma) atau XLSX, kolom: tingkat, kode, nama, pagu, "
        "realisasi, persen, realisasi_fisik.",
    )


class SelisihKeluar(BaseModel):
    kode: str
    nama: str
    kolom: str = Field(examples=["pagu", "realisasi", "persen"])
    tercetak: AngkaKeluar
    seharusnya: AngkaKeluar = Field(description="Jumlah baris anak, atau persen yang benar.")
    selisih: AngkaKeluar = Field(description="tercetak − seharusnya.")
    penjelasan: str


class ImporAnggaranKeluar(BaseModel):
    perangkat_daerah: str
    tahun: int
    disimpan: bool = Field(description="false untuk periksa_saja: tidak ada yang disimpan.")
    versi: int | None
    program: int
    kegiatan: int
    sub_kegiatan: int
    selisih: list[SelisihKeluar]
