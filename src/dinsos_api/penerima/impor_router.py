"""POST /v1/impor/pmks, GET /v1/impor[/{id}], GET /v1/impor/pmks/templat (thin: the logic
is in impor.py). This module reads HTTP (content type, form fields) into a `Kiriman`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import UploadFile

from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import SessionDep
from dinsos_api.core.errors import PROBLEM_JSON, Masalah
from dinsos_api.core.idempotensi import IdempotencyKey, Jawaban
from dinsos_api.core.openapi import skema_body
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link
from dinsos_api.penerima import impor as service
from dinsos_api.penerima.impor_schemas import (
    FormatTemplat,
    ImporKeluar,
    ImporPmksBerkas,
    ImporPmksJson,
    ImporRingkas,
    ModeImpor,
    StatusImpor,
)


@asynccontextmanager
async def _siklus(app: FastAPI) -> AsyncIterator[None]:
    # The background worker of this process; it also takes over jobs left by a restart.
    pekerja = service.PekerjaImpor(app.state.engine, service.AturanImpor.dari(app.state.settings))
    app.state.pekerja_impor = pekerja
    pekerja.mulai()
    try:
        yield
    finally:
        await run_in_threadpool(pekerja.berhenti)


class _IdImpor(Convertor[str]):
    """Any path segment but the import kinds (`POST /v1/impor/pmks`, `POST /v1/impor/anggaran`):
    another method on those must be 405, not an import named "pmks" (the id's format is
    checked as a parameter)."""

    regex = "(?!(?:pmks|anggaran)$)[^/]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("id_impor", _IdImpor())

router = APIRouter(tags=["impor"], lifespan=_siklus)

Kirim = Annotated[Konteks, Depends(Izin("impor", "kirim"))]
Baca = Annotated[Konteks, Depends(Izin("impor", "baca"))]
ImporId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="ID impor.")]


def _kunci_wajib(idempotency_key: IdempotencyKey = None) -> str:
    if idempotency_key is None:
        raise Masalah(
            428,
            "Impor wajib menyertakan header Idempotency-Key (misalnya sebuah UUID baru per "
            "kiriman), agar kiriman ulang tidak menyimpan data dua kali.",
            jenis="idempotency-key-wajib",
        )
    return idempotency_key


_MASALAH = {"content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
_LOKASI = {"Location": {"description": "/v1/impor/{id}", "schema": {"type": "string"}}}


# The route reads its body itself (JSON or a file), so the body is documented here.
_BODY_KIRIM: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": skema_body(ImporPmksJson)},
            "multipart/form-data": {"schema": skema_body(ImporPmksBerkas)},
        },
    }
}


async def _baca_kiriman(request: Request, mode: ModeImpor) -> service.Kiriman:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        return service.Kiriman(isi=await request.body(), formulir=None, mode=mode)
    if media == "multipart/form-data":
        async with request.form(max_files=1, max_fields=10) as form:
            berkas = form.get("berkas")
            if not isinstance(berkas, UploadFile):
                raise Masalah(
                    422,
                    "Sertakan berkas CSV atau XLSX pada kolom formulir 'berkas'.",
                    jenis="validasi",
                    errors=[{"field": "berkas", "message": "wajib diisi"}],
                )
            isi = await berkas.read()
            formulir = {k: v for k, v in form.items() if isinstance(v, str)}
        return service.Kiriman(isi=isi, formulir=formulir, mode=mode)
    raise Masalah(
        415,
        "Kirim application/json, atau multipart/form-data dengan berkas CSV/XLSX di kolom "
        "'berkas'.",
        jenis="format-impor",
    )


def _jawab(jawaban: Jawaban) -> Response:
    return JSONResponse(
        jawaban.body,
        status_code=jawaban.status_code,
        media_type=PROBLEM_JSON if jawaban.status_code >= 400 else "application/json",
        headers={"Location": jawaban.lokasi} if jawaban.lokasi else None,
    )


@router.post(
    "/impor/pmks",
    summary="Impor data PMKS sekaligus (JSON, CSV atau XLSX)",
    status_code=201,
    response_model=ImporKeluar,
    openapi_extra=_BODY_KIRIM,
    responses={
        201: {"description": "Impor selesai.", "headers": _LOKASI},
        202: {
            "description": "Impor besar diterima dan diproses di latar; pantau di Location.",
            "model": ImporKeluar,
            "headers": _LOKASI,
        },
        409: {
            "description": "Kiriman yang sama atau impor lain wilayah ini sedang berjalan.",
            **_MASALAH,
        },
        413: {"description": "Kiriman terlalu besar.", **_MASALAH},
        415: {"description": "Jenis isi tidak didukung.", **_MASALAH},
        422: {"description": "Data tidak valid; tidak ada yang disimpan.", **_MASALAH},
        428: {"description": "Header Idempotency-Key wajib.", **_MASALAH},
    },
)
async def kirim_pmks(
    request: Request,
    session: SessionDep,
    ktx: Kirim,
    kunci: Annotated[str, Depends(_kunci_wajib)],
    mode: Annotated[
        ModeImpor,
        Query(
            description="atomik (bawaan): satu baris salah, tidak ada yang disimpan. "
            "sebagian: baris yang benar disimpan, yang salah dilaporkan."
        ),
    ] = ModeImpor.ATOMIK,
) -> Response:
    """Kabupaten/kota mengirim data PMKS satu tahun: JSON (`{"tahun", "kode_wilayah",
    "baris": [...]}`) atau berkas CSV/XLSX (multipart: `berkas`, `tahun`, `kode_wilayah`).
    Kolom dan aturannya: `GET /v1/impor/pmks/templat` dan docs/impor-pmks.md.

    Header `Idempotency-Key` wajib: kiriman ulang dengan kunci dan isi yang sama mendapat
    jawaban yang sama tanpa menyimpan ulang. Data yang sudah ada (NIK + kategori + tahun)
    diperbarui di tempat. Sampai 50.000 baris dijawab langsung (201); lebih dari itu 202 dan
    diproses di latar."""
    kiriman = await _baca_kiriman(request, mode)
    settings = request.app.state.settings
    pekerja = getattr(request.app.state, "pekerja_impor", None)
    jawaban = await run_in_threadpool(
        service.kirim, session, ktx, kiriman, kunci, service.AturanImpor.dari(settings), pekerja
    )
    return _jawab(jawaban)


@router.get(
    "/impor/pmks/templat",
    summary="Templat berkas impor PMKS (CSV atau XLSX)",
    response_class=Response,
    responses={
        200: {
            "description": "Baris kepala kolom dan satu baris contoh.",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "format": "binary"}
                },
            },
        }
    },
)
def templat_pmks(
    session: SessionDep,
    _: Kirim,
    format: Annotated[FormatTemplat, Query(description="csv atau xlsx.")] = FormatTemplat.CSV,
) -> Response:
    """Hapus baris contoh sebelum mengimpor (NIK contoh ditolak)."""
    berkas = service.templat(session, format)
    return Response(
        berkas.isi,
        media_type=berkas.media_type,
        headers={"Content-Disposition": f'attachment; filename="{berkas.nama_berkas}"'},
    )


@router.get(
    "/impor",
    summary="Daftar impor (terbaru dahulu)",
    response_model=Halaman[ImporRingkas],
)
def daftar_impor(
    request: Request,
    response: Response,
    session: SessionDep,
    ktx: Baca,
    kode_wilayah: Annotated[
        str | None, Query(pattern=r"^53[0-9]{2}$", description="Hanya kabupaten/kota ini.")
    ] = None,
    status: Annotated[StatusImpor | None, Query(description="Hanya status ini.")] = None,
    tahun: Annotated[int | None, Query(ge=2000, le=2100, description="Hanya tahun ini.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[ImporRingkas]:
    """Operator kabupaten/kota hanya melihat impor wilayahnya."""
    saring = service.SaringImpor(kode_wilayah=kode_wilayah, status=status, tahun=tahun)
    rows, next_cursor = service.daftar(session, ktx, saring, limit, cursor)
    pasang_link(request, response, next_cursor)
    return Halaman(
        data=[service.untuk(ImporRingkas, r, ktx.pelaku) for r in rows],
        next_cursor=next_cursor,
    )


@router.get(
    "/impor/{impor_id:id_impor}",
    summary="Status, jumlah dan kesalahan per baris satu impor",
    response_model=ImporKeluar,
    responses={404: {"description": "Impor tidak ditemukan.", **_MASALAH}},
)
def ambil_impor(impor_id: ImporId, session: SessionDep, ktx: Baca) -> ImporKeluar:
    """`baris_selesai` dari `baris_total` menunjukkan kemajuan impor yang masih `diproses`."""
    return service.untuk(ImporKeluar, service.ambil(session, ktx, impor_id), ktx.pelaku)
