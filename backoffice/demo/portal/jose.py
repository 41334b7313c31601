"""The sender's side of FIT-Connect's cryptography, as the demo portal plays it: key pairs,
content encryption and authentication tags, with jwcrypto's public API.

Written apart from the subscriber's ``portal/crypto.py`` so that a mistake there is not
mirrored here: what the demo portal encrypts, the subscriber must really be able to open.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from jwcrypto import jwe, jwk

KEY_ALG, CONTENT_ENC, SIG_ALG = "RSA-OAEP-256", "A256GCM", "PS512"
_PUBLIC_OPS = {"unwrapKey": "wrapKey", "sign": "verify"}


def generate_key(kid: str, use: Literal["enc", "sig"], size: int = 4096) -> jwk.JWK:
    """A new RSA key pair as FIT-Connect describes it: ``key_ops`` and ``alg``, no ``use``."""
    alg, op = (KEY_ALG, "unwrapKey") if use == "enc" else (SIG_ALG, "sign")
    return jwk.JWK.generate(kty="RSA", size=size, kid=kid, alg=alg, key_ops=[op])


def public_jwk(key: jwk.JWK) -> dict[str, Any]:
    """The public half, its ``key_ops`` naming the public operation (wrapKey, verify)."""
    data: dict[str, Any] = key.export_public(as_dict=True)
    data["key_ops"] = [_PUBLIC_OPS.get(op, op) for op in data.get("key_ops", [])]
    return data


def private_jwk(key: jwk.JWK) -> dict[str, Any]:
    data: dict[str, Any] = key.export_private(as_dict=True)
    return data


def encrypt(payload: bytes, public_key: dict[str, Any], *, content_type: str) -> str:
    """A compact JWE (RSA-OAEP-256 / A256GCM) for the subscriber's public key, naming its ``kid``."""
    header = {"alg": KEY_ALG, "enc": CONTENT_ENC, "kid": public_key.get("kid"), "cty": content_type}
    token = jwe.JWE(payload, protected=json.dumps(header))
    token.add_recipient(jwk.JWK(**public_key))
    return str(token.serialize(compact=True))


def authentication_tag(compact_jwe: str) -> str:
    """The JWE's last segment: what the submit event lists so the subscriber can compare."""
    return compact_jwe.rsplit(".", 1)[1]


def sha512_hex(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest()
