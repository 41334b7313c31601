"""Helpers of the case editor's tests: cases in the editor's database, an opened editor, typing."""

from __future__ import annotations

import gc
import io
import random
from datetime import UTC, datetime

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from reportlab.pdfgen import canvas
from shiboken6 import Shiboken

from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.domain.status import Action
from backoffice.services import cases
from backoffice.services.case_queries import get_case
from ui.editor.editor import CaseEditor
from ui.ops import Tasks

RECEIVED = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)  # Monday; Easter 2026 is 5 April
CREATED: list[QWidget] = []  # the tests' top-level widgets, deleted on the UI thread after each test


def form_for(service: Service, seed: int) -> dict:  # type: ignore[type-arg]
    return generate_application(service, random.Random(seed), RECEIVED.date())


def new_case(db, actor, service: Service = Service.WBS, *, seed: int = 11, form=None, attachments=()) -> str:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        az = cases.create_case(uow, actor, service, form or form_for(service, seed), received_at=RECEIVED, now=RECEIVED, attachments=attachments)
        uow.commit()
    return az


def decidable_wbs_case(db, actor) -> str:  # type: ignore[no-untyped-def]
    """A WBS case, ready for decision, whose form the rules can decide without extra facts."""
    from backoffice.rules import RuleInputError
    from backoffice.services.decisions import propose_decision

    for seed in range(40, 80):
        az = new_case(db, actor, Service.WBS, seed=seed)
        with db.uow() as uow:
            cases.apply_action(uow, actor, az, Action.START, now=RECEIVED)
            cases.apply_action(uow, actor, az, Action.MARK_READY, now=RECEIVED)
            uow.commit()
        with db.uow(write=False) as uow:
            try:
                propose_decision(uow, actor, az, {})
            except RuleInputError:
                continue
        return az
    raise AssertionError("no decidable WBS form among the seeds")


class Clock:
    """The editor's idea of "now", moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def keep(widget: QWidget) -> None:
    CREATED.append(widget)


def delete_kept() -> None:
    """Delete the kept widgets here, on the UI thread (left to the collector, a widget in a reference cycle
    could be destroyed on whatever thread collects, or after the PDF documents it shows at exit)."""
    while CREATED:
        widget = CREATED.pop()
        if Shiboken.isValid(widget):
            widget.close()
            Shiboken.delete(widget)
    gc.collect()


def open_editor(qtbot, tasks: Tasks, actor, aktenzeichen: str, clock=None) -> CaseEditor:  # type: ignore[no-untyped-def]
    editor = CaseEditor(tasks, actor, clock=clock)
    keep(editor)
    editor.resize(1100, 800)
    editor.show()
    with qtbot.waitSignal(editor.loaded, timeout=60_000):
        editor.load(aktenzeichen)
    return editor


def reloaded(qtbot, editor: CaseEditor, action) -> None:  # type: ignore[no-untyped-def]
    """Run ``action`` and wait until the editor shows the stored result."""
    with qtbot.waitSignal(editor.loaded, timeout=60_000):
        action()


def type_text(qtbot, editor: CaseEditor, path: tuple, text: str) -> None:  # type: ignore[no-untyped-def,type-arg]
    assert editor.form is not None
    edit = editor.form.inputs[path].edit  # type: ignore[attr-defined]
    edit.selectAll()
    qtbot.keyClicks(edit, text) if text else edit.clear()
    if not text:
        editor.form.inputs[path].changed.emit()


def stored(db, actor, aktenzeichen: str):  # type: ignore[no-untyped-def]
    with db.uow(write=False) as uow:
        return get_case(uow, actor, aktenzeichen)


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Einkommenserklärung")
    page.save()
    return out.getvalue()


def png_bytes() -> bytes:
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())
