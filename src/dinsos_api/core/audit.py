"""The audit trail: one row per change, written in the same transaction as the change.

Rows are never updated or deleted: the API only reads them, and database triggers refuse
UPDATE and DELETE on the table (migration 0002). Personal identifiers are masked before they
are stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, Session, SQLModel

from dinsos_api.core.akses import Konteks
from dinsos_api.core.db import kolom_waktu
from dinsos_api.core.waktu import sekarang

# Fields whose values are masked in audit rows; secrets are never recorded at all.
_DISAMARKAN = frozenset({"nik", "nomor_kk"})
_RAHASIA = frozenset({"password", "sandi", "password_hash", "sandi_hash", "rahasia_hash"})


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    # Newest-first listing pages by (waktu, id).
    __table_args__ = (Index("ix_audit_log_waktu_id", "waktu", "id"),)

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    waktu: datetime = Field(default_factory=sekarang, sa_column=kolom_waktu())
    aktor_jenis: str = Field(max_length=16)  # pengguna, klien, sistem
    aktor_id: str | None = Field(default=None, max_length=64, index=True)
    aktor_nama: str | None = Field(default=None, max_length=200)
    peran: str | None = Field(default=None, max_length=32)
    sumber_daya: str = Field(max_length=64, index=True)
    sumber_daya_id: str = Field(max_length=128)
    aksi: str = Field(max_length=64)
    perubahan: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    request_id: str | None = Field(default=None, max_length=64)
    ip: str | None = Field(default=None, max_length=64)


def samarkan(nilai: Any) -> Any:
    """5301234567890007 -> 5301********0007: region and last digits stay, the rest does not."""
    if not isinstance(nilai, str) or len(nilai) < 8:
        return "****" if nilai else nilai
    return nilai[:4] + "*" * (len(nilai) - 8) + nilai[-4:]


def _jsonable(nilai: Any) -> Any:
    if isinstance(nilai, Decimal):
        return str(nilai)
    if isinstance(nilai, datetime | date):
        return nilai.isoformat()
    if isinstance(nilai, Enum):
        return nilai.value
    if isinstance(nilai, list | tuple):
        return [_jsonable(v) for v in nilai]
    if isinstance(nilai, dict):
        return {k: _jsonable(v) for k, v in nilai.items()}
    return nilai


def _bersihkan(kolom: str, nilai: Any) -> Any:
    if kolom in _DISAMARKAN:
        return samarkan(nilai)
    return _jsonable(nilai)


def selisih(lama: Mapping[str, Any] | None, baru: Mapping[str, Any] | None) -> dict[str, Any]:
    """{field: {"lama": old, "baru": new}} for every field that changed."""
    lama, baru = lama or {}, baru or {}
    hasil: dict[str, Any] = {}
    for kolom in sorted(set(lama) | set(baru)):
        if kolom in _RAHASIA:
            if lama.get(kolom) != baru.get(kolom):
                hasil[kolom] = {"lama": "(rahasia)", "baru": "(diubah)"}
            continue
        if lama.get(kolom) != baru.get(kolom):
            hasil[kolom] = {
                "lama": _bersihkan(kolom, lama.get(kolom)),
                "baru": _bersihkan(kolom, baru.get(kolom)),
            }
    return hasil


def catat(
    session: Session,
    ktx: Konteks,
    *,
    sumber_daya: str,
    sumber_daya_id: str,
    aksi: str,
    lama: Mapping[str, Any] | None = None,
    baru: Mapping[str, Any] | None = None,
) -> AuditLog:
    """Add an audit row to the session; it commits (or rolls back) with the change itself."""
    row = AuditLog(
        **ktx.kolom_pelaku(),
        sumber_daya=sumber_daya,
        sumber_daya_id=sumber_daya_id,
        aksi=aksi,
        perubahan=selisih(lama, baru),
        request_id=ktx.request_id,
        ip=ktx.ip,
    )
    session.add(row)
    return row
