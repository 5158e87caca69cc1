"""The role × resource × action matrix, generated from the routes and asserted cell by cell.

Every route under /v1 must declare exactly one `Izin` rule or be public; a new endpoint
without a rule fails here. Then every role calls every route: allowed roles must get past the
guard (anything but 401/403), the others 403, and a caller without a token 401.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dinsos_api.core.akses import (
    KEBIJAKAN,
    PUBLIK_RUTE,
    Peran,
    Rute,
    daftar_rute,
    rute_publik,
    tabel_kebijakan,
)

README = Path(__file__).resolve().parents[1] / "README.md"


def _rute(app: FastAPI) -> list[Rute]:
    return [r for r in daftar_rute(app) if not rute_publik(r.path)]


def _contoh(route: Rute, method: str) -> tuple[str, dict[str, object]]:
    # Path parameters get a syntactically plausible value; the record need not exist.
    path = re.sub(r"\{[^}]+\}", "5301", route.path)
    kwargs: dict[str, object] = {}
    if method in {"POST", "PUT", "PATCH"}:
        kwargs["json"] = {}
    return path, kwargs


def test_every_route_declares_exactly_one_rule(app: FastAPI) -> None:
    routes = _rute(app)
    assert routes, "no protected routes found"
    for route in routes:
        assert len(route.izin) == 1, f"{route.methods} {route.path}: {len(route.izin)} rules"


def test_public_routes_exist_and_take_no_rule(app: FastAPI) -> None:
    rute = {r.path: r for r in daftar_rute(app)}
    assert set(rute) >= PUBLIK_RUTE, PUBLIK_RUTE - set(rute)
    assert all(not rute[path].izin for path in PUBLIK_RUTE)


def test_every_rule_is_used_by_a_route(app: FastAPI) -> None:
    used = {(g.sumber_daya, g.aksi) for r in _rute(app) for g in r.izin}
    assert used == set(KEBIJAKAN), set(KEBIJAKAN) - used


@pytest.mark.parametrize("peran", list(Peran))
def test_matrix_for_role(peran: Peran, anon: TestClient, masuk_sebagai, app: FastAPI) -> None:  # type: ignore[no-untyped-def]
    headers = masuk_sebagai(peran.value, "5301" if peran is Peran.OPERATOR_KABKOTA else None)
    for route in _rute(app):
        (izin,) = route.izin
        for method in route.methods:
            path, kwargs = _contoh(route, method)
            response = anon.request(method, path, headers=headers, **kwargs)  # type: ignore[arg-type]
            cell = f"{peran.value} × {method} {route.path}"
            if peran in izin.peran:
                assert response.status_code not in (401, 403), (cell, response.text)
            else:
                assert response.status_code == 403, (cell, response.status_code)
                assert response.headers["content-type"] == "application/problem+json"


def test_without_a_token_every_protected_route_is_401(anon: TestClient, app: FastAPI) -> None:
    for route in _rute(app):
        for method in route.methods:
            path, kwargs = _contoh(route, method)
            response = anon.request(method, path, **kwargs)  # type: ignore[arg-type]
            assert response.status_code == 401, (method, route.path)


def test_readme_table_is_generated_from_the_policy(app: FastAPI) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- kebijakan:mulai -->\n", "<!-- kebijakan:selesai -->"
    assert start in text and end in text
    table = text.split(start, 1)[1].split(end, 1)[0]
    assert table == tabel_kebijakan(app), "README is stale: run `uv run dinsos kebijakan`"
