"""The main window: the work-area tree on the left, the case list on the right.

It builds its widgets, menus and actions and the objects that run them (:class:`Navigation`:
which list is shown; :class:`CaseList`: the list, its selection and count; :class:`SavedFilters`),
and opens cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import DEPARTMENTS
from backoffice.domain.records import CaseQuery, UserRef
from backoffice.services.directory import list_colleagues

from ..change_watcher import POLL_MS, ChangeWatcher
from ..dialogs.preferences import PreferencesDialog
from ..models.case_table import CaseTableModel
from ..models.queue_tree import QueueTreeModel
from ..ops import QueryOp, Tasks
from ..preferences import Preferences
from ..work_actions import WorkActions
from .case_list import CaseList
from .case_table_view import CaseTableView
from .filter_bar import FilterBar
from .navigation import Navigation
from .queue_tree_view import QueueTreeView
from .quick_open import QuickOpen
from .saved_filters import SavedFilters

if TYPE_CHECKING:  # the case editor (QtPdf, letters, form schemas) loads with the first case opened
    from ..editor.paper import PaperApplicationDialog
    from .case_view import CaseView

WINDOW_SIZE = (1440, 860)
TREE_WIDTH = 310


class MainWindow(QMainWindow):
    ready = Signal()  # the first list has been loaded (tests and --screenshot wait for it)
    user_known = Signal(object)  # the signed-in UserRef, once known

    def __init__(
        self,
        tasks: Tasks,
        *,
        database_kind: str,
        database_tooltip: str = "",
        plaintext: bool = False,
        preferences: Preferences | None = None,
        poll_ms: int = POLL_MS,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._poll_ms = poll_ms
        self.watcher: ChangeWatcher | None = None  # other clients' changes, once the user is known
        self.preferences = preferences or Preferences(None)
        self._actor: UserRef | None = None
        self._is_ready = False
        self.case_views: dict[str, CaseView] = {}
        self.setWindowTitle(self.tr("Backoffice – Stadt Mülheim an der Ruhr"))
        self.resize(*WINDOW_SIZE)

        self.queue_model = QueueTreeModel(self)
        self.tree = QueueTreeView()
        self.tree.setModel(self.queue_model)
        self.tree.setMinimumWidth(TREE_WIDTH - 30)
        self.table = CaseTableView()
        self.filter_bar = FilterBar()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.filter_bar)
        self.quick_open = QuickOpen(tasks, self)  # Ctrl+K, and the hint of matches the list hides
        right_layout.addWidget(self.quick_open.hint)
        right_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([TREE_WIDTH, WINDOW_SIZE[0] - TREE_WIDTH])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self.user_label = QLabel(self.tr("Anmeldung…"))
        self.database_label = QLabel(self.tr("Datenbank: %1").replace("%1", database_kind))
        self.database_label.setToolTip(database_tooltip)
        if plaintext:  # a server on another machine without verified TLS (explicitly configured so)
            self.database_label.setText(self.tr("Datenbank: %1 – Verbindung nicht verschlüsselt geprüft").replace("%1", database_kind))
            self.database_label.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.database_label.setToolTip(self.tr(
                "Die Verbindung zum Datenbankserver ist nicht mit einem geprüften Zertifikat verschlüsselt "
                "(sslmode). Bitte wenden Sie sich an die IT.") + "\n" + database_tooltip)
        self.count_label = QLabel()
        for number, label in enumerate((self.count_label, self.user_label, self.database_label)):
            if number:
                self._add_status_separator()
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        self.work = WorkActions(tasks, self)
        self.navigation = Navigation(tasks, self.tree, self.queue_model, self.filter_bar, self)
        self.case_list = CaseList(tasks, self.table, self.count_label, self.statusBar(), self.navigation, self.work,
                                  self.preferences, self)
        self.case_list.open_requested.connect(self.open_case)
        self.case_list.loaded.connect(self._list_loaded)
        self.saved_filters = SavedFilters(tasks, self.navigation, self.filter_bar, self.tree, self.queue_model, self)
        self._build_actions()

    # -- start-up ----------------------------------------------------------

    def start(self, actor: UserRef) -> None:
        """Show the lists of ``actor`` (called once the user is known)."""
        self._actor = actor
        self.work.set_actor(actor)
        departments = ", ".join(d.name for d in DEPARTMENTS if d.code in actor.department_codes)
        shown = actor.display_name + (f" · {departments}" if departments else "")
        self.user_label.setText(self.tr("Angemeldet: %1").replace("%1", shown))
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        self.user_label.setToolTip(self.tr("Angemeldet als %1").replace("%1", actor.login))
        self.navigation.start(actor)
        self.case_list.start(actor)
        self.saved_filters.start(actor)
        self.refresh_action.setEnabled(True)
        self.user_known.emit(actor)
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: list_colleagues(uow, actor)).success(
            self.filter_bar.set_colleagues
        ).run()
        # The feed starts where the journal stands before anything is loaded: a change committed
        # meanwhile is reported (at worst shown twice), never missed.
        self.watcher = ChangeWatcher(self._tasks, actor, interval_ms=self._poll_ms, parent=self)
        self.watcher.start()
        self.refresh()

    def _list_loaded(self) -> None:
        if not self._is_ready:
            self._is_ready = True
            self.ready.emit()

    # What the window's collaborators (work actions, quick open, screenshots) ask of it.

    @property
    def case_model(self) -> CaseTableModel | None:
        """The list's model, once the user is known."""
        return self.case_list.model

    def current_query(self) -> CaseQuery | None:
        """The selected work list narrowed by the filter bar."""
        return self.navigation.current_query()

    def department_of(self, queue_code: str) -> str | None:
        return self.navigation.department_of(queue_code)

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # -- actions -------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the tree counts and the current list (F5)."""
        if self._actor is None:
            return
        self.show_message(self.tr("Wird geladen…"))
        self.navigation.reload()

    def poll_changes(self) -> None:
        """Look for other clients' changes now instead of at the next tick (e.g. after a portal round)."""
        if self.watcher is not None:
            self.watcher.poll()

    def open_case(self, aktenzeichen: str) -> CaseView | None:
        """Open (or raise) the editor of a case (a dialog)."""
        if self._actor is None:
            return None
        view = self.case_views.get(aktenzeichen)
        if view is None:
            from .case_view import CaseView

            view = CaseView(self._tasks, self._actor, aktenzeichen, parent=self)
            view.destroyed.connect(lambda *_, v=view: self._forget_view(v))
            view.open_case_requested.connect(self.open_case)  # linked cases and duplicate hints
            view.next_requested.connect(lambda v=view: self.step_case(v, +1))
            view.previous_requested.connect(lambda v=view: self.step_case(v, -1))
            self.case_views[aktenzeichen] = view
            view.load()
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _forget_view(self, view: CaseView) -> None:
        """A closed editor leaves the registry under whatever case it showed last."""
        for az in [az for az, v in self.case_views.items() if v is view]:
            del self.case_views[az]

    def step_case(self, view: CaseView, delta: int) -> str | None:
        """Ctrl+PgDown / Ctrl+PgUp in an editor: show the next / previous case of the list in it."""
        found = self.case_list.neighbour(view.aktenzeichen, delta)
        if found is None:
            return None
        row, target = found
        if target.aktenzeichen in self.case_views or not view.editor.confirm_leave():
            return None
        self.case_views.pop(view.aktenzeichen, None)
        self.case_views[target.aktenzeichen] = view
        view.load(target.aktenzeichen)
        self.table.selectRow(row)
        return target.aktenzeichen

    def open_paper_application(self) -> PaperApplicationDialog | None:
        """Papierantrag erfassen: the same form as the editor; the new case opens afterwards."""
        if self._actor is None:
            return None
        from ..editor.paper import PaperApplicationDialog

        dialog = PaperApplicationDialog(self._tasks, self._actor, parent=self)
        dialog.created.connect(self.open_case)
        dialog.open()
        return dialog

    def _build_actions(self) -> None:
        self.refresh_action = QAction(self.tr("&Aktualisieren"), self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setEnabled(False)
        self.refresh_action.triggered.connect(self.refresh)
        quit_action = QAction(self.tr("&Beenden"), self)
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        self.closed_action = QAction(self.tr("&Erledigte Fälle in Warteschlangen zeigen"), self)
        self.closed_action.setCheckable(True)
        self.closed_action.toggled.connect(self.navigation.set_include_closed)
        tree_action = QAction(self.tr("&Navigationsbereich"), self)
        tree_action.setCheckable(True)
        tree_action.setChecked(True)
        tree_action.toggled.connect(self.tree.setVisible)
        columns_action = QAction(self.tr("&Spalten zurücksetzen"), self)
        columns_action.setToolTip(self.tr("Alle Spalten zeigen, in ihrer Reihenfolge und so breit wie ihr Inhalt"))
        columns_action.triggered.connect(self.table.reset_columns)
        about_action = QAction(self.tr("Ü&ber Backoffice"), self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self._about)

        file_menu = self.menuBar().addMenu(self.tr("&Datei"))
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        work_menu = self.menuBar().addMenu(self.tr("&Bearbeiten"))
        for action in self.work.actions():
            work_menu.addAction(action)
        work_menu.addSeparator()
        self.paper_action = QAction(self.tr("&Papierantrag erfassen…"), self)
        self.paper_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_N))
        self.paper_action.triggered.connect(self.open_paper_application)
        work_menu.addAction(self.paper_action)
        self.portal_menu = self.menuBar().addMenu(self.tr("&Portal"))
        view_menu = self.menuBar().addMenu(self.tr("&Ansicht"))
        view_menu.addAction(self.closed_action)
        view_menu.addAction(tree_action)
        view_menu.addAction(columns_action)
        view_menu.addSeparator()
        find_action = QAction(self.tr("&Suchen"), self)
        find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find_action.triggered.connect(self.filter_bar.focus_search)
        view_menu.addAction(find_action)
        view_menu.addAction(self.quick_open.action)
        preferences_action = QAction(self.tr("&Einstellungen…"), self)
        preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        preferences_action.triggered.connect(self.open_preferences)
        view_menu.addAction(preferences_action)
        help_menu = self.menuBar().addMenu(self.tr("&Hilfe"))
        self.shortcuts_action = QAction(self.tr("&Tastenkürzel"), self)
        self.shortcuts_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(about_action)

        self.toolbar = toolbar = self.addToolBar(self.tr("Werkzeugleiste"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.refresh_action.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_BrowserReload))
        toolbar.addAction(self.refresh_action)
        toolbar.addSeparator()
        toolbar.addAction(self.work.claim_action)

    def add_sync_controls(self, action: QAction, label: QLabel) -> None:
        """The portal's "Abholen" action (toolbar and Portal menu) and its status-bar indicator."""
        self.toolbar.addAction(action)
        self.portal_menu.addAction(action)
        self._add_status_separator()
        self.statusBar().addPermanentWidget(label)

    def _add_status_separator(self) -> None:
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        self.statusBar().addPermanentWidget(separator)

    def show_shortcuts(self) -> QDialog:
        from ..shortcuts import ShortcutHelp

        dialog = ShortcutHelp(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Über Backoffice"),
            self.tr(
                "<b>Backoffice</b><p>Bearbeitung der Online-Anträge (Wohnberechtigungsschein, Elterngeld, "
                "Führungszeugnis) der Stadt Mülheim an der Ruhr.</p>"
            ),
        )

    def open_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.preferences, self)
        dialog.open()
        return dialog
