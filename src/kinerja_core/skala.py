"""Rating scales: the five-level Permendagri 86/2017 scale, and any scale defined as data.

A scale is a list of half-open bands with no gaps, from the best to the worst. A value belongs
to the first band (from the highest lower bound down) whose ``batas_bawah <= value``; the last
band has no lower bound and catches everything below, negatives included. Before the lookup
the value is rounded (by default to 2 places, ROUND_HALF_UP), so a scale rates the number
exactly as it is printed. A missing value (``None``) has no rating: ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import overload

from kinerja_core.angka import Angka, bulatkan, ke_decimal

__all__ = ["SKALA_PERMENDAGRI_86_2017", "Kriteria", "Skala", "klasifikasi"]


@dataclass(frozen=True, slots=True)
class Kriteria:
    """One band of a scale: its label, its colour code, and its inclusive lower bound.

    ``batas_bawah=None`` marks the open-ended lowest band.
    """

    label: str
    warna: str
    batas_bawah: Decimal | None

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError("label kriteria tidak boleh kosong")
        if not isinstance(self.warna, str):
            raise TypeError(f"warna kriteria harus str, bukan {type(self.warna).__name__}")
        if self.batas_bawah is not None:
            if not isinstance(self.batas_bawah, Decimal):
                raise TypeError(
                    f"batas_bawah harus Decimal atau None, bukan {type(self.batas_bawah).__name__}"
                    " (gunakan Skala.dari_batas untuk membuat skala dari int atau str)"
                )
            if not self.batas_bawah.is_finite():
                raise ValueError(f"batas_bawah harus angka terhingga, bukan {self.batas_bawah}")


def _kunci_label(label: str) -> str:
    return " ".join(label.split()).casefold()


@dataclass(frozen=True, slots=True)
class Skala:
    """A rating scale: named bands from best to worst, checked on construction.

    Attributes:
        nama: the scale's name.
        sumber: where the scale comes from (a regulation, a table).
        pita: the bands, best first, with strictly descending lower bounds; exactly the last one
            is open-ended (``batas_bawah=None``); labels are unique (ignoring case and spacing).
        tempat: decimal places the value is rounded to (ROUND_HALF_UP) before the lookup;
            ``None`` looks the exact value up.

    Raises:
        ValueError: if the bands leave a gap, overlap, are out of order, or repeat a label.
    """

    nama: str
    sumber: str
    pita: tuple[Kriteria, ...]
    tempat: int | None = 2

    def __post_init__(self) -> None:
        pita = tuple(self.pita)  # accept any sequence; store a tuple
        object.__setattr__(self, "pita", pita)
        if not pita:
            raise ValueError(f"skala {self.nama!r} tidak memiliki kriteria")
        if not all(isinstance(k, Kriteria) for k in pita):
            raise TypeError("pita skala harus berisi objek Kriteria")
        if self.tempat is not None and (isinstance(self.tempat, bool) or self.tempat < 0):
            raise ValueError(f"tempat desimal tidak sah: {self.tempat!r}")

        *berbatas, terbawah = pita
        if terbawah.batas_bawah is not None:
            raise ValueError(
                f"skala {self.nama!r}: kriteria terakhir ({terbawah.label!r}) harus tanpa batas "
                "bawah (batas_bawah=None) agar semua nilai di bawahnya tercakup"
            )
        batas: list[Decimal] = []
        for kriteria in berbatas:
            if kriteria.batas_bawah is None:
                raise ValueError(
                    f"skala {self.nama!r}: hanya kriteria terakhir yang boleh tanpa batas bawah, "
                    f"bukan {kriteria.label!r}"
                )
            batas.append(kriteria.batas_bawah)
        for atas, bawah, kriteria in zip(batas, batas[1:], berbatas[1:], strict=False):
            if not bawah < atas:
                raise ValueError(
                    f"skala {self.nama!r}: batas bawah harus turun tegas dari kriteria terbaik ke "
                    f"terburuk, tetapi {kriteria.label!r} ({bawah}) tidak di bawah {atas}"
                )

        label: set[str] = set()
        for kriteria in pita:
            kunci = _kunci_label(kriteria.label)
            if kunci in label:
                raise ValueError(f"skala {self.nama!r}: label {kriteria.label!r} muncul dua kali")
            label.add(kunci)

    @classmethod
    def dari_batas(
        cls,
        nama: str,
        sumber: str,
        batas: Sequence[tuple[str, str, Angka | None]],
        tempat: int | None = 2,
    ) -> Skala:
        """Build a scale from ``(label, warna, batas_bawah)`` rows, best first.

        Example: ``Skala.dari_batas("Lulus", "contoh", [("Lulus", "Hijau", 60),
        ("Tidak lulus", "Merah", None)])``.
        """
        pita = tuple(
            Kriteria(label, warna, None if bawah is None else ke_decimal(bawah))
            for label, warna, bawah in batas
        )
        return cls(nama=nama, sumber=sumber, pita=pita, tempat=tempat)

    @overload
    def klasifikasi(self, nilai: Angka) -> Kriteria: ...
    @overload
    def klasifikasi(self, nilai: None) -> None: ...

    def klasifikasi(self, nilai: Angka | None) -> Kriteria | None:
        """The band the value falls into, after rounding it to :attr:`tempat` places.

        ``None`` (no value) has no band: the result is ``None``.
        """
        if nilai is None:
            return None
        angka = ke_decimal(nilai) if self.tempat is None else bulatkan(nilai, self.tempat)
        for kriteria in self.pita:
            if kriteria.batas_bawah is None or kriteria.batas_bawah <= angka:
                return kriteria
        raise AssertionError("unreachable: the last band is open-ended")  # pragma: no cover

    def peringkat(self, kriteria: Kriteria) -> int:
        """Rank of a band in this scale: 1 for the best, ``len(pita)`` for the worst."""
        try:
            return self.pita.index(kriteria) + 1
        except ValueError:
            raise ValueError(
                f"kriteria {kriteria.label!r} bukan bagian dari skala {self.nama!r}"
            ) from None

    def cari(self, label: str) -> Kriteria | None:
        """The band with this label (ignoring case and spacing), or ``None``."""
        kunci = _kunci_label(label)
        return next((k for k in self.pita if _kunci_label(k.label) == kunci), None)


SKALA_PERMENDAGRI_86_2017 = Skala.dari_batas(
    nama="Skala Pengukuran Kinerja Permendagri 86/2017",
    sumber="Permendagri 86/2017, LKIP Tabel 3.1",
    batas=[
        ("Sangat Baik", "Hijau Tua", 91),
        ("Baik", "Hijau Muda", 76),
        ("Cukup", "Kuning Tua", 66),
        ("Kurang", "Kuning Muda", 51),
        ("Sangat Kurang", "Merah", None),
    ],
)
"""The five-level performance scale of Permendagri 86/2017, as printed in LKIP Tabel 3.1.

The table prints integer intervals (91 ≤ 100 Sangat Baik, 76 ≤ 90 Baik, 66 ≤ 75 Cukup,
51 ≤ 65 Kurang, ≤ 50 Sangat Kurang) that leave gaps: 90 < x < 91, 75 < x < 76, … Real values
fall in them (90.72, 75.81, 65.44 in LKIP 2024). Gap policy (DESIGN.md; oracle Q1): the value
is first rounded to 2 places half-up, then looked up in half-open bands ≥ 91, ≥ 76, ≥ 66, ≥ 51
and below. So 90.995 → 91.00 → Sangat Baik; 90.994 → 90.99 → Baik; 90.72 → Baik;
75.5 → Cukup; 65.999 → 66.00 → Cukup; 50.995 → 51.00 → Kurang; 50.5 → Sangat Kurang.
Above 100 is Sangat Baik (111.11), negative is Sangat Kurang.

The scale rates performance (capaian). It is not the AKIP evaluation scale: an AKIP score of
76.40 is "BB" there, but Baik here (oracle B21).
"""


@overload
def klasifikasi(nilai: Angka, skala: Skala = SKALA_PERMENDAGRI_86_2017) -> Kriteria: ...
@overload
def klasifikasi(nilai: None, skala: Skala = SKALA_PERMENDAGRI_86_2017) -> None: ...


def klasifikasi(nilai: Angka | None, skala: Skala = SKALA_PERMENDAGRI_86_2017) -> Kriteria | None:
    """Rate a value on a scale (by default Permendagri 86/2017, LKIP Tabel 3.1).

    A missing capaian has no rating: ``klasifikasi(None)`` is ``None`` (never the lowest band),
    as every function of the library gives ``None`` for ``None``. See
    :data:`SKALA_PERMENDAGRI_86_2017` for the rounding and gap policy.
    """
    return skala.klasifikasi(nilai)
