"""Object-level district checks (core.akses): the rules every district-bearing record uses."""

from __future__ import annotations

import pytest

from dinsos_api.core.akses import (
    Aktor,
    Peran,
    boleh_akses_wilayah,
    lingkup_wilayah,
    pastikan_baca,
    pastikan_tulis,
)
from dinsos_api.core.errors import Masalah

KUPANG = Aktor("klien", "k1", "Dinsos Kab. Kupang", Peran.OPERATOR_KABKOTA, "5301")
PROVINSI = Aktor("pengguna", "p1", "op", Peran.OPERATOR_PROVINSI)


@pytest.mark.parametrize(
    ("kode", "boleh"),
    [("5301", True), ("530101", True), ("5301012001", True), ("5302", False),
     ("53", False), (None, False)],
)  # fmt: skip
def test_district_operator_reaches_only_its_district(kode: str | None, boleh: bool) -> None:
    assert boleh_akses_wilayah(KUPANG, kode) is boleh
    assert boleh_akses_wilayah(PROVINSI, kode) is True


def test_reading_another_district_is_404_and_writing_403() -> None:
    with pytest.raises(Masalah) as baca:
        pastikan_baca(KUPANG, "5302", "penerima manfaat")
    assert baca.value.status == 404
    with pytest.raises(Masalah) as tulis:
        pastikan_tulis(KUPANG, "5302", "penerima manfaat")
    assert tulis.value.status == 403
    pastikan_baca(KUPANG, "5301", "penerima manfaat")
    pastikan_tulis(PROVINSI, "5302", "penerima manfaat")


def test_list_scope() -> None:
    assert lingkup_wilayah(KUPANG) == "5301"
    assert lingkup_wilayah(PROVINSI) is None
