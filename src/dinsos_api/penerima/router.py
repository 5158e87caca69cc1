"""The registry over HTTP: the person list (JSON pages, CSV or XLSX), one person, PATCH and soft
DELETE, family cards, duplicates and PMKS statistics. Thin: the logic is in service.py."""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from dinsos_api.core import etag
from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import Mesin, MesinDep, SessionDep
from dinsos_api.core.errors import PROBLEM_JSON
from dinsos_api.core.jalur_cepat import rute_cepat
from dinsos_api.core.masukan import POLA_SEBARIS
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link
from dinsos_api.penerima import service
from dinsos_api.penerima.models import StatusVerifikasi
from dinsos_api.penerima.schemas import (
    POLA_ID,
    POLA_NIK,
    Duplikat,
    Format,
    KartuKeluarga,
    Kelompok,
    KeputusanDuplikat,
    PenerimaDetail,
    PenerimaRingkas,
    PenerimaUbah,
    StatistikPmks,
)

router = APIRouter()

Baca = Annotated[Konteks, Depends(Izin("penerima", "baca"))]
Tulis = Annotated[Konteks, Depends(Izin("penerima", "tulis"))]
BacaDuplikat = Annotated[Konteks, Depends(Izin("duplikat", "baca"))]
PutuskanDuplikat = Annotated[Konteks, Depends(Izin("duplikat", "putuskan"))]
BacaStatistik = Annotated[Konteks, Depends(Izin("statistik", "baca"))]

IdOrang = Annotated[str, Path(pattern=POLA_ID, description="id penerima manfaat.")]
Tahun = Annotated[int | None, Query(ge=2000, le=2100, description="Tahun data PMKS.")]
KodeSaring = Annotated[
    str | None, Query(max_length=64, pattern=r"^[a-z0-9][a-z0-9_]*$", description="Kode.")
]
IfMatchOpsional = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="Opsional: ETag data yang hendak dihapus; bila dikirim harus masih "
        "berlaku (412 bila data sudah diubah).",
    ),
]


def _masalah(deskripsi: str) -> dict[str, Any]:
    return {
        "description": deskripsi,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


_ETAG = {"ETag": {"description": "Versi data (untuk If-Match).", "schema": {"type": "string"}}}
JAWABAN_DAFTAR: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Satu halaman (JSON) atau seluruh daftar (`?format=csv` atau "
        "`?format=xlsx`).",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {"type": "string", "format": "binary"}
            },
        },
        "headers": {
            "Link": {
                "description": 'Halaman berikutnya (rel="next").',
                "schema": {"type": "string"},
            },
            **etag.JAWABAN_BACA[200]["headers"],
        },
    },
    304: etag.JAWABAN_BACA[304],
    400: _masalah("Kursor tidak valid"),
    403: _masalah("Analis tidak boleh mencari berdasarkan NIK atau nama"),
}
JAWABAN_AMBIL: dict[int | str, dict[str, Any]] = {
    200: {"headers": _ETAG},
    404: _masalah("Data tidak ditemukan (atau milik kabupaten/kota lain)"),
}
JAWABAN_UBAH: dict[int | str, dict[str, Any]] = {
    **etag.JAWABAN_UBAH,
    403: _masalah("Data milik kabupaten/kota lain"),
}
JAWABAN_HAPUS: dict[int | str, dict[str, Any]] = {
    204: {"description": "Dihapus (tidak lagi muncul di daftar maupun detail)."},
    403: _masalah("Data milik kabupaten/kota lain"),
    404: _masalah("Data tidak ditemukan"),
    412: _masalah("ETag di If-Match tidak cocok: data sudah diubah pihak lain"),
}


async def daftar_penerima(
    request: Request,
    mesin: MesinDep,
    ktx: Baca,
    if_none_match: etag.IfNoneMatch = None,
    kode_wilayah: Annotated[
        str | None,
        Query(pattern=r"^53[0-9]{2}$", description="Kabupaten/kota, misalnya 5301."),
    ] = None,
    kategori: KodeSaring = None,
    program: KodeSaring = None,
    status_verifikasi: Annotated[
        StatusVerifikasi | None, Query(description="Status data PMKS.")
    ] = None,
    tahun: Tahun = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            pattern=POLA_SEBARIS,
            description="Awal nama (tanpa membedakan huruf besar/kecil).",
        ),
    ] = None,
    nik: Annotated[
        str | None, Query(pattern=POLA_NIK, description="NIK persis (tidak untuk analis).")
    ] = None,
    format: Annotated[
        Format,
        Query(
            description="json: satu halaman; csv atau xlsx: seluruh daftar tersaring, dialirkan."
        ),
    ] = Format.JSON,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Orang yang tercatat (tidak dihapus), urut menurut id. `kategori`, `tahun` dan
    `status_verifikasi` menyaring data PMKS yang sama; kategori keluarga (mis. fakir_miskin)
    mencakup anggota keluarganya. Operator kabupaten/kota hanya melihat wilayahnya sendiri:
    meminta `kode_wilayah` lain menghasilkan daftar kosong. Analis tidak melihat orang; mereka
    memakai statistik (`/v1/statistik/pmks`).

    Ekspor (`format=csv` atau `format=xlsx`) berisi seluruh daftar tersaring (`limit` dan
    `cursor` tidak berlaku) dengan kolom yang sama: kolom daftar, lalu `kategori`, `tahun` dan
    `status_verifikasi`. Satu baris per data PMKS orang itu yang cocok dengan saringan
    (termasuk data keluarganya; tanpa saringan: semua datanya), sehingga seseorang dapat
    muncul pada beberapa baris; orang tanpa data PMKS yang cocok muncul satu kali dengan
    ketiga kolom itu kosong. NIK dan nomor KK selalu teks: di CSV diawali tanda petik
    (`'5301…`) agar Excel tidak mengubahnya menjadi angka (impor PMKS menerimanya kembali);
    CSV memakai BOM UTF-8. Di XLSX setiap teks adalah sel teks, tidak pernah rumus."""
    saring = service.SaringPenerima(
        kode_wilayah=kode_wilayah,
        kategori=kategori,
        program=program,
        status_verifikasi=status_verifikasi,
        tahun=tahun,
        q=q,
        nik=nik,
    )
    if format is not Format.JSON:
        daftar = service.siapkan_daftar(ktx.pelaku, saring)
        ekspor, media, nama = _EKSPOR[format]
        return StreamingResponse(
            ekspor(mesin.sinkron, daftar),
            media_type=media,
            headers={
                "Content-Disposition": f'attachment; filename="{nama}"',
                "Cache-Control": "private, no-store",
            },
        )
    return await _halaman(request, mesin, ktx, saring, limit, cursor, if_none_match)


async def _halaman(
    request: Request,
    mesin: Mesin,
    ktx: Konteks,
    saring: service.SaringPenerima,
    limit: int,
    cursor: str | None,
    if_none_match: str | None = None,
) -> Response:
    daftar = service.siapkan_daftar(ktx.pelaku, saring)
    data, next_cursor = await service.halaman_penerima(mesin, daftar, limit, cursor)
    response = etag.jawab({"data": data, "next_cursor": next_cursor}, if_none_match=if_none_match)
    pasang_link(request, response, next_cursor)
    return response


_EKSPOR = {
    Format.CSV: (service.ekspor_csv, "text/csv; charset=utf-8", "penerima-manfaat.csv"),
    Format.XLSX: (
        service.ekspor_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "penerima-manfaat.xlsx",
    ),
}
_SARING = frozenset(f.name for f in fields(service.SaringPenerima))


async def _daftar_cepat(request: Request, ktx: Konteks, nilai: Any) -> Response | None:
    """JSON pages, the registry's busiest read, without FastAPI's per-parameter dependency
    solving (core/jalur_cepat.py); CSV and everything else go to `daftar_penerima`."""
    if nilai.format is not Format.JSON:
        return None
    saring = service.SaringPenerima(**nilai.model_dump(include=_SARING))
    return await _halaman(request, request.app.state.mesin, ktx, saring, nilai.limit, nilai.cursor)


router.add_api_route(
    "/penerima-manfaat",
    daftar_penerima,
    methods=["GET"],
    tags=["penerima manfaat"],
    summary="Daftar penerima manfaat (JSON per halaman, CSV atau XLSX)",
    response_model=Halaman[PenerimaRingkas],
    responses=JAWABAN_DAFTAR,
    route_class_override=rute_cepat(_daftar_cepat),
)


@router.get(
    "/penerima-manfaat/{orang_id}",
    tags=["penerima manfaat"],
    summary="Satu penerima manfaat dengan data PMKS, kepesertaan dan keluarganya",
    response_model=PenerimaDetail,
    responses=JAWABAN_AMBIL,
)
def ambil_penerima(orang_id: IdOrang, session: SessionDep, ktx: Baca) -> Response:
    """`ETag` menandai versi data orang ini sendiri; kirim kembali di `If-Match` untuk PATCH.
    Data milik kabupaten/kota lain dijawab 404 bagi operator kabupaten/kota."""
    detail, tag = service.ambil(session, ktx.pelaku, orang_id)
    return etag.jawab(detail, etag=tag)


@router.patch(
    "/penerima-manfaat/{orang_id}",
    tags=["penerima manfaat"],
    summary="Ubah data penerima manfaat",
    response_model=PenerimaDetail,
    responses=JAWABAN_UBAH,
)
def ubah_penerima(
    orang_id: IdOrang,
    data: PenerimaUbah,
    session: SessionDep,
    ktx: Tulis,
    if_match: etag.IfMatch = None,
) -> Response:
    """Hanya kolom yang dikirim yang berubah. NIK diperiksa (16 digit, kode provinsi, tanggal
    lahir, nomor urut) dan harus sesuai dengan `tanggal_lahir` dan `jenis_kelamin`;
    kecamatan dan desa harus berada di kabupaten/kota orang ini. Nilai yang salah ditolak
    (422) dengan nama kolomnya, tidak pernah dibetulkan diam-diam."""
    detail, tag = service.ubah(session, ktx, orang_id, data, if_match)
    return etag.jawab(detail, etag=tag)


@router.delete(
    "/penerima-manfaat/{orang_id}",
    tags=["penerima manfaat"],
    summary="Hapus penerima manfaat (dengan alasan)",
    status_code=204,
    response_class=Response,
    responses=JAWABAN_HAPUS,
)
def hapus_penerima(
    orang_id: IdOrang,
    session: SessionDep,
    ktx: Tulis,
    alasan: Annotated[
        str,
        Query(
            min_length=3,
            max_length=500,
            pattern=POLA_SEBARIS,
            description="Alasan penghapusan, misalnya 'meninggal dunia, akta 123/2024'.",
        ),
    ],
    if_match: IfMatchOpsional = None,
) -> Response:
    """Penghapusan lunak: orang ini tidak lagi muncul di daftar, detail, ekspor dan
    statistik; catatannya dan jejak audit tetap tersimpan."""
    service.hapus(session, ktx, orang_id, alasan, if_match)
    return Response(status_code=204)


@router.get(
    "/keluarga/{nomor_kk}",
    tags=["penerima manfaat"],
    summary="Kartu keluarga dengan anggota dan hubungannya",
    response_model=KartuKeluarga,
    responses={
        403: _masalah("Tidak untuk analis"),
        404: _masalah("Kartu keluarga tidak ditemukan"),
    },
)
def ambil_keluarga(
    nomor_kk: Annotated[str, Path(pattern=POLA_NIK, description="Nomor KK, 16 digit.")],
    session: SessionDep,
    ktx: Baca,
) -> KartuKeluarga:
    """Satu nomor KK dapat dilaporkan beberapa kabupaten/kota: operator kabupaten/kota
    melihat catatan wilayahnya, peran provinsi melihat semuanya. Tidak untuk analis (403):
    analis tidak mencari orang berdasarkan nomor identitas."""
    return service.kartu_keluarga(session, ktx.pelaku, nomor_kk)


@router.get(
    "/duplikat",
    tags=["penerima manfaat"],
    summary="NIK yang dilaporkan lebih dari satu kabupaten/kota",
    response_model=Halaman[Duplikat],
    responses={400: _masalah("Kursor tidak valid")},
)
def daftar_duplikat(
    request: Request,
    response: Response,
    session: SessionDep,
    ktx: BacaDuplikat,
    tahun: Tahun = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[Duplikat]:
    """Urut menurut NIK; setiap NIK dengan semua catatannya (orang, data PMKS, tanda
    `perlu_verifikasi`) agar provinsi dapat memutuskan. Tidak ada yang digabung otomatis."""
    data, next_cursor = service.daftar_duplikat(session, ktx.pelaku, tahun, limit, cursor)
    pasang_link(request, response, next_cursor)
    return Halaman(data=data, next_cursor=next_cursor)


@router.post(
    "/duplikat/{nik}/putuskan",
    tags=["penerima manfaat"],
    summary="Putuskan catatan mana yang berlaku untuk NIK ganda",
    response_model=Duplikat,
    responses={
        404: _masalah("NIK ini tidak dilaporkan lebih dari satu kabupaten/kota"),
        409: _masalah("Duplikat NIK ini sudah diputuskan"),
    },
)
def putuskan_duplikat(
    nik: Annotated[str, Path(pattern=POLA_NIK, description="NIK yang dilaporkan ganda.")],
    keputusan: KeputusanDuplikat,
    session: SessionDep,
    ktx: PutuskanDuplikat,
) -> Duplikat:
    """Catatan `orang_id` berlaku. Data PMKS NIK ini dari kabupaten/kota lain ditolak
    (`ditolak`, dengan alasan) dan kepesertaan programnya yang berjalan menjadi `duplikat`.
    Tidak ada yang digabung atau dihapus: setiap kabupaten/kota tetap melihat catatannya
    sendiri beserta alasannya. Jawaban: semua catatan NIK ini sesudah keputusan."""
    return service.putuskan_duplikat(session, ktx, nik, keputusan)


@router.get(
    "/statistik/pmks",
    tags=["statistik"],
    summary="Jumlah data PMKS per kategori, per wilayah, atau keduanya",
    response_model=StatistikPmks,
)
def statistik_pmks(
    session: SessionDep,
    ktx: BacaStatistik,
    tahun: Tahun = None,
    kelompok: Annotated[Kelompok, Query(description="Pengelompokan.")] = Kelompok.KATEGORI,
) -> StatistikPmks:
    """Data yang ditolak dan data orang yang dihapus tidak dihitung; data keluarga dihitung
    sekali per keluarga. Operator kabupaten/kota menghitung wilayahnya sendiri. Untuk analis
    jumlah 1–4 disembunyikan (`jumlah` null, `disembunyikan` true); kelompok tanpa data tidak
    muncul."""
    return service.statistik_pmks(session, ktx.pelaku, tahun, kelompok)
