"""Read-only table models over lists of frozen service records (print jobs, letters)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from backoffice.services.letters import LetterInfo
from backoffice.services.printing import PrintJobInfo

from ..formatting import plain_tooltip
from ..labels import letter_kind_label

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel, Generic[T]):
    """Rows are records; each column is a header and a function giving the cell's text."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[T], str]]], parent: QObject | None = None,
                 tooltip: Callable[[T], str | None] = lambda _r: None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._tooltip = tooltip
        self._rows: list[T] = []

    def set_records(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._rows[row]

    def records(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self._columns):
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](record)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(record)  # may quote a comment someone typed
            return plain_tooltip([tip]) if tip else None
        return None


def _when(value: datetime) -> str:
    return value.astimezone().strftime("%d.%m.%Y %H:%M")


class PrintJobsModel(RecordsModel[PrintJobInfo]):
    """Pending print jobs."""

    def __init__(self, parent: QObject | None = None) -> None:
        status = {"queued": self.tr("wartet"), "failed": self.tr("fehlgeschlagen"), "printed": self.tr("gedruckt"),
                  "printing": self.tr("wird gedruckt")}
        super().__init__([
            (self.tr("Aktenzeichen"), lambda j: j.letter.aktenzeichen),
            (self.tr("Antragsteller/in"), lambda j: j.letter.applicant_name),
            (self.tr("Brief"), lambda j: letter_kind_label(j.letter.kind_label)),
            (self.tr("Version"), lambda j: str(j.letter.version)),
            (self.tr("Status"), lambda j: status.get(j.status.value, j.status.value)
             + (f" ({j.claimed_by})" if j.claimed_by else "")),
            (self.tr("Angefordert"), lambda j: _when(j.requested_at)),
        ], parent, tooltip=lambda j: j.error)

    # Names the dialog and tests use.
    set_jobs = RecordsModel.set_records
    job = RecordsModel.record
    jobs = RecordsModel.records


class LettersModel(RecordsModel[LetterInfo]):
    """Letters (e.g. those awaiting a team lead's approval)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([
            (self.tr("Aktenzeichen"), lambda x: x.aktenzeichen),
            (self.tr("Antragsteller/in"), lambda x: x.applicant_name),
            (self.tr("Brief"), lambda x: letter_kind_label(x.kind_label)),
            (self.tr("Version"), lambda x: str(x.version)),
            (self.tr("Entschieden von"), lambda x: x.decided_by_name or x.decided_by or ""),
            (self.tr("Erstellt"), lambda x: _when(x.created_at)),
        ], parent)
