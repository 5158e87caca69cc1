"""Reading workbooks, bounded (core/xlsx_baca.py): the values openpyxl gives, row 1 first, and
every limit refusing as soon as it is passed, with memory that does not grow with the file's
claims."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from contextlib import closing
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from dinsos_api.core.xlsx_baca import (
    MAKS_KARAKTER_SEL,
    BatasXlsx,
    JenisGalat,
    XlsxDitolakError,
    baris_xlsx,
)
from tests.support.xlsx import NS, baris_teks, buku

MIB = 1024 * 1024


def semua(isi: bytes, maks_baris: int = 1_000) -> list[tuple[int, tuple[Any, ...]]]:
    return list(baris_xlsx(isi, BatasXlsx(maks_baris=maks_baris)))


def ditolak(isi: bytes, batas: BatasXlsx | None = None) -> XlsxDitolakError:
    with pytest.raises(XlsxDitolakError) as info:
        for _ in baris_xlsx(isi, batas or BatasXlsx(maks_baris=1_000)):
            pass
    return info.value


def _tanpa_ekor(nilai: tuple[Any, ...]) -> tuple[Any, ...]:
    akhir = len(nilai)
    while akhir and nilai[akhir - 1] is None:
        akhir -= 1
    return nilai[:akhir]


def test_values_are_those_openpyxl_reads() -> None:
    wb = Workbook()
    lembar = wb.active
    assert lembar is not None
    lembar.append(["NIK", "Nama", "Tanggal", "Angka", "Benar", "Rumus"])
    lembar.append(["5301011203850007", "Maria Goreti", date(1950, 7, 5), 3.5, True, "=1+1"])
    lembar.append([])
    lembar.append([None, "x & <y>", datetime(2020, 1, 1, 12, 30), 12345678901234567, False])
    lembar["H7"] = "jauh"
    lembar["A9"] = time(10, 30)
    lembar["B9"] = timedelta(hours=30)
    lembar["C9"] = -1e-5
    buf = io.BytesIO()
    wb.save(buf)
    isi = buf.getvalue()
    harapan = [
        _tanpa_ekor(r)
        for r in load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
        .worksheets[0]
        .iter_rows(values_only=True)
    ]
    dibaca = semua(isi)
    assert [n for n, _ in dibaca] == [1, 2, 4, 7, 9]
    assert [_tanpa_ekor(r) for _, r in dibaca] == [harapan[n - 1] for n, _ in dibaca]
    assert all(harapan[n - 1] == () for n in (3, 5, 6, 8))


def test_shared_and_rich_text_prefixes_and_rows_without_numbers() -> None:
    teks = (
        f'<x:sst xmlns:x="{NS}"><x:si><x:t>a</x:t></x:si>'
        '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>b1</x:t></x:r><x:r><x:t xml:space="preserve"> b2'
        '</x:t></x:r><x:rPh sb="0" eb="1"><x:t>fonetik</x:t></x:rPh></x:si></x:sst>'
    )
    lembar = (
        '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>'
        '<row><c r="B2" t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><v>s</v></c>'
        '<c t="n"><v></v></c></row>'
    )
    assert semua(buku(lembar, teks)) == [(1, ("a", "b1 b2")), (2, (None, True, "#N/A", "s", None))]


def test_row_1_comes_first_even_when_the_sheet_has_none() -> None:
    assert semua(buku(baris_teks(3, ["NIK"]))) == [(1, ()), (3, ("NIK",))]
    assert semua(buku("")) == []


def test_the_header_comes_out_before_any_later_row_is_looked_at() -> None:
    # Row 2 uses a shared string that does not exist, and the sheet breaks off after it.
    isi = buku(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>99</v></c>'
        "</row><row",
        ["NIK"],
    )
    with closing(baris_xlsx(isi, BatasXlsx(maks_baris=10))) as rows:
        assert next(rows) == (1, ("NIK",))
    galat = ditolak(isi)
    assert (galat.jenis, galat.sel) == (JenisGalat.BERKAS, "A2")
    assert "nomor 99" in galat.pesan


def _jejak(fungsi: Any) -> int:
    """Peak Python memory (bytes) while `fungsi` runs."""
    tracemalloc.start()
    try:
        fungsi()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_empty_rows_count_and_reading_stops_at_the_limit_in_flat_memory() -> None:
    isi = buku("<row/>" * 1_000_000, tingkat=9)  # 6 MB of rows in a few kilobytes
    assert len(isi) < 20_000
    dibaca = 0

    def baca() -> None:
        nonlocal dibaca
        with pytest.raises(XlsxDitolakError) as info:
            for _ in baris_xlsx(isi, BatasXlsx(maks_baris=50_000)):
                dibaca += 1
        assert info.value.jenis is JenisGalat.BARIS
        assert "50.000 baris" in info.value.pesan and "baris kosong" in info.value.pesan

    puncak = _jejak(baca)
    assert dibaca == 50_001  # the header and the rows allowed; not one more
    assert puncak < 4 * MIB, puncak


def test_a_row_number_beyond_the_limit_is_refused_on_its_own() -> None:
    galat = ditolak(buku(baris_teks(1, ["NIK"]) + '<row r="1002"/>'))
    assert galat.jenis is JenisGalat.BARIS and galat.baris == 1002


@pytest.mark.parametrize("bersama", [False, True])
def test_a_cell_over_the_size_limit_is_refused_naming_it_in_flat_memory(bersama: bool) -> None:
    besar = "A" * 10_000_000
    if bersama:
        isi = buku(
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
            '<row r="5"><c r="C5" t="s"><v>1</v></c></row>',
            ["NIK", besar],
        )
    else:
        isi = buku(baris_teks(1, ["NIK"]) + baris_teks(5, [None, None, besar]))
    del besar
    galat: list[XlsxDitolakError] = []

    def baca() -> None:
        galat.append(ditolak(isi))

    puncak = _jejak(baca)
    assert (galat[0].jenis, galat[0].sel) == (JenisGalat.SEL, "C5")
    assert galat[0].pesan == "sel C5 terlalu panjang: lebih dari 32.767 karakter"
    assert puncak < 2 * MIB, puncak


def test_a_cell_at_the_size_limit_is_read_and_an_unused_long_shared_string_is_harmless() -> None:
    tepat = "B" * MAKS_KARAKTER_SEL
    isi = buku(
        '<row r="1"><c r="A1" t="s"><v>2</v></c></row>', ["x" * (MAKS_KARAKTER_SEL + 1), "y", tepat]
    )
    assert semua(isi) == [(1, (tepat,))]


def _dengan_lembar(xml: bytes, metode: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A workbook whose sheet part is `xml` exactly (written with `metode`)."""
    biasa = zipfile.ZipFile(io.BytesIO(buku("")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in biasa.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                z.writestr(info.filename, xml, compress_type=metode)
            else:
                z.writestr(info.filename, biasa.read(info.filename))
    return buf.getvalue()


def test_a_part_that_inflates_beyond_the_ratio_is_refused_before_parsing() -> None:
    isi = _dengan_lembar(
        b"<worksheet><sheetData>" + b" " * (20 * MIB) + b"</sheetData></worksheet>"
    )
    galat = ditolak(isi)
    assert "mengembang" in galat.pesan and "xl/worksheets/sheet1.xml" in galat.pesan


def test_a_part_larger_than_the_limit_is_refused_before_parsing() -> None:
    galat = ditolak(
        buku(baris_teks(1, ["NIK"] * 20)), BatasXlsx(maks_baris=10, maks_bytes_bagian=500)
    )
    assert "terlalu besar" in galat.pesan


def test_other_compression_methods_are_refused() -> None:
    galat = ditolak(_dengan_lembar(b"<worksheet/>", zipfile.ZIP_BZIP2))
    assert "tidak didukung" in galat.pesan


def test_a_central_directory_of_thousands_of_entries_is_refused_before_zipfile_reads_it() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for i in range(12_000):
            z.writestr(f"xl/media/{'x' * 50}{i:06d}.bin", b"")
    galat = ditolak(buf.getvalue())
    assert "daftar isinya" in galat.pesan


def test_dtds_are_refused() -> None:
    xml = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData/></worksheet>'
    assert "DTD" in ditolak(_dengan_lembar(xml)).pesan


def test_one_huge_tag_is_refused_before_expat_holds_it() -> None:
    xml = (
        b'<worksheet><sheetData><row r="1" x="' + b"a" * (3 * MIB) + b'"/></sheetData></worksheet>'
    )
    assert "satu tag atau komentar" in ditolak(_dengan_lembar(xml)).pesan


def test_elements_are_bounded_by_the_row_limit() -> None:
    xml = b"<worksheet>" + b"<x/>" * 110_000 + b"<sheetData/></worksheet>"
    galat = ditolak(_dengan_lembar(xml), BatasXlsx(maks_baris=10))
    assert "elemen" in galat.pesan


@pytest.mark.parametrize(
    ("lembar", "pesan"),
    [
        ('<row r="5"/><row r="4"/>', "baris 4 muncul setelah baris 5"),
        ('<row r="1"><c r="A1"><v>1,5</v></c></row>', "sel A1 berisi angka yang tidak sah"),
        ('<row r="1"><c r="B1" t="s"><v>-1</v></c></row>', "sel B1 merujuk teks bersama"),
        ('<row r="1"><c r="1A"><v>1</v></c></row>', "alamat sel '1A' tidak sah"),
        ('<row r="1"><c r="XFE1"><v>1</v></c></row>', "melewati kolom XFD"),
        ('<row r="1"><c r="A1"><v>1</v></c>', "tidak dapat dibaca"),
    ],
)
def test_broken_sheets_are_refused_with_a_reason(lembar: str, pesan: str) -> None:
    galat = ditolak(buku(lembar))
    assert galat.jenis is JenisGalat.BERKAS and pesan in galat.pesan, galat.pesan


def test_what_is_not_a_workbook_is_refused() -> None:
    assert ditolak(b"PK\x03\x04rusak").pesan == "berkas bukan XLSX yang dapat dibaca"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "a")
    assert ditolak(buf.getvalue()).pesan == "berkas bukan XLSX yang dapat dibaca"


def _zip64(isi: bytes, ukuran_direktori: int | None = None) -> bytes:
    """The workbook with a ZIP64 end record (and its locator) before its end record, as a
    writer that always uses ZIP64 leaves it; the directory's size as given."""
    akhir = isi.rfind(b"PK\x05\x06")
    jumlah = int.from_bytes(isi[akhir + 10 : akhir + 12], "little")
    ukuran = int.from_bytes(isi[akhir + 12 : akhir + 16], "little")
    letak = int.from_bytes(isi[akhir + 16 : akhir + 20], "little")
    catatan64 = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, jumlah, jumlah,
        ukuran if ukuran_direktori is None else ukuran_direktori, letak,
    )  # fmt: skip
    penunjuk = struct.pack("<4sLQL", b"PK\x06\x07", 0, akhir, 1)
    return isi[:akhir] + catatan64 + penunjuk + isi[akhir:]


def test_zip64_end_records_are_read_as_zipfile_reads_them() -> None:
    isi = buku(baris_teks(1, ["NIK"]))
    assert semua(_zip64(isi)) == [(1, ("NIK",))]
    assert "daftar isinya" in ditolak(_zip64(isi, 50 * MIB)).pesan
