"""How a date's deadline state looks and reads: one function for the case list and the case header.

The state itself ("overdue", "warning", "ok", "none") is ``backoffice.domain.deadlines.deadline_state``;
both places show the same state in the same colours with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

OVERDUE = "overdue"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class DeadlineLook:
    foreground: QColor | None
    background: QColor | None
    bold: bool


_LOOKS = {
    OVERDUE: DeadlineLook(QColor("#b3261e"), QColor("#fbe9e7"), True),
    WARNING: DeadlineLook(QColor("#6b4500"), QColor("#ffe9a8"), True),
}
_PLAIN = DeadlineLook(None, None, False)


def deadline_look(state: str) -> DeadlineLook:
    """Colours of a date in ``state`` (no colours for "ok" and "none")."""
    return _LOOKS.get(state, _PLAIN)


def deadline_stylesheet(state: str) -> str:
    """The same look as a label's style sheet."""
    look = deadline_look(state)
    parts = []
    if look.foreground is not None:
        parts.append(f"color: {look.foreground.name()};")
    if look.background is not None:
        parts.append(f"background: {look.background.name()}; padding: 0 4px; border-radius: 3px;")
    if look.bold:
        parts.append("font-weight: bold;")
    return " ".join(parts)


def deadline_state_text(state: str, warning_days: int) -> str:
    """What the colour means, for a tooltip ("" when there is nothing to say)."""
    if state == OVERDUE:
        return QCoreApplication.translate("Deadlines", "überschritten")
    if state == WARNING:
        return QCoreApplication.translate("Deadlines", "läuft in %1 Arbeitstagen oder weniger ab").replace("%1", str(warning_days))
    return ""


def deadline_concept() -> str:
    """The two dates of a case and their colours, explained once (the list's header tooltips)."""
    return QCoreApplication.translate(
        "Deadlines",
        "Zieldatum: interne Bearbeitungsvorgabe – bis dahin soll der Fall entschieden sein "
        "(Arbeitstage ab Eingang nach der Bearbeitungsnorm der Leistung).\n"
        "Frist: spätester Termin – bei WBS und Elterngeld ab dann Untätigkeitsklage möglich "
        "(§ 75 VwGO, § 88 SGG), beim Führungszeugnis eine interne Frist.\n"
        "Beide ruhen, solange Unterlagen angefordert sind.\n"
        "Gelb: läuft in wenigen Arbeitstagen ab (Vorwarnzeit nach der Bearbeitungsnorm der Leistung); rot: überschritten – "
        "dieselben Farben wie im Fallkopf.",
    )
