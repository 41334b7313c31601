"""What the intake round needs of the portal: a small typed protocol over the adapter.

``SubmissionPortal`` lists submissions and reads the service's keys (the portal
adapter's ``SubmissionClient``); ``Workers`` fetches, opens and answers submissions
in parallel (``portal.workers.PortalWorkers``). Tests pass fakes of either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future
from typing import Any, Protocol

from ...portal.api import SubmissionRef
from ...portal.job import Destination, OpeningKeys
from ...portal.transport import PortalStats
from ...portal.workers import Answer, FetchFailed, Finished, Posted


class SubmissionPortal(Protocol):
    @property
    def stats(self) -> PortalStats: ...

    def list_submissions(self, destination_id: str) -> Iterable[SubmissionRef]: ...

    def service_keys(self) -> Sequence[Mapping[str, Any]]: ...

    def destination_services(self, destination_id: str) -> frozenset[str]: ...


class Workers(Protocol):
    count: int

    @property
    def in_processes(self) -> bool: ...

    def start(self) -> None: ...

    def open(self, ref: SubmissionRef, destination: Destination, keys: OpeningKeys,
             now: int) -> Future[Finished | FetchFailed]: ...

    def post(self, answers: Sequence[Answer]) -> Future[list[Posted]]: ...

    def close(self) -> None: ...
