"""GET, POST and PATCH /v1/wilayah (thin: the logic is in service.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from dinsos_api.core import etag
from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import SessionDep
from dinsos_api.core.masukan import POLA_SEBARIS_BOLEH_KOSONG
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery
from dinsos_api.wilayah import service
from dinsos_api.wilayah.schemas import JenisWilayah, WilayahBuat, WilayahKeluar, WilayahUbah

router = APIRouter(tags=["wilayah"])

Baca = Annotated[Konteks, Depends(Izin("referensi", "baca"))]
Tulis = Annotated[Konteks, Depends(Izin("referensi", "tulis"))]
Kode = Annotated[str, Path(pattern=r"^[0-9]{4,13}$", examples=["5301"])]


@router.get(
    "/wilayah",
    summary="Daftar wilayah (bawaan: 22 kabupaten/kota)",
    response_model=Halaman[WilayahKeluar],
    responses=etag.JAWABAN_BACA,
)
def daftar_wilayah(
    request: Request,
    session: SessionDep,
    _: Baca,
    if_none_match: etag.IfNoneMatch = None,
    jenis: Annotated[JenisWilayah | None, Query(description="Hanya jenis ini.")] = None,
    induk: Annotated[
        str | None,
        Query(pattern=r"^[0-9]{4,13}$", description="Hanya wilayah langsung di bawah kode ini."),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=POLA_SEBARIS_BOLEH_KOSONG,
            description="Awal nama atau awal salah satu kata nama (tanpa beda huruf besar/kecil).",
        ),
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Tanpa `jenis` maupun `induk`: 22 kabupaten/kota NTT. Urut menurut kode."""
    saring = service.SaringWilayah(jenis=jenis, induk=induk, q=q)
    rows, next_cursor = service.daftar(session, saring, limit, cursor)
    return etag.jawab_halaman(request, WilayahKeluar, rows, next_cursor, if_none_match)


@router.get(
    "/wilayah/{kode}",
    summary="Satu wilayah",
    response_model=WilayahKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_wilayah(
    kode: Kode, session: SessionDep, _: Baca, if_none_match: etag.IfNoneMatch = None
) -> Response:
    wilayah = service.ambil(session, kode)
    return etag.jawab_rekaman(WilayahKeluar, wilayah, if_none_match=if_none_match)


@router.post(
    "/wilayah",
    summary="Tambah wilayah (kabupaten/kota, kecamatan, desa/kelurahan)",
    status_code=201,
    response_model=WilayahKeluar,
    responses=etag.JAWABAN_BUAT,
)
def buat_wilayah(data: WilayahBuat, session: SessionDep, ktx: Tulis) -> Response:
    """`kode` dan `induk_kode` diturunkan dari `kode_kemendagri`; induknya harus sudah ada."""
    wilayah = service.buat(session, ktx, data)
    return etag.jawab_rekaman(
        WilayahKeluar, wilayah, status_code=201, lokasi=f"/v1/wilayah/{wilayah.kode}"
    )


@router.patch(
    "/wilayah/{kode}",
    summary="Ganti nama wilayah",
    response_model=WilayahKeluar,
    responses=etag.JAWABAN_UBAH,
)
def ubah_wilayah(
    kode: Kode, data: WilayahUbah, session: SessionDep, ktx: Tulis, if_match: etag.IfMatch = None
) -> Response:
    wilayah = service.ubah(session, ktx, kode, data, if_match)
    return etag.jawab_rekaman(WilayahKeluar, wilayah)
