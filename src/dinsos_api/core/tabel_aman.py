"""Small counts withheld from a table of counts so that none can be worked out from the rest
(statistical disclosure control; docs/architecture.md, "Who sees what").

Withholding each count below the threshold (primary suppression) is not enough when a table
also shows its totals: a row with one hidden count gives it away by subtraction, and a row
whose hidden counts add up to 2 gives both away (each is at least 1, since an empty cell is
not shown). So more counts are withheld (secondary suppression) until every line of the
table (each row and each column, with its total) that hides anything hides at least two
counts, and hides a sum of at least the threshold. The smallest visible counts go first: they
carry the least information.

A table is a mapping from keys to counts: `(baris, kolom)` for a cell, `(baris, None)` for a
row total, `(None, kolom)` for a column total and `(None, None)` for the grand total. Zero
counts are not cells (a group without records is not shown).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import Any

# (row, column); None stands for a total.
Kunci = tuple[Any, Any]


def dengan_total(sel: Mapping[Kunci, int]) -> dict[Kunci, int]:
    """The cells of a two-way table with its row, column and grand totals added."""
    tabel: dict[Kunci, int] = {}
    for (baris, kolom), n in sel.items():
        if n <= 0:
            continue
        tabel[(baris, kolom)] = n
        for total in ((baris, None), (None, kolom), (None, None)):
            tabel[total] = tabel.get(total, 0) + n
    return tabel


def _garis(tabel: Mapping[Kunci, int]) -> list[tuple[Kunci, list[Kunci]]]:
    """Each line of the table: its total and the entries that add up to it. The totals make
    lines of their own: the row totals add up to the grand total, and so do the column
    totals."""
    baris: dict[Hashable | None, list[Kunci]] = defaultdict(list)
    kolom: dict[Hashable | None, list[Kunci]] = defaultdict(list)
    for b, k in tabel:
        if k is not None:
            baris[b].append((b, k))
        if b is not None:
            kolom[k].append((b, k))
    garis: list[tuple[Kunci, list[Kunci]]] = [((b, None), isi) for b, isi in baris.items()]
    garis += [((None, k), isi) for k, isi in kolom.items()]
    return [(total, isi) for total, isi in garis if total in tabel]


def tersembunyi(tabel: Mapping[Kunci, int], batas: int) -> set[Kunci]:
    """The keys of `tabel` (cells and totals, see `dengan_total`) to withhold: every count
    from 1 to `batas - 1`, and as many more as it takes that none of those can be derived."""
    sembunyi = {k for k, n in tabel.items() if 0 < n < batas}
    garis = _garis(tabel)
    berubah = bool(sembunyi)
    while berubah:
        berubah = False
        for total, isi in garis:
            anggota = [*isi, total]
            tertutup = [k for k in anggota if k in sembunyi]
            if not tertutup:
                continue
            # What subtraction reveals: the sum of the hidden entries of this line.
            jumlah = sum(tabel[k] for k in tertutup if k != total)
            if len(tertutup) >= 2 and (total in sembunyi or jumlah >= batas):
                continue
            calon = sorted(
                (k for k in anggota if k not in sembunyi),
                key=lambda k: (k == total, tabel[k]),
            )
            if calon:
                sembunyi.add(calon[0])
                berubah = True
    return sembunyi


def tampilkan(tabel: Mapping[Kunci, int], batas: int) -> dict[Kunci, int | None]:
    """The table as shown: withheld counts are None."""
    sembunyi = tersembunyi(tabel, batas)
    return {k: None if k in sembunyi else n for k, n in tabel.items()}
