"""A lean path for the busiest GET routes, with the documented endpoint as the reference.

FastAPI solves a route's dependencies and validates each query parameter on its own; for a
keyset page that costs more than the query. A route made with `rute_cepat(jawab)` answers its
common requests itself: the query parameters are validated in one step by a model built from
the route's own declarations (the same types and constraints, so the same values pass), the
caller goes through the route's own guard, and `jawab` gives the response. Every other request
(a parameter that fails validation, a header parameter such as If-None-Match, or when `jawab`
returns None) goes to the FastAPI endpoint, so errors, 304s and other formats stay exactly
the documented ones. This is FastAPI's documented extension point: a custom `APIRoute` class
with its own `get_route_handler`.

`jawab` resolves nothing through dependency injection (it takes what it needs from the app's
state), so `app.dependency_overrides` reach the endpoint only; tests/api/test_penerima.py
uses that to tell the two paths apart and checks that they answer alike.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from types import UnionType
from typing import Any, Union, get_args, get_origin

from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError, create_model

from dinsos_api.core.akses import Konteks, get_aktor, izin_rute, oauth2

# (request, the caller's context, the validated query parameters) → a response, or None to
# let the endpoint answer.
Jawab = Callable[[Request, Konteks, Any], Awaitable[Response | None]]
Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def rute_cepat(jawab: Jawab) -> type[APIRoute]:
    """An `APIRoute` class (for `route_class_override`) whose handler tries `jawab` first."""

    class RuteCepat(APIRoute):
        def get_route_handler(self) -> Handler:
            return _handler(self, jawab, super().get_route_handler())

    return RuteCepat


def _handler(route: APIRoute, jawab: Jawab, endpoint: Handler) -> Handler:
    (izin,) = izin_rute(route)  # a fast path needs exactly one guard to apply
    dependant = route.dependant
    query = dependant.query_params
    # What the handler below validates: scalar query parameters and the presence of headers.
    if dependant.path_params or dependant.cookie_params or dependant.body_params:
        raise TypeError(f"{route.path}: a lean path takes query parameters only")
    if not all(_skalar(f.field_info.annotation) for f in query):
        raise TypeError(f"{route.path}: a lean path takes one value per query parameter")
    model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        f"Query_{route.name}",
        **{f.name: (f.field_info.annotation, f.field_info) for f in query},
    )
    header = [f.alias.lower() for f in dependant.header_params]

    async def handler(request: Request) -> Response:
        if not any(h in request.headers for h in header):
            try:
                # The last value of a repeated parameter, as FastAPI takes it.
                nilai = model.model_validate(dict(request.query_params))
            except ValidationError:
                pass  # the endpoint reports it, in its own words
            else:
                aktor = await get_aktor(request, await oauth2(request))  # 401 as the route's
                response = await jawab(request, await izin(request, aktor), nilai)
                if response is not None:
                    return response
        return await endpoint(request)

    return handler


def _skalar(annotation: Any) -> bool:
    if get_origin(annotation) in (Union, UnionType):
        return all(_skalar(a) for a in get_args(annotation))
    return get_origin(annotation) not in (list, set, tuple, frozenset)
