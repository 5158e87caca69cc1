"""This domain's part of `dinsos demo muat`: the decree's service catalogue."""

from sqlmodel import Session

from dinsos_api.layanan.katalog import muat_katalog


def muat_demo(session: Session) -> str | None:
    """Load the catalogue versions that are missing; a one-line summary, or None if nothing."""
    baru = muat_katalog(session)
    return f"{baru} standar pelayanan (Keputusan 2022)" if baru else None
