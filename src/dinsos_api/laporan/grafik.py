"""Inline SVG charts for the HTML report, drawn in Python (no JavaScript, no library).

Labels use Indonesian number formatting (kinerja_core.format_angka); colours follow the
rating scale's colour names (LKIP Tabel 3.1).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from dinsos_api.laporan import schemas as s
from kinerja_core import format_angka

# The scale's colour names (Permendagri 86/2017) as screen and print colours.
WARNA_HEX: dict[str, str] = {
    "hijau tua": "#1a7f37",
    "hijau muda": "#8fd19e",
    "kuning tua": "#e3a008",
    "kuning muda": "#fde68a",
    "merah": "#d73a49",
}
WARNA_NETRAL = "#9ca3af"
WARNA_ANGGARAN = "#2563eb"

NAMA_BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def warna_hex(warna: str | None) -> str:
    return WARNA_HEX.get((warna or "").casefold(), WARNA_NETRAL)


def _teks(x: float, y: float, isi: str, **attr: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attr.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(isi)}</text>'


def _pendek(teks: str, batas: int = 46) -> str:
    return teks if len(teks) <= batas else teks[: batas - 1] + "…"


def batang(
    judul: str,
    data: list[tuple[str, Decimal | None, str]],
    garis_acuan: Decimal | None = Decimal(100),
) -> str:
    """Horizontal bars: (label, value in %, fill colour); a missing value is labelled."""
    lebar, kiri, tinggi_baris = 760, 300, 26
    tinggi = 40 + tinggi_baris * len(data) + 24
    nilai = [float(v) for _, v, _ in data if v is not None]
    skala_maks = max([120.0, *nilai]) if nilai else 120.0
    area = lebar - kiri - 70

    def x(v: float) -> float:
        return kiri + area * max(v, 0.0) / skala_maks

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img" '
        f'viewBox="0 0 {lebar} {tinggi}" width="{lebar}" height="{tinggi}">',
        f"<title>{escape(judul)}</title>",
        _teks(8, 20, judul, font_size="14", font_weight="bold"),
    ]
    for i, (label, v, warna) in enumerate(data):
        y = 36 + i * tinggi_baris
        bagian.append(_teks(kiri - 8, y + 16, _pendek(label), font_size="11", text_anchor="end"))
        if v is None:
            bagian.append(_teks(kiri + 4, y + 16, "tidak dapat dihitung", font_size="11"))
            continue
        w = x(float(v)) - kiri
        bagian.append(
            f'<rect x="{kiri}" y="{y + 3}" width="{w:.1f}" height="{tinggi_baris - 8}" '
            f'fill="{warna}" stroke="#374151" stroke-width="0.5"/>'
        )
        bagian.append(_teks(kiri + w + 4, y + 16, f"{format_angka(v)} %", font_size="11"))
    if garis_acuan is not None:
        xa = x(float(garis_acuan))
        bagian.append(
            f'<line x1="{xa:.1f}" y1="30" x2="{xa:.1f}" y2="{tinggi - 20}" stroke="#111827" '
            'stroke-dasharray="4 3" stroke-width="1"/>'
        )
        bagian.append(
            _teks(
                xa,
                tinggi - 6,
                f"{format_angka(garis_acuan, 0)} %",
                font_size="10",
                text_anchor="middle",
            )
        )
    bagian.append("</svg>")
    return "".join(bagian)


def capaian_indikator(tabel: s.TabelIku) -> str:
    data = [
        (f"{b.kode} {b.nama}", b.capaian, warna_hex(b.warna))
        for sasaran in tabel.sasaran
        for b in sasaran.indikator
    ]
    return batang("Capaian kinerja per indikator (warna menurut kriteria)", data)


def penyerapan_program(tabel: list[s.TabelAnggaran]) -> str:
    data = [(t.program.nama, t.program.penyerapan, WARNA_ANGGARAN) for t in tabel]
    return batang("Penyerapan anggaran per program", data)


def kurva_s(tabel: s.TabelBulanan) -> str:
    """The S-curve: cumulative realisation (and plan, if given) as % of the total pagu."""
    lebar, tinggi, kiri, bawah, atas = 760, 300, 56, 40, 34
    area_w, area_h = lebar - kiri - 24, tinggi - atas - bawah

    def titik_xy(bulan: int, persen: Decimal) -> tuple[float, float]:
        return (
            kiri + area_w * (bulan - 0.5) / 12,
            atas + area_h * (1 - min(max(float(persen), 0.0), 100.0) / 100),
        )

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img" '
        f'viewBox="0 0 {lebar} {tinggi}" width="{lebar}" height="{tinggi}">',
        f"<title>{escape(tabel.judul)}</title>",
        _teks(
            8,
            20,
            "Kurva S realisasi anggaran kumulatif (% dari pagu)",
            font_size="14",
            font_weight="bold",
        ),
    ]
    for p in range(0, 101, 25):
        y = atas + area_h * (1 - p / 100)
        bagian.append(
            f'<line x1="{kiri}" y1="{y:.1f}" x2="{kiri + area_w}" y2="{y:.1f}" stroke="#e5e7eb"/>'
        )
        bagian.append(_teks(kiri - 6, y + 4, f"{p} %", font_size="10", text_anchor="end"))
    for b, nama in enumerate(NAMA_BULAN, start=1):
        bagian.append(
            _teks(
                kiri + area_w * (b - 0.5) / 12,
                tinggi - bawah + 16,
                nama,
                font_size="10",
                text_anchor="middle",
            )
        )
    if not tabel.titik:
        bagian.append(
            _teks(
                kiri + area_w / 2,
                atas + area_h / 2,
                "Data realisasi bulanan belum tersedia",
                font_size="13",
                text_anchor="middle",
            )
        )
    for kolom, warna, nama in (
        ("persen_rencana", "#9ca3af", "Rencana"),
        ("persen_realisasi", WARNA_ANGGARAN, "Realisasi"),
    ):
        titik = [
            titik_xy(t.bulan, nilai)
            for t in tabel.titik
            if (nilai := getattr(t, kolom)) is not None
        ]
        if not titik:
            continue
        poin = " ".join(f"{x:.1f},{y:.1f}" for x, y in titik)
        bagian.append(
            f'<polyline class="kurva" points="{poin}" fill="none" stroke="{warna}" '
            'stroke-width="2.5"/>'
        )
        bagian += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{warna}"/>' for x, y in titik]
        x0, y0 = titik[-1]
        bagian.append(_teks(x0 - 4, y0 - 8, nama, font_size="11", text_anchor="end"))
    bagian.append("</svg>")
    return "".join(bagian)
