"""Requests and responses of the registry's reading side, edits and statistics.

List items are documented here but served by a lean path (service.halaman_penerima builds the
JSON itself): the keys and types below are exactly what it writes, and the schema tests hold
both to it.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from dinsos_api.core.data_induk import Nama, Perubahan, kolom_ubah
from dinsos_api.core.masukan import POLA_SEBARIS, Masukan
from dinsos_api.penerima.models import StatusHidup, StatusKepesertaan, StatusVerifikasi

POLA_NIK = r"^[0-9]{16}$"
POLA_ID = r"^[0-9A-Za-z_-]{1,64}$"
# Text on one line, without control characters (as in core.data_induk).

JenisKelamin = Literal["L", "P"]
Nik = Annotated[
    str,
    Field(pattern=POLA_NIK, description="NIK 16 digit.", examples=["5301014501900007"]),
]
NomorKk = Annotated[
    str,
    Field(pattern=POLA_NIK, description="Nomor kartu keluarga, 16 digit.",
          examples=["5301010101240001"]),
]  # fmt: skip
KodeKabKota = Annotated[
    str, Field(pattern=r"^53[0-9]{2}$", description="Kode kabupaten/kota, misalnya 5301.")
]
KodeKecamatan = Annotated[
    str, Field(pattern=r"^53[0-9]{4}$", description="Kode kecamatan, misalnya 530101.")
]
KodeDesa = Annotated[
    str, Field(pattern=r"^53[0-9]{8}$", description="Kode desa/kelurahan, misalnya 5301012001.")
]


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


class Kelompok(StrEnum):
    """How statistics are grouped."""

    KATEGORI = "kategori"
    WILAYAH = "wilayah"
    KATEGORI_WILAYAH = "kategori,wilayah"


class Sasaran(StrEnum):
    ORANG = "orang"
    KELUARGA = "keluarga"


# --- reading ---------------------------------------------------------------------------------


class PenerimaRingkas(BaseModel):
    """One person in a list. For `analis`: NIK masked, name as initials, no birth date, KK
    masked."""

    id: str
    nik: str | None = Field(examples=["5301014501900007"])
    nama: str = Field(examples=["Maria Goreti Ndun"])
    jenis_kelamin: JenisKelamin | None
    tanggal_lahir: date | None
    tahun_lahir: int | None = Field(description="Tahun lahir (juga untuk analis).")
    kode_wilayah: str = Field(examples=["5301"])
    nomor_kk: str | None
    status_hidup: StatusHidup
    updated_at: datetime


class DataPmksKeluar(BaseModel):
    id: str
    kategori_kode: str = Field(examples=["lanjut_usia_terlantar"])
    sasaran: Sasaran = Field(
        description="orang: data orang ini; keluarga: data keluarganya (kategori keluarga)."
    )
    tahun: int
    kode_wilayah: str
    status_verifikasi: StatusVerifikasi
    perlu_verifikasi: bool | None = Field(
        description="NIK yang sama juga dilaporkan kabupaten/kota lain: menunggu keputusan "
        "provinsi. Hanya untuk provinsi: kosong (null) bagi kabupaten/kota."
    )
    catatan: str | None


class KepesertaanKeluar(BaseModel):
    id: str
    program_kode: str = Field(examples=["pkh"])
    sasaran: Sasaran
    status: StatusKepesertaan
    mulai: date | None
    sampai: date | None
    kode_alasan: str | None
    keterangan: str | None


class AnggotaKeluar(BaseModel):
    orang_id: str
    nik: str | None
    nama: str
    jenis_kelamin: JenisKelamin | None
    hubungan: str = Field(examples=["kepala_keluarga"])
    mulai: date | None
    sampai: date | None


class KeluargaKeluar(BaseModel):
    id: str
    nomor_kk: str
    kode_wilayah: str
    alamat: str | None
    anggota: list[AnggotaKeluar] = Field(description="Kepala keluarga lebih dahulu.")
    pmks: list[DataPmksKeluar] = Field(description="Data PMKS kategori keluarga.")


class KartuKeluarga(BaseModel):
    """A family-card number as known to the districts the caller may see."""

    nomor_kk: str
    keluarga: list[KeluargaKeluar] = Field(
        description="Satu per kabupaten/kota yang melaporkan nomor KK ini."
    )


class PenerimaDetail(PenerimaRingkas):
    tempat_lahir: str | None
    alamat: str | None
    kode_kecamatan: str | None
    kode_desa: str | None
    sumber: str | None
    versi: int
    created_at: datetime
    pmks: list[DataPmksKeluar]
    kepesertaan: list[KepesertaanKeluar]
    keluarga: KeluargaKeluar | None = Field(description="Keluarga tempat orang ini kini terdaftar.")


# --- edits -----------------------------------------------------------------------------------


class PenerimaUbah(Perubahan):
    """PATCH: only the fields sent change. A NIK must agree with tanggal_lahir and
    jenis_kelamin; kecamatan and desa must lie in the person's district."""

    nik: Nik | None = kolom_ubah()
    nama: Nama = kolom_ubah()
    jenis_kelamin: JenisKelamin | None = kolom_ubah()
    tanggal_lahir: date | None = kolom_ubah()
    tempat_lahir: (
        Annotated[str, Field(min_length=1, max_length=100, pattern=POLA_SEBARIS)] | None
    ) = kolom_ubah()
    alamat: Annotated[str, Field(min_length=1, max_length=500, pattern=POLA_SEBARIS)] | None = (
        kolom_ubah()
    )
    status_hidup: StatusHidup = kolom_ubah()
    nomor_kk: NomorKk | None = kolom_ubah()
    kode_kecamatan: KodeKecamatan | None = kolom_ubah()
    kode_desa: KodeDesa | None = kolom_ubah()


# --- duplicates ------------------------------------------------------------------------------


class RekamanDuplikat(BaseModel):
    orang_id: str
    kode_wilayah: str
    nama: str
    data_pmks_id: str | None
    kategori_kode: str | None
    tahun: int | None
    status_verifikasi: StatusVerifikasi | None
    perlu_verifikasi: bool


class Duplikat(BaseModel):
    """One NIK reported by more than one district, with every record of it."""

    nik: str
    kode_wilayah: list[str] = Field(description="Kabupaten/kota yang melaporkan NIK ini.")
    rekaman: list[RekamanDuplikat]


class KeputusanDuplikat(Masukan):
    """The province's decision on one NIK reported by several districts."""

    orang_id: str = Field(
        pattern=POLA_ID, description="Catatan orang yang berlaku (dari daftar `rekaman`)."
    )
    catatan: str = Field(
        min_length=5, max_length=500, description="Alasan keputusan (dicatat pada data lain)."
    )


# --- statistics ------------------------------------------------------------------------------


class BarisStatistik(BaseModel):
    kategori_kode: str | None = Field(description="Null bila tidak dikelompokkan per kategori.")
    kode_wilayah: str | None = Field(description="Null bila tidak dikelompokkan per wilayah.")
    jumlah: int | None = Field(description="Null bila disembunyikan.")
    disembunyikan: bool = Field(
        description="Untuk analis, jumlah 1–4 disembunyikan agar orang tidak dapat dikenali."
    )


class StatistikPmks(BaseModel):
    tahun: int | None
    kelompok: Kelompok
    data: list[BarisStatistik]
