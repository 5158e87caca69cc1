"""Requests and responses of the bulk PMKS import (`/v1/impor`).

The JSON request models document the body; the service reads rows itself (without a pydantic
object per row) so that 50,000 rows are checked in well under a second, and reports every
problem per row instead of refusing the whole body at the first one.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from dinsos_api.core.masukan import Masukan


class ModeImpor(StrEnum):
    ATOMIK = "atomik"  # one bad row and nothing is written
    SEBAGIAN = "sebagian"  # valid rows are written, the others reported


class StatusImpor(StrEnum):
    DIPROSES = "diproses"
    SELESAI = "selesai"
    DITOLAK = "ditolak"  # nothing written: row errors (atomik) or an unreadable file
    GAGAL = "gagal"  # nothing written: the server failed; send again with a new key


class FormatImpor(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


class FormatTemplat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


TahunData = Annotated[int, Field(ge=2000, le=2100, description="Tahun data PMKS.")]
KodeKabKota = Annotated[
    str,
    Field(pattern=r"^53[0-9]{2}$", description="Kode kabupaten/kota pelapor, misalnya 5301."),
]


class BarisPmks(Masukan):
    """One row: a person in a PMKS category. Empty (`null`) optional values keep what the
    registry already holds."""

    nik: str = Field(
        pattern=r"^[0-9]{16}$", description="NIK 16 digit, ditulis sebagai teks.",
        examples=["5301014507500003"],
    )  # fmt: skip
    nama: str = Field(min_length=1, max_length=200)
    kategori: str = Field(
        min_length=1, max_length=200,
        description="Kode kategori PMKS (`anak_terlantar`) atau namanya (`Anak Terlantar`).",
    )  # fmt: skip
    jenis_kelamin: str | None = Field(default=None, max_length=16, description="L atau P.")
    tanggal_lahir: str | None = Field(
        default=None, max_length=10, description="YYYY-MM-DD atau DD-MM-YYYY."
    )
    tempat_lahir: str | None = Field(default=None, max_length=100)
    alamat: str | None = Field(default=None, max_length=500)
    nomor_kk: str | None = Field(
        default=None, max_length=16,
        description="Nomor KK 16 digit; wajib untuk kategori bersasaran keluarga.",
    )  # fmt: skip
    hubungan: str | None = Field(
        default=None, max_length=32,
        description="Hubungan dalam KK: kepala_keluarga, suami, istri, anak, ...",
    )  # fmt: skip
    kode_kecamatan: str | None = Field(
        default=None, max_length=16, description="Kode kecamatan di kabupaten/kota ini."
    )
    kode_desa: str | None = Field(
        default=None, max_length=16, description="Kode desa/kelurahan di kabupaten/kota ini."
    )
    status_hidup: str | None = Field(
        default=None, max_length=16, description="hidup, meninggal, pindah atau hilang."
    )
    catatan: str | None = Field(default=None, max_length=1000)


class ImporPmksJson(Masukan):
    """`application/json` body of POST /v1/impor/pmks."""

    tahun: TahunData
    kode_wilayah: KodeKabKota
    baris: list[BarisPmks] = Field(min_length=1)


class ImporPmksBerkas(BaseModel):
    """`multipart/form-data` body of POST /v1/impor/pmks: a CSV or XLSX file."""

    berkas: bytes = Field(
        json_schema_extra={"format": "binary"},
        description="Berkas CSV (UTF-8, pemisah koma atau titik koma) atau XLSX (lembar pertama);"
        " baris 1 berisi nama kolom.",
    )
    tahun: TahunData
    kode_wilayah: KodeKabKota


class KesalahanBaris(BaseModel):
    baris: int = Field(
        description="Nomor baris: pada CSV/XLSX nomor baris di berkas (kepala kolom = 1), "
        "pada JSON urutan dalam `baris` mulai dari 1.",
        examples=[12],
    )
    kolom: str = Field(examples=["nik"])
    pesan: str = Field(examples=["NIK harus 16 digit angka"])


class ImporRingkas(BaseModel):
    """An import as listed: status, progress and counts."""

    id: str
    jenis: str = Field(examples=["pmks"])
    kode_wilayah: str
    tahun: int
    mode: ModeImpor
    format: FormatImpor | None
    status: StatusImpor
    baris_total: int = Field(description="Jumlah baris data dalam kiriman.")
    baris_selesai: int = Field(description="Jumlah baris yang sudah diperiksa dan diproses.")
    baru: int = Field(description="Baris yang menambah data PMKS baru.")
    diperbarui: int = Field(description="Baris yang mengubah data yang sudah ada.")
    tidak_berubah: int = Field(description="Baris yang sama persis dengan data yang sudah ada.")
    perlu_verifikasi: int | None = Field(
        description="Baris dengan NIK yang juga dilaporkan kabupaten/kota lain (ditandai "
        "perlu_verifikasi, tidak digabung). Hanya untuk provinsi: kosong (null) bagi "
        "kabupaten/kota, karena data wilayah lain bukan untuk wilayah."
    )
    ditolak: int = Field(description="Baris yang tidak disimpan karena salah.")
    keterangan: str | None
    created_at: datetime
    selesai_pada: datetime | None


class ImporKeluar(ImporRingkas):
    """An import with every row error."""

    kesalahan: list[KesalahanBaris]
