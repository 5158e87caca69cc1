"""Users and API clients."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column
from sqlmodel import Field, SQLModel

from dinsos_api.core.db import WaktuUTC, kolom_waktu
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


class PercobaanLogin(SQLModel, table=True):
    """Failed logins in a row for one submitted user name, whether a user has it or not: the
    same count and the same lock for both, so no answer tells which names exist.

    Keyed by a keyed hash of the normalised name (`security.sidik_username`): what strangers
    type in the user name field (a password, now and then) is stored nowhere.
    """

    __tablename__ = "percobaan_login"

    kunci: str = Field(primary_key=True, max_length=64)
    gagal: int = 0
    terkunci_sampai: datetime | None = Field(default=None, sa_column=kolom_waktu(nullable=True))
    # Counts left alone this long are forgotten (`akses.service.LUPA_GAGAL`).
    updated_at: datetime = Field(
        default_factory=sekarang, sa_column=Column(WaktuUTC(), nullable=False, index=True)
    )


class VersiAkses(SQLModel, table=True):
    """One row whose `versi` goes up in the same transaction as every change that ends or
    narrows a credential (key rotated or revoked, user changed, deactivated, new password).

    Each server process reads it once per authenticated request and drops its cached tokens
    when it moved (`core.akses.CacheAktor`): a revocation made by another process (the CLI,
    another worker) holds from the next request on.
    """

    __tablename__ = "versi_akses"
    __table_args__ = (CheckConstraint("id = 1", name="ck_versi_akses_satu_baris"),)

    id: int = Field(default=1, primary_key=True, sa_column_kwargs={"autoincrement": False})
    versi: int = 0
