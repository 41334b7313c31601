"""FIT-Connect cryptography through jwcrypto: JWE for content, signed Security Event Tokens
for events. Only the algorithms FIT-Connect prescribes are accepted: a downgraded token is an
error. The demo portal has code of its own, so each side can catch the other's mistakes."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jsonschema.exceptions import best_match
from jwcrypto import jwe, jwk, jws
from jwcrypto.common import base64url_decode

from .. import schemas

KEY_ALG = "RSA-OAEP-256"
CONTENT_ENC = "A256GCM"
SIG_ALG = "PS512"
SET_TYP = "secevent+jwt"
SET_SCHEMA = "https://schema.fitko.de/fit-connect/set-payload/1.2.0/set-payload.schema.json"

EVENT_PREFIX = "https://schema.fitko.de/fit-connect/events/"
EVENT_SUBMIT = EVENT_PREFIX + "submit-submission"
EVENT_ACCEPT = EVENT_PREFIX + "accept-submission"
EVENT_REJECT = EVENT_PREFIX + "reject-submission"

# The base64url alphabet and the segment separator: a compact token is made of nothing else.
_COMPACT_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."


class DecryptionFailed(Exception):
    """A JWE could not be decrypted (wrong key, malformed, tampered or unexpected algorithm)."""


class UnknownKey(DecryptionFailed):
    """The JWE is encrypted for a key id we hold no private key for (perhaps not yet: a key rollover)."""

    def __init__(self, kid: str, held: list[str]) -> None:
        super().__init__(f"encrypted for key {kid!r}, but the decryption keys are {', '.join(map(repr, held))}")
        self.kid = kid


class InvalidSet(Exception):
    """A Security Event Token is malformed, wrongly signed or lacks required claims."""


@dataclass(frozen=True)
class AuthenticationTags:
    """The JWE authentication tags an accept event must repeat, proving what was received."""

    metadata: str
    data: str
    attachments: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"metadata": self.metadata, "data": self.data, "attachments": dict(self.attachments)}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> AuthenticationTags:
        """From a SET that passed the schema (``verify_set``)."""
        return cls(value["metadata"], value["data"], dict(value.get("attachments", {})))


def private_jwk(key: jwk.JWK) -> dict[str, Any]:
    if not key.has_private:
        raise ValueError(f"key {key.get('kid')!r} has no private part")
    return key.export_private(as_dict=True)


def load_jwk(data: dict[str, Any]) -> jwk.JWK:
    try:
        return jwk.JWK(**data)
    except Exception as err:  # jwcrypto raises several unrelated types for bad input
        raise ValueError(f"not a valid JWK: {err}") from err


def _require_compact(token: str, count: int, what: str, error: type[Exception]) -> None:
    """``count`` base64url segments joined by dots, and nothing else (no padding, no whitespace).
    ``bytes.translate`` deletes the alphabet: cheaper than a regex over the whole payload."""
    if not (isinstance(token, str) and token.isascii() and token.count(".") == count - 1
            and not token.encode("ascii").translate(None, _COMPACT_ALPHABET)):
        raise error(f"not a {what} in compact serialisation ({count} base64url segments expected)")


def _header(segment: str, error: type[Exception]) -> dict[str, Any]:
    try:
        header = json.loads(base64url_decode(segment))
    except ValueError as err:
        raise error(f"unreadable protected header: {err}") from err
    if not isinstance(header, dict):
        raise error("the protected header is not a JSON object")
    return header


def decrypt_with_tag(token: str, keys: jwk.JWK | Mapping[str, jwk.JWK]) -> tuple[bytes, str]:
    """Plaintext and authentication tag of a JWE, checking the token's shape once for both.

    ``keys``: the decryption key, or several by key id (old and new during a key rollover); the
    JWE's ``kid`` chooses. UnknownKey when it names none of them.
    """
    _require_compact(token, 5, "JWE", DecryptionFailed)
    header = _header(token[:token.index(".")], DecryptionFailed)  # not split(): that copies the payload
    if header.get("alg") != KEY_ALG or header.get("enc") != CONTENT_ENC:
        raise DecryptionFailed(
            f"refusing alg={header.get('alg')!r} enc={header.get('enc')!r}: only {KEY_ALG}/{CONTENT_ENC} is allowed")
    if "zip" in header:  # not used by FIT-Connect; compressed plaintext would allow decompression bombs
        raise DecryptionFailed("refusing a compressed JWE (zip)")
    held = {str(keys.get("kid")): keys} if isinstance(keys, jwk.JWK) else keys
    kid = header.get("kid")
    if kid is None:
        if len(held) != 1:
            raise DecryptionFailed("the JWE names no key id (kid), and there are several decryption keys")
        private_key = next(iter(held.values()))
    elif str(kid) in held:
        private_key = held[str(kid)]
    else:
        raise UnknownKey(str(kid), sorted(held))
    obj = jwe.JWE()
    obj.allowed_algs = [KEY_ALG, CONTENT_ENC]
    tag = token[token.rindex(".") + 1:]
    try:
        obj.deserialize(token, key=private_key)
    except Exception as err:  # wrong key and tampered tag both surface here; never leak plaintext
        # jwcrypto (up to 1.5.6 at least) reports an empty plaintext as a failure although its log
        # says the tag checked out: an empty attachment is a file like any other.
        if obj.decryptlog == ["Success"] and token.split(".")[3] == "":
            return b"", tag
        raise DecryptionFailed(f"wrong key or corrupted/tampered token ({type(err).__name__}: {err})") from err
    return bytes(obj.payload), tag


def compact_jwe_limit(plaintext_bytes: int) -> int:
    """The most bytes a compact JWE (RSA-OAEP-256, A256GCM) of at most ``plaintext_bytes`` takes:
    the ciphertext in base64url, plus room for the header, the wrapped key (683 characters
    for RSA 4096), the IV and the tag. A limit on files must not refuse their encryption."""
    return -(-4 * plaintext_bytes // 3) + 8192


def sha512_hex(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest()


def sign_set(payload: dict[str, Any], key: jwk.JWK) -> str:
    """JWS compact with header {typ: secevent+jwt, alg: PS512, kid}."""
    token = jws.JWS(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    token.allowed_algs = [SIG_ALG]
    token.add_signature(key, SIG_ALG, protected={"typ": SET_TYP, "alg": SIG_ALG, "kid": key.get("kid")})
    return str(token.serialize(compact=True))


def peek_set(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header and payload WITHOUT verifying the signature: only to find out which key to verify with."""
    _require_compact(token, 3, "JWS", InvalidSet)
    parts = token.split(".")
    try:
        payload = json.loads(base64url_decode(parts[1]))
    except ValueError as err:
        raise InvalidSet(f"unreadable payload: {err}") from err
    if not isinstance(payload, dict):
        raise InvalidSet("the payload is not a JSON object")
    return _header(parts[0], InvalidSet), payload


def verify_set(token: str, public_key: jwk.JWK) -> dict[str, Any]:
    """The verified payload of a SET; raises InvalidSet for a bad signature, typ, alg or claims."""
    header, _ = peek_set(token)
    if header.get("typ") != SET_TYP:
        raise InvalidSet(f"typ must be {SET_TYP!r}, not {header.get('typ')!r}")
    if header.get("alg") != SIG_ALG:
        raise InvalidSet(f"alg must be {SIG_ALG!r}, not {header.get('alg')!r}")
    obj = jws.JWS()
    obj.allowed_algs = [SIG_ALG]
    try:
        obj.deserialize(token)
        obj.verify(public_key, alg=SIG_ALG)
    except Exception as err:
        raise InvalidSet(f"signature verification failed ({type(err).__name__}: {err})") from err
    try:
        payload: dict[str, Any] = json.loads(obj.payload)
    except ValueError as err:
        raise InvalidSet(f"unreadable payload: {err}") from err
    # The claims, the one event and its payload's shape (``$schema`` is optional: the service
    # names it only on events with a payload, not on create-submission).
    error = best_match(schemas.fit_connect("set-payload-1.x").iter_errors(payload))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise InvalidSet(f"the payload violates the SET schema at {where}: {error.message}")
    return payload


def build_set(issuer: str, submission_id: str, case_id: str, event: str, event_payload: dict[str, Any], *,
              now: int) -> dict[str, Any]:
    """Payload of a SET about one submission (see the FIT-Connect reference)."""
    return {
        "$schema": SET_SCHEMA,
        "jti": str(uuid.uuid4()),
        "iss": issuer,
        "iat": int(now),
        "sub": f"submission:{submission_id}",
        "txn": f"case:{case_id}",
        "events": {event: event_payload},
    }


def accept_set(destination_id: str, submission_id: str, case_id: str, tags: AuthenticationTags, *,
               now: int) -> dict[str, Any]:
    return build_set(destination_id, submission_id, case_id, EVENT_ACCEPT, {"authenticationTags": tags.as_json()},
                     now=now)


def reject_set(destination_id: str, submission_id: str, case_id: str, problems: list[dict[str, Any]], *,
               now: int) -> dict[str, Any]:
    if not problems:
        raise ValueError("a reject needs at least one problem")
    return build_set(destination_id, submission_id, case_id, EVENT_REJECT, {"problems": list(problems)}, now=now)
