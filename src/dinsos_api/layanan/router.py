"""Public services over HTTP: the public catalogue, requests and their steps, documents,
public tracking and the compliance report. Thin: the logic is in service.py."""

from __future__ import annotations

import math
import re
import time
from datetime import date
from enum import Enum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, Response, UploadFile
from limits import parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from pydantic import BeforeValidator

from dinsos_api.core import etag
from dinsos_api.core.akses import Izin, Konteks, KonteksPublik
from dinsos_api.core.config import Settings
from dinsos_api.core.db import SessionDep
from dinsos_api.core.errors import PROBLEM_JSON, Masalah
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link
from dinsos_api.core.waktu import WaktuIso
from dinsos_api.layanan import service
from dinsos_api.layanan.penyimpanan import PenyimpananBerkas
from dinsos_api.layanan.schemas import (
    POLA_ID,
    POLA_KODE,
    POLA_WILAYAH,
    Kepatuhan,
    Lacak,
    LampiranKeluar,
    Langkah,
    LayananDetail,
    LayananRingkas,
    PermohonanBaru,
    PermohonanBuat,
    PermohonanKeluar,
    PermohonanRingkas,
    TransisiMasuk,
)

router = APIRouter()

Ajukan = Annotated[Konteks, Depends(Izin("permohonan", "ajukan"))]
Baca = Annotated[Konteks, Depends(Izin("permohonan", "baca"))]
Proses = Annotated[Konteks, Depends(Izin("permohonan", "proses"))]
Unggah = Annotated[Konteks, Depends(Izin("lampiran_permohonan", "unggah"))]
Unduh = Annotated[Konteks, Depends(Izin("lampiran_permohonan", "unduh"))]
BacaKepatuhan = Annotated[Konteks, Depends(Izin("kepatuhan_layanan", "baca"))]

IdPermohonan = Annotated[str, Path(pattern=POLA_ID, description="id permohonan.")]
Kode = Annotated[str, Path(pattern=POLA_KODE, description="Kode layanan, mis. izin_ugb.")]


def _tanggal_iso(nilai: object) -> object:
    # Dates only as YYYY-MM-DD: pydantic's lax mode would read "0" as a Unix timestamp.
    if isinstance(nilai, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", nilai):
        raise ValueError("harus berupa tanggal YYYY-MM-DD")
    return nilai


TanggalBerlaku = Annotated[
    date | None,
    BeforeValidator(_tanggal_iso),
    Query(description="Standar yang berlaku pada tanggal ini (bawaan: hari ini, WITA)."),
]

TAG: list[str | Enum] = ["layanan publik"]


def _masalah(deskripsi: str) -> dict[str, Any]:
    return {
        "description": deskripsi,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _penyimpanan(request: Request) -> PenyimpananBerkas:
    settings: Settings = request.app.state.settings
    return PenyimpananBerkas(settings.var_dir / "lampiran")


async def _batas_lacak(request: Request) -> None:
    """Tracking is open to anyone: a stricter limit per IP keeps number guessing slow."""
    state = request.app.state
    if not hasattr(state, "pembatas_lacak"):
        settings: Settings = state.settings
        storage = settings.rate_limit_storage
        storage = storage if storage.startswith("async+") else "async+" + storage
        state.pembatas_lacak = (
            MovingWindowRateLimiter(storage_from_string(storage)),
            parse(settings.rate_limit_lacak),
        )
    limiter, item = state.pembatas_lacak
    kunci = f"lacak:{request.client.host if request.client else '-'}"
    if not await limiter.hit(item, kunci):
        reset, _ = await limiter.get_window_stats(item, kunci)
        tunggu = max(1, math.ceil(reset - time.time()))
        raise Masalah(
            429,
            f"Terlalu banyak permintaan pelacakan. Coba lagi dalam {tunggu} detik.",
            headers={"Retry-After": str(tunggu)},
        )


# ------------------------------------------------------------------ catalogue (public)


@router.get(
    "/layanan",
    tags=TAG,
    summary="Katalog standar pelayanan (publik)",
    response_model=Halaman[LayananRingkas],
    responses=etag.JAWABAN_BACA,
)
def daftar_layanan(
    session: SessionDep,
    ktx: KonteksPublik,
    tanggal: TanggalBerlaku = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    """Sepuluh layanan menurut keputusan standar pelayanan yang berlaku pada `tanggal`.
    Bagian yang tidak disebutkan keputusan bernilai `null`. Amplop daftar sama dengan daftar
    lain (`next_cursor` selalu null)."""
    daftar: Halaman[LayananRingkas] = Halaman(
        data=service.daftar_layanan(session, tanggal), next_cursor=None
    )
    return etag.jawab(daftar, if_none_match=if_none_match)


# ------------------------------------------------------------------ compliance
# Before `/layanan/{kode}`, which would otherwise take "kepatuhan" for a service code.


@router.get(
    "/layanan/kepatuhan",
    tags=TAG,
    summary="Kepatuhan waktu pelayanan per layanan",
    response_model=Kepatuhan,
)
def kepatuhan(
    session: SessionDep,
    ktx: BacaKepatuhan,
    tahun: Annotated[int, Query(ge=2022, le=2100, description="Tahun pengajuan.")],
    bulan: Annotated[int | None, Query(ge=1, le=12, description="Bulan (opsional).")] = None,
) -> Kepatuhan:
    """Permohonan yang diajukan pada periode (WITA): jumlah, selesai, selesai tepat waktu,
    persentase tepat waktu dan median durasi (jam, di luar masa menunggu pemohon)."""
    return service.kepatuhan(session, tahun, bulan)


@router.get(
    "/layanan/{kode}",
    tags=TAG,
    summary="Standar pelayanan satu layanan (publik)",
    response_model=LayananDetail,
    responses={
        **etag.JAWABAN_BACA,
        404: _masalah("Layanan tidak ditemukan atau belum berlaku"),
    },
)
def ambil_layanan(
    session: SessionDep,
    ktx: KonteksPublik,
    kode: Kode,
    tanggal: TanggalBerlaku = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    """Persyaratan per kanal, prosedur, waktu, biaya, produk, dasar hukum, pengaduan, serta
    jangka waktu dan dokumen yang diterapkan sistem. Bagian yang tidak disebutkan keputusan
    bernilai `null`."""
    return etag.jawab(service.ambil_layanan(session, kode, tanggal), if_none_match=if_none_match)


# ------------------------------------------------------------------ requests


@router.post(
    "/permohonan",
    tags=TAG,
    summary="Ajukan permohonan layanan",
    status_code=201,
    response_model=PermohonanBaru,
    responses={403: _masalah("Peran tidak dapat mengajukan layanan ini")},
)
def buat_permohonan(
    response: Response, session: SessionDep, ktx: Ajukan, body: PermohonanBuat
) -> PermohonanBaru:
    """Mencatat permohonan dan memberi nomor registrasi (mis. `PA-2026-000123`) serta token
    pelacakan yang hanya ditampilkan sekali (serahkan kepada pemohon)."""
    hasil = service.buat(session, ktx, body)
    response.headers["Location"] = f"/v1/permohonan/{hasil.id}"
    return hasil


@router.get(
    "/permohonan",
    tags=TAG,
    summary="Daftar permohonan",
    response_model=Halaman[PermohonanRingkas],
    responses={400: _masalah("Kursor tidak valid")},
)
def daftar_permohonan(
    request: Request,
    response: Response,
    session: SessionDep,
    ktx: Baca,
    layanan: Annotated[str | None, Query(pattern=POLA_KODE)] = None,
    status: Annotated[str | None, Query(pattern=POLA_KODE)] = None,
    kode_wilayah: Annotated[str | None, Query(pattern=POLA_WILAYAH)] = None,
    terlambat: Annotated[bool | None, Query(description="Hanya yang melewati jatuh tempo.")] = None,
    jatuh_tempo_sebelum: Annotated[
        WaktuIso | None, Query(description="Jatuh tempo sebelum waktu ini (ISO 8601).")
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[PermohonanRingkas]:
    """Urut menurut waktu pengajuan. Operator kabupaten/kota hanya melihat wilayahnya."""
    saring = service.SaringPermohonan(
        layanan=layanan,
        status=status,
        kode_wilayah=kode_wilayah,
        terlambat=terlambat,
        jatuh_tempo_sebelum=jatuh_tempo_sebelum,
    )
    data, berikut = service.daftar(session, ktx.pelaku, saring, limit, cursor)
    pasang_link(request, response, berikut)
    return Halaman(data=data, next_cursor=berikut)


@router.get(
    "/permohonan/lacak/{nomor}",
    tags=TAG,
    summary="Lacak permohonan dengan token (publik)",
    response_model=Lacak,
    responses={
        404: _masalah("Nomor tidak dikenal atau token salah"),
        429: _masalah("Terlalu banyak permintaan"),
    },
    dependencies=[Depends(_batas_lacak)],
)
def lacak(
    session: SessionDep,
    ktx: KonteksPublik,
    nomor: Annotated[str, Path(pattern=r"^[A-Z]{2,4}-[0-9]{4}-[0-9]{6}$")],
    token: Annotated[str, Query(min_length=1, max_length=200, description="Token pelacakan.")],
) -> Lacak:
    """Status, tanggal dan langkah berikutnya, tanpa data pribadi."""
    return service.lacak(session, nomor, token)


@router.get(
    "/permohonan/{permohonan_id}",
    tags=TAG,
    summary="Detail permohonan",
    response_model=PermohonanKeluar,
    responses={404: _masalah("Permohonan tidak ditemukan")},
)
def ambil_permohonan(
    session: SessionDep, ktx: Baca, permohonan_id: IdPermohonan
) -> PermohonanKeluar:
    return service.ambil(session, ktx.pelaku, permohonan_id)


@router.get(
    "/permohonan/{permohonan_id}/riwayat",
    tags=TAG,
    summary="Riwayat langkah permohonan",
    response_model=Halaman[Langkah],
    responses={404: _masalah("Permohonan tidak ditemukan")},
)
def riwayat(session: SessionDep, ktx: Baca, permohonan_id: IdPermohonan) -> Halaman[Langkah]:
    """Semua langkah, urut waktu, dalam amplop daftar yang sama dengan daftar lain
    (`next_cursor` selalu null)."""
    return Halaman(data=service.riwayat(session, ktx.pelaku, permohonan_id), next_cursor=None)


@router.post(
    "/permohonan/{permohonan_id}/transisi",
    tags=TAG,
    summary="Lakukan langkah (aksi) pada permohonan",
    response_model=PermohonanKeluar,
    responses={
        403: _masalah("Peran tidak berwenang untuk aksi ini"),
        404: _masalah("Permohonan tidak ditemukan"),
        409: _masalah("Aksi tidak dapat dilakukan pada status sekarang"),
    },
)
def transisi(
    session: SessionDep, ktx: Proses, permohonan_id: IdPermohonan, body: TransisiMasuk
) -> PermohonanKeluar:
    """422 menyebut setiap dokumen, isian atau alasan yang masih kurang."""
    return service.transisi(session, ktx, permohonan_id, body)


# ------------------------------------------------------------------ documents


@router.post(
    "/permohonan/{permohonan_id}/lampiran",
    tags=TAG,
    summary="Unggah lampiran (PDF, JPEG, PNG)",
    status_code=201,
    response_model=LampiranKeluar,
    responses={
        404: _masalah("Permohonan tidak ditemukan"),
        409: _masalah("Permohonan sudah selesai"),
        413: _masalah("Berkas terlalu besar"),
    },
)
async def unggah_lampiran(
    request: Request,
    response: Response,
    session: SessionDep,
    ktx: Unggah,
    permohonan_id: IdPermohonan,
    jenis: Annotated[str, Form(pattern=POLA_KODE, description="Jenis dokumen persyaratan.")],
    berkas: Annotated[UploadFile, File(description="Isi berkas: PDF, JPEG atau PNG.")],
) -> LampiranKeluar:
    settings: Settings = request.app.state.settings
    isi = await berkas.read(settings.lampiran_maks_bytes + 1)
    if len(isi) > settings.lampiran_maks_bytes:
        raise Masalah(
            413,
            f"Berkas melebihi batas {settings.lampiran_maks_bytes} byte.",
            jenis="lampiran-terlalu-besar",
            errors=[{"field": "berkas", "message": "ukuran berkas melebihi batas"}],
        )
    hasil = service.unggah(
        session, ktx, permohonan_id, jenis, berkas.filename or "berkas", isi, _penyimpanan(request)
    )
    response.headers["Location"] = f"/v1/permohonan/{permohonan_id}/lampiran/{hasil.id}"
    return hasil


@router.get(
    "/permohonan/{permohonan_id}/lampiran/{lampiran_id}",
    tags=TAG,
    summary="Unduh lampiran",
    response_class=Response,
    responses={
        200: {
            "description": "Isi berkas.",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                "image/png": {"schema": {"type": "string", "format": "binary"}},
            },
        },
        404: _masalah("Lampiran tidak ditemukan"),
    },
)
def unduh_lampiran(
    request: Request,
    session: SessionDep,
    ktx: Unduh,
    permohonan_id: IdPermohonan,
    lampiran_id: Annotated[str, Path(pattern=POLA_ID)],
) -> Response:
    info, isi = service.unduh(
        session, ktx.pelaku, permohonan_id, lampiran_id, _penyimpanan(request)
    )
    return Response(
        isi,
        media_type=info.tipe_mime,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(info.nama_berkas)}",
            "X-Content-SHA256": info.sha256,
        },
    )
