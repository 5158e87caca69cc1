"""GET /v1/audit: read-only; nothing in the API changes or deletes an audit row."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from dinsos_api.audit import service
from dinsos_api.audit.schemas import AuditKeluar
from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import SessionDep
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link
from dinsos_api.core.waktu import WaktuIso

router = APIRouter(tags=["audit"])

Teks = Annotated[str | None, Query(max_length=128)]


@router.get("/audit", summary="Jejak audit (terbaru dahulu)", response_model=Halaman[AuditKeluar])
def daftar_audit(
    request: Request,
    response: Response,
    session: SessionDep,
    _: Annotated[Konteks, Depends(Izin("audit", "baca"))],
    aktor_id: Teks = None,
    sumber_daya: Teks = None,
    sumber_daya_id: Teks = None,
    aksi: Teks = None,
    dari: Annotated[WaktuIso | None, Query(description="Sejak waktu ini (ISO 8601).")] = None,
    sampai: Annotated[WaktuIso | None, Query(description="Sebelum waktu ini (ISO 8601).")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[AuditKeluar]:
    saring = service.SaringAudit(aktor_id, sumber_daya, sumber_daya_id, aksi, dari, sampai)
    rows, next_cursor = service.daftar(session, saring, limit, cursor)
    pasang_link(request, response, next_cursor)
    return Halaman(
        data=[AuditKeluar.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )
