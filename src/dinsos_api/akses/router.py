"""Login, the caller's identity, and the admin endpoints for API clients and users."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from dinsos_api.akses import service
from dinsos_api.akses.schemas import (
    KlienBuat,
    KlienDenganKunci,
    KlienKeluar,
    MasukForm,
    MasukJson,
    PenggunaBuat,
    PenggunaKeluar,
    PenggunaUbah,
    Saya,
    Token,
)
from dinsos_api.core.akses import Izin, Konteks, KonteksPublik
from dinsos_api.core.db import SessionDep
from dinsos_api.core.errors import PROBLEM_JSON
from dinsos_api.core.json_body import json_dari_body
from dinsos_api.core.openapi import skema_body
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link

router = APIRouter()

KelolaKlien = Annotated[Konteks, Depends(Izin("klien", "kelola"))]
KelolaPengguna = Annotated[Konteks, Depends(Izin("pengguna", "kelola"))]


def _masalah(deskripsi: str) -> dict[str, Any]:
    return {
        "description": deskripsi,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _jenis_json(request: Request) -> bool:
    jenis = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return jenis == "application/json" or (
        jenis.startswith("application/") and jenis.endswith("+json")
    )


async def _kredensial(request: Request) -> MasukJson:
    """The login's username and password, from a JSON body or from the OAuth2 form; a missing
    or malformed field is a 422 naming it, whichever the body is."""
    model: type[BaseModel]
    mentah: Any
    if _jenis_json(request):
        model, mentah = MasukJson, json_dari_body(await request.body())
    else:
        model, mentah = MasukForm, dict(await request.form())
    try:
        hasil = model.model_validate(mentah)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None
    assert isinstance(hasil, MasukJson)
    return hasil


@router.post(
    "/auth/token",
    tags=["akses"],
    summary="Masuk dengan username dan password (OAuth2 password flow)",
    response_model=Token,
    responses={
        400: _masalah("Isi JSON tidak valid"),
        401: _masalah("Username atau password salah"),
        422: _masalah("Data tidak valid"),
        429: _masalah("Terlalu banyak percobaan, atau akun terkunci sementara"),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {"schema": skema_body(MasukForm)},
                "application/json": {"schema": skema_body(MasukJson)},
            },
        }
    },
)
def token(
    request: Request,
    session: SessionDep,
    ktx: KonteksPublik,
    kredensial: Annotated[MasukJson, Depends(_kredensial)],
) -> Token:
    """Formulir OAuth2 (`application/x-www-form-urlencoded`, seperti Swagger UI) atau JSON
    `{"username": ..., "password": ...}`: jawaban, batas laju dan penguncian akun sama."""
    hasil = service.masuk(
        session, ktx, kredensial.username, kredensial.password, request.app.state.settings
    )
    return Token(access_token=hasil.token, expires_in=hasil.detik)


@router.get("/saya", tags=["akses"], summary="Identitas pemanggil", response_model=Saya)
def saya(ktx: Annotated[Konteks, Depends(Izin("saya", "baca"))]) -> Saya:
    aktor = ktx.pelaku
    return Saya(
        jenis=aktor.jenis,
        id=aktor.id,
        nama=aktor.nama,
        peran=aktor.peran,
        kode_wilayah=aktor.kode_wilayah,
    )


# --- API clients ---------------------------------------------------------------------------


@router.get(
    "/klien", tags=["akses"], summary="Daftar klien API", response_model=Halaman[KlienKeluar]
)
def daftar_klien(
    request: Request,
    response: Response,
    session: SessionDep,
    _: KelolaKlien,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[KlienKeluar]:
    rows, next_cursor = service.daftar_klien(session, limit, cursor)
    pasang_link(request, response, next_cursor)
    return Halaman(
        data=[KlienKeluar.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )


@router.post(
    "/klien",
    tags=["akses"],
    summary="Buat klien API (kunci ditampilkan sekali)",
    status_code=201,
    response_model=KlienDenganKunci,
)
def buat_klien(
    data: KlienBuat, response: Response, session: SessionDep, ktx: KelolaKlien
) -> KlienDenganKunci:
    baru = service.buat_klien(session, ktx, data)
    response.headers["Location"] = f"/v1/klien/{baru.klien.id}"
    return _dengan_kunci(baru)


@router.get(
    "/klien/{klien_id}", tags=["akses"], summary="Satu klien API", response_model=KlienKeluar
)
def ambil_klien(klien_id: str, session: SessionDep, _: KelolaKlien) -> KlienKeluar:
    return KlienKeluar.model_validate(service.ambil_klien(session, klien_id), from_attributes=True)


@router.post(
    "/klien/{klien_id}/rotasi",
    tags=["akses"],
    summary="Ganti kunci klien API (kunci lama langsung tidak berlaku)",
    response_model=KlienDenganKunci,
)
def rotasi_klien(klien_id: str, session: SessionDep, ktx: KelolaKlien) -> KlienDenganKunci:
    return _dengan_kunci(service.rotasi_klien(session, ktx, klien_id))


@router.post(
    "/klien/{klien_id}/cabut",
    tags=["akses"],
    summary="Cabut klien API",
    response_model=KlienKeluar,
)
def cabut_klien(klien_id: str, session: SessionDep, ktx: KelolaKlien) -> KlienKeluar:
    klien = service.cabut_klien(session, ktx, klien_id)
    return KlienKeluar.model_validate(klien, from_attributes=True)


def _dengan_kunci(baru: service.KlienBaru) -> KlienDenganKunci:
    return KlienDenganKunci(
        **KlienKeluar.model_validate(baru.klien, from_attributes=True).model_dump(),
        kunci=baru.kunci,
    )


# --- users ---------------------------------------------------------------------------------


@router.get(
    "/pengguna", tags=["akses"], summary="Daftar pengguna", response_model=Halaman[PenggunaKeluar]
)
def daftar_pengguna(
    request: Request,
    response: Response,
    session: SessionDep,
    _: KelolaPengguna,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[PenggunaKeluar]:
    rows, next_cursor = service.daftar_pengguna(session, limit, cursor)
    pasang_link(request, response, next_cursor)
    return Halaman(
        data=[PenggunaKeluar.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )


@router.post(
    "/pengguna",
    tags=["akses"],
    summary="Buat pengguna",
    status_code=201,
    response_model=PenggunaKeluar,
)
def buat_pengguna(
    data: PenggunaBuat, response: Response, session: SessionDep, ktx: KelolaPengguna
) -> PenggunaKeluar:
    pengguna = service.buat_pengguna(session, ktx, data)
    response.headers["Location"] = f"/v1/pengguna/{pengguna.id}"
    return PenggunaKeluar.model_validate(pengguna, from_attributes=True)


@router.get(
    "/pengguna/{pengguna_id}",
    tags=["akses"],
    summary="Satu pengguna",
    response_model=PenggunaKeluar,
)
def ambil_pengguna(pengguna_id: str, session: SessionDep, _: KelolaPengguna) -> PenggunaKeluar:
    return PenggunaKeluar.model_validate(
        service.ambil_pengguna(session, pengguna_id), from_attributes=True
    )


@router.patch(
    "/pengguna/{pengguna_id}",
    tags=["akses"],
    summary="Ubah nama, status aktif atau password pengguna",
    response_model=PenggunaKeluar,
)
def ubah_pengguna(
    request: Request,
    pengguna_id: str,
    data: PenggunaUbah,
    session: SessionDep,
    ktx: KelolaPengguna,
) -> PenggunaKeluar:
    pengguna = service.ambil_pengguna(session, pengguna_id)
    pengguna = service.ubah_pengguna(session, ktx, pengguna, data, request.app.state.settings)
    return PenggunaKeluar.model_validate(pengguna, from_attributes=True)
