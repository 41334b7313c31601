"""Pure parts of the case editor: merging a conflict, deadline states, the documents table, typed values."""

from __future__ import annotations

from datetime import date

import pytest

from backoffice.services.case_editing import deadline_state, required_documents
from backoffice.services.edit_conflicts import field_changes, reapply_edits
from ui.editor.values import CHOICES, DATE, INTEGER, NUMBER, display, parse, parse_path, path_text

BASE = {"applicant": {"given_name": "Anna", "address": {"street": "A", "city": "M"}}, "members": [{"n": 1}, {"n": 2}], "reason": "x"}


def test_reapply_keeps_their_changes_and_mine() -> None:
    theirs = {**BASE, "reason": "theirs"}
    mine = {**BASE, "applicant": {**BASE["applicant"], "address": {"street": "B", "city": "M"}}}
    merged = reapply_edits(BASE, mine, theirs)
    assert merged["reason"] == "theirs" and merged["applicant"]["address"]["street"] == "B"


def test_reapply_mine_wins_a_clash_and_rows_i_added_are_kept() -> None:
    theirs = {**BASE, "reason": "theirs", "members": [{"n": 1}, {"n": 22}]}
    mine = {**BASE, "reason": "mine", "members": [{"n": 1}, {"n": 2}, {"n": 3}]}
    merged = reapply_edits(BASE, mine, theirs)
    assert merged["reason"] == "mine" and merged["members"] == [{"n": 1}, {"n": 2}, {"n": 3}]


def test_reapply_same_length_lists_merge_per_row_and_removed_keys_stay_removed() -> None:
    theirs = {**BASE, "members": [{"n": 1}, {"n": 22}]}
    mine = {k: v for k, v in BASE.items() if k != "reason"} | {"members": [{"n": 11}, {"n": 2}]}
    merged = reapply_edits(BASE, mine, theirs)
    assert merged["members"] == [{"n": 11}, {"n": 22}] and "reason" not in merged


def test_field_changes_name_each_changed_leaf() -> None:
    theirs = {**BASE, "reason": "theirs"}
    mine = {**BASE, "reason": "mine", "members": [{"n": 1}, {"n": 3}]}
    changes = {c.path: c for c in field_changes(BASE, theirs, mine)}
    assert set(changes) == {"reason", "members[1].n"}
    assert changes["reason"].clash and not changes["members[1].n"].changed_by_them


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 30), "ok"),
        (date(2026, 4, 1), "warning"),  # Wed: 3 business days ahead is Wed 8.4. (Karfreitag, Ostermontag skipped)
        (date(2026, 4, 8), "warning"),
        (date(2026, 4, 9), "overdue"),
    ],
)
def test_deadline_state_counts_business_days(today: date, expected: str) -> None:
    assert deadline_state(date(2026, 4, 8), today, 3) == expected


def test_deadline_state_of_a_closed_case_is_none() -> None:
    assert deadline_state(date(2026, 4, 8), date(2026, 5, 1), 3, is_open=False) == "none"


def test_required_documents_per_member_with_income_and_conditions() -> None:
    form = {
        "members": [
            {"given_name": "Ada", "family_name": "L", "relationship": "applicant", "incomes": [{"kind": "pension"}]},
            {"given_name": "Ben", "family_name": "L", "relationship": "child", "incomes": []},
        ],
        "allowances": ["care_need"],
    }
    items = {d.key: d for d in required_documents("wbs", form, date(2026, 1, 1))}
    assert list(items) == ["identity", "income_declaration:0", "care_need", "school_certificate:1"]
    assert items["income_declaration:0"].label == "Einkommenserklärung: Ada L"
    assert items["school_certificate:1"].optional
    with pytest.raises(LookupError):
        required_documents("wbs", form, date(2019, 1, 1))  # no table valid then


def test_führungszeugnis_extended_needs_the_organisation_request() -> None:
    keys = [d.key for d in required_documents("fuehrungszeugnis", {"kind": "extended"}, date(2026, 1, 1))]
    assert keys == ["identity", "organisation_request"]


@pytest.mark.parametrize(
    ("kind", "text", "value", "problem"),
    [
        (NUMBER, "16.083,68", 16083.68, False),
        (NUMBER, "1.230", 1230, False),
        (NUMBER, "12.5", 12.5, False),
        (NUMBER, "zwölf", "zwölf", True),
        (INTEGER, "3,5", "3,5", True),
        (DATE, "1.2.2020", "2020-02-01", False),
        (DATE, "31.02.2020", "31.02.2020", True),
        (DATE, "", None, False),
    ],
)
def test_typed_text_is_converted_or_kept_with_a_problem(kind: str, text: str, value: object, problem: bool) -> None:
    parsed, message = parse(kind, text)
    assert parsed == value and bool(message) is problem


def test_display_is_german_and_paths_round_trip() -> None:
    assert display(NUMBER, 16083.68) == "16.083,68"
    assert display(DATE, "2020-02-01") == "01.02.2020"
    assert display(CHOICES, ["tax", "x"], {"tax": "Steuer"}) == "Steuer, x"
    assert path_text(parse_path("members[10].incomes[0].kind")) == "members[10].incomes[0].kind"


def test_the_layout_texts_module_lists_every_layout_text() -> None:
    from ui.editor.layout import TEXTS_MODULE, layout_texts, render_texts_module

    assert TEXTS_MODULE.read_text(encoding="utf-8") == render_texts_module(layout_texts()), "run: python -m ui.editor.layout"


def test_a_field_sharing_a_row_names_itself_in_the_layout() -> None:
    """Else its label is the schema's German title: the English form showed "Date of birth: Geburtsdatum [ ]"."""
    from backoffice.domain.catalog import Service
    from ui.editor.layout import _raw_layout, has_layout

    unnamed = [f"{service}: {part['path']}" for service in Service if has_layout(service)
               for section in _raw_layout(service)["sections"] for entry in section.get("fields", ())
               if len(entry.get("row", ())) > 1 for part in entry["row"] if not {"label", "placeholder"} & set(part)]
    assert unnamed == []
