"""Identities: login, tokens, API keys, lockout, deactivation, and the admin endpoints."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, select
from typer.testing import CliRunner

from dinsos_api.akses import service
from dinsos_api.akses.models import PercobaanLogin
from dinsos_api.akses.schemas import PenggunaBuat
from dinsos_api.cli import app as cli_app
from dinsos_api.core import security
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.audit import AuditLog
from dinsos_api.core.config import Settings, get_settings

PASSWORD = "sandi-yang-panjang-1"


@pytest.fixture
def pengguna(engine: Engine) -> str:
    with Session(engine) as session:
        p = service.buat_pengguna(
            session,
            konteks_sistem(),
            PenggunaBuat(
                username="op.kupang",
                nama="Operator Kupang",
                peran=Peran.OPERATOR_KABKOTA,
                kode_wilayah="5301",
                password=PASSWORD,
            ),
        )
        return p.id


def _login(anon: TestClient, username: str = "op.kupang", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return anon.post("/v1/auth/token", data={"username": username, "password": password})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_login_and_saya(anon: TestClient, pengguna: str) -> None:
    response = _login(anon)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 30 * 60
    saya = anon.get("/v1/saya", headers=_bearer(body["access_token"]))
    assert saya.status_code == 200
    assert saya.json() == {
        "jenis": "pengguna",
        "id": pengguna,
        "nama": "op.kupang",
        "peran": "operator_kabkota",
        "kode_wilayah": "5301",
    }


def test_wrong_password_and_unknown_user_look_the_same(anon: TestClient, pengguna: str) -> None:
    wrong = _login(anon, password="salah-sekali-123")
    unknown = _login(anon, username="tidak.ada")
    for r in (wrong, unknown):
        assert r.status_code == 401
        assert r.headers["content-type"] == "application/problem+json"
    assert wrong.json()["detail"] == unknown.json()["detail"]


def test_repeated_failures_lock_the_account(
    anon: TestClient, pengguna: str, settings: Settings
) -> None:
    for _ in range(settings.login_maks_gagal):
        assert _login(anon, password="salah-sekali-123").status_code == 401
    locked = _login(anon)  # even the right password is refused while locked
    assert locked.status_code == 429
    assert 0 < int(locked.headers["retry-after"]) <= settings.login_kunci_menit * 60 + 1
    assert "terkunci" in locked.json()["detail"]


def test_success_resets_the_failure_count(
    anon: TestClient, pengguna: str, settings: Settings
) -> None:
    for _ in range(settings.login_maks_gagal - 1):
        _login(anon, password="salah-sekali-123")
    assert _login(anon).status_code == 200
    for _ in range(settings.login_maks_gagal - 1):
        _login(anon, password="salah-sekali-123")
    assert _login(anon).status_code == 200


def _login_json(anon: TestClient, username: str = "op.kupang", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return anon.post("/v1/auth/token", json={"username": username, "password": password})


def test_login_as_json_answers_as_the_form(anon: TestClient, pengguna: str) -> None:
    response = _login_json(anon)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 30 * 60
    saya = anon.get("/v1/saya", headers=_bearer(body["access_token"]))
    assert saya.status_code == 200 and saya.json()["id"] == pengguna
    # A charset parameter or a +json type is JSON too.
    lain = anon.post(
        "/v1/auth/token",
        content=json.dumps({"username": "op.kupang", "password": PASSWORD}),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert lain.status_code == 200, lain.text
    for salah in (
        (_login(anon, password="salah-sekali-123"), _login_json(anon, password="salah-sekali-123")),
        (_login(anon, username="tidak.ada"), _login_json(anon, username="tidak.ada")),
    ):
        form, dari_json = salah
        assert form.status_code == dari_json.status_code == 401
        assert form.json() == dari_json.json()
        assert form.headers["www-authenticate"] == dari_json.headers["www-authenticate"]


def test_json_and_form_failures_lock_the_account_together(
    anon: TestClient, pengguna: str, settings: Settings
) -> None:
    for i in range(settings.login_maks_gagal):
        masuk = _login_json if i % 2 else _login
        assert masuk(anon, password="salah-sekali-123").status_code == 401
    for masuk in (_login_json, _login):
        locked = masuk(anon)
        assert locked.status_code == 429 and "terkunci" in locked.json()["detail"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"username": "op.kupang"}, ["password"]),
        ({"password": PASSWORD}, ["username"]),
        ({}, ["username", "password"]),
        ({"username": 7, "password": PASSWORD}, ["username"]),
        (["op.kupang", PASSWORD], ["body"]),
    ],
)
def test_json_login_with_a_missing_field_names_it(
    anon: TestClient, body: object, fields: list[str]
) -> None:
    r = anon.post("/v1/auth/token", json=body)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in r.json()["errors"]] == fields


_FORM = {"username": "op.kupang", "password": PASSWORD}


def test_form_login_with_a_missing_field_still_names_it(anon: TestClient) -> None:
    r = anon.post("/v1/auth/token", data={"username": "op.kupang"})
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["password"]
    r = anon.post("/v1/auth/token", data={**_FORM, "grant_type": "client_credentials"})
    assert [e["field"] for e in r.json()["errors"]] == ["grant_type"]


def test_malformed_json_login_is_400(anon: TestClient) -> None:
    r = anon.post(
        "/v1/auth/token", content=b'{"username": ', headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400


def test_login_documents_form_and_json(app: FastAPI) -> None:
    body = app.openapi()["paths"]["/v1/auth/token"]["post"]["requestBody"]
    assert body["required"] is True
    form = body["content"]["application/x-www-form-urlencoded"]["schema"]
    dari_json = body["content"]["application/json"]["schema"]
    assert form["required"] == dari_json["required"] == ["username", "password"]
    assert "grant_type" in form["properties"]


_HEADERS_LOGIN = ("content-type", "retry-after", "www-authenticate")


def _jawaban_login(
    anon: TestClient, username: str, n: int
) -> list[tuple[int, object, dict[str, str]]]:
    """Status, body and the telling headers of `n` failed logins in a row."""
    hasil = []
    for _ in range(n):
        r = _login(anon, username, "salah-sekali-123")
        headers = {k: r.headers.get(k, "") for k in _HEADERS_LOGIN}
        hasil.append((r.status_code, r.json(), headers))
    return hasil


def test_unknown_names_lock_and_answer_exactly_as_known_ones(
    anon: TestClient, pengguna: str, settings: Settings, engine: Engine
) -> None:
    # Issue 15, item 11: an unknown name never locked while a real one did on its sixth
    # failure, so the 429 told which user names exist.
    n = settings.login_maks_gagal
    with time_machine.travel(datetime(2026, 3, 2, 8, tzinfo=UTC), tick=False):
        dikenal = _jawaban_login(anon, "op.kupang", n + 2)
        asing = _jawaban_login(anon, "tidak.ada", n + 2)
    assert [s for s, _, _ in dikenal] == [401] * n + [429, 429]
    assert asing == dikenal
    with Session(engine) as session:
        kunci = session.exec(select(AuditLog).where(AuditLog.aksi == "kunci")).all()
    # Admins see both locks; the unknown name only as its counter's key, never as typed.
    assert sorted((a.sumber_daya, len(a.sumber_daya_id)) for a in kunci) == [
        ("pengguna", len(pengguna)), ("percobaan_login", 64),
    ]  # fmt: skip
    # Both locks run out alike: one more failure each is a plain 401 again.
    kunci = settings.login_kunci_menit
    with time_machine.travel(datetime(2026, 3, 2, 8, kunci, 1, tzinfo=UTC), tick=False):
        assert _jawaban_login(anon, "tidak.ada", 1) == _jawaban_login(anon, "op.kupang", 1)
        assert _login(anon).status_code == 200  # the right password, once the lock is over


def test_failures_count_per_normalised_name(
    anon: TestClient, pengguna: str, settings: Settings, engine: Engine
) -> None:
    # Spelling variants of one name share its count: they cannot buy more attempts.
    ejaan = ["op.kupang", "OP.KUPANG", " op.kupang", "Op.Kupang ", "ｏｐ.ｋｕｐａｎｇ"]
    for nama in ejaan[: settings.login_maks_gagal]:
        assert _login(anon, nama, "salah-sekali-123").status_code == 401
    assert _login(anon).status_code == 429
    with Session(engine) as session:
        simpan = session.exec(select(PercobaanLogin)).all()
    # One counter, keyed by a keyed hash: the typed names are stored nowhere.
    assert len(simpan) == 1 and "kupang" not in simpan[0].kunci


def test_a_long_user_name_is_an_ordinary_failure(anon: TestClient) -> None:
    assert _login(anon, "x" * 100_000, "salah-sekali-123").status_code == 401


def test_cached_tokens_skip_the_lookup_until_the_access_version_moves(
    app: FastAPI, anon: TestClient, masuk_sebagai, engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    cache = app.state.autentikasi
    asli, dicari = cache.autentikasi, []
    cache.autentikasi = lambda token: dicari.append(token) or asli(token)
    h = masuk_sebagai("analis")
    for _ in range(3):
        assert anon.get("/v1/saya", headers=h).status_code == 200
    assert len(dicari) == 1  # one lookup, then the cache
    with Session(engine) as session:  # any process, any change that may reduce access
        service.naikkan_versi_akses(session)
        session.commit()
    for _ in range(2):
        assert anon.get("/v1/saya", headers=h).status_code == 200
    assert len(dicari) == 2  # looked up once more, then cached again


def test_the_version_read_survives_a_dropped_connection(
    anon: TestClient, masuk_sebagai, engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite: the version is read from the file, no connection to drop")
    h = masuk_sebagai("analis")
    assert anon.get("/v1/saya", headers=h).status_code == 200
    with engine.connect() as conn:  # as a server restart or an idle timeout would
        dropped = conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query LIKE '%FROM versi_akses%' AND pid <> pg_backend_pid()"
            )
        ).all()
    assert dropped == [(True,)]
    assert anon.get("/v1/saya", headers=h).status_code == 200


@pytest.mark.parametrize("nilai", [0.0, 0, "no", "false"])
def test_a_switch_takes_only_true_or_false(
    anon: TestClient, pengguna: str, masuk_sebagai, nilai: object
) -> None:  # type: ignore[no-untyped-def]
    # Found by schemathesis: {"aktif": 0.0} deactivated the account (lax mode read it as false).
    admin = masuk_sebagai("admin")
    r = anon.patch(f"/v1/pengguna/{pengguna}", json={"aktif": nilai}, headers=admin)
    assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["aktif"]
    assert _login(anon).status_code == 200  # still active


def test_deactivated_user_cannot_log_in_and_tokens_stop(
    anon: TestClient, pengguna: str, masuk_sebagai
) -> None:  # type: ignore[no-untyped-def]
    token = _login(anon).json()["access_token"]
    admin = masuk_sebagai("admin")
    r = anon.patch(f"/v1/pengguna/{pengguna}", json={"aktif": False}, headers=admin)
    assert r.status_code == 200 and r.json()["aktif"] is False
    assert anon.get("/v1/saya", headers=_bearer(token)).status_code == 401
    assert _login(anon).status_code == 401


def test_password_change_ends_old_tokens(anon: TestClient, pengguna: str, masuk_sebagai) -> None:  # type: ignore[no-untyped-def]
    token = _login(anon).json()["access_token"]
    new = "sandi-baru-yang-panjang"
    r = anon.patch(
        f"/v1/pengguna/{pengguna}", json={"password": new}, headers=masuk_sebagai("admin")
    )
    assert r.status_code == 200
    assert anon.get("/v1/saya", headers=_bearer(token)).status_code == 401
    assert _login(anon, password=new).status_code == 200


# --- JWT validation ------------------------------------------------------------------------


def _klaim(pengguna: str, **ubah: object) -> dict[str, object]:
    now = datetime.now(UTC)
    base: dict[str, object] = {
        "sub": pengguna,
        "ver": 0,
        "iss": security.PENERBIT,
        "aud": security.AUDIENS,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(minutes=5),
    }
    base.update(ubah)
    return {k: v for k, v in base.items() if v is not None}


def _b64(data: dict[str, object]) -> str:
    raw = json.dumps(data, default=lambda d: int(d.timestamp())).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "buat_token",
    [
        pytest.param(
            lambda p, k: _b64({"alg": "none", "typ": "JWT"}) + "." + _b64(_klaim(p)) + ".",
            id="alg-none",
        ),
        pytest.param(
            lambda p, k: jwt.encode(
                _klaim(p, exp=datetime.now(UTC) - timedelta(seconds=1)), k, "HS256"
            ),
            id="expired",
        ),
        pytest.param(
            lambda p, k: jwt.encode(_klaim(p, aud="aplikasi-lain"), k, "HS256"), id="audience"
        ),
        pytest.param(
            lambda p, k: jwt.encode(_klaim(p, iss="penerbit-lain"), k, "HS256"), id="issuer"
        ),
        pytest.param(
            lambda p, k: jwt.encode(_klaim(p), "kunci-lain-yang-cukup-panjang-xx", "HS256"),
            id="wrong-key",
        ),
        pytest.param(
            lambda p, k: jwt.encode(_klaim(p), k, "HS256")[:-3] + "AAA", id="tampered-signature"
        ),
        pytest.param(
            lambda p, k: (lambda t: t[0] + "." + _b64(_klaim("penyusup")) + "." + t[2])(
                jwt.encode(_klaim(p), k, "HS256").split(".")
            ),
            id="tampered-payload",
        ),
        pytest.param(lambda p, k: jwt.encode(_klaim(p, exp=None), k, "HS256"), id="no-expiry"),
        pytest.param(lambda p, k: jwt.encode(_klaim(p, ver=1), k, "HS256"), id="old-version"),
        pytest.param(lambda p, k: "bukan.token.jwt", id="garbage"),
    ],
)
def test_bad_tokens_are_rejected(
    anon: TestClient, pengguna: str, settings: Settings, buat_token
) -> None:  # type: ignore[no-untyped-def]
    good = jwt.encode(_klaim(pengguna), settings.kunci_rahasia(), "HS256")
    assert anon.get("/v1/saya", headers=_bearer(good)).status_code == 200  # the control
    response = anon.get("/v1/saya", headers=_bearer(buat_token(pengguna, settings.kunci_rahasia())))
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/problem+json"


def test_missing_token_is_401(anon: TestClient) -> None:
    response = anon.get("/v1/saya")
    assert response.status_code == 401
    assert response.json()["title"] == "Autentikasi diperlukan"


# --- API clients ---------------------------------------------------------------------------


def test_admin_manages_api_clients(anon: TestClient, masuk_sebagai, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    admin = masuk_sebagai("admin")
    created = anon.post(
        "/v1/klien",
        json={"nama": "Dinsos Kab. Kupang", "peran": "operator_kabkota", "kode_wilayah": "5301"},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    klien = created.json()
    assert created.headers["location"] == f"/v1/klien/{klien['id']}"
    kunci = klien["kunci"]
    assert anon.get("/v1/saya", headers=_bearer(kunci)).json()["kode_wilayah"] == "5301"
    assert "kunci" not in anon.get(f"/v1/klien/{klien['id']}", headers=admin).json()

    rotated = anon.post(f"/v1/klien/{klien['id']}/rotasi", headers=admin).json()["kunci"]
    assert anon.get("/v1/saya", headers=_bearer(kunci)).status_code == 401
    assert anon.get("/v1/saya", headers=_bearer(rotated)).status_code == 200

    revoked = anon.post(f"/v1/klien/{klien['id']}/cabut", headers=admin)
    assert revoked.json()["aktif"] is False
    assert anon.get("/v1/saya", headers=_bearer(rotated)).status_code == 401

    with Session(engine) as session:
        aksi = session.exec(
            select(AuditLog.aksi).where(AuditLog.sumber_daya_id == klien["id"])
        ).all()
        stored = session.exec(text("SELECT rahasia_hash FROM klien_api")).all()  # type: ignore[call-overload]
    assert sorted(aksi) == ["buat", "cabut", "rotasi"]
    assert all(kunci.split("_", 2)[2] not in row[0] for row in stored)


def test_client_validation(anon: TestClient, masuk_sebagai) -> None:  # type: ignore[no-untyped-def]
    admin = masuk_sebagai("admin")
    cases = [
        ({"nama": "X", "peran": "operator_kabkota"}, "wajib terikat"),
        ({"nama": "X", "peran": "analis", "kode_wilayah": "5301"}, "hanya peran"),
        ({"nama": "X", "peran": "operator_kabkota", "kode_wilayah": "5399"}, "tidak dikenal"),
        ({"nama": "X", "peran": "raja"}, "salah satu"),
    ]
    for body, fragment in cases:
        r = anon.post("/v1/klien", json=body, headers=admin)
        assert r.status_code == 422, body
        assert fragment in json.dumps(r.json()["errors"]), r.json()


def test_audit_rows_cannot_be_changed(engine: Engine, anon: TestClient, masuk_sebagai) -> None:  # type: ignore[no-untyped-def]
    anon.post("/v1/klien", json={"nama": "X", "peran": "analis"}, headers=masuk_sebagai("admin"))
    with engine.connect() as conn:
        for statement in ("UPDATE audit_log SET aksi = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(Exception, match="audit_log tidak dapat"):
                conn.execute(text(statement))
            conn.rollback()


def test_audit_endpoint_filters(anon: TestClient, masuk_sebagai) -> None:  # type: ignore[no-untyped-def]
    admin = masuk_sebagai("admin")
    for i in range(3):
        anon.post("/v1/klien", json={"nama": f"K{i}", "peran": "analis"}, headers=admin)
    page = anon.get("/v1/audit", params={"sumber_daya": "klien", "limit": 2}, headers=admin)
    assert page.status_code == 200
    body = page.json()
    assert len(body["data"]) == 2 and body["next_cursor"]
    assert 'rel="next"' in page.headers["link"]
    rest = anon.get(
        "/v1/audit",
        params={"sumber_daya": "klien", "limit": 2, "cursor": body["next_cursor"]},
        headers=admin,
    ).json()
    rows = body["data"] + rest["data"]
    # Setup clients are created with actor "sistem"; the three through the API by the admin.
    by_admin = [r for r in rows if r["aktor_jenis"] == "klien"]
    assert len(by_admin) == 3
    assert rows == sorted(rows, key=lambda r: (r["waktu"], r["id"]), reverse=True)
    assert anon.get("/v1/audit", headers=masuk_sebagai("analis")).status_code == 403


# --- the CLI -------------------------------------------------------------------------------


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_user_and_client_created_from_the_cli_can_call_saya(cli_env: None, app: FastAPI) -> None:
    runner = CliRunner()
    made = runner.invoke(
        cli_app,
        ["klien", "buat", "--nama", "Dinsos Kab. Kupang", "--peran", "operator_kabkota",
         "--wilayah", "5301"],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    kunci = made.output.strip().splitlines()[-1]
    assert kunci.startswith("dsk_") and " " not in kunci

    user = runner.invoke(
        cli_app,
        ["pengguna", "buat", "--username", "pimpinan", "--peran", "pimpinan", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert user.exit_code == 0, user.output

    with TestClient(app) as c:
        klien = c.get("/v1/saya", headers=_bearer(kunci)).json()
        token = _login(c, "pimpinan").json()["access_token"]
        saya = c.get("/v1/saya", headers=_bearer(token)).json()
    assert (klien["jenis"], klien["peran"], klien["kode_wilayah"]) == (
        "klien", "operator_kabkota", "5301",
    )  # fmt: skip
    assert (saya["jenis"], saya["nama"], saya["peran"]) == ("pengguna", "pimpinan", "pimpinan")

    listed = runner.invoke(cli_app, ["klien", "daftar"])
    assert "Dinsos Kab. Kupang" in listed.output and kunci not in listed.output


def test_cli_reports_bad_input_in_indonesian(cli_env: None) -> None:
    result = CliRunner().invoke(
        cli_app, ["klien", "buat", "--nama", "X", "--peran", "operator_kabkota"]
    )
    assert result.exit_code == 2
    assert "wajib terikat pada satu kode_wilayah" in result.output


@pytest.mark.parametrize("raw", [b"[5]", b'["a", "b"]', b"{}", b"not json"])
def test_forged_cursor_is_400_not_500(anon: TestClient, masuk_sebagai, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    response = anon.get("/v1/klien", params={"cursor": cursor}, headers=masuk_sebagai("admin"))
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "cursor", "message": "kursor tidak valid"}]
