"""The quarterly Elterngeld statistics of § 22 BEEG, as a table for the Statistisches Bundesamt.

§ 22 Abs. 2 BEEG: for every person who drew Elterngeld in one of the quarter's three calendar
months, per child, the items (Erhebungsmerkmale) Nr. 1–8; Nr. 2, 3, 5 and 6 for each month of
the child's life of the possible period. Abs. 3: auxiliary items (Hilfsmerkmale), of which the
applicant's number (here the Aktenzeichen) travels in the rows. Only what § 22 lists is exported;
what our data does not hold stays empty and is named in ``notices`` instead of being guessed.
Source and check date of the law text: docs/STATISTICS.md.

The population comes from the granted decisions (their stored rule result: the months of life
with amounts, maternity benefits and payment): a person counts when a month of life with a
payment overlaps the quarter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from ..domain.catalog import Service
from ..domain.errors import PermissionDenied, ValidationFailed
from ..domain.records import UserRef
from ..store.statistics_repository import GrantedElterngeld
from ..store.uow import UnitOfWork
from ..texts import t
from .statistics import visible_queue_ids
from .statistics_export import Table, number

# (column, what of § 22 it is)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Kennnummer (Aktenzeichen)", "Abs. 3 Nr. 3"),
    ("Art der Berechtigung", "Abs. 2 Nr. 1"),
    ("Geburtstag des Kindes", "Abs. 2 Nr. 7"),
    ("Geschlecht", "Abs. 2 Nr. 8 a"),
    ("Geburtsjahr und -monat", "Abs. 2 Nr. 8 a"),
    ("Staatsangehörigkeit", "Abs. 2 Nr. 8 b"),
    ("Wohnsitz (PLZ Ort)", "Abs. 2 Nr. 8 c"),
    ("Familienstand, Zusammenleben mit dem anderen Elternteil", "Abs. 2 Nr. 8 d"),
    ("Voraussetzungen § 4c Abs. 1 Nr. 1", "Abs. 2 Nr. 8 e"),
    ("Anzahl der Kinder im Haushalt", "Abs. 2 Nr. 8 f"),
    ("Lebensmonat", "Abs. 2 Satz 2"),
    ("Einkünfte vor der Geburt: Art", "Abs. 2 Nr. 2 (§§ 2c, 2d)"),
    ("Einkommen vor der Geburt (EUR)", "Abs. 2 Nr. 2 (§ 2 Abs. 1)"),
    ("Ersatzrate (%)", "Abs. 2 Nr. 2 (§ 2 Abs. 1–4)"),
    ("Geschwisterbonus (EUR)", "Abs. 2 Nr. 2 (§ 2a Abs. 1)"),
    ("Mehrlingszuschlag (EUR)", "Abs. 2 Nr. 2 (§ 2a Abs. 4)"),
    ("Art des Monatsbetrags", "Abs. 2 Nr. 3 (§ 4a)"),
    ("Monatsbetrag ohne Einnahmen nach § 3 (EUR)", "Abs. 2 Nr. 3"),
    ("Einnahmen nach § 3: Art", "Abs. 2 Nr. 4"),
    ("Einnahmen nach § 3: Höhe (EUR)", "Abs. 2 Nr. 4"),
    ("Partnerschaftsbonus / weitere ElterngeldPlus-Monate", "Abs. 2 Nr. 5 (§ 4b Abs. 1, § 4c Abs. 2)"),
    ("Auszahlungsbetrag (EUR)", "Abs. 2 Nr. 6"),
)
HEADER = tuple(name for name, _ in COLUMNS)

NOTICES: tuple[str, ...] = (
    "Art der Berechtigung nach § 1 BEEG (Abs. 2 Nr. 1): der Antrag erfasst nur die Rolle als Elternteil, "
    "nicht den Tatbestand des § 1; die Spalte bleibt leer.",
    "Geschlecht (Abs. 2 Nr. 8 a), Staatsangehörigkeit (Nr. 8 b), Familienstand und Zusammenleben (Nr. 8 d) "
    "und die Anzahl der Kinder im Haushalt (Nr. 8 f) erfasst der Antrag nicht; die Spalten bleiben leer.",
    "Einnahmen nach § 3 (Abs. 2 Nr. 4): erfasst sind nur Mutterschaftsleistungen; andere anzurechnende "
    "Einnahmen hält der Fall nicht fest.",
    "Die Beträge der Partnerschaftsbonus-Monate (§ 4b) berechnen die Regeln nicht; diese Monate sind ohne "
    "Beträge aufgeführt.",
    "Gemeldet wird die antragstellende Person; ein zweiter Elternteil mit eigenem Bezug wird mit seinem "
    "eigenen Fall gemeldet.",
    "Lebensmonate ohne geplanten Bezug innerhalb des nach § 4 Abs. 1 möglichen Zeitraums sind nicht aufgeführt.",
    "Hilfsmerkmale nach § 22 Abs. 3 Nr. 1 und 2 (zuständige Behörde, Ansprechperson) gehören zur Meldung, "
    "nicht in die Zeilen.",
)

_VARIANT = {"basis": "Basiselterngeld", "plus": "ElterngeldPlus"}
_EMPLOYMENT = {"employed": "nichtselbständig (§ 2c)", "self_employed": "selbständig (§ 2d)", "none": "keine"}


@dataclass(frozen=True, slots=True)
class Beeg22Export:
    year: int
    quarter: int
    start: date
    end: date
    persons: int
    table: Table
    notices: tuple[str, ...]


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    if not 1 <= quarter <= 4 or not 2007 <= year <= 2100:
        raise ValidationFailed([t("Quartal 1 bis 4 eines Jahres ab 2007 angeben.")])
    start = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, following - timedelta(days=1)


def beeg22_export(uow: UnitOfWork, actor: UserRef, year: int, quarter: int) -> Beeg22Export:
    """The § 22 rows of the quarter for the Elterngeld departments the actor may see."""
    start, end = quarter_bounds(year, quarter)
    _codes, queue_ids, services = visible_queue_ids(uow, actor, None)
    if Service.ELTERNGELD not in services:
        raise PermissionDenied(t("Die Elterngeldstatistik sehen nur Teamleitungen der Elterngeldstelle."))
    # A month plan reaches at most the 32nd month of life: older children drew nothing in the quarter.
    candidates = uow.statistics.granted_elterngeld(end, date(start.year - 3, start.month, 1), queue_ids)
    rows: list[tuple[str, ...]] = []
    persons = 0
    for decision in candidates:
        months = [m for m in decision.result.get("months") or [] if isinstance(m, Mapping)]
        if not any(_drew_in(m, start, end) for m in months):
            continue
        persons += 1
        rows.extend(_rows(decision, months))
    return Beeg22Export(year, quarter, start, end, persons, Table(HEADER, tuple(rows)), NOTICES)


def _drew_in(month: Mapping[str, Any], start: date, end: date) -> bool:
    try:
        first, last = date.fromisoformat(str(month["start"])), date.fromisoformat(str(month["end"]))
    except (KeyError, ValueError):
        return False
    return first <= end and last >= start and _amount(month.get("paid")) > 0


def _rows(decision: GrantedElterngeld, months: list[Mapping[str, Any]]) -> list[tuple[str, ...]]:
    form, result = decision.form_data, decision.result
    applicant = form.get("applicant") or {}
    address = applicant.get("address") or {}
    parent = (form.get("parents") or [{}])[0]
    single = bool(form.get("single_parent"))
    person = (
        decision.aktenzeichen, "", str(form.get("child", {}).get("birth_date", "")), "",
        str(applicant.get("birth_date", ""))[:7], "", f"{address.get('postcode', '')} {address.get('city', '')}".strip(),
        "", "ja" if single else "nein", "",
    )
    basis = (
        _EMPLOYMENT.get(str(parent.get("employment")), ""), _money(result.get("net_income_before")),
        _money(result.get("replacement_rate")), _money(result.get("sibling_bonus_amount")),
        _money(result.get("multiple_birth_supplement")),
    )
    by_month: dict[int, tuple[str, ...]] = {}
    for m in months:
        benefits = _amount(m.get("maternity_benefits"))
        by_month[int(m.get("month", 0))] = (
            _VARIANT.get(str(m.get("variant")), ""), _money(m.get("amount")),
            "Mutterschaftsleistungen" if benefits > 0 else "", _money(benefits) if benefits > 0 else "",
            "", _money(m.get("paid")),
        )
    bonus = "weitere ElterngeldPlus-Monate (§ 4c Abs. 2)" if single else "Partnerschaftsbonus (§ 4b Abs. 1)"
    for entry in form.get("month_plan") or []:
        if entry.get("variant") == "partnerschaftsbonus" and entry.get("parent_index", 0) == 0:
            by_month[int(entry.get("month_of_life", 0))] = ("ElterngeldPlus", "", "", "", bonus, "")
    return [(*person, str(month), *basis, *values) for month, values in sorted(by_month.items())]


def _amount(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value is not None else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def _money(value: Any) -> str:
    return "" if value is None else number(float(_amount(value)), 2)
