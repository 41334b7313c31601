"""What a clerk may not do in the GUI: discard or retry a quarantined submission, reassign cases.

The services refuse these (tests/integration); here the GUI: the actions are not offered to a clerk,
and a clerk who reaches one anyway (a dialog opened directly) gets a German message, never a traceback,
and nothing changes.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.records import CaseQuery, UserRef
from backoffice.services import assignment, cases
from backoffice.services.directory import ensure_user
from backoffice.store.intake_models import QuarantinedSubmission
from ui.dialogs.quarantine import QuarantineDialog
from ui.ops import Tasks
from ui.portal_admin import PortalAdmin
from ui.teamlead.cases import CaseListPanel

from .conftest import wait_idle

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
WAIT = 60_000  # a bound on a loaded machine, not a timing


class _Window(QMainWindow):
    """What PortalAdmin needs of the main window: its Portal menu and the signed-in user."""

    user_known = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.portal_menu = self.menuBar().addMenu("&Portal")


@pytest.fixture
def people(fresh: Database) -> dict[str, UserRef]:
    with fresh.uow() as uow:
        found = {
            "lead": ensure_user(uow, "k.becker", "Klaus Becker", [Role.TEAM_LEAD, Role.CLERK], ["zwf"]),
            "clerk": ensure_user(uow, "a.schneider", "Anna Schneider", [Role.CLERK], ["zwf"]),
            "other": ensure_user(uow, "m.yilmaz", "Murat Yılmaz", [Role.CLERK], ["zwf"]),
        }
        uow.intake.add(QuarantinedSubmission(
            submission_id="5b1c2b4f-66c2-59a3-9dd2-6fafd5a68536", portal_case_id="c",
            destination_id="54034d39-79d5-5458-964c-bc33a5a9fce1", received_at=NOW,
            problem_type="https://schema.fitko.de/fit-connect/events/problems/encryption-issue",
            reason="verschlüsselt für den unbekannten Schlüssel 'enc-2027'", envelope={}, metadata_json=None,
            awaiting_key="enc-2027"))
        uow.commit()
    return found


@pytest.fixture
def tasks(admin_tasks: Tasks) -> Tasks:
    """The worker pools on ``fresh``, with every error that reached ``show_error`` kept for the test."""
    admin_tasks.errors = []  # type: ignore[attr-defined]
    admin_tasks.unhandled_error.connect(lambda _op, exc: admin_tasks.errors.append(exc))  # type: ignore[attr-defined]
    return admin_tasks


def _error_box(qtbot, parent) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(parent.findChildren(QMessageBox)), timeout=WAIT)
    return parent.findChildren(QMessageBox)[-1]


def test_the_quarantine_inbox_is_not_offered_to_a_clerk(qtbot, tasks, people) -> None:  # type: ignore[no-untyped-def]
    window = _Window()
    qtbot.addWidget(window)
    admin = PortalAdmin(tasks, window, reconnect=lambda: None)
    window.user_known.emit(people["clerk"])
    assert not admin.quarantine_action.isEnabled() and not admin.settings_action.isEnabled()
    wait_idle(qtbot, tasks)
    assert admin.quarantine_count == 0  # not even the number of entries
    window.user_known.emit(people["lead"])
    assert admin.quarantine_action.isEnabled()
    qtbot.waitUntil(lambda: admin.quarantine_count == 1, timeout=WAIT)
    assert tasks.errors == []


@pytest.mark.parametrize("act", ["resolve", "retry"])
def test_a_clerk_who_reaches_the_inbox_cannot_discard_or_retry(qtbot, tasks, people, fresh, act) -> None:  # type: ignore[no-untyped-def]
    dialog = QuarantineDialog(tasks, people["clerk"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    box = _error_box(qtbot, dialog)
    assert "a.schneider darf den Portaleingang nicht verwalten" in box.informativeText()
    assert box.text() == "Der Vorgang konnte nicht ausgeführt werden." and box.detailedText() == ""  # no traceback
    assert dialog.table.rowCount() == 0  # nothing shown
    box.close()
    with fresh.uow(write=False) as uow:
        entry_id = uow.intake.quarantine()[0].id
    if act == "resolve":
        dialog.resolve(entry_id, "verworfen")
    else:
        dialog.retry(entry_id)
    qtbot.waitUntil(lambda: len(tasks.errors) == 2, timeout=WAIT)
    box = _error_box(qtbot, dialog)
    assert "darf den Portaleingang nicht verwalten" in box.informativeText() and box.detailedText() == ""
    with fresh.uow(write=False) as uow:
        entry = uow.intake.quarantine()[0]
        assert (entry.resolved_at, entry.retry_requested_at) == (None, None)


def test_a_clerk_who_reaches_the_reassignment_is_refused_in_german(qtbot, tasks, people, fresh) -> None:  # type: ignore[no-untyped-def]
    with fresh.uow() as uow:
        az = cases.create_case(uow, None, Service.WBS, generate_application(Service.WBS, random.Random(3), NOW.date()), now=NOW)
        assignment.assign_to_me(uow, people["clerk"], az, now=NOW)
        uow.commit()
    panel = CaseListPanel(tasks, people["clerk"], ask=lambda _p, _c, _n: ("m.yilmaz", "Urlaub"))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.model.loaded, timeout=WAIT):
        panel.show_cases("Meine Fälle", CaseQuery(assignee_login="a.schneider", open_only=True))
    panel.view.selectRow(0)
    panel.reassign_selected()
    qtbot.waitUntil(lambda: bool(panel.status.text()), timeout=WAIT)
    assert panel.status.text() == "Das Umverteilen von Fällen ist der Teamleitung vorbehalten"
    assert panel.reassign_button.isEnabled()  # the panel is usable again, no half state
    wait_idle(qtbot, tasks)
    assert tasks.errors == []  # shown in the panel, not as an unexpected error
    with fresh.uow(write=False) as uow:
        assert uow.cases.get(az).assignee.login == "a.schneider"
