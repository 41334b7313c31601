"""The keys of the clerk's steps, in one table: the actions take their shortcut from here and the help page
("Hilfe" → "Tastenkürzel") lists the same table, so what the page says is what the keys do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

C, S = Qt.Modifier.CTRL, Qt.Modifier.SHIFT
# The case window's keys carry Shift where a text field would take the plain one for itself
# (on Linux Ctrl+E is "end of line", Ctrl+U "delete the line", Ctrl+D "delete").
NATIVE = QKeySequence.SequenceFormat.NativeText

CLAIM_NEXT = QKeySequence(C | Qt.Key.Key_N)
ASSIGN_TO_ME = QKeySequence(C | Qt.Key.Key_M)
QUICK_OPEN = QKeySequence(C | Qt.Key.Key_K)
PAPER_APPLICATION = QKeySequence(C | S | Qt.Key.Key_N)
REFRESH = QKeySequence(Qt.Key.Key_F5)
ACCEPT_DOCUMENTS = QKeySequence(C | S | Qt.Key.Key_U)
DECIDE = QKeySequence(C | S | Qt.Key.Key_E)
CONFIRM_DECISION = QKeySequence(C | Qt.Key.Key_Return)
PRINT = QKeySequence(C | Qt.Key.Key_P)
LETTERS = QKeySequence(C | Qt.Key.Key_B)
CLOSE_CASE = QKeySequence(C | S | Qt.Key.Key_A)
SAVE = QKeySequence(C | Qt.Key.Key_S)
NEXT_CASE = QKeySequence(C | Qt.Key.Key_PageDown)
PREVIOUS_CASE = QKeySequence(C | Qt.Key.Key_PageUp)


def shortcut_table() -> list[tuple[str, list[tuple[str, QKeySequence]]]]:
    """(where, [(what, keys)]) in the order of a case's day."""
    return [
        (QCoreApplication.translate("Shortcuts", "Fallliste"), [
            (QCoreApplication.translate("Shortcuts", "Nächsten Fall übernehmen (er öffnet sich)"), CLAIM_NEXT),
            (QCoreApplication.translate("Shortcuts", "Gewählten Fall mir zuweisen"), ASSIGN_TO_ME),
            (QCoreApplication.translate("Shortcuts", "Fall öffnen (Aktenzeichen oder Name)"), QUICK_OPEN),
            (QCoreApplication.translate("Shortcuts", "Papierantrag erfassen"), PAPER_APPLICATION),
            (QCoreApplication.translate("Shortcuts", "Aktualisieren"), REFRESH),
        ]),
        (QCoreApplication.translate("Shortcuts", "Fall"), [
            (QCoreApplication.translate("Shortcuts", "Vorgeschlagene Unterlagen übernehmen (abhaken)"), ACCEPT_DOCUMENTS),
            (QCoreApplication.translate("Shortcuts", "Entscheiden (Vorschlag der Regeln)"), DECIDE),
            (QCoreApplication.translate("Shortcuts", "Briefe des Falls"), LETTERS),
            (QCoreApplication.translate("Shortcuts", "Fall abschließen"), CLOSE_CASE),
            (QCoreApplication.translate("Shortcuts", "Antragsdaten speichern"), SAVE),
            (QCoreApplication.translate("Shortcuts", "Nächster / voriger Fall der Liste"), NEXT_CASE),
        ]),
        (QCoreApplication.translate("Shortcuts", "Entscheidung"), [
            (QCoreApplication.translate("Shortcuts", "Entscheiden und Bescheid erstellen"), CONFIRM_DECISION),
            (QCoreApplication.translate("Shortcuts", "Bescheid drucken"), PRINT),
        ]),
    ]


def with_keys(text: str, keys: QKeySequence) -> str:
    """A tooltip that names its keys: "Entscheiden (Strg+E)"."""
    return f"{text} ({keys.toString(NATIVE)})"


class ShortcutHelp(QDialog):
    """The help page of the keys (menu "Hilfe" → "Tastenkürzel")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tastenkürzel"))
        self.resize(560, 520)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Schritt"), self.tr("Tasten")])
        self.tree.setRootIsDecorated(False)
        for where, rows in shortcut_table():
            group = QTreeWidgetItem(self.tree, [where])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for what, keys in rows:
                QTreeWidgetItem(group, [what, keys.toString(NATIVE)])
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
