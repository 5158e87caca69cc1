"""Tests for kinerja_core.periksa, the report checker.

Two parts: the 2024 LKIP as printed (tests/fixtures/lkip2024/laporan_2024.json) must give
exactly the discrepancies of the oracle's section (b) that follow from its numbers, and none of
the consistent cases of section (a); then small synthetic reports exercise each kind of finding
both ways.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest

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
from kinerja_core.rumus import Arah, CaraGabung, MetodeTurun
from tests.kinerja_core.lkip2024 import BARIS_P, CEK_S

J = JenisTemuan
D = Decimal
AKAR = Path(__file__).resolve().parents[2]
FIXTURE = AKAR / "tests" / "fixtures" / "lkip2024" / "laporan_2024.json"
DEMO = AKAR / "src" / "dinsos_api" / "demo" / "data" / "lkip2024_laporan.json"
RINGKASAN = "Bab 3.8 (tabel realisasi anggaran, tercetak 'Tabel 3.1')"


def _muat(path: Path = FIXTURE) -> Laporan:
    return laporan_dari_dict(json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal))


@pytest.fixture(scope="module")
def laporan_2024() -> Laporan:
    return _muat()


@pytest.fixture(scope="module")
def temuan_2024(laporan_2024: Laporan) -> list[Temuan]:
    return periksa_laporan(laporan_2024)


# === LKIP 2024: oracle (b) ===================================================================


@dataclass(frozen=True)
class Harapan:
    """An expected finding: oracle id, kind, where, row name (prefix), printed and correct."""

    b: str
    jenis: JenisTemuan
    lokasi: str
    nama: str
    tercetak: str | None = None
    seharusnya: str | None = None
    teks_tercetak: str | None = None
    teks_seharusnya: str | None = None

    def cocok(self, t: Temuan) -> bool:
        return (
            t.jenis is self.jenis
            and t.lokasi == self.lokasi
            and t.nama.startswith(self.nama)
            and t.nilai_tercetak == _d(self.tercetak)
            and t.nilai_seharusnya == _d(self.seharusnya)
            and t.teks_tercetak == self.teks_tercetak
            and t.teks_seharusnya == self.teks_seharusnya
        )


def _d(x: str | None) -> Decimal | None:
    return None if x is None else Decimal(x)


H = Harapan
HARAPAN_2024: tuple[Harapan, ...] = (
    # B1/B2: the capaian column holds realisations; Tabel 3.2 and 3.4 both print it.
    H("B1", J.CAPAIAN_TIDAK_SESUAI, "Tabel 3.2", "Persentase PPKS yang terkases", "100", "111.11"),
    H("B1", J.CAPAIAN_TIDAK_SESUAI, "Tabel 3.4", "Persentase PPKS yang terakses", "100", "111.11"),
    H("B2", J.CAPAIAN_TIDAK_SESUAI, "Tabel 3.2", "Persentase PSKS", "88.32", "98.13"),
    H("B2", J.CAPAIAN_TIDAK_SESUAI, "Tabel 3.4", "Presentase PPKS yang berpart", "88.32", "98.13"),
    H(
        "B3",
        J.KRITERIA_TIDAK_SESUAI,
        "Tabel 3.4",
        "Presentase PPKS yang berpart",
        teks_tercetak="Baik",
        teks_seharusnya="Sangat Baik",
    ),
    H("B4", J.RATA_RATA_TIDAK_SESUAI, "Tabel 3.2", "TOTAL", "94.16", "104.62"),
    H("B4", J.RATA_RATA_TIDAK_SESUAI, "Tabel 3.4", "TOTAL", "94.16", "104.62"),
    H("B5", J.PEMBULATAN_TIDAK_SESUAI, "Tabel 3.6", "jumlah PSKS", "88.32", "88.33"),
    H("B5", J.PEMBULATAN_TIDAK_SESUAI, "Tabel 3.6", "TOTAL", "88.32", "88.33"),
    H("B6", J.TANDA_EFISIENSI_SALAH, "Tabel 3.8", "Program Pemberdayaan Sosial", "2.86", "-2.86"),
    H(
        "B7",
        J.INPUT_EFISIENSI_TIDAK_SESUAI,
        "Bab 3.6.2 (kalimat penutup)",
        "Efisiensi",
        "5.84",
        "16.43",
    ),
    H("B8", J.PERNYATAAN_TIDAK_SESUAI, "Bab IV (Kesimpulan)", "'Persentase PPKS", "94.16", "100"),
    H("B9", J.PERSEN_TIDAK_SESUAI, "Tabel 3.9", "Pengadaan Peralatan dan Mesin", "52", "51.94"),
    H(
        "B10",
        J.PERSEN_TIDAK_SESUAI,
        "Tabel 3.12",
        "PemberianPelayananPenelusuran",
        "77.76",
        "77.97",
    ),
    H(
        "B11",
        J.PERSEN_TIDAK_SESUAI,
        "Tabel 3.14",
        "Pelayanan Dukungan Psikososial",
        "75.78",
        "76.07",
    ),
    H(
        "B12",
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        "Bab 3.7 (uraian program sebelum Tabel 3.9)",
        "Program Penunjang",
        "36157206342",
        "36157205542",
    ),
    H(
        "B12",
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        RINGKASAN,
        "Program Penunjang",
        "36157206342",
        "36157205542",
    ),
    H(
        "B13",
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        "Tabel 3.9",
        "Pengadaan Barang Milik Daerah",
        "15226980000",
        "15226980800",
    ),
    H(
        "B14",
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        "Tabel 3.9",
        "Pemeliharaan Barang Milik Daerah",
        "375298870",
        "375304870",
    ),
    H(
        "B15",
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        "Tabel 3.12",
        "Rehablitasi Sosial Dasar Lanjut Usia",
        "3361872548",
        "3361672548",
    ),
    H(
        "B16",
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        "Bab 3.7 (uraian program sebelum Tabel 3.13)",
        "Program Perlindungan dan Jaminan Sosial",
        "16148586614",
        "16148586674",
    ),
    H(
        "B16",
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        RINGKASAN,
        "Program Perlindungan dan Jaminan Sosial",
        "16148586614",
        "16148586674",
    ),
    H(
        "B17",
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        "Tabel 3.14",
        "Perllindungan Sosial Korban",
        "331506175",
        "331306175",
    ),
    H(
        "B18",
        J.TOTAL_TIDAK_SESUAI,
        "Ikhtisar Eksekutif; Bab 3.8",
        "Total realisasi",
        "54237655066",
        "54237655006",
    ),
    H(
        "B19",
        J.ANGGARAN_ANTAR_TABEL_BERBEDA,
        "Tabel 2.3",
        "Penunjang Urusan",
        "34704270672",
        "36157206342",
    ),
    H(
        "B19",
        J.ANGGARAN_ANTAR_TABEL_BERBEDA,
        "Tabel 2.3",
        "Rehabilitasi Sosial",
        "15337979830",
        "13885044160",
    ),
    H("B20", J.RATA_RATA_TIDAK_SESUAI, "Tabel 3.7 (tahun sebelumnya)", "TOTAL", "92.13", "96.07"),
    H(
        "B21",
        J.KRITERIA_TIDAK_SESUAI,
        "Bab 1.8",
        "Nilai AKIP",
        teks_tercetak="Sangat Baik",
        teks_seharusnya="Baik",
    ),
    # B22: 100 % physical realisation with no spending, five rows.
    *(
        H("B22", J.REALISASI_FISIK_TANPA_REALISASI_KEUANGAN, lokasi, nama, "100", "0")
        for lokasi, nama in (
            ("Tabel 3.9", "Penyediaan Bahan Bacaan"),
            (
                "Tabel 3.12",
                "Koordinasi dan Sinkronisasi Pelaksanaan Bidang Rehabilitasi Dasar Anak",
            ),
            ("Tabel 3.12", "Pemberian Bimbingan Fisik"),
            ("Tabel 3.12", "Fasilitasi Pembuatan Nomor Induk Kependudukan, KTP"),
            (
                "Tabel 3.12",
                "Koordinasi dan Sinkronisasi Pelaksanaan Bidang Rehabilitasi Dasar bagi",
            ),
        )
    ),
    # B23: blank cells; the summary table prints the kegiatan's realisation.
    H("B23", J.NILAI_KOSONG, "Tabel 3.9", "Adminitrasi Keuangan", seharusnya="14718926599"),
    H("B23", J.NILAI_KOSONG, "Tabel 3.9", "Penyediaan Gaji dan Tunjangan ASN"),
    H("B24", J.KOMPOSISI_TIDAK_SEPADAN, "Tabel 3.6", "jumlah PSKS", "88.32", "49.42"),
    H(
        "B25",
        J.PENYEBUT_BERBEDA_DARI_RENCANA,
        "Tabel 3.5",
        "jumlah penduduk miskin",
        "100",
        "65.67",
    ),
    H("B26", J.JUMLAH_RINCIAN_TIDAK_SESUAI, "Bab 3.4.2 (10)", "Warga negara migran", "42", "40"),
    H(
        "B27",
        J.TARGET_ANTAR_TABEL_BERBEDA,
        "Tabel 2.1, Tabel 3.3, Tabel 2.5",
        "Persentase peningkatan mutu layanan",
        "80",
        "90",
    ),
    H(
        "B27",
        J.TARGET_ANTAR_TABEL_BERBEDA,
        "Tabel 2.6, Tabel 2.7, Tabel 2.8",
        "persentase aksesibilitas",
        "100",
        "90",
    ),
    H(
        "B27",
        J.TARGET_ANTAR_TABEL_BERBEDA,
        "Tabel 2.8",
        "persentase peningkatan kualitas",
        "80",
        "100",
    ),
    H("B29", J.PERSEN_TIDAK_SESUAI, "Bab 1.4.1", "Pegawai berpendidikan S1", "53.1", "53.2"),
    H("B29", J.PERSEN_TIDAK_SESUAI, "Bab 1.4.1", "Pegawai berpendidikan SLTA", "31.7", "31.6"),
)

# B28 (conflicting formula texts) carries no numbers and is not detected.
B_TERDETEKSI = sorted({h.b for h in HARAPAN_2024}, key=lambda b: int(b[1:]))


def test_b_yang_terdeteksi() -> None:
    wajib = {f"B{n}" for n in (*range(1, 8), *range(9, 21), 22, 23, 27)}
    opsional = {"B8", "B21", "B24", "B25", "B26", "B29"}
    assert set(B_TERDETEKSI) == wajib | opsional


@pytest.mark.parametrize("b", B_TERDETEKSI)
def test_lkip2024_temuan_oracle_b(b: str, temuan_2024: list[Temuan]) -> None:
    for harapan in (h for h in HARAPAN_2024 if h.b == b):
        cocok = [t for t in temuan_2024 if harapan.cocok(t)]
        assert len(cocok) == 1, (harapan, [t for t in temuan_2024 if t.jenis is harapan.jenis])
        t = cocok[0]
        assert t.penjelasan
        if t.nilai_tercetak is not None and t.nilai_seharusnya is not None:
            assert t.selisih == t.nilai_tercetak - t.nilai_seharusnya


def test_lkip2024_tepat_temuan_yang_diharapkan(temuan_2024: list[Temuan]) -> None:
    """No false positives: every finding is one of the oracle's, each found exactly once."""
    tak_terduga = [t for t in temuan_2024 if not any(h.cocok(t) for h in HARAPAN_2024)]
    assert tak_terduga == []
    assert len(temuan_2024) == len(HARAPAN_2024) == 43


def test_lkip2024_tanpa_positif_palsu_baris_p(temuan_2024: list[Temuan]) -> None:
    """Oracle (a) A.3: none of the 135 consistent budget percentages is reported (P1–P135)."""
    assert len(BARIS_P) == 135
    persen = {
        (t.nama, t.nilai_tercetak)
        for t in temuan_2024
        if t.jenis in (J.PERSEN_TIDAK_SESUAI, J.PEMBULATAN_TIDAK_SESUAI)
    }
    for b in BARIS_P:
        assert (b.name, Decimal(b.printed_percent)) not in persen, b


def test_lkip2024_tanpa_positif_palsu_cek_s(temuan_2024: list[Temuan]) -> None:
    """Oracle (a) A.4: none of the 52 sums that hold is reported (S1–S52)."""
    assert len(CEK_S) == 52
    jumlah = {
        (t.nama, t.nilai_tercetak) for t in temuan_2024 if t.jenis is J.JUMLAH_ANAK_TIDAK_SESUAI
    }
    for cek in CEK_S:
        assert (cek.parent, Decimal(cek.parent_value)) not in jumlah, cek


def test_lkip2024_fixture_memuat_semua_baris(laporan_2024: Laporan) -> None:
    """The fixture carries every row, so "no false positive" covers every case."""
    rincian, ringkasan, pk = laporan_2024.anggaran
    assert len(rincian.baris) == 116 and len(ringkasan.baris) == 24 and len(pk.baris) == 7
    diperiksa = [
        b
        for t in (rincian, ringkasan)
        for b in t.baris
        if b.pagu is not None and b.realisasi is not None and b.persen_tercetak is not None
    ]
    assert len(diperiksa) == 135 + 3  # P1–P135 and B9–B11
    tingkat = [b.tingkat for b in rincian.baris]
    assert (tingkat.count(TingkatAnggaran.PROGRAM), tingkat.count(TingkatAnggaran.KEGIATAN)) == (
        7,
        17,
    )
    assert tingkat.count(TingkatAnggaran.SUB_KEGIATAN) == 92  # '7 Program, 17 Kegiatan, 92 Sub'


def test_lkip2024_urutan_tetap(laporan_2024: Laporan, temuan_2024: list[Temuan]) -> None:
    assert periksa_laporan(laporan_2024) == temuan_2024
    urutan = [next(h.b for h in HARAPAN_2024 if h.cocok(t)) for t in temuan_2024]
    # Sections in the order of Laporan's fields: IKU tables first, staff shares last.
    assert urutan[:3] == ["B1", "B2", "B4"] and urutan[-2:] == ["B29", "B29"]


def test_lkip2024_penjelasan_menyebut_angka(temuan_2024: list[Temuan]) -> None:
    b1 = next(t for t in temuan_2024 if HARAPAN_2024[0].cocok(t))
    assert b1.penjelasan.startswith(
        "Capaian dicetak 100, padahal realisasi 100 ÷ target 90 × 100 = 111,11."
    )
    b7 = next(t for t in temuan_2024 if t.jenis is J.INPUT_EFISIENSI_TIDAK_SESUAI)
    assert "88,32" in b7.penjelasan and "77,73" in b7.penjelasan and "16,43" in b7.penjelasan
    b12 = next(t for t in temuan_2024 if t.jenis is J.JUMLAH_ANAK_TIDAK_SESUAI)
    assert "36.157.206.342" in b12.penjelasan and "selisih 800" in b12.penjelasan
    b9 = next(t for t in temuan_2024 if t.nama.startswith("Pengadaan Peralatan"))
    assert "pembulatan ke 0 desimal" in b9.penjelasan


def test_demo_sama_dengan_fixture() -> None:
    assert DEMO.read_bytes() == FIXTURE.read_bytes()


def test_pydantic_memvalidasi_bentuk_masukan(laporan_2024: Laporan) -> None:
    """The lead exposes the dataclasses as a FastAPI body: pydantic must build the same input."""
    pydantic = pytest.importorskip("pydantic")
    adapter = pydantic.TypeAdapter(Laporan)
    assert adapter.validate_json(FIXTURE.read_bytes()) == laporan_2024
    # JSON numbers instead of decimal strings give the same findings.
    angka = adapter.validate_python(
        {"anggaran": [{"lokasi": "T", "nama": "t", "baris": [_baris_json(97.1)]}]}
    )
    assert periksa_laporan(angka) == []
    assert "BarisAnggaran" in adapter.json_schema()["$defs"]


def _baris_json(persen: float) -> dict[str, object]:
    return {
        "lokasi": "T",
        "nama": "x",
        "pagu": 2000000,
        "realisasi": 1941900,
        "persen_tercetak": persen,
    }


# === synthetic reports: helpers ================================================================


def _ind(
    target: str | None = "90",
    realisasi: str | None = "100",
    capaian: str | None = None,
    kriteria: str | None = None,
    **lain: object,
) -> IndikatorTercetak:
    return IndikatorTercetak(
        "T",
        str(lain.pop("nama", "indikator")),
        target=_d(target),
        realisasi=_d(realisasi),
        capaian_tercetak=_d(capaian),
        kriteria_tercetak=kriteria,
        **lain,
    )


def _iku(*indikator: IndikatorTercetak, total: str | None = None, **lain: object) -> Laporan:
    sasaran = SasaranTercetak("T", "sasaran", tuple(indikator))
    return Laporan(tabel_iku=(TabelIku("T", "iku", (sasaran,), _d(total), **lain),))


def _ang(*baris: BarisAnggaran, **lain: object) -> Laporan:
    return Laporan(anggaran=(TabelAnggaran("T", "anggaran", tuple(baris), **lain),))


def _b(
    nama: str,
    pagu: str | None,
    realisasi: str | None,
    persen: str | None = None,
    **lain: object,
) -> BarisAnggaran:
    return BarisAnggaran("T", nama, _d(pagu), _d(realisasi), _d(persen), **lain)


def _jenis(laporan: Laporan, **opsi: object) -> list[JenisTemuan]:
    return [t.jenis for t in periksa_laporan(laporan, **opsi)]


# === capaian, kriteria and means =============================================================


def test_laporan_kosong() -> None:
    assert periksa_laporan(Laporan()) == []


def test_capaian_dicetak_benar() -> None:
    assert _jenis(_iku(_ind(capaian="111.11", kriteria="Sangat Baik"))) == []


def test_capaian_dicetak_realisasi() -> None:
    (t,) = periksa_laporan(_iku(_ind(capaian="100")))
    assert (t.jenis, t.nilai_seharusnya, t.selisih) == (
        J.CAPAIAN_TIDAK_SESUAI,
        D("111.11"),
        D("-11.11"),
    )
    assert "kolom capaian tampaknya berisi realisasi" in t.penjelasan


def test_capaian_indikator_turun() -> None:
    # (2 × 10 − 8) / 10 × 100 = 120; the ratio method gives 10 / 8 × 100 = 125.
    turun = {"arah": Arah.TURUN}
    assert _jenis(_iku(_ind("10", "8", "120", **turun))) == []
    (t,) = periksa_laporan(_iku(_ind("10", "8", "80", **turun)))
    assert (t.jenis, t.nilai_seharusnya) == (J.CAPAIAN_TIDAK_SESUAI, D("120.00"))
    assert "indikator turun" in t.penjelasan
    rasio = {"arah": Arah.TURUN, "metode_turun": MetodeTurun.RASIO}
    assert _jenis(_iku(_ind("10", "8", "125", **rasio))) == []


def test_capaian_dari_pengukuran_tanpa_pembulatan_diterima() -> None:
    """98.14 (from the unrounded 227/257) is as acceptable as 98.13 (from 88.32), oracle B2."""
    ukur = TabelPengukuran("U", "ukur", (KomponenPengukuran("U", "k", D(227), D(257)),), kode="I")
    for dicetak in ("98.13", "98.14"):
        laporan = replace(_iku(_ind("90", "88.32", dicetak, kode="I")), pengukuran=(ukur,))
        jenis = _jenis(laporan)
        assert J.CAPAIAN_TIDAK_SESUAI not in jenis and J.PEMBULATAN_TIDAK_SESUAI not in jenis
        # The truncated realisation itself does not match the measurement (oracle B5).
        assert jenis == [J.NILAI_ANTAR_TABEL_BERBEDA]
    # Without the measurement, 98.14 is not the rounding of 88.32 / 90 × 100 = 98.1333.
    assert _jenis(_iku(_ind("90", "88.32", "98.14"))) == [J.PEMBULATAN_TIDAK_SESUAI]


def test_capaian_target_nol() -> None:
    (t,) = periksa_laporan(_iku(_ind("0", "5", "100")))
    assert t.jenis is J.TIDAK_DAPAT_DIHITUNG and "target bernilai 0" in t.penjelasan


def test_kriteria() -> None:
    assert _jenis(_iku(_ind("90", "88.32", "98.13", "Sangat Baik"))) == []
    (t,) = periksa_laporan(_iku(_ind("90", "88.32", "98.13", "Baik")))
    assert (t.jenis, t.teks_tercetak, t.teks_seharusnya) == (
        J.KRITERIA_TIDAK_SESUAI,
        "Baik",
        "Sangat Baik",
    )
    # Case and spacing do not matter; a label the scale does not know is named as such.
    assert _jenis(_iku(_ind("90", "88.32", "98.13", " sangat  baik "))) == []
    (t,) = periksa_laporan(_iku(_ind("90", "88.32", "98.13", "BB")))
    assert "tidak ada pada skala" in t.penjelasan


def test_rata_rata_total() -> None:
    a, b = _ind(capaian="111.11"), _ind("90", "88.32", "98.13")
    assert _jenis(_iku(a, b, total="104.62")) == []
    (t,) = periksa_laporan(_iku(a, b, total="94.16"))
    assert (t.jenis, t.nilai_seharusnya) == (J.RATA_RATA_TIDAK_SESUAI, D("104.62"))
    # Capped at 100 before averaging, when the report says so (DESIGN.md: off by default).
    assert _jenis(_iku(a, b, total="99.07", batas_atas=D(100))) == []


def test_rata_rata_dari_nilai_bulat_diterima() -> None:
    """(100 + 98.1298) / 2 = 99.0649 → 99.06; the rounded parts give 99.065 → 99.07: both ok."""
    a, b = _ind("100", "100", "100"), _ind("100", "98.1298", "98.13")
    assert _jenis(_iku(a, b, total="99.06")) == []
    assert _jenis(_iku(a, b, total="99.07")) == []
    assert _jenis(_iku(a, b, total="99.08")) == [J.RATA_RATA_TIDAK_SESUAI]


def test_rata_rata_beberapa_sasaran_dan_kriteria_total() -> None:
    s1 = SasaranTercetak("T", "s1", (_ind("100", "100", "100"),), D(100), "Sangat Baik")
    s2 = SasaranTercetak("T", "s2", (_ind("100", "70", "70"),), D(70), "Cukup")
    iku = TabelIku("T", "iku", (s1, s2), D(85), "Baik")
    assert _jenis(Laporan(tabel_iku=(iku,))) == []
    salah = replace(iku, total_tercetak=D(80), kriteria_total_tercetak="Sangat Baik")
    assert _jenis(Laporan(tabel_iku=(salah,))) == [
        J.RATA_RATA_TIDAK_SESUAI,
        J.KRITERIA_TIDAK_SESUAI,
    ]
    s2_salah = replace(s2, capaian_tercetak=D(75))
    assert _jenis(Laporan(tabel_iku=(replace(iku, sasaran=(s1, s2_salah)),))) == [
        J.RATA_RATA_TIDAK_SESUAI
    ]


def test_indikator_tanpa_nilai_dilewati_bukan_nol() -> None:
    """A blank indicator is reported and left out of the mean (mean(100, 0) would be 50)."""
    kosong = _ind("90", None, nama="kosong")
    t = periksa_laporan(_iku(_ind("100", "100", "100"), kosong, total="100"))
    assert [x.jenis for x in t] == [J.NILAI_KOSONG]
    assert t[0].nama == "kosong"
    assert _jenis(_iku(kosong)) == [J.NILAI_KOSONG, J.NILAI_KOSONG]  # indicator and goal


def test_realisasi_berbeda_dengan_tabel_pengukuran() -> None:
    ukur = TabelPengukuran(
        "Tabel U", "u", (KomponenPengukuran("U", "k", D(9), D(10), D(90)),), D(90), kode="I"
    )
    benar = replace(_iku(_ind("90", "90", "100", kode="I")), pengukuran=(ukur,))
    assert _jenis(benar) == []
    salah = replace(_iku(_ind("90", "95", "105.56", kode="I")), pengukuran=(ukur,))
    (t,) = periksa_laporan(salah)
    assert (t.jenis, t.nilai_seharusnya) == (J.NILAI_ANTAR_TABEL_BERBEDA, D(90))


# === measurement tables ======================================================================


def _ukur(*komponen: KomponenPengukuran, total: str | None, **lain: object) -> Laporan:
    return Laporan(pengukuran=(TabelPengukuran("U", "ukur", komponen, _d(total), **lain),))


def _k(a: str, b: str, persen: str | None, **lain: object) -> KomponenPengukuran:
    return KomponenPengukuran("U", f"{a}/{b}", D(a), D(b), _d(persen), **lain)


def test_pengukuran_pembulatan() -> None:
    assert _jenis(_ukur(_k("227", "257", "88.33"), total="88.33")) == []
    (t, total) = periksa_laporan(_ukur(_k("227", "257", "88.32"), total="88.32"))
    assert (t.jenis, t.nilai_seharusnya) == (J.PEMBULATAN_TIDAK_SESUAI, D("88.33"))
    assert "88,3268" in t.penjelasan
    assert total.jenis is J.PEMBULATAN_TIDAK_SESUAI and total.nama.startswith("TOTAL")


def test_pengukuran_cara_gabung() -> None:
    # Mean of ratios (100 + 50) / 2 = 75; pooled (10 + 10) / (10 + 20) = 66.67.
    k1, k2 = _k("10", "10", "100"), _k("10", "20", "50")
    assert _jenis(_ukur(k1, k2, total="75")) == []  # unspecified: either is accepted
    assert _jenis(_ukur(k1, k2, total="66.67")) == []
    assert _jenis(_ukur(k1, k2, total="75", cara_gabung=CaraGabung.RATA_RATA)) == []
    assert _jenis(_ukur(k1, k2, total="75", cara_gabung=CaraGabung.GABUNGAN)) == [
        J.TOTAL_TIDAK_SESUAI
    ]
    assert _jenis(_ukur(k1, k2, total="70", cara_gabung=CaraGabung.RATA_RATA)) == [
        J.RATA_RATA_TIDAK_SESUAI
    ]


def test_pengukuran_komponen_kosong() -> None:
    kosong = KomponenPengukuran("U", "k", D(5), None, D(100))
    assert _jenis(_ukur(kosong, _k("1", "1", "100"), total="100")) == [J.NILAI_KOSONG]


def test_komposisi_pembilang_penyebut() -> None:
    """Oracle B24: 100 penyuluh sosial in the numerator only; like for like 127/257 = 49.42."""
    atas = (Rincian("TAGANA", D(55)), Rincian("TKSK", D(72)), Rincian("penyuluh sosial", D(100)))
    bawah = (Rincian("TKSK", D(149)), Rincian("TAGANA", D(108)))
    k = _k("227", "257", "88.33", rincian_pembilang=atas, rincian_penyebut=bawah)
    (t,) = periksa_laporan(_ukur(k, total=None))
    assert (t.jenis, t.nilai_seharusnya) == (J.KOMPOSISI_TIDAK_SEPADAN, D("49.42"))
    assert "penyuluh sosial 100" in t.penjelasan
    sepadan = replace(k, pembilang=D(127), persen_tercetak=D("49.42"), rincian_pembilang=atas[:2])
    assert _jenis(_ukur(sepadan, total=None)) == []


def test_rincian_pembilang_tidak_menjumlah() -> None:
    atas = (Rincian("a", D(5)), Rincian("b", D(4)))
    k = _k("10", "10", "100", rincian_pembilang=atas)
    (t,) = periksa_laporan(_ukur(k, total=None))
    assert (t.jenis, t.nilai_tercetak, t.nilai_seharusnya) == (
        J.JUMLAH_RINCIAN_TIDAK_SESUAI,
        D(10),
        D(9),
    )


def test_komposisi_kategori_hanya_di_penyebut() -> None:
    atas = (Rincian("TKSK", D(72)),)
    bawah = (Rincian("TKSK", D(149)), Rincian("TAGANA", D(108)))
    k = _k("72", "257", "28.02", rincian_pembilang=atas, rincian_penyebut=bawah)
    (t,) = periksa_laporan(_ukur(k, total=None))
    assert (t.jenis, t.nilai_seharusnya) == (J.KOMPOSISI_TIDAK_SEPADAN, D("48.32"))
    assert "penyebut memuat TAGANA 108 yang tidak ada di pembilang" in t.penjelasan


def test_penyebut_berbeda_dari_rencana() -> None:
    (t,) = periksa_laporan(_ukur(_k("220", "220", "100", penyebut_rencana=D(335)), total=None))
    assert (t.jenis, t.nilai_seharusnya) == (J.PENYEBUT_BERBEDA_DARI_RENCANA, D("65.67"))
    assert _jenis(_ukur(_k("220", "220", "100", penyebut_rencana=D(220)), total=None)) == []


# === comparison across years ==================================================================


def test_total_tahunan() -> None:
    def total(dicetak: str, *nilai: str | None) -> Laporan:
        isi = tuple(NilaiTercetak("T5", f"i{n}", _d(x)) for n, x in enumerate(nilai))
        return Laporan(perbandingan_tahun=(TotalTahunan("T7", "TOTAL", 2023, D(dicetak), isi),))

    (t,) = periksa_laporan(total("92.13", "92.13", "100"))
    assert (t.jenis, t.nilai_seharusnya) == (J.RATA_RATA_TIDAK_SESUAI, D("96.07"))  # oracle B20
    assert _jenis(total("96.07", "92.13", "100")) == []
    # '-' is missing, not 0: mean(92.13) = 92.13, not mean(92.13, 0) = 46.07 (oracle B20).
    assert _jenis(total("92.13", "92.13", None)) == [J.NILAI_KOSONG]
    assert _jenis(total("46.07", "92.13", None)) == [J.NILAI_KOSONG, J.RATA_RATA_TIDAK_SESUAI]


# === efficiency ===============================================================================


def _ef(c: str | None, s: str | None, e: str | None, **lain: object) -> BarisEfisiensi:
    return BarisEfisiensi("Tabel 3.8", "program", _d(c), _d(s), _d(e), **lain)


def test_efisiensi_bertanda() -> None:
    assert _jenis(Laporan(efisiensi=(_ef("88.32", "91.18", "-2.86"),))) == []
    assert _jenis(Laporan(efisiensi=(_ef("100", "93.03", "6.97"),))) == []  # A17, no float
    (t,) = periksa_laporan(Laporan(efisiensi=(_ef("88.32", "91.18", "2.86"),)))
    assert (t.jenis, t.nilai_seharusnya) == (J.TANDA_EFISIENSI_SALAH, D("-2.86"))
    assert "negatif" in t.penjelasan
    (t,) = periksa_laporan(Laporan(efisiensi=(_ef("88.32", "91.18", "3"),)))
    assert t.jenis is J.EFISIENSI_TIDAK_SESUAI
    assert _jenis(Laporan(efisiensi=(_ef(None, "91.18", "3"),))) == [J.NILAI_KOSONG]


def test_efisiensi_masukan_dari_tabel_lain() -> None:
    iku = _iku(_ind("90", "88.32", "88.32", kode="I")).tabel_iku
    ang = (TabelAnggaran("T", "a", (_b("program", "100", "91", "91.00", kode="2"),)),)
    benar = _ef("88.32", "91.00", "-2.68", kode_indikator="I", kode_anggaran="2")
    laporan = Laporan(tabel_iku=iku, anggaran=ang, efisiensi=(benar,))
    jenis = _jenis(laporan)
    assert J.INPUT_EFISIENSI_TIDAK_SESUAI not in jenis  # Tabel 3.8 quotes the printed capaian
    salah = replace(benar, penyerapan_tercetak=D("80"), efisiensi_tercetak=D("8.32"))
    (t,) = [
        x
        for x in periksa_laporan(replace(laporan, efisiensi=(salah,)))
        if x.jenis is J.INPUT_EFISIENSI_TIDAK_SESUAI
    ]
    assert (t.nilai_tercetak, t.nilai_seharusnya) == (D("8.32"), D("-2.68"))
    assert "penyerapan 80 tidak sama dengan penyerapan program 91,00 (T)" in t.penjelasan


def test_efisiensi_keseluruhan_memakai_penyerapan_total() -> None:
    """Oracle B7: the overall efficiency must use the total absorption, not IKU2's 88.32."""
    iku = TabelIku("T", "iku", total_tercetak=D("94.16"))
    ang = TabelAnggaran(
        "T",
        "a",
        lokasi_total="Bab 3.8",
        pagu_total_tercetak=D(100),
        persen_total_tercetak=D("77.73"),
    )
    kalimat = _ef("94.16", "88.32", "5.84", keseluruhan=True)
    (t,) = periksa_laporan(Laporan(tabel_iku=(iku,), anggaran=(ang,), efisiensi=(kalimat,)))
    assert (t.jenis, t.nilai_tercetak, t.nilai_seharusnya) == (
        J.INPUT_EFISIENSI_TIDAK_SESUAI,
        D("5.84"),
        D("16.43"),
    )
    benar = replace(kalimat, penyerapan_tercetak=D("77.73"), efisiensi_tercetak=D("16.43"))
    assert _jenis(Laporan(tabel_iku=(iku,), anggaran=(ang,), efisiensi=(benar,))) == []


def test_efisiensi_dengan_pagu_realisasi_sendiri_dan_rujukan_hilang() -> None:
    baris = _ef("100", "93.03", "6.97", pagu=D(1000), realisasi=D(900))
    (t,) = periksa_laporan(Laporan(efisiensi=(baris,)))
    assert (t.jenis, t.nilai_seharusnya) == (J.INPUT_EFISIENSI_TIDAK_SESUAI, D(10))
    hilang = _ef("100", "93.03", "6.97", kode_indikator="X", kode_anggaran="9")
    assert _jenis(Laporan(efisiensi=(hilang,))) == [J.RUJUKAN_TIDAK_DITEMUKAN] * 2


def test_efisiensi_capaian_tidak_sama_dengan_tabel_iku() -> None:
    iku = _iku(_ind("90", "88.32", "88.32", kode="I")).tabel_iku
    baris = _ef("100", "91.18", "8.82", kode_indikator="I")
    (t,) = [
        x
        for x in periksa_laporan(Laporan(tabel_iku=iku, efisiensi=(baris,)))
        if x.jenis is J.INPUT_EFISIENSI_TIDAK_SESUAI
    ]
    assert t.nilai_seharusnya == D("-2.86")
    assert "capaian 100 tidak sama dengan capaian indikator 88,32 (T)" in t.penjelasan


def test_efisiensi_acuan_dihitung_bila_tidak_dicetak() -> None:
    """Without printed totals the references are recomputed from the tables' own numbers."""
    iku = _iku(_ind("100", "90", kode="I"), _ind("100", "100"))  # no printed capaian or total
    ang = TabelAnggaran(
        "T",
        "a",
        (_b("p", "200", "150", kode="2"),),
        pagu_total_tercetak=D(200),
        realisasi_total_tercetak=D(150),
    )
    keseluruhan = _ef("95", "75", "20", keseluruhan=True)
    per_baris = _ef("90", "75", "15", kode_indikator="I", kode_anggaran="2")
    laporan = replace(iku, anggaran=(ang,), efisiensi=(keseluruhan, per_baris))
    jenis = _jenis(laporan)
    assert J.INPUT_EFISIENSI_TIDAK_SESUAI not in jenis and J.RUJUKAN_TIDAK_DITEMUKAN not in jenis
    salah = replace(keseluruhan, capaian_tercetak=D(90), efisiensi_tercetak=D(15))
    (t,) = [
        x
        for x in periksa_laporan(replace(laporan, efisiensi=(salah,)))
        if x.jenis is J.INPUT_EFISIENSI_TIDAK_SESUAI
    ]
    assert t.nilai_seharusnya == D(20)
    assert "rata-rata capaian 95,00 (T)" in t.penjelasan


# === budget tables ============================================================================


def test_persen_anggaran_ties_dan_bilangan_bulat() -> None:
    """Oracle T1–T6 are consistent; B9 ('52' for 51.9446) is not."""
    for pagu, realisasi, dicetak in (
        ("2000000", "1941900", "97.10"),  # T1 97.095
        ("90000000", "85252500", "94.73"),  # T2 94.725
        ("40000000", "35778000", "89.45"),  # T3 89.445
        ("8810000", "8809762", "100"),  # T4 99.9973
        ("3033850000", "3033759750", "100"),  # T5 99.9970
        ("250000", "0", "0"),  # T6
    ):
        assert _jenis(_ang(_b("x", pagu, realisasi, dicetak))) == [], dicetak
    assert _jenis(_ang(_b("x", "2000000", "1941900", "97.09"))) == [J.PEMBULATAN_TIDAK_SESUAI]
    (t,) = periksa_laporan(_ang(_b("x", "37900000", "19687000", "52")))
    assert (t.jenis, t.nilai_seharusnya) == (J.PERSEN_TIDAK_SESUAI, D("51.94"))


def test_toleransi_batas() -> None:
    # '100' printed for 99.99 (difference 0.01) is accepted, for 99.989 (0.011) it is not.
    assert _jenis(_ang(_b("x", "100000", "99990", "100"))) == []
    assert _jenis(_ang(_b("x", "100000", "99989", "100"))) == [J.PERSEN_TIDAK_SESUAI]
    assert _jenis(_ang(_b("x", "100000", "99989", "100")), toleransi=D("0.02")) == []
    assert _jenis(_ang(_b("x", "37900000", "19687000", "52")), toleransi=D("0.1")) == []


def test_pagu_nol() -> None:
    (t,) = periksa_laporan(_ang(_b("x", "0", "0", "0")))
    assert t.jenis is J.TIDAK_DAPAT_DIHITUNG and "pagu bernilai 0" in t.penjelasan


def test_jumlah_anak() -> None:
    induk = _b("induk", "300", "250", "83.33", kode="1")
    a1, a2 = (
        _b("a1", "100", "100", "100", kode="1.1", induk="1"),
        _b("a2", "200", "150", "75", kode="1.2", induk="1"),
    )
    assert _jenis(_ang(induk, a1, a2)) == []
    (t,) = periksa_laporan(_ang(replace(induk, pagu=D(301), persen_tercetak=D("83.06")), a1, a2))
    assert (t.jenis, t.nama, t.nilai_tercetak, t.nilai_seharusnya, t.selisih) == (
        J.JUMLAH_ANAK_TIDAK_SESUAI,
        "induk",
        D(301),
        D(300),
        D(1),
    )
    # Parents may also be named instead of coded.
    b1, b2 = replace(a1, kode=None, induk="induk"), replace(a2, kode=None, induk="induk")
    assert _jenis(_ang(replace(induk, realisasi=D(251), persen_tercetak=D("83.67")), b1, b2)) == [
        J.JUMLAH_ANAK_TIDAK_SESUAI
    ]


def test_realisasi_kosong_bukan_nol_dalam_jumlah() -> None:
    """A blank child makes the sum unknown: no sum finding, only the blank (oracle B23)."""
    induk = _b("induk", "400", "350", "87.50", kode="1")
    anak = (
        _b("a1", "100", "100", "100", induk="1"),
        _b("a2", "200", "200", "100", induk="1"),
        _b("a3", "100", None, None, induk="1"),
    )
    # Read as 0, a3 would make 300 ≠ 350 a sum finding.
    (t,) = periksa_laporan(_ang(induk, *anak))
    assert (t.jenis, t.nama) == (J.NILAI_KOSONG, "a3")
    assert "Realisasi dan persentase tidak dicetak" in t.penjelasan


def test_tabel_tanpa_kolom_realisasi() -> None:
    assert _jenis(_ang(_b("program", "100", None), memuat_realisasi=False)) == []
    assert _jenis(_ang(_b("program", "100", None))) == [J.NILAI_KOSONG]


def test_induk_tidak_ditemukan() -> None:
    assert _jenis(_ang(_b("a", "1", "1", "100", induk="tidak ada"))) == [J.RUJUKAN_TIDAK_DITEMUKAN]


def test_total_anggaran() -> None:
    baris = (_b("p1", "100", "50", "50"), _b("p2", "300", "150", "50"))
    benar = {"pagu_total_tercetak": D(400), "realisasi_total_tercetak": D(200)}
    assert _jenis(_ang(*baris, persen_total_tercetak=D(50), **benar)) == []
    salah = {"pagu_total_tercetak": D(400), "realisasi_total_tercetak": D(260)}
    assert _jenis(_ang(*baris, persen_total_tercetak=D(65), **salah)) == [J.TOTAL_TIDAK_SESUAI]
    assert _jenis(_ang(*baris, persen_total_tercetak=D(51), **benar)) == [J.PERSEN_TIDAK_SESUAI]


def test_realisasi_fisik_tanpa_realisasi_keuangan() -> None:
    def fisik(realisasi: str, persen: str, f: str) -> Laporan:
        return _ang(_b("x", "250000", realisasi, persen, realisasi_fisik=D(f)))

    (t,) = periksa_laporan(fisik("0", "0", "100"))
    assert (t.jenis, t.nilai_tercetak, t.nilai_seharusnya) == (
        J.REALISASI_FISIK_TANPA_REALISASI_KEUANGAN,
        D(100),
        D(0),
    )
    assert _jenis(fisik("100000", "40", "100")) == []
    assert _jenis(fisik("0", "0", "0")) == []


def test_pagu_kosong() -> None:
    (t,) = periksa_laporan(_ang(_b("x", None, "5", "50")))
    assert t.jenis is J.NILAI_KOSONG and t.penjelasan.startswith("Pagu tidak dicetak")


def test_anggaran_antar_tabel() -> None:
    t1 = TabelAnggaran("A", "a", (_b("p", "100", "90", "90", kode="1"),))
    t2 = TabelAnggaran("B", "b", (_b("p", "120", None, kode="1"),), memuat_realisasi=False)
    (t,) = periksa_laporan(Laporan(anggaran=(t1, t2)))
    assert (t.jenis, t.lokasi, t.nilai_tercetak, t.nilai_seharusnya) == (
        J.ANGGARAN_ANTAR_TABEL_BERBEDA,
        "T",
        D(120),
        D(100),
    )
    sama = replace(t2, baris=(_b("p", "100", None, kode="1"),))
    assert _jenis(Laporan(anggaran=(t1, sama))) == []


def test_nilai_kosong_menyebut_tabel_lain() -> None:
    t1 = TabelAnggaran("A", "a", (BarisAnggaran("Tabel 3.9", "keu", D(200), kode="1"),))
    t2 = TabelAnggaran(
        "B", "b", (BarisAnggaran("Bab 3.8", "keu", D(200), D(150), D(75), kode="1"),)
    )
    (t,) = periksa_laporan(Laporan(anggaran=(t1, t2)))
    assert (t.jenis, t.nilai_seharusnya) == (J.NILAI_KOSONG, D(150))
    assert "Bab 3.8 mencetak realisasi 150 (75,00 %)" in t.penjelasan


# === targets, counts and statements ===========================================================


def test_target_antar_tabel() -> None:
    iku = _iku(_ind("90", "88.32", "98.13", kode="I"))
    sama = replace(iku, target_indikator=(PenyebutanTarget("Tabel 2.3", "i", "I", D(90)),))
    assert _jenis(sama) == []
    beda = replace(
        iku,
        target_indikator=(
            PenyebutanTarget("Tabel 2.1", "i", "I", D(80)),
            PenyebutanTarget("Tabel 3.3", "i", "I", D(80)),
            PenyebutanTarget("Tabel 2.3", "i", "I", D(90)),
        ),
    )
    (t,) = periksa_laporan(beda)
    assert (t.jenis, t.lokasi, t.nilai_tercetak, t.nilai_seharusnya) == (
        J.TARGET_ANTAR_TABEL_BERBEDA,
        "Tabel 2.1, Tabel 3.3",
        D(80),
        D(90),
    )


def test_rincian_jumlah() -> None:
    def daftar(total: str, *isi: str | None) -> Laporan:
        rincian = tuple(Rincian(f"r{n}", _d(x)) for n, x in enumerate(isi))
        return Laporan(rincian_jumlah=(RincianJumlah("Bab 3", "migran", D(total), rincian),))

    assert _jenis(daftar("21", "16", "5")) == []
    (t,) = periksa_laporan(daftar("42", "9", "31"))
    assert (t.jenis, t.nilai_seharusnya, t.selisih) == (J.JUMLAH_RINCIAN_TIDAK_SESUAI, D(40), D(2))
    assert _jenis(daftar("42", "9", None)) == [J.NILAI_KOSONG]


def test_pernyataan_indikator() -> None:
    iku = _iku(_ind("90", "100", "111.11", kode="I"), total="111.11")

    def sebut(nilai: str, besaran: BesaranIndikator = BesaranIndikator.REALISASI) -> Laporan:
        return replace(
            iku, pernyataan_indikator=(PernyataanIndikator("Bab IV", "p", "I", D(nilai), besaran),)
        )

    assert _jenis(sebut("100")) == []
    assert _jenis(sebut("111.11", BesaranIndikator.CAPAIAN)) == []
    (t,) = periksa_laporan(sebut("111.11"))
    assert (t.jenis, t.nilai_seharusnya) == (J.PERNYATAAN_TIDAK_SESUAI, D(100))
    assert "total capaian sasaran" in t.penjelasan
    hilang = Laporan(pernyataan_indikator=(PernyataanIndikator("Bab IV", "p", "X", D(1)),))
    assert _jenis(hilang) == [J.RUJUKAN_TIDAK_DITEMUKAN]


def test_pernyataan_kriteria() -> None:
    def kriteria(nilai: str, label: str) -> Laporan:
        return Laporan(
            pernyataan_kriteria=(PernyataanKriteria("Bab 1.8", "AKIP", D(nilai), label),)
        )

    assert _jenis(kriteria("94.16", "Sangat Baik")) == []  # oracle A5
    (t,) = periksa_laporan(kriteria("76.40", "Sangat Baik"))  # oracle B21
    assert (t.jenis, t.teks_seharusnya) == (J.KRITERIA_TIDAK_SESUAI, "Baik")
    assert "AKIP" in t.penjelasan


def test_pernyataan_tanpa_angka() -> None:
    kosong = Laporan(
        pernyataan_rasio=(PernyataanRasio("B", "x", None, D(158), D(5)),),
        pernyataan_indikator=(PernyataanIndikator("B", "p", "I"),),
        rincian_jumlah=(RincianJumlah("B", "r"),),
        perbandingan_tahun=(TotalTahunan("B", "t", 2023, D(1), (NilaiTercetak("B", "i"),)),),
    )
    assert _jenis(kosong) == [J.NILAI_KOSONG, J.NILAI_KOSONG]


def test_pernyataan_rasio_satu_desimal() -> None:
    """Oracle B29: shares printed to 1 place must be the half-up rounding to 1 place."""

    def bagian(a: str, persen: str) -> Laporan:
        return Laporan(
            pernyataan_rasio=(PernyataanRasio("Bab 1.4.1", "x", D(a), D(158), D(persen), 1),)
        )

    for a, dicetak in (("9", "5.7"), ("11", "7"), ("1", "0.6"), ("3", "1.9"), ("84", "53.2")):
        assert _jenis(bagian(a, dicetak)) == [], dicetak
    (t,) = periksa_laporan(bagian("84", "53.1"))
    assert (t.jenis, t.nilai_seharusnya) == (J.PERSEN_TIDAK_SESUAI, D("53.2"))
    (t,) = periksa_laporan(bagian("50", "31.7"))
    assert t.nilai_seharusnya == D("31.6")


# === building the input from plain data =========================================================


def test_dari_dict_sama_dengan_buatan_tangan() -> None:
    data = {
        "tabel_iku": [
            {
                "lokasi": "T",
                "sasaran": [
                    {
                        "lokasi": "T",
                        "nama": "s",
                        "indikator": [
                            {
                                "lokasi": "T",
                                "nama": "i",
                                "target": 90,
                                "realisasi": "88.32",
                                "arah": "turun",
                            }
                        ],
                    }
                ],
            }
        ],
        "anggaran": [
            {
                "lokasi": "A",
                "nama": "a",
                "baris": [{"lokasi": "A", "nama": "b", "tingkat": "program"}],
            }
        ],
    }
    ind = IndikatorTercetak("T", "i", D(90), D("88.32"), arah=Arah.TURUN)
    harapan = Laporan(
        tabel_iku=(TabelIku("T", sasaran=(SasaranTercetak("T", "s", (ind,)),)),),
        anggaran=(
            TabelAnggaran("A", "a", (BarisAnggaran("A", "b", tingkat=TingkatAnggaran.PROGRAM),)),
        ),
    )
    assert laporan_dari_dict(data) == harapan
    assert isinstance(laporan_dari_dict(data).tabel_iku[0].sasaran[0].indikator[0].arah, Arah)


def test_dari_dict_null_adalah_sel_kosong() -> None:
    data = {
        "anggaran": [
            {"lokasi": "A", "nama": "a", "baris": [{"lokasi": "A", "nama": "b", "realisasi": None}]}
        ]
    }
    assert laporan_dari_dict(data).anggaran[0].baris[0].realisasi is None


@pytest.mark.parametrize(
    ("data", "galat", "pesan"),
    [
        (
            {
                "anggaran": [
                    {
                        "lokasi": "A",
                        "nama": "a",
                        "baris": [{"lokasi": "A", "nama": "b", "pagu": 1.5}],
                    }
                ]
            },
            TypeError,
            "laporan.anggaran[0].baris[0].pagu: float",
        ),
        (
            {
                "anggaran": [
                    {
                        "lokasi": "A",
                        "nama": "a",
                        "baris": [{"lokasi": "A", "nama": "b", "pagu": "1.500"}],
                    }
                ]
            },
            None,
            "",
        ),
        (
            {
                "anggaran": [
                    {
                        "lokasi": "A",
                        "nama": "a",
                        "baris": [{"lokasi": "A", "nama": "b", "pagu": "1.500,00"}],
                    }
                ]
            },
            ValueError,
            "pagu",
        ),
        ({"tabel": []}, ValueError, "kolom tidak dikenal tabel"),
        ({"anggaran": {"lokasi": "A"}}, TypeError, "harus berupa daftar"),
        ({"anggaran": [{"nama": "a"}]}, TypeError, "laporan.anggaran[0]"),
        (
            {
                "anggaran": [
                    {
                        "lokasi": "A",
                        "nama": "a",
                        "baris": [{"lokasi": "A", "nama": "b", "tingkat": "bidang"}],
                    }
                ]
            },
            ValueError,
            "tidak dikenal",
        ),
        (
            {"perbandingan_tahun": [{"lokasi": "A", "nama": "a", "tahun": "2023"}]},
            TypeError,
            "bilangan bulat",
        ),
        ({"nama": 5}, TypeError, "harus str"),
    ],
)
def test_dari_dict_galat(
    data: dict[str, object], galat: type[Exception] | None, pesan: str
) -> None:
    if galat is None:
        laporan_dari_dict(data)
        return
    with pytest.raises(galat, match=re.escape(pesan)):
        laporan_dari_dict(data)
