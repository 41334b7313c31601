"""What a letter says: LetterData from a case, its decision's rule result and the clerk.

Pure functions over plain values (the case's fields, the stored decision, the letterhead);
``services.letters`` reads those from the database and archives the rendered PDF.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from ..decisions import elterngeld_follow_up
from ..domain.calendar import add_months
from ..domain.catalog import Service
from ..domain.errors import ValidationFailed
from ..domain.german import count_noun, month_list
from ..letters import Clerk, LetterData, Letterhead, Line, Recipient, Table, kind_spec
from ..letters.formatting import format_euro
from ..resources import resource_path
from ..rules import CALCULATORS, month_of_life_period
from ..texts import t

# Both genders written out: the form does not ask the members' gender.
_RELATIONSHIP = {"applicant": "Antragstellerin oder Antragsteller", "spouse": "Ehegattin oder Ehegatte",
                 "partner": "Lebenspartnerin oder Lebenspartner", "child": "Kind", "other": "Sonstige Person"}
_VARIANT = {"basis": "Basiselterngeld", "plus": "ElterngeldPlus", "bonus": "Partnerschaftsbonus"}
# Printed in brackets after "Führungszeugnis": the plain kind adds nothing but its Belegart.
_FZ_TYPE = {"extended": "erweitertes Führungszeugnis nach § 30a BZRG",
            "european": "Europäisches Führungszeugnis nach § 30b BZRG"}


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """The parts of a case a letter uses (plain values, read by the caller)."""

    aktenzeichen: str
    service: Service
    applicant_name: str
    street: str
    house_number: str
    postcode: str
    city: str
    received_on: date
    form_data: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class DecisionFacts:
    outcome: str
    decided_on: date
    rule_input: Mapping[str, Any]
    result: Mapping[str, Any]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocumentsDefaults:
    documents: tuple[str, ...]
    deadline_days: int


@cache
def documents_defaults(service: Service) -> DocumentsDefaults:
    """The office's list of documents to request, and the answer time (resources/letters/documents.json)."""
    data = json.loads(resource_path("letters", "documents.json").read_text(encoding="utf-8"))[Service(service).value]
    return DocumentsDefaults(tuple(data["documents"]), int(data["deadline_days"]))


def recipient_of(case: CaseFacts) -> Recipient:
    street = f"{case.street} {case.house_number}".strip()
    place = f"{case.postcode} {case.city}".strip()
    return Recipient(case.applicant_name, tuple(x for x in (street, place) if x))


def clerk_of(display_name: str, phone: str, email: str, letterhead: Letterhead) -> Clerk:
    """The deciding clerk; phone and e-mail fall back to the department's (letterhead)."""
    return Clerk(display_name, phone or letterhead.phone, email or letterhead.email)


def letter_data(
    kind: str,
    case: CaseFacts,
    decision: DecisionFacts | None,
    letterhead: Letterhead,
    clerk: Clerk,
    letter_date: date,
    *,
    documents: Sequence[str] | None = None,
    deadline: date | None = None,
) -> LetterData:
    """The frozen input of the renderer for ``kind``; ValidationFailed names what is missing."""
    spec = kind_spec(kind)
    if spec.service is not case.service:
        raise ValidationFailed([t("Der Brief „{letter}“ gehört nicht zu einem Fall {service}", letter=t(spec.label),
                                  service=t(case.service.label))])
    parts: dict[str, Any]
    if kind in _UNDECIDED_BUILDERS:
        parts = _UNDECIDED_BUILDERS[kind](case, decision, letter_date)
    elif decision is None:
        raise ValidationFailed([t("Für den Brief „{letter}“ muss zuerst entschieden werden", letter=t(spec.label))])
    else:
        parts = _BUILDERS[kind](case, decision, letter_date)
    if spec.needs_deadline:
        defaults = documents_defaults(case.service)
        parts["deadline"] = deadline or letter_date + timedelta(days=defaults.deadline_days)
        if kind.endswith("documents_request"):
            parts["documents"] = tuple(documents) if documents else defaults.documents
    return LetterData(kind=kind, letterhead=letterhead, recipient=recipient_of(case), aktenzeichen=case.aktenzeichen,
                      clerk=clerk, letter_date=letter_date, **parts)


def result_lines(result: Mapping[str, Any]) -> tuple[Line, ...]:
    """The rule result's computation lines as letter lines (money as Decimal, rates and m² as text)."""
    lines = []
    for item in result.get("lines") or []:
        amount, unit = item.get("amount"), item.get("unit", "")
        if amount is None:
            value: Any = ""
        elif unit == "EUR":
            value = Decimal(amount)
        else:  # as the decision dialog shows it: "65 %", not the stored "65.0"
            value = f"{f'{Decimal(amount).normalize():f}'.replace('.', ',')} {unit}".strip()
        lines.append(Line(item["label"], value, emphasis=item.get("kind") in ("total", "result")))
    return tuple(lines)


def _wbs_grant(case: CaseFacts, d: DecisionFacts, letter_date: date) -> dict[str, Any]:
    """The Bescheid, the calculation sheet (lines) and the certificate (household, size, validity only)."""
    r = d.result
    valid_until = add_months(d.decided_on, int(r.get("validity_months", 12))) - timedelta(days=1)
    rows = [(f"{m.get('given_name', '')} {m.get('family_name', '')}".strip(), _date(m.get("birth_date")),
             _RELATIONSHIP.get(m.get("relationship", ""), "")) for m in case.form_data.get("members") or []]
    return dict(
        values=dict(application_date=case.received_on, household_size=count_noun(int(r["persons"]), "Person"),
                    permitted_size=permitted_size_text(r.get("allowed_flat") or {}),
                    valid_from=d.decided_on, valid_until=valid_until),
        tables={"household": Table(("Name", "Geburtsdatum", "Stellung im Haushalt"), tuple(rows))},
        lines=result_lines(r), reasons=d.reasons or wbs_grant_reasons(r),
    )


def permitted_size_text(flat: Mapping[str, Any]) -> str:
    """German text of the size a WBS allows: m² alone for one person, else m² or rooms (Nr. 8.2 WNB)."""
    size = str(flat.get("max_size_m2", "")).replace(".", ",")
    if not size:
        return ""
    text = f"bis {size} m² Wohnfläche"
    if flat.get("max_rooms"):
        text += f" oder bis {flat['max_rooms']} Wohnräume (zuzüglich Küche und Nebenräume)"
    return text


def wbs_grant_reasons(result: Mapping[str, Any]) -> tuple[str, ...]:
    """The income finding of a grant for decisions stored without reasons: never "does not exceed" when it does."""
    income, limit = Decimal(result["household_income"]), Decimal(result["income_limit"])
    persons = int(result["persons"])
    who = f"{persons} {'Person' if persons == 1 else 'Personen'}"
    if income <= limit:
        text = (f"Das anrechenbare Gesamteinkommen Ihres Haushalts überschreitet die Einkommensgrenze für {who} "
                "nach § 13 WFNG NRW nicht.")
    else:
        text = (f"Das anrechenbare Gesamteinkommen Ihres Haushalts übersteigt die Einkommensgrenze für {who} nach "
                f"§ 13 WFNG NRW um {format_euro(income - limit)}. Der Wohnberechtigungsschein wird ausnahmsweise "
                "im Ermessen erteilt.")
    return (text,)


def _wbs_refusal(case: CaseFacts, d: DecisionFacts, letter_date: date) -> dict[str, Any]:
    r = d.result
    income, limit = Decimal(r["household_income"]), Decimal(r["income_limit"])
    return dict(
        values=dict(application_date=case.received_on, household_size=count_noun(int(r["persons"]), "Person"),
                    household_income=income, income_limit=limit, income_exceeded="ja" if income > limit else ""),
        reasons=d.reasons, lines=result_lines(r),
    )


def _documents_request(case: CaseFacts, d: DecisionFacts | None, letter_date: date) -> dict[str, Any]:
    values: dict[str, Any] = {"application_date": case.received_on}
    if case.service is Service.ELTERNGELD:
        values["child_name"] = _child_name(case)
    return dict(values=values, documents=())


def _elterngeld_grant(case: CaseFacts, d: DecisionFacts, letter_date: date) -> dict[str, Any]:
    """Every requested month of life granted or refused (§ 35 SGB X: the refused ones with their reasons)."""
    r = d.result
    birth = date.fromisoformat(r["birth_date"])
    reasons: list[str] = []
    if r.get("months"):  # the result decides each requested month (§ 4 Abs. 2, §§ 4b, 7 BEEG)
        rows = []
        for m in r["months"]:
            granted = m.get("granted", m["payable"])
            period = f"{_date(m['start']):%d.%m.%Y} – {_date(m['end']):%d.%m.%Y}"
            rows.append((f"{m['month']}.", period, _VARIANT[m["variant"]], "bewilligt" if granted else "abgelehnt",
                         Decimal(m["paid"])))
            if not granted:
                reason = m.get("refusal_reason") or "nicht zahlbar: zu spät beantragt (§ 7 Abs. 1 Satz 2 BEEG)"
                reasons.append(f"{m['month']}. Lebensmonat ({period}): {reason}")
        refused = [int(m["month"]) for m in r["months"] if not m.get("granted", m["payable"])]
        offset = [(int(m["month"]), Decimal(m["maternity_offset"])) for m in r["months"]
                  if m.get("granted", m["payable"]) and Decimal(m.get("maternity_offset") or 0)]
    else:  # decisions stored before the months were part of the result
        rows, refused, offset = _months_from_plan(d, birth), [], []
    provisional = tuple(r.get("provisional_reasons") or ()) if r.get("provisional") else ()
    follow_up = elterngeld_follow_up(r, d.decided_on) if provisional else None
    return dict(
        values=dict(application_date=case.received_on, child_name=_child_name(case), child_birth_date=birth,
                    total_amount=sum((row[-1] for row in rows), Decimal("0.00")),
                    grant_verb="bewillige ich Ihnen vorläufig" if provisional else "bewillige ich Ihnen",
                    refused_months=month_list(refused) if refused else "",
                    # § 3 Abs. 1 Satz 1 Nr. 1 BEEG: why a granted month pays less, or nothing
                    maternity_months=month_list([m for m, _ in offset]) if offset else "",
                    maternity_offset_total=sum((a for _, a in offset), Decimal("0.00")),
                    provisional_reasons=" ".join(provisional), follow_up_date=follow_up),
        tables={"months": Table(("Lebensmonat", "Zeitraum", "Variante", "Entscheidung", "Betrag"), tuple(rows))},
        # The refused months' reasons stand under "Begründung"; the computation need not repeat them.
        lines=tuple(line for line in result_lines(r) if not line.label.startswith(_REFUSED_LINES)),
        reasons=tuple(reasons),
    )


_REFUSED_LINES = tuple(f"{m}. Lebensmonat abgelehnt:" for m in range(1, 33))


def _months_from_plan(d: DecisionFacts, birth: date) -> list[tuple[str, str, str, str, Decimal]]:
    r = d.result
    amounts = {r["variant"]: Decimal(r["monthly_amount"])}
    own = [m for m in d.rule_input.get("month_plan") or [] if m.get("parent") == "A"]
    for variant in {m["variant"] for m in own} - set(amounts):  # the plan mixes Basis and Plus months
        other = CALCULATORS["elterngeld"]({**d.rule_input, "variant": variant}).as_json()
        amounts[variant] = Decimal(other["monthly_amount"])
    rows: list[tuple[str, str, str, str, Decimal]] = []
    for m in sorted(own, key=lambda m: int(m["month"])) or [{"month": 1, "variant": r["variant"]}]:
        start, end = month_of_life_period(birth, int(m["month"]))
        rows.append((f"{m['month']}.", f"{start:%d.%m.%Y} – {end:%d.%m.%Y}", _VARIANT[m["variant"]], "bewilligt",
                     amounts[m["variant"]]))
    return rows


def _elterngeld_final(case: CaseFacts, d: DecisionFacts, letter_date: date) -> dict[str, Any]:
    """The final assessment: per month of life what was paid provisionally, what is due, and the balance."""
    r = d.result
    settlement = r.get("final_assessment")
    if not settlement:
        raise ValidationFailed([t("Die Entscheidung ist keine endgültige Festsetzung")])
    rows = tuple((f"{m['month']}.", f"{_date(m['start']):%d.%m.%Y} – {_date(m['end']):%d.%m.%Y}",
                  Decimal(m["provisional"]), Decimal(m["final"]), Decimal(m["difference"]))
                 for m in settlement["months"])
    balance = Decimal(settlement["balance"])
    return dict(
        values=dict(application_date=case.received_on, child_name=_child_name(case),
                    child_birth_date=date.fromisoformat(r["birth_date"]),
                    back_payment_amount=balance if balance > 0 else "",
                    refund_amount=-balance if balance < 0 else "", no_difference="ja" if not balance else "",
                    # the subject names the claim: the decision demands money back (§ 328 Abs. 3 Satz 2 SGB III)
                    refund_title=" und Erstattung des zu viel gezahlten Elterngeldes" if balance < 0 else ""),
        tables={"months": Table(("Lebensmonat", "Zeitraum", "vorläufig gezahlt", "endgültig", "Differenz"), rows)},
        lines=tuple(line for line in result_lines(r) if not line.label.startswith(_REFUSED_LINES)),
        reasons=d.reasons,
    )


def _elterngeld_refusal(case: CaseFacts, d: DecisionFacts, letter_date: date) -> dict[str, Any]:
    """The grounds stand under "Begründung": the computation drops the per-month refusals (without a reason of
    their own when the whole claim fails) and the total of granted months, since nothing is granted."""
    lines = tuple(line for line in result_lines(d.result)
                  if not line.label.startswith(_REFUSED_LINES) and line.label != _GRANTED_TOTAL)
    return dict(values=dict(application_date=case.received_on, child_name=_child_name(case),
                            child_birth_date=date.fromisoformat(d.result["birth_date"])),
                reasons=d.reasons, lines=lines)


_GRANTED_TOTAL = "Elterngeld für die bewilligten Lebensmonate insgesamt"  # the rules' total line (rules/elterngeld.py)


def _fz_receipt(case: CaseFacts, d: DecisionFacts, letter_date: date) -> dict[str, Any]:
    form = case.form_data
    if form.get("belegart") == "O":
        # The name as the applicant typed it ("Stadt Essen, Jugendamt"): in brackets, so the sentence needs no article.
        name = str((form.get("receiving_authority") or {}).get("name") or "").strip()
        number = str(form.get("authority_file_number") or "").strip()
        details = "; ".join(x for x in (name, f"Aktenzeichen {number}" if number else "") if x)
        delivered = "unmittelbar der Behörde" + (f" ({details})" if details else "")
        note = _FZ_AUTHORITY_NOTE
    else:
        delivered = "Ihnen an Ihre Meldeanschrift"
        note = "Das Führungszeugnis wird nur Ihnen selbst übersandt (§ 30 Abs. 4 BZRG)."
    return dict(values=dict(application_date=case.received_on, certificate_type=_certificate_type(form),
                            forwarded_date=d.decided_on, delivered_to=delivered, delivery_note=note,
                            fee_note=_fz_fee_note(d.result)))


# § 30 Abs. 5 BZRG: sent directly to the authority; the authority must let the applicant see it; with entries,
# the applicant may have it sent first to an Amtsgericht of their choice (the Meldebehörde points this out).
_FZ_AUTHORITY_NOTE = (
    "Die Behörde muss Ihnen auf Verlangen Einsicht in das Führungszeugnis gewähren. Enthält es Eintragungen, "
    "können Sie verlangen, dass es zunächst an ein von Ihnen benanntes Amtsgericht übersandt wird, wo nur Sie "
    "persönlich es einsehen können. Danach leitet das Amtsgericht es an die Behörde weiter; widersprechen Sie der "
    "Weiterleitung, wird es vernichtet (§ 30 Abs. 5 BZRG).")


def _fz_fee_note(r: Mapping[str, Any]) -> str:
    """The fee as the forwarding left it: paid, not charged, or left to the BfJ (never "still to pay")."""
    basis = str(r.get("fee_legal_basis", ""))
    fee = format_euro(Decimal(str(r.get("fee", "0"))))
    if r.get("fee_status") == "exempt":
        return f"Eine Gebühr wird nicht erhoben ({basis.split(', ')[-1]})."
    if r.get("fee_status") == "provisional_none":
        return ("Über Ihren Antrag auf Befreiung von der Gebühr entscheidet das Bundesamt für Justiz (§ 10 JVKostG); "
                "ich habe ihn mit Ihrem Antrag weitergeleitet. Bis dahin wird keine Gebühr erhoben.")
    if r.get("fee_paid"):
        return f"Die Gebühr von {fee} ({basis}) haben Sie bezahlt."
    return f"Die Gebühr beträgt {fee} ({basis})."  # decisions stored before payment was recorded


def _fz_fee_notice(case: CaseFacts, d: DecisionFacts, letter_date: date) -> dict[str, Any]:
    r = d.result
    if Decimal(r.get("fee_due", "0")) <= 0:
        raise ValidationFailed([t("Für diesen Antrag ist keine Gebühr zu zahlen: keine Zahlungsaufforderung")])
    if r.get("fee_paid"):
        raise ValidationFailed([t("Die Gebühr ist bereits bezahlt: keine Zahlungsaufforderung")])
    number = "".join(ch for ch in str(r.get("fee_legal_basis", "")).split("KV")[0] if ch.isdigit())
    return dict(values=dict(application_date=case.received_on, certificate_type=_certificate_type(case.form_data),
                            fee_amount=Decimal(r["fee_due"]), fee_number=number))


def _fz_refusal(case: CaseFacts, d: DecisionFacts, letter_date: date) -> dict[str, Any]:
    return dict(values=dict(application_date=case.received_on), reasons=d.reasons)


# Letters written from a decision, and those written before one (the decision is None then).
_BUILDERS: dict[str, Callable[[CaseFacts, DecisionFacts, date], dict[str, Any]]] = {
    "wbs_grant": _wbs_grant, "wbs_refusal": _wbs_refusal,
    "elterngeld_grant": _elterngeld_grant, "elterngeld_refusal": _elterngeld_refusal,
    "elterngeld_final": _elterngeld_final,
    "fz_receipt": _fz_receipt, "fz_fee_notice": _fz_fee_notice, "fz_refusal": _fz_refusal,
}
_UNDECIDED_BUILDERS: dict[str, Callable[[CaseFacts, DecisionFacts | None, date], dict[str, Any]]] = {
    "wbs_documents_request": _documents_request, "elterngeld_documents_request": _documents_request,
}


def _certificate_type(form: Mapping[str, Any]) -> str:
    belegart = "zur Vorlage bei einer Behörde, Belegart O" if form.get("belegart") == "O" else "Belegart N"
    kind = _FZ_TYPE.get(str(form.get("kind")))
    return f"{kind}, {belegart}" if kind else belegart


def _child_name(case: CaseFacts) -> str:
    child = case.form_data.get("child") or {}
    return f"{child.get('given_name', '')} {child.get('family_name', '')}".strip()


def _date(text: Any) -> Any:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return text or ""
