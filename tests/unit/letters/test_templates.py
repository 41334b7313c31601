"""Text blocks: the tiny merge syntax, admin overrides and their validation, shared blocks."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from backoffice.letters import KINDS, TemplateInvalid, load_templates, render_letter, validate_block
from backoffice.letters.kinds import COMMON_FIELDS, MANDATORY_BLOCKS, all_block_ids, allowed_fields
from backoffice.letters.samples import sample_letter
from backoffice.letters.templates import fields_in, merge
from backoffice.resources import resource_path
from tests.unit.letters.pdfread import ReadBack

ROOT = Path(__file__).resolve().parents[3]


def test_shipped_blocks_exist_and_validate() -> None:
    templates = load_templates()
    assert set(templates.blocks) == set(all_block_ids())
    shipped = {p.stem for p in resource_path("letters", "blocks").glob("*.txt")}
    assert shipped == set(all_block_ids()), "a block file nobody prints, or a block without a file"


def test_merge_fields_and_single_pass_merge() -> None:
    assert fields_in("A {{ x }} and {{y}}") == {"x", "y"}
    assert merge("Hallo {{ name }}!", {"name": "{{ name }}"}) == "Hallo {{ name }}!"
    for broken in ("{{ x }", "{ x }}", "{{ 1x }}", "{{ x.y }}", "{{ x|upper }}"):
        with pytest.raises(TemplateInvalid):
            fields_in(broken)


def test_override_replaces_the_block_in_the_print() -> None:
    override = "Eingang bestätigt am {{ forwarded_date }}, Az. {{ aktenzeichen }}."
    templates = load_templates({"fz_receipt_body": override})
    text = ReadBack(render_letter(sample_letter("fz_receipt"), templates)).all_text()
    assert "Eingang bestätigt am 24.11.2026, Az. FZ-2026-001024." in text
    assert "Bundeszentralregister" not in text


def test_shared_block_override_reaches_every_letter_that_uses_it() -> None:
    templates = load_templates({"closing": "Freundliche Grüße\nIm Auftrag\n\n{{ clerk_name }}"})
    for kind in ("wbs_grant", "elterngeld_refusal", "fz_receipt"):
        text = ReadBack(render_letter(sample_letter(kind), templates)).all_text()
        assert "Freundliche Grüße" in text and "Mit freundlichen Grüßen" not in text


def test_override_with_unknown_fields_is_refused_listing_each() -> None:
    with pytest.raises(TemplateInvalid) as caught:
        load_templates({"wbs_grant_decision": "{{ permitted_size }} {{ iban }} {{ child_name }}"})
    assert caught.value.problems == ("wbs_grant_decision: unbekanntes Feld {{ child_name }}",
                                     "wbs_grant_decision: unbekanntes Feld {{ iban }}")


def test_shared_block_may_use_only_fields_every_user_has() -> None:
    # documents_deadline is printed by two kinds; "child_name" exists for only one of them.
    assert "deadline" in allowed_fields("documents_deadline")
    assert "child_name" not in allowed_fields("documents_deadline")
    assert allowed_fields("footer") == frozenset(COMMON_FIELDS)
    with pytest.raises(TemplateInvalid, match="unbekanntes Feld"):
        validate_block("documents_deadline", "bis {{ deadline }} für {{ child_name }}")


def test_unknown_block_broken_syntax_and_blank_mandatory_blocks_are_refused() -> None:
    with pytest.raises(TemplateInvalid, match="unbekannter Textbaustein"):
        load_templates({"wbs_bonus": "x"})
    with pytest.raises(TemplateInvalid, match="ungültiger Platzhalter"):
        load_templates({"fz_receipt_body": "{{ aktenzeichen }"})
    for block in sorted(MANDATORY_BLOCKS):
        with pytest.raises(TemplateInvalid, match="darf nicht leer sein"):
            load_templates({block: " \n "})


def test_remedy_notices_are_written_once_and_shared() -> None:
    users = {kind: spec.remedy.block_id for kind, spec in KINDS.items() if spec.remedy}
    assert set(users.values()) == {"remedy_klage_vg", "remedy_widerspruch_sgg", "remedy_antrag_eggvg"}
    assert {k for k, b in users.items() if b == "remedy_klage_vg"} == {"wbs_grant", "wbs_refusal"}
    assert {k for k, b in users.items() if b == "remedy_antrag_eggvg"} == {"fz_refusal"}
    assert {k for k, b in users.items() if b == "remedy_widerspruch_sgg"} == {"elterngeld_grant", "elterngeld_refusal",
                                                                              "elterngeld_final"}


def test_letters_md_documents_every_kind_and_its_fields() -> None:
    doc = (ROOT / "docs" / "LETTERS.md").read_text(encoding="utf-8")
    for kind, spec in KINDS.items():
        section = re.search(rf"### `{kind}`(.*?)(?=\n### |\n## |\Z)", doc, re.S)
        assert section, f"docs/LETTERS.md has no section for {kind}"
        for name in spec.fields:
            assert f"`{name}`" in section.group(1), f"{kind}: field {name} undocumented"


def test_box_lines_split_before_merging_so_values_may_contain_the_separator() -> None:
    base = sample_letter("wbs_grant")
    letter = dataclasses.replace(base, recipient=dataclasses.replace(base.recipient, name="Anna | Berta"))
    text = ReadBack(render_letter(letter)).all_text()
    assert "Ausgestellt für Anna | Berta" in text
    assert "Wohnungsgröße bis 80 m² Wohnfläche oder bis 3 Wohnräume" in text
    templates = load_templates({"fz_fee_notice_payment": "| Konto | {{ bank_iban }}\n| Betrag | {{ fee_amount }}"})
    text = ReadBack(render_letter(sample_letter("fz_fee_notice"), templates)).all_text()
    assert "Konto DE12 3625 0000 0000 3000 00" in text and "Betrag 13,00 €" in text


def test_override_that_is_not_text_is_refused() -> None:
    with pytest.raises(TemplateInvalid, match="fz_receipt_body: Text erwartet"):
        load_templates({"fz_receipt_body": None})  # type: ignore[dict-item]
