""""Papierantrag erfassen": a clerk types in an application that came on paper.

Service chooser → the same empty form as the editor → validate at the fields →
``services.cases.create_case`` (``portal=None``) in the background. ``created``
carries the new Aktenzeichen (the main window may open it).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backoffice import schemas
from backoffice.domain.catalog import Service
from backoffice.domain.errors import DomainError, ValidationFailed
from backoffice.domain.records import UserRef
from backoffice.services.cases import create_case

from .. import labels
from ..errors import problem_lines, user_message
from ..ops import CommandOp, Tasks
from .form import CaseForm
from .layout import load_layout

ERROR_STYLE = "background: #fde7e5; border: 1px solid #e3a19a; border-radius: 4px; padding: 6px; color: #8c1d18;"


def empty_form(service: Service) -> dict[str, Any]:
    """The skeleton a new paper application starts from (lists the layout edits as tables)."""
    if service is Service.WBS:
        return {"members": [], "household": {}}
    if service is Service.ELTERNGELD:
        return {"parents": [], "month_plan": []}
    return {}


class PaperApplicationDialog(QDialog):
    created = Signal(str)  # Aktenzeichen of the new case

    def __init__(
        self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *, services: list[Service] | None = None,
        clock: Any = None,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._clock = tasks, actor, clock
        self.setWindowTitle(self.tr("Papierantrag erfassen"))
        self.resize(980, 760)
        self.service = QComboBox()
        names = labels.service_labels()
        for service in services or list(Service):
            self.service.addItem(names[service], service)
        self.service.currentIndexChanged.connect(lambda _i: self._build_form())
        today = (clock() if clock else datetime.now(UTC)).astimezone().date()
        self.received = QDateEdit(QDate(today.year, today.month, today.day))
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("dd.MM.yyyy")
        self.received.setMaximumDate(QDate(today.year, today.month, today.day))  # deadlines run from the real receipt
        chooser = QFormLayout()
        chooser.addRow(self.tr("&Leistung:"), self.service)
        chooser.addRow(self.tr("&Eingangsdatum:"), self.received)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Fall &anlegen"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.message)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.buttons)
        self.form: CaseForm | None = None
        self._build_form()

    def chosen_service(self) -> Service:
        return Service(self.service.currentData())

    def _build_form(self) -> None:
        service = self.chosen_service()
        schema = schemas.load_schema(schemas.schema_uri(service))
        self.form = CaseForm(load_layout(service, schema), schema)
        self.form.set_data(empty_form(service))
        self.area.setWidget(self.form)  # the previous form is deleted by the scroll area
        self.message.setVisible(False)

    def submit(self) -> None:
        """Validate; when the form is complete, create the case in the background."""
        assert self.form is not None
        problems = self.form.validate()
        if problems:
            self._show_error(
                QCoreApplication.translate("Editor", "Der Antrag ist noch unvollständig: 1 Angabe fehlt oder ist fehlerhaft (rot markiert).")
                if len(problems) == 1 else
                QCoreApplication.translate("Editor", "Der Antrag ist noch unvollständig: %1 Angaben fehlen oder sind fehlerhaft (rot markiert).")
                .replace("%1", str(len(problems)))
            )
            self.form.focus_first_problem()
            return
        data, service, actor = self.form.data(), self.chosen_service(), self._actor
        now: datetime | None = self._clock() if self._clock else None
        received = self.received_at()
        self.buttons.setEnabled(False)
        (
            CommandOp(
                parent=self,
                tasks=self._tasks,
                op=lambda uow: create_case(uow, actor, service, data, received_at=received, portal=None, now=now),
            )
            .success(self._created)
            .failure(self._failed)
            .run()
        )

    def received_at(self) -> datetime:
        """The receipt date (stamped on the paper) at noon local time: the day the deadlines count from."""
        day = self.received.date()
        return datetime.combine(date(day.year(), day.month(), day.day()), time(12, 0)).astimezone().astimezone(UTC)

    def _created(self, aktenzeichen: str) -> None:
        self.created.emit(aktenzeichen)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationFailed) and self.form is not None:
            self.form.show_problems(problem_lines(exc))
            self._show_error(self.tr("Der Antrag wurde nicht angelegt: bitte die markierten Angaben prüfen."))
        elif isinstance(exc, DomainError):
            self._show_error(user_message(exc))
        else:
            self._tasks.report(self, exc)

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)


