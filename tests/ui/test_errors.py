from __future__ import annotations

from backoffice.domain.catalog import Service
from backoffice.domain.errors import NotFound, TransitionNotAllowed
from backoffice.domain.status import Action, Status
from ui.errors import user_message


def test_a_refused_step_is_named_as_the_ui_names_it(qapp) -> None:  # type: ignore[no-untyped-def]
    exc = TransitionNotAllowed(Service.WBS, Status.RECEIVED, Action.DECIDE)
    assert user_message(exc) == "Der Schritt „Entschieden“ ist im Status „Eingegangen“ nicht möglich."
    assert user_message(NotFound("Kein Fall WBS-2026-000001")) == "Kein Fall WBS-2026-000001"
