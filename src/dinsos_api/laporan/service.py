"""The LKIP report: find the input (the one seam), compute Bab III, render the format asked.

`sumber_masukan` is the single place that knows where the input comes from: the database,
through the budget (anggaran) and performance-plan (kinerja) services (`sumber.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from dinsos_api.core.akses import Konteks, boleh_akses_wilayah, lingkup_wilayah, pastikan_baca
from dinsos_api.core.errors import Masalah
from dinsos_api.kinerja.rencana_schemas import SumberTarget
from dinsos_api.laporan import bab3, render_html, render_pdf, render_xlsx, ringkasan, sumber
from dinsos_api.laporan.masukan import Masukan
from dinsos_api.laporan.schemas import Format, LaporanLkip, RingkasanLkip


@dataclass(frozen=True)
class Sumber:
    """The input of one office and year, and the district the office belongs to."""

    masukan: Masukan
    kode_wilayah: str | None  # None: the provincial office (province-wide)


def sumber_masukan(
    session: Session, perangkat_daerah: str, tahun: int, ktx: Konteks | None = None
) -> Sumber | None:
    """The report's input for an office and year from the database, or None when the office
    is unknown or has neither a budget nor indicators that year. With `ktx`, a district
    operator reads only its own district's office (404 for the others), checked before
    anything is read."""
    pd = sumber.perangkat_daerah(session, perangkat_daerah)
    if pd is None:
        return None
    nama, kode_wilayah = pd
    if ktx is not None:
        pastikan_baca(ktx.pelaku, kode_wilayah, "laporan")
    masukan = sumber.masukan(session, perangkat_daerah, nama, kode_wilayah, tahun)
    return None if masukan is None else Sumber(masukan, kode_wilayah)


def laporan_lkip(session: Session, ktx: Konteks, perangkat_daerah: str, tahun: int) -> LaporanLkip:
    """Bab III of the office's LKIP for the year; 404 when there is no data for it."""
    ada = sumber_masukan(session, perangkat_daerah, tahun, ktx)
    if ada is None:
        raise Masalah(
            404,
            f"Data LKIP perangkat daerah '{perangkat_daerah}' tahun {tahun} belum tersedia.",
        )
    return bab3.susun(ada.masukan)


def ringkasan_lkip(session: Session, ktx: Konteks, tahun: int) -> RingkasanLkip:
    """Every office with IKU or a budget in the year that the caller may see, one row each,
    and their total; an empty list (200) when no office has data for the year."""
    aktor = ktx.pelaku
    data = sumber.data_semua_kantor(
        session, tahun, lambda kode_wilayah: boleh_akses_wilayah(aktor, kode_wilayah)
    )
    return ringkasan.susun(
        tahun,
        data,
        sumber.label_sumber_target(SumberTarget.PK, tahun),
        terbatas=lingkup_wilayah(aktor) is not None,
    )


def render_ringkasan(r: RingkasanLkip) -> bytes:
    return render_xlsx.render_ringkasan(r)


def nama_berkas_ringkasan(r: RingkasanLkip) -> str:
    return f"lkip-ringkasan-{r.tahun}.xlsx"


MEDIA = {
    Format.JSON: "application/json",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.HTML: "text/html; charset=utf-8",
    Format.PDF: "application/pdf",
}


def nama_berkas(laporan: LaporanLkip, format_: Format) -> str:
    return f"lkip-{laporan.perangkat_daerah}-{laporan.tahun}.{format_.value}"


def render(laporan: LaporanLkip, format_: Format) -> bytes:
    """The report in a download format (XLSX, HTML or PDF); 503 when Chromium is missing."""
    if format_ is Format.XLSX:
        return render_xlsx.render(laporan)
    html = render_html.render(laporan)
    if format_ is Format.HTML:
        return html.encode("utf-8")
    if format_ is Format.PDF:
        try:
            return render_pdf.pdf(html)
        except render_pdf.ChromiumTidakTersediaError as exc:
            raise Masalah(
                503,
                "PDF belum dapat dibuat karena Chromium (pencetak PDF) tidak tersedia di server. "
                "Gunakan format=html atau format=xlsx.",
                jenis="pdf-tidak-tersedia",
            ) from exc
    raise ValueError(f"format {format_} is not a download")
