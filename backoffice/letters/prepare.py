"""Checks a letter for its mandatory parts and builds its merge values, before anything is drawn."""

from __future__ import annotations

import re

from backoffice.letters.data import LetterData
from backoffice.letters.formatting import format_date, format_value
from backoffice.letters.kinds import FIELD_LABELS, SIGNATURE_BASIS, Documents, KindSpec, Lines, Reasons, TablePart
from backoffice.letters.templates import Templates

from ..texts import Text, t

_POSTCODE = re.compile(r"^\d{5}\s+")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_parts(data: LetterData, spec: KindSpec, templates: Templates) -> list[Text | str]:
    """The labels of every mandatory part the letter lacks (empty: it can be produced)."""
    missing: list[Text | str] = [label for label, value in (
        (t("Behörde im Briefkopf"), data.letterhead.authority),
        (t("Name der Empfängerin / des Empfängers"), data.recipient.name),
        (t("Anschrift"), "".join(data.recipient.address_lines)),
        (t("Aktenzeichen"), data.aktenzeichen),
        (t("Name der Sachbearbeitung (Im Auftrag)"), data.clerk.name),
    ) if _blank(value)]
    missing += [t(FIELD_LABELS[name]) for name in spec.fields if _blank(data.values.get(name))]
    if spec.needs_deadline:
        if data.deadline is None:
            missing.append(t("Frist"))
        elif data.deadline <= data.letter_date:
            missing.append(t("Frist nach dem Briefdatum"))
    if spec.needs_bank and (data.letterhead.bank is None or _blank(data.letterhead.bank.iban)):
        missing.append(t("Bankverbindung"))
    for part in spec.all_parts():
        if isinstance(part, Lines) and part.required and not data.lines:
            missing.append(t("Berechnung"))
        elif isinstance(part, TablePart):
            table = data.tables.get(part.table_id)
            if table is None or not table.rows:
                missing.append(t(part.label))
        elif isinstance(part, Reasons) and part.required and not any(r.strip() for r in data.reasons):
            missing.append(t("Gründe"))
        elif isinstance(part, Documents) and not any(d.strip() for d in data.documents):
            missing.append(t("Liste der Unterlagen"))
    if spec.remedy:
        if _blank(templates.blocks.get(spec.remedy.block_id)):
            missing.append(t("Rechtsbehelfsbelehrung"))
        if spec.remedy.court not in data.letterhead.courts:
            missing.append(t("Rechtsbehelfsbelehrung: Gericht ({court})", court=t(spec.remedy.court_label)))
    if _blank(templates.blocks.get("closing")):
        missing.append(t("Grußformel und Name (Im Auftrag)"))
    return missing


def merge_values(data: LetterData, spec: KindSpec) -> dict[str, str]:
    """Every field a block of this kind may use, as plain (unescaped) text."""
    head, clerk, bank = data.letterhead, data.clerk, data.letterhead.bank
    values = {
        "recipient_name": data.recipient.name,
        "salutation": data.recipient.salutation or f"Guten Tag {data.recipient.name},",
        "aktenzeichen": data.aktenzeichen,
        "letter_date": format_date(data.letter_date),
        "clerk_name": clerk.name, "clerk_phone": clerk.phone, "clerk_email": clerk.email, "clerk_room": clerk.room,
        "authority": head.authority, "head": head.head, "department": head.department,
        "authority_street": head.street, "authority_postcode_city": head.postcode_city,
        "authority_city": _POSTCODE.sub("", head.postcode_city),  # the place of issue: "Mülheim an der Ruhr, den …"
        "authority_phone": head.phone, "authority_email": head.email, "website": head.website,
        "opening_hours": "\n".join(head.opening_hours),
        "bank_name": bank.name if bank else "", "bank_iban": bank.iban if bank else "",
        "bank_bic": bank.bic if bank else "",
        "signature_basis": SIGNATURE_BASIS[spec.service],
    }
    if spec.needs_deadline:
        values["deadline"] = format_value(data.deadline)
    if spec.remedy:
        court = head.courts[spec.remedy.court]
        values.update(court_name=court.name, court_address=court.address)
    values.update({name: format_value(data.values.get(name)) for name in (*spec.fields, *spec.optional_fields)})
    return values
