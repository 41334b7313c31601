"""The one place where errors that nobody handled locally are shown to the user."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QInputDialog, QLabel, QMessageBox, QWidget

from backoffice.domain.errors import ConcurrentModification, DomainError, TransitionNotAllowed
from backoffice.domain.export_text import without_text
from backoffice.domain.status import Status
from backoffice.texts import text_of

from . import labels
from .i18n import core_language, core_text

log = logging.getLogger(__name__)


def show_error(parent: QObject | None, exc: BaseException) -> QMessageBox:
    """A German message box for ``exc``; returns at once (the box is window-modal, not ``exec``'d).

    Domain errors carry a message the user can act on and are shown as they are; a change refused because
    the case changed meanwhile says what became of it (the case editor has its own dialog for that);
    anything else is a bug or an outage: a generic text, the details folded away.
    """
    widget = _window_of(parent)
    box = QMessageBox(widget)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Backoffice – Fehler"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if isinstance(exc, ConcurrentModification):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(user_message(exc) + ".")
        box.setInformativeText(QCoreApplication.translate(
            "Errors", "Ihre Änderung wurde nicht gespeichert. Die Anzeige zeigt gleich den aktuellen Stand; bitte prüfen "
                      "Sie ihn und versuchen Sie es dann erneut."))
    elif isinstance(exc, DomainError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(QCoreApplication.translate("Errors", "Der Vorgang konnte nicht ausgeführt werden."))
        box.setInformativeText(user_message(exc))
    else:
        log.error("unexpected error", exc_info=without_text(exc))
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(QCoreApplication.translate("Errors", "Ein unerwarteter Fehler ist aufgetreten."))
        box.setInformativeText(
            QCoreApplication.translate(
                "Errors",
                "Bitte versuchen Sie es erneut. Wenn der Fehler bleibt, wenden Sie sich mit den Details an die IT.",
            )
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    plain_labels(box)  # a refusal may quote a name someone typed
    box.open()
    return box


def plain_labels(widget: QWidget) -> None:
    """Every label of ``widget`` shows its text literally, as the UI shows user data everywhere. Call it once the
    texts are set: a message box makes the label of its informative text only then, and ``setTextFormat`` of the
    box reaches its first text alone."""
    for label in widget.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
            buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox.StandardButton:
    """``QMessageBox.question`` and its siblings with the text shown literally (it names a case or a person)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    plain_labels(box)
    return QMessageBox.StandardButton(box.exec())


def ask_text(parent: QWidget | None, title: str, label: str, *, required: bool = False) -> str | None:
    """``QInputDialog.getText`` with the prompt shown literally; None when cancelled."""
    dialog = text_dialog(parent, title, label, required=required)
    return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None


def text_dialog(parent: QWidget | None, title: str, label: str, *, required: bool = False) -> QInputDialog:
    """The dialog of :func:`ask_text`; a required text keeps OK disabled while the field is blank, so the
    dialog cannot close on a text the command would refuse."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    plain_labels(dialog)
    if required:
        dialog.sizeHint()  # lays the dialog out: its buttons exist from here on
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        dialog.textValueChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
    return dialog


def _window_of(parent: QObject | None) -> QWidget | None:
    obj = parent
    while obj is not None and not isinstance(obj, QWidget):
        obj = obj.parent()
    if obj is None:
        return QApplication.activeWindow()
    return obj.window()


def user_message(exc: BaseException) -> str:
    """The text a clerk reads: the core's message in the UI's language, with status and step names as the UI
    shows them; an error from outside the core as it says it."""
    if isinstance(exc, TransitionNotAllowed):
        step = labels.audit_action_label(str(exc.action))
        try:
            status = labels.status_labels()[Status(exc.status)]
        except ValueError:
            status = str(exc.status)
        return QCoreApplication.translate("Errors", "Der Schritt „%1“ ist im Status „%2“ nicht möglich.").replace(
            "%1", step
        ).replace("%2", status)
    if isinstance(exc, DomainError):
        return exc.in_language(core_language())
    return core_text(text_of(exc))  # a mail, portal or sync error raised with a text; else as it says


def problem_lines(exc: BaseException) -> list[str]:
    """One line per problem of a refused input (``ValidationFailed``, rule input, letter templates), in the UI's
    language; any other error as one line."""
    texts = getattr(exc, "texts", None)
    if isinstance(exc, DomainError) and texts:
        return [core_text(text) for text in texts]
    return [user_message(exc)]
