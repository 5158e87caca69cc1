"""core/tabel_aman: no withheld count of a table can be worked out from what is shown."""

from __future__ import annotations

import itertools
import random

import pytest

from dinsos_api.core.tabel_aman import Kunci, dengan_total, tampilkan, tersembunyi

BATAS = 5


def _ambigu(tabel: dict[Kunci, int], sembunyi: set[Kunci]) -> set[Kunci]:
    """The withheld cells an attacker cannot pin down: those that some other filling of the
    withheld cells changes, with every shown total kept and every cell at least 1 (an empty
    cell is not shown). Fillings differ by -1, 0 or +1 per cell, as along a cycle of rows and
    columns; that finds an ambiguity, and never claims one that is not there."""
    sel = [k for k in sembunyi if None not in k]
    tampak = {k for k in tabel if k not in sembunyi and None in k}
    garis = {
        total: [k for k in sel if (total[1] is None and k[0] == total[0] and total[0] is not None)
                or (total[0] is None and k[1] == total[1] and total[1] is not None)
                or total == (None, None)]
        for total in tampak
    }  # fmt: skip
    ambigu: set[Kunci] = set()
    for geser in itertools.product((-1, 0, 1), repeat=len(sel)):
        d = dict(zip(sel, geser, strict=True))
        if not any(geser) or any(tabel[k] + d[k] < 1 for k in sel):
            continue
        if all(sum(d[k] for k in isi) == 0 for isi in garis.values()):
            ambigu |= {k for k in sel if d[k]}
    return ambigu


def test_one_hidden_cell_in_a_row_is_not_enough() -> None:
    # Category a in three districts: 3 is withheld; with the row total shown, 3 = 55 - 40 - 12.
    tabel = dengan_total({("a", "x"): 3, ("a", "y"): 40, ("a", "z"): 12, ("b", "x"): 20,
                          ("b", "y"): 33, ("b", "z"): 30})  # fmt: skip
    sembunyi = tersembunyi(tabel, BATAS)
    assert ("a", "x") in sembunyi and len(sembunyi) > 1
    assert ("a", "x") in _ambigu(tabel, sembunyi)


def test_two_hidden_cells_adding_up_to_two_are_not_enough() -> None:
    # 1 and 1 withheld in one row: their sum, 2, shows that each is 1.
    tabel = dengan_total({("a", "x"): 1, ("a", "y"): 1, ("a", "z"): 30, ("b", "x"): 20,
                          ("b", "y"): 25, ("b", "z"): 30})  # fmt: skip
    sembunyi = tersembunyi(tabel, BATAS)
    assert {("a", "x"), ("a", "y")} <= _ambigu(tabel, sembunyi)


@pytest.mark.parametrize("benih", range(40))
def test_random_small_tables_keep_every_withheld_count_ambiguous(benih: int) -> None:
    acak = random.Random(benih)
    sel = {
        (b, k): acak.choice([0, 1, 2, 3, 4, 6, 9, 15]) for b, k in itertools.product("abc", "xyz")
    }
    tabel = dengan_total(sel)
    sembunyi = tersembunyi(tabel, BATAS)
    kecil = {k for k, n in tabel.items() if n < BATAS}
    assert kecil <= sembunyi
    assert {k for k in kecil if None not in k} <= _ambigu(tabel, sembunyi), tabel


def _satu_arah(nilai: dict[str, int]) -> dict[Kunci, int]:
    """A one-way table: the groups are the row totals of a table without cells."""
    return {**{(k, None): n for k, n in nilai.items()}, (None, None): sum(nilai.values())}


def test_a_one_way_table_hides_a_second_group_with_a_small_one() -> None:
    tabel = _satu_arah({"p": 3, "q": 50, "r": 60})
    assert tampilkan(tabel, BATAS) == {("p", None): None, ("q", None): None,
                                       ("r", None): 60, (None, None): 113}  # fmt: skip
    assert tersembunyi(_satu_arah({"q": 50, "r": 60}), BATAS) == set()
