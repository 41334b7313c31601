"""Proposed attachments for the required-documents checklist (a proposal, confirmed by the clerk)."""

from backoffice.domain.document_matching import propose_matches


def test_items_take_attachments_in_order_by_folded_words_each_once() -> None:
    items = [("identity", ["ausweis", "reisepass"]), ("income:0", ["entgeltabrechnung", "gehalt"]),
             ("income:1", ["entgeltabrechnung", "gehalt"]), ("income:2", ["entgeltabrechnung", "gehalt"])]
    files = [(1, "Entgeltabrechnung_1.pdf"), (2, "PERSONALAUSWEIS.png"), (3, "Gehaltsnachweis_März.pdf"), (4, "Foto.jpg")]
    assert propose_matches(items, files) == {"identity": 2, "income:0": 1, "income:1": 3}
    # An attachment already covering a ticked item is not proposed again.
    assert propose_matches(items, files, taken=[1]) == {"identity": 2, "income:0": 3}
    assert propose_matches([("x", [])], files) == {}
