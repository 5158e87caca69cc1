"""Reports: the LKIP Bab III tables, computed by kinerja_core, in JSON, XLSX, HTML and PDF."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from dinsos_api.core.akses import Izin, Konteks
from dinsos_api.core.db import SessionDep
from dinsos_api.core.errors import PROBLEM_JSON
from dinsos_api.laporan import service
from dinsos_api.laporan.schemas import Format, FormatRingkasan, LaporanLkip, RingkasanLkip

router = APIRouter()

Baca = Annotated[Konteks, Depends(Izin("laporan", "baca"))]


def _masalah(deskripsi: str) -> dict[str, Any]:
    return {
        "description": deskripsi,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


# Declared before /laporan/lkip/{tahun} so the more specific path is matched first.
@router.get(
    "/laporan/lkip/{tahun}/ringkasan",
    tags=["laporan"],
    summary="Ringkasan LKIP seluruh perangkat daerah: capaian IKU, anggaran, efisiensi",
    response_model=RingkasanLkip,
    responses={
        200: {
            "description": "Ringkasan dalam format yang diminta.",
            "content": {
                service.MEDIA[Format.XLSX]: {"schema": {"type": "string", "format": "binary"}},
            },
        },
    },
)
def ringkasan_lkip(
    tahun: Annotated[int, Path(ge=2000, le=2100, description="Tahun laporan, misalnya 2024.")],
    session: SessionDep,
    ktx: Baca,
    format: Annotated[
        FormatRingkasan,
        Query(description="json: data ringkasan; xlsx: satu lembar dengan sel angka."),
    ] = FormatRingkasan.JSON,
) -> Any:
    """Satu baris per perangkat daerah yang memiliki IKU atau anggaran pada tahun itu: jumlah
    IKU, capaian keseluruhan (rata-rata per sasaran, target Perjanjian Kinerja) dengan kriteria
    dan warnanya, pagu, realisasi, penyerapan dan efisiensi (bertanda), ditambah total.
    Operator kabupaten/kota hanya melihat perangkat daerah wilayahnya (total = baris itu).
    Tahun tanpa data: daftar kosong."""
    hasil = service.ringkasan_lkip(session, ktx, tahun)
    if format is FormatRingkasan.JSON:
        return hasil
    return Response(
        content=service.render_ringkasan(hasil),
        media_type=service.MEDIA[Format.XLSX],
        headers={
            "Content-Disposition": (
                f'attachment; filename="{service.nama_berkas_ringkasan(hasil)}"'
            ),
            "Cache-Control": "private, no-store",
        },
    )


@router.get(
    "/laporan/lkip/{tahun}",
    tags=["laporan"],
    summary="Bab III LKIP: tabel capaian, pengukuran, perbandingan, efisiensi dan anggaran",
    response_model=LaporanLkip,
    responses={
        200: {
            "description": "Laporan dalam format yang diminta.",
            "content": {
                service.MEDIA[Format.XLSX]: {"schema": {"type": "string", "format": "binary"}},
                "text/html": {"schema": {"type": "string"}},
                service.MEDIA[Format.PDF]: {"schema": {"type": "string", "format": "binary"}},
            },
        },
        404: _masalah("Data LKIP perangkat daerah dan tahun itu belum tersedia."),
        503: _masalah("PDF diminta tetapi Chromium (pencetak PDF) tidak tersedia."),
    },
)
def laporan_lkip(
    tahun: Annotated[int, Path(ge=2000, le=2100, description="Tahun laporan, misalnya 2024.")],
    session: SessionDep,
    ktx: Baca,
    perangkat_daerah: Annotated[
        str,
        Query(
            max_length=64,
            pattern=r"^[a-z0-9][a-z0-9_]*$",
            description="Kode perangkat daerah, misalnya dinsos_53 (Dinas Sosial Provinsi).",
        ),
    ] = "dinsos_53",
    format: Annotated[
        Format,
        Query(
            description="json: data tabel; xlsx: satu lembar per tabel; html: halaman dengan "
            "grafik; pdf: halaman yang sama dicetak."
        ),
    ] = Format.JSON,
) -> Any:
    """Bab III LKIP dihitung dengan kinerja_core: capaian IKU dengan kriteria dan warnanya
    (Tabel 3.2/3.4), pengukuran pembilang/penyebut (3.5/3.6), perbandingan dengan tahun lalu
    dan lima tahun (3.7), efisiensi per program bertanda (3.8), pohon realisasi anggaran
    (3.9–3.15) dan ringkasan Bab 3.8. Setiap tabel diikuti temuan pemeriksa atas laporan
    tercetak, bila ada."""
    laporan = service.laporan_lkip(session, ktx, perangkat_daerah, tahun)
    if format is Format.JSON:
        return laporan
    isi = service.render(laporan, format)
    cara = "inline" if format is Format.HTML else "attachment"
    return Response(
        content=isi,
        media_type=service.MEDIA[format],
        headers={
            "Content-Disposition": f'{cara}; filename="{service.nama_berkas(laporan, format)}"',
            "Cache-Control": "private, no-store",
        },
    )
