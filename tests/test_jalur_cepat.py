"""core/jalur_cepat: a lean path accepts only the routes whose requests it can validate alike."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from fastapi import APIRouter, Depends, Path, Query

from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.jalur_cepat import rute_cepat

Baca = Annotated[Konteks, Depends(Izin("penerima", "baca"))]


async def _jawab(*_: Any) -> None:
    return None


def _pasang(endpoint: Any, path: str = "/x") -> APIRouter:
    router = APIRouter()
    router.add_api_route(path, endpoint, route_class_override=rute_cepat(_jawab))
    return router


def test_scalar_query_parameters_are_accepted() -> None:
    async def daftar(ktx: Baca, limit: Annotated[int | None, Query(ge=1)] = 5) -> None: ...

    assert [r.path for r in _pasang(daftar).routes] == ["/x"]  # type: ignore[attr-defined]


def test_repeated_query_parameters_are_refused() -> None:
    async def banyak(ktx: Baca, k: Annotated[list[str] | None, Query()] = None) -> None: ...

    with pytest.raises(TypeError, match="one value"):
        _pasang(banyak)


def test_path_parameters_are_refused() -> None:
    async def satu(ktx: Baca, kode: Annotated[str, Path()]) -> None: ...

    with pytest.raises(TypeError, match="query parameters only"):
        _pasang(satu, "/x/{kode}")


def test_a_route_needs_exactly_one_guard() -> None:
    async def tanpa_izin(limit: int = 5) -> None: ...

    with pytest.raises(ValueError):  # nothing to unpack
        _pasang(tanpa_izin)
