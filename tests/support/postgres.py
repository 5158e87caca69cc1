"""A throw-away PostgreSQL server started from the local server binaries.

Used by the test suite and by the benchmarks. The server lives in a temporary folder, listens
on a free loopback port, runs without fsync, and is removed on stop. As root, PostgreSQL refuses
to run, so the server runs as the `postgres` system user that Debian's package creates.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class PostgresTidakTersediaError(RuntimeError):
    pass


def _bin(nama: str) -> str:
    found = shutil.which(nama)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{nama}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise PostgresTidakTersediaError(f"{nama} tidak ditemukan (pasang paket postgresql)")
    return candidates[-1]


def port_bebas() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresSementara:
    def __init__(self) -> None:
        self.initdb = _bin("initdb")
        self.pg_ctl = _bin("pg_ctl")
        self.port = port_bebas()
        self.root = Path(tempfile.mkdtemp(prefix="dinsos-pg-"))
        self.data = self.root / "data"
        self._prefix: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresTidakTersediaError("running as root needs a 'postgres' user") from exc
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        self._run(
            self.initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        self.jalankan()
        return self.url("postgres")

    def jalankan(self) -> None:
        """Start the server on its data folder (again, after `matikan`)."""
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            self.pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
            "-w", "-t", "60", "start",
        )  # fmt: skip

    def matikan(self) -> None:
        """Stop the server as a crash would (its data stays, for `jalankan`)."""
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
