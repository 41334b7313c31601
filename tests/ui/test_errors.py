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
