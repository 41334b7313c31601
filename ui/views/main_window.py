"""The main window: the work-area tree on the left, the case list on the right."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QItemSelectionRange,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import DEPARTMENTS
from backoffice.domain.changes import Area, Changes
from backoffice.domain.records import CaseQuery, CaseRow, UserRef
from backoffice.services.directory import list_colleagues
from backoffice.services.saved_filters import delete_filter, save_filter

from ..change_watcher import POLL_MS, ChangeWatcher
from ..dialogs.preferences import PreferencesDialog
from ..models.case_table import CaseTableModel
from ..models.queue_tree import MINE, QueueOverview, QueueTreeModel, load_overview
from ..ops import CommandOp, QueryOp, Tasks
from ..preferences import ColumnState, Preferences
from ..work_actions import MAX_SELECTED, WorkActions
from .case_table_view import CaseTableView
from .empty_list import empty_text, failed_text
from .filter_bar import FilterBar
from .queue_tree_view import QueueTreeView
from .quick_open import QuickOpen

if TYPE_CHECKING:  # the case editor (QtPdf, letters, form schemas) loads with the first case opened
    from ..editor.paper import PaperApplicationDialog
    from .case_view import CaseView

DEFAULT_NODE = MINE
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
        self._selected_case: str | None = None  # selected when a change arrived: kept selected after it
        self.preferences = preferences or Preferences(None)
        self._actor: UserRef | None = None
        self._overview: QueueOverview | None = None
        self._node = DEFAULT_NODE
        self._is_ready = False
        self.case_model: CaseTableModel | None = None
        self.case_views: dict[str, CaseView] = {}
        self.setWindowTitle(self.tr("Backoffice – Stadt Mülheim an der Ruhr"))
        self.resize(*WINDOW_SIZE)

        self.queue_model = QueueTreeModel(self)
        self.tree = QueueTreeView()
        self.tree.setModel(self.queue_model)
        self.tree.setMinimumWidth(TREE_WIDTH - 30)
        self.tree.selectionModel().currentChanged.connect(self._node_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.table = CaseTableView()
        self.table.activated.connect(self._row_activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self._filters_changed)
        self.filter_bar.save_requested.connect(self.ask_save_filter)
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
                separator = QFrame()
                separator.setFrameShape(QFrame.Shape.VLine)
                separator.setFrameShadow(QFrame.Shadow.Sunken)
                self.statusBar().addPermanentWidget(separator)
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        self.work = WorkActions(tasks, self)
        self._build_actions()
        tasks.operation_did_execute.connect(self._changes_arrived)

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
        self.case_model = CaseTableModel(self._tasks, actor, parent=self)
        self.case_model.loaded.connect(self._list_loaded)
        self.case_model.refreshed.connect(self._list_refreshed)
        self.case_model.counted.connect(self._show_count)
        self.case_model.load_failed.connect(lambda _exc: self.table.set_placeholder(failed_text()))
        self.case_model.page_loaded.connect(lambda _page: self._selection_changed())
        self.table.remember_columns(lambda: self.preferences.case_columns, self._store_columns)
        self.table.set_case_model(self.case_model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
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

    def is_ready(self) -> bool:
        return self._is_ready

    @property
    def actor(self) -> UserRef | None:
        return self._actor

    def tree_key(self) -> str:
        """The key of the selected work list (``mine``, ``queue:<code>``, ``filter:<id>``…)."""
        return self._node

    def selected_case(self) -> CaseRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.case_model is None:
            return None
        return self.case_model.case_at(index.row())

    def selection_size(self) -> int:
        """Rows selected (counted from the selection's ranges: a selected million costs nothing)."""
        return sum(r.bottom() - r.top() + 1 for r in self._selected_ranges())

    def _selected_ranges(self) -> list[QItemSelectionRange]:
        selection = self.table.selectionModel().selection()
        return [selection.at(i) for i in range(selection.count())]

    def selected_cases(self, limit: int) -> list[CaseRow]:
        """The selected cases whose rows are loaded, in list order, at most ``limit``; with
        nothing selected, the row with the keyboard focus."""
        model = self.case_model
        if model is None:
            return []
        rows = sorted({row for r in self._selected_ranges() for row in range(r.top(), min(r.bottom() + 1, r.top() + limit + 1))})[:limit]
        if not rows:
            current = self.selected_case()
            return [current] if current is not None else []
        found = (model.case_at(row) for row in rows)
        return [case for case in found if case is not None]

    def _selection_changed(self) -> None:
        count = self.selection_size()
        cases = self.selected_cases(MAX_SELECTED)
        self.work.select(cases, count or len(cases))

    def department_of(self, queue_code: str) -> str | None:
        """The department a queue belongs to (from the tree's overview; None before it is loaded)."""
        if self._overview is None:
            return None
        return next((d.code for d in self._overview.departments if any(q.code == queue_code for q in d.queues)), None)

    def _store_columns(self, state: ColumnState) -> None:
        self.preferences.case_columns = state

    def current_query(self) -> CaseQuery | None:
        """The selected work list narrowed by the filter bar."""
        base = self.queue_model.query_at(self.tree.currentIndex())
        return None if base is None else self.filter_bar.apply(base, date.today())

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # -- actions -------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the tree counts and the current list (F5)."""
        if self._actor is None:
            return
        actor = self._actor
        self.show_message(self.tr("Wird geladen…"))
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: load_overview(uow, actor)).success(
            self._overview_loaded
        ).run()

    def poll_changes(self) -> None:
        """Look for other clients' changes now instead of at the next tick (e.g. after a portal round)."""
        if self.watcher is not None:
            self.watcher.poll()

    def _changes_arrived(self, changes: Changes, _initiator: object) -> None:
        """The tree's counts (the list refreshes itself, ``CaseTableModel.apply_changes``)."""
        selected = self.selected_case()  # before rows move: selected again once they are re-read
        self._selected_case = selected.aktenzeichen if selected is not None else None
        if self._actor is None or not changes.touches(Area.LISTS, Area.FILTERS, Area.DIRECTORY):
            return
        actor = self._actor
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: load_overview(uow, actor)).success(
            self._overview_refreshed
        ).run()

    def _overview_refreshed(self, overview: QueueOverview) -> None:
        self._overview = overview
        if self.case_model is not None:
            self.case_model.set_queue_names(overview.queue_names())
        if self.queue_model.update_counts(overview):
            return
        shown = self.current_query()
        self._rebuild_tree()
        if self.current_query() != shown:  # a saved filter appeared and is selected, or the selected one is gone
            self._reload_list()

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
        if self.case_model is None:
            return None
        row = self.case_model.row_of(view.aktenzeichen)
        if row is None:
            current = self.table.currentIndex()
            row = current.row() if current.isValid() else -1
        target = self.case_model.case_at(row + delta)
        if target is None or target.aktenzeichen in self.case_views or not view.editor.confirm_leave():
            return None
        old = view.aktenzeichen
        self.case_views.pop(old, None)
        self.case_views[target.aktenzeichen] = view
        view.load(target.aktenzeichen)
        self.table.selectRow(row + delta)
        return target.aktenzeichen

    def open_paper_application(self) -> PaperApplicationDialog | None:
        """Papierantrag erfassen: the same form as the editor; the new case opens afterwards."""
        if self._actor is None:
            return None
        from ..editor.paper import PaperApplicationDialog

        dialog = PaperApplicationDialog(self._tasks, self._actor, parent=self)
        dialog.created.connect(self._paper_case_created)
        dialog.open()
        return dialog

    def _paper_case_created(self, aktenzeichen: str) -> None:
        self.open_case(aktenzeichen)

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
        self.closed_action.toggled.connect(self._include_closed_toggled)
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

        self.file_menu = self.menuBar().addMenu(self.tr("&Datei"))
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(quit_action)
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
        """The portal's "Abholen" action (toolbar and Datei menu) and its status-bar indicator."""
        self.toolbar.addAction(action)
        self.portal_menu.addAction(action)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        self.statusBar().addPermanentWidget(separator)
        self.statusBar().addPermanentWidget(label)

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

    # -- tree and list -------------------------------------------------------

    def _overview_loaded(self, overview: QueueOverview) -> None:
        self._overview = overview
        self._rebuild_tree()
        if self.case_model is None:
            return
        self.case_model.set_queue_names(overview.queue_names())
        self._reload_list()

    def _rebuild_tree(self) -> None:
        if self._overview is None or self._actor is None:
            return
        selection = self.tree.selectionModel()
        selection.blockSignals(True)  # the list is reloaded once, by the caller
        try:
            self.queue_model.populate(self._overview, self._actor, include_closed=self.closed_action.isChecked())
            self.tree.expandAll()
            index = self.queue_model.index_of(self._node)
            if not index.isValid():
                index = self.queue_model.index_of(DEFAULT_NODE)
            self.tree.setCurrentIndex(index)
        finally:
            selection.blockSignals(False)

    def _node_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.queue_model.query_at(current) is None or self.case_model is None:
            return
        self._node = self.queue_model.key_at(current) or DEFAULT_NODE
        self._reload_list()

    def _include_closed_toggled(self, _checked: bool) -> None:
        self._rebuild_tree()
        self._reload_list()

    def _filters_changed(self) -> None:
        self._reload_list()

    def _reload_list(self) -> None:
        query = self.current_query()
        if query is not None and self.case_model is not None:
            self.show_message(self.tr("Wird geladen…"))
            self.case_model.set_query(query)

    def _list_loaded(self) -> None:
        assert self.case_model is not None
        total = self.case_model.total
        self._show_count()
        self._show_placeholder()
        self.statusBar().clearMessage()
        if total and not self.table.currentIndex().isValid():
            # keyboard focus on the first row (Enter opens it) without hiding its colours under a selection
            self.table.selectionModel().setCurrentIndex(
                self.case_model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        if not self._is_ready:
            self._is_ready = True
            self.ready.emit()

    def _show_count(self) -> None:
        assert self.case_model is not None
        total = self.case_model.total
        number = f"{total - 1:,}".replace(",", ".")
        if not self.case_model.is_exact:  # the exact count of a long list is on its way
            text = self.tr("über %1 Fälle").replace("%1", number)
        else:
            text = self.tr("1 Fall") if total == 1 else self.tr("%1 Fälle").replace("%1", f"{total:,}".replace(",", "."))
        self.count_label.setText(self.tr("%1 (gefiltert)").replace("%1", text) if self.filter_bar.is_active() else text)

    def _show_placeholder(self) -> None:
        """Why the list is empty and what to do (drawn only while it is empty)."""
        index = self.tree.currentIndex()
        name = str(index.data(Qt.ItemDataRole.ToolTipRole) or "") if index.isValid() else ""
        self.table.set_placeholder(empty_text(self._node, name, filtered=self.filter_bar.is_active(),
                                              claim=self.work.claim_action.shortcut()))

    def _list_refreshed(self) -> None:
        """Rows were re-read in place: the count, and the selected case where it went (if it is still listed)."""
        assert self.case_model is not None
        self._show_count()
        self._show_placeholder()
        self._selection_changed()
        az = self._selected_case
        current = self.table.currentIndex()
        shown = self.case_model.case_at(current.row()) if current.isValid() else None
        if az is None or (shown is not None and shown.aktenzeichen == az):
            return
        row = self.case_model.row_of(az)
        if row is not None:
            self.table.selectRow(row)

    def _table_menu(self, pos: QPoint) -> None:
        if self.selected_case() is None:
            return
        menu = QMenu(self)
        menu.setToolTipsVisible(True)  # a disabled action says why
        for action in self.work.row_actions():
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _tree_menu(self, pos: QPoint) -> None:
        filter_id = self.queue_model.filter_id_at(self.tree.indexAt(pos))
        if filter_id is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Filter &löschen"), lambda: self.delete_saved_filter(filter_id))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def ask_save_filter(self) -> None:
        if self.current_query() is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Filter speichern"), self.tr("Name des Filters:"))
        if ok:
            self.save_current_filter(name)

    def save_current_filter(self, name: str) -> None:
        """Save the list as it is shown now (work list + filter bar) under ``name`` in "Meine Filter"."""
        actor, query = self._actor, self.current_query()
        if actor is None or query is None:
            return
        def saved(filter_id: int) -> None:
            self._node = f"filter:{filter_id}"  # selected once the tree has it (after the announcement of the change)
            self.filter_bar.reset()

        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: save_filter(uow, actor, name, query)).success(saved).run()

    def delete_saved_filter(self, filter_id: int) -> None:
        actor = self._actor
        if actor is None:
            return
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: delete_filter(uow, actor, filter_id)).run()

    def open_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.preferences, self)
        dialog.open()
        return dialog

    def _row_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        case = self.case_model.case_at(index.row()) if self.case_model is not None else None
        if case is not None:
            self.open_case(case.aktenzeichen)
