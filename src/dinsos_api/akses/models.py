"""Users and API clients."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.waktu import sekarang


class Pengguna(SQLModel, table=True):
    __tablename__ = "pengguna"

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    username: str = Field(max_length=64, unique=True)
    nama: str = Field(max_length=200)
    peran: str = Field(max_length=32)
    kode_wilayah: str | None = Field(default=None, foreign_key="wilayah.kode", max_length=13)
    sandi_hash: str = Field(max_length=255)
    aktif: bool = True
    # Bumped on deactivation or password change: every token issued before stops working.
    versi_token: int = 0
    gagal_login: int = 0
    terkunci_sampai: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())


class KlienApi(SQLModel, table=True):
    """A machine caller: a district system, the SP4N-LAPOR! relay, an analyst's script."""

    __tablename__ = "klien_api"

    id: str = Field(primary_key=True, max_length=12)  # the key's public part
    nama: str = Field(max_length=200)
    peran: str = Field(max_length=32)
    kode_wilayah: str | None = Field(default=None, foreign_key="wilayah.kode", max_length=13)
    rahasia_hash: str = Field(max_length=64)
    aktif: bool = True
    created_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    updated_at: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    dicabut_pada: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
