"""The credentials file a portal operator hands to the back office (demo shortcut, see DemoPortal)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from jwcrypto import jwk

from ...domain.catalog import Service
from . import jose


def credentials(base_url: str, client_id: str, client_secret: str, destinations: dict[Service, str],
                decryption_key: jwk.JWK, signing_key: jwk.JWK) -> dict[str, Any]:
    return {
        "portal_url": base_url,  # the API lives under {portal_url}/v1/…
        "token_url": f"{base_url}/token",
        "client_id": client_id,
        "client_secret": client_secret,
        "destinations": {service.value: dest for service, dest in destinations.items()},
        "decryption_key": jose.private_jwk(decryption_key),
        "signing_key": jose.private_jwk(signing_key),
    }


def write_credentials(path: str | os.PathLike[str], data: dict[str, Any]) -> Path:
    """Write atomically with mode 0600 from the first byte: the file holds private keys."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), 0o600)  # O_CREAT's mode does not apply to an existing leftover file
            json.dump(data, out, indent=2, ensure_ascii=False)
            out.write("\n")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)
    return target
