"""`dinsos wilayah ...`: region data from files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from dinsos_api.core.akses import konteks_sistem
from dinsos_api.core.config import get_settings
from dinsos_api.core.db import buat_engine
from dinsos_api.wilayah import service

app = typer.Typer(help="Data wilayah (kabupaten/kota, kecamatan, desa).", no_args_is_help=True)


@app.command("impor")
def impor(
    berkas: Annotated[
        Path, typer.Argument(help="Berkas CSV dengan kepala kode_kemendagri,nama[,jenis].")
    ],
) -> None:
    """Impor kecamatan dan desa/kelurahan dari CSV (UTF-8; pemisah koma atau titik koma).

    Kode tanpa titik, jenis (bila kolomnya kosong) dan induk diturunkan dari kode Kemendagri
    (53.01.01 kecamatan, 53.01.01.2001 desa). Induk harus sudah ada atau ikut dalam berkas.
    Semua baris diperiksa dahulu: bila ada yang salah, semua kesalahan dilaporkan dan tidak
    ada yang disimpan. Wilayah yang sudah ada diperbarui; mengimpor berkas yang sama lagi
    tidak mengubah apa pun.
    """
    try:
        teks = berkas.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        typer.echo(f"Berkas {berkas} tidak dapat dibaca: {exc.strerror or exc}.", err=True)
        raise typer.Exit(2) from None
    except UnicodeDecodeError:
        typer.echo(f"Berkas {berkas} bukan teks UTF-8; simpan ulang sebagai CSV UTF-8.", err=True)
        raise typer.Exit(2) from None

    engine = buat_engine(get_settings())
    try:
        with Session(engine) as session:
            hasil = service.impor_csv(session, konteks_sistem(), teks)
    except service.ImporDitolakError as exc:
        for kesalahan in exc.kesalahan:
            typer.echo(str(kesalahan), err=True)
        typer.echo(
            f"Impor dibatalkan: {len(exc.kesalahan)} kesalahan; tidak ada data yang disimpan.",
            err=True,
        )
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    typer.echo(
        f"Impor wilayah selesai: {hasil.dibuat} dibuat, {hasil.diubah} diubah, "
        f"{hasil.tetap} tidak berubah."
    )
