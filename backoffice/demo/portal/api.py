"""The subscriber-facing subset of the FIT-Connect Submission API v1, independent of HTTP plumbing.

Paths, fields and status codes follow shared/reference/fit-connect.md. Error bodies are
RFC 7807 problem documents (``api_problems``); the token endpoint answers OAuth-style
``{"error": …}``.
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs

from jwcrypto import jwk

from ... import schemas
from ...domain.catalog import Service
from . import api_problems, checks, jose
from .api_problems import ApiProblem
from .content import Submission, public_service_type
from .state import ALLOWED_FROM, OPEN, Conflict, PortalState

DEFAULT_LIMIT, MAX_LIMIT = 100, 500
JOSE = "application/jose"


class Headers(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...  # names ignore case


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Headers  # names ignore case
    body: bytes = b""


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def json_response(status: int, value: Any, headers: dict[str, str] | None = None,
                  content_type: str = "application/json") -> Response:
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return Response(status, body, f"{content_type}; charset=utf-8", headers or {})


def problem_response(problem: ApiProblem | int, detail: str, headers: dict[str, str] | None = None) -> Response:
    """A problem document; an int stands for the status without a FITKO type."""
    if isinstance(problem, int):
        problem = api_problems.generic(problem)
    return json_response(problem.status, api_problems.document(problem, detail), headers, "application/problem+json")


REGION = "DE051170000000"  # "DE" + the Amtlicher Regionalschlüssel of Mülheim an der Ruhr (format unconfirmed)


class BadRequest(Exception):
    pass


_ROUTES: tuple[tuple[str, re.Pattern[str], str, bool], ...] = tuple(
    (method, re.compile(pattern + r"/?\Z"), handler, auth)
    for method, pattern, handler, auth in (
        ("POST", r"/token", "token", False),
        ("GET", r"/\.well-known/jwks\.json", "jwks", False),
        ("GET", r"/v1/submissions", "list_submissions", True),
        ("GET", r"/v1/submissions/(?P<sid>[^/]+)", "get_submission", True),
        ("GET", r"/v1/submissions/(?P<sid>[^/]+)/attachments/(?P<aid>[^/]+)", "get_attachment", True),
        ("GET", r"/v1/cases/(?P<cid>[^/]+)/events", "get_events", True),
        ("POST", r"/v1/cases/(?P<cid>[^/]+)/events", "post_event", True),
        ("GET", r"/v1/destinations/(?P<did>[^/]+)", "get_destination", True),
        ("GET", r"/v1/destinations/(?P<did>[^/]+)/keys/(?P<kid>[^/]+)", "get_key", True),
    )
)


class PortalApi:
    def __init__(self, state: PortalState, *, client_id: str, client_secret: str, destinations: dict[Service, str],
                 encryption_key: jwk.JWK, signing_key: jwk.JWK, service_key: jwk.JWK) -> None:
        self.state = state
        self.client_id, self.client_secret = client_id, client_secret
        self.destinations = dict(destinations)
        self.destination_ids = set(destinations.values())
        # Public halves only: the portal must never need the subscriber's private keys.
        self.encryption_public = jose.public_jwk(encryption_key)
        self.signing_public = jose.public_jwk(signing_key)
        self.service_public = jose.public_jwk(service_key)

    def handle(self, req: Request) -> Response:
        allowed = []
        for method, pattern, handler, auth in _ROUTES:
            match = pattern.match(req.path)
            if not match:
                continue
            if method != req.method:
                allowed.append(method)
                continue
            if auth and not self._authorised(req):
                return problem_response(401, "a valid, unexpired bearer token is required",
                                        {"WWW-Authenticate": 'Bearer error="invalid_token"'})
            try:
                response: Response = getattr(self, handler)(req, **match.groupdict())
                return response
            except BadRequest as err:
                return problem_response(400, str(err))
        if allowed:
            return problem_response(405, f"use {', '.join(allowed)}", {"Allow": ", ".join(allowed)})
        return problem_response(404, f"no such resource: {req.path}")

    def _authorised(self, req: Request) -> bool:
        scheme, _, token = (req.headers.get("Authorization") or "").partition(" ")
        return scheme.lower() == "bearer" and bool(token) and self.state.token_valid(token.strip())

    # --- OAuth ----------------------------------------------------------------------------

    def token(self, req: Request) -> Response:
        if not (req.headers.get("Content-Type") or "").startswith("application/x-www-form-urlencoded"):
            return json_response(400, {"error": "invalid_request", "error_description": "form-encoded body expected"})
        form = {k: v[0] for k, v in parse_qs(req.body.decode("utf-8", "replace")).items()}
        if form.get("grant_type") != "client_credentials":
            return json_response(400, {"error": "unsupported_grant_type"})
        good_id = hmac.compare_digest(form.get("client_id", ""), self.client_id)
        good_secret = hmac.compare_digest(form.get("client_secret", ""), self.client_secret)
        if not (good_id and good_secret):
            return json_response(401, {"error": "invalid_client"})
        # Scope format as we understand FIT-Connect's subscriber scopes (not re-confirmed).
        scope = " ".join(f"subscribe:destination:{d}" for d in sorted(self.destination_ids))
        return json_response(200, {"access_token": self.state.issue_token(), "token_type": "Bearer",
                                   "expires_in": int(self.state.token_ttl), "scope": scope},
                             {"Cache-Control": "no-store"})

    def jwks(self, req: Request) -> Response:
        return json_response(200, {"keys": [self.service_public]})

    # --- submissions ----------------------------------------------------------------------

    def list_submissions(self, req: Request) -> Response:
        offset, limit = _paging(req)
        wanted = self.destination_ids
        destination = _param(req, "destinationId")
        if destination is not None:
            if destination not in self.destination_ids:
                return problem_response(403, f"client is not subscribed to destination {destination}")
            wanted = {destination}
        total, page = self.state.page(wanted, offset, limit)
        items = [{"destinationId": s.destination_id, "submissionId": s.submission_id, "caseId": s.case_id}
                 for s in page]
        return json_response(200, {"offset": offset, "count": len(items), "totalCount": total, "submissions": items})

    def _open_submission(self, sid: str) -> Submission | None:
        sub = self.state.get(sid)
        return sub if sub is not None and sub.status in OPEN and sub.destination_id in self.destination_ids else None

    def get_submission(self, req: Request, sid: str) -> Response:
        sub = self._open_submission(sid)
        if sub is None:
            return problem_response(api_problems.SUBMISSION_NOT_FOUND, f"no submission {sid} is submitted or forwarded")
        return Response(200, sub.body, "application/json; charset=utf-8")

    def get_attachment(self, req: Request, sid: str, aid: str) -> Response:
        if not accepts(req.headers.get("Accept"), JOSE):
            return problem_response(406, f"the attachment is {JOSE}, which the Accept header excludes")
        sub = self._open_submission(sid)
        if sub is None:
            return problem_response(api_problems.SUBMISSION_NOT_FOUND, f"no submission {sid} is submitted or forwarded")
        if aid not in sub.attachments:
            return problem_response(404, f"submission {sid} has no attachment {aid}")
        return Response(200, sub.attachments[aid].encode("ascii"), JOSE)

    def get_destination(self, req: Request, did: str) -> Response:
        """The destination as a sender sees it: its service, submission schema and encryption key."""
        service = next((s for s, d in self.destinations.items() if d == did), None)
        if service is None:
            return problem_response(api_problems.DESTINATION_NOT_FOUND, f"no destination {did}")
        return json_response(200, {
            "destinationId": did,
            "status": "active",
            "services": [{
                "identifier": public_service_type(service)["identifier"],
                "submissionSchemas": [{"schemaUri": schemas.schema_uri(service), "mimeType": "application/json"}],
                "regions": [REGION],
            }],
            "encryptionKid": self.encryption_public.get("kid"),
            "metadataVersions": ["1.0.0"],
        })

    def get_key(self, req: Request, did: str, kid: str) -> Response:
        if did not in self.destination_ids:
            return problem_response(api_problems.DESTINATION_NOT_FOUND, f"no destination {did}")
        for key in (self.encryption_public, self.signing_public):
            if key.get("kid") == kid:
                return json_response(200, key, content_type="application/jwk+json")
        return problem_response(404, f"destination {did} has no key {kid}")

    # --- events ---------------------------------------------------------------------------

    def get_events(self, req: Request, cid: str) -> Response:
        offset, limit = _paging(req)
        if self.state.by_case(cid) is None:
            return problem_response(404, f"no case {cid}")
        log = self.state.events(cid)
        page = log[offset:offset + limit]
        return json_response(200, {"offset": offset, "count": len(page), "totalCount": len(log), "eventLog": page})

    def post_event(self, req: Request, cid: str) -> Response:
        if (req.headers.get("Content-Type") or "").split(";")[0].strip() != JOSE:
            return problem_response(415, f"the body must be a SET sent as {JOSE}")
        sub = self.state.by_case(cid)
        if sub is None:
            return problem_response(404, f"no case {cid}")
        token = req.body.decode("ascii", "replace").strip()
        try:
            event, body = self._verified_event(token, sub)
        except checks.RejectedSet as err:
            return problem_response(422, f"invalid SET: {err}")
        status = _EVENT_STATUS[event]
        if sub.status not in ALLOWED_FROM[status]:
            return problem_response(409, f"submission {sub.submission_id} is {sub.status}: no {status} now")
        error = self._check_event_body(event, body, sub)
        if error:
            return problem_response(422, error)
        try:
            self.state.settle(sub.submission_id, status, token, body.get("problems"))
        except Conflict as err:  # a concurrent event got there first
            return problem_response(409, str(err))
        return Response(204)

    def _verified_event(self, token: str, sub: Submission) -> tuple[str, dict[str, Any]]:
        return checks.verify(token, self.signing_public, destination_id=sub.destination_id,
                             submission_id=sub.submission_id, case_id=sub.case_id)

    def _check_event_body(self, event: str, body: dict[str, Any], sub: Submission) -> str | None:
        tags = body.get("authenticationTags")
        expected = sub.tags
        if event == checks.ACCEPT:
            if tags is None:
                return "an accept must carry authenticationTags"
        elif event == checks.REJECT:
            error = checks.problem_error(body.get("problems"))
            if error:
                return error
        elif "problems" in body:
            return "a forward carries no problems"
        if tags is not None and tags != expected:
            wrong = [k for k in ("metadata", "data", "attachments")
                     if not isinstance(tags, dict) or tags.get(k) != expected[k]]
            return f"authenticationTags do not match the submission ({', '.join(wrong)})"
        return None


_EVENT_STATUS = {checks.ACCEPT: "accepted", checks.REJECT: "rejected", checks.FORWARD: "forwarded"}


def accepts(accept: str | None, media_type: str) -> bool:
    """Whether an Accept header admits ``media_type`` (RFC 9110, 12.5.1), as the real service decides:
    no header (or an empty one) admits anything, ``*/*`` and ``type/*`` match, and the most specific
    matching range decides by its ``q`` (``application/jose;q=0`` refuses even beside ``*/*``).
    The independent Python SDK sends ``*/*``; only an Accept that excludes the type gets a 406."""
    if accept is None or not accept.strip():
        return True
    kind, _, subtype = media_type.lower().partition("/")
    best: tuple[int, float] | None = None  # (specificity, q) of the most specific matching range
    for item in accept.split(","):
        media_range, *params = item.split(";")
        range_kind, slash, range_subtype = media_range.strip().lower().partition("/")
        if not slash:
            continue  # not a media range; ignored like any malformed element
        if range_kind == "*" and range_subtype == "*":
            specificity = 0
        elif range_kind == kind and range_subtype == "*":
            specificity = 1
        elif (range_kind, range_subtype) == (kind, subtype):
            specificity = 2
        else:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 1.0  # a malformed weight does not turn a listed type into a refusal
        if best is None or specificity > best[0] or (specificity == best[0] and q > best[1]):
            best = (specificity, q)
    return best is not None and best[1] > 0


def _param(req: Request, name: str) -> str | None:
    values = req.query.get(name)
    return values[0] if values else None


def _paging(req: Request) -> tuple[int, int]:
    def number(name: str, default: int) -> int:
        text = _param(req, name)
        if text is None:
            return default
        try:
            return int(text)
        except ValueError:
            raise BadRequest(f"{name} must be an integer") from None

    offset, limit = number("offset", 0), number("limit", DEFAULT_LIMIT)
    if offset < 0:
        raise BadRequest("offset must not be negative")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}")
    return offset, limit
