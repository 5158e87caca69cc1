"""Fixtures for complaints: an app with webhook secrets, callers by role, a signed sender and
a real local HTTP receiver standing in for SP4N-LAPOR!."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from standardwebhooks.webhooks import Webhook

from dinsos_api.core.config import Settings
from tests.conftest import pengaturan_uji

# Test secrets (base64 of fixed bytes), not real ones.
RAHASIA_LAMA = "whsec_" + "dGVzdC1yYWhhc2lhLWxhbWEtMDEyMzQ1Njc4OQ=="
RAHASIA_BARU = "whsec_" + "dGVzdC1yYWhhc2lhLWJhcnUtOTg3NjU0MzIxMA=="
RAHASIA_KELUAR = "whsec_" + "a2VsdWFyLWtlLWxhcG9yLXVqaS0wMTIzNDU2Nzg="

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pengaduan"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return pengaturan_uji(
        database_url,
        tmp_path / "var",
        sp4n_lapor_webhook_secrets=f"{RAHASIA_LAMA}, {RAHASIA_BARU}",
        outbox_dalam_server=False,
    )


@pytest.fixture
def peran(masuk_sebagai: Callable[..., dict[str, str]]) -> dict[str, dict[str, str]]:
    return {
        "petugas": masuk_sebagai("petugas_layanan"),
        "kadis": masuk_sebagai("pimpinan"),
        "bidang": masuk_sebagai("operator_provinsi"),
        "analis": masuk_sebagai("analis"),
        "admin": masuk_sebagai("admin"),
    }


def laporan(tracking_id: str = "LAPOR-2026-0001", **data: Any) -> dict[str, Any]:
    """A laporan.diteruskan body as the relay sends it (docs/sp4n-lapor.md)."""
    body = json.loads((FIXTURES / "laporan_diteruskan.json").read_text(encoding="utf-8"))
    body["data"]["tracking_id"] = tracking_id
    body["data"].update(data)
    return body


def tanda_tangan(
    body: bytes,
    *,
    rahasia: str = RAHASIA_LAMA,
    msg_id: str | None = None,
    saat: datetime | None = None,
) -> dict[str, str]:
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    saat = saat or datetime.now(UTC)
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(saat.timestamp())),
        "webhook-signature": Webhook(rahasia).sign(msg_id, saat, body.decode()),
    }


def kirim(
    c: TestClient | httpx.Client, body: dict[str, Any] | bytes, **kwargs: Any
) -> httpx.Response:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return c.post("/v1/webhooks/sp4n-lapor", content=raw, headers=tanda_tangan(raw, **kwargs))


@dataclass
class Diterima:
    headers: dict[str, str]
    body: bytes
    jawaban: int


@dataclass
class Penerima:
    """A real HTTP server on 127.0.0.1: answers each request with the next scripted reply
    (status, headers, delay in seconds); after the script, 200."""

    naskah: list[tuple[int, dict[str, str], float]] = field(default_factory=list)
    diterima: list[Diterima] = field(default_factory=list)
    url: str = ""

    @property
    def berhasil(self) -> list[Diterima]:
        return [d for d in self.diterima if 200 <= d.jawaban < 300]


@pytest.fixture
def penerima() -> Iterator[Penerima]:
    p = Penerima()
    kunci = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            with kunci:
                status, headers, tunda = p.naskah.pop(0) if p.naskah else (200, {}, 0.0)
            if tunda:
                time.sleep(tunda)
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"{}")
            except OSError:
                return  # the client gave up (timeout): it never saw this answer
            with kunci:
                if not tunda:
                    p.diterima.append(Diterima(dict(self.headers), body, status))
                else:
                    p.diterima.append(Diterima(dict(self.headers), body, -1))

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    p.url = f"http://127.0.0.1:{server.server_address[1]}/api/tindak-lanjut"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield p
    server.shutdown()
    server.server_close()
