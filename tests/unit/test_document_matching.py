"""Proposed attachments for the required-documents checklist (a proposal, confirmed by the clerk)."""

from backoffice.domain.document_matching import propose_matches


def test_items_take_attachments_in_order_by_folded_words_each_once() -> None:
    items = [("identity", ["ausweis", "reisepass"]), ("income:0", ["entgeltabrechnung", "gehalt"]),
             ("income:1", ["entgeltabrechnung", "gehalt"]), ("income:2", ["entgeltabrechnung", "gehalt"])]
    files = [(1, "Entgeltabrechnung_1.pdf", ""), (2, "PERSONALAUSWEIS.png", ""), (3, "Gehaltsnachweis_März.pdf", ""),
             (4, "Foto.jpg", "")]
    assert propose_matches(items, files) == {"identity": 2, "income:0": 1, "income:1": 3}
    # An attachment already covering a ticked item is not proposed again.
    assert propose_matches(items, files, taken=[1]) == {"identity": 2, "income:0": 3}
    assert propose_matches([("x", [])], files) == {}


def test_the_portals_description_names_the_document_where_the_file_name_does_not() -> None:
    """A phone photo is called IMG_…: the upload slot's label the portal sends as the attachment's description
    says what it is, and it wins over a file name that merely contains a word."""
    items = [("identity", ["ausweis", "reisepass"]), ("income:0", ["entgeltabrechnung", "gehalt"])]
    files = [(1, "IMG_2034.jpg", "Personalausweis (Vorder- und Rückseite)"),
             (2, "gehalt_ausweis_scan.pdf", "Gehaltsabrechnung"),
             (3, "IMG_2035.jpg", "")]
    assert propose_matches(items, files) == {"identity": 1, "income:0": 2}
    # Without descriptions the file names decide, as before: "ausweis" is found in the second file's name.
    assert propose_matches(items, [(a, name, "") for a, name, _ in files]) == {"identity": 2}
