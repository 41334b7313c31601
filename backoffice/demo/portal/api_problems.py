"""The problem documents (RFC 7807, ``application/problem+json``) the demo portal answers API errors with.

FITKO's page "Fehlerverhalten und Statuscodes" (FIT-Connect v1) says every 4xx/5xx answer of
the Submission API is a problem document with at least ``type``, ``title`` and ``status``,
and names ``https://schema.fitko.de/fit-connect/submission-api/problems/submission-not-found``
(title "Application not found") as its example. ``destination-not-found`` under the same
prefix is what FITKO's Python SDK matches. The page's tables of the other types could not be
read (docs/DEMO_PORTAL.md): rather than inventing official-looking URIs, the other errors
answer ``about:blank`` with the HTTP status phrase as title, which RFC 7807 (4.2) defines
as "nothing beyond the status code". Change a type here once FITKO's table is confirmed.

The token endpoint is OAuth's and answers RFC 6749 errors, not problem documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

BASE = "https://schema.fitko.de/fit-connect/submission-api/problems/"
MAX_DETAIL = 1000  # a detail may quote what the client sent: never echo a megabyte back


@dataclass(frozen=True)
class ApiProblem:
    status: int
    type: str
    title: str


SUBMISSION_NOT_FOUND = ApiProblem(404, BASE + "submission-not-found", "Application not found")
DESTINATION_NOT_FOUND = ApiProblem(404, BASE + "destination-not-found", "Destination not found")


def generic(status: int) -> ApiProblem:
    """A problem without a FITKO type: ``about:blank`` and the status phrase (RFC 7807, 4.2)."""
    return ApiProblem(status, "about:blank", HTTPStatus(status).phrase)


def document(problem: ApiProblem, detail: str) -> dict[str, object]:
    if len(detail) > MAX_DETAIL:
        detail = detail[:MAX_DETAIL] + "…"
    return {"type": problem.type, "title": problem.title, "status": problem.status, "detail": detail}
