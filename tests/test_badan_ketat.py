"""Every request body refuses fields it does not know (a 422 that names them): a misspelt key
must never be read as an absent one. Walks every route's body, nested models included."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from pydantic import BaseModel, Strict

from dinsos_api.core.masukan import BILANGAN_JSON


def _badan(d: Dependant) -> Iterator[Any]:
    for p in d.body_params:
        yield p.field_info.annotation
    for sub in d.dependencies:
        yield from _badan(sub)


def _jenis(tipe: Any, dilihat: set[Any]) -> Iterator[type]:
    if tipe in dilihat:
        return
    dilihat.add(tipe)
    if isinstance(tipe, type) and issubclass(tipe, BaseModel):
        yield tipe
        for f in tipe.model_fields.values():
            yield from _jenis(f.annotation, dilihat)
    elif isinstance(tipe, type) and dataclasses.is_dataclass(tipe):
        yield tipe
        for hint in typing.get_type_hints(tipe).values():
            yield from _jenis(hint, dilihat)
    else:
        for arg in typing.get_args(tipe):
            yield from _jenis(arg, dilihat)


def test_every_request_body_refuses_unknown_fields_and_guesses_no_type(app: FastAPI) -> None:
    dilihat: set[Any] = set()
    longgar = []
    jumlah = 0
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if not isinstance(route, APIRoute):
            continue
        for anotasi in _badan(route.dependant):
            for jenis in _jenis(anotasi, dilihat):
                jumlah += 1
                config = getattr(jenis, "model_config", None) or getattr(
                    jenis, "__pydantic_config__", {}
                )
                if config.get("extra") != "forbid":
                    longgar.append(f"{ctx.path}: {jenis.__qualname__}")
                for nama, f in getattr(jenis, "model_fields", {}).items():
                    macam = set(typing.get_args(f.annotation) or (f.annotation,))
                    if bool in macam and not any(isinstance(m, Strict) for m in f.metadata):
                        longgar.append(f"{ctx.path}: {jenis.__qualname__}.{nama} bool")
                    if int in macam and BILANGAN_JSON not in f.metadata:
                        longgar.append(f"{ctx.path}: {jenis.__qualname__}.{nama} int")
    assert jumlah > 60  # the walk reaches every body and what it nests
    assert longgar == []


def test_a_whole_number_is_not_true_or_text(client: TestClient) -> None:
    # In pydantic's lax mode `true` was read as 1 and "2025" as 2025.
    for nilai in (True, "2025"):
        r = client.post("/v1/renstra", json={"tahun_awal": nilai})
        assert r.status_code == 422
        salah = {e["field"]: e["message"] for e in r.json()["errors"]}
        assert salah["tahun_awal"] == "harus berupa bilangan bulat", nilai
    # 2025.0 is a whole number in JSON Schema, as the published document says.
    r = client.post("/v1/renstra", json={"tahun_awal": 2025.0})
    assert "tahun_awal" not in {e["field"] for e in r.json()["errors"]}
    # A decimal still reads a number written as text, as the printed reports do.
    r = client.post(
        "/v1/kinerja/hitung", json={"indikator": [{"kode": "A", "target": "90", "realisasi": 99}]}
    )
    assert r.status_code == 200, r.text
