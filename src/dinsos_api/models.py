"""Every table, imported in one place so Alembic and the tests see the whole metadata."""

from sqlmodel import SQLModel

from dinsos_api.penerima.models import KategoriPmks, KategoriPsks
from dinsos_api.wilayah.models import Wilayah

metadata = SQLModel.metadata

__all__ = ["KategoriPmks", "KategoriPsks", "Wilayah", "metadata"]
