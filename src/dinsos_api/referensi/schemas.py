"""Requests and responses of the reference-data endpoints.

For each resource: `...Buat` (POST), `...Ubah` (PATCH: only the fields sent change; `kode`
never does) and `...Keluar` (responses, with `versi` and `updated_at`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from dinsos_api.core.data_induk import (
    Keterangan,
    Kode,
    Nama,
    Perubahan,
    Singkatan,
    kolom_ubah,
)
from dinsos_api.core.masukan import Masukan


class SasaranPmks(StrEnum):
    """Who is registered under a PMKS category (Tabel 2.7 counts orang or keluarga)."""

    ORANG = "orang"
    KELUARGA = "keluarga"


class SasaranPsks(StrEnum):
    """What a PSKS is: a person (TKSK, pekerja sosial), an institution (LKS, Karang Taruna) or
    a community group (Kampung Siaga Bencana)."""

    ORANG = "orang"
    LEMBAGA = "lembaga"
    KELOMPOK = "kelompok"


class SasaranProgram(StrEnum):
    """Who receives a programme's assistance."""

    ORANG = "orang"
    KELUARGA = "keluarga"
    KELOMPOK = "kelompok"


class SumberDana(StrEnum):
    APBN = "apbn"
    APBD_PROVINSI = "apbd_provinsi"
    APBD_KABKOTA = "apbd_kabkota"


class JenisUnitKerja(StrEnum):
    DINAS = "dinas"
    SEKRETARIAT = "sekretariat"
    BIDANG = "bidang"
    UPTD = "uptd"
    PANTI = "panti"
    LAYANAN = "layanan"  # a service unit that is not a panti (RPTC)


class TingkatPerangkatDaerah(StrEnum):
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"


def _tanpa_duplikat(nilai: list[SumberDana]) -> list[SumberDana]:
    if len(set(nilai)) != len(nilai):
        raise ValueError("setiap sumber dana cukup disebut sekali")
    return sorted(nilai, key=list(SumberDana).index)  # one stored order: APBN first


DaftarSumberDana = Annotated[
    list[SumberDana],
    Field(min_length=1, json_schema_extra={"uniqueItems": True}),
    AfterValidator(_tanpa_duplikat),
]
KodeWilayahKabKota = Annotated[
    str, Field(pattern=r"^53[0-9]{2}$", description="Kode kabupaten/kota, misalnya 5301.")
]
Nomor = Annotated[int, Field(ge=1, le=999, description="Urutan dalam Tabel 2.7 Renstra.")]


# --- kategori PMKS ---------------------------------------------------------------------------


class KategoriPmksBuat(Masukan):
    kode: Kode
    nomor: Nomor
    nama: Nama
    singkatan: Singkatan | None = None
    sasaran: SasaranPmks


class KategoriPmksUbah(Perubahan):
    nomor: Nomor = kolom_ubah()
    nama: Nama = kolom_ubah()
    singkatan: Singkatan | None = kolom_ubah()
    sasaran: SasaranPmks = kolom_ubah()


class KategoriPmksKeluar(BaseModel):
    kode: str = Field(examples=["anak_jalanan"])
    nomor: int = Field(examples=[4])
    nama: str = Field(examples=["Anak Jalanan"])
    singkatan: str | None
    sasaran: SasaranPmks
    versi: int
    updated_at: datetime


# --- kategori PSKS ---------------------------------------------------------------------------


class KategoriPsksBuat(Masukan):
    kode: Kode
    nama: Nama
    singkatan: Singkatan | None = None
    sasaran: SasaranPsks


class KategoriPsksUbah(Perubahan):
    nama: Nama = kolom_ubah()
    singkatan: Singkatan | None = kolom_ubah()
    sasaran: SasaranPsks = kolom_ubah()


class KategoriPsksKeluar(BaseModel):
    kode: str = Field(examples=["tksk"])
    nama: str = Field(examples=["Tenaga Kesejahteraan Sosial Kecamatan"])
    singkatan: str | None = Field(examples=["TKSK"])
    sasaran: SasaranPsks
    versi: int
    updated_at: datetime


# --- unit kerja ------------------------------------------------------------------------------


class UnitKerjaBuat(Masukan):
    kode: Kode
    nama: Nama
    jenis: JenisUnitKerja
    induk_kode: Kode | None = Field(
        default=None, description="Unit induk; kosong hanya untuk Dinas sendiri."
    )
    aktif: bool = True
    keterangan: Keterangan | None = None


class UnitKerjaUbah(Perubahan):
    nama: Nama = kolom_ubah()
    jenis: JenisUnitKerja = kolom_ubah()
    induk_kode: Kode | None = kolom_ubah()
    aktif: bool = kolom_ubah()
    keterangan: Keterangan | None = kolom_ubah()


class UnitKerjaKeluar(BaseModel):
    kode: str = Field(examples=["uptd_kesos_anak"])
    nama: str = Field(examples=["UPTD Kesejahteraan Sosial Anak"])
    jenis: JenisUnitKerja
    induk_kode: str | None = Field(examples=["dinsos_ntt"])
    aktif: bool
    keterangan: str | None
    versi: int
    updated_at: datetime


# --- program bantuan -------------------------------------------------------------------------


class ProgramBantuanBuat(Masukan):
    kode: Kode
    nama: Nama
    singkatan: Singkatan | None = None
    sumber_dana: DaftarSumberDana
    sasaran: SasaranProgram
    keterangan: Keterangan | None = None


class ProgramBantuanUbah(Perubahan):
    nama: Nama = kolom_ubah()
    singkatan: Singkatan | None = kolom_ubah()
    sumber_dana: DaftarSumberDana = kolom_ubah()
    sasaran: SasaranProgram = kolom_ubah()
    keterangan: Keterangan | None = kolom_ubah()


class ProgramBantuanKeluar(BaseModel):
    kode: str = Field(examples=["pkh"])
    nama: str = Field(examples=["Program Keluarga Harapan"])
    singkatan: str | None = Field(examples=["PKH"])
    sumber_dana: list[SumberDana]
    sasaran: SasaranProgram
    keterangan: str | None
    versi: int
    updated_at: datetime


# --- perangkat daerah ------------------------------------------------------------------------


class PerangkatDaerahBuat(Masukan):
    kode: Kode
    nama: Nama
    tingkat: TingkatPerangkatDaerah
    kode_wilayah: KodeWilayahKabKota | None = Field(
        default=None, description="Kabupaten/kota; kosong untuk Dinas Sosial Provinsi."
    )


class PerangkatDaerahUbah(Perubahan):
    nama: Nama = kolom_ubah()
    tingkat: TingkatPerangkatDaerah = kolom_ubah()
    kode_wilayah: KodeWilayahKabKota | None = kolom_ubah()


class PerangkatDaerahKeluar(BaseModel):
    kode: str = Field(examples=["dinsos_5314"])
    nama: str = Field(examples=["Dinas Sosial Kabupaten Rote Ndao"])
    tingkat: TingkatPerangkatDaerah
    kode_wilayah: str | None = Field(
        examples=["5314"], description="Null untuk Dinas Sosial Provinsi (seluruh provinsi)."
    )
    versi: int
    updated_at: datetime
