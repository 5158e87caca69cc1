"""Tables of the care units (panti and the trauma centre): dated capacities and residents.

The units themselves are reference data (`unit_kerja`); which units keep residents, and the
target groups each admits, are in data/panti.yaml. A resident is a registry person (`orang`)
with one stay: admitted on `tanggal_masuk`, discharged on `tanggal_keluar` (null while still
there). A person has at most one stay at a time, in any unit.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.waktu import sekarang


def _id() -> str:
    return uuid.uuid4().hex


class AlasanKeluar(StrEnum):
    REUNIFIKASI = "reunifikasi"  # back to the family
    RUJUKAN = "rujukan"  # referred to another institution
    MANDIRI = "mandiri"  # left able to live independently
    MENINGGAL = "meninggal"


class AsalRujukan(StrEnum):
    """Who brought the resident in."""

    DINSOS_KABKOTA = "dinsos_kabkota"  # a district's social affairs office
    KELUARGA = "keluarga"
    MASYARAKAT = "masyarakat"  # neighbours, church, village head
    DATANG_SENDIRI = "datang_sendiri"
    PENJANGKAUAN = "penjangkauan"  # the office's own outreach
    KEPOLISIAN = "kepolisian"
    RUMAH_SAKIT = "rumah_sakit"
    LEMBAGA_LAIN = "lembaga_lain"  # another panti, LKSA, NGO
    PEMULANGAN_MIGRAN = "pemulangan_migran"  # returned migrant workers (BP3MI, debarkation)


class KapasitasPanti(SQLModel, table=True):
    """A unit's capacity (beds) from `berlaku_mulai` until the next dated value."""

    __tablename__ = "kapasitas_panti"
    __table_args__ = (
        UniqueConstraint("panti_kode", "berlaku_mulai", name="uq_kapasitas_panti_tanggal"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    panti_kode: str = Field(foreign_key="unit_kerja.kode", max_length=64)
    berlaku_mulai: date
    kapasitas: int
    keterangan: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class PenghuniPanti(SQLModel, table=True):
    """One stay of a person in a care unit."""

    __tablename__ = "penghuni_panti"
    __table_args__ = (
        # One open stay per person, whatever the unit: the database's own guard against two
        # concurrent admissions (overlaps with past stays are checked by the service).
        Index(
            "uq_penghuni_panti_orang_aktif",
            "orang_id",
            unique=True,
            sqlite_where=text("tanggal_keluar IS NULL"),
            postgresql_where=text("tanggal_keluar IS NULL"),
        ),
        Index("ix_penghuni_panti_orang", "orang_id"),
        # A unit's register pages by (created_at, id); occupancy reads a unit's stays.
        Index("ix_penghuni_panti_unit_waktu_id", "panti_kode", "created_at", "id"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    panti_kode: str = Field(foreign_key="unit_kerja.kode", max_length=64)
    orang_id: str = Field(foreign_key="orang.id", max_length=32)
    kelompok_sasaran: str = Field(foreign_key="kategori_pmks.kode", max_length=64)
    tanggal_masuk: date
    asal_rujukan: str = Field(max_length=32)
    keterangan_masuk: str | None = Field(default=None, max_length=500)
    tanggal_keluar: date | None = None
    alasan_keluar: str | None = Field(default=None, max_length=16)
    tujuan_rujukan: str | None = Field(default=None, max_length=200)
    keterangan_keluar: str | None = Field(default=None, max_length=500)
    sumber: str | None = Field(default=None, max_length=64)  # who recorded it (or demo)
    versi: int = 1
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
