"""The main window: the work-area tree on the left, the case list on the right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QMainWindow, QMessageBox, QSplitter

from backoffice.domain.records import UserRef

from ..models.case_table import CaseTableModel
from ..models.queue_tree import MINE, QueueOverview, QueueTreeModel, load_overview
from ..ops import QueryOp, Tasks
from .case_table_view import CaseTableView
from .case_view import CaseView
from .queue_tree_view import QueueTreeView

DEFAULT_NODE = MINE
WINDOW_SIZE = (1400, 850)


class MainWindow(QMainWindow):
    ready = Signal()  # the first list has been loaded (tests and --screenshot wait for it)

    def __init__(self, tasks: Tasks, *, database_kind: str, database_tooltip: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
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
        self.tree.selectionModel().currentChanged.connect(self._node_changed)
        self.table = CaseTableView()
        self.table.activated.connect(self._row_activated)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, WINDOW_SIZE[0] - 270])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self.user_label = QLabel(self.tr("Anmeldung…"))
        self.database_label = QLabel(self.tr("Datenbank: %1").replace("%1", database_kind))
        self.database_label.setToolTip(database_tooltip)
        self.count_label = QLabel()
        for number, label in enumerate((self.count_label, self.user_label, self.database_label)):
            if number:
                separator = QFrame()
                separator.setFrameShape(QFrame.Shape.VLine)
                separator.setFrameShadow(QFrame.Shadow.Sunken)
                self.statusBar().addPermanentWidget(separator)
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        self._build_actions()

    # -- start-up ----------------------------------------------------------

    def start(self, actor: UserRef) -> None:
        """Show the lists of ``actor`` (called once the user is known)."""
        self._actor = actor
        self.user_label.setText(self.tr("Angemeldet: %1").replace("%1", actor.display_name))
        self.user_label.setToolTip(self.tr("Angemeldet als %1").replace("%1", actor.login))
        self.case_model = CaseTableModel(self._tasks, actor, parent=self)
        self.case_model.loaded.connect(self._list_loaded)
        self.table.set_case_model(self.case_model)
        self.refresh_action.setEnabled(True)
        self.refresh()

    def is_ready(self) -> bool:
        return self._is_ready

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

    def open_case(self, aktenzeichen: str) -> CaseView | None:
        """Open (or raise) the editor of a case (a dialog)."""
        if self._actor is None:
            return None
        view = self.case_views.get(aktenzeichen)
        if view is None:
            view = CaseView(self._tasks, self._actor, aktenzeichen, parent=self)
            view.destroyed.connect(lambda *_: self.case_views.pop(aktenzeichen, None))
            view.open_case_requested.connect(self.open_case)  # linked cases and duplicate hints
            self.case_views[aktenzeichen] = view
            view.load()
        view.show()
        view.raise_()
        view.activateWindow()
        return view

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
        columns_action = QAction(self.tr("&Spaltenbreiten zurücksetzen"), self)
        columns_action.triggered.connect(self.table.fit_columns)
        about_action = QAction(self.tr("Ü&ber Backoffice"), self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self._about)

        self.file_menu = self.menuBar().addMenu(self.tr("&Datei"))
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&Ansicht"))
        view_menu.addAction(self.closed_action)
        view_menu.addAction(tree_action)
        view_menu.addAction(columns_action)
        help_menu = self.menuBar().addMenu(self.tr("&Hilfe"))
        help_menu.addAction(about_action)

        self.toolbar = toolbar = self.addToolBar(self.tr("Werkzeugleiste"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.refresh_action.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_BrowserReload))
        toolbar.addAction(self.refresh_action)

    def add_sync_controls(self, action: QAction, label: QLabel) -> None:
        """The portal's "Abholen" action (toolbar and Datei menu) and its status-bar indicator."""
        self.toolbar.addAction(action)
        self.file_menu.insertAction(self.refresh_action, action)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        self.statusBar().addPermanentWidget(separator)
        self.statusBar().addPermanentWidget(label)

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
        query = self.queue_model.query_at(self.tree.currentIndex())
        if query is not None:
            self.case_model.set_query(query)

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
        query = self.queue_model.query_at(current)
        if query is None or self.case_model is None:
            return
        self._node = self.queue_model.key_at(current) or DEFAULT_NODE
        self.show_message(self.tr("Wird geladen…"))
        self.case_model.set_query(query)

    def _include_closed_toggled(self, _checked: bool) -> None:
        self._rebuild_tree()
        query = self.queue_model.query_at(self.tree.currentIndex())
        if query is not None and self.case_model is not None:
            self.case_model.set_query(query)

    def _list_loaded(self) -> None:
        assert self.case_model is not None
        total = self.case_model.total
        text = self.tr("1 Fall") if total == 1 else self.tr("%1 Fälle").replace("%1", f"{total:,}".replace(",", "."))
        self.count_label.setText(text)
        self.statusBar().clearMessage()
        if total and not self.table.currentIndex().isValid():
            # keyboard focus on the first row (Enter opens it) without hiding its colours under a selection
            self.table.selectionModel().setCurrentIndex(
                self.case_model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        if not self._is_ready:
            self._is_ready = True
            self.ready.emit()

    def _row_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        case = self.case_model.case_at(index.row()) if self.case_model is not None else None
        if case is not None:
            self.open_case(case.aktenzeichen)
