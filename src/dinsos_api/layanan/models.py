"""Tables of this domain (imported by dinsos_api.models so Alembic sees them)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.waktu import sekarang


def _id() -> str:
    return uuid.uuid4().hex


class LayananVersi(SQLModel, table=True):
    """One service standard as a decree set it; a revised decree adds a row, never edits one."""

    __tablename__ = "layanan_versi"
    __table_args__ = (UniqueConstraint("kode", "berlaku_mulai", name="uq_layanan_versi"),)

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    kode: str = Field(max_length=64, index=True)
    nomor: int
    nama: str = Field(max_length=300)
    berlaku_mulai: date
    nomor_keputusan: str = Field(max_length=100)
    isi: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class NomorUrut(SQLModel, table=True):
    """The last registration number per prefix and year (gap-free: bumped in the request's
    own transaction, so a rolled-back request gives its number back)."""

    __tablename__ = "permohonan_nomor_urut"

    awalan: str = Field(primary_key=True, max_length=8)
    tahun: int = Field(primary_key=True)
    terakhir: int = 0


class Permohonan(SQLModel, table=True):
    __tablename__ = "permohonan"
    __table_args__ = (
        Index("ix_permohonan_diajukan", "diajukan_pada", "id"),
        Index("ix_permohonan_jatuh_tempo", "jatuh_tempo"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    nomor: str = Field(max_length=32, unique=True)
    layanan_kode: str = Field(max_length=64, index=True)
    layanan_versi_id: str = Field(foreign_key="layanan_versi.id", max_length=32)
    kanal: str = Field(max_length=64)
    status: str = Field(max_length=64, index=True)
    kode_wilayah: str | None = Field(default=None, foreign_key="wilayah.kode", max_length=13)
    pemohon_nama: str = Field(max_length=200)
    pemohon_kontak: str | None = Field(default=None, max_length=200)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    token_hash: str = Field(max_length=64)
    diajukan_pada: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    jam_mulai: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    jatuh_tempo: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    jeda_sejak: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    total_jeda_detik: int = 0
    selesai_pada: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    dibuat_oleh: str | None = Field(default=None, max_length=64)
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class RiwayatPermohonan(SQLModel, table=True):
    __tablename__ = "permohonan_riwayat"
    __table_args__ = (UniqueConstraint("permohonan_id", "urutan", name="uq_riwayat_urutan"),)

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    permohonan_id: str = Field(foreign_key="permohonan.id", max_length=32, index=True)
    urutan: int
    aksi: str = Field(max_length=64)
    dari_status: str | None = Field(default=None, max_length=64)
    ke_status: str = Field(max_length=64)
    catatan: str | None = Field(default=None, max_length=2000)
    lampiran: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    aktor_jenis: str = Field(max_length=16)
    aktor_id: str | None = Field(default=None, max_length=64)
    aktor_nama: str | None = Field(default=None, max_length=200)
    peran: str | None = Field(default=None, max_length=32)
    waktu: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class LampiranPermohonan(SQLModel, table=True):
    __tablename__ = "permohonan_lampiran"

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    permohonan_id: str = Field(foreign_key="permohonan.id", max_length=32, index=True)
    jenis: str = Field(max_length=64)
    nama_berkas: str = Field(max_length=255)
    tipe_mime: str = Field(max_length=100)
    ukuran: int
    sha256: str = Field(max_length=64)
    kunci_simpan: str = Field(max_length=300)
    diunggah_oleh: str | None = Field(default=None, max_length=64)
    diunggah_pada: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
