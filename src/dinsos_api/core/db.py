"""Database engine and sessions, for the embedded SQLite file and for PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, Request
from sqlalchemy import Column, DateTime, Engine, Executable, Row, TypeDecorator, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel import Session, create_engine

from dinsos_api.core.config import Settings


class WaktuUTC(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime: store timestamps with a timezone")
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def kolom_waktu(nullable: bool = False) -> Column[datetime]:
    """A fresh column object per model field (SQLModel needs one per table)."""
    return Column(WaktuUTC(), nullable=nullable)


def buat_engine(settings: Settings) -> Engine:
    """Create the engine for `settings.database_url` with the pragmas each backend needs."""
    url = make_url(settings.database_url)
    # Enough pooled connections for the server's worker threads: a connection opened past the
    # pool is closed again on return, and reopening costs more than the query.
    kwargs: dict[str, Any] = {"echo": settings.sql_echo, "pool_size": 20, "max_overflow": 20}
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ValueError("DATABASE_URL: an in-memory SQLite database is not supported")
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, **kwargs, **_OPSI_POSTGRES)


# Parallel workers take longer to start (~5 ms) than the API's keyset pages and single
# records take to read (< 1 ms), yet the planner picks them when its estimates for a skewed
# district and category are off.
_OPSI_POSTGRES: dict[str, Any] = {
    "pool_pre_ping": True,
    "connect_args": {"options": "-c max_parallel_workers_per_gather=0"},
}


@dataclass(frozen=True)
class Mesin:
    """The app's engines: the sync one for sessions and writes; on PostgreSQL also an asyncio
    one, so the busiest reads run on the event loop with no thread hand-off per request."""

    sinkron: Engine
    asinkron: AsyncEngine | None

    @classmethod
    def untuk(cls, engine: Engine) -> Mesin:
        if engine.dialect.name != "postgresql":
            return cls(engine, None)  # SQLite has no asyncio driver here: a thread it is
        # One statement per checkout: autocommit spares the BEGIN and the ROLLBACK on return,
        # and a dropped connection is retried once instead of pinged before every use.
        asinkron = create_async_engine(
            engine.url,
            echo=engine.echo,
            pool_size=10,
            max_overflow=10,
            isolation_level="AUTOCOMMIT",
            connect_args=_OPSI_POSTGRES["connect_args"],
        )
        return cls(engine, asinkron)

    async def baca(self, stmt: Executable, nilai: Mapping[str, Any]) -> Sequence[Row[Any]]:
        """Every row of one read-only statement, on a pooled connection of its own."""
        if self.asinkron is None:
            return await to_thread.run_sync(self._baca_sinkron, stmt, nilai)
        for percobaan in (1, 2):
            try:
                async with self.asinkron.connect() as conn:
                    return (await conn.execute(stmt, nilai)).all()
            except DBAPIError as exc:
                # The server restarted or dropped an idle connection: the pool is reset;
                # a read is safe to run again once.
                if not exc.connection_invalidated or percobaan == 2:
                    raise
        raise AssertionError("unreachable")

    def _baca_sinkron(self, stmt: Executable, nilai: Mapping[str, Any]) -> Sequence[Row[Any]]:
        with self.sinkron.connect() as conn:
            return conn.execute(stmt, nilai).all()

    async def tutup(self) -> None:
        if self.asinkron is not None:
            await self.asinkron.dispose()
        self.sinkron.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers and one writer work together.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def database_siap(engine: Engine) -> bool:
    """True when the database answers a trivial query."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


def get_session(request: Request) -> Iterator[Session]:
    engine: Engine = request.app.state.engine
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


async def get_mesin(request: Request) -> Mesin:
    # async: handing the engines over needs no thread.
    mesin: Mesin = request.app.state.mesin
    return mesin


# For lean read paths: one statement on a pooled connection, no ORM session.
MesinDep = Annotated[Mesin, Depends(get_mesin)]
