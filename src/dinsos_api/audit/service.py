"""Filtered, newest-first pages of the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from dinsos_api.core.audit import AuditLog
from dinsos_api.core.paginasi import paginasi
from dinsos_api.core.waktu import sebagai_utc


@dataclass(frozen=True)
class SaringAudit:
    aktor_id: str | None = None
    sumber_daya: str | None = None
    sumber_daya_id: str | None = None
    aksi: str | None = None
    dari: datetime | None = None
    sampai: datetime | None = None


def daftar(
    session: Session, saring: SaringAudit, limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    stmt = select(AuditLog)
    for kolom, nilai in (
        (AuditLog.aktor_id, saring.aktor_id),
        (AuditLog.sumber_daya, saring.sumber_daya),
        (AuditLog.sumber_daya_id, saring.sumber_daya_id),
        (AuditLog.aksi, saring.aksi),
    ):
        if nilai is not None:
            stmt = stmt.where(kolom == nilai)
    if saring.dari is not None:
        stmt = stmt.where(col(AuditLog.waktu) >= sebagai_utc(saring.dari))
    if saring.sampai is not None:
        stmt = stmt.where(col(AuditLog.waktu) < sebagai_utc(saring.sampai))
    return paginasi(
        session, stmt, [col(AuditLog.waktu), col(AuditLog.id)], limit, cursor, turun=True
    )
