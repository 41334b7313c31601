"""The demo portal's own checks agree with the subscriber where the docs say the same, and refuse
what the docs forbid, without sharing code with the subscriber."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from jwcrypto import jwk, jws

from backoffice.demo.portal import checks, faults, jose
from backoffice.domain import problem_types as problems
from backoffice.portal import crypto

from .imports import imported_names, within

DEST, SUB, CASE = (str(uuid.uuid4()) for _ in range(3))


def test_the_two_problem_tables_written_from_the_docs_agree() -> None:
    assert set(problems.KNOWN) == set(checks.PROBLEM_TYPES)


# Confirmed from FITKO's "Einreichung überprüfen" (its example problem); see docs/FIT_CONNECT.md.
CONFIRMED_PREFIX = "https://schema.fitko.de/fit-connect/events/problems/"


def _documented_problem_types() -> dict[str, str]:
    """Type URI -> title from the problem-type table of docs/FIT_CONNECT.md."""
    text = (Path(__file__).parents[2] / "docs" / "FIT_CONNECT.md").read_text(encoding="utf-8")
    section = text.split("\n## Problem types\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("| `")]
    return {CONFIRMED_PREFIX + row[1].strip().strip("`"): row[2].strip() for row in rows}


def test_both_tables_are_the_documented_one_under_fitkos_prefix() -> None:
    """docs/FIT_CONNECT.md records where each entry was confirmed: a type or title changed in
    one place only (the subscriber's table, the demo portal's, the page) fails here."""
    documented = _documented_problem_types()
    assert problems.BASE_URI == checks.PROBLEMS == CONFIRMED_PREFIX
    assert documented == {uri: pt.title for uri, pt in problems.KNOWN.items()}
    assert set(documented) == set(checks.PROBLEM_TYPES)


def test_the_subscribers_sets_pass_and_forged_ones_do_not() -> None:
    key = jose.generate_key("sig-1", "sig", 2048)
    public = jose.public_jwk(key)
    item = problems.problem(problems.HASH_MISMATCH, "SHA-512 stimmt nicht", "data")
    token = crypto.sign_set(crypto.reject_set(DEST, SUB, CASE, [item], now=1_700_000_000), key)
    event, payload = checks.verify(token, public, destination_id=DEST, submission_id=SUB, case_id=CASE)
    assert event == checks.REJECT and checks.problem_error(payload["problems"]) is None

    other = jwk.JWK.generate(kty="RSA", size=2048, kid="sig-1")  # same kid, another key
    forged = jws.JWS(json.dumps({"$schema": crypto.SET_SCHEMA, "jti": str(uuid.uuid4()), "iss": DEST, "iat": 1,
                                 "sub": f"submission:{SUB}", "txn": f"case:{CASE}",
                                 "events": {checks.ACCEPT: {"authenticationTags": {}}}}))
    forged.add_signature(other, alg="PS512", protected={"typ": "secevent+jwt", "alg": "PS512", "kid": "sig-1"})
    for bad, says in ((forged.serialize(compact=True), "signature"), ("no.set.here", "JWS")):
        try:
            checks.verify(bad, public, destination_id=DEST, submission_id=SUB, case_id=CASE)
        except checks.RejectedSet as err:
            assert says in str(err)
        else:
            raise AssertionError("a forged SET passed")
    for wrong in (DEST[:-1] + "0", ):
        try:
            checks.verify(token, public, destination_id=wrong, submission_id=SUB, case_id=CASE)
        except checks.RejectedSet as err:
            assert "iss" in str(err)


def test_problem_lists_are_checked_as_documented() -> None:
    assert "unknown problem type" in (checks.problem_error([{"type": "https://example.org/x", "title": "t", "detail": "d"}]) or "")
    assert "title" in (checks.problem_error([{"type": checks.PROBLEMS + "hash-mismatch", "detail": "d"}]) or "")
    assert "instance" in (checks.problem_error([{"type": checks.PROBLEMS + "hash-mismatch", "title": "t", "detail": "d",
                                                  "instance": "../etc"}]) or "")
    assert checks.problem_error([]) is not None


def test_a_forward_passes_and_the_services_own_events_do_not() -> None:
    key = jose.generate_key("sig-1", "sig", 2048)
    public = jose.public_jwk(key)
    forward = crypto.build_set(DEST, SUB, CASE, checks.FORWARD, {}, now=1_700_000_000)
    event, payload = checks.verify(crypto.sign_set(forward, key), public, destination_id=DEST, submission_id=SUB,
                                   case_id=CASE)
    assert (event, payload) == (checks.FORWARD, {})
    for services in (checks.CREATE, checks.SUBMIT):
        token = crypto.sign_set(crypto.build_set(DEST, SUB, CASE, services, {}, now=1_700_000_000), key)
        try:
            checks.verify(token, public, destination_id=DEST, submission_id=SUB, case_id=CASE)
        except checks.RejectedSet as err:
            assert "may only send" in str(err)
        else:
            raise AssertionError(f"a subscriber's {services} passed")


def test_the_faults_expect_problem_types_of_the_portals_own_table() -> None:
    assert set(faults.EXPECTED_PROBLEM) == set(faults.CONTENT)
    assert set(faults.EXPECTED_PROBLEM.values()) <= checks.PROBLEM_TYPES


def test_the_demo_portal_imports_nothing_of_the_subscriber() -> None:
    """Its judgement of SETs, problem types and its own events, its encryption and signing are its
    own code: a mistake of the subscriber's cannot pass as the portal's word."""
    for path in Path(checks.__file__).parent.glob("*.py"):
        subscriber = within(imported_names(path, "backoffice.demo.portal"), "backoffice.portal",
                            "backoffice.domain.problem_types")
        assert not subscriber, f"{path.name} imports {subscriber}"
