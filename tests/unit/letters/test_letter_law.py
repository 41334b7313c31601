"""The legal parts every letter kind prints: the closing's procedure law, each kind's remedy notice for its law, and
the courts' current addresses (kept with source and date of confirmation in resources/letters/letterhead.json)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from backoffice.letters import KINDS, load_letterhead, render_letter
from backoffice.letters.samples import sample_letter
from backoffice.resources import resource_path
from tests.unit.letters.pdfread import ReadBack


def _text(kind: str) -> str:
    return " ".join(ReadBack(render_letter(sample_letter(kind))).all_text().split())


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_closing_cites_the_procedure_law_of_the_kinds_service(kind: str) -> None:
    """§ 37 Abs. 3 VwVfG NRW for the city's own administrative acts (WBS, Führungszeugnis); § 33 Abs. 3 SGB X for
    Elterngeld (SGB X applies to social benefits, § 1 SGB X; § 2 Abs. 2 Nr. 4 VwVfG NRW excludes them)."""
    text = _text(kind)
    if KINDS[kind].service.value == "elterngeld":
        assert "(§ 33 Abs. 3 SGB X)" in text and "VwVfG" not in text
    else:
        assert "(§ 37 Abs. 3 VwVfG NRW)" in text and "SGB X" not in text


def test_wbs_notice_is_klage_at_the_verwaltungsgericht_duesseldorf_competent_for_muelheim() -> None:
    """§ 110 Abs. 1 JustG NRW: no Widerspruch; § 17 Nr. 3 JustG NRW: VG Düsseldorf for Mülheim a. d. Ruhr;
    § 74 Abs. 1 VwGO one month; § 81 VwGO form; § 55a VwGO electronic filing."""
    for kind in ("wbs_grant", "wbs_refusal"):
        text = _text(kind)
        assert "innerhalb eines Monats nach Bekanntgabe Klage erhoben werden" in text
        assert "Verwaltungsgericht Düsseldorf, Bastionstraße 39, 40213 Düsseldorf" in text and "§ 55a" in text


def test_elterngeld_notice_is_widerspruch_with_electronic_form_and_the_new_sozialgericht_address() -> None:
    """§ 84 Abs. 1 SGG: Widerspruch "schriftlich, in elektronischer Form nach § 36a Absatz 2 des Ersten Buches
    Sozialgesetzbuch oder zur Niederschrift"; Sozialgericht Duisburg in the Aakerfährstraße 40 since 01.12.2024."""
    for kind in ("elterngeld_grant", "elterngeld_refusal"):
        text = _text(kind)
        assert "Widerspruch erhoben werden (§ 84 Sozialgerichtsgesetz)" in text
        assert "in elektronischer Form nach § 36a Abs. 2 des Ersten Buches Sozialgesetzbuch" in text
        assert "Sozialgericht Duisburg, Aakerfährstraße 40" in text and "Mülheimer Straße 54" not in text


def test_fz_refusal_notice_is_antrag_auf_gerichtliche_entscheidung_under_eggvg_not_klage() -> None:
    """§ 23 Abs. 1 EGGVG (Justizverwaltungsakt, Strafrechtspflege: the Bundeszentralregister), § 26 Abs. 1 EGGVG:
    one month, "schriftlich oder zur Niederschrift der Geschäftsstelle des Oberlandesgerichts oder eines
    Amtsgerichts"; § 26 Abs. 2 S. 2: the notice names the court, its seat, form and time limit."""
    text = _text("fz_refusal")
    assert "innerhalb eines Monats nach Bekanntgabe einen Antrag auf gerichtliche Entscheidung" in text
    assert "EGGVG" in text and "Oberlandesgericht Hamm, Heßlerstraße 53, 59065 Hamm" in text
    assert "Geschäftsstelle dieses Gerichts oder eines Amtsgerichts zu stellen (§ 26 Abs. 1 EGGVG)" in text
    assert "Klage" not in text and "Verwaltungsgericht" not in text and "Widerspruch" not in text


def test_every_court_is_kept_with_its_source_and_date_of_confirmation() -> None:
    courts = json.loads(resource_path("letters", "letterhead.json").read_text(encoding="utf-8"))["courts"]
    named = {k: v for k, v in courts.items() if not k.startswith("_")}
    assert set(named) == {"verwaltungsgericht", "sozialgericht", "oberlandesgericht"}
    for key, court in named.items():
        assert court["source"].strip(), key
        assert date.fromisoformat(court["confirmed_on"]) <= date.today(), key
    head = load_letterhead("elterngeld")
    assert head.courts["sozialgericht"].address.startswith("Aakerfährstraße 40")
    assert set(head.courts) == set(named)  # notes and sources stay out of the Letterhead
