"""Database engine and sessions, for the embedded SQLite file and for PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, cast

import psycopg
import sqlalchemy.exc
from anyio import to_thread
from fastapi import Depends, Request
from sqlalchemy import Column, DateTime, Engine, Row, Select, TypeDecorator, event, text
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel import Session, create_engine

from dinsos_api.core.config import Settings

logger = logging.getLogger("dinsos_api.db")


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
_SESI_POSTGRES = "-c max_parallel_workers_per_gather=0"
_OPSI_POSTGRES: dict[str, Any] = {
    "pool_pre_ping": True,
    "connect_args": {"options": _SESI_POSTGRES},
}


class BacaanKecil:
    """One tiny read-only statement that runs on (almost) every request, such as the access
    version `CacheAktor` compares: on a connection of its own, since a checkout from the
    asyncio pool or a thread hand-off costs more than the read itself (measured: ≈ 0.35 ms
    through `Mesin.baca`, against ≈ 0.1 ms here on PostgreSQL and 5 µs on SQLite).

    PostgreSQL: one asyncio connection. Calls that arrive while a read is under way share the
    next one, which starts after they arrived and so sees every commit made before them: one
    round trip at a time however many requests wait. SQLite: a read on the event loop itself
    (WAL: a reader does not wait for the writer); a busy file is read in a thread, as any.
    """

    def __init__(self, engine: Engine, stmt: Select[Any]) -> None:
        self.engine = engine
        self.sql = str(stmt.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
        self._sqlite: sqlite3.Connection | None = None
        self._pg: psycopg.AsyncConnection[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kunci = asyncio.Lock()
        self._berikut: asyncio.Task[Sequence[Any] | None] | None = None

    async def baca(self) -> Sequence[Any] | None:
        """The statement's first row, or None."""
        if self.engine.dialect.name == "sqlite":
            return await self._baca_sqlite()
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (tests start several): start afresh
            self._lepas_pg()
            self._loop, self._kunci, self._berikut = loop, asyncio.Lock(), None
        if self._berikut is None:
            self._berikut = loop.create_task(self._giliran())
        # Shielded: a caller that goes away does not cancel the read the others wait for.
        return await asyncio.shield(self._berikut)

    async def _giliran(self) -> Sequence[Any] | None:
        async with self._kunci:  # the read under way, if any, ends first
            self._berikut = None  # whoever calls from now on waits for the next read
            return await self._baca_pg()

    async def _baca_pg(self) -> Sequence[Any] | None:
        for percobaan in (1, 2):
            if self._pg is None or self._pg.closed:
                _, opsi = self.engine.dialect.create_connect_args(self.engine.url)
                opsi.pop("context", None)
                opsi.setdefault("connect_timeout", 10)
                self._pg = await psycopg.AsyncConnection.connect(**opsi, autocommit=True)
            try:
                cur = await self._pg.execute(self.sql, prepare=True)
                return await cur.fetchone()
            except psycopg.OperationalError:
                if not self._pg.broken:
                    raise
                # The server restarted or dropped the connection: a new one, and once more.
                self._lepas_pg()
                if percobaan == 2:
                    raise
        raise AssertionError("unreachable")

    async def _baca_sqlite(self) -> Sequence[Any] | None:
        if self._sqlite is None:
            self._sqlite = sqlite3.connect(
                str(self.engine.url.database), timeout=0, isolation_level=None,
                check_same_thread=False,
            )  # fmt: skip
        try:
            # fetchall: the statement ends here, and no read transaction stays open.
            baris = self._sqlite.execute(self.sql).fetchall()
        except sqlite3.OperationalError:  # busy (rare in WAL): wait as any read does
            baris = list(await to_thread.run_sync(self._baca_sinkron))
        return tuple(baris[0]) if baris else None

    def _baca_sinkron(self) -> Sequence[Row[Any]]:
        with self.engine.connect() as conn:
            return conn.execute(text(self.sql)).all()

    def _lepas_pg(self) -> None:
        # Its event loop may be gone: the libpq connection is closed without awaiting.
        if self._pg is not None and not self._pg.closed:
            self._pg.pgconn.finish()
        self._pg = None

    async def tutup(self) -> None:
        if self._pg is not None and asyncio.get_running_loop() is self._loop:
            await self._pg.close()
        self._lepas_pg()
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None


@dataclass(frozen=True)
class Mesin:
    """The app's engines: the sync one for sessions and writes; on PostgreSQL also an asyncio
    one, so the busiest reads run on the event loop with no thread hand-off per request."""

    sinkron: Engine
    asinkron: AsyncEngine | None
    _kecil: dict[Select[Any], BacaanKecil] = field(default_factory=dict, compare=False)

    @classmethod
    def untuk(cls, engine: Engine) -> Mesin:
        if engine.dialect.name != "postgresql":
            return cls(engine, None)  # SQLite has no asyncio driver here: a thread it is
        # One statement per checkout: autocommit spares the BEGIN and the ROLLBACK on return,
        # and a dropped connection is retried once instead of pinged before every use.
        asinkron = create_async_engine(
            engine.url,
            echo=engine.echo,
            isolation_level="AUTOCOMMIT",
            # As large as the sync pool: a connection opened past the pool is closed on return,
            # and a new PostgreSQL backend per request cost more than the page (bench/README).
            pool_size=20,
            max_overflow=20,
            # UTC: `baca` hands timestamps on as the driver reads them. Generic plans: the
            # driver prepares a statement on its fifth run, yet PostgreSQL kept planning each
            # keyset page anew (its estimates favour custom plans), 0.7 ms a page, more than
            # running it. Lean reads are keyset queries that an index drives and a LIMIT
            # bounds whatever the values, so one plan serves them all.
            connect_args={
                "options": f"{_SESI_POSTGRES} -c TimeZone=UTC -c plan_cache_mode=force_generic_plan"
            },
        )
        return cls(engine, asinkron)

    async def baca(self, stmt: Select[Any], nilai: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        """Every row of one read-only statement, on a pooled connection of its own.

        On PostgreSQL the rows come straight from the driver as tuples: SQLAlchemy's result
        processing and its asyncio adaptation cost as much as the query itself on a keyset page.
        So only for statements whose values need no conversion either way: timestamps arrive
        timezone-aware in UTC (the session's TimeZone), as `WaktuUTC` would give them.
        """
        if self.asinkron is None:
            return await to_thread.run_sync(self._baca_sinkron, stmt, nilai)
        sql, tetap = _sql_psycopg(stmt, self.asinkron.dialect)
        nilai = {**tetap, **nilai} if tetap else nilai
        for percobaan in (1, 2):
            async with self.asinkron.connect() as conn:
                driver = cast(
                    psycopg.AsyncConnection[Any],
                    (await conn.get_raw_connection()).driver_connection,
                )
                try:
                    return await (await driver.execute(sql, nilai)).fetchall()
                except psycopg.OperationalError:
                    # The server restarted or dropped an idle connection: that connection is
                    # discarded, and a read is safe to run again once.
                    if not driver.broken or percobaan == 2:
                        raise
                    await conn.invalidate()
        raise AssertionError("unreachable")

    def _baca_sinkron(self, stmt: Select[Any], nilai: Mapping[str, Any]) -> Sequence[Row[Any]]:
        with self.sinkron.connect() as conn:
            return conn.execute(stmt, nilai).all()

    async def baca_kecil(self, stmt: Select[Any]) -> Sequence[Any] | None:
        """The first row of a tiny constant statement run on almost every request, on a
        connection of its own (`BacaanKecil`); `stmt` is kept, so pass a module constant."""
        bacaan = self._kecil.get(stmt)
        if bacaan is None:
            bacaan = self._kecil[stmt] = BacaanKecil(self.sinkron, stmt)
        return await bacaan.baca()

    async def tutup(self) -> None:
        for bacaan in self._kecil.values():
            await bacaan.tutup()
        if self.asinkron is not None:
            await self.asinkron.dispose()
        self.sinkron.dispose()


@lru_cache(maxsize=256)
def _sql_psycopg(stmt: Select[Any], dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """The SQL text SQLAlchemy would send for `stmt`, with the values the statement holds
    itself (compiled once per statement object). A parameter whose type converts its value
    (a `WaktuUTC`, say) is refused: the driver would receive it unconverted."""
    compiled = stmt.compile(dialect=dialect)
    if dialect.paramstyle != "pyformat" or "POSTCOMPILE" in compiled.string:
        raise ValueError("Mesin.baca: only statements with named parameters")
    for nama, bind in compiled.binds.items():
        if bind.type.bind_processor(dialect) is not None:
            raise ValueError(f"Mesin.baca: parameter {nama} needs SQLAlchemy to convert it")
    return str(compiled.string), dict(compiled.params)


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
    session = Session(engine)
    try:
        yield session
    finally:
        # FastAPI closes a yield dependency after the response has gone out. A connection the
        # database dropped meanwhile fails its rollback here: raised, it would reach the
        # server with the answer already sent, and the server would close the client's
        # keep-alive connection under its next request (docs/architecture.md, "The request
        # path"). The connection is discarded either way.
        try:
            session.close()
        except (sqlalchemy.exc.OperationalError, psycopg.OperationalError) as exc:
            logger.warning("session closed on a lost database connection: %s", type(exc).__name__)


SessionDep = Annotated[Session, Depends(get_session)]


async def get_mesin(request: Request) -> Mesin:
    # async: handing the engines over needs no thread.
    mesin: Mesin = request.app.state.mesin
    return mesin


# For lean read paths: one statement on a pooled connection, no ORM session.
MesinDep = Annotated[Mesin, Depends(get_mesin)]
