"""The committed OpenAPI document is the app's own; regenerate with `make openapi`."""

from __future__ import annotations

import json
from pathlib import Path

from dinsos_api.core.config import Settings
from dinsos_api.main import create_app

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"


def test_committed_openapi_matches_the_app(tmp_path: Path) -> None:
    generated = create_app(Settings(var_dir=tmp_path, environment="test")).openapi()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == generated, "openapi/openapi.json is stale: run `make openapi`"


def test_every_operation_documents_problem_errors(tmp_path: Path) -> None:
    schema = create_app(Settings(var_dir=tmp_path, environment="test")).openapi()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            default = operation["responses"]["default"]
            assert "application/problem+json" in default["content"], (method, path)
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    assert "application/problem+json" in response["content"], (method, path)
