"""Keyset (cursor) pagination: `?limit=` (default 50, max 500) and `?cursor=`.

A cursor is the sort key of the last row served, opaque to clients (base64url JSON). Pages stay
stable while rows are added, and page 2,000 costs what page 1 costs.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import DateTime, Integer, Row, Select, and_, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from dinsos_api.core.errors import Masalah

T = TypeVar("T")

LimitQuery = Annotated[
    int, Query(ge=1, le=500, description="Jumlah baris per halaman (bawaan 50, maksimal 500).")
]
CursorQuery = Annotated[
    str | None,
    Query(max_length=1000, description="Kursor dari `next_cursor` halaman sebelumnya."),
]


class Halaman(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None


def _encode(values: Sequence[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, kolom: Sequence[Any]) -> list[Any]:
    salah = Masalah(
        400,
        "Kursor tidak valid; gunakan nilai next_cursor dari halaman sebelumnya.",
        jenis="kursor",
        errors=[{"field": "cursor", "message": "kursor tidak valid"}],
    )
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise salah from None
    if not isinstance(values, list) or len(values) != len(kolom):
        raise salah
    hasil = []
    for value, col in zip(values, kolom, strict=True):
        if _jenis_waktu(col):
            try:
                value = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise salah from None
        elif type(value) is not _jenis_python(col):  # "5" for an integer column, etc.
            raise salah
        hasil.append(value)
    return hasil


def _jenis_python(col: Any) -> type:
    # By SQL type, not `python_type` (SQLModel's AutoString answers `object`).
    return int if isinstance(col.type, Integer) else str


def _jenis_waktu(col: Any) -> bool:
    tipe = col.type
    return isinstance(tipe, DateTime) or isinstance(getattr(tipe, "impl", None), DateTime)


def _setelah(kolom: Sequence[ColumnElement[Any]], nilai: Sequence[Any], turun: bool) -> Any:
    # (a, b) > (x, y) spelled out, so it works the same on SQLite and PostgreSQL.
    syarat = []
    for i, col in enumerate(kolom):
        sama = [kolom[j] == nilai[j] for j in range(i)]
        lewat = col < nilai[i] if turun else col > nilai[i]
        syarat.append(and_(*sama, lewat))
    return or_(*syarat)


def paginasi(
    session: Session,
    stmt: Select[Any],
    kolom: Sequence[Any],  # model columns (InstrumentedAttribute) or column elements
    limit: int,
    cursor: str | None,
    *,
    turun: bool = False,
) -> tuple[list[Any], str | None]:
    """Rows of `stmt` after `cursor`, ordered by `kolom` (unique together), and the next cursor."""
    if cursor:
        stmt = stmt.where(_setelah(kolom, _decode(cursor, kolom), turun))
    stmt = stmt.order_by(*(c.desc() if turun else c.asc() for c in kolom)).limit(limit + 1)
    rows = list(session.exec(stmt).all())  # type: ignore[call-overload]
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, _encode([_nilai_kunci(rows[-1], c) for c in kolom])


def _nilai_kunci(baris: Any, col: Any) -> Any:
    """The value of sort column `col` in a result row: a model instance, a row of columns, or a
    row of entities and columns (`select(Realisasi, Nomenklatur.kode)` sorted by
    `Realisasi.created_at`, whose value sits inside the entity)."""
    if not isinstance(baris, Row):
        return getattr(baris, str(col.key))
    if col in baris._mapping:
        return baris._mapping[col]
    entitas = getattr(col, "class_", None)
    if entitas is not None:
        for isi in baris:
            if isinstance(isi, entitas):
                return getattr(isi, str(col.key))
    raise ValueError(f"paginasi: the rows do not hold the sort column {col}")


def pasang_link(request: Request, response: Response, next_cursor: str | None) -> None:
    """RFC 8288 `Link: <…>; rel="next"` for clients that follow links instead of reading JSON."""
    if next_cursor:
        url = request.url.include_query_params(cursor=next_cursor)
        response.headers["Link"] = f'<{url}>; rel="next"'
