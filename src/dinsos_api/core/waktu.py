"""Time: stored in UTC; business dates in Asia/Makassar (WITA, NTT's zone)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

WITA = ZoneInfo("Asia/Makassar")


def sekarang() -> datetime:
    return datetime.now(UTC)


def sebagai_utc(waktu: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return waktu.replace(tzinfo=UTC) if waktu.tzinfo is None else waktu.astimezone(UTC)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:\d{2})?$")


def _waktu_iso(nilai: Any) -> datetime:
    """ISO 8601 only (no Unix timestamps); without an offset the time is read as WITA."""
    salah = PydanticCustomError(
        "waktu_iso", "harus berupa waktu ISO 8601, misalnya 2026-01-31T08:00:00+08:00"
    )
    if isinstance(nilai, datetime):
        waktu = nilai
    elif isinstance(nilai, str) and _ISO.match(nilai):
        try:
            waktu = datetime.fromisoformat(nilai)
        except ValueError:
            raise salah from None
    else:
        raise salah
    return waktu.replace(tzinfo=WITA) if waktu.tzinfo is None else waktu


WaktuIso = Annotated[
    datetime,
    BeforeValidator(_waktu_iso),
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="validation"),
]


_WAKTU_PENUH = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _tanggal_wita(nilai: Any) -> Any:
    """A full ISO 8601 timestamp becomes its date in WITA; anything else is left to pydantic's
    date parsing (`YYYY-MM-DD`)."""
    if isinstance(nilai, str) and _WAKTU_PENUH.match(nilai):
        return _waktu_iso(nilai).astimezone(WITA).date()
    if isinstance(nilai, datetime):
        return _waktu_iso(nilai).astimezone(WITA).date()
    return nilai


TanggalWita = Annotated[
    date,
    BeforeValidator(_tanggal_wita),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ]
        },
        mode="validation",
    ),
]
"""A date, given as `YYYY-MM-DD` or as a full ISO 8601 timestamp (its date in WITA; a time
without an offset is read as WITA)."""
