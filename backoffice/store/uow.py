"""Unit of work: one transaction, rolled back unless ``commit()`` is called.

Services receive a unit of work and never see the session; only repositories do.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..domain.changes import NO_CHANGES, Changes
from ..domain.errors import ConcurrentModification
from .change_log import ChangeLog
from .change_marks import ChangeMarks
from .decision_repository import DecisionRepository
from .directory_repository import DirectoryRepository
from .editing_repository import EditingRepository
from .intake_repository import IntakeRepository
from .journal_repository import BlobRepository, JournalRepository
from .mail_repository import MailRepository
from .models import Case
from .repositories import CaseRepository
from .staff_repository import StaffRepository
from .statistics_repository import StatisticsRepository


class UnitOfWork(Protocol):
    """What services see: the repositories of one transaction (the SQL ones; tests pass in-memory stand-ins)."""

    cases: CaseRepository
    directory: DirectoryRepository
    blobs: BlobRepository
    journal: JournalRepository
    intake: IntakeRepository
    editing: EditingRepository
    decisions: DecisionRepository
    mail: MailRepository
    staff: StaffRepository
    statistics: StatisticsRepository
    marks: ChangeMarks  # the change counters of the areas the journal does not name
    changes: ChangeLog  # what this transaction wrote, collected as the repositories write
    committed_changes: Changes  # what the commits so far made (read it after ``commit()``)

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def flush(self) -> None: ...


class SqlUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session], *, write: bool, sqlite: bool) -> None:
        self._factory = session_factory
        self._write = write
        self._sqlite = sqlite

    def __enter__(self) -> SqlUnitOfWork:
        self.session = self._factory()
        if self._write and self._sqlite:
            # Take SQLite's write lock up front: a deferred transaction that reads and
            # then writes can fail with SQLITE_BUSY instead of waiting for the lock.
            self.session.connection(execution_options={"sqlite_begin": "BEGIN IMMEDIATE"})
        elif not self._write and not self._sqlite:
            # A read runs in a READ ONLY transaction: it can take no write lock, and a write slipped into a
            # read path fails loudly instead of being rolled back unseen.
            self.session.connection(execution_options={"postgresql_readonly": True})
        self.changes = ChangeLog()
        self.committed_changes = NO_CHANGES
        if self._write:
            self.changes.watch(self.session)
        self.cases = CaseRepository(self.session, read_only=not self._write)
        self.directory = DirectoryRepository(self.session)
        self.blobs = BlobRepository(self.session)
        self.journal = JournalRepository(self.session, self.changes)
        self.intake = IntakeRepository(self.session)
        self.editing = EditingRepository(self.session)
        self.decisions = DecisionRepository(self.session)
        self.mail = MailRepository(self.session)
        self.staff = StaffRepository(self.session)
        self.statistics = StatisticsRepository(self.session)
        self.marks = ChangeMarks(self.session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # A flush inside a service (explicit or before a query) meets another user's save as
        # StaleDataError: it is the same conflict as at commit and must reach the conflict dialog.
        conflict = _conflict(self.session, exc) if isinstance(exc, StaleDataError) else None
        try:
            self.rollback()
        finally:
            self.session.close()
        if conflict is not None:
            raise conflict from exc

    def commit(self) -> None:
        try:
            self.session.flush()
            # read in this transaction (it sees its own entries), the change marks counted up in it
            changes = self.changes.take(self.journal, self.marks)
            self.session.commit()
        except StaleDataError as err:
            # Another user saved a case between our read and our write.
            conflict = _conflict(self.session, err)
            self.rollback()
            raise conflict from err
        self.committed_changes = self.committed_changes | changes

    def rollback(self) -> None:
        self.session.rollback()
        self.changes.clear()

    def flush(self) -> None:
        self.session.flush()


def _note_flushing_cases(session: Session, _context: object, _instances: object) -> None:
    # After a failed flush the session no longer says which rows it sent: note them first.
    session.info["flushing_cases"] = [obj.aktenzeichen for obj in session.dirty if isinstance(obj, Case)]


def _conflict(session: Session, err: StaleDataError) -> ConcurrentModification:
    """The conflict, naming the case whose versioned update matched no row."""
    touched = session.info.get("flushing_cases", [])
    return ConcurrentModification(touched[0] if len(touched) == 1 else None)


class UnitOfWorkFactory:
    """Callable that opens a unit of work: ``with uow_factory() as uow: ...``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _note_flushing_cases)
        self._sqlite = engine.dialect.name == "sqlite"

    def __call__(self, *, write: bool = True) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions, write=write, sqlite=self._sqlite)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name
