"""Budget routes (thin: the logic is in service.py and impor.py). Everyone with a token reads;
admin, operator_provinsi and a district operator (its own district's office only) write."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dinsos_api.anggaran import impor, service
from dinsos_api.anggaran.models import (
    Nomenklatur,
    Pagu,
    Pendapatan,
    Realisasi,
    RealisasiFisik,
    Tingkat,
    VersiDpa,
)
from dinsos_api.anggaran.schemas import (
    POLA_KODE,
    POLA_PERANGKAT,
    BarisRingkasanKeluar,
    BulananKeluar,
    BulanKeluar,
    FisikBuat,
    FisikKeluar,
    ImporAnggaranBerkas,
    ImporAnggaranJson,
    ImporAnggaranKeluar,
    NomenklaturBuat,
    NomenklaturKeluar,
    PaguAtur,
    PaguKeluar,
    PendapatanBuat,
    PendapatanKeluar,
    PendapatanUbah,
    RealisasiBuat,
    RealisasiKeluar,
    RingkasanKeluar,
    TotalKeluar,
    VersiBuat,
    VersiKeluar,
)
from dinsos_api.core import etag
from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import SessionDep
from dinsos_api.core.errors import PROBLEM_JSON, Masalah
from dinsos_api.core.idempotensi import IdempotencyKey
from dinsos_api.core.openapi import skema_body
from dinsos_api.core.paginasi import CursorQuery, Halaman, LimitQuery, pasang_link
from kinerja_core import bulatkan

router = APIRouter(tags=["anggaran"])

Baca = Annotated[Konteks, Depends(Izin("anggaran", "baca"))]
Tulis = Annotated[Konteks, Depends(Izin("anggaran", "tulis"))]
Tahun = Annotated[int, Path(ge=2000, le=2100, description="Tahun anggaran.", examples=[2024])]
Perangkat = Annotated[
    str,
    Query(
        max_length=64,
        pattern=POLA_PERANGKAT,
        description="Kode perangkat daerah, mis. dinsos_53 (provinsi) atau dinsos_5314.",
        examples=["dinsos_53"],
    ),
]
KodePath = Annotated[str, Path(max_length=32, pattern=POLA_KODE, description="Kode nomenklatur.")]
KodeQuery = Annotated[
    str | None,
    Query(max_length=32, pattern=POLA_KODE, description="Hanya kode ini dan turunannya."),
]
Versi = Annotated[
    int | None,
    Query(ge=0, le=99, description="Nomor versi DPA (0 = murni); bawaan: versi terakhir."),
]

_MASALAH = {"content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
_TULIS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Bukan perangkat daerah wilayah Anda.", **_MASALAH},
    404: {"description": "Perangkat daerah atau data tidak ditemukan.", **_MASALAH},
    409: {"description": "Bertentangan dengan data yang ada.", **_MASALAH},
    422: {"description": "Isian tidak valid.", **_MASALAH},
}
_BACA: dict[int | str, dict[str, Any]] = {
    404: {"description": "Perangkat daerah atau data tidak ditemukan.", **_MASALAH}
}


def _uang(nilai: Any) -> Any:
    return None if nilai is None else bulatkan(nilai)


def _node(n: Nomenklatur, induk_kode: str | None = None) -> NomenklaturKeluar:
    return NomenklaturKeluar(
        id=n.id,
        perangkat_daerah=n.perangkat_daerah_kode,
        tahun=n.tahun,
        tingkat=Tingkat(n.tingkat),
        kode=n.kode,
        nama=n.nama,
        induk_kode=service.kode_induk(n.kode) if induk_kode is None else induk_kode,
        created_at=n.created_at,
    )


def _versi(session: SessionDep, v: VersiDpa) -> VersiKeluar:
    return VersiKeluar(
        id=v.id,
        perangkat_daerah=v.perangkat_daerah_kode,
        tahun=v.tahun,
        nomor=v.nomor,
        jenis="murni" if v.nomor == 0 else "perubahan",
        tanggal=v.tanggal,
        keterangan=v.keterangan,
        total_pagu=bulatkan(service.total_pagu(session, v)),
        created_at=v.created_at,
    )


def _pendapatan(p: Pendapatan) -> Response:
    isi = PendapatanKeluar(
        id=p.id,
        perangkat_daerah=p.perangkat_daerah_kode,
        tahun=p.tahun,
        target=bulatkan(p.target),
        realisasi=_uang(p.realisasi),
        capaian=_uang(service.capaian_pendapatan(p)),
        keterangan=p.keterangan,
        versi=p.versi,
        updated_at=p.updated_at,
    )
    return etag.jawab(isi, etag=service.etag_pendapatan(p))


# --- nomenklatur ------------------------------------------------------------------------------


@router.get(
    "/anggaran/{tahun}/nomenklatur",
    summary="Daftar program, kegiatan dan sub kegiatan",
    response_model=Halaman[NomenklaturKeluar],
    responses=_BACA,
)
def daftar_nomenklatur(
    request: Request,
    response: Response,
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    session: SessionDep,
    _: Baca,
    tingkat: Annotated[Tingkat | None, Query(description="Hanya tingkat ini.")] = None,
    induk: KodeQuery = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[NomenklaturKeluar]:
    """Urut menurut kode. `induk` membatasi pada turunan satu program atau kegiatan."""
    rows, next_cursor = service.daftar_nomenklatur(
        session, perangkat_daerah, tahun, tingkat=tingkat, induk=induk, limit=limit,
        cursor=cursor,
    )  # fmt: skip
    pasang_link(request, response, next_cursor)
    return Halaman(data=[_node(n) for n in rows], next_cursor=next_cursor)


@router.post(
    "/anggaran/{tahun}/nomenklatur",
    summary="Tambah program, kegiatan atau sub kegiatan",
    status_code=201,
    response_model=NomenklaturKeluar,
    responses=_TULIS,
)
def buat_nomenklatur(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    data: NomenklaturBuat,
    session: SessionDep,
    ktx: Tulis,
    response: Response,
) -> NomenklaturKeluar:
    """Tingkat ditentukan oleh kode (3, 5 atau 6 bagian); induknya harus sudah ada. Kegiatan dan
    program tidak punya pagu sendiri: pagunya selalu jumlah pagu sub kegiatan."""
    node, induk = service.buat_nomenklatur(
        session, ktx, perangkat_daerah, tahun, service.NodeBaru(data.kode, data.nama)
    )
    response.headers["Location"] = (
        f"/v1/anggaran/{tahun}/nomenklatur/{node.kode}?perangkat_daerah={perangkat_daerah}"
    )
    return _node(node, induk)


@router.get(
    "/anggaran/{tahun}/nomenklatur/{kode}",
    summary="Satu program, kegiatan atau sub kegiatan",
    response_model=NomenklaturKeluar,
    responses=_BACA,
)
def ambil_nomenklatur(
    tahun: Tahun, kode: KodePath, perangkat_daerah: Perangkat, session: SessionDep, _: Baca
) -> NomenklaturKeluar:
    """Pagu, realisasi dan penyerapannya: `GET .../ringkasan`."""
    return _node(service.ambil_nomenklatur(session, perangkat_daerah, tahun, kode))


# --- DPA versions and pagu --------------------------------------------------------------------


@router.get(
    "/anggaran/{tahun}/dpa",
    summary="Versi DPA: murni dan perubahannya",
    response_model=Halaman[VersiKeluar],
    responses=_BACA,
)
def daftar_versi(
    request: Request,
    response: Response,
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    session: SessionDep,
    _: Baca,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[VersiKeluar]:
    rows, next_cursor = service.daftar_versi(session, perangkat_daerah, tahun, limit, cursor)
    pasang_link(request, response, next_cursor)
    return Halaman(data=[_versi(session, v) for v in rows], next_cursor=next_cursor)


@router.post(
    "/anggaran/{tahun}/dpa",
    summary="Tetapkan DPA murni atau perubahan berikutnya",
    status_code=201,
    response_model=VersiKeluar,
    responses=_TULIS,
)
def buat_versi(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    data: VersiBuat,
    session: SessionDep,
    ktx: Tulis,
    response: Response,
) -> VersiKeluar:
    """Versi pertama bernomor 0 (DPA murni); tiap perubahan berikutnya bernomor 1, 2, ... dan
    dimulai dengan salinan pagu versi sebelumnya."""
    versi = service.buat_versi(session, ktx, perangkat_daerah, tahun, data.tanggal, data.keterangan)
    response.headers["Location"] = f"/v1/anggaran/{tahun}/dpa?perangkat_daerah={perangkat_daerah}"
    return _versi(session, versi)


@router.put(
    "/anggaran/{tahun}/dpa/{nomor}/pagu/{kode}",
    summary="Tetapkan pagu satu sub kegiatan pada versi DPA terakhir",
    response_model=PaguKeluar,
    responses={201: {"description": "Pagu baru dicatat.", "model": PaguKeluar}, **_TULIS},
)
def atur_pagu(
    tahun: Tahun,
    nomor: Annotated[int, Path(ge=0, le=99, description="Nomor versi DPA.")],
    kode: KodePath,
    perangkat_daerah: Perangkat,
    data: PaguAtur,
    session: SessionDep,
    ktx: Tulis,
    response: Response,
) -> PaguKeluar:
    """Hanya sub kegiatan yang memiliki pagu, dan hanya versi terakhir yang dapat diubah
    (versi lama adalah dokumen yang sudah ditetapkan: 409)."""
    pagu, baru = service.atur_pagu(session, ktx, perangkat_daerah, tahun, nomor, kode, data.pagu)
    if baru:
        response.status_code = 201
    return _pagu(pagu, perangkat_daerah, tahun, nomor, kode)


def _pagu(pagu: Pagu, perangkat: str, tahun: int, nomor: int, kode: str) -> PaguKeluar:
    return PaguKeluar(
        id=pagu.id, perangkat_daerah=perangkat, tahun=tahun, versi=nomor, kode=kode,
        pagu=bulatkan(pagu.pagu),
    )  # fmt: skip


# --- realisation ------------------------------------------------------------------------------


def _realisasi(r: Realisasi, kode: str) -> RealisasiKeluar:
    return RealisasiKeluar(
        id=r.id, kode=kode, tanggal=r.tanggal, jumlah=bulatkan(r.jumlah),
        keterangan=r.keterangan, bukti=r.bukti, created_at=r.created_at,
    )  # fmt: skip


def _fisik(f: RealisasiFisik, kode: str) -> FisikKeluar:
    return FisikKeluar(
        id=f.id, kode=kode, tanggal=f.tanggal, persen=bulatkan(f.persen),
        keterangan=f.keterangan, created_at=f.created_at,
    )  # fmt: skip


@router.get(
    "/anggaran/{tahun}/realisasi",
    summary="Daftar entri realisasi keuangan",
    response_model=Halaman[RealisasiKeluar],
    responses=_BACA,
)
def daftar_realisasi(
    request: Request,
    response: Response,
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    session: SessionDep,
    _: Baca,
    kode: KodeQuery = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[RealisasiKeluar]:
    """Urut menurut waktu pencatatan."""
    rows, next_cursor = service.daftar_realisasi(
        session, perangkat_daerah, tahun, kode, limit, cursor
    )
    pasang_link(request, response, next_cursor)
    return Halaman(data=[_realisasi(r, k) for r, k in rows], next_cursor=next_cursor)


@router.post(
    "/anggaran/{tahun}/realisasi",
    summary="Catat realisasi keuangan sub kegiatan",
    status_code=201,
    response_model=RealisasiKeluar,
    responses=_TULIS,
)
def catat_realisasi(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    data: RealisasiBuat,
    session: SessionDep,
    ktx: Tulis,
    response: Response,
) -> RealisasiKeluar:
    entri = service.catat_realisasi(
        session, ktx, perangkat_daerah, tahun,
        service.RealisasiBaru(data.kode, data.tanggal, data.jumlah, data.keterangan, data.bukti),
    )  # fmt: skip
    response.headers["Location"] = (
        f"/v1/anggaran/{tahun}/realisasi?perangkat_daerah={perangkat_daerah}&kode={data.kode}"
    )
    return _realisasi(entri, data.kode)


@router.get(
    "/anggaran/{tahun}/realisasi-fisik",
    summary="Daftar realisasi fisik",
    response_model=Halaman[FisikKeluar],
    responses=_BACA,
)
def daftar_fisik(
    request: Request,
    response: Response,
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    session: SessionDep,
    _: Baca,
    kode: KodeQuery = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Halaman[FisikKeluar]:
    rows, next_cursor = service.daftar_fisik(session, perangkat_daerah, tahun, kode, limit, cursor)
    pasang_link(request, response, next_cursor)
    return Halaman(data=[_fisik(f, k) for f, k in rows], next_cursor=next_cursor)


@router.post(
    "/anggaran/{tahun}/realisasi-fisik",
    summary="Catat realisasi fisik (%) sub kegiatan",
    status_code=201,
    response_model=FisikKeluar,
    responses=_TULIS,
)
def catat_fisik(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    data: FisikBuat,
    session: SessionDep,
    ktx: Tulis,
    response: Response,
) -> FisikKeluar:
    """Yang terakhir (menurut tanggal) yang berlaku di ringkasan."""
    entri = service.catat_fisik(
        session, ktx, perangkat_daerah, tahun, data.kode, data.tanggal, data.persen,
        data.keterangan,
    )  # fmt: skip
    response.headers["Location"] = (
        f"/v1/anggaran/{tahun}/realisasi-fisik?perangkat_daerah={perangkat_daerah}&kode={data.kode}"
    )
    return _fisik(entri, data.kode)


# --- revenue ----------------------------------------------------------------------------------


@router.get(
    "/anggaran/{tahun}/pendapatan",
    summary="Target dan realisasi pendapatan",
    response_model=PendapatanKeluar,
    responses=etag.JAWABAN_AMBIL,
)
def ambil_pendapatan(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    session: SessionDep,
    _: Baca,
    if_none_match: etag.IfNoneMatch = None,
) -> Response:
    p = service.ambil_pendapatan(session, perangkat_daerah, tahun)
    if if_none_match and etag.cocok_lemah(if_none_match, service.etag_pendapatan(p)):
        return Response(status_code=304, headers={"ETag": service.etag_pendapatan(p)})
    return _pendapatan(p)


@router.post(
    "/anggaran/{tahun}/pendapatan",
    summary="Catat target (dan realisasi) pendapatan",
    status_code=201,
    response_model=PendapatanKeluar,
    responses={**_TULIS, 201: {"headers": {"Location": {"schema": {"type": "string"}}}}},
)
def buat_pendapatan(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    data: PendapatanBuat,
    session: SessionDep,
    ktx: Tulis,
) -> Response:
    p = service.buat_pendapatan(
        session, ktx, perangkat_daerah, tahun, data.target, data.realisasi, data.keterangan
    )
    response = _pendapatan(p)
    response.status_code = 201
    response.headers["Location"] = (
        f"/v1/anggaran/{tahun}/pendapatan?perangkat_daerah={perangkat_daerah}"
    )
    return response


@router.patch(
    "/anggaran/{tahun}/pendapatan",
    summary="Ubah target atau realisasi pendapatan",
    response_model=PendapatanKeluar,
    responses={**etag.JAWABAN_UBAH, 403: _TULIS[403], 422: _TULIS[422]},
)
def ubah_pendapatan(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    data: PendapatanUbah,
    session: SessionDep,
    ktx: Tulis,
    if_match: etag.IfMatch = None,
) -> Response:
    perubahan = data.model_dump(exclude_unset=True)
    p = service.ubah_pendapatan(session, ktx, perangkat_daerah, tahun, perubahan, if_match)
    return _pendapatan(p)


# --- summaries --------------------------------------------------------------------------------


def _total(n: service.Nilai) -> TotalKeluar:
    return TotalKeluar(
        pagu=bulatkan(n.pagu),
        realisasi=bulatkan(n.realisasi),
        penyerapan=_uang(n.penyerapan),
        alasan_penyerapan=n.alasan_penyerapan,
        sisa=bulatkan(n.sisa),
    )


@router.get(
    "/anggaran/{tahun}/ringkasan",
    summary="Pagu, realisasi, penyerapan dan sisa per program, kegiatan atau sub kegiatan",
    response_model=RingkasanKeluar,
    responses=_BACA,
)
def ringkasan(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    session: SessionDep,
    _: Baca,
    level: Annotated[Tingkat, Query(description="Tingkat baris.")] = Tingkat.PROGRAM,
    versi: Versi = None,
) -> RingkasanKeluar:
    """Pagu kegiatan dan program selalu jumlah pagu sub kegiatannya pada versi DPA yang
    dipakai; realisasi jumlah entri realisasi; penyerapan = realisasi ÷ pagu × 100
    (kinerja_core, 2 desimal, setengah ke atas)."""
    r = service.ringkasan(
        session, perangkat_daerah=perangkat_daerah, tahun=tahun, level=level, versi=versi
    )
    return RingkasanKeluar(
        perangkat_daerah=r.perangkat_daerah,
        tahun=r.tahun,
        versi=r.versi,
        level=r.level,
        total=_total(r.total),
        data=[
            BarisRingkasanKeluar(
                kode=b.kode,
                nama=b.nama,
                tingkat=b.tingkat,
                induk_kode=b.induk_kode,
                realisasi_fisik=_uang(b.realisasi_fisik),
                **_total(b.nilai).model_dump(),
            )
            for b in r.baris
        ],
    )


@router.get(
    "/anggaran/{tahun}/bulanan",
    summary="Realisasi bulanan dan kumulatif (kurva S)",
    response_model=BulananKeluar,
    responses=_BACA,
)
def bulanan(
    tahun: Tahun,
    perangkat_daerah: Perangkat,
    session: SessionDep,
    _: Baca,
    versi: Versi = None,
    kode: KodeQuery = None,
) -> BulananKeluar:
    """12 bulan: realisasi bulan itu, kumulatif, dan kumulatif ÷ pagu × 100."""
    d = service.bulanan(
        session, perangkat_daerah=perangkat_daerah, tahun=tahun, versi=versi, kode=kode
    )
    return BulananKeluar(
        perangkat_daerah=d.perangkat_daerah,
        tahun=d.tahun,
        versi=d.versi,
        kode=d.kode,
        pagu=bulatkan(d.pagu),
        bulan=[
            BulanKeluar(
                bulan=b.bulan,
                realisasi=bulatkan(b.realisasi),
                kumulatif=bulatkan(b.kumulatif),
                persen_kumulatif=_uang(b.persen_kumulatif),
            )
            for b in d.bulan
        ],
    )


# --- import -----------------------------------------------------------------------------------


def _kunci_wajib(idempotency_key: IdempotencyKey = None) -> str:
    if idempotency_key is None:
        raise Masalah(
            428,
            "Impor wajib menyertakan header Idempotency-Key (misalnya sebuah UUID baru per "
            "kiriman), agar kiriman ulang tidak menyimpan data dua kali.",
            jenis="idempotency-key-wajib",
        )
    return idempotency_key


_BODY_IMPOR: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": skema_body(ImporAnggaranJson)},
            "multipart/form-data": {"schema": skema_body(ImporAnggaranBerkas)},
        },
    }
}


@router.post(
    "/impor/anggaran",
    tags=["impor"],
    summary="Impor anggaran satu tahun (CSV, XLSX atau JSON) dan periksa total tercetaknya",
    status_code=201,
    response_model=ImporAnggaranKeluar,
    openapi_extra=_BODY_IMPOR,
    responses={
        200: {"description": "periksa_saja: hasil pemeriksaan, tidak ada yang disimpan."},
        201: {"description": "Anggaran disimpan.", "headers": {"Location": {"schema": {}}}},
        **_TULIS,
        415: {"description": "Jenis isi tidak didukung.", **_MASALAH},
        428: {"description": "Header Idempotency-Key wajib.", **_MASALAH},
    },
)
async def impor_anggaran(
    request: Request,
    session: SessionDep,
    ktx: Tulis,
    kunci: Annotated[str, Depends(_kunci_wajib)],
    perangkat_daerah: Perangkat,
    tahun: Annotated[int, Query(ge=2000, le=2100, description="Tahun anggaran.")],
    periksa_saja: Annotated[
        bool, Query(description="true: hanya periksa total tercetak, tidak menyimpan.")
    ] = False,
) -> Response:
    """Satu baris per program, kegiatan dan sub kegiatan: `tingkat, kode, nama, pagu,
    realisasi` (dan opsional `persen`, `realisasi_fisik`). Pagu dan realisasi sub kegiatan
    disimpan (DPA versi 0; realisasi satu entri bertanggal 31 Desember). Baris program dan
    kegiatan memuat total *tercetak*: tidak disimpan, tetapi dibandingkan dengan jumlah baris
    di bawahnya; setiap perbedaan dilaporkan di `selisih`, juga persen tercetak yang salah.
    Satu isian salah: 422, tidak ada yang disimpan. Lihat docs/anggaran.md."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        isi, berkas = await request.body(), False
    elif media == "multipart/form-data":
        async with request.form(max_files=1, max_fields=5) as form:
            unggahan = form.get("berkas")
            if not isinstance(unggahan, UploadFile):
                raise Masalah(
                    422,
                    "Sertakan berkas CSV atau XLSX pada kolom formulir 'berkas'.",
                    jenis="validasi",
                    errors=[{"field": "berkas", "message": "wajib diisi"}],
                )
            isi, berkas = await unggahan.read(), True
    else:
        raise Masalah(
            415,
            "Kirim application/json, atau multipart/form-data dengan berkas CSV/XLSX di kolom "
            "'berkas'.",
            jenis="format-impor",
        )
    jawaban = await run_in_threadpool(
        impor.kirim, session, ktx, kunci=kunci, perangkat=perangkat_daerah, tahun=tahun,
        periksa_saja=periksa_saja, isi=isi, berkas=berkas,
    )  # fmt: skip
    return JSONResponse(
        jawaban.body,
        status_code=jawaban.status_code,
        headers={"Location": jawaban.lokasi} if jawaban.lokasi else None,
    )
