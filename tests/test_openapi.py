"""The committed OpenAPI document is the app's own; regenerate with `make openapi`."""

from __future__ import annotations

import json
from pathlib import Path

from openapi_spec_validator import validate

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


def test_the_document_is_valid_openapi() -> None:
    # Every `$ref` resolves and every schema is valid: client generators and fuzzers read it.
    # The committed file is the app's own (the test above).
    validate(json.loads(COMMITTED.read_text(encoding="utf-8")))


def _refs(nilai: object) -> list[str]:
    if isinstance(nilai, dict):
        ref = [nilai["$ref"]] if isinstance(nilai.get("$ref"), str) else []
        return ref + [r for v in nilai.values() for r in _refs(v)]
    if isinstance(nilai, list):
        return [r for v in nilai for r in _refs(v)]
    return []


def test_every_reference_resolves_in_the_document() -> None:
    # The validator does not follow references inside schemas; a body schema with a `$defs`
    # of its own once pointed at `#/$defs/...`, which is not in the document.
    dokumen = json.loads(COMMITTED.read_text(encoding="utf-8"))
    tak_ada = []
    for ref in sorted(set(_refs(dokumen))):
        assert ref.startswith("#/"), ref
        simpul: object = dokumen
        for bagian in ref[2:].split("/"):
            bagian = bagian.replace("~1", "/").replace("~0", "~")
            simpul = simpul.get(bagian) if isinstance(simpul, dict) else None
        if simpul is None:
            tak_ada.append(ref)
    assert tak_ada == []


def test_every_list_answers_one_envelope(tmp_path: Path) -> None:
    # The mobile app reads every list as {data, next_cursor}; /v1/layanan and the step
    # histories answered bare arrays.
    schema = create_app(Settings(var_dir=tmp_path, environment="test")).openapi()
    komponen = schema["components"]["schemas"]
    telanjang = []
    for path, operations in schema["paths"].items():
        jawaban = operations.get("get", {}).get("responses", {}).get("200", {})
        for isi in jawaban.get("content", {}).values():
            skema = isi.get("schema", {})
            if "$ref" in skema:
                skema = komponen[skema["$ref"].rsplit("/", 1)[1]]
            if skema.get("type") == "array":
                telanjang.append(path)
    assert telanjang == []
