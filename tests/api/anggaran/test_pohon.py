"""The budget tree through the API: codes and parents, pagu only on sub kegiatan, DPA versions,
realisations and penyerapan, revenue with If-Match, and district scoping."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.anggaran.conftest import (
    KUPANG,
    PROVINSI,
    ROTE_NDAO,
    MasukSebagai,
    bangun_pohon,
    url,
)

PROBLEM = "application/problem+json"
Q = {"perangkat_daerah": PROVINSI}
SUB1, SUB2 = "1.06.04.1.01.0001", "1.06.04.1.01.0002"


def _fields(r: object) -> list[str]:
    return [e["field"] for e in r.json()["errors"]]  # type: ignore[attr-defined]


def _ringkasan(c: TestClient, level: str = "program", **params: object) -> dict[str, object]:
    r = c.get(url(2025, "ringkasan"), params={**Q, "level": level, **params})
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body


def test_nodes_are_created_under_existing_parents(client: TestClient) -> None:
    bangun_pohon(client, PROVINSI, 2025)
    r = client.get(url(2025, "nomenklatur"), params={**Q, "tingkat": "sub_kegiatan"})
    assert [n["kode"] for n in r.json()["data"]] == [SUB1, SUB2]
    assert r.json()["data"][0]["induk_kode"] == "1.06.04.1.01"
    r = client.get(url(2025, f"nomenklatur/{SUB2}"), params=Q)
    assert r.status_code == 200 and r.json()["tingkat"] == "sub_kegiatan"
    # A kegiatan whose program does not exist.
    r = client.post(url(2025, "nomenklatur"), params=Q, json={"kode": "1.06.05.1.01", "nama": "X"})
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert _fields(r) == ["kode"] and "1.06.05" in r.json()["errors"][0]["message"]
    # The same code twice.
    r = client.post(url(2025, "nomenklatur"), params=Q, json={"kode": SUB1, "nama": "Lagi"})
    assert r.status_code == 409
    # A code of the wrong shape.
    r = client.post(url(2025, "nomenklatur"), params=Q, json={"kode": "1.6.4", "nama": "X"})
    assert r.status_code == 422 and _fields(r) == ["kode"]
    # Another year is another tree.
    r = client.get(url(2024, "nomenklatur"), params=Q)
    assert r.json()["data"] == []


def test_list_pages_with_a_cursor(client: TestClient) -> None:
    bangun_pohon(client, PROVINSI, 2025)
    r = client.get(url(2025, "nomenklatur"), params={**Q, "limit": 3})
    assert len(r.json()["data"]) == 3 and 'rel="next"' in r.headers["link"]
    r2 = client.get(
        url(2025, "nomenklatur"), params={**Q, "limit": 3, "cursor": r.json()["next_cursor"]}
    )
    assert [n["kode"] for n in r2.json()["data"]] == [SUB2] and r2.json()["next_cursor"] is None


def test_parents_are_derived_and_cannot_hold_a_pagu(client: TestClient) -> None:
    bangun_pohon(client, PROVINSI, 2025)
    r = client.put(url(2025, "dpa/0/pagu/1.06.04.1.01"), params=Q, json={"pagu": 5})
    assert r.status_code == 422 and "sub kegiatan" in r.json()["errors"][0]["message"]
    kegiatan = _ringkasan(client, "kegiatan")["data"]
    assert kegiatan == [
        {
            "kode": "1.06.04.1.01",
            "nama": "Rehabilitasi Sosial Dasar Penyandang Disabilitas",
            "tingkat": "kegiatan",
            "induk_kode": "1.06.04",
            "pagu": 4000000,
            "realisasi": 0,
            "penyerapan": 0,
            "alasan_penyerapan": None,
            "sisa": 4000000,
            "realisasi_fisik": None,
        }
    ]
    # Changing a child changes the parents at once.
    r = client.put(url(2025, f"dpa/0/pagu/{SUB1}"), params=Q, json={"pagu": "1500000.50"})
    assert r.status_code == 200 and r.json()["pagu"] == 1500000.5
    body = _ringkasan(client)
    assert body["data"][0]["pagu"] == 4500000.5 and body["total"]["pagu"] == 4500000.5  # type: ignore[index]


def test_realisation_gives_absorption_and_remainder(client: TestClient) -> None:
    bangun_pohon(client, PROVINSI, 2025)
    for tanggal, jumlah in (
        ("2025-03-15", "250000"),
        ("2025-03-20", 500000),
        ("2025-07-01", 1194750),
    ):
        r = client.post(
            url(2025, "realisasi"),
            params=Q,
            json={"kode": SUB2, "tanggal": tanggal, "jumlah": jumlah, "bukti": "SP2D 001"},
        )
        assert r.status_code == 201, r.text
    sub = {b["kode"]: b for b in _ringkasan(client, "sub_kegiatan")["data"]}  # type: ignore[attr-defined]
    # 1.944.750 / 3.000.000 = 64.825 % -> 64.83 (half up)
    assert sub[SUB2]["realisasi"] == 1944750 and sub[SUB2]["penyerapan"] == 64.83
    assert sub[SUB2]["sisa"] == 1055250
    total = _ringkasan(client)["total"]
    # 1.944.750 / 4.000.000 = 48.61875 % -> 48.62
    assert total == {  # type: ignore[comparison-overlap]
        "pagu": 4000000, "realisasi": 1944750, "penyerapan": 48.62,
        "alasan_penyerapan": None, "sisa": 2055250,
    }  # fmt: skip
    bulan = client.get(url(2025, "bulanan"), params=Q).json()["bulan"]
    assert bulan[2]["realisasi"] == 750000 and bulan[2]["persen_kumulatif"] == 18.75
    assert bulan[5]["kumulatif"] == 750000 and bulan[6]["kumulatif"] == 1944750
    entri = client.get(url(2025, "realisasi"), params={**Q, "kode": "1.06.04"}).json()["data"]
    assert [e["jumlah"] for e in entri] == [250000, 500000, 1194750]
    assert entri[0]["bukti"] == "SP2D 001"


def test_corrections_and_bad_realisations(client: TestClient) -> None:
    bangun_pohon(client, PROVINSI, 2025)
    post = lambda body: client.post(url(2025, "realisasi"), params=Q, json=body)  # noqa: E731
    assert post({"kode": SUB1, "tanggal": "2025-02-01", "jumlah": 100}).status_code == 201
    assert post({"kode": SUB1, "tanggal": "2025-02-02", "jumlah": -40}).status_code == 201
    r = post({"kode": SUB1, "tanggal": "2025-02-03", "jumlah": -61})
    assert r.status_code == 422 and _fields(r) == ["jumlah"]
    r = post({"kode": SUB1, "tanggal": "2024-12-31", "jumlah": 1})
    assert r.status_code == 422 and _fields(r) == ["tanggal"]
    r = post({"kode": "1.06.04.1.01.0009", "tanggal": "2025-02-03", "jumlah": 1})
    assert r.status_code == 422 and _fields(r) == ["kode"]
    r = post({"kode": SUB1, "tanggal": "2025-02-03", "jumlah": "1e5"})
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    sub = {b["kode"]: b for b in _ringkasan(client, "sub_kegiatan")["data"]}  # type: ignore[attr-defined]
    assert sub[SUB1]["realisasi"] == 60


def test_physical_progress_latest_counts(client: TestClient) -> None:
    bangun_pohon(client, PROVINSI, 2025)
    for tanggal, persen in (("2025-06-30", 40), ("2025-09-30", "75.5")):
        body = {"kode": SUB1, "tanggal": tanggal, "persen": persen}
        assert client.post(url(2025, "realisasi-fisik"), params=Q, json=body).status_code == 201
    r = client.post(url(2025, "realisasi-fisik"), params=Q,
                    json={"kode": SUB1, "tanggal": "2025-10-01", "persen": 101})  # fmt: skip
    assert r.status_code == 422 and _fields(r) == ["persen"]
    sub = {b["kode"]: b for b in _ringkasan(client, "sub_kegiatan")["data"]}  # type: ignore[attr-defined]
    assert sub[SUB1]["realisasi_fisik"] == 75.5 and sub[SUB2]["realisasi_fisik"] is None
    assert len(client.get(url(2025, "realisasi-fisik"), params=Q).json()["data"]) == 2


def test_realisation_lists_page_with_a_cursor(client: TestClient) -> None:
    # Their rows are an entry and its sub kegiatan's code: the cursor is read from the entry.
    bangun_pohon(client, PROVINSI, 2025)
    for jenis, nilai in (("realisasi", "jumlah"), ("realisasi-fisik", "persen")):
        for i, tanggal in enumerate(("2025-03-31", "2025-06-30", "2025-09-30"), start=1):
            body = {"kode": SUB1, "tanggal": tanggal, nilai: 10 * i}
            assert client.post(url(2025, jenis), params=Q, json=body).status_code == 201
        terlihat = []
        params: dict[str, object] = {**Q, "limit": 2}
        while True:
            r = client.get(url(2025, jenis), params=params)
            assert r.status_code == 200, r.text
            terlihat += [e[nilai] for e in r.json()["data"]]
            if r.json()["next_cursor"] is None:
                break
            assert 'rel="next"' in r.headers["link"]
            params["cursor"] = r.json()["next_cursor"]
        assert terlihat == [10, 20, 30], jenis


def test_versions_each_hold_their_own_pagu(client: TestClient) -> None:
    bangun_pohon(client, PROVINSI, 2025)
    r = client.post(
        url(2025, "dpa"), params=Q, json={"tanggal": "2025-08-15", "keterangan": "DPPA I"}
    )
    assert r.status_code == 201 and r.json()["nomor"] == 1 and r.json()["jenis"] == "perubahan"
    assert r.json()["total_pagu"] == 4000000  # starts as a copy of the murni
    assert (
        client.put(url(2025, f"dpa/1/pagu/{SUB2}"), params=Q, json={"pagu": 2000000}).status_code
        == 200
    )
    # The old version is a settled document.
    r = client.put(url(2025, f"dpa/0/pagu/{SUB2}"), params=Q, json={"pagu": 1})
    assert r.status_code == 409
    assert _ringkasan(client)["total"]["pagu"] == 3000000  # type: ignore[index]
    assert _ringkasan(client)["versi"] == 1
    murni = _ringkasan(client, versi=0)
    assert murni["versi"] == 0 and murni["total"]["pagu"] == 4000000  # type: ignore[index]
    assert client.get(url(2025, "ringkasan"), params={**Q, "versi": 7}).status_code == 404
    versi = client.get(url(2025, "dpa"), params=Q).json()["data"]
    assert [(v["nomor"], v["total_pagu"]) for v in versi] == [(0, 4000000), (1, 3000000)]
    r = client.post(url(2025, "dpa"), params=Q, json={"tanggal": "2025-08-01"})
    assert r.status_code == 422 and _fields(r) == ["tanggal"]  # before DPPA I


def test_no_version_yet_means_no_pagu(client: TestClient) -> None:
    client.post(url(2026, "nomenklatur"), params=Q, json={"kode": "1.06.04", "nama": "P"})
    body = client.get(url(2026, "ringkasan"), params=Q).json()
    assert body["versi"] is None and body["total"]["pagu"] == 0
    assert body["total"]["penyerapan"] is None and "pagu" in body["total"]["alasan_penyerapan"]


def test_revenue_target_and_realisation(client: TestClient) -> None:
    r = client.post(url(2025, "pendapatan"), params=Q, json={"target": 100000000})
    assert r.status_code == 201 and r.json()["capaian"] is None
    assert client.post(url(2025, "pendapatan"), params=Q, json={"target": 1}).status_code == 409
    r = client.patch(url(2025, "pendapatan"), params=Q, json={"realisasi": 1})
    assert r.status_code == 428
    r = client.patch(url(2025, "pendapatan"), params=Q, json={"realisasi": 1},
                     headers={"If-Match": '"lama"'})  # fmt: skip
    assert r.status_code == 412
    tag = client.get(url(2025, "pendapatan"), params=Q).headers["etag"]
    r = client.patch(url(2025, "pendapatan"), params=Q, json={"realisasi": "87654321"},
                     headers={"If-Match": tag})  # fmt: skip
    # 87.654.321 / 100.000.000 = 87.654321 % -> 87.65
    assert r.status_code == 200 and r.json()["capaian"] == 87.65 and r.json()["versi"] == 2
    assert r.headers["etag"] != tag


def test_amounts_are_bounded_by_their_column(client: TestClient) -> None:
    # Money is NUMERIC(18,2): 9.127e16 overflowed it (500 on PostgreSQL), 1e-05 was rounded to
    # 0.00 without a word. Both are refused, each field named, and nothing is written.
    r = client.post(
        url(2025, "pendapatan"), params=Q, json={"realisasi": 9.127e16, "target": 1e-05}
    )
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert sorted(_fields(r)) == ["realisasi", "target"]
    assert "16 digit sebelum koma" in r.json()["errors"][0]["message"]
    assert client.get(url(2025, "pendapatan"), params=Q).status_code == 404
    # The largest amount the column holds is accepted, as a number and as a string.
    terbesar = "9999999999999999.99"
    r = client.post(url(2025, "pendapatan"), params=Q, json={"target": terbesar, "realisasi": 1})
    assert r.status_code == 201, r.text
    assert client.get(url(2025, "pendapatan"), params=Q).json()["target"] == float(terbesar)
    bangun_pohon(client, PROVINSI, 2025)
    r = client.post(url(2025, "realisasi"), params=Q,
                    json={"kode": SUB1, "tanggal": "2025-02-01", "jumlah": "1.005"})  # fmt: skip
    assert r.status_code == 422 and _fields(r) == ["jumlah"]
    assert "2 angka di belakang koma" in r.json()["errors"][0]["message"]


def test_a_district_operator_writes_only_its_own_office(
    anon: TestClient, masuk_sebagai: MasukSebagai
) -> None:
    kupang = masuk_sebagai("operator_kabkota", "5301")
    body = {"kode": "1.06.04", "nama": "Program Rehabilitasi Sosial"}
    for lain in (ROTE_NDAO, PROVINSI):
        r = anon.post(url(2025, "nomenklatur"), params={"perangkat_daerah": lain}, json=body,
                      headers=kupang)  # fmt: skip
        assert r.status_code == 403 and r.headers["content-type"] == PROBLEM
    bangun_pohon(anon, KUPANG, 2025, kupang)
    # It cannot write into the province's tree either, even to an existing sub kegiatan.
    bangun_pohon(anon, PROVINSI, 2025, masuk_sebagai("operator_provinsi"))
    body = {"kode": SUB1, "tanggal": "2025-01-02", "jumlah": 1}
    r = anon.post(url(2025, "realisasi"), params={"perangkat_daerah": PROVINSI}, json=body,
                  headers=kupang)  # fmt: skip
    assert r.status_code == 403
    # Reading is open to every role; writing is not.
    analis = masuk_sebagai("analis")
    r = anon.get(url(2025, "ringkasan"), params={"perangkat_daerah": KUPANG}, headers=analis)
    assert r.status_code == 200 and r.json()["total"]["pagu"] == 4000000
    r = anon.post(url(2025, "dpa"), params={"perangkat_daerah": KUPANG}, json={}, headers=analis)
    assert r.status_code == 403
    r = anon.get(url(2025, "ringkasan"), params={"perangkat_daerah": "dinsos_9999"}, headers=analis)
    assert r.status_code == 404
    assert anon.get(url(2025, "ringkasan"), params={"perangkat_daerah": KUPANG}).status_code == 401
