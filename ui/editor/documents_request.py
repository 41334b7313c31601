"""Requesting missing documents from the editor: the dialog that asks what to request.

It lists the case's unticked checklist items (the required ones ticked), takes further
documents as typed text, the answer deadline and the follow-up date (Wiedervorlage), and checks
them with the rules the service applies (``backoffice.domain.documents_request``) before it
closes. The editor's steps (:mod:`ui.editor.steps`) open it and hand the answer to the controller,
whose command (``documents_requests.request_documents``) changes the status, writes the letter and
sets the follow-up in one transaction; the letters of the case then open with the new letter shown,
ready to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.documents_request import (
    MAX_DOCUMENT_CHARS,
    default_follow_up,
    document_name,
    document_problems,
    request_problems,
)
from backoffice.services.case_editing import ChecklistEntry
from backoffice.services.documents_requests import DocumentsRequestDefaults
from backoffice.texts import Text

from ..i18n import core_text

_DATE_FORMAT = "dd.MM.yyyy"
LETTER_NAME = Qt.ItemDataRole.UserRole


def _letter_name(item: QListWidgetItem) -> str:
    return str(item.data(LETTER_NAME) or item.text())


class DocumentsRequestDialog(QDialog):
    """Choose the documents, the deadline and the follow-up date; validated before it closes."""

    def __init__(self, aktenzeichen: str, checklist: Sequence[ChecklistEntry], defaults: DocumentsRequestDefaults,
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(self.tr("Unterlagen anfordern – %1").replace("%1", aktenzeichen))
        self.resize(560, 520)
        intro = QLabel(self.tr("Diese Unterlagen werden angefordert (vorausgewählt: die noch nicht abgehakten "
                               "Pflichtunterlagen der Checkliste):"))
        intro.setWordWrap(True)
        self.documents = QListWidget()
        for entry in checklist:
            if not entry.checked:
                self._add_item(core_text(entry.label), checked=not entry.optional, letter_name=str(entry.label))
        self.other = QLineEdit()
        self.other.setMaxLength(MAX_DOCUMENT_CHARS)
        self.other.setPlaceholderText(self.tr("Weitere Unterlage, z. B. Mietbescheinigung"))
        self.add_button = QPushButton(self.tr("&Hinzufügen"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_other)
        other_row = QHBoxLayout()
        other_row.addWidget(self.other, 1)
        other_row.addWidget(self.add_button)

        self.deadline = self._date_edit(defaults.deadline)
        self.follow_up = self._date_edit(defaults.follow_up_on)
        self._follow_up_touched = False
        self.deadline.dateChanged.connect(self._deadline_changed)
        self.follow_up.dateChanged.connect(self._follow_up_changed)
        form = QFormLayout()
        form.addRow(self.tr("Antwortfrist bis:"), self.deadline)
        form.addRow(self.tr("Wiedervorlage am:"), self.follow_up)
        letter_note = QLabel(
            self.tr("Das Anforderungsschreiben wird mit genau diesen Unterlagen und der Frist erstellt und danach "
                    "zum Drucken angezeigt. Die Bearbeitungsfrist ruht, bis die Unterlagen eingegangen sind.")
            if defaults.letter_kind else
            self.tr("Für diese Leistung gibt es kein Anforderungsschreiben: Die Anforderung wird nur vermerkt. "
                    "Die Bearbeitungsfrist ruht, bis die Unterlagen eingegangen sind.")
        )
        letter_note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # the problems quote typed text
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Anfordern") if defaults.letter_kind else self.tr("Vermerken"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.documents, 1)
        layout.addLayout(other_row)
        layout.addLayout(form)
        layout.addWidget(letter_note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    # -- what the clerk chose ----------------------------------------------------------------

    def chosen_documents(self) -> list[str]:
        """The documents as the (German) letter names them."""
        return [_letter_name(item) for item in self._items() if item.checkState() == Qt.CheckState.Checked]

    def deadline_date(self) -> date:
        return _day(self.deadline.date())

    def follow_up_date(self) -> date:
        return _day(self.follow_up.date())

    # -- editing ------------------------------------------------------------------------------

    def add_other(self) -> None:
        """The typed document joins the list, ticked; refused with the reason when it is not fit for a letter."""
        name = document_name(self.other.text())
        problems: list[Text | str] = list(document_problems(name))
        if not problems and name.casefold() in {n.casefold() for i in self._items() for n in (i.text(), _letter_name(i))}:
            problems = [QCoreApplication.translate("DocumentsRequestDialog", "Diese Unterlage steht schon in der Liste.")]
        if problems:
            self._show_problems(problems)
            self.other.setFocus()
            return
        self._add_item(name, checked=True)
        self.other.clear()
        self.problem.setVisible(False)

    def _accept(self) -> None:
        if self.other.text().strip():  # Return in the field, or typed but not added: add it, stay open
            self.add_other()
            return
        problems = request_problems(self.chosen_documents(), self.deadline_date(), self.follow_up_date(), self._today)
        if problems:
            self._show_problems(problems)
            return
        self.accept()

    def _deadline_changed(self, _day: QDate) -> None:
        if not self._follow_up_touched:  # follows the deadline until the clerk sets it
            self.follow_up.blockSignals(True)
            self.follow_up.setDate(_qdate(default_follow_up(self.deadline_date())))
            self.follow_up.blockSignals(False)

    def _follow_up_changed(self, _day: QDate) -> None:
        self._follow_up_touched = True

    def _add_item(self, text: str, *, checked: bool, letter_name: str | None = None) -> None:
        item = QListWidgetItem(text)  # plain text: a label may carry an applicant's name
        item.setData(LETTER_NAME, letter_name)  # the checklist's German name when the UI shows another language
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.documents.addItem(item)

    def _items(self) -> list[QListWidgetItem]:
        return [self.documents.item(row) for row in range(self.documents.count())]

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(_DATE_FORMAT)
        edit.setMinimumDate(_qdate(self._today))
        return edit

    def _show_problems(self, problems: Sequence[Text | str]) -> None:
        # The rules' messages (as the service's refusal) in the UI's language.
        self.problem.setText("\n".join(core_text(p) for p in problems))
        self.problem.setVisible(True)


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)

