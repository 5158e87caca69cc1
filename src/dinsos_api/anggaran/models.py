"""Budget tables. Pagu lives only on sub kegiatan, per DPA version (`anggaran_pagu`); kegiatan,
program and totals are always summed from it, so the tree can never disagree with itself."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Index, Numeric, String, TypeDecorator, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.waktu import sekarang

_SEN = Decimal("0.01")


def _id() -> str:
    return uuid.uuid4().hex


class Uang(TypeDecorator[Decimal]):
    """Money: NUMERIC(18,2) on PostgreSQL; exact decimal text on SQLite, whose NUMERIC would
    store a binary float. Values are never summed in SQL (kinerja_core sums them)."""

    impl = Numeric(18, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(24))
        return dialect.type_descriptor(Numeric(18, 2, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        angka = Decimal(value).quantize(_SEN, rounding=ROUND_HALF_UP)
        return str(angka) if dialect.name == "sqlite" else angka

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(str(value)).quantize(_SEN)


def kolom_uang(nullable: bool = False) -> Any:
    return Column(Uang(), nullable=nullable)


class Tingkat(StrEnum):
    """Level of a budget line (Permendagri 90/2019)."""

    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"


class Nomenklatur(SQLModel, table=True):
    """A program, kegiatan or sub kegiatan of one perangkat daerah's budget for one year."""

    __tablename__ = "anggaran_nomenklatur"
    __table_args__ = (
        UniqueConstraint("perangkat_daerah_kode", "tahun", "kode", name="uq_anggaran_nomenklatur"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    perangkat_daerah_kode: str = Field(foreign_key="perangkat_daerah.kode", max_length=64)
    tahun: int
    tingkat: str = Field(max_length=16)
    kode: str = Field(max_length=32)  # Kepmendagri: 1.06.04 / 1.06.04.1.01 / 1.06.04.1.01.0001
    nama: str = Field(max_length=300)
    induk_id: str | None = Field(
        default=None, foreign_key="anggaran_nomenklatur.id", max_length=32, index=True
    )
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class VersiDpa(SQLModel, table=True):
    """The DPA (nomor 0, "DPA murni") or one of its revisions (DPPA, nomor 1, 2, ...)."""

    __tablename__ = "anggaran_dpa"
    __table_args__ = (
        UniqueConstraint("perangkat_daerah_kode", "tahun", "nomor", name="uq_anggaran_dpa"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    perangkat_daerah_kode: str = Field(foreign_key="perangkat_daerah.kode", max_length=64)
    tahun: int
    nomor: int
    tanggal: date | None = None
    keterangan: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class Pagu(SQLModel, table=True):
    """The pagu of one sub kegiatan in one DPA version."""

    __tablename__ = "anggaran_pagu"
    __table_args__ = (UniqueConstraint("dpa_id", "sub_kegiatan_id", name="uq_anggaran_pagu"),)

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    dpa_id: str = Field(foreign_key="anggaran_dpa.id", max_length=32)
    sub_kegiatan_id: str = Field(foreign_key="anggaran_nomenklatur.id", max_length=32, index=True)
    pagu: Decimal = Field(sa_column=kolom_uang())


class Realisasi(SQLModel, table=True):
    """One realisation entry (spending) of a sub kegiatan."""

    __tablename__ = "anggaran_realisasi"
    __table_args__ = (Index("ix_anggaran_realisasi_sub_tanggal", "sub_kegiatan_id", "tanggal"),)

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    sub_kegiatan_id: str = Field(foreign_key="anggaran_nomenklatur.id", max_length=32)
    tanggal: date
    jumlah: Decimal = Field(sa_column=kolom_uang())
    keterangan: str | None = Field(default=None, max_length=1000)
    bukti: str | None = Field(default=None, max_length=500)  # e.g. SP2D number or document URL
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class RealisasiFisik(SQLModel, table=True):
    """Physical progress (%) of a sub kegiatan at a date; the latest one counts."""

    __tablename__ = "anggaran_realisasi_fisik"
    __table_args__ = (
        Index("ix_anggaran_realisasi_fisik_sub_tanggal", "sub_kegiatan_id", "tanggal"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    sub_kegiatan_id: str = Field(foreign_key="anggaran_nomenklatur.id", max_length=32)
    tanggal: date
    persen: Decimal = Field(sa_column=kolom_uang())
    keterangan: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class Pendapatan(SQLModel, table=True):
    """Revenue (pendapatan) of a perangkat daerah for a year: target and realisation."""

    __tablename__ = "anggaran_pendapatan"
    __table_args__ = (
        UniqueConstraint("perangkat_daerah_kode", "tahun", name="uq_anggaran_pendapatan"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    perangkat_daerah_kode: str = Field(foreign_key="perangkat_daerah.kode", max_length=64)
    tahun: int
    target: Decimal = Field(sa_column=kolom_uang())
    realisasi: Decimal | None = Field(default=None, sa_column=kolom_uang(nullable=True))
    keterangan: str | None = Field(default=None, max_length=1000)
    versi: int = 1
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
