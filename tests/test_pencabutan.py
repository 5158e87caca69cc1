"""Revocation across processes: a key revoked or rotated, a user deactivated or given a new
password from the CLI (another process) is refused by a running server on its very next
request, however long its token cache lasts (issue 15, item 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlmodel import Session

from dinsos_api.akses import service
from dinsos_api.akses.schemas import KlienBuat, PenggunaBuat
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.config import Settings
from dinsos_api.core.db import buat_engine
from tests.support.proses import ServerDinsos

PASSWORD = "sandi-yang-panjang-1"


def _dinsos(database_url: str, var_dir: Path, *args: str, masukan: str | None = None) -> str:
    """`dinsos …` in a process of its own, on the server's database."""
    env = {**os.environ, "DATABASE_URL": database_url, "VAR_DIR": str(var_dir),
           "ENVIRONMENT": "test"}  # fmt: skip
    hasil = subprocess.run(
        [sys.executable, "-c", "from dinsos_api.cli import app; app()", *args],
        env=env, input=masukan, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert hasil.returncode == 0, hasil.stderr
    return hasil.stdout


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_revocation_from_the_cli_is_immediate_in_a_running_server(
    database_url: str, tmp_path: Path, server: Callable[..., ServerDinsos]
) -> None:
    # A cache far longer than the test: only an immediate revocation passes.
    srv = server(DATABASE_URL=database_url, CACHE_TOKEN_DETIK="300")
    engine = buat_engine(Settings(database_url=database_url, environment="test"))
    with Session(engine) as session:
        kunci = {
            nama: service.buat_klien(
                session, konteks_sistem(), KlienBuat(nama=nama, peran=Peran.ANALIS)
            ).kunci
            for nama in ("dicabut", "dirotasi", "tetap")
        }
        for username in ("op.nonaktif", "op.sandi"):
            service.buat_pengguna(
                session,
                konteks_sistem(),
                PenggunaBuat(username=username, nama=username, peran=Peran.PIMPINAN,
                             password=PASSWORD),
            )  # fmt: skip
    engine.dispose()

    with httpx.Client(base_url=srv.alamat) as c:
        token = {
            u: c.post("/v1/auth/token", data={"username": u, "password": PASSWORD}).json()[
                "access_token"
            ]
            for u in ("op.nonaktif", "op.sandi")
        }
        asing = c.get("/v1/saya", headers=_bearer("dsk_000000000000_" + "x" * 43))
        assert asing.status_code == 401

        def tolak_setelah(kredensial: str, *perintah: str, masukan: str | None = None) -> None:
            for _ in range(2):  # the second answer comes from the server's cache
                assert c.get("/v1/saya", headers=_bearer(kredensial)).status_code == 200
            _dinsos(database_url, tmp_path, *perintah, masukan=masukan)
            r = c.get("/v1/saya", headers=_bearer(kredensial))
            assert r.status_code == 401, perintah
            # The same answer as for a key that never existed.
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json() == asing.json()
            assert r.headers["www-authenticate"] == asing.headers["www-authenticate"]

        klien_id = kunci["dicabut"].split("_")[1]
        tolak_setelah(kunci["dicabut"], "klien", "cabut", klien_id)
        tolak_setelah(kunci["dirotasi"], "klien", "rotasi", kunci["dirotasi"].split("_")[1])
        tolak_setelah(token["op.nonaktif"], "pengguna", "nonaktifkan", "op.nonaktif")
        tolak_setelah(
            token["op.sandi"], "pengguna", "ganti-password", "op.sandi", "--password-stdin",
            masukan="sandi-baru-yang-panjang\n",
        )  # fmt: skip
        # What was not revoked still works.
        assert c.get("/v1/saya", headers=_bearer(kunci["tetap"])).status_code == 200
