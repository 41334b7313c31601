"""Metadata of a later 1.x version: the only schema at hand is 1.0.0, and each 1.x is checked
against it (docs/FIT_CONNECT.md, "Metadata of a later 1.x version")."""

from __future__ import annotations

from datetime import date

from backoffice.bootstrap import open_database
from backoffice.demo.portal import DemoPortal
from backoffice.domain import problem_types as problems

from .sync_support import make_sync

V1_2 = "https://schema.fitko.de/fit-connect/metadata/1.2.0/metadata.schema.json"


def test_a_later_1x_is_checked_against_1_0_0_whose_rules_apply_and_which_lets_new_fields_pass(sqlite_url: str) -> None:
    entries = [
        # Fields 1.0.0 does not know, at the top and inside one of its objects: 1.0.0 sets no
        # additionalProperties anywhere, so they pass unchecked.
        {"service": "wbs", "metadata": {"$schema": V1_2, "laterField": {"any": ["shape"]},
                                        "contentStructure": {"data": {"laterFlag": True}}}},
        # A rule of 1.0.0 still holds for a field it knows (senderReference is a string).
        {"service": "wbs", "metadata": {"$schema": V1_2, "additionalReferenceInfo": {"senderReference": 5}}},
        # 1.x, but not in the form FITKO's schemas give the URI of a metadata schema.
        {"service": "wbs", "metadata": {"$schema": "https://schema.fitko.de/fit-connect/metadata/1.2/metadata.schema.json"}},
        {"service": "wbs", "metadata": {"$schema": "https://schema.fitko.de/fit-connect/metadata/1.2.0/other.json"}},
    ]
    db = open_database(sqlite_url, migrate=True)
    with DemoPortal(submissions=entries, count=0, seed=5, key_size=2048, today=date(2026, 11, 2)) as portal:
        later, violating, *malformed = portal.described_submission_ids()
        summary = make_sync(db, portal).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (1, 3, 0), summary.error_messages
        rejects = portal.rejected()
        assert later not in rejects
        assert rejects[violating][0]["type"] == problems.SCHEMA_VIOLATION.type_uri
        assert "additionalReferenceInfo/senderReference" in rejects[violating][0]["detail"]
        assert [rejects[m][0]["type"] for m in malformed] == [problems.UNSUPPORTED_SCHEMA.type_uri] * 2
    db.dispose()
