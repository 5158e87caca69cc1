"""kinerja_core: the performance arithmetic of Dinas Sosial Provinsi NTT, exact and explained.

A pure library (standard library only, no I/O) that computes what the office's performance
report (LKIP) prints: achievement (``capaian``), budget absorption (``penyerapan``), efficiency
(``efisiensi``), means, ratios, growth, and the five-level rating of Permendagri 86/2017
(``klasifikasi``: Sangat Baik … Sangat Kurang); it also parses numbers as printed in Indonesian
documents (``parse_angka``) and writes them back (``format_angka``).

Everything is ``Decimal``; ``float`` is refused. Results are unrounded; round on output with
``bulatkan`` (2 places, ROUND_HALF_UP). A missing input or a division by zero gives ``None``;
the ``hitung_*`` variants return a ``Hasil`` that also says why::

    >>> from kinerja_core import bulatkan, capaian, klasifikasi
    >>> bulatkan(capaian(realisasi="88.32", target=90))
    Decimal('98.13')
    >>> klasifikasi("98.13").label
    'Sangat Baik'

"No value" is ``None``, and one rule holds for it through the whole public API: every
function given ``None`` for what it works on (a number, a number as text, a collection of
numbers, a report) returns ``None`` (a ``hitung_*`` function: a ``Hasil`` without a value, with
the reason), never 0 and never an exception, like NaN in pandas. Results chain without
checks in between::

    >>> bulatkan(capaian(5, 0)) is None
    True
    >>> klasifikasi(None) is None
    True

Inside a collection, ``None`` is a blank cell: means and medians skip it, a sum with a blank is
unknown (``None``). Options (``tempat``, ``lokal``, ``arah``, ``metode``, ``skala``, …) are
not values: a wrong option raises, with or without a value.
"""

from kinerja_core.angka import (
    Angka,
    bulatkan,
    format_angka,
    ke_decimal,
    parse_angka,
    parse_angka_atau_kosong,
)
from kinerja_core.periksa import (
    BarisAnggaran,
    BarisEfisiensi,
    BesaranIndikator,
    IndikatorTercetak,
    JenisTemuan,
    KomponenPengukuran,
    Laporan,
    NilaiTercetak,
    PenyebutanTarget,
    PernyataanIndikator,
    PernyataanKriteria,
    PernyataanRasio,
    Rincian,
    RincianJumlah,
    SasaranTercetak,
    TabelAnggaran,
    TabelIku,
    TabelPengukuran,
    Temuan,
    TingkatAnggaran,
    TotalTahunan,
    laporan_dari_dict,
    periksa_laporan,
)
from kinerja_core.rumus import (
    Arah,
    CaraGabung,
    Hasil,
    MetodeTurun,
    cagr,
    capaian,
    efisiensi,
    gabung_komponen,
    hitung_cagr,
    hitung_capaian,
    hitung_efisiensi,
    hitung_gabung_komponen,
    hitung_jumlah,
    hitung_median,
    hitung_penyerapan,
    hitung_pertumbuhan,
    hitung_rasio,
    hitung_rata_rata,
    hitung_rata_rata_pertumbuhan,
    jumlah,
    median,
    penyerapan,
    pertumbuhan,
    rasio,
    rata_rata,
    rata_rata_pertumbuhan,
)
from kinerja_core.skala import (
    SKALA_PERMENDAGRI_86_2017,
    Kriteria,
    Skala,
    klasifikasi,
)

__all__ = [
    "SKALA_PERMENDAGRI_86_2017",
    "Angka",
    "Arah",
    "BarisAnggaran",
    "BarisEfisiensi",
    "BesaranIndikator",
    "CaraGabung",
    "Hasil",
    "IndikatorTercetak",
    "JenisTemuan",
    "KomponenPengukuran",
    "Kriteria",
    "Laporan",
    "MetodeTurun",
    "NilaiTercetak",
    "PenyebutanTarget",
    "PernyataanIndikator",
    "PernyataanKriteria",
    "PernyataanRasio",
    "Rincian",
    "RincianJumlah",
    "SasaranTercetak",
    "Skala",
    "TabelAnggaran",
    "TabelIku",
    "TabelPengukuran",
    "Temuan",
    "TingkatAnggaran",
    "TotalTahunan",
    "bulatkan",
    "cagr",
    "capaian",
    "efisiensi",
    "format_angka",
    "gabung_komponen",
    "hitung_cagr",
    "hitung_capaian",
    "hitung_efisiensi",
    "hitung_gabung_komponen",
    "hitung_jumlah",
    "hitung_median",
    "hitung_penyerapan",
    "hitung_pertumbuhan",
    "hitung_rasio",
    "hitung_rata_rata",
    "hitung_rata_rata_pertumbuhan",
    "jumlah",
    "ke_decimal",
    "klasifikasi",
    "laporan_dari_dict",
    "median",
    "parse_angka",
    "parse_angka_atau_kosong",
    "penyerapan",
    "periksa_laporan",
    "pertumbuhan",
    "rasio",
    "rata_rata",
    "rata_rata_pertumbuhan",
]
