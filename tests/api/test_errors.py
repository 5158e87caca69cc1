"""Every error is RFC 9457 problem details; no stack trace ever reaches a client."""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator

import pytest
from asgi_correlation_id import correlation_id
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dinsos_api.core.config import Settings
from dinsos_api.core.logging import FormatTanpaPesan, JsonFormatter
from dinsos_api.main import create_app
from tests.conftest import IkatApp, MasukSebagai

PROBLEM = "application/problem+json"


def _assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"]
    assert body["instance"].startswith("/")
    return body


@pytest.mark.parametrize(
    "url", ["/v1/impor/pmks", "/v1/impor/anggaran?perangkat_daerah=dinsos_53&tahun=2025"]
)
def test_deeply_nested_json_is_400_where_a_route_reads_its_body(
    client: TestClient, url: str
) -> None:
    # These routes parse their own body (JSON or a file); a thousand levels of nesting ran
    # the parser out of stack and answered 500.
    dalam = b"[" * 1000 + b"]" * 1000
    headers = {"content-type": "application/json", "Idempotency-Key": uuid.uuid4().hex}
    body = _assert_problem(client.post(url, content=dalam, headers=headers), 400)
    assert "bersarang" in body["detail"]
    # Malformed JSON is refused the same way.
    tak_valid = client.post(url, content=b'{"baris": [', headers=headers)
    assert _assert_problem(tak_valid, 400)["type"] == body["type"]


def test_unknown_path_is_404(client: TestClient) -> None:
    body = _assert_problem(client.get("/v1/tidak-ada"), 404)
    assert body["title"] == "Data tidak ditemukan"


def test_wrong_method_is_405(client: TestClient) -> None:
    _assert_problem(client.get("/v1/kinerja/hitung"), 405)


@pytest.fixture
def small_limit_client(app_dengan: IkatApp) -> Iterator[TestClient]:
    with TestClient(app_dengan(max_body_bytes=1000)) as c:
        yield c


def test_body_over_limit_is_413_with_content_length(small_limit_client: TestClient) -> None:
    indikator = [{"kode": f"K{i}", "target": 1, "realisasi": 1} for i in range(100)]
    body = _assert_problem(
        small_limit_client.post("/v1/kinerja/hitung", json={"indikator": indikator}), 413
    )
    assert "1000" in body["detail"]


def test_body_over_limit_is_413_when_streamed(small_limit_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
        yield b'{"indikator": ['
        for i in range(100):
            yield b'{"kode": "K%d", "target": 1, "realisasi": 1},' % i
        yield b'{"kode": "Z"}]}'

    response = small_limit_client.post(
        "/v1/kinerja/hitung", content=chunks(), headers={"content-type": "application/json"}
    )
    _assert_problem(response, 413)


def test_unexpected_error_is_500_without_trace(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    app: FastAPI = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("rahasia internal: /srv/dinsos/secret.py line 42")

    rid = uuid.uuid4().hex
    ids_log: list[tuple[str, str | None]] = []

    class Rekam(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            ids_log.append((record.getMessage(), correlation_id.get()))
            return True

    caplog.handler.addFilter(Rekam())
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/boom", headers={"X-Request-ID": rid})
    body = _assert_problem(response, 500)
    text = response.text
    assert "Traceback" not in text and "rahasia" not in text and "RuntimeError" not in text
    assert "X-Request-ID" in body["detail"]
    # The answer carries the id it asks the user to quote, and the security headers; the
    # log line carries the same id, once.
    assert response.headers["x-request-id"] == rid
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert [i for m, i in ids_log if m.startswith("unhandled error")] == [rid]
    # The server log names the type and where it happened, for the operator, but not the
    # message: a database error can quote a NIK.
    log = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "builtins.RuntimeError at test_errors.py:" in log and " boom" in log
    assert "rahasia" not in log


def test_an_unreachable_database_is_503_with_retry_after(
    app_dengan: IkatApp, masuk_sebagai: MasukSebagai
) -> None:
    headers = masuk_sebagai("pimpinan")  # on the test's database, before it "goes away"
    app = app_dengan(database_url="postgresql+psycopg://postgres@127.0.0.1:9/tidak_ada")
    with TestClient(app) as c:
        for path in ("/v1/wilayah", "/v1/penerima-manfaat"):
            response = c.get(path, headers={**headers, "X-Request-ID": "a" * 32})
            body = _assert_problem(response, 503)
            assert response.headers["retry-after"] == "5"
            assert response.headers["x-request-id"] == "a" * 32
            assert "coba lagi" in body["detail"]


def test_request_id_is_echoed_or_generated(client: TestClient) -> None:
    rid = uuid.uuid4().hex
    assert client.get("/health", headers={"X-Request-ID": rid}).headers["x-request-id"] == rid
    generated = client.get("/health").headers["x-request-id"]
    assert len(generated) == 32 and generated != rid


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/ready").json() == {"status": "siap"}


def test_ready_is_503_when_the_database_is_unreachable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        database_url="postgresql+psycopg://postgres@127.0.0.1:9/tidak_ada",
        environment="test",
        var_dir=tmp_path,
    )
    with TestClient(create_app(settings)) as c:
        response = c.get("/ready")
        assert c.get("/health").status_code == 200
    _assert_problem(response, 503)
    assert response.headers["retry-after"] == "5"


def test_logged_exceptions_carry_no_message() -> None:
    """uvicorn logs the exception Starlette re-raises after our 500: its message, which a
    database error fills with the row, must not reach the log either."""
    try:
        try:
            raise ValueError("duplicate key (nik)=(5301014507800003)")
        except ValueError as exc:
            raise RuntimeError("wrapped 5301014507800003") from exc
    except RuntimeError:
        record = logging.LogRecord("uvicorn.error", 40, __file__, 1, "boom", (), sys.exc_info())
    for formatter in (JsonFormatter(), FormatTanpaPesan("%(message)s")):
        text = formatter.format(record)
        assert "5301014507800003" not in text
        assert "builtins.RuntimeError at test_errors.py:" in text
        assert "caused by builtins.ValueError" in text


@pytest.mark.parametrize(
    ("method", "url", "kirim", "kolom"),
    [
        ("GET", "/v1/wilayah/53%0001", {}, "path"),
        ("GET", "/v1/penerima?q=Ina%00", {}, "q"),
        # Even a parameter no route reads: the rule is the request's, not a route's.
        ("GET", "/v1/wilayah?tidak_dipakai=%1b", {}, "tidak_dipakai"),
        ("POST", "/v1/auth/token", {"data": {"username": "admin\x00", "password": "x"}},
         "username"),
        ("POST", "/v1/kinerja/hitung",
         {"json": {"indikator": [{"kode": "IKU\u00001", "target": 1, "realisasi": 1}]}},
         "indikator[0].kode"),
        ("POST", "/v1/kinerja/hitung", {"json": {"indi\x00kator": []}}, "indi\\x00kator"),
    ],
)  # fmt: skip
def test_a_control_character_anywhere_in_a_request_is_422_naming_the_field(
    client: TestClient, method: str, url: str, kirim: dict, kolom: str
) -> None:
    body = _assert_problem(client.request(method, url, **kirim), 422)
    assert [e["field"] for e in body["errors"]] == [kolom]


def test_a_control_character_split_across_body_chunks_is_found(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # the escape \u0000 cut in two by the transfer
        yield b'{"indikator": [{"kode": "A\\u0'
        yield b'000", "target": 1, "realisasi": 1}]}'

    response = client.post(
        "/v1/kinerja/hitung", content=chunks(), headers={"content-type": "application/json"}
    )
    assert _assert_problem(response, 422)["errors"][0]["field"] == "indikator[0].kode"
