"""A request for missing documents: the list the clerk chose, the answer deadline and the follow-up date.

Pure rules shared by the service (which refuses what breaks them) and the dialog (which says so
before it closes). A document's name may be typed by the clerk: it is hostile text like any other,
so it is bounded, one line of printable characters, and escaped where a letter draws it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta

from ..texts import Text, t
from .calendar import add_business_days

MAX_DOCUMENTS = 20  # one letter's list; more is a call or a second letter
MAX_DOCUMENT_CHARS = 300  # a document's name, as it appears in the letter
MAX_DEADLINE_DAYS = 92  # answer time at most about three months (the office's practice)
MAX_FOLLOW_UP_DAYS = 92  # follow-up at most that long after the deadline


def document_name(text: str) -> str:
    """A document's name as stored and printed: NFC, runs of whitespace as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def document_problems(text: str) -> list[Text]:
    """The problems of one document name (empty: it may go into the letter)."""
    name = document_name(text)
    if not name:
        return [t("Die Bezeichnung der Unterlage ist leer")]
    problems = []
    if len(name) > MAX_DOCUMENT_CHARS:
        problems.append(t("Die Bezeichnung der Unterlage ist zu lang (höchstens {max_document_chars} Zeichen)",
                          max_document_chars=MAX_DOCUMENT_CHARS))
    if not name.isprintable():
        problems.append(t("Die Bezeichnung der Unterlage enthält Steuerzeichen"))
    return problems


def default_deadline(letter_date: date, days: int) -> date:
    """``days`` after the letter, moved to the next NRW business day when that is a weekend or holiday."""
    return add_business_days(letter_date + timedelta(days=days), 0)


def default_follow_up(deadline: date) -> date:
    """The case comes back on the first business day after the deadline ran out."""
    return add_business_days(deadline, 1)


def request_problems(documents: Iterable[str], deadline: date, follow_up_on: date, letter_date: date) -> list[Text]:
    """Every problem of a request (empty: it can be sent)."""
    names = [document_name(d) for d in documents]
    problems: list[Text] = []
    if not names:
        problems.append(t("Bitte wählen Sie mindestens eine Unterlage aus"))
    if len(names) > MAX_DOCUMENTS:
        problems.append(t("Höchstens {max_documents} Unterlagen in einem Schreiben", max_documents=MAX_DOCUMENTS))
    for name in names:
        problems += [t("{problem}: „{name}“", problem=p, name=name[:40]) if name else p for p in document_problems(name)]
    if len({n.casefold() for n in names}) < len(names):
        problems.append(t("Eine Unterlage ist doppelt aufgeführt"))
    if deadline <= letter_date:
        problems.append(t("Die Frist muss nach dem Datum des Schreibens liegen"))
    elif deadline > letter_date + timedelta(days=MAX_DEADLINE_DAYS):
        problems.append(t("Die Frist darf höchstens {max_deadline_days} Tage nach dem Schreiben liegen",
                          max_deadline_days=MAX_DEADLINE_DAYS))
    if follow_up_on <= deadline:
        problems.append(t("Die Wiedervorlage muss nach dem Ablauf der Frist liegen"))
    elif follow_up_on > deadline + timedelta(days=MAX_FOLLOW_UP_DAYS):
        problems.append(t("Die Wiedervorlage darf höchstens {max_follow_up_days} Tage nach der Frist liegen",
                          max_follow_up_days=MAX_FOLLOW_UP_DAYS))
    return problems


def follow_up_reason(deadline: date) -> str:
    """Why the case comes back (``cases.follow_up_reason``): the header's and the list's tooltip."""
    return f"Unterlagen angefordert, Frist bis {deadline:%d.%m.%Y}: Eingang prüfen"
