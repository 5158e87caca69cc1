"""PDF and PNG from the report's HTML, printed by headless Chromium in a throw-away directory.

Chromium is installed by the project's setup (`make install`, `.ci/run`: Debian's `chromium`).
When it is missing or fails, `ChromiumTidakTersediaError` is raised; the API answers 503.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BATAS_WAKTU = 90  # seconds; a cold Chromium start on a busy 2-core machine takes a few

_NAMA = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class ChromiumTidakTersediaError(RuntimeError):
    """Headless Chromium is not installed, or it failed to print."""


def cari_chromium() -> str | None:
    """The Chromium executable: $DINSOS_CHROMIUM if set, else the first on PATH."""
    atur = os.environ.get("DINSOS_CHROMIUM")
    if atur:
        return atur if Path(atur).exists() else None
    for nama in _NAMA:
        lokasi = shutil.which(nama)
        if lokasi:
            return lokasi
    return None


def _jalankan(html: str, argumen: list[str], keluaran: str, batas_waktu: int) -> bytes:
    chromium = cari_chromium()
    if chromium is None:
        raise ChromiumTidakTersediaError("Chromium tidak terpasang di server.")
    with tempfile.TemporaryDirectory(prefix="dinsos-laporan-") as tmp:
        folder = Path(tmp)
        halaman = folder / "laporan.html"
        halaman.write_text(html, encoding="utf-8")
        hasil = folder / keluaran
        perintah = [
            chromium,
            "--headless",
            "--no-sandbox",  # runs as a service user in containers without user namespaces
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={folder / 'profil'}",
            *argumen,
            f"{'--print-to-pdf' if keluaran.endswith('.pdf') else '--screenshot'}={hasil}",
            halaman.as_uri(),
        ]
        try:
            subprocess.run(  # noqa: S603 - fixed argument list, no shell
                perintah,
                cwd=folder,
                capture_output=True,
                timeout=batas_waktu,
                check=False,
                env={**os.environ, "HOME": str(folder)},
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ChromiumTidakTersediaError(f"Chromium gagal mencetak: {exc}") from exc
        if not hasil.exists() or hasil.stat().st_size == 0:
            raise ChromiumTidakTersediaError("Chromium tidak menghasilkan berkas.")
        return hasil.read_bytes()


def pdf(html: str, batas_waktu: int = BATAS_WAKTU) -> bytes:
    """The HTML printed to PDF (A4, as the page's @page rule says), without header/footer."""
    return _jalankan(html, ["--no-pdf-header-footer"], "laporan.pdf", batas_waktu)


def png(html: str, lebar: int = 1200, tinggi: int = 1600, batas_waktu: int = BATAS_WAKTU) -> bytes:
    """A screenshot of the top of the page (used to check that the page renders)."""
    return _jalankan(
        html, [f"--window-size={lebar},{tinggi}", "--hide-scrollbars"], "laporan.png", batas_waktu
    )
