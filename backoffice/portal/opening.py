"""Opening a fetched submission: decrypt, check integrity, validate, map to a service. Pure apart
from the attachment fetcher it is handed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jwcrypto import jwk

from .. import schemas
from ..domain import problem_types as problems
from ..domain.catalog import Service
from ..domain.errors import UnknownSchema
from ..domain.problem_types import ProblemType
from . import boundary, crypto
from .api import Envelope
from .boundary import Refusal

# Any 1.x, in the form FITKO's metadata schemas from 1.1.0 on require of ``$schema``; each is checked
# against 1.0.0, the one version at hand (docs/FIT_CONNECT.md, "Metadata of a later 1.x version").
METADATA_SCHEMA_URI = re.compile(r"https://schema\.fitko\.de/fit-connect/metadata/1\.[0-9]+\.[0-9]+/metadata\.schema\.json")
METADATA_SCHEMA = "metadata-1.0.0"


@dataclass(frozen=True, slots=True)
class OpenedAttachment:
    attachment_id: str
    filename: str
    mime_type: str
    purpose: str
    content: bytes
    tag: str
    sha512: str  # hex, of ``content`` (checked against the metadata)
    description: str = ""  # the portal's label of the upload, "" when it gives none


@dataclass(frozen=True, slots=True)
class Opened:
    envelope: Envelope
    service: Service
    schema_uri: str
    form_data: dict[str, Any]
    metadata: dict[str, Any]
    attachments: tuple[OpenedAttachment, ...]
    tags: crypto.AuthenticationTags


@dataclass(frozen=True, slots=True)
class Refused:
    envelope: Envelope
    problem: ProblemType
    detail: str
    instance: str
    metadata: dict[str, Any] | None = None
    awaiting_key: str | None = None  # the unknown key id it was encrypted for: held, not rejected

    def problem_json(self) -> dict[str, str]:
        return problems.problem(self.problem, self.detail, self.instance)


AttachmentFetcher = Callable[[str], str]  # attachment id -> JWE compact


def open_submission(
    envelope: Envelope,
    keys: Mapping[str, jwk.JWK],
    fetch_attachment: AttachmentFetcher,
    *,
    expected_service: Service,
    service_types: frozenset[str],
    max_attachment_bytes: int,
) -> Opened | Refused:
    """Everything a subscriber must check before it may accept; never raises for bad content.
    ``keys``: the decryption keys by key id (old and new during a key rollover)."""
    metadata: dict[str, Any] | None = None
    try:
        metadata_bytes, metadata_tag = _decrypt(envelope.encrypted_metadata, keys, "metadata")
        metadata = boundary.parse_json(metadata_bytes, "metadata")
        _check_metadata(metadata)
        _check_service_type(envelope, metadata, service_types)
        structure = metadata["contentStructure"]
        data_bytes, data_tag = _decrypt(envelope.encrypted_data, keys, "data")
        if crypto.sha512_hex(data_bytes) != structure["data"]["hash"]["content"]:
            raise Refusal(problems.HASH_MISMATCH, "SHA-512 der Fachdaten stimmt nicht mit den Metadaten überein", "data")
        service, uri = _service_of(structure["data"]["submissionSchema"])
        if service is not expected_service:
            raise Refusal(problems.SERVICE_MISMATCH, f"Schema {uri} gehört nicht zu diesem Zustellpunkt", "metadata")
        form = boundary.parse_json(data_bytes, "data")
        violations = schemas.validate_form(uri, form)
        if violations:
            raise Refusal(problems.SCHEMA_VIOLATION, "; ".join(violations[:10]), "data")
        attachments, attachment_tags = _open_attachments(
            envelope, structure.get("attachments", []), keys, fetch_attachment, max_attachment_bytes)
    except Refusal as refusal:
        return Refused(envelope, refusal.problem, refusal.detail, refusal.instance, metadata,
                       awaiting_key=refusal.awaiting_key)
    tags = crypto.AuthenticationTags(metadata=metadata_tag, data=data_tag, attachments=attachment_tags)
    return Opened(envelope, service, uri, form, metadata, attachments, tags)


def _decrypt(token: str, keys: Mapping[str, jwk.JWK], instance: str) -> tuple[bytes, str]:
    """Plaintext and authentication tag, with the key the JWE names (``kid``)."""
    try:
        return crypto.decrypt_with_tag(token, keys)
    except crypto.UnknownKey as err:
        raise Refusal(problems.ENCRYPTION_ISSUE,
                      f"verschlüsselt für den unbekannten Schlüssel {err.kid!r}; die Einreichung wartet, "
                      "bis ein Administrator ihn hinterlegt", instance, awaiting_key=err.kid) from err
    except crypto.DecryptionFailed as err:
        raise Refusal(problems.ENCRYPTION_ISSUE, f"Entschlüsselung fehlgeschlagen: {err}", instance) from err


def compile_checks() -> None:
    """Compile the metadata and form schema checks ahead of the first submission (a worker's warm-up)."""
    schemas.fit_connect(METADATA_SCHEMA)
    schemas.compile_all()


def _check_metadata(metadata: dict[str, Any]) -> None:
    declared = metadata.get("$schema")
    if declared is not None and not (isinstance(declared, str) and METADATA_SCHEMA_URI.fullmatch(declared)):
        raise Refusal(problems.UNSUPPORTED_SCHEMA, f"Metadatenschema {declared} wird nicht unterstützt", "metadata")
    errors = sorted(schemas.fit_connect(METADATA_SCHEMA).iter_errors(metadata), key=lambda e: list(e.absolute_path))
    if errors:
        # The form's German messages: jsonschema's own are English and quote the whole value.
        path, text = (schemas.describe_error(errors[0]) or [(list(errors[0].absolute_path), errors[0].message)])[0]
        where = "/".join(str(p) for p in path) or "(Wurzel)"
        raise Refusal(problems.SCHEMA_VIOLATION, f"Metadaten verletzen das Schema bei {where}: {text}", "metadata")
    if "data" not in metadata["contentStructure"]:
        raise Refusal(problems.MISSING_DATA, "die Einreichung enthält keine Fachdaten", "metadata")


def _check_service_type(envelope: Envelope, metadata: dict[str, Any], registered: frozenset[str]) -> None:
    """The service the sender named to FIT-Connect and the one its metadata names must agree, and
    be one the destination is registered for (``registered``, empty: not known, not checked)."""
    told = (envelope.service_type or {}).get("identifier")
    declared = (metadata.get("publicServiceType") or {}).get("identifier")
    if told is not None and declared is not None and told != declared:
        raise Refusal(problems.SERVICE_MISMATCH,
                      f"Verwaltungsleistung der Einreichung ({str(told)[:80]}) ≠ der Metadaten ({str(declared)[:80]})",
                      problems.INSTANCE_METADATA)
    named = told if told is not None else declared
    if registered and named is not None and named not in registered:
        raise Refusal(problems.SERVICE_MISMATCH,
                      f"Verwaltungsleistung {str(named)[:80]} ist für diesen Zustellpunkt nicht eingerichtet",
                      problems.INSTANCE_METADATA)


def _service_of(submission_schema: dict[str, Any]) -> tuple[Service, str]:
    uri = str(submission_schema.get("schemaUri", ""))
    if submission_schema.get("mimeType") != "application/json" or not uri.startswith(schemas.URI_PREFIX):
        raise Refusal(problems.UNSUPPORTED_SCHEMA, f"Fachdatenschema {uri} wird nicht unterstützt", "metadata")
    try:
        schemas.require_known(uri)
        service = Service(uri.removeprefix(schemas.URI_PREFIX).split(":")[0])
    except (UnknownSchema, ValueError) as err:
        raise Refusal(problems.UNSUPPORTED_SCHEMA, f"Fachdatenschema {uri} wird nicht unterstützt", "metadata") from err
    return service, uri


def too_large_text(attachment_id: str, limit: int) -> str:
    return f"Anlage {attachment_id} ist größer als die Grenze von {limit} Bytes"


def _open_attachments(
    envelope: Envelope, declared: list[dict[str, Any]], keys: Mapping[str, jwk.JWK], fetch: AttachmentFetcher,
    limit: int
) -> tuple[tuple[OpenedAttachment, ...], dict[str, str]]:
    by_id = {a["attachmentId"]: a for a in declared}
    if set(by_id) != set(envelope.attachment_ids):
        raise Refusal(
            problems.ATTACHMENTS_MISMATCH,
            f"Anlagen laut Metadaten {sorted(by_id)} ≠ übermittelte Anlagen {sorted(envelope.attachment_ids)}",
            "metadata",
        )
    # Named twice, one entry's hash and file name would silently stand for both (or one file be stored twice).
    for where, ids in (("in den Metadaten", [a["attachmentId"] for a in declared]),
                       ("in der Einreichung", list(envelope.attachment_ids))):
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        if twice:
            raise Refusal(problems.ATTACHMENTS_MISMATCH, f"Anlage {twice[0]} ist {where} mehrfach aufgeführt", "metadata")
    opened, tags = [], {}
    for att_id in envelope.attachment_ids:
        token = fetch(att_id)
        content, tags[att_id] = _decrypt(token, keys, f"attachment:{att_id}")
        if len(content) > limit:
            raise Refusal(problems.ATTACHMENT_TOO_LARGE, too_large_text(att_id, limit), problems.attachment_instance(att_id))
        meta = by_id[att_id]
        digest = crypto.sha512_hex(content)
        if digest != meta["hash"]["content"]:
            raise Refusal(problems.HASH_MISMATCH, f"SHA-512 der Anlage {att_id} stimmt nicht", f"attachment:{att_id}")
        opened.append(
            OpenedAttachment(att_id, boundary.attachment_name(meta.get("filename"), att_id),
                             boundary.mime_type(meta.get("mimeType"), att_id), meta["purpose"], content, tags[att_id], digest,
                             boundary.attachment_description(meta.get("description"), att_id))
        )
    return tuple(opened), tags
