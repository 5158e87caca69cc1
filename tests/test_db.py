"""The engines: lean reads on the event loop (PostgreSQL) or in a thread (SQLite)."""

from __future__ import annotations

import asyncio

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
