"""Workbooks written by hand, part by part, for what openpyxl would never write: millions of
empty rows, a cell larger than Excel allows, rows that reference missing shared strings."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _jenis_isi(teks_bersama: bool) -> str:
    teks = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        f"{teks if teks_bersama else ''}</Types>"
    )


PAKET = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
BUKU = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{NS_R}">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)


def _relasi_buku(teks_bersama: bool) -> str:
    teks = f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f"{teks if teks_bersama else ''}</Relationships>"
    )


AWAL_LEMBAR = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
AKHIR_LEMBAR = "</sheetData></worksheet>"


def sel_teks(alamat: str, teks: str) -> str:
    return f'<c r="{alamat}" t="inlineStr"><is><t>{escape(teks)}</t></is></c>'


def baris_teks(nomor: int, nilai: Sequence[str | None]) -> str:
    """One row of inline-string cells from column A."""
    sel = "".join(
        sel_teks(f"{chr(65 + i)}{nomor}", v) for i, v in enumerate(nilai) if v is not None
    )
    return f'<row r="{nomor}">{sel}</row>'


def buku(
    baris: Iterable[str] | str,
    teks_bersama: Sequence[str] | str | None = None,
    *,
    tingkat: int = 6,
) -> bytes:
    """A workbook whose first sheet's sheetData holds `baris` (XML text, in pieces), with a
    sharedStrings part when `teks_bersama` is given (strings, or the part's XML as is)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=tingkat) as z:
        z.writestr("[Content_Types].xml", _jenis_isi(teks_bersama is not None))
        z.writestr("_rels/.rels", PAKET)
        z.writestr("xl/workbook.xml", BUKU)
        z.writestr("xl/_rels/workbook.xml.rels", _relasi_buku(teks_bersama is not None))
        if teks_bersama is not None:
            if isinstance(teks_bersama, str):
                xml = teks_bersama
            else:
                isi = "".join(f"<si><t>{escape(t)}</t></si>" for t in teks_bersama)
                xml = f'<sst xmlns="{NS}" count="{len(teks_bersama)}">{isi}</sst>'
            z.writestr("xl/sharedStrings.xml", xml)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=False) as lembar:
            lembar.write(AWAL_LEMBAR.encode())
            for potongan in [baris] if isinstance(baris, str) else baris:
                lembar.write(potongan.encode())
            lembar.write(AKHIR_LEMBAR.encode())
    return buf.getvalue()
