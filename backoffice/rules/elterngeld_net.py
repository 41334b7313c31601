"""Net income from employment before the birth, from the gross, by §§ 2c–2f BEEG.

gross − 1/12 Arbeitnehmer-Pauschbetrag − flat social-insurance rates (each only where
insured) − income tax − solidarity surcharge − church tax (8 %).

§ 2e prescribes income tax and solidarity surcharge by the BMF payroll-tax programme (PAP) in
force on 1 January of the year before the birth. Where table ``pap`` names a PAP for the birth
date and the tax class is known, the stored PAP computes them (``tax_source = "pap"``): monthly
pay, the tax class and factor, Kinderfreibeträge only for the surcharge and church tax base,
the Vorsorgepauschale of § 2e Abs. 2 Nr. 2 (no childless surcharge, no Saxony rule, statutory
health insurance parts always). A tax the clerk typed from the payslip overrides it, and is
the only way for births without a stored PAP (``tax_source = "entered"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..texts import Text, t
from .errors import RuleInputError
from .money import ZERO, cents
from .pap import PapInput, monthly_tax
from .result import Line, line
from .tables import DatedEntry, RuleBook

TAX_SOURCE_ENTERED = "entered"
TAX_SOURCE_PAP = "pap"
TAX_CLASSES = range(1, 6)  # § 2e Abs. 3 Satz 1: class VI stays out of account
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}


@dataclass(frozen=True, slots=True)
class GrossIncome:
    """Average monthly gross wages in the measurement period (one-off payments excluded)."""

    gross_monthly: Decimal
    income_tax_monthly: Decimal | None = None  # from the payslip; overrides the PAP
    solidarity_surcharge_monthly: Decimal = ZERO  # from the payslip, with income_tax_monthly only
    health_care_insured: bool = True
    pension_insured: bool = True
    unemployment_insured: bool = True
    church_tax_liable: bool = False
    tax_class: int | None = None  # Steuerklasse I–V of the Lohnsteuerabzugsmerkmale (§ 2c Abs. 3)
    factor: Decimal | None = None  # § 39f EStG, class IV only
    child_allowances: Decimal = ZERO  # Zahl der Kinderfreibeträge (§ 2e Abs. 4 Satz 2, Abs. 5 Satz 2)


@dataclass(frozen=True, slots=True)
class PapUsed:
    """The programme a net income was computed with, for the decision record."""

    year: int
    file: str
    sha256: str


@dataclass(frozen=True, slots=True)
class NetIncome:
    net_monthly: Decimal
    tax_source: str
    lines: tuple[Line, ...]
    notices: tuple[Text, ...]
    used: tuple[DatedEntry, ...]
    pap: PapUsed | None = None


def pap_reference_date(birth_date: date) -> date:
    """§ 2e Abs. 1: the programme in force on 1 January of the calendar year before the birth."""
    return date(birth_date.year - 1, 1, 1)


def net_from_gross(gross: GrossIncome, birth_date: date, rules: RuleBook) -> NetIncome:
    rates = rules.entry("net_income", birth_date)
    programme = rules.entry("pap", birth_date)
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

    year = programme.optional_integer("pap_year")
    if gross.income_tax_monthly is not None:
        taxes, notice = _entered(gross, rates), None
        source, used_pap = TAX_SOURCE_ENTERED, None
    elif year is not None and gross.tax_class is not None:
        taxes, used_pap = _by_pap(gross, rates, programme, year), PapUsed(year, programme.text("file"),
                                                                          programme.text("sha256"))
        source, notice = TAX_SOURCE_PAP, programme.notice
    elif year is None:
        raise RuleInputError(t("Für Geburten am {day:date} ist kein Programmablaufplan hinterlegt (§ 2e BEEG: "
                               "Fassung vom {reference:date}): bitte die monatliche Lohnsteuer laut "
                               "Entgeltabrechnung angeben.", day=birth_date, reference=reference))
    else:
        raise RuleInputError(t("Für die Lohnsteuer nach dem Programmablaufplan {year} (§ 2e BEEG) fehlt die "
                               "Steuerklasse; oder die monatliche Lohnsteuer laut Entgeltabrechnung angeben.",
                               year=year))
    for label, amount in taxes:
        lines.append(line(label, -amount, legal_basis=rates.text("tax_legal_basis")))
        deductions += amount

    net = max(gross.gross_monthly - deductions, ZERO)
    lines.append(line(t("Nettoeinkommen vor der Geburt"), net, legal_basis="§ 2c BEEG", kind="subtotal"))
    if source == TAX_SOURCE_ENTERED and year is not None and gross.tax_class is not None:
        # The stored PAP's figure beside the payslip's, so the clerk sees a difference without a tool of their own.
        label, pap_tax = _by_pap(gross, rates, programme, year)[0]
        notice = t("Die Lohnsteuer wurde aus der Entgeltabrechnung übernommen. Zum Vergleich die {line}: {amount:eur} "
                   "(§ 2e BEEG). Bitte prüfen, welcher Betrag zugrunde zu legen ist.", line=label, amount=pap_tax)
    elif source == TAX_SOURCE_ENTERED:
        notice = t("Die Lohnsteuer wurde aus der Entgeltabrechnung übernommen, nicht nach dem Programmablaufplan "
                   "für {year} berechnet (§ 2e BEEG). Bitte den Betrag mit dem amtlichen Programmablaufplan {year} "
                   "(Steuerklasse, Faktor) prüfen.", year=reference.year)
    notices = tuple(n for n in (notice, pauschbetrag.notice) if n)
    return NetIncome(net, source, tuple(lines), notices, (rates, programme, pauschbetrag), used_pap)


def _entered(gross: GrossIncome, rates: DatedEntry) -> list[tuple[Text, Decimal]]:
    tax = gross.income_tax_monthly
    assert tax is not None
    taxes = [(t("Lohnsteuer (aus der Entgeltabrechnung übernommen)"), tax)]
    if gross.solidarity_surcharge_monthly:
        taxes.append((t("Solidaritätszuschlag (aus der Entgeltabrechnung übernommen)"),
                      gross.solidarity_surcharge_monthly))
    if gross.church_tax_liable:
        rate = rates.decimal("church_tax_rate")
        taxes.append((t("Kirchensteuer {rate:pct} der Lohnsteuer", rate=rate * 100), cents(tax * rate)))
    return taxes


def _by_pap(gross: GrossIncome, rates: DatedEntry, programme: DatedEntry, year: int) -> list[tuple[Text, Decimal]]:
    assert gross.tax_class is not None
    krv = 0 if gross.pension_insured else programme.integer("no_pension_krv")  # § 2e Abs. 2 Nr. 2 a
    result = monthly_tax(year, PapInput(
        gross.gross_monthly, gross.tax_class, gross.factor, gross.child_allowances, krv=krv,
        alv=programme.optional_integer("alv") or 0, kvz=programme.decimal("health_additional_rate"),
        church=gross.church_tax_liable))
    klass = _ROMAN[gross.tax_class]
    label = (t("Lohnsteuer nach Programmablaufplan {year}, Steuerklasse {klass} mit Faktor {factor:num}", year=year,
               klass=klass, factor=gross.factor)
             if gross.factor is not None else
             t("Lohnsteuer nach Programmablaufplan {year}, Steuerklasse {klass}", year=year, klass=klass))
    taxes = [(label, result.income_tax)]
    if result.solidarity_surcharge:
        taxes.append((t("Solidaritätszuschlag nach Programmablaufplan {year}", year=year), result.solidarity_surcharge))
    if gross.church_tax_liable:
        rate = rates.decimal("church_tax_rate")
        taxes.append((t("Kirchensteuer {rate:pct} der Bemessungsgrundlage {base:eur}", rate=rate * 100,
                        base=result.church_tax_base), cents(result.church_tax_base * rate)))
    return taxes
