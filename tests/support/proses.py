"""`dinsos serve` in a process of its own (uvicorn, as in production), for tests that need a
real server: forwarded headers, kill -9 in the middle of an import, revocation seen by another
process, a database that goes away under load."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.support.postgres import port_bebas


@dataclass
class ServerDinsos:
    """One `dinsos serve` process on `database_url`; `mulai()` again after `bunuh()` restarts
    it on the same port and database."""

    database_url: str
    var_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=port_bebas)
    proses: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def alamat(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def mulai(self, tunggu: float = 60) -> ServerDinsos:
        self.log = self.var_dir / f"server-{self.port}.log"
        env = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"}
        env |= {"DATABASE_URL": self.database_url, "VAR_DIR": str(self.var_dir),
                "ENVIRONMENT": "test", **self.env}  # fmt: skip
        with self.log.open("ab") as keluaran:
            self.proses = subprocess.Popen(
                [sys.executable, "-c", "from dinsos_api.cli import app; app()", "serve",
                 "--port", str(self.port)],
                env=env, stdout=keluaran, stderr=subprocess.STDOUT,
            )  # fmt: skip
        batas = time.monotonic() + tunggu
        while time.monotonic() < batas:
            if self.proses.poll() is not None:
                raise AssertionError(f"dinsos serve stopped: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{self.alamat}/health").status_code == 200:
                    return self
            time.sleep(0.1)
        raise AssertionError("dinsos serve did not start")

    def bunuh(self) -> None:
        """kill -9: no shutdown handler runs, as when the machine loses power."""
        if self.proses and self.proses.poll() is None:
            self.proses.send_signal(signal.SIGKILL)
            self.proses.wait(10)

    def hentikan(self) -> None:
        if self.proses and self.proses.poll() is None:
            self.proses.terminate()
            try:
                self.proses.wait(10)
            except subprocess.TimeoutExpired:
                self.bunuh()
