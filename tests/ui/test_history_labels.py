"""The case history in the GUI: every action by the core's one label table, in German and in English; people
by name; an older entry whose action is no longer known as it was stored."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QLocale

from backoffice.domain.records import AuditInfo
from ui.editor.history import FieldNamer, HistoryModel
from ui.i18n import install_translators

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
HISTORY = (
    AuditInfo(AT, "portal", "created", None, None, "portal"),
    AuditInfo(AT, "a.schneider", "claim", "assignee", None, "a.schneider", actor_name="Anna Schneider"),
    AuditInfo(AT, "k.becker", "reassign", "assignee", "a.schneider", "m.ohne", actor_name="Klaus Becker"),
    AuditInfo(AT, "k.becker", "notice_queued", "email_notice", None, "vorgemerkt", actor_name="Klaus Becker"),
    AuditInfo(AT, "k.becker", "field_changed", None, None, "alt", actor_name="Klaus Becker"),
)
PEOPLE = {"a.schneider": "Anna Schneider"}  # m.ohne: no longer in the directory


def _rows() -> list[tuple[str, ...]]:
    model = HistoryModel()
    model.set_history(HISTORY, FieldNamer(None, None, {}), PEOPLE)
    return [model.row_texts(r)[1:] for r in range(model.rowCount())][::-1]  # oldest first


def test_the_history_names_people_and_labels_every_action(qapp) -> None:  # type: ignore[no-untyped-def]
    rows = _rows()
    assert [r[:2] for r in rows] == [
        ("Onlineportal", "Antrag angelegt"), ("Anna Schneider", "Als nächsten Fall übernommen"),
        ("Klaus Becker", "Von der Teamleitung umverteilt"), ("Klaus Becker", "Benachrichtigung per E-Mail vorgemerkt"),
        ("Klaus Becker", "field_changed")]
    assert rows[1][3:] == ("–", "Anna Schneider") and rows[2][3:] == ("Anna Schneider", "m.ohne")


def test_the_english_history_uses_the_same_table(qapp) -> None:  # type: ignore[no-untyped-def]
    previous = QLocale()
    translators = install_translators(qapp, "en")
    try:
        assert [r[1] for r in _rows()] == ["Application created", "Claimed as next case", "Reassigned by the team lead",
                                           "E-mail notification queued", "field_changed"]
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous)
