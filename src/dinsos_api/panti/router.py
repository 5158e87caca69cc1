"""Care units over HTTP: units with capacity and occupancy, the residents' register,
admissions, discharges, capacities and yearly counts. Thin: the logic is in service.py."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from dinsos_api.core import etag
from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import SessionDep
from dinsos_api.core.errors import PROBLEM_JSON
from dinsos_api.core.idempotensi import IdempotencyKey
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link
from dinsos_api.panti import service
from dinsos_api.panti.schemas import (
    POLA_ID,
    POLA_KODE,
    KapasitasBuat,
    KapasitasKeluar,
    PantiDetail,
    PantiRingkas,
    PenghuniKeluar,
    PenghuniKeluarkan,
    PenghuniMasuk,
    StatistikPanti,
    Tanggal,
)

router = APIRouter(tags=["panti"])

BacaPanti = Annotated[Konteks, Depends(Izin("panti", "baca"))]
KelolaPanti = Annotated[Konteks, Depends(Izin("panti", "kelola"))]
BacaPenghuni = Annotated[Konteks, Depends(Izin("penghuni_panti", "baca"))]
TulisPenghuni = Annotated[Konteks, Depends(Izin("penghuni_panti", "tulis"))]

KodePanti = Annotated[
    str, Path(pattern=POLA_KODE, description="Kode panti, misalnya panti_anak_riang_naibonat.")
]
IdPenghuni = Annotated[str, Path(pattern=POLA_ID, description="id penghuni (satu masa tinggal).")]
TanggalQuery = Annotated[
    Tanggal | None,
    Query(description="Tanggal hunian dan kapasitas dihitung (bawaan: hari ini, WITA)."),
]
IfMatchOpsional = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="Opsional: ETag data penghuni; bila dikirim harus masih berlaku (412).",
    ),
]


def _masalah(deskripsi: str) -> dict[str, Any]:
    return {
        "description": deskripsi,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


_HEADER_TULIS = {
    "Location": {"description": "Alamat data penghuni.", "schema": {"type": "string"}},
    "ETag": {"description": "Versi data penghuni (untuk If-Match).", "schema": {"type": "string"}},
}
_TIDAK_ADA = _masalah("Panti atau penghuni tidak ditemukan")


def _jawab_tulis(jawaban: service.Jawaban) -> Response:
    return etag.jawab(
        jawaban.body,
        etag=jawaban.etag,
        status_code=jawaban.status_code,
        headers={"Location": jawaban.lokasi},
    )


@router.get(
    "/panti",
    summary="Panti dan RPTC dengan kapasitas dan hunian",
    response_model=Halaman[PantiRingkas],
    responses=etag.JAWABAN_BACA,
)
def daftar_panti(
    session: SessionDep,
    _: BacaPanti,
    tanggal: TanggalQuery = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    """Tujuh panti dan Rumah Perlindungan Trauma Center: kapasitas yang berlaku, jumlah
    penghuni, tempat kosong dan tingkat hunian pada `tanggal` (bawaan hari ini). Tanpa data
    pribadi: operator kabupaten/kota pun dapat melihat tempat yang masih kosong. Semua unit
    dalam satu halaman (`next_cursor` selalu null)."""
    data = service.daftar_panti(session, tanggal)
    return etag.jawab({"data": data, "next_cursor": None}, if_none_match=if_none_match)


@router.get(
    "/panti/statistik",
    summary="Jumlah penghuni yang dilayani per panti dan kelompok sasaran dalam satu tahun",
    response_model=StatistikPanti,
)
def statistik_panti(
    session: SessionDep,
    ktx: BacaPanti,
    tahun: Annotated[int, Query(ge=2000, le=2100, description="Tahun, misalnya 2024.")],
) -> StatistikPanti:
    """Dilayani = masuk paling lambat 31 Desember dan tidak keluar sebelum 1 Januari tahun
    itu (cara LKIP menghitung: 270 anak terlantar, 137 lanjut usia, 40 disabilitas netra dan
    50 penerima manfaat Karya Wanita pada 2024). Untuk analis jumlah 1–4 disembunyikan."""
    return service.statistik(session, ktx.pelaku, tahun)


@router.get(
    "/panti/{kode}",
    summary="Satu panti: kapasitas, hunian per kelompok sasaran, riwayat kapasitas",
    response_model=PantiDetail,
    responses={**etag.JAWABAN_BACA, 404: _TIDAK_ADA},
)
def ambil_panti(
    kode: KodePanti,
    session: SessionDep,
    _: BacaPanti,
    tanggal: TanggalQuery = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    return etag.jawab(service.ambil_panti(session, kode, tanggal), if_none_match=if_none_match)


@router.post(
    "/panti/{kode}/kapasitas",
    summary="Catat kapasitas panti yang berlaku mulai suatu tanggal",
    status_code=201,
    response_model=KapasitasKeluar,
    responses={
        404: _TIDAK_ADA,
        409: _masalah("Tanggal itu sudah punya kapasitas, atau hunian melebihi kapasitas baru"),
    },
)
def tambah_kapasitas(
    kode: KodePanti, data: KapasitasBuat, session: SessionDep, ktx: KelolaPanti, response: Response
) -> KapasitasKeluar:
    """Kapasitas berlaku sejak `berlaku_mulai` sampai kapasitas bertanggal berikutnya. Ditolak
    (409) bila pada salah satu tanggal dalam rentang itu penghuninya sudah lebih banyak."""
    hasil = service.tambah_kapasitas(session, ktx, kode, data)
    response.headers["Location"] = f"/v1/panti/{kode}"
    return hasil


@router.get(
    "/panti/{kode}/penghuni",
    summary="Penghuni satu panti (per halaman)",
    response_model=Halaman[PenghuniKeluar],
    responses={**etag.JAWABAN_BACA, 400: _masalah("Kursor tidak valid"), 404: _TIDAK_ADA},
)
def daftar_penghuni(
    kode: KodePanti,
    request: Request,
    session: SessionDep,
    ktx: BacaPenghuni,
    aktif: Annotated[
        bool | None, Query(description="true: masih tinggal; false: sudah keluar.")
    ] = None,
    tanggal: Annotated[
        Tanggal | None, Query(description="Hanya yang tinggal di panti pada tanggal ini.")
    ] = None,
    kelompok: Annotated[
        str | None, Query(max_length=64, pattern=POLA_KODE, description="Kelompok sasaran.")
    ] = None,
    tahun: Annotated[
        int | None, Query(ge=2000, le=2100, description="Hanya yang dilayani dalam tahun ini.")
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    """Urut menurut waktu pencatatan. Analis tidak melihat penghuni; mereka memakai
    `/v1/panti/statistik`."""
    saring = service.SaringPenghuni(aktif=aktif, tanggal=tanggal, kelompok=kelompok, tahun=tahun)
    data, next_cursor = service.daftar_penghuni(session, ktx.pelaku, kode, saring, limit, cursor)
    response = etag.jawab({"data": data, "next_cursor": next_cursor}, if_none_match=if_none_match)
    pasang_link(request, response, next_cursor)
    return response


@router.post(
    "/panti/{kode}/penghuni",
    summary="Penerimaan penghuni (orang dari registri penerima manfaat)",
    status_code=201,
    response_model=PenghuniKeluar,
    responses={
        201: {"headers": _HEADER_TULIS},
        404: _TIDAK_ADA,
        409: _masalah("Orang ini sedang tinggal di panti lain, atau panti penuh"),
        422: _masalah("Data tidak valid"),
    },
)
def terima_penghuni(
    kode: KodePanti,
    data: PenghuniMasuk,
    session: SessionDep,
    ktx: TulisPenghuni,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Orang harus tercatat di registri dan masih hidup; kelompok sasaran harus salah satu
    yang dilayani panti ini; tanggal masuk tidak di masa depan. Satu orang hanya dapat tinggal
    di satu panti pada satu waktu (409). Kapasitas ditegakkan: bila pada tanggal masuk atau
    sesudahnya panti sudah penuh, penerimaan ditolak (409 `kapasitas-penuh`)."""
    return _jawab_tulis(service.terima(session, ktx, kode, data, idempotency_key))


@router.get(
    "/panti/{kode}/penghuni/{penghuni_id}",
    summary="Satu penghuni panti",
    response_model=PenghuniKeluar,
    responses={200: {"headers": _HEADER_TULIS}, 404: _TIDAK_ADA},
)
def ambil_penghuni(
    kode: KodePanti, penghuni_id: IdPenghuni, session: SessionDep, ktx: BacaPenghuni
) -> Response:
    body, tag = service.ambil_penghuni(session, ktx.pelaku, kode, penghuni_id)
    return etag.jawab(body, etag=tag)


@router.post(
    "/panti/{kode}/penghuni/{penghuni_id}/keluar",
    summary="Catat penghuni keluar (reunifikasi, rujukan, mandiri, meninggal)",
    response_model=PenghuniKeluar,
    responses={
        200: {"headers": _HEADER_TULIS},
        404: _TIDAK_ADA,
        409: _masalah("Penghuni sudah tercatat keluar"),
        412: _masalah("ETag di If-Match tidak cocok: data sudah diubah pihak lain"),
        422: _masalah("Data tidak valid"),
    },
)
def keluarkan_penghuni(
    kode: KodePanti,
    penghuni_id: IdPenghuni,
    data: PenghuniKeluarkan,
    session: SessionDep,
    ktx: TulisPenghuni,
    if_match: IfMatchOpsional = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Tanggal keluar tidak boleh sebelum tanggal masuk atau di masa depan; rujukan wajib
    menyebut `tujuan_rujukan`. Pada tanggal keluar orang itu tidak lagi dihitung sebagai
    penghuni (tempatnya dapat langsung diisi)."""
    jawaban = service.keluarkan(session, ktx, kode, penghuni_id, data, if_match, idempotency_key)
    return _jawab_tulis(jawaban)
