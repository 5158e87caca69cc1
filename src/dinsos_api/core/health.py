"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from dinsos_api.core.db import database_siap
from dinsos_api.core.errors import problem_response

router = APIRouter(tags=["operasional"])


class Status(BaseModel):
    status: str


@router.get("/health", summary="Proses berjalan", response_model=Status)
def health() -> Status:
    return Status(status="ok")


@router.get(
    "/ready",
    summary="Siap melayani (basis data dapat dihubungi)",
    response_model=Status,
    responses={503: {"description": "Basis data tidak dapat dihubungi"}},
)
def ready(request: Request) -> Status | JSONResponse:
    if database_siap(request.app.state.engine):
        return Status(status="siap")
    return problem_response(
        request, 503, detail="Basis data tidak dapat dihubungi.", headers={"Retry-After": "5"}
    )
