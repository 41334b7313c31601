"""Form schemas: every generated application validates, bad input gives German messages with paths."""

from __future__ import annotations

import copy
import json
import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from backoffice import schemas
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.domain.errors import DomainError, UnknownSchema, ValidationFailed
from backoffice.domain.records import Applicant
from backoffice.schemas import CURRENT, applicant_from_form, load_schema, schema_uri, validate_form

TODAY = date(2026, 3, 15)


def _app(service: Service, seed: int = 1) -> dict:
    return generate_application(service, random.Random(seed), TODAY)


def _fz(**changes) -> dict:
    data = _app(Service.FUEHRUNGSZEUGNIS)
    for key in ("receiving_authority", "authority_file_number", "organisation_request_present"):
        data.pop(key, None)
    data.update(belegart="N", kind="standard")
    assert validate_form(schema_uri(Service.FUEHRUNGSZEUGNIS), data) == []
    return {**data, **changes}


# --- the schema files ------------------------------------------------------------------


@pytest.mark.parametrize("service", list(Service))
def test_schema_file_is_valid_2020_12_with_expected_id(service):
    path = schemas.SCHEMA_DIR / f"{service.value}-{CURRENT[service]}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:de:muelheim-ruhr:backoffice:schema:{service.value}:{CURRENT[service]}"
    assert schema == load_schema(schema_uri(service))


def test_elterngeld_1_1_0_adds_income_after_birth_and_maternity_benefits_and_still_reads_1_0_0_forms():
    """§ 2 Abs. 3 BEEG (income after the birth) and § 3 Abs. 1 Satz 1 Nr. 1 BEEG (maternity benefits) come from the
    form; a form filed under 1.0.0 keeps its schema and stays valid under it."""
    old, new = (load_schema(schema_uri(Service.ELTERNGELD, v)) for v in ("1.0.0", "1.1.0"))
    assert CURRENT[Service.ELTERNGELD] == "1.1.0"
    assert "net_income_after" in new["properties"]["parents"]["items"]["properties"]
    assert "net_income_after" not in old["properties"]["parents"]["items"]["properties"]
    assert set(new["properties"]) - set(old["properties"]) == {"maternity_benefits"}
    assert set(new["required"]) == set(old["required"])  # only optional additions: 1.0.0 forms are valid 1.1.0 forms
    uri = schema_uri(Service.ELTERNGELD)
    form = _app(Service.ELTERNGELD, 7)
    form.pop("maternity_benefits", None)  # as a 1.0.0 form: without the two new fields
    for parent in form["parents"]:
        parent.pop("net_income_after", None)
    assert validate_form(schema_uri(Service.ELTERNGELD, "1.0.0"), form) == []
    form["parents"][0]["net_income_after"] = 800
    form["maternity_benefits"] = [{"month_of_life": 1, "amount": 1650.5}, {"month_of_life": 2, "amount": 420, "days": 8}]
    assert validate_form(uri, form) == []
    assert validate_form(schema_uri(Service.ELTERNGELD, "1.0.0"), form) != []
    form["maternity_benefits"][1]["days"] = 32
    assert any("maternity_benefits" in p for p in validate_form(uri, form))


def _objects(node, path="$"):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{path}[{i}]")


@pytest.mark.parametrize("service", list(Service))
def test_every_object_level_is_closed_and_every_property_has_a_german_title(service):
    schema = load_schema(schema_uri(service))
    objects = list(_objects(schema))
    assert len(objects) >= 3
    for path, node in objects:
        assert node.get("additionalProperties") is False, path
        for name, prop in node["properties"].items():
            assert prop.get("title"), f"{path}.{name} has no title"


@pytest.mark.parametrize("service", list(Service))
def test_applicant_block_is_required_with_address(service):
    schema = load_schema(schema_uri(service))
    applicant = schema["properties"]["applicant"]
    assert "applicant" in schema["required"]
    assert set(applicant["required"]) == {"given_name", "family_name", "birth_date", "address"}
    assert applicant["properties"]["email"]["format"] == "email"
    assert applicant["properties"]["address"]["properties"]["postcode"]["pattern"] == "^[0-9]{5}$"


def test_schema_uri_defaults_to_current_version():
    assert schema_uri(Service.WBS) == "urn:de:muelheim-ruhr:backoffice:schema:wbs:1.0.0"
    assert schema_uri(Service.ELTERNGELD, "2.0.0") == "urn:de:muelheim-ruhr:backoffice:schema:elterngeld:2.0.0"
    assert set(CURRENT) == set(Service)


def test_load_schema_returns_a_copy():
    uri = schema_uri(Service.WBS)
    load_schema(uri)["properties"].clear()
    assert "applicant" in load_schema(uri)["properties"]


# --- generated applications validate ---------------------------------------------------


@pytest.mark.parametrize("service", list(Service))
def test_two_hundred_generated_applications_validate(service):
    uri = schema_uri(service)
    for seed in range(200):
        assert validate_form(uri, _app(service, seed)) == [], seed


@settings(max_examples=60, deadline=None)
@given(
    service=st.sampled_from(list(Service)),
    seed=st.integers(min_value=0, max_value=2**32),
    today=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
)
def test_generated_applications_validate_for_any_seed_and_day(service, seed, today):
    assert validate_form(schema_uri(service), generate_application(service, random.Random(seed), today)) == []


# --- German problem messages -----------------------------------------------------------


def test_missing_required_field_is_named_by_path():
    data = _app(Service.WBS)
    del data["household"]["persons"]
    assert validate_form(schema_uri(Service.WBS), data) == ["household.persons: Pflichtfeld fehlt"]


def test_bad_postcode():
    data = _app(Service.WBS)
    data["applicant"]["address"]["postcode"] = "4546"
    (problem,) = validate_form(schema_uri(Service.WBS), data)
    assert problem.startswith("applicant.address.postcode: '4546' entspricht nicht dem Muster ^[0-9]{5}$")


def test_impossible_date_is_reported():
    data = _app(Service.ELTERNGELD)
    data["applicant"]["birth_date"] = "2026-02-30"
    data["child"]["birth_date"] = "15.03.2026"
    assert validate_form(schema_uri(Service.ELTERNGELD), data) == [
        "applicant.birth_date: '2026-02-30' ist kein gültiges Datum (JJJJ-MM-TT)",
        "child.birth_date: '15.03.2026' ist kein gültiges Datum (JJJJ-MM-TT)",
    ]


def test_invalid_email_is_reported():
    data = _app(Service.WBS)
    data["applicant"]["email"] = "mueller.example.org"
    assert validate_form(schema_uri(Service.WBS), data) == [
        "applicant.email: 'mueller.example.org' ist keine gültige E-Mail-Adresse"
    ]


def test_belegart_o_requires_receiving_authority():
    uri = schema_uri(Service.FUEHRUNGSZEUGNIS)
    problems = validate_form(uri, _fz(belegart="O"))
    assert len(problems) == 1
    assert problems[0].startswith("receiving_authority: Pflichtfeld fehlt (Bei Belegart O")
    authority = {"name": "Bezirksregierung Düsseldorf", "street": "Cecilienallee 2", "postcode": "40474",
                 "city": "Düsseldorf"}
    assert validate_form(uri, _fz(belegart="O", receiving_authority=authority)) == []


def test_extended_requires_the_organisations_request():
    uri = schema_uri(Service.FUEHRUNGSZEUGNIS)
    assert validate_form(uri, _fz(kind="extended")) == [
        "organisation_request_present: Pflichtfeld fehlt (Das erweiterte Führungszeugnis setzt die schriftliche "
        "Aufforderung der Organisation voraus.)"
    ]
    (problem,) = validate_form(uri, _fz(kind="extended", organisation_request_present=False))
    assert problem.startswith("organisation_request_present: muss ja sein")
    assert validate_form(uri, _fz(kind="extended", organisation_request_present=True)) == []


def test_nested_array_paths_enum_and_unknown_fields_sorted_by_path():
    data = _app(Service.WBS, seed=4)
    data["members"] = [copy.deepcopy(data["members"][0]) for _ in range(11)]
    data["members"][10]["incomes"] = [{"kind": "lottery", "gross_annual": -1, "werbungskosten": 0,
                                       "deductions": ["tax", "tax"]}]
    data["members"][2]["relationship"] = "cousin"
    data["household"]["pets"] = 2
    assert validate_form(schema_uri(Service.WBS), data) == [
        "household.pets: unbekanntes Feld",
        "members[2].relationship: 'cousin' ist kein zulässiger Wert (erlaubt: applicant, spouse, partner, child, other)",
        "members[10].incomes[0].deductions: enthält doppelte Einträge",
        "members[10].incomes[0].gross_annual: muss mindestens 0 sein",
        "members[10].incomes[0].kind: 'lottery' ist kein zulässiger Wert "
        "(erlaubt: employment, self_employment, pension, unemployment_benefit, other)",
    ]


def test_wrong_types_and_non_object_form():
    data = _app(Service.ELTERNGELD)
    data["sibling_bonus"] = "ja"
    data["parents"][0]["tax_class"] = 7
    uri = schema_uri(Service.ELTERNGELD)
    assert validate_form(uri, data) == [
        "parents[0].tax_class: darf höchstens 6 sein",
        "sibling_bonus: muss vom Typ ja/nein sein",
    ]
    assert validate_form(uri, []) == ["Formular: muss vom Typ Objekt sein"]


def test_unknown_schema_uri_raises():
    with pytest.raises(UnknownSchema) as excinfo:
        load_schema("urn:de:muelheim-ruhr:backoffice:schema:wbs:9.9.9")
    assert isinstance(excinfo.value, DomainError)
    with pytest.raises(UnknownSchema):
        validate_form("urn:de:muelheim-ruhr:backoffice:schema:../../etc/passwd", {})


# --- applicant_from_form ---------------------------------------------------------------


def test_applicant_from_form_maps_every_field():
    form = {"applicant": {
        "given_name": "Jürgen", "family_name": "Öztürk", "birth_date": "1980-02-29",
        "address": {"street": "Schloßstraße", "house_number": "12a", "postcode": "45468",
                    "city": "Mülheim an der Ruhr"},
        "email": "juergen.oeztuerk@example.org", "phone": "0208 455123",
    }}
    assert applicant_from_form(form) == Applicant(
        given_name="Jürgen", family_name="Öztürk", birth_date=date(1980, 2, 29), street="Schloßstraße",
        house_number="12a", postcode="45468", city="Mülheim an der Ruhr", email="juergen.oeztuerk@example.org",
        phone="0208 455123",
    )


def test_applicant_from_form_optional_fields_default_to_empty():
    form = _app(Service.FUEHRUNGSZEUGNIS)
    form["applicant"].pop("email", None)
    form["applicant"].pop("phone", None)
    applicant = applicant_from_form(form)
    assert (applicant.email, applicant.phone) == ("", "")
    assert applicant.birth_date == date.fromisoformat(form["applicant"]["birth_date"])
    assert applicant.full_name == f"{form['applicant']['given_name']} {form['applicant']['family_name']}"


def test_applicant_from_form_rejects_unusable_input():
    with pytest.raises(ValidationFailed):
        applicant_from_form({})
    form = _app(Service.WBS)
    form["applicant"]["birth_date"] = "2026-02-30"
    with pytest.raises(ValidationFailed, match="birth_date"):
        applicant_from_form(form)


def test_a_count_of_one_is_said_in_the_singular_and_every_problem_renders_in_english() -> None:
    from backoffice.texts import missing_translations, render

    form = _app(Service.WBS)
    form["members"] = []
    problems = validate_form(schema_uri(Service.WBS), form)
    assert "members: muss mindestens einen Eintrag haben" in problems
    assert not any("1 Einträge" in p for p in problems)
    assert "members: must have at least one entry" in [render(p, "en") for p in problems]
    assert all(not missing_translations(p) for p in problems)
