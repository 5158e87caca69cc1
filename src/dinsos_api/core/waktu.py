"""Time: stored in UTC; business dates in Asia/Makassar (WITA, NTT's zone)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def sekarang() -> datetime:
    return datetime.now(UTC)


def sebagai_utc(waktu: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return waktu.replace(tzinfo=UTC) if waktu.tzinfo is None else waktu.astimezone(UTC)
