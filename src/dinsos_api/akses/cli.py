"""`dinsos klien …` and `dinsos pengguna …`: identities for scripts and deployment tooling."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, TypeVar

import typer
from pydantic import ValidationError
from rfc9457 import Problem
from sqlmodel import Session, select

from dinsos_api.akses import service
from dinsos_api.akses.models import KlienApi, Pengguna
from dinsos_api.akses.schemas import KlienBuat, PenggunaBuat, PenggunaUbah
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.config import get_settings
from dinsos_api.core.db import buat_engine
from dinsos_api.core.errors import daftar_kesalahan

klien_app = typer.Typer(
    help="Klien API (sistem kabupaten/kota, relay, skrip).", no_args_is_help=True
)
pengguna_app = typer.Typer(help="Pengguna (login dengan password).", no_args_is_help=True)

T = TypeVar("T")

PeranOpt = Annotated[Peran, typer.Option(help="Peran.", case_sensitive=False)]
WilayahOpt = Annotated[
    str | None, typer.Option("--wilayah", help="Kode kabupaten/kota (operator_kabkota).")
]


@contextmanager
def _sesi() -> Iterator[Session]:
    engine = buat_engine(get_settings())
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def _jalankan(fungsi: Callable[[], T]) -> T:
    """Run a command body; print validation and domain errors in Indonesian, exit non-zero."""
    try:
        return fungsi()
    except ValidationError as exc:
        for e in daftar_kesalahan(exc.errors()):
            typer.echo(f"Kesalahan: {e['field']}: {e['message']}", err=True)
        raise typer.Exit(2) from None
    except Problem as exc:
        typer.echo(f"Kesalahan: {exc.detail or exc.title}", err=True)
        raise typer.Exit(1) from None


@klien_app.command("buat")
def klien_buat(
    nama: Annotated[str, typer.Option(help="Nama klien, misalnya 'Dinsos Kab. Kupang'.")],
    peran: PeranOpt,
    wilayah: WilayahOpt = None,
) -> None:
    """Buat klien API. Kuncinya dicetak sekali, sendirian di baris terakhir."""

    def buat() -> service.KlienBaru:
        data = KlienBuat(nama=nama, peran=peran, kode_wilayah=wilayah)
        with _sesi() as session:
            return service.buat_klien(session, konteks_sistem(), data)

    baru = _jalankan(buat)
    _cetak_kunci(baru)


@klien_app.command("daftar")
def klien_daftar() -> None:
    """Daftar klien API (tanpa kunci)."""
    with _sesi() as session:
        for k in session.exec(select(KlienApi).order_by(KlienApi.nama)).all():
            status = "aktif" if k.aktif else "dicabut"
            typer.echo(f"{k.id}  {status:8}  {k.peran:18} {k.kode_wilayah or '-':5} {k.nama}")


@klien_app.command("rotasi")
def klien_rotasi(klien_id: str) -> None:
    """Ganti kunci klien API; kunci lama langsung tidak berlaku."""

    def rotasi() -> service.KlienBaru:
        with _sesi() as session:
            return service.rotasi_klien(session, konteks_sistem(), klien_id)

    _cetak_kunci(_jalankan(rotasi))


@klien_app.command("cabut")
def klien_cabut(klien_id: str) -> None:
    """Cabut klien API."""

    def cabut() -> KlienApi:
        with _sesi() as session:
            return service.cabut_klien(session, konteks_sistem(), klien_id)

    klien = _jalankan(cabut)
    typer.echo(f"Klien {klien.id} ({klien.nama}) dicabut.")


def _cetak_kunci(baru: service.KlienBaru) -> None:
    k = baru.klien
    typer.echo(f"Klien API {k.id}: {k.nama}, peran {k.peran}, wilayah {k.kode_wilayah or '-'}.")
    typer.echo("Kunci di bawah hanya ditampilkan sekali. Kirim sebagai header:")
    typer.echo("  Authorization: Bearer <kunci>")
    typer.echo(baru.kunci)


def _baca_password(dari_stdin: bool) -> str:
    if dari_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@pengguna_app.command("buat")
def pengguna_buat(
    username: Annotated[str, typer.Option(help="Username untuk login.")],
    peran: PeranOpt,
    wilayah: WilayahOpt = None,
    nama: Annotated[str | None, typer.Option(help="Nama lengkap (bawaan: username).")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Baca password dari baris pertama stdin.")
    ] = False,
) -> None:
    """Buat pengguna. Tanpa --password-stdin, password diminta secara interaktif."""
    password = _baca_password(password_stdin)

    def buat() -> Pengguna:
        data = PenggunaBuat(
            username=username,
            nama=nama or username,
            peran=peran,
            kode_wilayah=wilayah,
            password=password,
        )
        with _sesi() as session:
            return service.buat_pengguna(session, konteks_sistem(), data)

    pengguna = _jalankan(buat)
    typer.echo(f"Pengguna {pengguna.username} dibuat (peran {pengguna.peran}, id {pengguna.id}).")


@pengguna_app.command("daftar")
def pengguna_daftar() -> None:
    """Daftar pengguna."""
    with _sesi() as session:
        for p in session.exec(select(Pengguna).order_by(Pengguna.username)).all():
            status = "aktif" if p.aktif else "nonaktif"
            typer.echo(f"{p.username:24} {status:8}  {p.peran:18} {p.kode_wilayah or '-'}")


def _ubah(username: str, data: PenggunaUbah) -> Pengguna:
    def ubah() -> Pengguna:
        with _sesi() as session:
            pengguna = service.cari_pengguna(session, username)
            return service.ubah_pengguna(session, konteks_sistem(), pengguna, data, get_settings())

    return _jalankan(ubah)


@pengguna_app.command("nonaktifkan")
def pengguna_nonaktifkan(username: str) -> None:
    """Nonaktifkan pengguna: tidak bisa login, dan tokennya langsung tidak berlaku."""
    _ubah(username, PenggunaUbah(aktif=False))
    typer.echo(f"Pengguna {username} dinonaktifkan.")


@pengguna_app.command("aktifkan")
def pengguna_aktifkan(username: str) -> None:
    """Aktifkan kembali pengguna."""
    _ubah(username, PenggunaUbah(aktif=True))
    typer.echo(f"Pengguna {username} diaktifkan.")


@pengguna_app.command("ganti-password")
def pengguna_ganti_password(
    username: str,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Baca password dari baris pertama stdin.")
    ] = False,
) -> None:
    """Ganti password; semua token pengguna ini langsung tidak berlaku."""
    password = _baca_password(password_stdin)
    _jalankan(lambda: _ubah(username, PenggunaUbah(password=password)))
    typer.echo(f"Password {username} diganti.")
