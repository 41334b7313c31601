"""The submit event in a case's event log: receipt time, signature, authentication tags."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest
from jwcrypto import jwk

from backoffice.demo.portal import jose
from backoffice.domain import problem_types as problems
from backoffice.domain.catalog import Service
from backoffice.portal import crypto, eventlog
from backoffice.portal import job as pool
from backoffice.portal.crypto import AuthenticationTags
from backoffice.portal.opening import Envelope, Refusal, Refused

SUBMITTED = datetime(2026, 10, 30, 16, 45, 12, tzinfo=UTC)
TAGS = AuthenticationTags("meta-tag", "data-tag", {"a1": "att-tag"})


@pytest.fixture(scope="module")
def service_key() -> jwk.JWK:
    return jose.generate_key("service-1", "sig", 2048)


def submit(key: jwk.JWK, *, submission: str = "s1", case: str = "c1", tags: AuthenticationTags = TAGS,
           issuer: str = "https://portal") -> str:
    payload = crypto.build_set(issuer, submission, case, crypto.EVENT_SUBMIT, {"authenticationTags": tags.as_json()},
                              now=int(SUBMITTED.timestamp()))
    return crypto.sign_set(payload, key)


def keys_of(*keys: jwk.JWK) -> dict[str, jwk.JWK]:
    return {k.get("kid"): crypto.load_jwk(jose.public_jwk(k)) for k in keys}


def test_the_submit_event_gives_receipt_time_and_tags(service_key: jwk.JWK) -> None:
    other = crypto.sign_set(
        crypto.build_set("https://portal", "s1", "c1", crypto.EVENT_PREFIX + "notify-submission", {}, now=1), service_key
    )
    # A case may hold several submissions: another one's submit event is not this one's business.
    another = submit(service_key, submission="s2", tags=AuthenticationTags("m2", "d2", {}))
    # A subscriber's answer is issued by its destination and signed with its key: not the service's to vouch for.
    answer = crypto.sign_set(crypto.accept_set("dest-1", "s1", "c1", TAGS, now=2), jose.generate_key("dest-sig", "sig", 2048))
    found = eventlog.submit_event([other, another, answer, submit(service_key)], keys_of(service_key), "s1", "c1",
                                  "https://portal/")
    assert found.submitted_at == SUBMITTED
    assert found.tags == TAGS


@pytest.mark.parametrize(
    "case", ["missing", "unknown key", "forged", "other submission", "other case", "twice", "other issuer",
             "forged create event"])
def test_an_unusable_event_log_is_an_invalid_event_log(service_key: jwk.JWK, case: str) -> None:
    stranger = jose.generate_key("service-1", "sig", 2048)  # same kid, different key
    events = {
        "missing": [],
        "unknown key": [submit(service_key)],
        "forged": [submit(stranger)],
        "other submission": [submit(service_key, submission="s2")],
        "other case": [submit(service_key, case="c2")],
        "twice": [submit(service_key), submit(service_key)],
        "other issuer": [submit(service_key, issuer="https://elsewhere")],
        # Every event the service logged for the submission must be the service's, not only the submit event.
        "forged create event": [
            crypto.sign_set(crypto.build_set("https://portal", "s1", "c1", crypto.EVENT_PREFIX + "create-submission", {}, now=1), stranger),
            submit(service_key)],
    }[case]
    keys = {} if case == "unknown key" else keys_of(service_key)
    with pytest.raises(Refusal) as caught:
        eventlog.submit_event(events, keys, "s1", "c1", "https://portal")
    assert caught.value.problem is problems.INVALID_EVENT_LOG
    assert caught.value.detail  # German, says what is wrong


def _submit_payload(**changes: object) -> dict[str, object]:
    payload = crypto.build_set("https://portal", "s1", "c1", crypto.EVENT_SUBMIT, {"authenticationTags": TAGS.as_json()},
                               now=int(SUBMITTED.timestamp()))
    return {k: v for k, v in {**payload, **changes}.items() if v is not None}


@pytest.mark.parametrize("changes, where", [
    ({"events": {crypto.EVENT_SUBMIT: {}}}, "authenticationTags"),
    ({"events": {crypto.EVENT_SUBMIT: {"authenticationTags": {"metadata": "m", "data": 7}}}}, "data"),
    ({"events": {crypto.EVENT_SUBMIT: {"authenticationTags": TAGS.as_json()}, crypto.EVENT_ACCEPT: {}}}, "events"),
    ({"iat": "2026-10-30"}, "iat"),
    ({"jti": None}, "jti"),
    ({"$schema": "https://schema.fitko.de/fit-connect/set-payload/2.0.0/set-payload.schema.json"}, "$schema"),
])
def test_a_submit_event_outside_the_set_payload_schema_is_an_invalid_event_log(
        service_key: jwk.JWK, changes: dict[str, object], where: str) -> None:
    token = crypto.sign_set(_submit_payload(**changes), service_key)
    with pytest.raises(Refusal) as caught:
        eventlog.submit_event([token], keys_of(service_key), "s1", "c1", "https://portal")
    assert caught.value.problem is problems.INVALID_EVENT_LOG
    assert where in caught.value.detail


def test_tag_mismatch_names_the_part_that_differs() -> None:
    assert eventlog.tag_mismatch(TAGS, TAGS) is None
    assert eventlog.tag_mismatch(TAGS, AuthenticationTags("x", "data-tag", {"a1": "att-tag"})) == "metadata"
    assert eventlog.tag_mismatch(TAGS, AuthenticationTags("meta-tag", "x", {"a1": "att-tag"})) == "data"
    assert eventlog.tag_mismatch(TAGS, AuthenticationTags("meta-tag", "data-tag", {})) == "attachment:a1"


def test_a_refused_job_gets_a_signed_reject_and_its_result_crosses_process_boundaries(service_key: jwk.JWK) -> None:
    enc = jose.generate_key("enc-1", "enc", 2048)
    sig = jose.generate_key("sig-1", "sig", 2048)
    keys = pool.OpeningKeys(*pool.OpeningKeys.private_texts((enc,), sig),
                            pool.OpeningKeys.service_texts([jose.public_jwk(service_key)]))
    env = Envelope("s1", "c1", "d1", (), "not.a.jwe", "not.a.jwe")
    logged = submit(service_key, tags=AuthenticationTags("jwe", "jwe", {}))  # the tags of what is received
    job = pool.Job(env, pool.Destination(Service.WBS), {}, {}, (logged,), keys, 1, 1 << 20, "https://portal")
    prepared = pickle.loads(pickle.dumps(pool.prepare(job)))
    assert isinstance(prepared.outcome, Refused)
    assert prepared.outcome.problem == problems.ENCRYPTION_ISSUE
    assert prepared.submitted_at == SUBMITTED
    answer = crypto.verify_set(prepared.answer, crypto.load_jwk(jose.public_jwk(sig)))
    assert list(answer["events"]) == [crypto.EVENT_REJECT]
    assert answer["sub"] == "submission:s1"
