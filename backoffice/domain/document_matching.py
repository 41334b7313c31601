"""Which attachment likely covers which required document: a proposal the clerk confirms, never a tick.

An item of ``resources/rules/required_documents.json`` names words (``match``) an attachment's file name
may contain ("ausweis", "entgeltabrechnung"); names are compared folded (``Gehaltsnachweis_März`` finds
"gehalt"). Items are served in checklist order, each attachment at most once, so the second member's
income declaration gets the second payslip. Attachments already named by a ticked item are not proposed again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .search import fold


def propose_matches(
    items: Sequence[tuple[str, Sequence[str]]],
    attachments: Sequence[tuple[int, str]],
    taken: Sequence[int] = (),
) -> Mapping[str, int]:
    """``items``: (key, match words) of the unticked items; ``attachments``: (id, file name) in their order;
    ``taken``: attachment ids already covering a ticked item. Returns item key → attachment id."""
    free = [(attachment_id, fold(name)) for attachment_id, name in attachments if attachment_id not in set(taken)]
    proposals: dict[str, int] = {}
    for key, words in items:
        folded = [fold(word) for word in words if word]
        found = next((attachment_id for attachment_id, name in free if any(word in name for word in folded)), None)
        if found is not None:
            proposals[key] = found
            free = [(a, n) for a, n in free if a != found]
    return proposals
