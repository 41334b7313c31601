"""The team-lead workspace: figures as the service counts them, click-through, bulk reassignment,
absence and redistribution, the § 75 VwGO limit, and four-eyes send-back reaching the clerk."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMainWindow

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.changes import Area, Changes
from backoffice.domain.inaction_limits import add_months
from backoffice.domain.records import CaseQuery, UserRef
from backoffice.domain.status import Action
from backoffice.services import absences, assignment, cases, decisions, letters
from backoffice.services.absences import Rule
from backoffice.services.case_queries import get_case
from backoffice.services.directory import ensure_user
from backoffice.services.intake.health import record_round
from backoffice.services.intake.summary import SyncSummary
from backoffice.services.workload import ClerkLoad, Figure, workload
from ui import labels
from ui.formatting import format_datetime
from ui.letters.case_letters import CaseLettersModel
from ui.ops import Tasks
from ui.sync_controller import SyncController
from ui.teamlead.dialogs import AbsenceDialog, NewAbsence, ReassignDialog
from ui.teamlead.menu import TeamLeadMenu
from ui.teamlead.window import TeamLeadWindow

from .conftest import wait_idle
from .test_letters_ui import _wbs_form

TODAY = date.today()  # the services count from the real day; the cases are placed relative to it
NOW = datetime.combine(TODAY, time(9), tzinfo=UTC)
WAIT = 60_000  # a bound on a loaded machine, not a timing


@pytest.fixture
def team(fresh: Database) -> dict[str, UserRef]:
    with fresh.uow() as uow:
        people = {
            "lead": ensure_user(uow, "k.becker", "Klaus Becker", [Role.TEAM_LEAD, Role.CLERK], ["zwf"]),
            "anna": ensure_user(uow, "a.schneider", "Anna Schneider", [Role.CLERK], ["zwf"]),
            "murat": ensure_user(uow, "m.yilmaz", "Murat Yılmaz", [Role.CLERK], ["zwf"]),
            "jana": ensure_user(uow, "j.nowak", "Jana Nowak", [Role.CLERK], ["zwf"]),
        }
        uow.commit()
    return people


def _cases(db: Database, clerk: UserRef | None, n: int, received: datetime, seed: int = 0) -> list[str]:
    with db.uow() as uow:
        azs = [cases.create_case(uow, None, Service.WBS, generate_application(Service.WBS, random.Random(seed + i),
                                                                              received.date()),
                                 received_at=received, now=received) for i in range(n)]
        for az in azs if clerk is not None else ():
            assignment.assign_to_me(uow, clerk, az, now=received)
        uow.commit()
    return azs


@pytest.fixture
def window(qtbot, fresh: Database, team: dict[str, UserRef]) -> Iterator[TeamLeadWindow]:  # type: ignore[no-untyped-def]
    tasks = Tasks(fresh.uow)
    view = TeamLeadWindow(tasks, team["lead"], ask_reassign=lambda _p, _c, _n: ("m.yilmaz", "Belastungsausgleich"),
                          confirm_absent=lambda _p, _t: True, approval_reason=lambda _p: "Bitte Begründung ergänzen")
    qtbot.addWidget(view)
    yield view
    tasks.shutdown()


def _open(qtbot, view: TeamLeadWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.workload.loaded, timeout=WAIT):
        view.load()
    wait_idle(qtbot, view._tasks)


def test_figures_match_the_service_and_click_through_lists_their_cases(qtbot, window, fresh, team) -> None:  # type: ignore[no-untyped-def]
    _cases(fresh, team["anna"], 4, NOW - timedelta(days=3))
    _cases(fresh, None, 2, NOW - timedelta(days=1), seed=10)
    _open(qtbot, window)
    with fresh.uow(write=False) as uow:
        expected = workload(uow, team["lead"], "zwf")
    buttons = window.workload.clerks.buttons
    assert buttons["a.schneider"].text() == str(expected.clerks[0].open.count) == "4"
    assert window.workload.totals.buttons["unassigned"].text() == str(expected.unassigned.count) == "2"
    assert window.workload.totals.buttons["open"].text() == "6"
    with qtbot.waitSignal(window.cases.model.loaded, timeout=WAIT):
        window.workload.totals.buttons["unassigned"].click()
    assert window.cases.model.total == 2
    assert all(window.cases.model.case_at(r).assignee is None for r in range(2))  # type: ignore[union-attr]
    assert window.cases.title.text() == "Nicht zugewiesen"


def test_a_change_announced_elsewhere_refreshes_the_shown_workspace(qtbot, window, fresh, team) -> None:  # type: ignore[no-untyped-def]
    from backoffice.domain.changes import Area, Changes

    _open(qtbot, window)
    window.show()
    assert window.workload.totals.buttons["unassigned"].text() == "0"
    _cases(fresh, None, 2, NOW - timedelta(days=1), seed=20)  # another client's intake
    with qtbot.waitSignal(window.workload.loaded, timeout=WAIT):
        window._tasks.operation_did_execute.emit(Changes(areas=frozenset({Area.LISTS})), None)
    assert window.workload.totals.buttons["unassigned"].text() == "2"


def test_three_selected_cases_are_reassigned_with_a_reason(qtbot, window, fresh, team) -> None:  # type: ignore[no-untyped-def]
    azs = _cases(fresh, team["anna"], 4, NOW - timedelta(days=3))
    _open(qtbot, window)
    with qtbot.waitSignal(window.cases.model.loaded, timeout=WAIT):
        window.workload.clerks.buttons["a.schneider"].click()
    selection = window.cases.view.selectionModel()
    for row in range(3):
        selection.select(window.cases.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    chosen = window.cases.selected()
    assert len(chosen) == 3 and window.cases.reassign_button.isEnabled()
    with qtbot.waitSignal(window.cases.moved, timeout=WAIT):
        window.cases.reassign_button.click()
    wait_idle(qtbot, window._tasks)
    with fresh.uow(write=False) as uow:
        for az in azs:
            row = get_case(uow, team["lead"], az).row
            assert row.assignee == ("m.yilmaz" if az in chosen else "a.schneider")
        history = get_case(uow, team["lead"], chosen[0]).history
        assert ("reassign", "reason", "Belastungsausgleich") in [(h.action, h.field, h.new_value) for h in history]
    assert window.cases.model.total == 1  # Anna's list, refreshed
    assert window.workload.clerks.buttons["m.yilmaz"].text() == "3"


def test_absence_then_an_edited_redistribution_is_applied(qtbot, window, fresh, team) -> None:  # type: ignore[no-untyped-def]
    azs = _cases(fresh, team["anna"], 3, NOW - timedelta(days=3))
    _open(qtbot, window)
    with qtbot.waitSignal(window.absences.loaded, timeout=WAIT):
        window.absences.add(NewAbsence("a.schneider", TODAY, TODAY + timedelta(days=10), True))
    assert window.absences.table.rowCount() == 1
    assert window.absences.table.item(0, 0).text() == "Anna Schneider"
    assert window.absences.table.item(0, 3).text() == "ja"
    assert window.absences.table.item(0, 4).text() == "in die Warteschlange"  # new cases are not dispatched
    window.absences.table.selectRow(0)
    dialog = window.absences.open_redistribution()
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.proposals) == 3, timeout=WAIT)
    assert "a.schneider" not in {login for _az, login in dialog.plan()}  # never the absent clerk
    dialog.combo(0).setCurrentIndex(dialog.combo(0).findData(None))  # the first back to the queue
    dialog.combo(1).setCurrentIndex(dialog.combo(1).findData("j.nowak"))
    assert not dialog.apply_button.isEnabled()  # a reason is required
    dialog.reason.setText("Urlaubsvertretung")
    plan = dict(dialog.plan())
    first, second = dialog.proposals[0].aktenzeichen, dialog.proposals[1].aktenzeichen
    with qtbot.waitSignal(dialog.applied, timeout=WAIT):
        dialog.apply_button.click()
    wait_idle(qtbot, window._tasks)
    with fresh.uow(write=False) as uow:
        moved = {az: get_case(uow, team["lead"], az).row.assignee for az in azs}
    assert moved == plan and moved[first] is None and moved[second] == "j.nowak"
    assert len(dialog.proposals) == 0  # reloaded: nothing of Anna's left
    assert dialog.status.text() == "3 Fälle umverteilt. 0 offene Fälle"  # the reload keeps what was done
    assert dialog.empty_hint.label.text() == "Anna Schneider hat keine offenen Fälle, die umzuverteilen wären."


def test_a_planned_absence_is_shared_among_those_present_when_it_begins(qtbot, window, fresh, team) -> None:  # type: ignore[no-untyped-def]
    _cases(fresh, team["anna"], 4, NOW - timedelta(days=3))
    _cases(fresh, team["jana"], 2, NOW - timedelta(days=3), seed=10)
    begins = TODAY + timedelta(days=7)
    with fresh.uow() as uow:  # Jana is away today only, Murat the week Anna is
        absences.add_absence(uow, team["lead"], "j.nowak", TODAY, TODAY, today=TODAY)
        absences.add_absence(uow, team["lead"], "m.yilmaz", begins, begins + timedelta(days=4), today=TODAY)
        uow.commit()
    _open(qtbot, window)
    with qtbot.waitSignal(window.absences.loaded, timeout=WAIT):
        window.absences.add(NewAbsence("a.schneider", begins, begins + timedelta(days=4), False))
    row = next(r for r in range(window.absences.table.rowCount())
               if window.absences.table.item(r, 0).text() == "Anna Schneider")
    window.absences.table.selectRow(row)
    dialog = window.absences.open_redistribution()
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.proposals) == 4, timeout=WAIT)
    wait_idle(qtbot, window._tasks)
    # fewest open first: Klaus (none open) until he has Jana's two, then by login
    assert [p.to_login for p in dialog.proposals] == ["k.becker", "k.becker", "j.nowak", "k.becker"]
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.rule.setCurrentIndex(dialog.rule.findData(Rule.ROUND_ROBIN))
    assert [p.to_login for p in dialog.proposals] == ["j.nowak", "k.becker", "j.nowak", "k.becker"]


def test_a_wbs_case_older_than_three_months_is_over_the_section_75_vwgo_limit(qtbot, window, fresh, team) -> None:  # type: ignore[no-untyped-def]
    old_day = add_months(TODAY, -4)
    [old] = _cases(fresh, team["anna"], 1, datetime.combine(old_day, time(9), tzinfo=UTC))
    _cases(fresh, team["anna"], 2, NOW - timedelta(days=10), seed=5)
    with qtbot.waitSignal(window.escalation.loaded, timeout=WAIT):
        _open(qtbot, window)
    found = window.escalation.escalation
    assert found is not None and [(lim.limit.norm, lim.over.count) for lim in found.limits] == [("§ 75 Satz 2 VwGO", 1)]
    assert window.escalation.targets.buttons["target_missed"].text() == "1"  # only the old one missed its Zieldatum
    button = window.escalation.limits.buttons["wbs.over"]
    assert button.text() == "1"
    with qtbot.waitSignal(window.cases.model.loaded, timeout=WAIT):
        button.click()
    assert window.cases.model.total == 1 and window.cases.model.case_at(0).aktenzeichen == old  # type: ignore[union-attr]
    assert "75" in window.cases.title.text()


def test_a_letter_sent_back_carries_the_comment_to_the_clerk(qtbot, window, fresh, team) -> None:  # type: ignore[no-untyped-def]
    clerk = team["anna"]
    with fresh.uow() as uow:
        form = _wbs_form(eligible=False)
        az = cases.create_case(uow, clerk, Service.WBS, form, now=NOW)
        assignment.assign_to_me(uow, clerk, az, now=NOW)
        cases.apply_action(uow, clerk, az, Action.START, now=NOW)
        cases.apply_action(uow, clerk, az, Action.MARK_READY, now=NOW)
        decisions.decide(uow, clerk, az, "refused", now=NOW)
        letters.issue_letter(uow, clerk, az, "wbs_refusal", now=NOW)
        uow.commit()
    _open(qtbot, window)
    approvals = window.approvals
    qtbot.waitUntil(lambda: approvals.model.rowCount() == 1 and approvals.reject_button.isEnabled(), timeout=WAIT)
    with qtbot.waitSignal(approvals.changed, timeout=WAIT):
        approvals.reject_button.click()
    wait_idle(qtbot, window._tasks)
    with fresh.uow(write=False) as uow:
        history = get_case(uow, clerk, az).history  # what the clerk sees in the case's history
        archive = letters.list_letters(uow, clerk, az)  # the case's letters tab
    assert any(h.action == "letter_rejected" and "Bitte Begründung ergänzen" in (h.new_value or "") for h in history)
    assert [a.cancel_reason for a in archive] == ["Bitte Begründung ergänzen"]
    shown = CaseLettersModel()
    shown.set_records(archive)
    cells = [shown.index(0, c).data() for c in range(shown.columnCount())]
    assert "Bitte Begründung ergänzen" in cells and "ersetzt / zurückgewiesen" in cells
    assert labels.audit_action_label("letter_rejected") == "Brief von der Teamleitung zurückgewiesen"


def _screenshot_dir(tmp_path: Path) -> Path:
    """``BACKOFFICE_SCREENSHOTS=docs/screenshots`` renews the committed screenshots; else the test's own directory."""
    target = Path(os.environ.get("BACKOFFICE_SCREENSHOTS") or tmp_path / "shots")
    target.mkdir(parents=True, exist_ok=True)
    return target


def test_screenshot_of_the_workspace(qtbot, window, fresh, team, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _cases(fresh, team["anna"], 5, NOW - timedelta(days=3))
    _cases(fresh, team["murat"], 2, NOW - timedelta(days=20), seed=20)
    _cases(fresh, None, 3, NOW - timedelta(days=1), seed=30)
    _cases(fresh, team["jana"], 1, datetime.combine(add_months(TODAY, -4), time(9), tzinfo=UTC), seed=40)
    window.resize(1280, 860)
    window.show()
    _open(qtbot, window)
    with qtbot.waitSignal(window.cases.model.loaded, timeout=WAIT):
        window.workload.totals.buttons["open"].click()
    wait_idle(qtbot, window._tasks)
    target = _screenshot_dir(tmp_path) / "team-lead.png"
    assert window.grab().save(str(target))
    assert target.stat().st_size > 10_000


def test_screenshot_of_the_absence_preview(qtbot, window, fresh, team, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _cases(fresh, team["anna"], 7, NOW - timedelta(days=12))
    _cases(fresh, team["murat"], 2, NOW - timedelta(days=20), seed=20)
    _cases(fresh, team["jana"], 4, NOW - timedelta(days=5), seed=40)
    window.resize(1280, 860)
    window.show()
    _open(qtbot, window)
    with qtbot.waitSignal(window.absences.loaded, timeout=WAIT):
        window.absences.add(NewAbsence("a.schneider", TODAY, TODAY + timedelta(days=14), False))
    window.absences.table.selectRow(0)
    dialog = window.absences.open_redistribution()
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.proposals) == 7, timeout=WAIT)
    wait_idle(qtbot, window._tasks)
    # fewest open first: the present clerks (Klaus 0, Murat 2, Jana 4 open) end up within one case of each other
    given = [login for _az, login in dialog.plan()]
    loads = {"k.becker": 0, "m.yilmaz": 2, "j.nowak": 4}
    for login in given:
        assert login in loads
        loads[login] += 1
    assert max(loads.values()) - min(loads.values()) <= 1
    dialog.reason.setText("Urlaub von Anna Schneider")
    target = _screenshot_dir(tmp_path) / "absence-preview.png"
    assert dialog.grab().save(str(target))
    assert target.stat().st_size > 10_000


class _MainWindow(QMainWindow):
    user_known = Signal(object)


def test_the_team_menu_opens_the_workspace_for_team_leads_only(qtbot, fresh, team) -> None:  # type: ignore[no-untyped-def]
    main = _MainWindow()
    qtbot.addWidget(main)
    main.menuBar().addMenu("&Hilfe")
    tasks = Tasks(fresh.uow)
    try:
        menu = TeamLeadMenu(tasks, main)
        assert main.menuBar().actions()[-1].text() == "&Hilfe" and not menu.menu.menuAction().isVisible()
        assert menu.open_action.shortcut().toString() == "Ctrl+Shift+T"
        main.user_known.emit(team["anna"])  # a clerk
        assert menu.open_view() is None and not menu.menu.menuAction().isVisible()
        main.user_known.emit(team["lead"])
        assert menu.menu.menuAction().isVisible()
        view = menu.open_view()
        assert isinstance(view, TeamLeadWindow)
        qtbot.waitUntil(lambda: view.department.count() == 1, timeout=WAIT)
        assert view.department.currentData() == "zwf"
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def _round(db: Database, at: datetime, **counts: Any) -> None:
    """A sync round another client (the sync service) ran and recorded in the database."""
    summary = SyncSummary(**counts)
    with db.uow() as uow:
        record_round(uow, "client-1", "server:4711", summary, now=at)
        uow.commit()


def test_the_portal_clock_shows_the_last_good_round_of_any_client_and_fetches_again(qtbot, fresh, team) -> None:  # type: ignore[no-untyped-def]
    good = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    _round(fresh, good, new=3, sent=3)
    tasks = Tasks(fresh.uow)
    try:
        controller = SyncController(tasks)  # this PC has not synced: the database knows the last round
        view = TeamLeadWindow(tasks, team["lead"], sync=controller)
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.escalation.loaded, timeout=WAIT):
            view.load()
        texts = [w.text() for w in view.escalation.portal.findChildren(QLabel)]
        assert format_datetime(good) in texts and f"{format_datetime(good)} auf dem Rechner server" in texts
        assert any(t.startswith("3 neu, 0 abgewiesen") for t in texts)
        assert "Offene Einträge in der Quarantäne" in texts and "0" in texts
        assert not any("14 Tagen" in t for t in texts)  # a round today: no warning about the portal's clock
        assert not view.escalation.fetch_button.isHidden()
        view.escalation.fetch_button.click()  # no portal connected here: nothing starts
        assert controller.runs == 0
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_a_failed_round_of_another_client_shows_its_error_and_keeps_the_last_good_one(qtbot, fresh, team) -> None:  # type: ignore[no-untyped-def]
    good = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3)
    _round(fresh, good, new=1)
    tasks = Tasks(fresh.uow)
    try:
        view = TeamLeadWindow(tasks, team["lead"])
        qtbot.addWidget(view)
        view.show()
        with qtbot.waitSignal(view.escalation.loaded, timeout=WAIT):
            view.load()
        failed = good + timedelta(days=2)
        _round(fresh, failed, errors=2, error_messages=["Portal nicht erreichbar: 503\nRetry-After 600", "x"])
        # the sync's commit is announced (here by hand; between clients by the change counters)
        with qtbot.waitSignal(view.escalation.loaded, timeout=WAIT):
            tasks.announce(Changes.of(Area.SYNC))
        texts = [w.text() for w in view.escalation.portal.findChildren(QLabel)]
        assert format_datetime(good) in texts and f"{format_datetime(failed)} auf dem Rechner server" in texts
        assert "2, zuerst: Portal nicht erreichbar: 503 Retry-After 600" in texts
        assert any("14 Tagen" in t for t in texts)  # no good round for a day: the portal's clock is named
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_the_absence_dialog_offers_dispatching_new_cases_by_a_rule(qtbot) -> None:  # type: ignore[no-untyped-def]
    clerk = ClerkLoad("a.schneider", "Anna Schneider", None, Figure(2, CaseQuery()))
    dialog = AbsenceDialog((clerk,), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.choice().dispatch is None  # by default new cases stay in the queue
    dialog.dispatch.setCurrentIndex(dialog.dispatch.findData(Rule.ROUND_ROBIN))
    assert dialog.choice() == NewAbsence("a.schneider", TODAY, TODAY, False, Rule.ROUND_ROBIN)
    assert dialog.dispatch.itemText(dialog.dispatch.currentIndex()) == "ja, reihum an die Anwesenden"


def test_the_reassign_dialog_needs_a_reason_and_offers_the_queue(qtbot) -> None:  # type: ignore[no-untyped-def]
    clerk = ClerkLoad("m.yilmaz", "Murat Yılmaz", TODAY + timedelta(days=3), Figure(2, CaseQuery()))
    dialog = ReassignDialog((clerk,), 3)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.windowTitle() == "3 Fälle zuweisen" and not ok.isEnabled()
    one = ReassignDialog((clerk,), 1)
    qtbot.addWidget(one)
    assert one.windowTitle() == "1 Fall zuweisen"
    assert "abwesend bis" in dialog.clerk.itemText(0) and dialog.clerk.itemData(1) is None
    dialog.reason.setText("  Vertretung ")
    assert ok.isEnabled() and dialog.choice() == ("m.yilmaz", "Vertretung")


def test_a_lead_of_two_departments_chooses_one(qtbot, fresh, team) -> None:  # type: ignore[no-untyped-def]
    with fresh.uow() as uow:
        lead = ensure_user(uow, "b.krause", "Bernd Krause", [Role.TEAM_LEAD], ["zwf", "egs"])
        uow.commit()
    tasks = Tasks(fresh.uow)
    try:
        view = TeamLeadWindow(tasks, lead)
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.workload.loaded, timeout=WAIT):
            view.load()
        assert view.department.count() == 2
        other = 1 - view.department.currentIndex()
        code = view.department.itemData(other)
        with qtbot.waitSignal(view.workload.loaded, timeout=WAIT) as loaded:
            view.department.setCurrentIndex(other)
        assert loaded.args[0].department_code == code
        qtbot.waitUntil(lambda: view.escalation.escalation is not None and view.escalation.escalation.department_code == code,
                        timeout=WAIT)
        # The case list shows the department once its own query answered (asked for last).
        qtbot.waitUntil(lambda: view.cases.model.query.department_code == code, timeout=WAIT)
        assert view.cases.model.total == 0 and not view.cases.model.is_loading
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()
