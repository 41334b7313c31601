"""What an empty case list says: why it is empty and what to do (shown in the list itself)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from backoffice.domain.views import View


def shortcut_text(sequence: QKeySequence) -> str:
    """A shortcut as the German keyboard labels it ("Strg+N"), whatever Qt translations are loaded."""
    names = {"Ctrl": QCoreApplication.translate("EmptyList", "Strg"), "Shift": QCoreApplication.translate("EmptyList", "Umschalt")}
    portable = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    return "+".join(names.get(part, part) for part in portable.split("+")) if portable else ""


def empty_text(key: str, name: str, *, filtered: bool, claim: QKeySequence) -> str:
    """The placeholder of the work list ``key`` (tree key, ``name`` as the tree shows it) when it has no case."""
    if filtered:
        return QCoreApplication.translate(
            "EmptyList", "Keine Fälle in „%1“ passen zu Suche und Filter – mit „Zurücksetzen“ wieder alle zeigen.").replace("%1", name)
    views = {
        View.MINE.value: QCoreApplication.translate(
            "EmptyList", "Keine Fälle in „%1“ – mit %2 den nächsten Fall übernehmen.").replace("%2", shortcut_text(claim)),
        View.UNASSIGNED.value: QCoreApplication.translate("EmptyList", "Keine Fälle in „%1“ – jeder offene Fall ist jemandem zugewiesen."),
        View.OPEN.value: QCoreApplication.translate(
            "EmptyList", "Keine Fälle in „%1“ – neue Anträge kommen mit „Abholen“ vom Portal oder als Papierantrag."),
        View.WAITING.value: QCoreApplication.translate(
            "EmptyList", "Keine Fälle in „%1“ – ein Fall erscheint hier, sobald Unterlagen angefordert sind."),
        View.OVERDUE.value: QCoreApplication.translate("EmptyList", "Keine Fälle in „%1“ – keine Frist ist überschritten."),
        View.FOLLOW_UP.value: QCoreApplication.translate("EmptyList", "Keine Fälle in „%1“ – heute ist keine Wiedervorlage fällig."),
        View.CLOSED.value: QCoreApplication.translate("EmptyList", "Keine Fälle in „%1“ – entschiedene und abgeschlossene Fälle erscheinen hier."),
    }
    if key in views:
        text = views[key]
    elif key.startswith("queue:"):
        text = QCoreApplication.translate(
            "EmptyList", "Keine Fälle in „%1“ – neue Anträge kommen mit „Abholen“ vom Portal; "
            "erledigte zeigt „Ansicht › Erledigte Fälle in Warteschlangen zeigen“.")
    elif key.startswith("filter:"):
        text = QCoreApplication.translate("EmptyList", "Keine Fälle passen zum gespeicherten Filter „%1“.")
    else:
        text = QCoreApplication.translate("EmptyList", "Keine Fälle in „%1“.")
    return text.replace("%1", name)


def failed_text() -> str:
    return QCoreApplication.translate("EmptyList", "Die Liste konnte nicht geladen werden – mit F5 erneut versuchen.")
