"""Every table, imported in one place so Alembic and the tests see the whole metadata."""

from sqlmodel import SQLModel

import dinsos_api.anggaran.models
import dinsos_api.kinerja.models
import dinsos_api.layanan.models
import dinsos_api.panti.models
import dinsos_api.pengaduan.models  # noqa: F401  (each domain's tables)
from dinsos_api.akses.models import KlienApi, Pengguna, PercobaanLogin, VersiAkses
from dinsos_api.core.audit import AuditLog
from dinsos_api.core.idempotensi import KunciIdempotensi
from dinsos_api.penerima.models import (
    AnggotaKeluarga,
    DataPmks,
    Impor,
    Keluarga,
    Kepesertaan,
    Orang,
)
from dinsos_api.referensi.models import (
    KategoriPmks,
    KategoriPsks,
    PerangkatDaerah,
    ProgramBantuan,
    UnitKerja,
)
from dinsos_api.wilayah.models import Wilayah

metadata = SQLModel.metadata

__all__ = [
    "AnggotaKeluarga",
    "AuditLog",
    "DataPmks",
    "Impor",
    "KategoriPmks",
    "KategoriPsks",
    "Keluarga",
    "Kepesertaan",
    "KlienApi",
    "KunciIdempotensi",
    "Orang",
    "Pengguna",
    "PerangkatDaerah",
    "PercobaanLogin",
    "ProgramBantuan",
    "UnitKerja",
    "VersiAkses",
    "Wilayah",
    "metadata",
]
