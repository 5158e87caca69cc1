"""Tables of this domain (imported by dinsos_api.models so Alembic sees them).

The generic outbox tables live in core/outbox.py; they are imported here so the metadata
(and the migration check) sees them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.outbox import OutboxAttempt, OutboxEvent
from dinsos_api.core.waktu import sekarang

__all__ = ["OutboxAttempt", "OutboxEvent", "Pengaduan", "RiwayatPengaduan", "WebhookMasuk"]


def _id() -> str:
    return uuid.uuid4().hex


class Pengaduan(SQLModel, table=True):
    """One complaint, whatever its channel. An anonymous one has no reporter columns filled,
    ever; a confidential one (`rahasia`) shows its content only to the handling roles."""

    __tablename__ = "pengaduan"
    __table_args__ = (
        Index("ix_pengaduan_diterima", "diterima_pada", "id"),
        Index("ix_pengaduan_jatuh_tempo", "jatuh_tempo"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    kanal: str = Field(max_length=16, index=True)
    klasifikasi: str = Field(max_length=32)
    kategori: str | None = Field(default=None, max_length=200)
    # SP4N-LAPOR!'s own number: one case per tracking id (concurrent deliveries included).
    tracking_id: str | None = Field(default=None, max_length=64, unique=True)
    judul: str = Field(max_length=300)
    isi: str = Field(sa_column=Column(Text, nullable=False))
    anonim: bool = False
    rahasia: bool = False
    pelapor_nama: str | None = Field(default=None, max_length=200)
    pelapor_email: str | None = Field(default=None, max_length=200)
    pelapor_telepon: str | None = Field(default=None, max_length=32)
    pelapor_alamat: str | None = Field(default=None, max_length=500)
    lampiran: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    layanan_kode: str | None = Field(default=None, max_length=64)
    unit_kerja_kode: str | None = Field(default=None, foreign_key="unit_kerja.kode", max_length=64)
    tanggal_lapor: date
    status: str = Field(max_length=32, index=True)
    jawaban: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    diterima_pada: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    jatuh_tempo: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    jeda_sejak: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    selesai_pada: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    dibuat_oleh: str | None = Field(default=None, max_length=64)
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class RiwayatPengaduan(SQLModel, table=True):
    """Every step a complaint took, with who took it and why."""

    __tablename__ = "pengaduan_riwayat"
    __table_args__ = (
        UniqueConstraint("pengaduan_id", "urutan", name="uq_pengaduan_riwayat_urutan"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    pengaduan_id: str = Field(foreign_key="pengaduan.id", max_length=32, index=True)
    urutan: int
    aksi: str = Field(max_length=64)
    dari_status: str | None = Field(default=None, max_length=32)
    ke_status: str = Field(max_length=32)
    catatan: str | None = Field(default=None, max_length=2000)
    aktor_jenis: str = Field(max_length=16)
    aktor_id: str | None = Field(default=None, max_length=64)
    aktor_nama: str | None = Field(default=None, max_length=200)
    peran: str | None = Field(default=None, max_length=32)
    waktu: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class WebhookMasuk(SQLModel, table=True):
    """A webhook delivery received, by its `webhook-id`, with the first answer given (replayed
    to a repeat). The request body is not kept: it may carry a reporter's identity."""

    __tablename__ = "webhook_masuk"

    sumber: str = Field(primary_key=True, max_length=32)
    webhook_id: str = Field(primary_key=True, max_length=200)
    jenis: str = Field(max_length=64)
    sidik_body: str = Field(max_length=64)
    status_code: int
    jawaban: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    pengaduan_id: str | None = Field(default=None, max_length=32)
    diterima_pada: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
