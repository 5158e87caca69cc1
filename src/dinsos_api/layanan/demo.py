"""This domain's part of `dinsos demo muat`."""

from sqlmodel import Session


def muat_demo(session: Session) -> str | None:
    """Load the demo records that are missing; a one-line summary, or None if nothing."""
    return None
