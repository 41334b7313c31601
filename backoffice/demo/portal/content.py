"""Building encrypted demo submissions: form data, attachments, FITKO metadata, content faults.

Everything visible (ids, form data, attachments) comes from one RNG seeded by the portal
seed, in submission order, so the same seed gives the same submissions. Content faults
draw from a separate RNG and never consume the main one: switching faults on does not
change the ids or data of the other submissions. Each submission comes with the service's
events of its sending, create-submission then submit-submission (``events``).
"""

from __future__ import annotations

import copy
import functools
import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jwcrypto import jwk

from ... import schemas
from ...domain.catalog import Service
from ..generator import generate_application
from . import jose
from .described import AttachmentSpec, DescribedSubmission, deep_merge
from .documents import Document, documents_for, oversize_scan
from .events import ServiceEvents
from .faults import EXPECTED_PROBLEM, FaultPicker

METADATA_SCHEMA = "https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json"
LEIKA_PREFIX = "urn:de:fim:leika:leistung:"
# Demo placeholders in the LeiKa key format; NOT looked up in the LeiKa catalogue.
LEIKA_IDS = {Service.WBS: "99000000000001", Service.ELTERNGELD: "99000000000002",
             Service.FUEHRUNGSZEUGNIS: "99000000000003"}
SERVICE_WEIGHTS = ((Service.WBS, 40), (Service.ELTERNGELD, 35), (Service.FUEHRUNGSZEUGNIS, 25))


def rng_uuid(rng: random.Random) -> str:
    """A UUIDv4 drawn from ``rng`` (uuid.uuid4 would break determinism)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def public_service_type(service: Service) -> dict[str, str]:
    return {"name": Service(service).label, "identifier": LEIKA_PREFIX + LEIKA_IDS[Service(service)]}


@dataclass
class Submission:
    submission_id: str
    case_id: str
    destination_id: str
    service: Service
    encrypted_metadata: str
    encrypted_data: str
    attachments: dict[str, str]  # attachment id -> JWE, in metadata order
    tags: dict[str, Any]  # authenticationTags, as the submit event lists them
    fault: str | None = None
    expected: str | None = None  # the problem type URI a correct subscriber rejects it with
    status: str = "submitted"
    problems: list[dict[str, Any]] = field(default_factory=list)
    entry: int | None = None  # index in the submissions file (None: generated)

    @functools.cached_property
    def body(self) -> bytes:
        """``as_json`` encoded: the answer never changes, and the encrypted parts are large."""
        return json.dumps(self.as_json(), ensure_ascii=False).encode("utf-8")

    def as_json(self) -> dict[str, Any]:
        """The Submission API v1 answer to GET /v1/submissions/{id}."""
        return {
            "submissionId": self.submission_id,
            "caseId": self.case_id,
            "destinationId": self.destination_id,
            "serviceType": public_service_type(self.service),
            "attachments": list(self.attachments),
            "encryptedMetadata": self.encrypted_metadata,
            "encryptedData": self.encrypted_data,
        }


class SubmissionFactory:
    """Generates submissions one after the other; not thread-safe (the portal serialises calls)."""

    def __init__(self, *, seed: int, today: date, destinations: dict[Service, str], encryption_key: jwk.JWK,
                 events: ServiceEvents, content_faults: FaultPicker, max_attachment_bytes: int,
                 clock: Callable[[], float] = time.time) -> None:
        self.seed = seed
        self.described_count = 0
        self.rng = random.Random(f"submissions:{seed}")
        self.fault_rng = random.Random(f"fault-documents:{seed}")  # the picker has its own stream
        self.today = today
        self.destinations = destinations
        self.encryption_key = jose.public_jwk(encryption_key)
        self.events = events
        self.content_faults = content_faults
        self.max_attachment_bytes = max_attachment_bytes
        self.clock = clock

    def next(self) -> tuple[Submission, list[str]]:
        """A new submission and the service's signed events of its sending."""
        rng = self.rng
        submission_id, case_id = rng_uuid(rng), rng_uuid(rng)
        service = rng.choices([s for s, _ in SERVICE_WEIGHTS], weights=[w for _, w in SERVICE_WEIGHTS])[0]
        form = generate_application(service, rng, self.today)
        docs = [(rng_uuid(rng), doc) for doc in documents_for(service, rng, form, self.today)]
        jti = rng_uuid(rng)

        fault = self.content_faults.pick()
        schema = schemas.schema_uri(service)
        if fault == "schema_violation":
            form = copy.deepcopy(form)
            form["applicant"]["address"]["postcode"] = "ABC"  # every service schema wants five digits
        elif fault == "unknown_schema":
            schema = f"{schemas.URI_PREFIX}{service.value}:99.0.0"
        elif fault == "oversize_attachment":
            name = f"{form['applicant']['given_name']} {form['applicant']['family_name']}"
            docs.append((rng_uuid(self.fault_rng), oversize_scan(self.fault_rng, name, self.max_attachment_bytes)))

        data = json_bytes(form)
        data_hash = jose.sha512_hex(data + b" " if fault == "hash_mismatch" else data)
        metadata = self._metadata(service, form, data_hash, schema, docs)
        return self._seal(submission_id, case_id, jti, service, metadata, data, docs, fault)

    def described(self, entry: DescribedSubmission) -> tuple[Submission, list[str]]:
        """The submission a submissions-file entry describes, with the service's events of its sending.

        Its ids and generated parts come from an RNG of its own (portal seed and the number of
        described submissions before it, which for a file served at start is the entry's index),
        so a file neither changes the generated submissions nor depends on ``--count``.
        Content faults are never injected: the entry is served as it is written.
        """
        rng = random.Random(f"described:{self.seed}:{self.described_count}")
        self.described_count += 1
        submission_id, case_id, jti = rng_uuid(rng), rng_uuid(rng), rng_uuid(rng)
        service = entry.service
        generated = generate_application(service, rng, self.today)
        if entry.attachments is None:
            docs = [(rng_uuid(rng), doc) for doc in documents_for(service, rng, generated, self.today)]
        else:
            docs = [(rng_uuid(rng), _document(rng, spec)) for spec in entry.attachments]
        form: Any = None
        if entry.data is not None:
            data = entry.data  # byte for byte; the reply channel cannot be read from it
        else:
            form = deep_merge(generated, entry.form or {})
            data = json_bytes(form)
        metadata = self._metadata(service, form, jose.sha512_hex(data), schemas.schema_uri(service), docs)
        if entry.metadata is not None:
            metadata = deep_merge(metadata, entry.metadata)
        return self._seal(submission_id, case_id, jti, service, metadata, data, docs, None, entry.index)

    def _seal(self, submission_id: str, case_id: str, jti: str, service: Service, metadata: dict[str, Any],
              data: bytes, docs: list[tuple[str, Document]], fault: str | None,
              entry: int | None = None) -> tuple[Submission, list[str]]:
        """Encrypt metadata, data and attachments; sign the create event and the submit event over their tags."""
        key = self.encryption_key
        encrypted_metadata = jose.encrypt(json_bytes(metadata), key, content_type="application/json")
        encrypted_data = jose.encrypt(data, key, content_type="application/json")
        if fault == "invalid_jwe":
            encrypted_data = corrupt_ciphertext(encrypted_data)
        attachments = {aid: jose.encrypt(doc.content, key, content_type=doc.mime_type) for aid, doc in docs}
        tags = {"metadata": jose.authentication_tag(encrypted_metadata), "data": jose.authentication_tag(encrypted_data),
                "attachments": {aid: jose.authentication_tag(token) for aid, token in attachments.items()}}
        submission = Submission(submission_id, case_id, self.destinations[service], service, encrypted_metadata,
                                encrypted_data, attachments, tags, fault, EXPECTED_PROBLEM.get(fault or ""),
                                entry=entry)
        # Announced and sent at once: both events carry the same time, create first as the service logs it.
        # The create event's jti has an RNG of its own, so adding it left every seeded id as it was.
        now = int(self.clock())
        create_jti = rng_uuid(random.Random(f"create-event:{self.seed}:{submission_id}"))
        return submission, [self.events.create(submission_id, case_id, now=now, jti=create_jti),
                            self.events.submit(submission_id, case_id, tags, now=now, jti=jti)]

    def _metadata(self, service: Service, form: Any, data_hash: str, schema: str,
                  docs: list[tuple[str, Document]]) -> dict[str, Any]:
        """The FITKO metadata; ``form`` gives the reply channel (None, or a merged form of any shape)."""
        metadata: dict[str, Any] = {
            "$schema": METADATA_SCHEMA,
            "contentStructure": {
                "data": {
                    "hash": {"type": "sha512", "content": data_hash},
                    "submissionSchema": {"schemaUri": schema, "mimeType": "application/json"},
                },
                "attachments": [_attachment_entry(aid, doc) for aid, doc in docs],
            },
            "publicServiceType": public_service_type(service),
            "additionalReferenceInfo": {"applicationDate": self.today.isoformat()},
        }
        applicant = form.get("applicant") if isinstance(form, dict) else None
        email = applicant.get("email") if isinstance(applicant, dict) else None
        if email:
            metadata["replyChannel"] = {"eMail": {"address": email}}
        return metadata


def _attachment_entry(aid: str, doc: Document) -> dict[str, Any]:
    entry: dict[str, Any] = {"attachmentId": aid, "hash": {"type": "sha512", "content": jose.sha512_hex(doc.content)},
                             "mimeType": doc.mime_type, "purpose": doc.purpose, "filename": doc.filename}
    if doc.description is not None:
        entry["description"] = doc.description
    return entry


def json_bytes(value: Any) -> bytes:
    """JSON as UTF-8 like a portal sends it; a string holding a lone surrogate (only a submissions
    file can ask for one) is written as its \\u escape, the one way JSON text can carry it."""
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value).encode("ascii")


def pdf_like(rng: random.Random, size: int) -> bytes:
    """Exactly ``size`` bytes that start and end like a PDF (binary filler in between)."""
    head, tail = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", b"\n%%EOF\n"
    if size <= len(head) + len(tail):
        return (head + tail)[:size]
    return head + rng.randbytes(size - len(head) - len(tail)) + tail


def _document(rng: random.Random, spec: AttachmentSpec) -> Document:
    content = spec.content if spec.content is not None else pdf_like(rng, spec.size)
    return Document(spec.filename, spec.mime_type, spec.description, content, spec.purpose)


def corrupt_ciphertext(token: str) -> str:
    """Flip one character in the middle of the ciphertext: still well-formed, but the GCM tag fails."""
    parts = token.split(".")
    text = parts[3]
    middle = len(text) // 2
    parts[3] = text[:middle] + ("A" if text[middle] != "A" else "B") + text[middle + 1:]
    return ".".join(parts)
