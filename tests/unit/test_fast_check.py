"""The compiled schema check never lets through what jsonschema refuses, for every shipped schema."""

from __future__ import annotations

import copy
import random
import uuid
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from backoffice import schemas
from backoffice.demo.generator import generate_applications
from backoffice.demo.portal.content import SubmissionFactory
from backoffice.demo.portal.documents import documents_for
from backoffice.domain.catalog import Service
from backoffice.portal import crypto, opening

TODAY = date(2026, 11, 2)

# Values that sit on the edges where two validators could disagree: bool against number,
# 1.0 against 1, a trailing newline against "$", impossible dates, formats, empty things.
TRICKY = st.sampled_from([
    None, True, False, 0, 1, 1.0, -1, 0.5, 10**12, "", " ", "12345", "12345\n", "1234", "ABCDE",
    "2026-11-25", "2026-02-30", "2026-11-25\n", "25.11.2026", "a@b", "not-an-email", "x@y.de\n",
    "DE" + "0" * 20, "DE" + "0" * 20 + "\n", "urn:x:y", "https://example.de/x", "not a uri",
    "00000000-0000-0000-0000-000000000000", "f" * 128, "F" * 128, "f" * 128 + "\n", "application/json",
    [], [1, True], ["a", "a"], {}, {"x": 1},
])
LEAVES = st.one_of(TRICKY, st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                   st.text(max_size=30), st.booleans())


def form_samples(service: Service) -> list[dict[str, Any]]:
    return generate_applications(service, 12, seed=3, today=TODAY)


def metadata_samples() -> list[dict[str, Any]]:
    rng = random.Random(4)
    found = []
    for service in Service:
        for form in generate_applications(service, 3, seed=5, today=TODAY):
            docs = [(str(uuid.UUID(int=rng.getrandbits(128), version=4)), doc)
                    for doc in documents_for(service, rng, form, TODAY)]
            found.append(SubmissionFactory._metadata(  # type: ignore[arg-type]
                SimpleNamespace(today=TODAY), service, form, crypto.sha512_hex(b"x"), schemas.schema_uri(service), docs
            ))
    return found


@st.composite
def mutated(draw: st.DrawFn, samples: list[dict[str, Any]]) -> Any:
    data = copy.deepcopy(draw(st.sampled_from(samples)))
    for _ in range(draw(st.integers(1, 3))):
        parent: Any = None
        key: Any = None
        node: Any = data
        while isinstance(node, dict | list) and node and draw(st.integers(0, 4)) > 0:
            parent, key = node, draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
            node = node[key]
        operation = draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if parent is None:
            if isinstance(data, dict) and operation == "add":
                data[draw(st.text(max_size=8))] = draw(LEAVES)
            continue
        if operation == "replace":
            parent[key] = draw(LEAVES)
        elif operation == "delete":
            del parent[key]
        elif operation == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(["extra", "email", "birth_date", "postcode"]))] = draw(LEAVES)
        elif operation == "duplicate" and isinstance(node, list) and node:
            node.append(copy.deepcopy(node[0]))
    return data


CASES = [
    *[(schemas.schema_uri(s), schemas.load_schema(schemas.schema_uri(s)), form_samples(s)) for s in Service],
    ("metadata", opening.metadata_schema(), metadata_samples()),
]


@pytest.mark.parametrize(("name", "schema", "samples"), CASES, ids=[c[0] for c in CASES])
def test_valid_samples_pass_the_compiled_check(name: str, schema: dict[str, Any], samples: list[dict[str, Any]]) -> None:
    fast = schemas.fast_check(schema)
    full = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert all(full.is_valid(s) for s in samples)
    assert all(fast(s) for s in samples)  # else the fast path would never be taken


@pytest.mark.parametrize(("name", "schema", "samples"), CASES, ids=[c[0] for c in CASES])
def test_the_compiled_check_passes_nothing_jsonschema_refuses(name: str, schema: dict[str, Any], samples: list[dict[str, Any]]) -> None:
    fast = schemas.fast_check(schema)
    full = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    refused = []

    # No example database: this inner test has the same name for every schema, so examples
    # saved for one would be replayed against another's samples (FlakyStrategyDefinition).
    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(mutated(samples))
    def check(data: Any) -> None:
        valid = full.is_valid(data)
        refused.append(not valid)
        assert valid or not fast(data), data

    check()
    assert any(refused)  # the mutations did reach invalid instances


def test_a_dollar_inside_a_character_class_stays_a_dollar() -> None:
    fast = schemas.fast_check({"type": "string", "pattern": "^[a-z$]+$"})
    assert fast("ab$c") and not fast("ab#c") and not fast("abc\n")


def test_a_schema_it_cannot_compile_leaves_the_decision_to_jsonschema() -> None:
    fast = schemas.fast_check({"type": "string", "pattern": "^[]$]+$"})
    assert fast("]") is False  # no fast path: validate_form asks jsonschema
