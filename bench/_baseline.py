"""The baseline app: a bare FastAPI endpoint served the same way as the real one."""

from __future__ import annotations

import json
import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response


def create_app() -> FastAPI:
    app = FastAPI()
    # The exact response body the real endpoint gives, prepared once.
    body = os.environ.get("BASELINE_BODY", "{}").encode()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/echo")
    async def echo(request: Request) -> Response:
        data: Any = json.loads(await request.body())  # parse like the real endpoint must
        del data
        return Response(body, media_type="application/json")

    @app.get("/konstan")
    def konstan() -> Response:
        return Response(body, media_type="application/json")

    return app
