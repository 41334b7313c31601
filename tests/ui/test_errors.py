from __future__ import annotations

from backoffice.domain.catalog import Service
from backoffice.domain.errors import NotFound, TransitionNotAllowed
from backoffice.domain.status import Action, Status
from ui.errors import user_message


def test_a_refused_step_is_named_as_the_ui_names_it(qapp) -> None:  # type: ignore[no-untyped-def]
    exc = TransitionNotAllowed(Service.WBS, Status.RECEIVED, Action.DECIDE)
    assert user_message(exc) == "Der Schritt „Entschieden“ ist im Status „Eingegangen“ nicht möglich."
    assert user_message(NotFound("Kein Fall WBS-2026-000001")) == "Kein Fall WBS-2026-000001"


def test_the_english_ui_shows_the_cores_messages_in_english(qapp) -> None:  # type: ignore[no-untyped-def]
    """Refusals of the services, rules' problems and portal/mail errors are texts: German for the command line
    and the letters, English in the English UI."""
    from datetime import date

    from PySide6.QtCore import QLocale

    from backoffice.domain.errors import AssigneeAbsent, NotAssignee, ValidationFailed
    from backoffice.mail import MailError
    from backoffice.portal.transport import PortalUnavailable
    from backoffice.texts import t
    from ui.errors import problem_lines
    from ui.i18n import install_translators

    refusal = NotAssignee("WBS-2026-000001", t("Die Entscheidung"), "Anna Schmidt")
    assert "steht nur Anna Schmidt oder der Teamleitung zu" in str(refusal)  # German for the command line
    previous = QLocale()
    translators = install_translators(qapp, "en")
    try:
        assert user_message(refusal) == ("WBS-2026-000001 is assigned to Anna Schmidt: The decision is for "
                                         "Anna Schmidt or the team lead only")
        assert user_message(NotFound(t("Kein Fall {az}", az="WBS-2026-000001"))) == "No case WBS-2026-000001"
        assert "absent up to and including 31/03/2026" in user_message(AssigneeAbsent("Ben", date(2026, 3, 31)))
        problems = ValidationFailed([t("Die Notiz ist leer"), t("Keine Fälle angegeben")])
        assert problem_lines(problems) == ["The note is empty", "No cases given"]
        assert user_message(MailError(t("SMTP-Server nicht erreichbar: {reply}", reply="timed out"))) == (
            "Cannot reach the SMTP server: timed out")
        unavailable = PortalUnavailable(t("Portal nicht verfügbar: {request} ist {attempts}-mal fehlgeschlagen, "
                                          "zuletzt mit {cause}", request="GET /x", attempts=4, cause="503"))
        assert user_message(unavailable).startswith("Portal unavailable: GET /x failed 4 times")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous)


def test_a_change_refused_on_a_changed_case_is_no_unexpected_error(qapp) -> None:  # type: ignore[no-untyped-def]
    """Outside the case editor (a list's command, a team lead's panel) the refusal says what became of the change."""
    from PySide6.QtWidgets import QMessageBox

    from backoffice.domain.errors import ConcurrentModification
    from ui.errors import show_error

    for exc in (ConcurrentModification("WBS-2026-000001", 2, 3), ConcurrentModification(None)):
        box = show_error(None, exc)
        try:
            assert box.icon() is QMessageBox.Icon.Warning and not box.detailedText()
            assert "unerwartet" not in box.text() + box.informativeText()
            assert box.text().startswith(("WBS-2026-000001 wurde inzwischen von jemand anderem geändert",
                                          "Der Fall wurde inzwischen von jemand anderem geändert"))
            assert box.informativeText().startswith("Ihre Änderung wurde nicht gespeichert.")
        finally:
            box.close()


def test_a_required_reason_keeps_ok_disabled_while_blank(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.errors import text_dialog

    dialog = text_dialog(None, "Fall übernehmen", "Warum?", required=True)
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.setTextValue("   ")
    assert not ok.isEnabled()  # the command refuses a blank reason: the dialog does not close on one
    dialog.setTextValue("Vertretung")
    assert ok.isEnabled()
    optional = text_dialog(None, "Notiz", "Begründung (freiwillig):")
    qtbot.addWidget(optional)
    optional.show()
    assert optional.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_refusal_reaches_the_terminal_without_a_traceback(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    from PySide6.QtWidgets import QMessageBox, QWidget

    from backoffice.domain.errors import ValidationFailed
    from backoffice.texts import t
    from ui.ops import Tasks

    parent = QWidget()
    qtbot.addWidget(parent)
    tasks = Tasks(lambda **_kw: None)  # type: ignore[arg-type]
    try:
        with caplog.at_level(logging.INFO, logger="ui"):
            tasks.report(parent, ValidationFailed([t("Die Notiz ist leer")]))
            tasks.report(parent, RuntimeError("kaputt"))
    finally:
        for box in parent.findChildren(QMessageBox):
            box.close()
        tasks.shutdown()
    refused, failed = [r for r in caplog.records if r.name == "ui.ops"]
    assert refused.exc_info is None and "ValidationFailed" in refused.getMessage()
    assert failed.exc_info is not None  # an unexpected error keeps its traceback for the support
