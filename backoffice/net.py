"""Where a host is, and which URLs may carry secrets: the one test of "this machine" (the portal
client, the mail settings and the database) and the one URL policy (the portal client and its settings)."""

from __future__ import annotations

import ipaddress

from .texts import Text, t


def is_loopback_host(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1), brackets allowed."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_refusal(url: str) -> Text | None:
    """Why ``url`` may not be used for credentials and citizens' data; None for https anywhere
    and plain http to this machine (the demo portal)."""
    import httpx  # here, not at the top: the database's engine imports this module, and startup needs no HTTP

    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return t("keine gültige Adresse")
    if not parsed.host:
        return t("keine gültige Adresse (kein Rechnername)")
    if parsed.scheme == "https" or (parsed.scheme == "http" and is_loopback_host(parsed.host)):
        return None
    if parsed.scheme == "http":
        return t("unverschlüsseltes http:// zu {host}: nur https:// ist erlaubt, http nur zu diesem Rechner "
                 "(localhost, 127.0.0.1, ::1)", host=parsed.host)
    return t("muss mit https:// beginnen")
