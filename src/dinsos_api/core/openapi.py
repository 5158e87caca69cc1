"""The published OpenAPI document: every error is documented as RFC 9457 problem details."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field

from dinsos_api.core.errors import PROBLEM_JSON
from dinsos_api.core.masukan import POLA_SEBARIS_BOLEH_KOSONG, POLA_TEKS


class KesalahanKolom(BaseModel):
    field: str = Field(examples=["indikator[0].target"])
    message: str = Field(examples=["harus berupa angka desimal, misalnya 88.32"])


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(examples=["urn:dinsos:masalah:validasi"])
    title: str = Field(examples=["Data tidak valid"])
    status: int = Field(examples=[422])
    detail: str
    instance: str = Field(examples=["/v1/kinerja/hitung"])
    errors: list[KesalahanKolom] | None = None


_REF = {"$ref": "#/components/schemas/Problem"}


def _problem_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": _REF}}}


def pasang_openapi(app: FastAPI) -> None:
    """Replace FastAPI's default 422 schema by the problem shape, and add a default error."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(problem.pop("$defs", {}))
        components["Problem"] = problem
        _tanpa_karakter_kontrol(schema)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                if "422" in responses:
                    responses["422"] = _problem_response("Data tidak valid")
                responses["default"] = _problem_response("Kesalahan (RFC 9457 problem details)")
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _tanpa_karakter_kontrol(schema: dict[str, Any]) -> None:
    """State in the document what every route enforces (core/middleware.TolakKarakterKontrol):
    free text holds no control character but tab and line breaks, a URL's parameters none.
    A string with a format, a pattern or a fixed set of values says more already; a problem
    echoes what it refuses (`instance` is the path as sent)."""

    def tandai(nilai: Any, pola: str) -> None:
        if isinstance(nilai, dict):
            if nilai.get("type") == "string" and not nilai.keys() & {
                "format",
                "pattern",
                "enum",
                "const",
            }:
                nilai["pattern"] = pola
            for anak in nilai.values():
                tandai(anak, pola)
        elif isinstance(nilai, list):
            for anak in nilai:
                tandai(anak, pola)

    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") in ("query", "path"):
                    tandai(parameter.get("schema"), POLA_SEBARIS_BOLEH_KOSONG)
            tandai(operation.get("requestBody"), POLA_TEKS)
    for nama, komponen in schema.get("components", {}).get("schemas", {}).items():
        if nama not in ("Problem", "KesalahanKolom"):
            tandai(komponen, POLA_TEKS)


def skema_body(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON schema for a body documented by hand (`openapi_extra`, for routes that
    read their body themselves), with its `$defs` inlined: `#/$defs/...` does not resolve
    inside an OpenAPI document."""
    skema = model.model_json_schema()
    defs = skema.pop("$defs", {})

    def ganti(nilai: Any) -> Any:
        if isinstance(nilai, dict):
            ref = nilai.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return ganti(defs[ref.removeprefix("#/$defs/")])
            return {k: ganti(v) for k, v in nilai.items()}
        if isinstance(nilai, list):
            return [ganti(v) for v in nilai]
        return nilai

    hasil: dict[str, Any] = ganti(skema)
    return hasil
