"""Master data (*data induk*): what regions, categories, units, programmes and offices share.

Each master-data table has a `kode` primary key, a `versi` bumped on every change, and
`updated_at`. `versi` is also SQLAlchemy's version counter: an UPDATE only applies when the row
still has the version that was read (`WHERE versi = ...`), so two admins editing the same
record cannot overwrite each other even when their requests race. Every create and change is
audited in the same transaction. HTTP lives in the routers and in `core.etag`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pydantic import Field as PydanticField
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import declared_attr
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Field, Session, SQLModel

from dinsos_api.core import audit
from dinsos_api.core.akses import Konteks
from dinsos_api.core.db import WaktuUTC
from dinsos_api.core.errors import Masalah
from dinsos_api.core.etag import etag_rekaman, pastikan_if_match
from dinsos_api.core.waktu import sekarang


class Berversi(SQLModel):
    """Base of every master-data table (not a table itself)."""

    versi: int = Field(default=1, sa_column_kwargs={"server_default": text("1")})
    updated_at: datetime = Field(
        default_factory=sekarang,
        sa_type=WaktuUTC,
        sa_column_kwargs={"server_default": text("CURRENT_TIMESTAMP")},
    )

    # How the record is named in messages ("Kategori PMKS anak_jalanan tidak ditemukan.").
    label: ClassVar[str] = "Data"

    if TYPE_CHECKING:  # every subclass declares its own `kode` primary key
        kode: str

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # We set `versi` ourselves (generator off); SQLAlchemy adds `WHERE versi = <read>`.
        return {"version_id_col": cls.__table__.c.versi, "version_id_generator": False}  # type: ignore[attr-defined]

    @classmethod
    def sumber_daya(cls) -> str:
        """The resource name in audit rows and ETags: the table's name."""
        return str(cls.__tablename__)

    def etag(self) -> str:
        return etag_rekaman(self.sumber_daya(), self.kode, self.versi)

    def isi(self) -> dict[str, Any]:
        """The record's own fields, without the bookkeeping: what audit rows compare."""
        return self.model_dump(exclude={"versi", "updated_at"})


R = TypeVar("R", bound=Berversi)


def kolom_ubah(**kwargs: Any) -> Any:
    """A PATCH field: left out means unchanged; JSON null is refused unless the type allows it.

    The default (None) is not validated and is hidden from the published schema.
    """

    def tanpa_default(skema: dict[str, Any]) -> None:
        skema.pop("default", None)

    return PydanticField(default=None, json_schema_extra=tanpa_default, **kwargs)


# --- reads -----------------------------------------------------------------------------------


def ambil(session: Session, model: type[R], kode: str) -> R:
    rekaman = session.get(model, kode)
    if rekaman is None:
        raise Masalah(404, f"{model.label} {kode} tidak ditemukan.")
    return rekaman


# --- writes ----------------------------------------------------------------------------------


def tambah(session: Session, ktx: Konteks, rekaman: Berversi) -> None:
    """Add a new record and its audit row (the caller commits)."""
    session.add(rekaman)
    audit.catat(
        session, ktx, sumber_daya=rekaman.sumber_daya(), sumber_daya_id=rekaman.kode,
        aksi="buat", baru=rekaman.isi(),
    )  # fmt: skip


def terapkan(rekaman: Berversi, perubahan: Mapping[str, Any]) -> dict[str, Any] | None:
    """Set the fields that differ and bump `versi`; the old values, or None if nothing changed."""
    lama = rekaman.isi()
    berubah = {kolom: nilai for kolom, nilai in perubahan.items() if lama[kolom] != nilai}
    if not berubah:
        return None
    for kolom, nilai in berubah.items():
        setattr(rekaman, kolom, nilai)
    rekaman.versi += 1
    rekaman.updated_at = sekarang()
    return lama


def perbarui(
    session: Session, ktx: Konteks, rekaman: Berversi, perubahan: Mapping[str, Any]
) -> bool:
    """Apply a change and add its audit row (the caller commits); False if nothing changed."""
    lama = terapkan(rekaman, perubahan)
    if lama is None:
        return False
    session.add(rekaman)
    audit.catat(
        session, ktx, sumber_daya=rekaman.sumber_daya(), sumber_daya_id=rekaman.kode,
        aksi="ubah", lama=lama, baru=rekaman.isi(),
    )  # fmt: skip
    return True


def simpan(session: Session) -> None:
    """Commit, turning a lost race into 412 and a constraint violation into 409."""
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        raise Masalah(
            412,
            "Data ini baru saja diubah pihak lain. Ambil ulang dengan GET lalu kirim ulang.",
            jenis="etag-berbeda",
        ) from None
    except IntegrityError:
        session.rollback()
        raise Masalah(
            409,
            "Perubahan bertentangan dengan data lain (kode atau nomor sudah dipakai, atau "
            "rujukan sudah tidak ada). Periksa lalu kirim ulang.",
            jenis="konflik",
        ) from None


def buat(session: Session, ktx: Konteks, rekaman: R) -> R:
    """Create a record; 409 when its kode is taken."""
    if session.get(type(rekaman), rekaman.kode) is not None:
        raise Masalah(
            409,
            f"{rekaman.label} dengan kode {rekaman.kode} sudah ada.",
            jenis="konflik",
            errors=[{"field": "kode", "message": "kode sudah dipakai"}],
        )
    tambah(session, ktx, rekaman)
    simpan(session)
    session.refresh(rekaman)
    return rekaman


def ubah(
    session: Session,
    ktx: Konteks,
    rekaman: R,
    perubahan: Mapping[str, Any],
    if_match: str | None,
) -> R:
    """Change a record the caller has seen: If-Match must carry its current ETag (412/428)."""
    pastikan_if_match(if_match, rekaman.etag())
    if perbarui(session, ktx, rekaman, perubahan):
        simpan(session)
        session.refresh(rekaman)
    return rekaman


def pastikan_unik(
    session: Session, model: type[R], kolom: str, nilai: Any, kecuali: str | None = None
) -> None:
    """409 when another record already holds `nilai` in a unique column."""
    if nilai is None:
        return
    lain = session.exec(
        model.__table__.select().where(model.__table__.c[kolom] == nilai)  # type: ignore[attr-defined]
    ).first()
    if lain is not None and lain.kode != kecuali:
        raise Masalah(
            409,
            f"{kolom} {nilai} sudah dipakai oleh {model.label} {lain.kode}.",
            jenis="konflik",
            errors=[{"field": kolom, "message": f"sudah dipakai oleh {lain.kode}"}],
        )
