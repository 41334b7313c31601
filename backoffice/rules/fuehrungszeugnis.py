"""Führungszeugnis (BZRG): may the Bürgeramt take this application, and which fee is collected.

The city never decides on the certificate's content: it checks identity and
entitlement, collects the fee and forwards the request to the Bundesamt für Justiz.
Key date: the application date. Figures come from resources/rules/fuehrungszeugnis.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..texts import Text, t
from .money import ZERO, cents
from .parsing import FieldReader
from .result import JsonResult, Line, line, unique
from .tables import RuleBook, load_rulebook

ROLES = ("self", "legal_representative", "proxy")
KINDS = ("N", "O", "extended", "european")
EXEMPTIONS = ("none", "volunteer", "lack_of_means")
KIND_LABELS = {
    "N": "Führungszeugnis (Belegart N)",
    "O": "Führungszeugnis zur Vorlage bei einer Behörde (Belegart O)",
    "extended": "Erweitertes Führungszeugnis (§ 30a BZRG)",
    "european": "Europäisches Führungszeugnis (§ 30b BZRG)",
}


@dataclass(frozen=True, slots=True)
class FuehrungszeugnisInput:
    application_date: date
    birth_date: date
    registered_in_city: bool  # main or secondary residence
    applicant_role: str  # ROLES
    kind: str  # KINDS
    has_organisation_request: bool = False  # written request of the organisation (extended only)
    fee_exemption: str = "none"  # EXEMPTIONS
    volunteer_proof: bool = False
    fee_paid: bool = False  # the clerk confirms the fee was paid (the Meldebehörde collects it, § 30 Abs. 2 S. 4 BZRG)


@dataclass(frozen=True, slots=True)
class FuehrungszeugnisResult(JsonResult):
    application_date: date
    kind: str
    age: int
    entitled: bool
    reasons: tuple[Text, ...]  # sentences for the letter (refusal grounds or notes; stored German)
    fee: Decimal  # the fee by the schedule for this kind
    fee_due: Decimal  # what the Bürgeramt collects now (0.00 if exempt, provisional or not entitled)
    fee_status: str  # "due" | "exempt" | "provisional_none" | "not_applicable"
    fee_legal_basis: str
    fee_paid: bool  # only meaningful when fee_status is "due": a case is forwarded once the fee is paid
    lines: tuple[Line, ...]
    legal_basis: tuple[str, ...]
    notices: tuple[Text, ...]
    rules_applied: tuple[str, ...]


def age_on(birth: date, day: date) -> int:
    """Completed years on ``day``; the new year of life starts on the birthday (§ 187 Abs. 2 BGB).

    Someone born on 29 February completes a year on 1 March in common years (§ 188 Abs. 3 BGB).
    """
    years = day.year - birth.year
    try:
        birthday = birth.replace(year=day.year)
    except ValueError:  # 29 February in a common year
        birthday = date(day.year, 2, 28) + timedelta(days=1)
    return years - (day < birthday)


def parse_fuehrungszeugnis_input(data: Any) -> FuehrungszeugnisInput:
    f = FieldReader(data)
    f.reject_unknown({"application_date", "birth_date", "registered_in_city", "applicant_role", "kind",
                      "has_organisation_request", "fee_exemption", "volunteer_proof", "fee_paid"})
    applied, born = f.date("application_date"), f.date("birth_date")
    registered = f.boolean("registered_in_city")
    role = f.choice("applicant_role", ROLES)
    kind = f.choice("kind", KINDS)
    request = f.boolean("has_organisation_request", required=False, default=False)
    exemption = f.choice("fee_exemption", EXEMPTIONS, required=False, default="none")
    proof = f.boolean("volunteer_proof", required=False, default=False)
    paid = f.boolean("fee_paid", required=False, default=False)
    if applied and born and born > applied:
        f.problem("birth_date", t("liegt nach dem Antragsdatum."))
    f.done()
    assert applied and born and registered is not None and role and kind and exemption
    return FuehrungszeugnisInput(applied, born, registered, role, kind, bool(request), exemption, bool(proof),
                                 bool(paid))


def compute_fuehrungszeugnis(inp: FuehrungszeugnisInput, rules: RuleBook | None = None) -> FuehrungszeugnisResult:
    rules = rules or load_rulebook("fuehrungszeugnis")
    rule = rules.entry("entitlement", inp.application_date)
    fees = rules.entry("fees", inp.application_date)
    basis = rule.text("legal_basis")
    age = age_on(inp.birth_date, inp.application_date)
    # Refusal grounds go into the Bescheid as they are: they address the applicant ("Sie").
    refusals: list[Text] = []
    if age < rule.integer("min_age"):
        refusals.append(t("Ein Führungszeugnis wird erst ab Vollendung des {least}. Lebensjahres erteilt; die Person, "
                          "für die Sie das Führungszeugnis beantragen, ist am Tag der Antragstellung {age} Jahre alt "
                          "(§ 30 Abs. 1 BZRG)." if inp.applicant_role == "legal_representative" else
                          "Ein Führungszeugnis wird erst ab Vollendung des {least}. Lebensjahres erteilt; Sie sind am "
                          "Tag der Antragstellung {age} Jahre alt (§ 30 Abs. 1 BZRG).",
                          least=rule.integer("min_age"), age=age))
    if not inp.registered_in_city:
        refusals.append(t("Sie sind hier weder mit Haupt- noch mit Nebenwohnung gemeldet. Den Antrag nimmt die "
                          "Meldebehörde Ihres Wohnorts entgegen (§ 30 Abs. 2 BZRG)."))
    if inp.applicant_role == "proxy":
        refusals.append(t("Sie haben den Antrag durch eine bevollmächtigte Person stellen lassen. Das ist nicht "
                          "zulässig: Sie müssen den Antrag selbst oder durch Ihre gesetzliche Vertretung stellen "
                          "(§ 30 Abs. 2 Satz 3 BZRG)."))
    if inp.kind == "extended" and not inp.has_organisation_request:
        refusals.append(t("Sie haben für das erweiterte Führungszeugnis keine schriftliche Aufforderung der Stelle "
                          "vorgelegt, die es von Ihnen verlangt und darin bestätigt, dass die Voraussetzungen des "
                          "§ 30a Abs. 1 BZRG vorliegen (§ 30a Abs. 2 BZRG)."))
    entitled = not refusals

    notes: list[Text] = []
    if inp.applicant_role == "legal_representative":
        notes.append(t("Antrag durch den gesetzlichen Vertreter; die Vertretungsmacht ist nachzuweisen "
                       "(§ 30 Abs. 2 BZRG)."))
    if inp.kind == "O":
        notes.append(t("Das Führungszeugnis wird unmittelbar der Behörde übersandt; Anschrift und Aktenzeichen der "
                       "Behörde sind zu erfassen (§ 30 Abs. 5 BZRG)."))

    european = inp.kind == "european"
    fee = cents(fees.decimal("european" if european else "standard"))
    fee_basis = fees.text("european_basis" if european else "standard_basis")
    lines = [line(t(KIND_LABELS[inp.kind]), None, unit="", legal_basis=basis),
             line(t("Gebühr"), fee, legal_basis=fee_basis)]
    if not entitled:
        fee_due, status = ZERO, "not_applicable"
        lines.append(line(t("Keine Gebühr: Antrag kann hier nicht angenommen werden"), ZERO, kind="result"))
    elif inp.fee_exemption == "volunteer" and inp.volunteer_proof:
        # A statutory exemption (Vorbemerkung 1.1.3 KV JVKostG), not the BfJ's discretion under § 10 JVKostG.
        volunteer = fees.text("volunteer_exemption_basis")
        fee_due, status = ZERO, "exempt"
        fee_basis = f"{fee_basis}, {volunteer}"
        notes.append(t("Keine Gebühr: das Führungszeugnis wird für eine ehrenamtliche Tätigkeit für eine "
                       "gemeinnützige Einrichtung, eine Behörde oder einen Freiwilligendienst benötigt; der Nachweis "
                       "liegt vor ({basis}).", basis=volunteer))
        lines.append(line(t("Keine Gebühr wegen ehrenamtlicher Tätigkeit"), -fee, legal_basis=volunteer))
    elif inp.fee_exemption == "lack_of_means":
        means = fees.text("means_exemption_basis")
        fee_due, status = ZERO, "provisional_none"
        notes.append(t("Über die Gebührenbefreiung wegen Mittellosigkeit entscheidet das Bundesamt für Justiz; "
                       "vorläufig wird keine Gebühr erhoben, der Antrag wird weitergeleitet ({basis}).", basis=means))
        lines.append(line(t("Vorläufig keine Gebühr (Entscheidung durch das Bundesamt für Justiz)"), -fee,
                          legal_basis=means))
    else:
        fee_due, status = fee, "due"
        if inp.fee_exemption == "volunteer":
            notes.append(t("Gebührenbefreiung wegen ehrenamtlicher Tätigkeit nicht möglich: der Nachweis der "
                           "Einrichtung fehlt ({basis}).", basis=fees.text("volunteer_exemption_basis")))
    lines.append(line(t("Zu zahlen"), fee_due, kind="total"))

    return FuehrungszeugnisResult(
        application_date=inp.application_date, kind=inp.kind, age=age, entitled=entitled,
        reasons=tuple(refusals if not entitled else notes), fee=fee, fee_due=fee_due, fee_status=status,
        fee_legal_basis=fee_basis, fee_paid=inp.fee_paid and status == "due", lines=tuple(lines),
        legal_basis=unique([basis, "§ 30a BZRG" if inp.kind == "extended" else None,
                            "§ 30b BZRG" if european else None, fee_basis]),
        notices=unique([rule.notice, fees.notice,
                        t(fees.text("european_notice")) if european and "european_notice" in fees.values else None]),
        rules_applied=(f"fuehrungszeugnis.{rule.ref}", f"fuehrungszeugnis.{fees.ref}"),
    )


def fuehrungszeugnis_from_json(data: Any, rules: RuleBook | None = None) -> FuehrungszeugnisResult:
    return compute_fuehrungszeugnis(parse_fuehrungszeugnis_input(data), rules)
