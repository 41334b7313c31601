"""The letter kinds: which text blocks and data parts each letter is made of, and what it needs.

Kind ids are stable strings (stored with a case's letters); docs/LETTERS.md lists them.
The text of every block lives in ``resources/letters/blocks/<block id>.txt``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from backoffice.domain.catalog import Service
from backoffice.letters.errors import UnknownLetterKind


@dataclass(frozen=True, slots=True)
class Block:
    """A text block from ``resources/letters/blocks/``; with ``when``, printed only if that merge value is set."""

    block_id: str
    when: str | None = None


@dataclass(frozen=True, slots=True)
class Lines:
    """The computation lines (``LetterData.lines``) as a label/amount table."""

    required: bool = True


@dataclass(frozen=True, slots=True)
class TablePart:
    table_id: str
    label: str  # German, for the "missing" message


@dataclass(frozen=True, slots=True)
class Reasons:
    required: bool = True


@dataclass(frozen=True, slots=True)
class Documents:
    pass


Part = Block | Lines | TablePart | Reasons | Documents


@dataclass(frozen=True, slots=True)
class Sheet:
    """A separate sheet printed after the letter's closing, starting on a new page: its block, then its parts.

    For what the recipient hands on without the letter (the WBS certificate a landlord sees) or keeps apart
    from it (a calculation sheet): nothing of the letter's body is printed on it.
    """

    block_id: str
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True, slots=True)
class Remedy:
    """A Rechtsbehelfsbelehrung: its block and the court (``Letterhead.courts`` key) it names, with its German name."""

    block_id: str
    court: str
    court_label: str


KLAGE_VG = Remedy("remedy_klage_vg", "verwaltungsgericht", "Verwaltungsgericht")  # WBS: § 110 Abs. 1 JustG NRW
WIDERSPRUCH_SGG = Remedy("remedy_widerspruch_sgg", "sozialgericht", "Sozialgericht")  # Elterngeld: § 84 SGG
# Führungszeugnis refusal by the Meldebehörde: a Justizverwaltungsakt (Strafrechtspflege, BZRG), so §§ 23 ff. EGGVG
# at the Oberlandesgericht, not the VwGO (§ 40 Abs. 1 VwGO gives way to it; docs/RULES.md has the reasoning).
ANTRAG_EGGVG = Remedy("remedy_antrag_eggvg", "oberlandesgericht", "Oberlandesgericht")
REMEDIES = (KLAGE_VG, WIDERSPRUCH_SGG, ANTRAG_EGGVG)

# The German names of the merge values a kind requires (``KindSpec.fields``), for the message that one is missing.
FIELD_LABELS: Mapping[str, str] = MappingProxyType({
    "application_date": "Antragsdatum",
    "certificate_type": "Art des Führungszeugnisses",
    "child_birth_date": "Geburtsdatum des Kindes",
    "child_name": "Name des Kindes",
    "delivered_to": "Empfänger des Führungszeugnisses",
    "delivery_note": "Hinweis zur Übersendung",
    "fee_amount": "Gebühr",
    "fee_note": "Hinweis zur Gebühr",
    "fee_number": "Nummer des Gebührentatbestands",
    "forwarded_date": "Tag der Weiterleitung",
    "grant_verb": "Art der Bewilligung (vorläufig oder endgültig)",
    "household_income": "Gesamteinkommen des Haushalts",
    "household_size": "Zahl der Personen im Haushalt",
    "income_limit": "Einkommensgrenze",
    "permitted_size": "Angemessene Wohnungsgröße",
    "total_amount": "Elterngeld insgesamt",
    "valid_from": "Gültig ab",
    "valid_until": "Gültig bis",
})

# The procedure law whose § the closing cites for the clerk's typed name instead of a signature:
# § 37 Abs. 3 VwVfG NRW (Land authority: WBS, Führungszeugnis), § 33 Abs. 3 SGB X (Elterngeld, social benefits).
SIGNATURE_BASIS: Mapping[Service, str] = MappingProxyType({
    Service.WBS: "§ 37 Abs. 3 VwVfG NRW",
    Service.FUEHRUNGSZEUGNIS: "§ 37 Abs. 3 VwVfG NRW",
    Service.ELTERNGELD: "§ 33 Abs. 3 SGB X",
})


@dataclass(frozen=True, slots=True)
class KindSpec:
    kind: str
    service: Service
    label: str  # German name of the kind
    fields: tuple[str, ...]  # merge values the caller must supply in LetterData.values
    parts: tuple[Part, ...]
    remedy: Remedy | None = None
    needs_deadline: bool = False
    needs_bank: bool = False
    sheets: tuple[Sheet, ...] = ()  # after the closing, each on a new page
    optional_fields: tuple[str, ...] = ()  # merge values that may be empty (the ``when`` of a block)
    # Written only by a step of the case's workflow, which does more than write it: the documents request
    # (services/documents_requests.py) also sets the status that suspends the clock and the follow-up date.
    step_only: bool = False

    @property
    def subject_block(self) -> str:
        return f"{self.kind}_subject"

    def all_parts(self) -> tuple[Part, ...]:
        """The body's parts and those of every sheet."""
        return (*self.parts, *(p for sheet in self.sheets for p in sheet.parts))

    def block_ids(self) -> tuple[str, ...]:
        """Every block the letter prints, in order (subject, salutation, body, remedy, closing, sheets)."""
        body = tuple(p.block_id for p in self.parts if isinstance(p, Block))
        remedy = (self.remedy.block_id,) if self.remedy else ()
        sheets = tuple(b for sheet in self.sheets
                       for b in (sheet.block_id, *(p.block_id for p in sheet.parts if isinstance(p, Block))))
        return (self.subject_block, "salutation", *body, *remedy, "closing", *sheets)


_DOCS = (Documents(), Block("documents_deadline"))

KINDS: Mapping[str, KindSpec] = MappingProxyType({
    spec.kind: spec
    for spec in (
        KindSpec(
            # The Bescheid with its reasons; then the calculation sheet (income, allowances: for the applicant
            # and the file); then the certificate, the only sheet a landlord sees (no income, no allowance, no
            # disability: Art. 5 Abs. 1 lit. c, Art. 9 DSGVO).
            "wbs_grant", Service.WBS, "Wohnberechtigungsschein (Bewilligung)",
            ("application_date", "household_size", "permitted_size", "valid_from", "valid_until"),
            (Block("wbs_grant_decision"), Block("wbs_grant_validity"), Block("wbs_grant_reasons"), Reasons(),
             Block("wbs_grant_size")),
            remedy=KLAGE_VG,
            sheets=(Sheet("wbs_calculation_sheet", (Lines(),)),
                    Sheet("wbs_certificate", (TablePart("household", "Haushaltsangehörige"),
                                              Block("wbs_certificate_signature")))),
        ),
        KindSpec(
            "wbs_refusal", Service.WBS, "Wohnberechtigungsschein (Ablehnung)",
            ("application_date", "household_size", "household_income", "income_limit"),
            (Block("wbs_refusal_decision"), Reasons(), Block("wbs_refusal_computation"), Lines(),
             Block("wbs_refusal_conclusion", when="income_exceeded")),
            remedy=KLAGE_VG,
            # The conclusion says the income exceeds the limit: only when it does (a clerk may refuse on other grounds).
            optional_fields=("income_exceeded",),
        ),
        KindSpec(
            "wbs_documents_request", Service.WBS, "Wohnberechtigungsschein (Unterlagen anfordern)",
            ("application_date",),
            (Block("wbs_documents_request_intro"), *_DOCS, Block("wbs_documents_request_consequence")),
            needs_deadline=True, step_only=True,
        ),
        KindSpec(
            "elterngeld_grant", Service.ELTERNGELD, "Elterngeld (Bewilligung)",
            ("application_date", "child_name", "child_birth_date", "total_amount", "grant_verb"),
            (Block("elterngeld_grant_decision"), TablePart("months", "Monatsbeträge"),
             Block("elterngeld_grant_partial", when="refused_months"),
             Block("elterngeld_grant_maternity", when="maternity_months"), Block("elterngeld_grant_computation"), Lines(),
             Block("elterngeld_grant_refused", when="refused_months"), Reasons(required=False),
             Block("elterngeld_grant_provisional", when="provisional_reasons"), Block("elterngeld_grant_notes")),
            remedy=WIDERSPRUCH_SGG,
            optional_fields=("refused_months", "provisional_reasons", "follow_up_date", "maternity_months",
                             "maternity_offset_total"),
        ),
        KindSpec(
            # After a provisional grant (§ 8 Abs. 3 BEEG): each month's provisional and final amount, and the
            # balance paid later or claimed back (§ 26 Abs. 2 BEEG with § 328 Abs. 3 SGB III).
            "elterngeld_final", Service.ELTERNGELD, "Elterngeld (endgültige Festsetzung)",
            ("application_date", "child_name", "child_birth_date"),
            (Block("elterngeld_final_decision"), TablePart("months", "Monatsbeträge"),
             Block("elterngeld_final_back_payment", when="back_payment_amount"),
             Block("elterngeld_final_refund", when="refund_amount"),
             Block("elterngeld_final_no_difference", when="no_difference"),
             Block("elterngeld_final_computation"), Lines(), Reasons(required=False),
             Block("elterngeld_final_settlement"), Block("elterngeld_grant_notes")),
            remedy=WIDERSPRUCH_SGG, needs_bank=True,
            optional_fields=("back_payment_amount", "refund_amount", "no_difference", "refund_title"),
        ),
        KindSpec(
            "elterngeld_refusal", Service.ELTERNGELD, "Elterngeld (Ablehnung)",
            ("application_date", "child_name", "child_birth_date"),
            (Block("elterngeld_refusal_decision"), Reasons(), Lines(required=False)),
            remedy=WIDERSPRUCH_SGG,
        ),
        KindSpec(
            "elterngeld_documents_request", Service.ELTERNGELD, "Elterngeld (Unterlagen anfordern)",
            ("application_date", "child_name"),
            (Block("elterngeld_documents_request_intro"), *_DOCS,
             Block("elterngeld_documents_request_consequence")),
            needs_deadline=True, step_only=True,
        ),
        KindSpec(
            "fz_receipt", Service.FUEHRUNGSZEUGNIS, "Führungszeugnis (Eingangsbestätigung und Weiterleitung)",
            ("application_date", "certificate_type", "forwarded_date", "delivered_to", "delivery_note", "fee_note"),
            (Block("fz_receipt_body"),),
        ),
        KindSpec(
            "fz_fee_notice", Service.FUEHRUNGSZEUGNIS, "Führungszeugnis (Zahlungsaufforderung)",
            ("application_date", "certificate_type", "fee_amount", "fee_number"),
            (Block("fz_fee_notice_body"), Block("fz_fee_notice_payment"), Block("fz_fee_notice_after")),
            needs_deadline=True, needs_bank=True,
        ),
        KindSpec(
            "fz_refusal", Service.FUEHRUNGSZEUGNIS, "Führungszeugnis (Ablehnung, Verweis an das BfJ)",
            ("application_date",),
            (Block("fz_refusal_decision"), Reasons(), Block("fz_refusal_referral")),
            remedy=ANTRAG_EGGVG,
        ),
    )
})

# Fields every block may use; filled from LetterData and its Letterhead.
COMMON_FIELDS: tuple[str, ...] = (
    "recipient_name", "salutation", "aktenzeichen", "letter_date",
    "clerk_name", "clerk_phone", "clerk_email", "clerk_room",
    "authority", "head", "department", "authority_street", "authority_postcode_city", "authority_city",
    "authority_phone", "authority_email", "website", "opening_hours",
    "bank_name", "bank_iban", "bank_bic", "signature_basis",
)
DEADLINE_FIELD = "deadline"
COURT_FIELDS: tuple[str, ...] = ("court_name", "court_address")

# Blocks written once and printed by several kinds (the footer by every first page).
SHARED_BLOCKS: tuple[str, ...] = ("salutation", "closing", "footer", "documents_deadline",
                                  *(r.block_id for r in REMEDIES))
# Blocks an override may never empty: the legal-remedy notices and the signature.
MANDATORY_BLOCKS: frozenset[str] = frozenset({*(r.block_id for r in REMEDIES), "closing"})


def kind_spec(kind: str) -> KindSpec:
    try:
        return KINDS[kind]
    except KeyError:
        raise UnknownLetterKind(kind) from None


def fields_of(spec: KindSpec) -> frozenset[str]:
    """Every merge field a block of this kind may use."""
    extra: tuple[str, ...] = (*spec.fields, *spec.optional_fields)
    if spec.needs_deadline:
        extra += (DEADLINE_FIELD,)
    if spec.remedy:
        extra += COURT_FIELDS
    return frozenset(COMMON_FIELDS + extra)


def all_block_ids() -> frozenset[str]:
    return frozenset(SHARED_BLOCKS).union(*(s.block_ids() for s in KINDS.values()))


def allowed_fields(block_id: str) -> frozenset[str]:
    """Fields a block may use: the common ones plus those of every kind that prints it."""
    users = [s for s in KINDS.values() if block_id in s.block_ids()]
    if not users:  # the footer and other letter-independent blocks
        return frozenset(COMMON_FIELDS)
    return frozenset.intersection(*(fields_of(s) for s in users))
