"""Synthetic demo data: deterministic, plausible, and attachments that real readers accept."""

from __future__ import annotations

import io
import json
import random
import re
import struct
import zlib
from datetime import date

import pytest
from pypdf import PdfReader

from backoffice.demo.generator import (
    CITY,
    POSTCODES,
    generate_application,
    generate_applications,
    id_scan_png,
    payslip_pdf,
)
from backoffice.domain.catalog import Service
from backoffice.rules.elterngeld_months import month_of_life_period

TODAY = date(2026, 3, 15)
NAME = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")


def _age(birth: str, today: date = TODAY) -> int:
    b = date.fromisoformat(birth)
    return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


def _wbs_income(app: dict) -> float:
    """§ 15 WFNG NRW: gross − Werbungskosten, minus 12 % per kind of contribution paid."""
    return sum((i["gross_annual"] - i["werbungskosten"]) * (1 - 0.12 * len(i["deductions"]))
               for m in app["members"] for i in m["incomes"])


def _wbs_limit_2025(persons: int, children: int) -> int:
    # Test-only copy of the 2025 row of domain-rules.md § 1, to check the generated mix.
    return 23540 + (28350 - 23540) * (persons >= 2) + 6530 * max(0, persons - 2) + 860 * children


# --- determinism ----------------------------------------------------------------------


@pytest.mark.parametrize("service", list(Service))
def test_same_seed_same_data_other_seed_other_data(service):
    first = generate_applications(service, 25, seed=42, today=TODAY)
    again = generate_applications(service, 25, seed=42, today=TODAY)
    other = generate_applications(service, 25, seed=43, today=TODAY)
    assert json.dumps(first, ensure_ascii=False) == json.dumps(again, ensure_ascii=False)
    assert first != other
    assert generate_application(service, random.Random(7), TODAY) == generate_application(
        service, random.Random(7), TODAY
    )


def test_services_do_not_share_one_random_stream():
    wbs = generate_applications(Service.WBS, 1, seed=1, today=TODAY)[0]
    fz = generate_applications(Service.FUEHRUNGSZEUGNIS, 1, seed=1, today=TODAY)[0]
    assert wbs["applicant"] != fz["applicant"]


# --- plausibility ---------------------------------------------------------------------


@pytest.mark.parametrize("service", list(Service))
def test_addresses_are_in_muelheim_and_names_look_like_names(service):
    apps = generate_applications(service, 200, seed=3, today=TODAY)
    for app in apps:
        applicant = app["applicant"]
        assert applicant["address"]["postcode"] in POSTCODES
        assert 45468 <= int(applicant["address"]["postcode"]) <= 45481
        assert applicant["address"]["city"] == CITY == "Mülheim an der Ruhr"
        assert NAME.fullmatch(applicant["given_name"]) and NAME.fullmatch(applicant["family_name"])
        assert applicant.get("email", "x@example.org").rsplit("@", 1)[1] in {"example.org", "example.com",
                                                                           "example.net"}
        assert re.fullmatch(r"0\d{2,4} \d{6,7}", applicant.get("phone", "0208 123456"))
    family_names = {a["applicant"]["family_name"] for a in apps}
    assert len(family_names) > 40
    assert any(ch in "".join(family_names) for ch in "äöüÄÖÜß")


def test_wbs_household_is_consistent_with_members():
    for app in generate_applications(Service.WBS, 300, seed=5, today=TODAY):
        members, household = app["members"], app["household"]
        assert household["persons"] == len(members)
        assert household["children"] == sum(m["relationship"] == "child" for m in members)
        assert members[0]["relationship"] == "applicant"
        assert {k: members[0][k] for k in ("given_name", "family_name", "birth_date")} == {
            k: app["applicant"][k] for k in ("given_name", "family_name", "birth_date")
        }
        assert all(_age(m["birth_date"]) < 18 for m in members if m["relationship"] == "child")
        assert 1 <= household["persons"] <= 6


def test_wbs_mix_produces_both_outcomes():
    apps = generate_applications(Service.WBS, 1000, seed=11, today=TODAY)
    under = sum(_wbs_income(a) <= _wbs_limit_2025(a["household"]["persons"], a["household"]["children"])
                for a in apps)
    assert 0.35 <= under / len(apps) <= 0.70
    employed = [i["gross_annual"] for a in apps for m in a["members"] for i in m["incomes"]
                if i["kind"] == "employment" and m["relationship"] != "child"]
    assert sum(12000 <= g <= 45000 for g in employed) / len(employed) > 0.6


def test_elterngeld_child_is_young_and_month_plan_refers_to_listed_parents():
    apps = generate_applications(Service.ELTERNGELD, 300, seed=8, today=TODAY)
    for app in apps:
        age_days = (TODAY - date.fromisoformat(app["child"]["birth_date"])).days
        assert 0 <= age_days <= 310
        assert all(e["parent_index"] < len(app["parents"]) for e in app["month_plan"])
        assert all(0 <= p["net_income_before"] <= 4000 for p in app["parents"])
        if app["single_parent"]:
            assert len(app["parents"]) == 1
    assert any(a["sibling_bonus"] for a in apps)
    assert 0 < sum(a["child"]["children_born"] > 1 for a in apps) < 30  # twins: rare but present


def test_elterngeld_forms_carry_maternity_benefits_and_part_time_income_of_schema_1_1_0():
    """An employed mother's maternity benefits cover the 56 days after the birth (84 after a multiple birth,
    § 3 Abs. 2 MuSchG), month by month of life; an employee drawing only ElterngeldPlus reports income."""
    apps = generate_applications(Service.ELTERNGELD, 300, seed=8, today=TODAY)
    with_benefits = [a for a in apps if "maternity_benefits" in a]
    assert 0 < len(with_benefits) < len(apps)
    for app in with_benefits:
        mother = app["parents"][app["maternity_benefits"][0]["parent_index"]]
        assert mother["role"] == "mother" and mother["employment"] == "employed"
        born = date.fromisoformat(app["child"]["birth_date"])
        months = [e["month_of_life"] for e in app["maternity_benefits"]]
        assert months == list(range(1, len(months) + 1))
        lengths = [(end - start).days + 1 for start, end in
                   (month_of_life_period(born, m) for m in months)]  # § 188 BGB, tested with the rules
        days = [e.get("days", n) for e, n in zip(app["maternity_benefits"], lengths, strict=True)]
        assert sum(days) == (84 if app["child"]["children_born"] > 1 else 56)
        assert all("days" not in e for e in app["maternity_benefits"][:-1])  # only the last month is partial
        assert app["maternity_benefits"][0]["amount"] > 0
    part_time = [(a, p) for a in apps for p in a["parents"] if "net_income_after" in p]
    assert part_time
    for app, parent in part_time:
        idx = app["parents"].index(parent)
        assert {m["variant"] for m in app["month_plan"] if m["parent_index"] == idx} == {"plus"}
        assert 0 < parent["net_income_after"] < parent["net_income_before"]


def test_fuehrungszeugnis_mix():
    apps = generate_applications(Service.FUEHRUNGSZEUGNIS, 400, seed=9, today=TODAY)
    assert all(_age(a["applicant"]["birth_date"]) >= 14 for a in apps)
    assert sum(a["belegart"] == "N" for a in apps) > len(apps) / 2
    assert sum(a["registered_in_city"] for a in apps) > 0.85 * len(apps)
    for app in apps:
        if app["belegart"] == "O":
            assert app["receiving_authority"]["name"]
        if app["kind"] == "extended":
            assert app["organisation_request_present"] is True
    assert {a["kind"] for a in apps} == {"standard", "extended", "european"}
    assert any(a["belegart"] == "O" and "Amt für Kinder, Jugend und Schule" in a["receiving_authority"]["name"]
               for a in apps)


# --- attachments ----------------------------------------------------------------------


def test_payslip_is_a_readable_deterministic_pdf():
    pdf = payslip_pdf(random.Random(1), "Jürgen Schäfer", "2026-02", 3200.0, 2150.55)
    assert pdf.startswith(b"%PDF")
    assert pdf == payslip_pdf(random.Random(1), "Jürgen Schäfer", "2026-02", 3200.0, 2150.55)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Entgeltabrechnung Februar 2026" in text
    assert "Jürgen Schäfer" in text
    assert "3.200,00 €" in text and "2.150,55 €" in text


def test_payslip_accepts_a_date_as_month():
    text = PdfReader(io.BytesIO(payslip_pdf(random.Random(2), "Ayşe Öztürk", date(2025, 3, 1), 2500, 1700)))
    assert "Entgeltabrechnung März 2025" in text.pages[0].extract_text()


def _chunks(png: bytes):
    pos = 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        yield kind, data
        pos += 12 + length


def test_id_scan_is_a_valid_png_of_the_declared_size():
    png = id_scan_png(random.Random(3), "Małgorzata Kowalski")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    chunks = list(_chunks(png))
    assert [k for k, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (width, height, depth, interlace) == (320, 200, 8, 0)
    channels = {2: 3, 6: 4}[colour]
    raw = zlib.decompress(chunks[1][1])
    assert len(raw) == height * (1 + width * channels)
    assert all(raw[y * (1 + width * channels)] == 0 for y in range(height))  # filter byte "none"
    assert png == id_scan_png(random.Random(3), "Małgorzata Kowalski")
    assert png != id_scan_png(random.Random(4), "Małgorzata Kowalski")
