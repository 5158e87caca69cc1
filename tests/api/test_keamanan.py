"""Hardening: rate limits, CORS, security headers, offline docs, no secrets in logs."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from dinsos_api.akses import service
from dinsos_api.akses.schemas import PenggunaBuat
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.config import Settings
from dinsos_api.main import create_app
from tests.conftest import IkatApp


@pytest.fixture
def ketat(app_dengan: IkatApp) -> Iterator[TestClient]:
    # The limiter counts in windows aligned to the minute and weighs the previous one, so a few
    # requests that straddle a minute boundary would see a partly expired count. Start each test
    # at the top of a minute, the clock running from there, so the counts are exact.
    awal = datetime.fromtimestamp((time.time() // 60 + 1) * 60, UTC)
    app = app_dengan(
        rate_limit="3/minute",
        rate_limit_login="2/minute",
        cors_origins=["https://app.dinsos.nttprov.go.id"],
    )
    with time_machine.travel(awal, tick=True), TestClient(app) as c:
        yield c


def test_rate_limit_per_client(ketat: TestClient) -> None:
    a = {"Authorization": "Bearer dsk_aaaaaaaaaaaa_x"}
    b = {"Authorization": "Bearer dsk_bbbbbbbbbbbb_x"}
    assert [ketat.get("/v1/saya", headers=a).status_code for _ in range(3)] == [401] * 3
    limited = ketat.get("/v1/saya", headers=a)
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert ketat.get("/v1/saya", headers=b).status_code == 401  # its own bucket
    assert ketat.get("/health").status_code == 200  # probes are never limited


def test_login_has_its_own_stricter_limit(ketat: TestClient) -> None:
    form = {"username": "x", "password": "y"}
    codes = [ketat.post("/v1/auth/token", data=form).status_code for _ in range(3)]
    assert codes == [401, 401, 429]


def test_json_login_shares_the_login_limit(ketat: TestClient) -> None:
    login = {"username": "x", "password": "y"}
    codes = [
        ketat.post("/v1/auth/token", data=login).status_code,
        ketat.post("/v1/auth/token", json=login).status_code,
        ketat.post("/v1/auth/token", json=login).status_code,
    ]
    assert codes == [401, 401, 429]


def test_cors_for_configured_origins_only(ketat: TestClient) -> None:
    def preflight(origin: str):  # type: ignore[no-untyped-def]
        return ketat.options(
            "/v1/saya",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            },
        )

    ok = preflight("https://app.dinsos.nttprov.go.id")
    assert ok.headers["access-control-allow-origin"] == "https://app.dinsos.nttprov.go.id"
    assert "access-control-allow-origin" not in preflight("https://jahat.example").headers


def test_security_headers(anon: TestClient) -> None:
    response = anon.get("/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_docs_are_served_without_a_cdn(anon: TestClient) -> None:
    page = anon.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "/docs/static/swagger-ui-bundle.js" in page.text
    assert anon.get("/docs/static/swagger-ui-bundle.js").status_code == 200
    assert anon.get("/openapi.json").json()["info"]["title"] == "Dinsos API"


def test_secrets_never_reach_the_logs(
    anon: TestClient, engine: Engine, masuk_sebagai, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    password = "rahasia-sekali-12345"
    with Session(engine) as session:
        service.buat_pengguna(
            session,
            konteks_sistem(),
            PenggunaBuat(username="pengguna.uji", nama="U", peran=Peran.ANALIS, password=password),
        )
    headers = masuk_sebagai("analis")
    with caplog.at_level(logging.DEBUG):
        token = anon.post("/v1/auth/token", data={"username": "pengguna.uji", "password": password})
        access = token.json()["access_token"]
        anon.get("/v1/saya", headers={"Authorization": f"Bearer {access}"})
        anon.get("/v1/saya", headers=headers)
        anon.post("/v1/auth/token", data={"username": "pengguna.uji", "password": password + "x"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (password, access, headers["Authorization"].split()[1]):
        assert secret not in logged


def test_metrics_count_requests_by_route_template(settings: Settings, masuk_sebagai) -> None:  # type: ignore[no-untyped-def]
    headers = masuk_sebagai("analis")
    # An app of its own: counters live as long as the app, and the worker's shared app has
    # served other tests.
    with TestClient(create_app(settings)) as anon:
        for _ in range(3):
            assert anon.get("/v1/wilayah/5301", headers=headers).status_code == 200
        anon.get("/v1/wilayah/9999", headers=headers)
        anon.get("/tidak/ada/5301012001")
        text = anon.get("/metrics").text
    line = 'dinsos_http_requests_total{method="GET",route="/v1/wilayah/{kode}",status="200"} 3.0'
    assert line in text
    assert 'route="/v1/wilayah/{kode}",status="404"} 1.0' in text
    assert "5301012001" not in text  # raw paths never become labels
    assert "dinsos_http_request_duration_seconds_bucket" in text


def test_a_client_that_goes_away_is_not_a_server_error(
    settings: Settings,
    masuk_sebagai,
    caplog,  # type: ignore[no-untyped-def]
) -> None:
    # It was logged as an unhandled error and counted as a 500 in the metrics.
    headers = masuk_sebagai("admin")
    app = create_app(settings)
    pesan: list[dict] = []  # type: ignore[type-arg]

    async def putus() -> None:
        async def receive() -> dict:  # type: ignore[type-arg]
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:  # type: ignore[type-arg]
            pesan.append(message)

        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": "POST", "scheme": "http", "path": "/v1/impor/pmks",
            "raw_path": b"/v1/impor/pmks", "query_string": b"", "root_path": "",
            "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"),
                        (b"idempotency-key", b"putus-1"),
                        (b"authorization", headers["Authorization"].encode())],
            "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
        }  # fmt: skip
        await app(scope, receive, send)

    with TestClient(app) as c, caplog.at_level(logging.INFO):
        c.portal.call(putus)  # type: ignore[union-attr]
        text = c.get("/metrics").text
    assert pesan == []  # nobody to answer
    assert 'route="/v1/impor/pmks",status="499"} 1.0' in text
    assert 'status="500"' not in text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
