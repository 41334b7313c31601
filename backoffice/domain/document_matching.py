"""Which attachment likely covers which required document: a proposal the clerk confirms, never a tick.

An item of ``resources/rules/required_documents.json`` names words (``match``) an attachment's file name
or its portal description (the label of the upload slot, "Einkommensnachweis", which names the document
where the citizen's file name is ``IMG_2034.jpg``) may contain ("ausweis", "entgeltabrechnung"); both are
compared folded (``Gehaltsnachweis_März`` finds "gehalt"). The description is tried first: it says what
the portal asked for, the file name only what the citizen called it. Items are served in checklist order,
each attachment at most once, so the second member's income declaration gets the second payslip.
Attachments already named by a ticked item are not proposed again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .search import fold


def propose_matches(
    items: Sequence[tuple[str, Sequence[str]]],
    attachments: Sequence[tuple[int, str, str]],
    taken: Sequence[int] = (),
) -> Mapping[str, int]:
    """``items``: (key, match words) of the unticked items; ``attachments``: (id, file name, description) in
    their order; ``taken``: attachment ids already covering a ticked item. Returns item key → attachment id."""
    free = [(attachment_id, fold(description), fold(name))
            for attachment_id, name, description in attachments if attachment_id not in set(taken)]
    proposals: dict[str, int] = {}
    for key, words in items:
        folded = [fold(word) for word in words if word]
        found = next((a for a, described, _ in free if _names(described, folded)), None)
        if found is None:
            found = next((a for a, _, name in free if _names(name, folded)), None)
        if found is not None:
            proposals[key] = found
            free = [entry for entry in free if entry[0] != found]
    return proposals


def _names(text: str, words: Sequence[str]) -> bool:
    return any(word in text for word in words)
