"""Bab III of the 2024 provincial LKIP against the oracle's correct values (not the misprints).

The input is read from the database (SQLite and PostgreSQL) after the anggaran and kinerja
demos are loaded (conftest.py): the one source of the report. Golden data: tests/fixtures/
laporan/ (the LKIP 2024 extraction and oracle.md). Expected percentages are 2 places half-up
on exact decimals, rounding only on output (oracle Q5); where that differs from an oracle
figure computed from already rounded inputs, the arithmetic is written next to the assertion.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from dinsos_api.laporan import bab3
from dinsos_api.laporan.masukan import (
    EfisiensiProgram,
    Indikator,
    Kegiatan,
    Komponen,
    Masukan,
    Program,
    RealisasiBulanan,
    RiwayatIndikator,
    SubKegiatan,
)
from dinsos_api.laporan.schemas import BarisAnggaran, LaporanLkip

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "laporan"
DATA = Path(bab3.__file__).resolve().parent / "data"
D = Decimal


def _csv() -> list[dict[str, str]]:
    with (FIXTURES / "anggaran.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_printed_report_is_the_golden_copy() -> None:
    nama = "laporan_tercetak_2024.json"
    assert (DATA / nama).read_bytes() == (FIXTURES / nama).read_bytes()


# --- Tabel 3.2/3.4 -------------------------------------------------------------------------------


def test_iku_capaian_and_kriteria(laporan_2024: LaporanLkip) -> None:
    tabel = laporan_2024.tabel_iku
    (sasaran,) = tabel.sasaran
    iku1, iku2 = sasaran.indikator
    # B1: capaian is realisasi / target, 100 / 90 × 100 = 111.11 (not the printed 100).
    assert (iku1.target, iku1.realisasi, iku1.capaian) == (D(90), D(100), D("111.11"))
    assert (iku1.kriteria, iku1.warna) == ("Sangat Baik", "Hijau Tua")
    # B5: the realisation 227 / 257 = 88.3268… is 88.33 half-up (printed truncated 88,32).
    assert iku2.realisasi == D("88.33")
    # B2: from the unrounded realisation, 88.3268… / 90 × 100 = 98.1409… -> 98.14.
    assert iku2.capaian == D("98.14")
    # B3: Sangat Baik (the report printed 'Baik', the rating of 88,32).
    assert iku2.kriteria == "Sangat Baik"
    assert iku1.sumber_target == "Perjanjian Kinerja (PK) 2024"
    # B4 uncapped: (111.111… + 98.1409…) / 2 = 104.626… -> 104.63 (104.62 from rounded 98.13).
    assert sasaran.capaian == tabel.capaian_total == D("104.63")
    assert tabel.kriteria_total == "Sangat Baik"
    # Budget, indicators, history and the printed report are all there: nothing is missing.
    assert laporan_2024.kelengkapan == []
    assert laporan_2024.laporan_tercetak_diperiksa is True


def test_iku_capped_mean(masukan_2024: Masukan) -> None:
    m = replace(masukan_2024, batas_atas=D(100))
    tabel = bab3.tabel_iku(m)
    # B4 capped: (100 + 98.1409…) / 2 = 99.0705 -> 99.07; the indicator keeps its 111.11.
    assert tabel.capaian_total == D("99.07")
    assert tabel.sasaran[0].indikator[0].capaian == D("111.11")
    assert any("dibatasi 100" in c for c in tabel.catatan)


# --- Tabel 3.5/3.6 -------------------------------------------------------------------------------


def test_measurement_tables(laporan_2024: LaporanLkip) -> None:
    t35, t36 = laporan_2024.pengukuran
    assert (t35.nomor, t35.kode, t36.nomor, t36.kode) == ("Tabel 3.5", "IKU1", "Tabel 3.6", "IKU2")
    # A6–A15: ten pairs, each n / n = 100.00; A16: their mean is 100.
    pasangan = [(k.pembilang, k.penyebut, k.persen) for k in t35.komponen]
    assert [p[0] for p in pasangan] == [220, 30667, 22, 21, 40, 270, 137, 50, 2729, 42]
    assert all(a == b and p == D(100) for a, b, p in pasangan)
    assert t35.realisasi == D(100)
    (komponen,) = t36.komponen
    assert (komponen.pembilang, komponen.penyebut, komponen.persen) == (227, 257, D("88.33"))
    assert t36.realisasi == D("88.33")


# --- Tabel 3.7 ---------------------------------------------------------------------------------


def test_previous_year(laporan_2024: LaporanLkip) -> None:
    t = laporan_2024.perbandingan_tahun_lalu
    assert t is not None
    # B20: 2023 total = mean(92.13, 100) = 96.065 -> 96.07 (printed 92,13).
    assert t.total_sebelumnya == D("96.07")
    # 2024: mean(100, 88.3268…) = 94.1634… -> 94.16.
    assert t.total == D("94.16")
    # 94.1634… − 96.065 = −1.9016… -> −1.90.
    assert t.selisih_total == D("-1.90")
    iku1 = t.baris[0]
    # 100 − 92.13 = 7.87 points; (100 − 92.13) / 92.13 × 100 = 8.542… -> 8.54.
    assert (iku1.selisih, iku1.pertumbuhan) == (D("7.87"), D("8.54"))


def test_five_years(laporan_2024: LaporanLkip) -> None:
    t = laporan_2024.perbandingan_lima_tahun
    assert t is not None
    assert t.tahun == [2019, 2020, 2021, 2022, 2023, 2024]
    iku1 = t.baris[0]
    assert [n.nilai for n in iku1.realisasi] == [
        D(100),
        D(100),
        D("96.48"),
        D("76.28"),
        D("92.13"),
        D(100),
    ]
    assert iku1.nama_sebelumnya == "Persentase PMKS yang terakses Perlindungan Sosial"
    # 2021: mean(96.48, 100) = 98.24; 2022: mean(76.28, 100) = 88.14.
    assert [n.nilai for n in t.total] == [
        D(100),
        D(100),
        D("98.24"),
        D("88.14"),
        D("96.07"),
        D("94.16"),
    ]
    # Yearly rates 0, −3.52, −20.9370…, 20.7787…, 8.5423…: sum 4.8640…, mean 0.9728… -> 0.97.
    assert iku1.rata_rata_pertumbuhan == D("0.97")


def test_missing_year_is_not_zero(masukan_2024: Masukan) -> None:
    m = replace(
        masukan_2024,
        riwayat=(
            RiwayatIndikator(kode="IKU1", realisasi=((2023, D("92.13")),)),
            RiwayatIndikator(kode="IKU2", realisasi=((2023, None),)),  # printed '-' (Tabel 2.3)
        ),
    )
    t = bab3.perbandingan_tahun_lalu(m)
    assert t is not None
    # mean over the one value, never mean(92.13, 0) = 46.07 (B20).
    assert t.total_sebelumnya == D("92.13")
    assert t.baris[1].pertumbuhan is None and t.baris[1].selisih is None


# --- Tabel 3.8 -----------------------------------------------------------------------------------


def test_efficiency_per_program(laporan_2024: LaporanLkip) -> None:
    t = laporan_2024.efisiensi
    hasil = {b.program: (b.capaian, b.penyerapan, b.efisiensi) for b in t.baris}
    assert hasil == {
        # 111.111… − 16 148 586 674 / 17 359 347 000 × 100 (93.0252…) = 18.0859… -> 18.09
        "Program Perlindungan dan Jaminan Sosial": (D("111.11"), D("93.03"), D("18.09")),
        # pagu from the sub kegiatan, 13 884 844 160 (B15): 89.0452… ; 111.111… − it = 22.07
        "Program Rehabilitasi Sosial": (D("111.11"), D("89.05"), D("22.07")),
        # 185 818 639 / 299 400 000 = 62.0637… ; 111.111… − it = 49.0474… -> 49.05
        "Program Penanganan Warga Negara Migran Korban Tindak Kekerasan": (
            D("111.11"),
            D("62.06"),
            D("49.05"),
        ),
        # pagu from the sub kegiatan, 331 306 175 (B17): 91.4894… ; 111.111… − it = 19.62
        "Program Penanganan Bencana": (D("111.11"), D("91.49"), D("19.62")),
        # 98.1409… − 1 406 103 000 / 1 542 150 000 × 100 (91.1780…) = 6.9629… -> 6.96
        "Program Pemberdayaan Sosial": (D("98.14"), D("91.18"), D("6.96")),
    }
    # Overall: 104.626… − 77.728… (A22) = 26.898… -> 26.90.
    assert (t.capaian_total, t.penyerapan_total, t.efisiensi_total) == (
        D("104.63"),
        D("77.73"),
        D("26.90"),
    )


def _masukan_kecil(realisasi: Decimal, target: Decimal) -> Masukan:
    program = Program(
        kode="2",
        nama="Program Pemberdayaan Sosial",
        kegiatan=(
            Kegiatan(
                kode="2.1",
                nama="Kegiatan",
                sub_kegiatan=(SubKegiatan("2.1.1", "Sub", D(1542150000), D(1406103000)),),
            ),
        ),
    )
    return Masukan(
        perangkat_daerah="uji",
        nama_perangkat_daerah="Uji",
        tahun=2024,
        indikator=(
            Indikator(
                kode="IKU2",
                nama="PSKS",
                sasaran="S",
                target=target,
                sumber_target="PK",
                realisasi=realisasi,
            ),
        ),
        program=(program,),
        efisiensi=(EfisiensiProgram("IKU2", "2"),),
    )


def test_efficiency_keeps_its_sign() -> None:
    # B6: capaian 88.32 (realisasi 88.32 of target 100) − penyerapan 91.178… = −2.858… -> −2.86.
    t = bab3.tabel_efisiensi(_masukan_kecil(D("88.32"), D(100)))
    (baris,) = t.baris
    assert (baris.capaian, baris.penyerapan, baris.efisiensi) == (
        D("88.32"),
        D("91.18"),
        D("-2.86"),
    )
    assert baris.keterangan == "tidak efisien"


# --- Tabel 3.9–3.15 and the sec 3.8 summary ------------------------------------------------------


def test_budget_tree_shape(laporan_2024: LaporanLkip) -> None:
    assert [t.nomor for t in laporan_2024.anggaran] == [f"Tabel 3.{i}" for i in range(9, 16)]
    tingkat = [b.tingkat for t in laporan_2024.anggaran for b in t.baris]
    # DPA perubahan ke-4: 7 program, 17 kegiatan, 92 sub kegiatan (sec 2.1.4).
    assert (len(laporan_2024.anggaran), tingkat.count("kegiatan")) == (7, 17)
    assert tingkat.count("sub_kegiatan") == 92


def _sub_per_kegiatan(laporan: LaporanLkip) -> dict[tuple[str, str], BarisAnggaran]:
    """Sub kegiatan by (name, parent kegiatan name); names repeat across kegiatan."""
    hasil: dict[tuple[str, str], BarisAnggaran] = {}
    induk = ""
    for t in laporan.anggaran:
        for b in t.baris:
            if b.tingkat == "kegiatan":
                induk = b.nama
            else:
                hasil[(b.nama, induk)] = b
    return hasil


def test_sub_kegiatan_absorption_equals_oracle(laporan_2024: LaporanLkip) -> None:
    """Every sub kegiatan: the oracle's recomputed 2-place half-up value (P rows, T1–T6, B9–B11)."""
    dihitung = _sub_per_kegiatan(laporan_2024)
    assert len(dihitung) == 92
    diperiksa = 0
    for r in _csv():
        if r["level"] != "sub_kegiatan" or not r["recomputed_percent_2dp_half_up"]:
            continue
        b = dihitung[(r["name"], r["parent"])]
        assert (b.pagu, b.realisasi) == (D(r["pagu"]), D(r["realisasi"]))
        assert b.penyerapan == D(r["recomputed_percent_2dp_half_up"]), r["name"]
        diperiksa += 1
    assert diperiksa == 91  # 92 minus the salary line, blank in Tabel 3.9
    nilai = {k: b.penyerapan for k, b in dihitung.items()}
    umum = "Adminitrasi Umum Perangkat Daerah"
    # The ties and edge rows T1–T6 (Decimal half-up on exact values).
    assert nilai[
        (
            "Pengelolaan dan Penyiapan Bahan Tanggapan Pemeriksaan",
            "Adminitrasi Keuangan Perangkat Daerah",
        )
    ] == D("97.10")  # 97.095
    assert nilai[("Penyediaan Bahan Material", umum)] == D("94.73")  # 94.725
    anak = "Rehablitasi Sosial Dasar Anak Terlantar di dalam Panti"
    assert nilai[("Penyediaan Perbekalan Kesehatan dalam Panti", anak)] == D("89.45")  # 89.445
    assert nilai[("PenyediaanMakanan", anak)] == D("100.00")  # 99.9970
    assert nilai[("Penyediaan Bahan Bacaan & Peraturan Perundang Undangan", umum)] == D("0.00")
    # The misprints' correct values: B9 (printed 52), B10 (77,76), B11 (75,78).
    bmd = "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah"
    assert nilai[("Pengadaan Peralatan dan Mesin Lainnya", bmd)] == D("51.94")
    lansia = "Rehablitasi Sosial Dasar Lanjut Usia Terlantar di dalam Panti"
    assert nilai[("PemberianPelayananPenelusuranKeluarga", lansia)] == D("77.97")
    bencana = "Perllindungan Sosial Korban Bencana Alam dan Sosial Provinsi"
    assert nilai[("Pelayanan Dukungan Psikososial", bencana)] == D("76.07")


def test_salary_line_is_derived_from_the_summary(laporan_2024: LaporanLkip) -> None:
    gaji = _sub_per_kegiatan(laporan_2024)[
        ("Penyediaan Gaji dan Tunjangan ASN", "Adminitrasi Keuangan Perangkat Daerah")
    ]
    # B23: 14 718 926 599 (sec 3.8 summary) − the other four children (18 274 701).
    assert gaji.realisasi == D(14700651898)
    # 14 700 651 898 / 15 757 146 000 × 100 = 93.2950… -> 93.30
    assert gaji.penyerapan == D("93.30")


def test_parents_are_sums_of_children(laporan_2024: LaporanLkip) -> None:
    """Kegiatan totals equal the oracle's children sums (S1–S52 and B13–B17's children side)."""
    cek = json.loads((FIXTURES / "anggaran_checks.json").read_text(encoding="utf-8"))
    kegiatan = {
        b.nama: b for t in laporan_2024.anggaran for b in t.baris if b.tingkat == "kegiatan"
    }
    diperiksa = 0
    for c in cek["sum_checks"]:
        if not c["check"].startswith("detail: kegiatan") or c["children_sum"] is None:
            continue
        b = kegiatan[c["parent"]]
        assert getattr(b, c["field"]) == D(c["children_sum"]), c["parent"]
        if c.get("ok"):
            assert D(c["children_sum"]) == D(c["parent_value"])
        diperiksa += 1
    assert diperiksa >= 30
    # B13: Pengadaan BMD children 15 226 980 800 (printed 15 226 980 000): 27.44 either way.
    assert kegiatan["Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah"].pagu == D(
        15226980800
    )
    # B17: Bencana children 331 306 175 (printed 331 506 175).
    bencana = kegiatan["Perllindungan Sosial Korban Bencana Alam dan Sosial Provinsi"]
    assert bencana.pagu == D(331306175)


def test_summary_totals(laporan_2024: LaporanLkip) -> None:
    r = laporan_2024.ringkasan_anggaran
    # A22/B18: realisasi 54 237 655 066 (the kegiatan-level sum the report prints).
    assert r.realisasi_total == D(54237655066)
    # Pagu from the sub kegiatan: 69 778 653 677 − 200 000 (B15) − 200 000 (B17) + 6 000 (B14)
    # + 800 − 800 (B12/B13 cancel at program level).
    assert r.pagu_total == D(69778653677) - 200000 - 200000 + 6000
    # 54 237 655 066 / 69 778 259 677 × 100 = 77.7281… -> 77.73 (A22 prints 77,73 as well).
    assert r.penyerapan_total == D("77.73")
    program = {b.nama: b for b in r.baris if b.tingkat == "program"}
    # P42/P34/P108: programs whose printed totals agree with their children.
    assert program[
        "Program Penanganan Warga Negara Migran Korban Tindak Kekerasan"
    ].penyerapan == D("62.06")
    assert program["Program Pemberdayaan Sosial"].penyerapan == D("91.18")
    assert program["Program Pengelolaan Taman Makam Pahlawan"].penyerapan == D("83.35")
    # P1: 23 660 198 434 / 36 157 212 342 = 65.4369… -> 65.44 (same as printed).
    assert program["Program Penunjang Urusan Pemerintahan Daerah Provinsi"].penyerapan == D("65.44")


def test_missing_amount_leaves_parents_unknown() -> None:
    m = _masukan_kecil(D(90), D(90))
    kosong = replace(
        m,
        program=(
            replace(
                m.program[0],
                kegiatan=(
                    Kegiatan(
                        "2.1",
                        "K",
                        (
                            SubKegiatan("2.1.1", "A", D(100), None),
                            SubKegiatan("2.1.2", "B", D(100), D(50)),
                        ),
                    ),
                ),
            ),
        ),
    )
    (t,) = bab3.tabel_anggaran(kosong)
    assert t.program.pagu == D(200)
    assert t.program.realisasi is None and t.program.penyerapan is None
    assert any("penyerapan tidak dapat dihitung" in c for c in t.catatan)


# --- indicators without values, S-curve ----------------------------------------------------------


def test_indicator_without_value_is_left_out_and_reported() -> None:
    m = _masukan_kecil(D(90), D(90))
    tanpa = Indikator(
        kode="IKU3",
        nama="Tanpa target",
        sasaran="S",
        target=None,
        sumber_target="PK",
        realisasi=D(50),
    )
    t = bab3.tabel_iku(replace(m, indikator=(*m.indikator, tanpa)))
    baris = t.sasaran[0].indikator
    assert baris[1].capaian is None and baris[1].kriteria is None
    assert baris[1].catatan == "target belum diisi"
    # Only IKU2 (90 / 90 = 100) counts.
    assert t.capaian_total == D(100)
    assert any("IKU3" in c for c in t.catatan)


def test_measurement_pairs_pooled_vs_mean() -> None:
    komponen = (Komponen("a", "b", D(1), D(2)), Komponen("c", "d", D(3), D(3)))
    ind = Indikator(
        kode="X", nama="X", sasaran="S", target=D(100), sumber_target="PK", komponen=komponen
    )
    # mean(50, 100) = 75; pooled (1 + 3) / (2 + 3) = 80.
    assert bab3.realisasi_indikator(ind).nilai == D(75)
    from kinerja_core import CaraGabung

    gabungan = replace(ind, cara_gabung=CaraGabung.GABUNGAN)
    assert bab3.realisasi_indikator(gabungan).nilai == D(80)


def test_monthly_series() -> None:
    m = replace(
        _masukan_kecil(D(90), D(90)),
        realisasi_bulanan=(
            RealisasiBulanan(6, D(771075000), D(800000000)),
            RealisasiBulanan(12, D(1406103000)),
        ),
    )
    t = bab3.tabel_bulanan(m)
    # 771 075 000 / 1 542 150 000 = 50.00 %; plan 800 000 000 / it = 51.8756… -> 51.88.
    assert [(x.bulan, x.persen_realisasi, x.persen_rencana) for x in t.titik] == [
        (6, D("50.00"), D("51.88")),
        (12, D("91.18"), None),
    ]
    assert bab3.tabel_bulanan(_masukan_kecil(D(1), D(1))).catatan == [
        "Data realisasi bulanan belum tersedia."
    ]


# --- the checker's findings ----------------------------------------------------------------------


def test_findings_follow_their_tables(laporan_2024: LaporanLkip) -> None:
    semua_tabel = [
        laporan_2024.tabel_iku,
        *laporan_2024.pengukuran,
        laporan_2024.perbandingan_tahun_lalu,
        laporan_2024.perbandingan_lima_tahun,
        laporan_2024.efisiensi,
        *laporan_2024.anggaran,
        laporan_2024.ringkasan_anggaran,
    ]
    jumlah = sum(len(t.temuan) for t in semua_tabel if t) + len(laporan_2024.temuan_lain)
    # The checker finds exactly 43 discrepancies in the printed 2024 report (fixtures README).
    assert laporan_2024.jumlah_temuan == jumlah == 43
    jenis_iku = {(x.jenis, x.nama) for x in laporan_2024.tabel_iku.temuan}
    assert (
        "kriteria_tidak_sesuai",
        "Presentase PPKS yang berpartisipasi dalam penanganan PPKS",
    ) in (jenis_iku)
    assert all(x.lokasi in {"Tabel 3.2", "Tabel 3.4"} for x in laporan_2024.tabel_iku.temuan)
    efisiensi = [x for x in laporan_2024.efisiensi.temuan if x.jenis == "tanda_efisiensi_salah"]
    assert [(x.nama, x.nilai_seharusnya) for x in efisiensi] == [
        ("Program Pemberdayaan Sosial", D("-2.86"))
    ]
    tabel_312 = laporan_2024.anggaran[3]
    assert tabel_312.nomor == "Tabel 3.12"
    # B10: printed 77,76 where 58 100 000 / 74 515 000 = 77.97.
    assert any(
        x.nilai_tercetak == D("77.76") and x.nilai_seharusnya == D("77.97")
        for x in tabel_312.temuan
    )
    assert laporan_2024.perbandingan_tahun_lalu is not None
    assert [x.nilai_seharusnya for x in laporan_2024.perbandingan_tahun_lalu.temuan] == [D("96.07")]


def test_no_printed_report_no_findings(masukan_2024: Masukan) -> None:
    laporan = bab3.susun(replace(masukan_2024, laporan_tercetak=None))
    assert laporan.jumlah_temuan == 0
    assert laporan.tabel_iku.temuan == [] and laporan.temuan_lain == []
