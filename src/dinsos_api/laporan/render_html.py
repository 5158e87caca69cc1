"""The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts.

The same page is printed to PDF by headless Chromium (render_pdf.py), so it carries print
rules (A4, page breaks before each chapter part, repeated table headers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from dinsos_api.laporan import grafik
from dinsos_api.laporan import schemas as s
from kinerja_core import format_angka

CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11px; color: #111827;
       margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 28px 0 6px; border-bottom: 2px solid #1f2937; padding-bottom: 3px; }
section { break-before: page; }
section:first-of-type { break-before: auto; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 8px; }
thead { display: table-header-group; }
th { background: #1f2937; color: #fff; font-weight: bold; text-align: center; }
th, td { border: 1px solid #6b7280; padding: 3px 5px; vertical-align: top; }
td.angka { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.induk td { font-weight: bold; background: #f3f4f6; }
tr.total td { font-weight: bold; background: #e5e7eb; }
td.kriteria { text-align: center; font-weight: bold; }
.catatan { color: #374151; font-style: italic; margin: 2px 0; }
.temuan { border-left: 4px solid #d73a49; background: #fff5f5; padding: 4px 10px; margin: 6px 0; }
.temuan h3 { font-size: 12px; margin: 2px 0; color: #9b1c1c; }
.temuan li { margin: 3px 0; }
.kelengkapan { color: #92400e; margin: 4px 0 10px; }
.tanpa-temuan { color: #1a7f37; }
.grafik { max-width: 100%; height: auto; display: block; margin: 8px 0; }
.meta { color: #4b5563; }
"""


def _a(nilai: Decimal | None, tempat: int | None = 2) -> str:
    return "–" if nilai is None else escape(format_angka(nilai, tempat))


def _uang(nilai: Decimal | None) -> str:
    return _a(nilai, 0)


def _sel(isi: str, kelas: str = "", gaya: str = "") -> str:
    attr = (f' class="{kelas}"' if kelas else "") + (f' style="{gaya}"' if gaya else "")
    return f"<td{attr}>{isi}</td>"


def _kriteria(label: str | None, warna: str | None) -> str:
    if label is None:
        return _sel("–", "kriteria")
    hex_ = grafik.warna_hex(warna)
    teks = "#fff" if (warna or "").casefold() in ("hijau tua", "merah") else "#111827"
    return _sel(escape(label), "kriteria", f"background:{hex_};color:{teks}")


def _tabel(kepala: Sequence[str], baris: Iterable[str]) -> str:
    th = "".join(f"<th>{escape(k)}</th>" for k in kepala)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(baris)}</tbody></table>"


def _catatan_temuan(t: s.Tabel) -> str:
    bagian = [f'<p class="catatan">{escape(c)}</p>' for c in t.catatan]
    if t.temuan:
        butir = "".join(
            f"<li><b>{escape(x.lokasi)} — {escape(x.nama)}</b>: {escape(x.penjelasan)}</li>"
            for x in t.temuan
        )
        bagian.append(
            f'<div class="temuan"><h3>Temuan pemeriksaan atas laporan tercetak '
            f"({len(t.temuan)})</h3><ul>{butir}</ul></div>"
        )
    return "".join(bagian)


def _judul(t: s.Tabel) -> str:
    return f"<h2>{escape(t.nomor)} {escape(t.judul)}</h2>"


def _iku(t: s.TabelIku) -> str:
    baris = []
    for sasaran in t.sasaran:
        baris.append(f'<tr class="induk"><td colspan="9">Sasaran: {escape(sasaran.nama)}</td></tr>')
        for b in sasaran.indikator:
            baris.append(
                "<tr>"
                + _sel(escape(b.kode))
                + _sel(escape(b.nama))
                + _sel(escape(b.satuan))
                + _sel(_a(b.target), "angka")
                + _sel(escape(b.sumber_target))
                + _sel(_a(b.realisasi), "angka")
                + _sel(_a(b.capaian), "angka")
                + _kriteria(b.kriteria, b.warna)
                + _sel(escape(b.catatan or ""))
                + "</tr>"
            )
        baris.append(
            '<tr class="total"><td colspan="6">Capaian sasaran (rata-rata)</td>'
            + _sel(_a(sasaran.capaian), "angka")
            + _kriteria(sasaran.kriteria, sasaran.warna)
            + "<td></td></tr>"
        )
    baris.append(
        '<tr class="total"><td colspan="6">TOTAL CAPAIAN KINERJA</td>'
        + _sel(_a(t.capaian_total), "angka")
        + _kriteria(t.kriteria_total, t.warna_total)
        + "<td></td></tr>"
    )
    kepala = (
        "Kode",
        "Indikator",
        "Satuan",
        "Target",
        "Sumber target",
        "Realisasi",
        "Capaian (%)",
        "Kriteria",
        "Keterangan",
    )
    return _judul(t) + _tabel(kepala, baris) + _catatan_temuan(t)


def _pengukuran(t: s.TabelPengukuran) -> str:
    baris = [
        "<tr>"
        + _sel(str(k.nomor), "angka")
        + _sel(escape(k.uraian_pembilang))
        + _sel(_a(k.pembilang, None), "angka")
        + _sel(escape(k.uraian_penyebut))
        + _sel(_a(k.penyebut, None), "angka")
        + _sel(_a(k.persen), "angka")
        + "</tr>"
        for k in t.komponen
    ]
    baris.append(
        f'<tr class="total"><td colspan="5">Realisasi indikator ({escape(t.cara_gabung)})</td>'
        + _sel(_a(t.realisasi), "angka")
        + "</tr>"
    )
    kepala = ("No", "Pembilang", "Jumlah", "Penyebut", "Jumlah", "Persentase (%)")
    return _judul(t) + _tabel(kepala, baris) + _catatan_temuan(t)


def _perbandingan(t: s.TabelPerbandingan) -> str:
    baris = [
        "<tr>"
        + _sel(escape(b.kode))
        + _sel(escape(b.nama))
        + _sel(_a(b.realisasi_sebelumnya), "angka")
        + _sel(_a(b.realisasi), "angka")
        + _sel(_a(b.selisih), "angka")
        + _sel(_a(b.pertumbuhan), "angka")
        + "</tr>"
        for b in t.baris
    ]
    baris.append(
        '<tr class="total"><td colspan="2">TOTAL (rata-rata)</td>'
        + _sel(_a(t.total_sebelumnya), "angka")
        + _sel(_a(t.total), "angka")
        + _sel(_a(t.selisih_total), "angka")
        + "<td></td></tr>"
    )
    kepala = (
        "Kode",
        "Indikator",
        f"Realisasi {t.tahun_sebelumnya}",
        f"Realisasi {t.tahun}",
        "Selisih (poin)",
        "Pertumbuhan (%)",
    )
    return _judul(t) + _tabel(kepala, baris) + _catatan_temuan(t)


def _lima_tahun(t: s.TabelLimaTahun) -> str:
    baris = []
    for b in t.baris:
        nama = escape(b.nama)
        if b.nama_sebelumnya:
            nama += f"<br><small>sebelumnya: {escape(b.nama_sebelumnya)}</small>"
        baris.append(
            "<tr>"
            + _sel(escape(b.kode))
            + _sel(nama)
            + "".join(_sel(_a(n.nilai), "angka") for n in b.realisasi)
            + _sel(_a(b.target), "angka")
            + _sel(_a(b.capaian), "angka")
            + _sel(_a(b.rata_rata_pertumbuhan), "angka")
            + "</tr>"
        )
    baris.append(
        '<tr class="total"><td colspan="2">TOTAL (rata-rata)</td>'
        + "".join(_sel(_a(n.nilai), "angka") for n in t.total)
        + "<td></td><td></td><td></td></tr>"
    )
    kepala = (
        "Kode",
        "Indikator",
        *[f"Realisasi {x}" for x in t.tahun],
        f"Target {t.tahun[-1]}",
        f"Capaian {t.tahun[-1]} (%)",
        "Rata-rata pertumbuhan (%)",
    )
    return _judul(t) + _tabel(kepala, baris) + _catatan_temuan(t)


def _efisiensi(t: s.TabelEfisiensi) -> str:
    baris = [
        "<tr>"
        + _sel(escape(b.indikator))
        + _sel(escape(b.program))
        + _sel(_a(b.capaian), "angka")
        + _sel(_a(b.penyerapan), "angka")
        + _sel(_a(b.efisiensi), "angka")
        + _sel(escape(b.keterangan))
        + "</tr>"
        for b in t.baris
    ]
    baris.append(
        '<tr class="total"><td colspan="2">Keseluruhan (capaian total − penyerapan total)</td>'
        + _sel(_a(t.capaian_total), "angka")
        + _sel(_a(t.penyerapan_total), "angka")
        + _sel(_a(t.efisiensi_total), "angka")
        + "<td></td></tr>"
    )
    kepala = (
        "Indikator",
        "Program",
        "Capaian kinerja (%)",
        "Penyerapan anggaran (%)",
        "Efisiensi (poin)",
        "Keterangan",
    )
    return _judul(t) + _tabel(kepala, baris) + _catatan_temuan(t)


def _baris_anggaran(b: s.BarisAnggaran, fisik: bool) -> str:
    kelas = "" if b.tingkat == "sub_kegiatan" else ' class="induk"'
    sel = (
        _sel(escape(b.kode))
        + _sel(escape(b.nama))
        + _sel(_uang(b.pagu), "angka")
        + _sel(_uang(b.realisasi), "angka")
        + _sel(_a(b.penyerapan), "angka")
    )
    if fisik:
        sel += _sel(_a(b.realisasi_fisik), "angka")
    return f"<tr{kelas}>{sel}</tr>"


def _anggaran(t: s.TabelAnggaran) -> str:
    baris = [_baris_anggaran(b, True) for b in t.baris]
    p = t.program
    baris.append(
        f'<tr class="total"><td>{escape(p.kode)}</td><td>JUMLAH {escape(p.nama)}</td>'
        + _sel(_uang(p.pagu), "angka")
        + _sel(_uang(p.realisasi), "angka")
        + _sel(_a(p.penyerapan), "angka")
        + "<td></td></tr>"
    )
    kepala = (
        "Kode",
        "Kegiatan / Sub kegiatan",
        "Pagu (Rp)",
        "Realisasi (Rp)",
        "Penyerapan (%)",
        "Realisasi fisik (%)",
    )
    return _judul(t) + _tabel(kepala, baris) + _catatan_temuan(t)


def _ringkasan(t: s.TabelRingkasan) -> str:
    baris = [_baris_anggaran(b, False) for b in t.baris]
    baris.append(
        '<tr class="total"><td colspan="2">TOTAL BELANJA</td>'
        + _sel(_uang(t.pagu_total), "angka")
        + _sel(_uang(t.realisasi_total), "angka")
        + _sel(_a(t.penyerapan_total), "angka")
        + "</tr>"
    )
    kepala = ("Kode", "Program / Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan (%)")
    return _judul(t) + _tabel(kepala, baris) + _catatan_temuan(t)


def _bulanan(t: s.TabelBulanan) -> str:
    isi = _judul(t) + grafik.kurva_s(t)
    if t.titik:
        baris = [
            "<tr>"
            + _sel(grafik.NAMA_BULAN[x.bulan - 1])
            + _sel(_uang(x.rencana_kumulatif), "angka")
            + _sel(_a(x.persen_rencana), "angka")
            + _sel(_uang(x.realisasi_kumulatif), "angka")
            + _sel(_a(x.persen_realisasi), "angka")
            + "</tr>"
            for x in t.titik
        ]
        kepala = (
            "Bulan",
            "Rencana kumulatif (Rp)",
            "Rencana (%)",
            "Realisasi kumulatif (Rp)",
            "Realisasi (%)",
        )
        isi += _tabel(kepala, baris)
    return isi + _catatan_temuan(t)


def _skala(skala: list[s.PitaSkala]) -> str:
    baris = [
        "<tr>"
        + _kriteria(p.kriteria, p.warna)
        + _sel(escape(p.warna))
        + _sel("di bawah batas berikutnya" if p.batas_bawah is None else f"≥ {_a(p.batas_bawah)}")
        + "</tr>"
        for p in skala
    ]
    return _tabel(("Kriteria", "Kode warna", "Nilai capaian (dibulatkan 2 desimal)"), baris)


def render(laporan: s.LaporanLkip) -> str:
    """The whole report as an HTML document (UTF-8)."""
    lain = ""
    if laporan.temuan_lain:
        butir = "".join(
            f"<li><b>{escape(x.lokasi)} — {escape(x.nama)}</b>: {escape(x.penjelasan)}</li>"
            for x in laporan.temuan_lain
        )
        lain = (
            "<section><h2>Temuan pada bagian lain laporan tercetak</h2>"
            f'<div class="temuan"><ul>{butir}</ul></div></section>'
        )
    ringkas = (
        f"{laporan.jumlah_temuan} temuan pemeriksaan atas laporan tercetak."
        if laporan.jumlah_temuan
        else "Tidak ada laporan tercetak yang diperiksa, atau tidak ada temuan."
    )
    kelengkapan = "".join(f"<li>{escape(k)}</li>" for k in laporan.kelengkapan)
    bagian = [
        "<section>",
        f"<h1>{escape(laporan.judul)}</h1>",
        f'<p class="meta">{escape(laporan.nama_perangkat_daerah)} · Tahun {laporan.tahun} · '
        f"{escape(ringkas)}</p>",
        f'<ul class="kelengkapan">{kelengkapan}</ul>' if kelengkapan else "",
        "<h2>Tabel 3.1 Skala Pengukuran Kinerja</h2>",
        _skala(laporan.skala),
        _iku(laporan.tabel_iku),
        grafik.capaian_indikator(laporan.tabel_iku),
        "</section><section>",
        *[_pengukuran(t) for t in laporan.pengukuran],
        "</section>",
    ]
    if laporan.perbandingan_tahun_lalu or laporan.perbandingan_lima_tahun:
        bagian.append("<section>")
        if laporan.perbandingan_tahun_lalu:
            bagian.append(_perbandingan(laporan.perbandingan_tahun_lalu))
        if laporan.perbandingan_lima_tahun:
            bagian.append(_lima_tahun(laporan.perbandingan_lima_tahun))
        bagian.append("</section>")
    bagian += [
        "<section>",
        _efisiensi(laporan.efisiensi),
        "</section><section>",
        *[_anggaran(t) for t in laporan.anggaran],
        "</section><section>",
        _ringkasan(laporan.ringkasan_anggaran),
        grafik.penyerapan_program(laporan.anggaran),
        _bulanan(laporan.realisasi_bulanan),
        "</section>",
        lain,
    ]
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{escape(laporan.judul)} — {escape(laporan.nama_perangkat_daerah)}</title>"
        f"<style>{CSS}</style></head><body>{''.join(bagian)}</body></html>"
    )
