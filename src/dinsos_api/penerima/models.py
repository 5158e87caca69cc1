"""Registry tables. Persons and families belong to the district that reported them; the
same NIK reported by two districts is two records, flagged for the province to decide
(never merged silently)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.waktu import sekarang


def _id() -> str:
    return uuid.uuid4().hex


class StatusHidup(StrEnum):
    HIDUP = "hidup"
    MENINGGAL = "meninggal"
    PINDAH = "pindah"
    HILANG = "hilang"


class StatusVerifikasi(StrEnum):
    DIAJUKAN = "diajukan"
    TERVERIFIKASI = "terverifikasi"
    DITOLAK = "ditolak"


class StatusKepesertaan(StrEnum):
    DIUSULKAN = "diusulkan"
    AKTIF = "aktif"
    DITANGGUHKAN = "ditangguhkan"
    KELUAR = "keluar"
    TIDAK_LAYAK = "tidak_layak"
    DUPLIKAT = "duplikat"


class Orang(SQLModel, table=True):
    """A person as reported by one district."""

    __tablename__ = "orang"
    __table_args__ = (
        # One record per NIK within a district; people without a NIK are allowed.
        Index(
            "uq_orang_wilayah_nik",
            "kode_wilayah",
            "nik",
            unique=True,
            sqlite_where=text("nik IS NOT NULL"),
            postgresql_where=text("nik IS NOT NULL"),
        ),
        Index("ix_orang_nik", "nik"),
        Index("ix_orang_wilayah_id", "kode_wilayah", "id"),
        Index("ix_orang_nomor_kk", "nomor_kk"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    nik: str | None = Field(default=None, max_length=16)
    nama: str = Field(max_length=200)
    jenis_kelamin: str | None = Field(default=None, max_length=1)  # L or P
    tanggal_lahir: date | None = None
    tempat_lahir: str | None = Field(default=None, max_length=100)
    alamat: str | None = Field(default=None, max_length=500)
    kode_wilayah: str = Field(foreign_key="wilayah.kode", max_length=13)  # the district
    kode_kecamatan: str | None = Field(default=None, foreign_key="wilayah.kode", max_length=13)
    kode_desa: str | None = Field(default=None, foreign_key="wilayah.kode", max_length=13)
    nomor_kk: str | None = Field(default=None, max_length=16)
    status_hidup: str = Field(default=StatusHidup.HIDUP.value, max_length=16)
    sumber: str | None = Field(default=None, max_length=64)  # client or user that reported it
    versi: int = 1
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    dihapus_pada: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    alasan_hapus: str | None = Field(default=None, max_length=500)


class Keluarga(SQLModel, table=True):
    """A family card (KK) as known to one district."""

    __tablename__ = "keluarga"
    __table_args__ = (UniqueConstraint("kode_wilayah", "nomor_kk", name="uq_keluarga_kk"),)

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    nomor_kk: str = Field(max_length=16, index=True)
    kode_wilayah: str = Field(foreign_key="wilayah.kode", max_length=13)
    alamat: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class AnggotaKeluarga(SQLModel, table=True):
    """Dated membership of a person in a family; exactly one current head per family."""

    __tablename__ = "anggota_keluarga"
    __table_args__ = (
        Index(
            "uq_kepala_keluarga_aktif",
            "keluarga_id",
            unique=True,
            sqlite_where=text("hubungan = 'kepala_keluarga' AND sampai IS NULL"),
            postgresql_where=text("hubungan = 'kepala_keluarga' AND sampai IS NULL"),
        ),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    keluarga_id: str = Field(foreign_key="keluarga.id", max_length=32, index=True)
    orang_id: str = Field(foreign_key="orang.id", max_length=32, index=True)
    hubungan: str = Field(max_length=32)  # kepala_keluarga, istri, suami, anak, ...
    mulai: date | None = None
    sampai: date | None = None


class DataPmks(SQLModel, table=True):
    """A person or a family in a PMKS category for a year, as reported by a district."""

    __tablename__ = "data_pmks"
    __table_args__ = (
        # The upsert key of the bulk import: NIK (via the person) + kategori + tahun.
        UniqueConstraint("orang_id", "kategori_kode", "tahun", name="uq_data_pmks_orang"),
        UniqueConstraint("keluarga_id", "kategori_kode", "tahun", name="uq_data_pmks_keluarga"),
        Index("ix_data_pmks_wilayah_kategori", "kode_wilayah", "kategori_kode", "tahun"),
        # The person list filtered by district and category reads this index from the cursor
        # on (GET /v1/penerima-manfaat): page 2,000 costs what page 1 costs.
        Index("ix_data_pmks_wilayah_kategori_orang", "kode_wilayah", "kategori_kode", "orang_id"),
        # The few records awaiting the province's decision (GET /v1/duplikat).
        Index(
            "ix_data_pmks_perlu_verifikasi",
            "orang_id",
            sqlite_where=text("perlu_verifikasi = 1"),
            postgresql_where=text("perlu_verifikasi"),
        ),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    orang_id: str | None = Field(default=None, foreign_key="orang.id", max_length=32)
    keluarga_id: str | None = Field(default=None, foreign_key="keluarga.id", max_length=32)
    kategori_kode: str = Field(foreign_key="kategori_pmks.kode", max_length=64)
    tahun: int
    kode_wilayah: str = Field(foreign_key="wilayah.kode", max_length=13)
    status_verifikasi: str = Field(default=StatusVerifikasi.DIAJUKAN.value, max_length=16)
    # The same NIK is reported by another district too: the province decides (GET /v1/duplikat).
    perlu_verifikasi: bool = False
    catatan: str | None = Field(default=None, max_length=1000)
    impor_id: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class Kepesertaan(SQLModel, table=True):
    """Enrolment of a person or family in an assistance programme (/v1/program-bantuan)."""

    __tablename__ = "kepesertaan"

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    orang_id: str | None = Field(default=None, foreign_key="orang.id", max_length=32, index=True)
    keluarga_id: str | None = Field(
        default=None, foreign_key="keluarga.id", max_length=32, index=True
    )
    program_kode: str = Field(foreign_key="program_bantuan.kode", max_length=64)
    status: str = Field(default=StatusKepesertaan.DIUSULKAN.value, max_length=16)
    mulai: date | None = None
    sampai: date | None = None
    kode_alasan: str | None = Field(default=None, max_length=64)
    keterangan: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class Impor(SQLModel, table=True):
    """One bulk import: its progress, counts and every row error."""

    __tablename__ = "impor"
    # Lists page newest first, for one district or for all (GET /v1/impor).
    __table_args__ = (
        Index("ix_impor_waktu_id", "created_at", "id"),
        Index("ix_impor_wilayah_waktu_id", "kode_wilayah", "created_at", "id"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    jenis: str = Field(max_length=32)  # pmks
    kode_wilayah: str = Field(foreign_key="wilayah.kode", max_length=13)
    tahun: int
    mode: str = Field(max_length=16)  # atomik or sebagian
    status: str = Field(max_length=16)  # diproses, selesai, gagal, ditolak
    format: str | None = Field(default=None, max_length=8)  # json, csv, xlsx
    keterangan: str | None = Field(default=None, max_length=1000)  # why it failed
    baris_total: int = 0
    baris_selesai: int = 0
    baru: int = 0
    diperbarui: int = 0
    tidak_berubah: int = 0
    perlu_verifikasi: int = 0
    ditolak: int = 0
    kesalahan: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    aktor_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    selesai_pada: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    # A background job (status diproses) keeps its upload and its requester until it ends;
    # a worker holds a lease on it (sewa_sampai) so that a crashed worker's job is taken over.
    berkas: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    pemohon: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    sewa_sampai: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    percobaan: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
