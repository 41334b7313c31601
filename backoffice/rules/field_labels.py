"""The German name of every input field the rules and the decision read: one table for all messages.

Problems name a field by its label ("Datum der Eheschließung fehlt."), never by its JSON key; the
English names come from the text catalogue like every other template (``backoffice.texts``).
"""

from __future__ import annotations

import re

from ..texts import Text, render, t

FIELD_LABELS: dict[str, str] = {
    # WBS
    "application_date": "Antragsdatum",
    "issue_date": "Ausstellungsdatum",
    "household": "Haushalt",
    "persons": "Zahl der Personen im Haushalt",
    "children": "Zahl der Kinder im Haushalt",
    "incomes": "Einkommen",
    "gross": "Jahresbruttoeinnahmen",
    "werbungskosten": "Werbungskosten",
    "deductions": "gezahlte Steuern und Beiträge",
    "member": "Person",
    "members": "Haushaltsmitglieder",
    "name": "Name",
    "relationship": "Stellung im Haushalt",
    "allowances": "Freibeträge",
    "code": "Art des Freibetrags",
    "amount": "Betrag",
    "count": "Anzahl",
    "marriage_date": "Datum der Eheschließung oder Begründung der Lebenspartnerschaft",
    "disabilities": "Behinderungen",
    "degree": "Grad der Behinderung",
    "home_care": "häusliche Pflegebedürftigkeit",
    "proof": "Nachweis der Behinderung",
    "care_proof": "Nachweis der Pflegebedürftigkeit",
    "flat": "Wohnung",
    "size_m2": "Wohnfläche",
    "rooms": "Zahl der Wohnräume",
    "tolerance_enabled": "Ausnahme bis 5 % prüfen",
    # Elterngeld
    "birth_date": "Geburtsdatum",
    "variant": "Elterngeldvariante",
    "net_income_before": "Nettoeinkommen vor der Geburt",
    "gross_income_before": "Bruttoeinkommen vor der Geburt",
    "income_tax_monthly": "Lohnsteuer laut Abrechnung",
    "solidarity_surcharge_monthly": "Solidaritätszuschlag",
    "tax_class": "Steuerklasse",
    "tax_factor": "Faktor (§ 39f EStG)",
    "child_allowances": "Zahl der Kinderfreibeträge",
    "health_care_insured": "kranken- und pflegeversichert",
    "pension_insured": "rentenversichert",
    "unemployment_insured": "arbeitslosenversichert",
    "church_tax_liable": "kirchensteuerpflichtig",
    "net_income_after": "Nettoeinkommen nach der Geburt",
    "net_income_after_plus": "Nettoeinkommen in Monaten mit ElterngeldPlus",
    "net_income_before_stated": "Nettoeinkommen laut Antrag",
    "sibling_bonus": "Geschwisterbonus",
    "children_born": "Zahl der geborenen Kinder",
    "taxable_income_last_year": "zu versteuerndes Einkommen im Vorjahr",
    "single_parent": "alleinerziehend",
    "month_plan": "Bezugsmonate",
    "parent": "Elternteil",
    "month": "Lebensmonat",
    "weekly_hours": "Wochenstunden",
    "bonus_weekly_hours": "Wochenstunden im Partnerschaftsbonus",
    "application_received": "Tag des Antragseingangs",
    "maternity_benefits": "Mutterschaftsleistungen",
    "days": "Tage",
    "partner_months_income_reduced": "Einkommen in zwei Lebensmonaten gemindert",
    "expected_birth_date": "voraussichtlicher Tag der Entbindung",
    "child_disability": "Kind mit Behinderung",
    "sibling_disability": "Geschwisterkind mit Behinderung",
    "income_before_provisional": "Einkommen vor der Geburt noch nicht ermittelbar",
    "taxable_income_provisional": "Steuerbescheid liegt noch nicht vor",
    "income_proven": "Einkommen nachgewiesen (endgültige Festsetzung)",
    # Führungszeugnis
    "registered_in_city": "in Mülheim an der Ruhr gemeldet",
    "applicant_role": "Antragstellung als",
    "kind": "Art des Führungszeugnisses",
    "has_organisation_request": "Aufforderung der Stelle liegt vor",
    "fee_exemption": "Gebührenbefreiung",
    "volunteer_proof": "Nachweis der ehrenamtlichen Tätigkeit",
    "fee_paid": "Gebühr bezahlt",
}

_PART = re.compile(r"(?P<key>[A-Za-z_0-9]+)(?:\[(?P<index>\d+)\])?")


def field_text(path: str) -> Text:
    """The field at ``path`` ("month_plan[2].weekly_hours") as a text: labels, list entries counted from 1."""
    parts: list[Text] = []
    for part in path.split("."):
        match = _PART.fullmatch(part)
        key = match["key"] if match else part
        named = t(FIELD_LABELS[key]) if key in FIELD_LABELS else t("„{key}“", key=key)
        if match and match["index"] is not None:
            named = t("{label}, Eintrag {n}", label=named, n=int(match["index"]) + 1)
        parts.append(named)
    text = parts[0]
    for inner in parts[1:]:
        text = t("{outer} – {inner}", outer=text, inner=inner)
    return text


def field_label(path: str, language: str = "de") -> str:
    return render(field_text(path), language)
