"""What a portal submission's metadata tells about how to answer and who applied.

FIT-Connect metadata carries a ``replyChannel`` (e-mail, De-Mail, a service-account mailbox,
ELSTER), ``authenticationInformation`` (the identification reports of an eID login) and
``additionalReferenceInfo`` (the sender's reference, the application date). A case keeps
the parts a clerk or a letter needs: the reply channel, which kinds of identification
there were (not the reports themselves, which are personal data the case does not need),
and the reference.
"""

from __future__ import annotations

from typing import Any

REPLY_KINDS = ("eMail", "deMail", "fink", "elster")


def from_metadata(metadata: dict[str, Any]) -> dict[str, Any] | None:
    """The case's ``portal_info`` from validated metadata (None when it says nothing of these)."""
    info: dict[str, Any] = {}
    reply = metadata.get("replyChannel")
    if isinstance(reply, dict):
        kind = next((k for k in REPLY_KINDS if isinstance(reply.get(k), dict)), None)
        if kind is not None:
            channel = reply[kind]
            address = channel.get("address") or channel.get("finkPostfachRef") or channel.get("accountId") or ""
            info["reply_channel"] = {"kind": kind, "address": str(address)[:320]}
    reports = metadata.get("authenticationInformation")
    if isinstance(reports, list):
        info["identification"] = [
            {"type": str(r.get("type", ""))[:40], "version": str(r.get("version", ""))[:20]}
            for r in reports[:5] if isinstance(r, dict)
        ]
    reference = metadata.get("additionalReferenceInfo")
    if isinstance(reference, dict):
        for key, name in (("senderReference", "sender_reference"), ("applicationDate", "application_date")):
            if isinstance(reference.get(key), str):
                info[name] = reference[key][:200]
    return info or None
