"""`dinsos pekerja`: the outbox worker as its own process (beside or instead of the one in the
server; set OUTBOX_DALAM_SERVER=false to leave delivery to this process alone)."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from dinsos_api.core import outbox
from dinsos_api.core.config import get_settings
from dinsos_api.core.db import buat_engine


def pekerja(
    sekali: Annotated[
        bool, typer.Option("--sekali", help="Satu putaran saja, lalu berhenti (untuk cron).")
    ] = False,
) -> None:
    """Kirim kejadian keluar (outbox) ke tujuannya, mis. jawaban ke SP4N-LAPOR!."""
    from dinsos_api.core.logging import atur_logging

    settings = get_settings()
    atur_logging(settings.log_level, settings.log_json)
    tujuan = outbox.tujuan_dari(settings)
    if not tujuan:
        typer.echo("Belum ada tujuan: isi SP4N_LAPOR_API_URL dan SP4N_LAPOR_SECRET.", err=True)
        raise typer.Exit(2)
    engine = buat_engine(settings)
    kerja = outbox.PekerjaOutbox(engine, tujuan, outbox.AturanKirim.dari(settings))
    try:
        if sekali:
            typer.echo(f"{kerja.jalankan_sekali()} kejadian dicoba dikirim.")
            return
        henti = threading.Event()
        for sinyal in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sinyal, lambda *_: henti.set())
        kerja.mulai()
        typer.echo(f"Pekerja outbox berjalan ({', '.join(tujuan)}); Ctrl-C untuk berhenti.")
        henti.wait()
    finally:
        kerja.berhenti()
        engine.dispose()
