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
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypeVar

from pydantic import ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import declared_attr
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Field, Session, SQLModel, select

from dinsos_api.core import audit
from dinsos_api.core.akses import Konteks
from dinsos_api.core.db import WaktuUTC
from dinsos_api.core.errors import Masalah
from dinsos_api.core.etag import etag_rekaman, pastikan_if_match
from dinsos_api.core.masukan import POLA_SEBARIS, Masukan
from dinsos_api.core.paginasi import paginasi
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
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 (a class-level attribute)
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

# --- request fields --------------------------------------------------------------------------

# Codes of reference records: stable, lower-case, safe in URLs ("anak_jalanan", "pkh").
POLA_KODE = r"^[a-z0-9][a-z0-9_]*$"
Kode = Annotated[str, PydanticField(min_length=1, max_length=64, pattern=POLA_KODE)]

# Text on one line, without control characters (PostgreSQL refuses NUL; names go in lists).
Nama = Annotated[str, PydanticField(min_length=1, max_length=200, pattern=POLA_SEBARIS)]
Singkatan = Annotated[str, PydanticField(min_length=1, max_length=32, pattern=POLA_SEBARIS)]
Keterangan = Annotated[str, PydanticField(min_length=1, max_length=1000, pattern=POLA_SEBARIS)]


def _tanpa_default(skema: dict[str, Any]) -> None:
    for properti in skema.get("properties", {}).values():
        properti.pop("default", None)


class Perubahan(Masukan):
    """Base of PATCH bodies. A field left out stays as it is; JSON null is refused unless the
    field's type allows it (then it clears the value). Fields are declared `kolom_ubah()`."""

    model_config = ConfigDict(json_schema_extra=_tanpa_default)


def kolom_ubah() -> Any:
    """A PATCH field: its default (None) is never validated, and the schema does not show it."""
    return PydanticField(default=None)


# --- reads -----------------------------------------------------------------------------------


def daftar(
    session: Session, model: type[R], saring: Mapping[str, Any], limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    """A page of records ordered by kode; `saring` maps columns to required values (None: any)."""
    stmt = select(model)
    for kolom, nilai in saring.items():
        if nilai is not None:
            stmt = stmt.where(getattr(model, kolom) == nilai)
    return paginasi(session, stmt, [model.kode], limit, cursor)


def ambil(session: Session, model: type[R], kode: str) -> R:
    rekaman = session.get(model, kode)
    if rekaman is None:
        raise Masalah(404, f"{model.label} {kode} tidak ditemukan.")
    return rekaman


def ambil_untuk_diubah(session: Session, model: type[R], kode: str, if_match: str | None) -> R:
    """The record a PATCH changes: 404 if unknown; If-Match must carry its ETag (412/428)."""
    rekaman = ambil(session, model, kode)
    pastikan_if_match(if_match, rekaman.etag())
    return rekaman


def rujukan_salah(kolom: str, pesan: str) -> Masalah:
    """422 for a field naming a record that does not exist or does not fit."""
    return Masalah(
        422,
        f"Periksa kembali isian berikut: {kolom}: {pesan}.",
        jenis="validasi",
        errors=[{"field": kolom, "message": pesan}],
    )


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


def ubah(session: Session, ktx: Konteks, rekaman: R, perubahan: Mapping[str, Any]) -> R:
    """Apply a PATCH to a record from `ambil_untuk_diubah`; a no-op changes nothing."""
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
    lain = session.exec(select(model).where(getattr(model, kolom) == nilai)).first()
    if lain is not None and lain.kode != kecuali:
        raise Masalah(
            409,
            f"{kolom} {nilai} sudah dipakai oleh {model.label} {lain.kode}.",
            jenis="konflik",
            errors=[{"field": kolom, "message": f"sudah dipakai oleh {lain.kode}"}],
        )
