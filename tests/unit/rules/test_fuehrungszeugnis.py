"""Führungszeugnis: entitlement at the Bürgeramt and the fee to collect."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from backoffice.rules import RuleInputError, age_on, fuehrungszeugnis_from_json

D = Decimal


def fz(**overrides: Any):
    data = {"application_date": "2026-03-10", "birth_date": "1990-05-05", "registered_in_city": True,
            "applicant_role": "self", "kind": "N", **overrides}
    return fuehrungszeugnis_from_json(data)


def test_standard_case_is_entitled_and_pays_13() -> None:
    r = fz()
    assert r.entitled and r.reasons == ()
    assert (r.fee, r.fee_due, r.fee_status, r.fee_legal_basis) == (D("13.00"), D("13.00"), "due", "Nr. 1130 KV JVKostG")
    assert "§ 30 Abs. 1 und 2 BZRG" in r.legal_basis


def test_european_costs_13_under_nr_1130_since_nr_1131_fell_away() -> None:
    """JVKostG KV as amended by Art. 48 G v. 10.8.2021 (consolidated text, bundestag/gesetze j/jvkostg): Nr. 1130
    "Führungszeugnis nach § 30, § 30a oder § 30b BZRG 13,00 €", Nr. 1131 "(weggefallen)"."""
    r = fz(kind="european")
    assert (r.fee_due, r.fee_legal_basis) == (D("13.00"), "Nr. 1130 KV JVKostG") and "§ 30b BZRG" in r.legal_basis
    assert r.notices == () and r.rules_applied[-1] == "fuehrungszeugnis.fees@2021-08-17"


def test_european_fee_of_17_before_the_consolidated_text_carries_its_doubt_as_a_notice() -> None:
    old = fz(kind="european", application_date="2019-06-03")
    assert (old.fee_due, old.fee_legal_basis) == (D("17.00"), "Nr. 1131 KV JVKostG")
    assert any("Nr. 1131 weggefallen" in str(n) for n in old.notices)
    assert fz(application_date="2019-06-03").notices == ()  # the standard fee of 13 € is not in doubt


@pytest.mark.parametrize(("applied", "entitled", "age"), [("2026-03-09", False, 13), ("2026-03-10", True, 14),
                                                           ("2026-03-11", True, 14)])
def test_age_13_and_14_on_the_birthday(applied: str, entitled: bool, age: int) -> None:
    r = fz(application_date=applied, birth_date="2012-03-10")
    assert (r.entitled, r.age) == (entitled, age)
    if not entitled:
        assert "14. Lebensjahres" in r.reasons[0] and r.fee_due == D("0.00") and r.fee_status == "not_applicable"


def test_born_on_29_february() -> None:
    assert age_on(date(2012, 2, 29), date(2026, 2, 28)) == 13
    assert age_on(date(2012, 2, 29), date(2026, 3, 1)) == 14
    assert age_on(date(2012, 2, 29), date(2028, 2, 29)) == 16


def test_not_registered_is_referred_to_the_meldebehoerde_of_the_residence() -> None:
    r = fz(registered_in_city=False)  # the letter's fz_refusal_referral block adds the BfJ online route (§ 30c BZRG)
    assert not r.entitled and "Meldebehörde Ihres Wohnorts" in r.reasons[0]


def test_proxy_is_refused_legal_representative_allowed() -> None:
    refused = fz(applicant_role="proxy")
    assert not refused.entitled and "bevollmächtigte Person" in refused.reasons[0]
    allowed = fz(applicant_role="legal_representative")
    assert allowed.entitled and "Vertretungsmacht" in allowed.reasons[0]


def test_extended_needs_the_written_request() -> None:
    assert not fz(kind="extended").entitled
    assert "§ 30a Abs. 2" in fz(kind="extended").reasons[0]
    assert fz(kind="extended", has_organisation_request=True).entitled


def test_all_refusal_grounds_are_listed() -> None:
    r = fz(birth_date="2015-01-01", registered_in_city=False, applicant_role="proxy", kind="extended")
    assert len(r.reasons) == 4


@pytest.mark.parametrize(
    ("exemption", "proof", "due", "status"),
    [("volunteer", True, "0.00", "exempt"), ("volunteer", False, "13.00", "due"),
     ("lack_of_means", False, "0.00", "provisional_none"), ("none", True, "13.00", "due")],
)
def test_fee_exemptions(exemption: str, proof: bool, due: str, status: str) -> None:
    r = fz(fee_exemption=exemption, volunteer_proof=proof)
    assert (r.fee, r.fee_due, r.fee_status) == (D("13.00"), D(due), status)
    if exemption == "lack_of_means":
        assert any("Bundesamt für Justiz" in x for x in r.reasons)
    if exemption == "volunteer" and not proof:
        assert any("Nachweis" in x for x in r.reasons)


def test_fee_table_boundary() -> None:
    assert fz(application_date="2013-08-01").fee == D("13.00")
    with pytest.raises(RuleInputError, match="fees"):
        fz(application_date="2013-07-31")


def test_bad_input() -> None:
    with pytest.raises(RuleInputError) as err:
        fuehrungszeugnis_from_json({"application_date": "2026-01-01", "birth_date": "2027-01-01",
                                    "registered_in_city": 1, "applicant_role": "friend", "kind": "N"})
    assert len(err.value.problems) == 3
    assert any("nach dem Antragsdatum" in p for p in err.value.problems)


def test_json_contract() -> None:
    data = fz(kind="O").as_json()
    assert data["entitled"] is True and data["fee"] == "13.00" and data["fee_legal_basis"] == "Nr. 1130 KV JVKostG"
    assert any("Behörde" in x for x in data["reasons"])


def test_refusal_grounds_address_the_applicant() -> None:
    """The grounds go into the Bescheid as they are: they speak to the applicant ("Sie"), not about "die Person"."""
    r = fz(birth_date="2015-01-01", registered_in_city=False, applicant_role="proxy", kind="extended")
    assert all(" Sie " in f" {x}" or x.startswith("Sie ") for x in r.reasons), r.reasons
    assert not any("Die Person" in x or "antragstellende Person" in x for x in r.reasons)
    for_child = fz(birth_date="2015-01-01", applicant_role="legal_representative")
    assert "für die Sie das Führungszeugnis beantragen" in for_child.reasons[0]


def test_volunteer_exemption_cites_vorbemerkung_1_1_3_and_lack_of_means_section_10() -> None:
    """Vorbemerkung 1.1.3 KV JVKostG: "Die Gebühr 1130 wird nicht erhoben, wenn ein Führungszeugnis zur Ausübung
    einer ehrenamtlichen Tätigkeit benötigt wird, die für eine gemeinnützige Einrichtung, für eine Behörde oder im
    Rahmen eines der in § 32 Abs. 4 Nr. 2 Buchstabe d EStG genannten Dienste ausgeübt wird." § 10 JVKostG is the
    BfJ's discretion for lack of means (BfJ-Merkblatt zur Erhebung von Gebühren für das Führungszeugnis)."""
    volunteer = fz(fee_exemption="volunteer", volunteer_proof=True)
    assert volunteer.fee_legal_basis == "Nr. 1130 KV JVKostG, Vorbemerkung 1.1.3 KV JVKostG"
    assert "§ 10" not in " ".join(volunteer.reasons) + volunteer.fee_legal_basis
    assert any("Vorbemerkung 1.1.3 KV JVKostG" in x for x in volunteer.reasons)
    means = fz(fee_exemption="lack_of_means")
    assert any("§ 10 JVKostG" in x for x in means.reasons)
    assert "Vorbemerkung 1.1.3 KV JVKostG" in " ".join(fz(fee_exemption="volunteer").reasons)


def test_fee_paid_is_recorded_only_for_a_fee_that_is_due() -> None:
    """§ 30 Abs. 2 Satz 4 BZRG: the Meldebehörde takes the fee; the clerk confirms payment with fee_paid."""
    assert fz().fee_paid is False
    assert fz(fee_paid=True).fee_paid is True and fz(fee_paid=True).as_json()["fee_paid"] is True
    assert fz(fee_paid=True, fee_exemption="lack_of_means").fee_paid is False
