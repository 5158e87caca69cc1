"""The `dinsos` command: serve the API, migrate the database, load the demo data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from dinsos_api.akses.cli import klien_app, pengguna_app
from dinsos_api.core import migrasi
from dinsos_api.core.config import get_settings
from dinsos_api.core.db import buat_engine
from dinsos_api.pengaduan.cli import pekerja
from dinsos_api.wilayah.cli import app as wilayah_app

app = typer.Typer(help="Dinsos API: layanan dan alat administrasi.", no_args_is_help=True)
db_app = typer.Typer(help="Basis data.", no_args_is_help=True)
demo_app = typer.Typer(help="Data demo.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
app.add_typer(klien_app, name="klien")
app.add_typer(pengguna_app, name="pengguna")
app.add_typer(wilayah_app, name="wilayah")
app.command()(pekerja)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Alamat yang didengarkan.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    reload: Annotated[bool, typer.Option(help="Muat ulang saat kode berubah.")] = False,
) -> None:
    """Jalankan server API."""
    import uvicorn

    from dinsos_api.core.logging import atur_logging

    settings = get_settings()
    atur_logging(settings.log_level, settings.log_json)
    settings.kunci_rahasia()  # generated into var/ on first run outside production
    typer.echo(f"Dinsos API: http://{host}:{port}/docs (dokumentasi interaktif)")
    uvicorn.run(
        "dinsos_api.main:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        log_config=None,
        proxy_headers=bool(settings.forwarded_allow_ips),
        forwarded_allow_ips=settings.forwarded_allow_ips or None,
    )


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Terapkan migrasi basis data sampai revisi terbaru."""
    settings = get_settings()
    engine = buat_engine(settings)
    migrasi.upgrade(engine, revision)
    engine.dispose()
    typer.echo(f"Basis data mutakhir ({_tanpa_sandi(settings.database_url)}).")


@demo_app.command("muat")
def demo_muat() -> None:
    """Muat data demo: wilayah, kategori PMKS/PSKS, unit kerja, program, perangkat daerah."""
    from dinsos_api import demo

    settings = get_settings()
    engine = buat_engine(settings)
    with Session(engine) as session:
        hasil = demo.muat(session)
        akun = demo.buat_akun_demo(session, settings)
    engine.dispose()
    typer.echo(f"Data demo dimuat: {hasil.ringkasan()}.")
    if akun:
        typer.echo(
            f"Akun demo baru (username password), juga di {settings.var_dir / 'demo-akun.txt'}:"
        )
        for username, password in akun:
            typer.echo(f"  {username} {password}")
    elif settings.environment != "production":
        typer.echo(f"Akun demo: lihat {settings.var_dir / 'demo-akun.txt'}.")


@app.command()
def openapi(
    keluar: Annotated[Path | None, typer.Option(help="Tulis ke berkas ini.")] = None,
) -> None:
    """Cetak skema OpenAPI aplikasi (yang disimpan di openapi/openapi.json)."""
    from dinsos_api.main import create_app

    teks = json.dumps(create_app().openapi(), indent=2, ensure_ascii=False) + "\n"
    if keluar is None:
        typer.echo(teks, nl=False)
    else:
        keluar.write_text(teks, encoding="utf-8")


@app.command()
def kebijakan() -> None:
    """Cetak tabel peran × sumber daya × aksi (bagian README)."""
    from dinsos_api.core.akses import tabel_kebijakan
    from dinsos_api.main import create_app

    typer.echo(tabel_kebijakan(create_app()), nl=False)


def _tanpa_sandi(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    app()
