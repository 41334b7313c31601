"""German wording shared by rule results and letters."""

from __future__ import annotations

# German nouns the letters count, with their plural: "1 Person", "2 Personen" (never "Person(en)").
PLURALS: dict[str, str] = {"Person": "Personen", "Wohnraum": "Wohnräume", "Kind": "Kinder", "Monat": "Monate",
                           "Lebensmonat": "Lebensmonate", "Jahr": "Jahre", "Fall": "Fälle", "Brief": "Briefe",
                           "Druckauftrag": "Druckaufträge", "Benachrichtigung": "Benachrichtigungen",
                           "Regel": "Regeln", "Eintrag": "Einträge", "Prüfeintrag": "Prüfeinträge",
                           "Abwesenheit": "Abwesenheiten", "Benutzer": "Benutzer", "Byte": "Byte"}


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` with the noun in the right number: count_noun(1, "Person") -> "1 Person", (2, ...) -> "2 Personen".

    The plural comes from ``PLURALS`` unless given; a noun missing from both is an error (no guessed endings).
    """
    if plural is None:
        try:
            plural = PLURALS[singular]
        except KeyError:
            raise ValueError(f"no plural known for {singular!r}; pass it") from None
    return f"{count} {singular if count == 1 else plural}"


# The core's German names of its codes, for messages outside the Qt UI (the CLI, logs a
# clerk may read); the UI has its own translatable copies in ui/labels.py.
SERVICE_NAMES: dict[str, str] = {"wbs": "Wohnberechtigungsschein", "elterngeld": "Elterngeld",
                                 "fuehrungszeugnis": "Führungszeugnis"}
SERVICE_SHORT_NAMES: dict[str, str] = {"wbs": "WBS", "elterngeld": "Elterngeld", "fuehrungszeugnis": "Führungszeugnis"}
STATUS_NAMES: dict[str, str] = {
    "received": "Eingegangen", "in_progress": "In Bearbeitung", "waiting_for_documents": "Unterlagen angefordert",
    "ready_for_decision": "Entscheidungsreif", "decided": "Entschieden", "forwarded": "Weitergeleitet",
    "withdrawn": "Zurückgezogen", "closed": "Abgeschlossen",
}
OUTCOME_NAMES: dict[str, str] = {"granted": "bewilligt", "refused": "abgelehnt", "forwarded": "weitergeleitet",
                                  "refund": "endgültig festgesetzt, Erstattung gefordert"}
ACTION_NAMES: dict[str, str] = {
    "start": "Bearbeitung beginnen", "request_documents": "Unterlagen anfordern",
    "documents_received": "Unterlagen eingegangen", "mark_ready": "Als entscheidungsreif markieren",
    "reopen": "Wieder aufnehmen", "decide": "Entscheiden", "forward": "Weiterleiten", "withdraw": "Zurückziehen",
    "close": "Abschließen",
}
# The fields a case's history names (the actions' names: ``audit_actions.LABELS``).
HISTORY_FIELD_NAMES: dict[str, str] = {
    "status": "Status", "outcome": "Ergebnis", "assignee": "Bearbeitung", "target_date": "Zieldatum",
    "legal_deadline": "Frist", "reason": "Begründung", "link": "Verknüpfter Fall",
    "allowance.young_couple": "Freibetrag junges Ehepaar", "allowance.disability": "Freibetrag Schwerbehinderung",
}
LETTER_STATUS_NAMES: dict[str, str] = {"draft": "Entwurf", "awaiting_approval": "wartet auf Freigabe",
                                       "final": "endgültig", "cancelled": "ersetzt / zurückgewiesen"}
PRINT_STATUS_NAMES: dict[str, str] = {"queued": "wartet", "printing": "wird gedruckt", "printed": "gedruckt",
                                      "failed": "fehlgeschlagen"}
# What the intake answers the portal (the outbox's kinds).
OUTBOX_KIND_NAMES: dict[str, str] = {"accept": "Annahme", "reject": "Zurückweisung"}
ROLE_NAMES: dict[str, str] = {"clerk": "Sachbearbeitung", "team_lead": "Teamleitung", "admin": "Administration"}


def german_name(names: dict[str, str], code: object) -> str:
    """The German name of ``code`` (an enum or its value); a code without one is shown as it is, never hidden."""
    return names.get(str(code), str(code))


def month_list(months: list[int] | tuple[int, ...]) -> str:
    """German list of ordinal months of life: [1, 2, 3] -> "1., 2. und 3."."""
    items = [f"{m}." for m in months]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]
