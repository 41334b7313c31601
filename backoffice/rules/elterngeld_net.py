"""Net income from employment before the birth, from the gross, by §§ 2c–2f BEEG.

gross − 1/12 Arbeitnehmer-Pauschbetrag − flat social-insurance rates (each only where
insured) − income tax − solidarity surcharge − church tax (8 % of the income tax).

§ 2e prescribes the income tax by the BMF payroll-tax programme (PAP) in force on
1 January of the year before the birth. No vetted implementation of past PAP years
exists (see docs/RULES.md, evaluation of lohnsteuer-bmf), so the clerk enters the
monthly income tax from the payslip and the result says ``tax_source = "entered"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..texts import Text, t
from .money import ZERO, cents
from .result import Line, line
from .tables import DatedEntry, RuleBook

TAX_SOURCE_ENTERED = "entered"


@dataclass(frozen=True, slots=True)
class GrossIncome:
    """Average monthly gross wages in the measurement period (one-off payments excluded)."""

    gross_monthly: Decimal
    income_tax_monthly: Decimal
    solidarity_surcharge_monthly: Decimal = ZERO
    health_care_insured: bool = True
    pension_insured: bool = True
    unemployment_insured: bool = True
    church_tax_liable: bool = False


@dataclass(frozen=True, slots=True)
class NetIncome:
    net_monthly: Decimal
    tax_source: str
    lines: tuple[Line, ...]
    notices: tuple[Text, ...]
    used: tuple[DatedEntry, ...]


def pap_reference_date(birth_date: date) -> date:
    """§ 2e Abs. 1: the programme in force on 1 January of the calendar year before the birth."""
    return date(birth_date.year - 1, 1, 1)


def net_from_gross(gross: GrossIncome, birth_date: date, rules: RuleBook) -> NetIncome:
    rates = rules.entry("net_income", birth_date)
    reference = pap_reference_date(birth_date)
    pauschbetrag = rules.entry("arbeitnehmer_pauschbetrag", reference)
    lines = [line(t("Bruttoeinkommen vor der Geburt (Monatsdurchschnitt)"), gross.gross_monthly)]

    twelfth = cents(pauschbetrag.decimal("amount") / 12)
    lines.append(line(t("1/12 Arbeitnehmer-Pauschbetrag (Stand {day:date})", day=reference), -twelfth,
                      legal_basis=rates.text("pauschbetrag_legal_basis")))
    social = rates.text("social_legal_basis")
    deductions = twelfth
    for insured, field, label in (
        (gross.health_care_insured, "health_care_rate", t("Kranken- und Pflegeversicherung")),
        (gross.pension_insured, "pension_rate", t("Rentenversicherung")),
        (gross.unemployment_insured, "unemployment_rate", t("Arbeitsförderung")),
    ):
        if insured:
            rate = rates.decimal(field)
            amount = cents(gross.gross_monthly * rate)
            lines.append(line(t("Pauschale {label} {rate:pct}", label=label, rate=rate * 100), -amount,
                              legal_basis=social))
            deductions += amount

    tax = rates.text("tax_legal_basis")
    lines.append(line(t("Lohnsteuer (aus der Entgeltabrechnung übernommen)"), -gross.income_tax_monthly,
                      legal_basis=tax))
    deductions += gross.income_tax_monthly
    if gross.solidarity_surcharge_monthly:
        lines.append(line(t("Solidaritätszuschlag (aus der Entgeltabrechnung übernommen)"),
                          -gross.solidarity_surcharge_monthly, legal_basis=tax))
        deductions += gross.solidarity_surcharge_monthly
    if gross.church_tax_liable:
        rate = rates.decimal("church_tax_rate")
        church = cents(gross.income_tax_monthly * rate)
        lines.append(line(t("Kirchensteuer {rate:pct} der Lohnsteuer", rate=rate * 100), -church, legal_basis=tax))
        deductions += church

    net = max(gross.gross_monthly - deductions, ZERO)
    lines.append(line(t("Nettoeinkommen vor der Geburt"), net, legal_basis="§ 2c BEEG", kind="subtotal"))
    notice = t("Die Lohnsteuer wurde aus der Entgeltabrechnung übernommen, nicht nach dem Programmablaufplan für "
               "{year} berechnet (§ 2e BEEG). Bitte den Betrag mit dem amtlichen Programmablaufplan {year} "
               "(Steuerklasse, Faktor) prüfen.", year=reference.year)
    notices = tuple(n for n in (notice, pauschbetrag.notice) if n)
    return NetIncome(net, TAX_SOURCE_ENTERED, tuple(lines), notices, (rates, pauschbetrag))
