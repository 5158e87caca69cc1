"""Login, the caller's identity, and the admin endpoints for API clients and users."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm

from dinsos_api.akses import service
from dinsos_api.akses.schemas import (
    KlienBuat,
    KlienDenganKunci,
    KlienKeluar,
    PenggunaBuat,
    PenggunaKeluar,
    PenggunaUbah,
    Saya,
    Token,
)
from dinsos_api.core.akses import Izin, Konteks, KonteksPublik
from dinsos_api.core.db import SessionDep
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link

router = APIRouter()

KelolaKlien = Annotated[Konteks, Depends(Izin("klien", "kelola"))]
KelolaPengguna = Annotated[Konteks, Depends(Izin("pengguna", "kelola"))]


@router.post(
    "/auth/token",
    tags=["akses"],
    summary="Masuk dengan username dan password (OAuth2 password flow)",
    response_model=Token,
)
def token(
    request: Request,
    session: SessionDep,
    ktx: KonteksPublik,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> Token:
    hasil = service.masuk(session, ktx, form.username, form.password, request.app.state.settings)
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
