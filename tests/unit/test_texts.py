"""The core's texts in two languages: every template has an English entry, computation lines and input
problems render in English without German, and problems name fields by their labels, never by JSON key."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from backoffice.decisions import rule_input
from backoffice.domain.catalog import Service
from backoffice.domain.german import (
    ACTION_NAMES,
    LETTER_STATUS_NAMES,
    OUTBOX_KIND_NAMES,
    OUTCOME_NAMES,
    SERVICE_NAMES,
    STATUS_NAMES,
)
from backoffice.domain.problem_types import KNOWN
from backoffice.letters import KINDS, kind_spec
from backoffice.letters.kinds import FIELD_LABELS as LETTER_FIELD_LABELS
from backoffice.letters.kinds import REMEDIES, TablePart
from backoffice.rules import CALCULATORS, RuleInputError
from backoffice.rules.field_labels import FIELD_LABELS, field_label
from backoffice.rules.fuehrungszeugnis import KIND_LABELS
from backoffice.rules.result import JsonResult, json_value, shown_lines, shown_texts, stored_texts
from backoffice.rules.wbs import DEDUCTIONS
from backoffice.rules.wbs_allowances import CARE_PROOFS, DISABILITY_PROOFS
from backoffice.services.decisions import DecisionOutcome
from backoffice.texts import Doubt, Text, english, missing_translations, render, t

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")  # snake_case: a JSON key or an enum value
UMLAUT_WORD = re.compile(r"[\w-]*[äöüÄÖÜß][\w-]*")
GERMAN_WORD = re.compile(r"\b(?:der|die|das|und|nicht|von|mit|für|bei|nach|ist|kein|keine|oder|zuzüglich|"
                         r"Einkommen|Antrag|Betrag|fehlt)\b")


def _glossary() -> set[str]:
    words: set[str] = set()
    for line in (ROOT / "docs" / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and not line.lower().startswith("| term"):
            words.update(re.findall(r"[\wäöüÄÖÜß-]+", line.split("|")[1]))
    return words


def _german_in(text: str) -> list[str]:
    """German words in an English text, apart from the glossary's terms and legal citations' names."""
    glossary = _glossary()
    return [w for w in UMLAUT_WORD.findall(text) + GERMAN_WORD.findall(text) if w not in glossary]


def _literal_templates() -> set[str]:
    """Every template passed to ``t(...)`` in the core as a literal (or as either branch of a conditional)."""
    def literals(node: ast.expr) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return literals(node.body) + literals(node.orelse)
        return []

    found: set[str] = set()
    for path in (ROOT / "backoffice").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
                found.update(literals(node.args[0]))
    return found


def _table_notices() -> list[str]:
    """The notices the rule tables carry (``notice``, ``…_notice``): a result shows them to the clerk."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and (key == "notice" or key.endswith("_notice")):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((ROOT / "resources" / "rules").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def test_every_template_and_table_label_has_an_english_entry_with_the_same_fields() -> None:
    tables = [*FIELD_LABELS.values(), *KIND_LABELS.values(), *DISABILITY_PROOFS.values(), *CARE_PROOFS.values(),
              *DEDUCTIONS.values()]
    wbs = json.loads((ROOT / "resources" / "rules" / "wbs.json").read_text(encoding="utf-8"))
    tables += [e["label"] for name in ("young_couple", "disability") for e in wbs[name]]
    tables += [item["label"] for e in wbs["allowances"] for item in e["items"].values()]
    documents = json.loads((ROOT / "resources" / "rules" / "required_documents.json").read_text(encoding="utf-8"))
    tables += [item["label"] for e in documents for item in e["items"]]  # the editor's checklist
    tables += [problem.title for problem in KNOWN.values()]  # the quarantine's problem column
    tables += _table_notices()
    # The names of codes an error message names (``domain.errors.named``, ``t(outcome.label)``).
    tables += [*SERVICE_NAMES.values(), *STATUS_NAMES.values(), *ACTION_NAMES.values(), *OUTCOME_NAMES.values(),
               *LETTER_STATUS_NAMES.values(), *OUTBOX_KIND_NAMES.values(),
               *(o.label for o in DecisionOutcome), *(s.label for s in Service), *(kind_spec(k).label for k in KINDS),
               *(p.label for k in KINDS for p in kind_spec(k).all_parts() if isinstance(p, TablePart)),
               *LETTER_FIELD_LABELS.values(), *(r.court_label for r in REMEDIES)]
    templates = _literal_templates()
    assert len(templates) > 100  # the scan finds the rules' templates
    assert sorted(m for m in (*templates, *tables) if m not in english()) == []
    field = re.compile(r"\{(\w+)")
    assert [de for de, en in english().items() if set(field.findall(de)) != set(field.findall(en))] == []


def test_formats_follow_the_language() -> None:
    text = t("{a:eur} {r:pct} {d:date} {m:ordinals} {n:plural:Kind:Kinder} {y:nth}",
             a=Decimal("1234.5"), r=Decimal("65.0"), d=date(2025, 3, 27), m=[1, 2, 3], n=2, y=5)
    assert render(text) == "1.234,50 € 65 % 27.03.2025 1., 2. und 3. 2 Kinder fünften"
    round_trip = Text.from_json(json.loads(json.dumps(text.as_json())))
    assert render(round_trip) == render(text)  # as stored with a decision


def test_a_stored_doubt_is_read_back_as_a_doubt_and_an_old_stored_notice_as_a_plain_one() -> None:
    """The final assessment reads its notices from stored JSON: the rule tables' doubts must stay doubts there."""
    doubt = Doubt("{ref}: nicht bestätigt", (("ref", "wbs.income_limits@2025-01-01"),))
    plain = t("{a:eur} {r:pct} {d:date} {m:ordinals} {n:plural:Kind:Kinder} {y:nth}",
              a=Decimal("1"), r=Decimal("2"), d=date(2025, 3, 27), m=[1], n=1, y=1)
    stored = json.loads(json.dumps(json_value({"notices": [plain, doubt]})))
    read = Text.from_json(stored["notices"][1]), Text.from_json(stored["notices"][0])
    assert isinstance(read[0], Doubt) and not isinstance(read[1], Doubt) and read == (doubt, plain)

    @dataclass(frozen=True)
    class Result(JsonResult):
        notices: tuple[str, ...]

    result = json.loads(json.dumps(Result((plain, doubt)).as_json()))
    assert [type(n) for n in stored_texts(result, "notices")] == [Text, Doubt]
    assert shown_texts(result, "notices", doubts=False) == (str(plain),)
    assert shown_texts(result, "notices", "en", doubts=False) == (render(plain, "en"),)
    assert shown_texts(result, "notices", "en") == (render(plain, "en"), render(doubt, "en"))
    old = {"notices": ["Stand 2009, nicht erneut geprüft"]}  # stored before notices kept their texts
    assert stored_texts(old, "notices") == ("Stand 2009, nicht erneut geprüft",)
    assert shown_texts(old, "notices", doubts=False) == ("Stand 2009, nicht erneut geprüft",)


# Inputs a clerk can cause from the decision dialog: facts the form lacks, and wrong values in the facts.
BAD_INPUTS: list[tuple[str, dict[str, Any]]] = [
    ("elterngeld", {"birth_date": "2025-06-01", "variant": "basis"}),
    ("elterngeld", {"birth_date": "2025-06-01", "variant": "basis", "gross_income_before": 3000}),
    ("elterngeld", {"birth_date": "2025-06-01", "variant": "basis", "net_income_before": 1000,
                    "income_tax_monthly": 5, "children_born": 0}),
    ("elterngeld", {"birth_date": "2025-06-01", "variant": "basis", "net_income_before": 1000,
                    "month_plan": [{"parent": "A", "month": 9, "variant": "bonus"}],
                    "maternity_benefits": [{"month": 0, "amount": "-1"}]}),
    ("wbs", {"application_date": "2025-05-02", "household": {"persons": 1, "children": 1},
             "incomes": [{"gross": -5, "werbungskosten": "1.234"}],
             "members": [{"name": "Anna", "relationship": "applicant"}], "marriage_date": "2024-01-01",
             "disabilities": [{"member": 1, "degree": 85, "home_care": True}]}),
    ("wbs", {"application_date": "2025-05-02", "household": {"persons": 2}, "incomes": [],
             "allowances": [{"code": "maintenance_paid"}]}),
    ("fuehrungszeugnis", {"application_date": "2025-05-02", "birth_date": "2026-01-01"}),
]


@pytest.mark.parametrize(("service", "data"), BAD_INPUTS, ids=[f"{s}-{i}" for i, (s, _) in enumerate(BAD_INPUTS)])
@pytest.mark.parametrize("language", ["de", "en"])
def test_input_problems_name_fields_by_label_never_by_key(service: str, data: dict[str, Any], language: str) -> None:
    with pytest.raises(RuleInputError) as err:
        CALCULATORS[service](data)
    shown = err.value.rendered(language)
    assert shown and [p for p in shown if CODE.search(p)] == []
    if language == "en":
        assert [(p, _german_in(p)) for p in shown if _german_in(p)] == []


def test_facts_the_clerk_must_settle_are_asked_for_by_name() -> None:
    wbs_form = {"household": {"persons": 2}, "members": [], "allowances": ["young_couple", "severe_disability",
                                                                          "maintenance_paid"]}
    eg_form = {"child": {"birth_date": "2025-06-01"}, "parents": [{"employment": "employed",
                                                                   "gross_income_before": 3000}],
               "month_plan": [{"parent_index": 0, "month_of_life": 9, "variant": "partnerschaftsbonus"}]}
    fz_form = {"fee_exemption": "volunteer_work", "applicant": {"birth_date": "1990-01-01"}}
    for service, form in ((Service.WBS, wbs_form), (Service.ELTERNGELD, eg_form), (Service.FUEHRUNGSZEUGNIS, fz_form)):
        with pytest.raises(RuleInputError) as err:
            rule_input(service, form, date(2025, 7, 1))
        for language in ("de", "en"):
            shown = err.value.rendered(language)
            assert shown and [p for p in shown if CODE.search(p)] == [], shown
    with pytest.raises(RuleInputError) as wbs_err:
        rule_input(Service.WBS, wbs_form, date(2025, 7, 1))
    assert any("Datum der Eheschließung" in p for p in wbs_err.value.problems)
    assert any("date of the marriage" in p for p in wbs_err.value.rendered("en"))


def test_a_field_path_reads_as_labels_with_entries_counted_from_one() -> None:
    assert field_label("month_plan[2].weekly_hours") == "Bezugsmonate, Eintrag 3 – Wochenstunden"
    assert field_label("month_plan[2].weekly_hours", "en") == "Benefit months, entry 3 – Weekly hours"
    assert render(t("{f:field} fehlt.", f="marriage_date"), keys=True) == (
        "Datum der Eheschließung oder Begründung der Lebenspartnerschaft (marriage_date) fehlt.")


# Results of every kind of line: WBS with allowances, tolerance and a flat; Elterngeld from the gross with
# maternity benefits, a late application, a bonus and refused months; Führungszeugnis with each fee status.
SAMPLES: list[tuple[str, dict[str, Any]]] = [
    ("wbs", {"application_date": "2025-03-20", "household": {"persons": 3, "children": 1},
             "incomes": [{"gross": 40000, "werbungskosten": 1230, "deductions": ["tax", "health", "pension"],
                          "member": "Anna"}],
             "members": [{"name": "Anna", "birth_date": "1990-01-01", "relationship": "applicant"},
                         {"name": "Ben", "birth_date": "1984-03-21", "relationship": "spouse"}],
             "marriage_date": "2022-05-01",
             "disabilities": [{"member": 2, "degree": 60, "proof": "id_card"}],
             "allowances": [{"code": "single_parent_child", "count": 2}, {"code": "maintenance_paid", "amount": 100}],
             "flat": {"size_m2": 84}}),
    ("wbs", {"application_date": "2025-03-20", "household": {"persons": 1}, "incomes": [{"gross": 33900,
                                                                                        "werbungskosten": 1230}],
             "members": [{"name": "Anna", "birth_date": "1990-01-01", "relationship": "applicant"}],
             "disabilities": [{"member": 1, "degree": 100, "home_care": True, "proof": "assessment_notice",
                               "care_proof": "care_level_notice"}], "flat": {"size_m2": 70}}),
    ("wbs", {"application_date": "2025-03-20", "household": {"persons": 2}, "incomes": [{"gross": 60000,
                                                                                        "werbungskosten": 0}]}),
    ("elterngeld", {"birth_date": "2025-03-27", "variant": "basis", "gross_income_before": 3000,
                    "income_tax_monthly": 400, "solidarity_surcharge_monthly": 10, "church_tax_liable": True,
                    "net_income_before_stated": 1950, "net_income_after": 500, "sibling_bonus": True,
                    "children_born": 2, "application_received": "2025-11-01", "taxable_income_last_year": 300000,
                    "maternity_benefits": [{"month": 5, "amount": "300", "days": 10}, {"month": 6, "amount": "50"}],
                    "month_plan": [*({"parent": "A", "month": m, "variant": "basis"} for m in range(1, 13)),
                                   {"parent": "A", "month": 15, "variant": "basis"},
                                   *({"parent": "A", "month": m, "variant": "bonus", "weekly_hours": h}
                                     for m, h in ((16, 20), (17, 28))),
                                   {"parent": "B", "month": 17, "variant": "bonus", "weekly_hours": 40}]}),
    ("elterngeld", {"birth_date": "2025-03-27", "variant": "plus", "net_income_before": 3500,
                    "net_income_after": 800, "net_income_after_plus": 900}),
    ("elterngeld", {"birth_date": "2025-03-27", "variant": "basis", "net_income_before": 300}),
    *(("fuehrungszeugnis", {"application_date": "2025-05-02", "birth_date": "1990-01-01", "registered_in_city": True,
                            "applicant_role": "self", "kind": kind, "fee_exemption": fee, "volunteer_proof": True,
                            "has_organisation_request": True})
      for kind, fee in (("N", "none"), ("O", "volunteer"), ("extended", "lack_of_means"), ("european", "none"))),
    ("fuehrungszeugnis", {"application_date": "2025-05-02", "birth_date": "2015-01-01", "registered_in_city": False,
                          "applicant_role": "proxy", "kind": "N"}),
]


@pytest.mark.parametrize(("service", "data"), SAMPLES, ids=[f"{s}-{i}" for i, (s, _) in enumerate(SAMPLES)])
def test_english_shows_no_german_computation_line(service: str, data: dict[str, Any]) -> None:
    result = CALCULATORS[service](data).as_json()
    stored = json.loads(json.dumps(result))  # as a decision keeps it
    assert all(line.get("text") for line in stored["lines"])
    assert [m for line in stored["lines"] for m in missing_translations(Text.from_json(line["text"]))] == []
    german, english_lines = shown_lines(stored, "de"), shown_lines(stored, "en")
    assert [line.label for line in german] == [line["label"] for line in stored["lines"]]  # letters keep German
    assert [(line.label, _german_in(line.label)) for line in english_lines if _german_in(line.label)] == []
    assert [de.label for de, en in zip(german, english_lines, strict=True) if de.label == en.label] == []
    assert all("€" not in line.value or line.value.startswith(("€", "-€")) for line in english_lines)


# Where the core says something to a user through an error: the messages of DomainError and its kinds
# (ui/errors.py ``user_message`` renders them in the UI's language). The command line and the demo portal
# speak German only and have their own test (test_cli_messages.py).
MESSAGE_AREAS = ("services", "domain", "rules", "decisions", "letters", "portal", "store", "mail.py", "bootstrap.py",
                 "secret_store.py", "db_login.py", "schemas.py", "os_account.py")


def _error_classes() -> set[str]:
    """The names of DomainError and every class derived from it in the core (read from the source)."""
    bases: dict[str, set[str]] = {}
    for path in (ROOT / "backoffice").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for base in node.bases:
                    name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
                    bases.setdefault(name, set()).add(node.name)
    # The portal's errors reach the sync's summary, the status line and the team lead's view as well.
    found, todo = {"DomainError", "PortalError"}, ["DomainError", "PortalError"]
    while todo:
        for child in bases.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _untranslatable_messages(source: str, errors: set[str]) -> list[tuple[int, str]]:
    """Plain strings given as an error's message: to an error's constructor (also in a list of problems, or to
    ``super().__init__`` in an error class) or appended to a list of ``problems``. Only ``t(...)`` texts
    (and names bound to them) reach the English catalogue."""
    def plain(node: ast.expr) -> list[ast.expr]:
        if isinstance(node, ast.List | ast.Tuple):
            return [n for element in node.elts for n in plain(element)]
        if isinstance(node, ast.IfExp):
            return plain(node.body) + plain(node.orelse)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # f"...".strip(), " ".join(...)
            return plain(node.func.value)
        texty = isinstance(node, ast.JoinedStr | ast.BinOp) or (isinstance(node, ast.Constant) and isinstance(
            node.value, str) and " " in node.value)
        return [node] if texty else []

    found: list[tuple[int, str]] = []
    tree = ast.parse(source)
    error_class_inits = {id(n) for c in ast.walk(tree) if isinstance(c, ast.ClassDef) and c.name in errors
                         for n in ast.walk(c)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        is_super_init = (name == "__init__" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call)
                         and isinstance(func.value.func, ast.Name) and func.value.func.id == "super"
                         and id(node) in error_class_inits)
        is_problem = (name == "append" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                      and func.value.id in ("problems", "missing"))
        if name in errors or is_super_init or is_problem:
            found += [(n.lineno, ast.unparse(n)[:80]) for a in node.args for n in plain(a)]
    return found


def test_every_error_message_of_the_core_is_a_text_with_an_english_entry() -> None:
    """A message that is no ``t(...)`` text shows German in the English UI; the catalogue test above then
    checks each template has its English entry."""
    errors = _error_classes()
    assert {"ValidationFailed", "NotAssignee", "LetterIncomplete", "RuleInputError"} <= errors
    bad = []
    for area in MESSAGE_AREAS:
        root = ROOT / "backoffice" / area
        for path in sorted(root.rglob("*.py") if root.is_dir() else [root]):
            rel = path.relative_to(ROOT).as_posix()
            bad += [f"{rel}:{line}: {text}" for line, text in _untranslatable_messages(path.read_text(encoding="utf-8"),
                                                                                      errors)]
    assert bad == []


def test_the_message_scan_finds_plain_strings() -> None:
    source = ('class Refused(DomainError):\n'
              '    def __init__(self, az):\n'
              '        super().__init__(f"{az} ist abgelehnt")\n'
              'def f(az, problems):\n'
              '    problems.append("Die Notiz ist leer")\n'
              '    problems.append(t("Die Notiz ist leer"))\n'
              '    raise ValidationFailed([t("Kein Fall {az}", az=az), "Kein Fall " + az])\n'
              '    raise NotFound(f"Kein Fall {az}")\n')
    assert sorted(line for line, _text in _untranslatable_messages(source, {"DomainError", "Refused", "ValidationFailed",
                                                                        "NotFound"})) == [3, 5, 7, 8]


def test_german_templates_name_no_codes_and_speak_no_english() -> None:
    """The German side of the catalogue is German prose: codes, option values and names a user types come in
    as arguments (or quoted), never in the sentence itself (the command line's word list and rules)."""
    from tests.unit.test_cli_messages import _problems

    field = re.compile(r"\{[^{}]*\}")
    assert [(german, problems) for german in english() if (problems := _problems(field.sub(" ", german)))] == []
