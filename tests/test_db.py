"""The engines: lean reads on the event loop (PostgreSQL) or in a thread (SQLite)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, text

from dinsos_api.core.db import Mesin
from dinsos_api.wilayah.models import Wilayah

PERTAMA = select(Wilayah.kode).order_by(Wilayah.kode).limit(1)


def test_reads_survive_a_server_that_dropped_its_connections(engine: Engine) -> None:
    mesin = Mesin.untuk(engine)
    koneksi_baru: list[object] = []
    if mesin.asinkron is not None:
        event.listen(mesin.asinkron.sync_engine, "connect", lambda *a: koneksi_baru.append(a))

    async def jalankan() -> list[str]:
        hasil = [(await mesin.baca(PERTAMA, {}))[0][0]]
        if mesin.asinkron is not None:
            # PostgreSQL restarts or an idle timeout: every pooled connection is gone.
            with engine.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
        hasil.append((await mesin.baca(PERTAMA, {}))[0][0])
        await mesin.tutup()
        return hasil

    assert (mesin.asinkron is not None) == (engine.dialect.name == "postgresql")
    assert asyncio.run(jalankan()) == ["5301", "5301"]
    # On PostgreSQL the second read found its connection dead and opened a new one.
    assert len(koneksi_baru) == (2 if engine.dialect.name == "postgresql" else 0)


def test_lean_reads_give_timestamps_as_the_orm_does(engine: Engine) -> None:
    """PostgreSQL rows come from the driver unprocessed: timestamps must still be UTC-aware and
    equal to what `WaktuUTC` gives through SQLAlchemy."""
    mesin = Mesin.untuk(engine)
    stmt = select(Wilayah.kode, Wilayah.updated_at).order_by(Wilayah.kode).limit(3)

    async def baca() -> Sequence[Sequence[Any]]:
        try:
            return await mesin.baca(stmt, {})
        finally:
            await mesin.tutup()

    with engine.connect() as conn:
        orm = [tuple(r) for r in conn.execute(stmt)]
    lean = [tuple(r) for r in asyncio.run(baca())]
    assert lean == orm and len(lean) == 3
    assert all(waktu.utcoffset() == timedelta(0) for _, waktu in lean)


def test_lean_reads_refuse_parameters_that_need_converting(engine: Engine) -> None:
    """A parameter SQLAlchemy would convert is refused on PostgreSQL (the driver would get it
    unconverted); on SQLite, where SQLAlchemy runs the statement, it is converted."""
    mesin = Mesin.untuk(engine)
    stmt = select(Wilayah.kode).where(Wilayah.updated_at > datetime(2000, 1, 1, tzinfo=UTC))

    async def baca() -> Sequence[Sequence[Any]]:
        try:
            return await mesin.baca(stmt.limit(1), {})
        finally:
            await mesin.tutup()

    if engine.dialect.name == "postgresql":
        with pytest.raises(ValueError, match="convert"):
            asyncio.run(baca())
    else:
        assert [r[0] for r in asyncio.run(baca())] == ["5301"]
