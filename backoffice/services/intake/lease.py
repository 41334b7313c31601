"""The sync lease: with several clients on one database, only one syncs at a time.

A row in ``leases`` names the holder ("host:pid") and when its claim expires, in the
database server's time (PCs' clocks differ). The holder renews it from a background
thread while a round runs, so a round slowed down by the portal keeps its claim; if a
renewal finds the lease taken over, the round stops at its next step (``check``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from ...domain.export_text import without_text
from ...store.uow import UnitOfWorkFactory
from ...texts import t

log = logging.getLogger(__name__)


class LeaseLost(Exception):
    """Another client took the sync lease over while this one was syncing."""


class SyncLease:
    def __init__(self, uow_factory: UnitOfWorkFactory, name: str, holder: str, seconds: float) -> None:
        self.uow = uow_factory
        self.name = name
        self.holder = holder
        self.length = timedelta(seconds=seconds)
        self._lost = threading.Event()

    def take(self) -> bool:
        """Take the lease if it is free, expired or ours (renewing it); False if another client holds it."""
        with self.uow() as uow:
            current = uow.intake.lease_holder(self.name)
            if current and current[0] != self.holder and _is_dead_local_process(current[0]):
                # A crashed sync on this PC must not block intake until its lease expires.
                uow.intake.release_lease(self.name, current[0])
            now = uow.intake.database_now()
            ok = uow.intake.try_lease(self.name, self.holder, now, now + self.length)
            uow.commit()
        return ok

    def release(self) -> None:
        with self.uow() as uow:
            uow.intake.release_lease(self.name, self.holder)
            uow.commit()

    @contextmanager
    def kept(self) -> Iterator[None]:
        """Renew the lease every third of its length until the block ends."""
        self._lost.clear()
        stop = threading.Event()
        keeper = threading.Thread(target=self._keep, args=(stop,), name="sync-lease", daemon=True)
        keeper.start()
        try:
            yield
        finally:
            stop.set()
            keeper.join()

    def check(self) -> None:
        """Raise LeaseLost if a renewal found the lease taken over."""
        if self._lost.is_set():
            raise LeaseLost(t("Ein anderer Arbeitsplatz hat den Abruf übernommen ({lease}); diese Runde wurde beendet",
                              lease=self.name))

    def _keep(self, stop: threading.Event) -> None:
        while not stop.wait(self.length.total_seconds() / 3):
            try:
                if not self.take():
                    self._lost.set()
                    return
            except Exception as err:  # the database is briefly unreachable: try again; expiry decides
                log.warning("renewing the sync lease failed", exc_info=without_text(err))


def _is_dead_local_process(holder: str) -> bool:
    """True when ``holder`` ("host:pid") names a process of this host that no longer runs."""
    host, _, pid_text = holder.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, owned by another user
    return False
