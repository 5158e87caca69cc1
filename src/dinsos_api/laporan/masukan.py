"""The report's input: everything Bab III of an LKIP is computed from, as plain frozen data.

The report is a pure pipeline: `Masukan` -> `bab3.susun` (tables computed by kinerja_core) ->
renderers (JSON, XLSX, HTML, PDF). Where the input comes from is one seam,
`service.sumber_masukan`: today the packaged 2024 data of the province (`sumber.py`), later the
budget (anggaran) and performance-plan (kinerja) services.

Amounts and percentages are exact `Decimal`s; a missing value is `None`, never 0 (a blank
cell read as 0 corrupts sums and means, LKIP 2024 oracle B20/B23). Only sub kegiatan carry
pagu and realisasi: kegiatan and program totals are always derived, so the tree cannot
disagree with itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kinerja_core import Arah, CaraGabung, Laporan, MetodeTurun


@dataclass(frozen=True)
class Komponen:
    """One numerator/denominator pair measuring an indicator (LKIP Tabel 3.5/3.6)."""

    uraian_pembilang: str
    uraian_penyebut: str
    pembilang: Decimal | None
    penyebut: Decimal | None


@dataclass(frozen=True)
class Indikator:
    """A key performance indicator (IKU) of one year.

    Attributes:
        kode: stable key (e.g. "IKU1"), links the indicator to efficiency rows and history.
        sasaran: the strategic goal (sasaran strategis) the indicator belongs to.
        sumber_target: the document the target is taken from (e.g. "Perjanjian Kinerja");
            the seeds show the same indicator with different targets in different documents.
        realisasi: the measured value, when the indicator is measured by a single value.
        komponen: the numerator/denominator pairs, when it is measured by pairs; then the
            realisation is combined from them (`cara_gabung`) and `realisasi` must be None.
    """

    kode: str
    nama: str
    sasaran: str
    target: Decimal | None
    sumber_target: str
    satuan: str = "%"
    arah: Arah = Arah.NAIK
    metode_turun: MetodeTurun | None = None
    realisasi: Decimal | None = None
    komponen: tuple[Komponen, ...] = ()
    cara_gabung: CaraGabung = CaraGabung.RATA_RATA

    def __post_init__(self) -> None:
        if self.komponen and self.realisasi is not None:
            raise ValueError(
                f"indikator {self.kode}: isi realisasi atau komponen pengukuran, bukan keduanya"
            )


@dataclass(frozen=True)
class RiwayatIndikator:
    """An indicator's realisations of earlier years (LKIP Tabel 3.7).

    Attributes:
        nama_sebelumnya: the name the earlier years' indicator had, when it differs (the
            2019–2023 rows of LKIP 2024 pair other indicators with the 2024 ones).
        realisasi: year -> realisation; a year without a value is `None` (printed "-").
    """

    kode: str
    realisasi: tuple[tuple[int, Decimal | None], ...]
    nama_sebelumnya: str | None = None


@dataclass(frozen=True)
class SubKegiatan:
    """A leaf of the budget tree: the only level that holds pagu and realisasi."""

    kode: str
    nama: str
    pagu: Decimal | None
    realisasi: Decimal | None
    realisasi_fisik: Decimal | None = None


@dataclass(frozen=True)
class Kegiatan:
    kode: str
    nama: str
    sub_kegiatan: tuple[SubKegiatan, ...]


@dataclass(frozen=True)
class Program:
    kode: str
    nama: str
    kegiatan: tuple[Kegiatan, ...]


@dataclass(frozen=True)
class EfisiensiProgram:
    """A pairing of an indicator with the budget program that serves it (LKIP Tabel 3.8)."""

    kode_indikator: str
    kode_program: str


@dataclass(frozen=True)
class RealisasiBulanan:
    """Cumulative realisation at the end of a month (1–12), for the S-curve."""

    bulan: int
    realisasi_kumulatif: Decimal
    rencana_kumulatif: Decimal | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.bulan <= 12:
            raise ValueError(f"bulan harus 1–12, bukan {self.bulan}")


@dataclass(frozen=True)
class Masukan:
    """Everything Bab III of one office's LKIP for one year is computed from.

    Attributes:
        batas_atas: cap each capaian at this value before averaging (e.g. 100); off by
            default (DESIGN.md).
        laporan_tercetak: the report as printed, in kinerja_core's checker shape, when there
            is one (e.g. an imported Word report): its discrepancies are listed after the
            tables they are printed in.
        kelengkapan: what the office's data lacks for this year, said in the report (e.g. no
            budget yet, no printed report to check) rather than shown as zeros.
    """

    perangkat_daerah: str
    nama_perangkat_daerah: str
    tahun: int
    indikator: tuple[Indikator, ...]
    program: tuple[Program, ...] = ()
    riwayat: tuple[RiwayatIndikator, ...] = ()
    efisiensi: tuple[EfisiensiProgram, ...] = ()
    realisasi_bulanan: tuple[RealisasiBulanan, ...] = ()
    batas_atas: Decimal | None = None
    laporan_tercetak: Laporan | None = None
    kelengkapan: tuple[str, ...] = ()
