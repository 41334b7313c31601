"""Portal settings: the connection (URLs, ids, secrets to the keyring) and the routing rules.

Where no keyring is usable the secrets go to an encrypted file; the dialog then asks for its
master password (``ask_master_password``) when loading or saving needs it, and keeps it for
its own lifetime only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import Service
from backoffice.domain.errors import DomainError
from backoffice.domain.records import UserRef
from backoffice.secret_store import MasterPasswordRequired, WrongMasterPassword
from backoffice.services import intake_admin
from backoffice.services.directory import list_departments
from backoffice.services.portal_settings import (
    PortalSettingsForm,
    PortalSettingsView,
    form_from_credentials,
    load_portal_settings,
    save_portal_settings,
)

from ..errors import user_message
from ..labels import service_labels
from ..ops import CommandOp, QueryOp, Tasks
from .master_password import ask_master_password


class ConnectionPage(QWidget):
    """The connection form; secrets are write-only (never read back into the dialog)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.api_url = QLineEdit()
        self.token_url = QLineEdit()
        self.client_id = QLineEdit()
        self.client_secret = QLineEdit()
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.destinations = {service: QLineEdit() for service in Service}
        self.decryption_key = QLineEdit()
        self.signing_key = QLineEdit()
        self._keys: dict[QLineEdit, str] = {self.decryption_key: "", self.signing_key: ""}
        self.state = QLabel()
        self.state.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Portal-URL (Submission API):"), self.api_url)
        form.addRow(self.tr("Token-URL (OAuth):"), self.token_url)
        form.addRow(self.tr("Client-ID:"), self.client_id)
        form.addRow(self.tr("Client-Secret:"), self.client_secret)
        labels = service_labels()
        for service, edit in self.destinations.items():
            edit.setPlaceholderText(self.tr("nicht abonniert"))
            form.addRow(self.tr("Destination-ID %1:").replace("%1", labels[service]), edit)
        for edit, label in ((self.decryption_key, self.tr("Entschlüsselungsschlüssel:")), (self.signing_key, self.tr("Signaturschlüssel:"))):
            edit.setReadOnly(True)
            choose = QPushButton(self.tr("Datei wählen…"))
            choose.clicked.connect(lambda _=False, e=edit: self._choose_key(e))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(choose)
            form.addRow(label, row)
        self.import_button = QPushButton(self.tr("Zugangsdaten-Datei importieren…"))
        self.import_button.setToolTip(self.tr("Füllt alle Felder aus der Datei, die das Portal ausgibt"))
        self.import_button.clicked.connect(self._import)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_settings(self, view: PortalSettingsView | None) -> None:
        if view is None:
            self.state.setText(self.tr("Es ist noch kein Portal verbunden."))
            return
        self.fill(view.form)
        if view.has_secrets:
            self.state.setText(
                self.tr("Verbunden. Client-Secret und Schlüssel liegen in der verschlüsselten Datei %1.").replace("%1", view.store_file)
                if view.store_file
                else self.tr("Verbunden. Client-Secret und Schlüssel liegen im Schlüsselbund des Systems.")
            )
            for edit in (self.client_secret, self.decryption_key, self.signing_key):
                edit.setPlaceholderText(self.tr("(gespeichert – leer lassen, um den Wert zu behalten)"))
        else:
            # The service's German sentence: what is missing and what to do (no keyring, a
            # locked file, a secret stored for another token URL, …).
            self.state.setText(view.secrets_problem)
            for edit in (self.client_secret, self.decryption_key, self.signing_key):
                edit.setPlaceholderText("")

    def fill(self, form: PortalSettingsForm) -> None:
        self.api_url.setText(form.api_url)
        self.token_url.setText(form.token_url)
        self.client_id.setText(form.client_id)
        self.client_secret.setText(form.client_secret)
        for service, edit in self.destinations.items():
            edit.setText(form.destinations.get(service, ""))
        self._set_key(self.decryption_key, form.decryption_key, self.tr("aus der Zugangsdaten-Datei"))
        self._set_key(self.signing_key, form.signing_key, self.tr("aus der Zugangsdaten-Datei"))

    def form(self) -> PortalSettingsForm:
        return PortalSettingsForm(
            api_url=self.api_url.text(),
            token_url=self.token_url.text(),
            client_id=self.client_id.text(),
            destinations={service: edit.text() for service, edit in self.destinations.items()},
            client_secret=self.client_secret.text(),
            decryption_key=self._keys[self.decryption_key],
            signing_key=self._keys[self.signing_key],
        )

    def _set_key(self, edit: QLineEdit, key_json: str, origin: str) -> None:
        self._keys[edit] = key_json
        edit.setText(origin if key_json else "")

    def _choose_key(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Schlüssel (JWK) wählen"), "", self.tr("JWK (*.json *.jwk);;Alle Dateien (*)"))
        if path:
            self._set_key(edit, Path(path).read_text(encoding="utf-8"), Path(path).name)

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Zugangsdaten-Datei wählen"), "", self.tr("JSON (*.json);;Alle Dateien (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        try:
            self.fill(form_from_credentials(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, DomainError) as err:
            QMessageBox.warning(self, self.tr("Zugangsdaten"), self.tr("Die Datei kann nicht gelesen werden: %1").replace("%1", user_message(err)))
            return False
        return True


class RoutingPage(QWidget):
    """Routing rules: a destination or a service → a queue. Changes are saved at once."""

    changed = Signal()

    def __init__(self, tasks: Tasks, actor: UserRef, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Wenn"), self.tr("dann Warteschlange")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rule_ids: list[int] = []

        self.kind = QComboBox()
        labels = service_labels()
        for service in Service:
            self.kind.addItem(self.tr("Leistung: %1").replace("%1", labels[service]), service)
        self.kind.addItem(self.tr("Destination-ID:"), None)
        self.destination = QLineEdit()
        self.destination.setPlaceholderText(self.tr("Destination-ID"))
        self.destination.setEnabled(False)
        self.kind.currentIndexChanged.connect(lambda _i: self.destination.setEnabled(self.kind.currentData() is None))
        self.queue = QComboBox()
        self.add_button = QPushButton(self.tr("Regel speichern"))
        self.add_button.clicked.connect(self.save_rule)
        self.remove_button = QPushButton(self.tr("Regel löschen"))
        self.remove_button.clicked.connect(self.remove_selected)
        hint = QLabel(self.tr(
            "Ohne Regel landen Anträge in der Eingangs-Warteschlange ihrer Leistung. "
            "Eine Regel für eine Destination-ID geht einer Regel für die Leistung vor."))
        hint.setWordWrap(True)

        editor = QHBoxLayout()
        editor.addWidget(self.kind)
        editor.addWidget(self.destination, 1)
        editor.addWidget(QLabel("→"))
        editor.addWidget(self.queue)
        editor.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)

    def load(self) -> None:
        actor = self._actor

        def read(uow: Any) -> tuple[list[intake_admin.RoutingRuleInfo], list[tuple[str, str]]]:
            queues = [(q.code, f"{d.name} – {q.name}") for d in list_departments(uow, actor) for q in d.queues]
            return intake_admin.list_routing_rules(uow, actor), queues

        QueryOp(parent=self, tasks=self._tasks, op=read).success(lambda r: self._show(*r)).run()

    def _show(self, rules: list[intake_admin.RoutingRuleInfo], queues: list[tuple[str, str]]) -> None:
        if self.queue.count() == 0:
            for code, name in queues:
                self.queue.addItem(name, code)
        names = dict(queues)
        labels = service_labels()
        self.table.setRowCount(len(rules))
        self.rule_ids = [r.id for r in rules]
        for row, rule in enumerate(rules):
            if rule.destination_id:
                when = self.tr("Destination-ID %1").replace("%1", rule.destination_id)
            else:
                assert rule.service is not None  # a rule without a destination ID names a service
                when = self.tr("Leistung %1").replace("%1", labels[rule.service])
            self.table.setItem(row, 0, QTableWidgetItem(when))
            self.table.setItem(row, 1, QTableWidgetItem(names.get(rule.queue_code, rule.queue_name)))

    def save_rule(self) -> None:
        data = self.kind.currentData()  # Qt hands the StrEnum back as a plain str
        actor, service = self._actor, Service(data) if data else None
        destination = None if service is not None else self.destination.text()
        queue = self.queue.currentData()
        if queue is None:
            return
        CommandOp(
            parent=self,
            tasks=self._tasks,
            op=lambda uow: intake_admin.save_routing_rule(uow, actor, queue, destination_id=destination, service=service),
        ).success(lambda _r: self._saved()).run()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rule_ids):
            return
        actor, rule_id = self._actor, self.rule_ids[row]
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: intake_admin.remove_routing_rule(uow, actor, rule_id)).success(
            lambda _r: self._saved()
        ).run()

    def _saved(self) -> None:
        self.changed.emit()
        self.load()


class PortalSettingsDialog(QDialog):
    connection_saved = Signal()  # the composition rebuilds the sync from the new settings

    def __init__(self, tasks: Tasks, actor: UserRef, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Portal-Einstellungen"))
        self.resize(760, 560)
        self._tasks, self._actor = tasks, actor
        self._master_password: str | None = None  # of the encrypted secrets file, once entered
        # (new file?, why) -> the password, or None when the admin cancels; tests replace it.
        self.ask_master_password: Callable[[bool, str], str | None] = self._ask_master_password
        self.connection = ConnectionPage()
        self.routing = RoutingPage(tasks, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.connection, self.tr("&Verbindung"))
        self.tabs.addTab(self.routing, self.tr("&Weiterleitung"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Verbindung &speichern"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

    def load(self) -> None:
        self.load_connection()
        self.routing.load()

    def load_connection(self) -> None:
        actor, password = self._actor, self._master_password
        QueryOp(
            parent=self, tasks=self._tasks, op=lambda uow: load_portal_settings(uow, actor, master_password=password)
        ).success(self._loaded).run()

    def _loaded(self, view: PortalSettingsView | None) -> None:
        self.connection.show_settings(view)
        if view is not None and view.needs_master_password and self._unlock(False, view.secrets_problem):
            self.load_connection()

    def save(self) -> None:
        actor, form, password = self._actor, self.connection.form(), self._master_password
        op = CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: save_portal_settings(uow, actor, form, master_password=password)
        )
        op.success(lambda _conn: self._saved()).failure(lambda exc: self._save_failed(op, exc)).run()

    def _save_failed(self, op: CommandOp[Any], exc: Exception) -> None:
        if isinstance(exc, MasterPasswordRequired | WrongMasterPassword):
            if self._unlock(isinstance(exc, MasterPasswordRequired) and exc.new, user_message(exc)):
                self.save()
            return
        self._tasks.report(self, exc, op)

    def _unlock(self, new: bool, why: str) -> bool:
        password = self.ask_master_password(new, why)
        if password is None:
            return False
        self._master_password = password
        return True

    def _ask_master_password(self, new: bool, why: str) -> str | None:
        return ask_master_password(self, new, why)

    def _saved(self) -> None:
        self.connection_saved.emit()
        self.connection.state.setText(self.tr("Gespeichert. Die Verbindung wird neu aufgebaut."))
