"""Complaints over HTTP: staff intake, lists, steps, statistics; the signed SP4N-LAPOR! webhook;
the outbox deliveries for admins. Thin: the logic is in service.py and core/outbox.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from dinsos_api.core import outbox
from dinsos_api.core.akses import Izin, Konteks, KonteksPublik
from dinsos_api.core.config import Settings
from dinsos_api.core.db import SessionDep
from dinsos_api.core.errors import PROBLEM_JSON
from dinsos_api.core.idempotensi import IdempotencyKey
from dinsos_api.core.openapi import skema_body
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link
from dinsos_api.pengaduan import service
from dinsos_api.pengaduan.schemas import (
    POLA_ID,
    POLA_KODE,
    POLA_TRACKING,
    Kanal,
    Klasifikasi,
    Langkah,
    PengaduanBuat,
    PengaduanKeluar,
    PengaduanRingkas,
    PengirimanKeluar,
    Statistik,
    TransisiMasuk,
    WebhookJawaban,
    WebhookLapor,
)


@asynccontextmanager
async def _siklus(app: FastAPI) -> AsyncIterator[None]:
    # The outbox worker of this process, when a destination is configured; a restarted
    # process takes over events whose lease ran out.
    settings: Settings = app.state.settings
    tujuan = outbox.tujuan_dari(settings)
    pekerja = None
    if tujuan and settings.outbox_dalam_server:
        pekerja = outbox.PekerjaOutbox(app.state.engine, tujuan, outbox.AturanKirim.dari(settings))
        pekerja.mulai()
    app.state.pekerja_outbox = pekerja
    try:
        yield
    finally:
        if pekerja is not None:
            await run_in_threadpool(pekerja.berhenti)


router = APIRouter(lifespan=_siklus)

Catat = Annotated[Konteks, Depends(Izin("pengaduan", "catat"))]
Baca = Annotated[Konteks, Depends(Izin("pengaduan", "baca"))]
Proses = Annotated[Konteks, Depends(Izin("pengaduan", "proses"))]
BacaStatistik = Annotated[Konteks, Depends(Izin("statistik_pengaduan", "baca"))]
BacaKirim = Annotated[Konteks, Depends(Izin("pengiriman", "baca"))]
UlangKirim = Annotated[Konteks, Depends(Izin("pengiriman", "ulang"))]

IdPengaduan = Annotated[str, Path(pattern=POLA_ID, description="id pengaduan.")]
IdKirim = Annotated[str, Path(pattern=POLA_ID, description="id pengiriman.")]

TAG: list[str | Enum] = ["pengaduan"]
TAG_KIRIM: list[str | Enum] = ["pengiriman"]


def _masalah(deskripsi: str) -> dict[str, Any]:
    return {
        "description": deskripsi,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


# ------------------------------------------------------------------ complaints


@router.post(
    "/pengaduan",
    tags=TAG,
    summary="Catat pengaduan (langsung, kotak saran, surat, email)",
    status_code=201,
    response_model=PengaduanKeluar,
    responses={
        409: _masalah("Permintaan dengan Idempotency-Key yang sama sedang diproses"),
        422: _masalah("Isian tidak valid, atau Idempotency-Key dipakai untuk isi lain"),
    },
)
def buat_pengaduan(
    response: Response,
    session: SessionDep,
    ktx: Catat,
    body: PengaduanBuat,
    idempotency_key: IdempotencyKey = None,
) -> PengaduanKeluar:
    """Pengaduan SP4N-LAPOR! masuk melalui webhook. Pengaduan anonim tidak menyimpan
    identitas pelapor sama sekali. Dengan Idempotency-Key, kiriman ulang tidak mencatat dua
    kali."""
    hasil = service.buat(session, ktx, body, idempotency_key)
    response.headers["Location"] = f"/v1/pengaduan/{hasil.id}"
    return hasil


@router.get(
    "/pengaduan",
    tags=TAG,
    summary="Daftar pengaduan",
    response_model=Halaman[PengaduanRingkas],
    responses={400: _masalah("Kursor tidak valid")},
)
def daftar_pengaduan(
    request: Request,
    response: Response,
    session: SessionDep,
    ktx: Baca,
    kanal: Kanal | None = None,
    klasifikasi: Klasifikasi | None = None,
    status: Annotated[str | None, Query(pattern=POLA_KODE)] = None,
    unit_kerja: Annotated[str | None, Query(pattern=POLA_KODE)] = None,
    terlambat: Annotated[bool | None, Query(description="Hanya yang melewati tenggat.")] = None,
    tracking_id: Annotated[str | None, Query(pattern=POLA_TRACKING)] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[PengaduanRingkas]:
    """Urut menurut waktu diterima. Judul pengaduan rahasia hanya tampak bagi penangan."""
    saring = service.Saring(
        kanal=kanal.value if kanal else None,
        klasifikasi=klasifikasi.value if klasifikasi else None,
        status=status,
        unit_kerja=unit_kerja,
        terlambat=terlambat,
        tracking_id=tracking_id,
    )
    data, berikut = service.daftar(session, ktx.pelaku, saring, limit, cursor)
    pasang_link(request, response, berikut)
    return Halaman(data=data, next_cursor=berikut)


@router.get(
    "/pengaduan/statistik",
    tags=TAG,
    summary="Statistik pengaduan per kanal, klasifikasi dan unit, dengan ketepatan waktu",
    response_model=Statistik,
)
def statistik_pengaduan(
    session: SessionDep,
    ktx: BacaStatistik,
    tahun: Annotated[int | None, Query(ge=2000, le=2100, description="Tahun diterima.")] = None,
) -> Statistik:
    return service.statistik(session, tahun)


@router.get(
    "/pengaduan/{pengaduan_id}",
    tags=TAG,
    summary="Detail pengaduan",
    response_model=PengaduanKeluar,
    responses={404: _masalah("Pengaduan tidak ditemukan")},
)
def ambil_pengaduan(session: SessionDep, ktx: Baca, pengaduan_id: IdPengaduan) -> PengaduanKeluar:
    return service.ambil(session, ktx.pelaku, pengaduan_id)


@router.get(
    "/pengaduan/{pengaduan_id}/riwayat",
    tags=TAG,
    summary="Riwayat langkah pengaduan",
    response_model=Halaman[Langkah],
    responses={404: _masalah("Pengaduan tidak ditemukan")},
)
def riwayat_pengaduan(
    session: SessionDep, ktx: Baca, pengaduan_id: IdPengaduan
) -> Halaman[Langkah]:
    """Semua langkah, urut waktu, dalam amplop daftar yang sama dengan daftar lain
    (`next_cursor` selalu null)."""
    return Halaman(data=service.riwayat(session, ktx.pelaku, pengaduan_id), next_cursor=None)


@router.post(
    "/pengaduan/{pengaduan_id}/transisi",
    tags=TAG,
    summary="Lakukan langkah (aksi) pada pengaduan",
    response_model=PengaduanKeluar,
    responses={
        403: _masalah("Peran tidak berwenang untuk aksi ini"),
        404: _masalah("Pengaduan tidak ditemukan"),
        409: _masalah("Aksi tidak dapat dilakukan pada status sekarang"),
        422: _masalah("Aksi tidak dikenal atau syarat belum lengkap"),
    },
)
def transisi_pengaduan(
    session: SessionDep, ktx: Proses, pengaduan_id: IdPengaduan, body: TransisiMasuk
) -> PengaduanKeluar:
    """Aksi: telaah, teruskan, disposisi (unit_kerja), susun_jawaban (jawaban),
    ajukan_persetujuan, setujui, kembalikan (catatan), sampaikan_jawaban, selesaikan,
    bukan_wewenang (catatan), tunda (catatan), lanjutkan."""
    return service.transisi(session, ktx, pengaduan_id, body)


# ------------------------------------------------------------------ SP4N-LAPOR! webhook

_HEADER_WEBHOOK = [
    {
        "name": nama,
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "description": deskripsi,
    }
    for nama, deskripsi in (
        ("webhook-id", "ID unik kiriman; kiriman ulang dengan ID yang sama dijawab sama."),
        ("webhook-timestamp", "Detik Unix saat ditandatangani (toleransi ±5 menit)."),
        ("webhook-signature", "v1,<base64 HMAC-SHA256 atas '{id}.{timestamp}.{body}'>"),
    )
]

_BODY_WEBHOOK: dict[str, Any] = {
    "parameters": _HEADER_WEBHOOK,
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": skema_body(WebhookLapor)}},
    },
}


async def _badan(request: Request) -> bytes:
    # The signature covers the exact bytes: read them before anything parses them.
    return await request.body()


@router.post(
    "/webhooks/sp4n-lapor",
    tags=TAG,
    summary="Webhook SP4N-LAPOR! (Standard Webhooks, ditandatangani)",
    response_model=WebhookJawaban,
    responses={
        202: {"description": "Jenis kejadian tidak dikenal: diterima dan diabaikan"},
        401: _masalah("Tanda tangan tidak valid, tidak ada, atau kedaluwarsa"),
        422: _masalah("Isi kiriman tidak valid"),
    },
    openapi_extra=_BODY_WEBHOOK,
)
def webhook_sp4n_lapor(
    request: Request,
    session: SessionDep,
    ktx: KonteksPublik,
    body: Annotated[bytes, Depends(_badan)],
) -> JSONResponse:
    """Diautentikasi dengan tanda tangan (bukan token). Tepat sekali: `webhook-id` yang sama
    mengulang jawaban pertama (header `webhook-replay: true`); `tracking_id` yang sama selalu
    memperbarui kasus yang sama. Kontrak lengkap: docs/sp4n-lapor.md."""
    settings: Settings = request.app.state.settings
    jawaban = service.terima_webhook(
        session,
        ktx,
        body,
        {k.lower(): v for k, v in request.headers.items()},
        service.rahasia_webhook(settings.sp4n_lapor_webhook_secrets),
    )
    headers = {"webhook-replay": "true"} if jawaban.ulangan else None
    return JSONResponse(jawaban.body, status_code=jawaban.status_code, headers=headers)


# ------------------------------------------------------------------ outbound deliveries


@router.get(
    "/pengiriman",
    tags=TAG_KIRIM,
    summary="Daftar pengiriman keluar (outbox) dan percobaannya",
    response_model=Halaman[PengirimanKeluar],
    responses={400: _masalah("Kursor tidak valid")},
)
def daftar_pengiriman(
    request: Request,
    response: Response,
    session: SessionDep,
    ktx: BacaKirim,
    status: Annotated[outbox.StatusKirim | None, Query()] = None,
    subjek_id: Annotated[
        str | None, Query(pattern=POLA_ID, description="Hanya pengiriman rekaman ini.")
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[PengirimanKeluar]:
    """Terbaru dahulu. `status=dead`: gagal permanen, dapat dikirim ulang."""
    data, berikut = service.daftar_pengiriman(
        session, status.value if status else None, subjek_id, limit, cursor
    )
    pasang_link(request, response, berikut)
    return Halaman(data=data, next_cursor=berikut)


@router.post(
    "/pengiriman/{pengiriman_id}/ulang",
    tags=TAG_KIRIM,
    summary="Kirim ulang pengiriman yang gagal permanen",
    response_model=PengirimanKeluar,
    responses={
        404: _masalah("Pengiriman tidak ditemukan"),
        409: _masalah("Pengiriman tidak dalam status dead"),
    },
)
def ulang_pengiriman(
    session: SessionDep, ktx: UlangKirim, pengiriman_id: IdKirim
) -> PengirimanKeluar:
    return service.ulang_pengiriman(session, ktx, pengiriman_id)
