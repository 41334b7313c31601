"""Synthetic, deterministic applications (and attachments) for demos, tests and benchmarks.

All randomness comes from the ``rng`` and ``today`` passed in. Form data is valid against the
service's current schema, yet part of it fails the rules (WBS income above the limit, an
Elterngeld month plan against § 4 BEEG), so that later rules produce both outcomes.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ..domain.catalog import Service
from ..rules.elterngeld_months import month_of_life_period

_FEMALE = """Anna Maria Sophie Lea Lena Marie Emma Hannah Mia Laura Julia Katharina Sabine Petra Monika Ursula
    Brigitte Renate Gisela Bärbel Käthe Karin Andrea Claudia Stefanie Nicole Sandra Melanie Jessica
    Ayşe Fatma Elif Zeynep Agnieszka Elena Chiara Jördis Małgorzata Doris""".split()
_MALE = """Thomas Michael Andreas Stefan Christian Markus Frank Peter Klaus Jürgen Jörg Björn Sören Günter Uwe
    Dieter Wolfgang Lukas Jonas Leon Finn Paul Felix Maximilian Tim Jan Mehmet Mustafa Ahmet Emre Can
    Marek Piotr Dimitrios Luca Hüseyin Bernd Ralf Timo""".split()
_FAMILY = """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter
    Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner
    Krause Meier Lehmann Köhler Herrmann König Walter Kaiser Fuchs Peters Scholz Möller Weiß Jung Hahn
    Vogel Friedrich Keller Günther Berger Roth Beck Lorenz Baumann Albrecht Schuster Ludwig Böhm Winter
    Jäger Sommer Groß Brandt Haas Öztürk Yılmaz Kaya Demir Şahin Çelik Kowalski Nowak Papadopoulos Rossi
    Kuhlmann Terhoeven Overbeck Büscher Hülsmann Kemper""".split()
# Real Mülheim streets; which postcode belongs to which street is not modelled.
STREETS = (
    "Schloßstraße", "Leineweberstraße", "Kaiserstraße", "Aktienstraße", "Duisburger Straße", "Mendener Straße",
    "Zeppelinstraße", "Düsseldorfer Straße", "Kölner Straße", "Essener Straße", "Friedrich-Ebert-Straße",
    "Eppinghofer Straße", "Mellinghofer Straße", "Oberhausener Straße", "Dickswall", "Tourainer Ring",
    "Ruhrstraße", "Wallstraße", "Kettwiger Straße", "Heißener Straße", "Hingbergstraße",
)
POSTCODES = ("45468", "45470", "45472", "45473", "45475", "45476", "45478", "45479", "45481")
CITY = "Mülheim an der Ruhr"
_AUTHORITIES = tuple(dict(zip(("name", "street", "postcode", "city"), a, strict=True)) for a in (
    ("Stadt Mülheim an der Ruhr – Amt für Kinder, Jugend und Schule", "Am Rathaus 1", "45468", CITY),
    ("Stadt Mülheim an der Ruhr – Ordnungsamt, Gewerbeangelegenheiten", "Am Rathaus 1", "45468", CITY),
    ("Bezirksregierung Düsseldorf", "Cecilienallee 2", "40474", "Düsseldorf"),
))
_PURPOSES = {
    "standard": ("Vorlage beim Arbeitgeber", "Bewerbung im öffentlichen Dienst", "Erlaubnis nach § 34a GewO",
                 "Waffenrechtliche Erlaubnis", "Einbürgerung"),
    "extended": ("Übungsleitung im Sportverein", "Ehrenamtliche Jugendarbeit in der Kirchengemeinde",
                 "Tätigkeit in einer Kindertageseinrichtung", "Kindertagespflege", "Schulbegleitung"),
    "european": ("Vorlage beim Arbeitgeber", "Tätigkeit in der Pflege"),
}
_WBS_REASONS = ("Wohnung zu klein", "Trennung", "Mieterhöhung", "Familienzuwachs", "Kündigung wegen Eigenbedarf",
                "Umzug aus gesundheitlichen Gründen", "Erster eigener Haushalt")
_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ş": "s", "ı": "i", "ç": "c", "ł": "l"})


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _birth(rng: random.Random, today: date, min_age: int, max_age: int) -> date:
    """A birth date such that the person is between min_age and max_age years old today."""
    latest = _years_before(today, min_age)
    earliest = _years_before(today, max_age + 1) + timedelta(days=1)
    return latest - timedelta(days=rng.randint(0, (latest - earliest).days))


def _person(rng: random.Random, today: date, ages: tuple[int, int], family: str | None = None,
            female: bool | None = None) -> dict[str, Any]:
    female = rng.random() < 0.5 if female is None else female
    return {"given_name": rng.choice(_FEMALE if female else _MALE), "family_name": family or rng.choice(_FAMILY),
            "birth_date": _birth(rng, today, *ages).isoformat()}


def _applicant(rng: random.Random, person: dict[str, Any]) -> dict[str, Any]:
    number = str(rng.randint(1, 180)) + (rng.choice("abc") if rng.random() < 0.1 else "")
    data = {**person, "address": {"street": rng.choice(STREETS), "house_number": number,
                                  "postcode": rng.choice(POSTCODES), "city": CITY}}
    if rng.random() < 0.85:  # reserved example domains: demo mail can never reach a real person
        local = f"{person['given_name']}.{person['family_name']}".lower().translate(_UMLAUT)
        data["email"] = f"{local.replace(' ', '')}@{rng.choice(('example.org', 'example.com', 'example.net'))}"
    if rng.random() < 0.6:
        data["phone"] = rng.choice(("0208 ", "0151 ", "0176 ")) + str(rng.randint(100000, 9999999))
    return data


def _inc(kind: str, gross: float, werbungskosten: float, deductions: list[str]) -> list[dict[str, Any]]:
    return [{"kind": kind, "gross_annual": _money(gross), "werbungskosten": _money(werbungskosten),
             "deductions": deductions}]


def _income(rng: random.Random, age: int, adult: bool) -> list[dict[str, Any]]:
    """Annual incomes of one member; employment gross is tuned so that roughly half the households pass."""
    all_three = ["tax", "health", "pension"]
    if not adult:  # some 16/17-year-olds earn apprenticeship pay
        return _inc("employment", rng.uniform(8000, 13000), 1230, all_three) if age >= 16 and rng.random() < .25 else []
    roll = rng.random()
    if age >= 64 or roll < 0.04:  # 102 € = Werbungskosten-Pauschbetrag for pensions; tax often not paid
        return _inc("pension", rng.uniform(9000, 24000), 102, ["health"] if rng.random() < 0.6 else ["tax", "health"])
    if roll < 0.09:
        return []
    if roll < 0.17:  # Arbeitslosengeld: tax-free, contributions paid by the agency
        return _inc("unemployment_benefit", rng.uniform(7000, 16000), 0, [])
    if roll < 0.22:
        return _inc("self_employment", rng.uniform(10000, 50000), rng.uniform(500, 6000), ["tax", "health"])
    gross = min(max(rng.gauss(39000, 9000), 12000), 60000)
    return _inc("employment", gross, 1230 if rng.random() < 0.8 else rng.uniform(1300, 3500), all_three)


def _money(value: float) -> float:
    return round(max(value, 0.0), 2)


def _age(birth_iso: str, today: date) -> int:
    b = date.fromisoformat(birth_iso)
    return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


def _wbs(rng: random.Random, today: date) -> dict[str, Any]:
    persons = rng.choices((1, 2, 3, 4, 5, 6), weights=(35, 25, 15, 13, 8, 4))[0]
    head = _person(rng, today, (18, 63) if rng.random() < 0.8 else (64, 90))
    members = [{**head, "relationship": "applicant"}]
    if persons >= 2 and rng.random() < 0.7:
        rel = rng.choice(("spouse", "partner"))
        family = head["family_name"] if rel == "spouse" and rng.random() < 0.8 else None
        age = _age(head["birth_date"], today)
        members.append({**_person(rng, today, (max(18, age - 8), min(90, age + 8)), family), "relationship": rel})
    while len(members) < persons:
        child = rng.random() < 0.9
        person = _person(rng, today, (0, 17), head["family_name"]) if child else _person(rng, today, (18, 85))
        members.append({**person, "relationship": "child" if child else "other"})
    for m in members:
        age = _age(m["birth_date"], today)
        m["incomes"] = _income(rng, age, m["relationship"] != "child" or age >= 18)
    data: dict[str, Any] = {
        "applicant": _applicant(rng, head),
        "household": {"persons": persons, "children": sum(m["relationship"] == "child" for m in members)},
        "members": members,
        "income_period": "last_calendar_year" if rng.random() < 0.85 else "next_12_months",
    }
    allowances = [a for a, p in (("severe_disability", 0.08), ("care_need", 0.05), ("maintenance_paid", 0.05))
                  if rng.random() < p]
    if len(members) > 1 and members[1]["relationship"] == "spouse" and rng.random() < 0.3 and all(
            _age(m["birth_date"], today) < 40 for m in members[:2]):  # the allowance's age limit
        allowances.insert(0, "young_couple")
    if allowances:
        data["allowances"] = allowances
    if rng.random() < 0.6:
        data["requested_rooms"] = max(1, persons - rng.randint(0, 1))
    if rng.random() < 0.5:
        data["reason"] = rng.choice(_WBS_REASONS)
    return data


def _iban(rng: random.Random) -> str:
    bban = rng.choice(("36250000", "36010043", "36060295")) + f"{rng.randint(0, 10**10 - 1):010d}"
    check = 98 - int(bban + "131400") % 97  # D=13, E=14 (ISO 13616 mod 97)
    return f"DE{check:02d}{bban}"


def _parent(rng: random.Random, today: date, role: str, family: str, couple: bool) -> dict[str, Any]:
    female = role == "mother" or (role == "other_parent" and rng.random() < 0.5)
    p = _person(rng, today, (19, 45), family, female)
    employment = rng.choices(("employed", "self_employed", "none"), weights=(75, 8, 17))[0]
    net = 0.0 if employment == "none" else (
        rng.uniform(300, 4000) if employment == "self_employed" else min(max(rng.gauss(1900, 750), 450), 4000))
    p.update(role=role, employment=employment, net_income_before=_money(net), church_tax=rng.random() < 0.45)
    employed = employment == "employed"
    if employed:
        p["tax_class"] = rng.choice((3, 4, 4, 5)) if couple else rng.choice((1, 2))
        if rng.random() < 0.8:
            p["gross_income_before"] = _money(net / rng.uniform(0.6, 0.72))
    # Employees are compulsorily insured; the self-employed rarely, others only via family insurance.
    health = employed or employment == "none" or rng.random() < 0.3
    p["insured"] = {"health": health, "pension": employed, "unemployment": employed}
    return p


def _month_plan(rng: random.Random, parents: int, single: bool) -> list[dict[str, Any]]:
    def months(idx: int, first: int, last: int, variant: str) -> list[dict[str, Any]]:
        return [{"parent_index": idx, "month_of_life": m, "variant": variant} for m in range(first, last + 1)]

    if parents == 1 and not single:
        return months(0, 1, 12, "basis")
    if parents == 1:  # single parents may take the partner months too (§ 4c BEEG)
        return months(0, 1, 14, "basis") if rng.random() < 0.6 else months(0, 1, 28, "plus")
    roll = rng.random()
    if roll < 0.5:
        return months(0, 1, 12, "basis") + months(1, 13, 14, "basis")
    if roll < 0.65:
        return months(0, 1, 10, "basis") + months(1, 11, 14, "basis")
    if roll < 0.8:
        bonus = months(0, 15, 18, "partnerschaftsbonus") + months(1, 15, 18, "partnerschaftsbonus")
        return months(0, 1, 12, "basis") + months(1, 13, 14, "basis") + bonus
    if roll < 0.95:
        return months(0, 1, 24, "plus") + months(1, 25, 28, "plus")
    return months(0, 1, 12, "basis") + months(1, 1, 3, "basis")  # invalid: 3 simultaneous Basis months


def _elterngeld(rng: random.Random, today: date) -> dict[str, Any]:
    born = today - timedelta(days=rng.randint(0, 300))
    count = rng.choices((1, 2, 3), weights=(970, 28, 2))[0]
    kind = rng.choices(("single", "one", "couple"), weights=(15, 10, 75))[0]
    roles = ("mother", "father") if rng.random() < 0.96 else ("mother", "other_parent")
    if rng.random() < 0.12:
        roles = roles[::-1]  # the partner applies first
    family = rng.choice(_FAMILY)
    parents = [_parent(rng, today, roles[0], family, kind != "single")]
    if kind == "couple":
        parents.append(_parent(rng, today, roles[1], family if rng.random() < 0.7 else rng.choice(_FAMILY), True))
    # Mostly close to 12 × the gross; a few above the § 1 Abs. 8 limit so refusals occur too.
    taxable = sum(12 * p.get("gross_income_before", p["net_income_before"] * 1.4) * 0.8 for p in parents)
    if rng.random() < 0.02:
        taxable = rng.uniform(175000, 320000)
    child = {**_person(rng, today, (0, 0), family), "birth_date": born.isoformat(), "children_born": count}
    data: dict[str, Any] = {
        "applicant": _applicant(rng, {k: parents[0][k] for k in ("given_name", "family_name", "birth_date")}),
        "child": child,
        "parents": parents,
        "sibling_bonus": rng.random() < 0.15,
        "single_parent": kind == "single",
        "taxable_income_last_year": _money(taxable),
        "month_plan": _month_plan(rng, len(parents), kind == "single"),
        "bank": {"iban": _iban(rng), "account_holder": f"{parents[0]['given_name']} {parents[0]['family_name']}"},
    }
    # Derived without further draws, so a seed keeps giving the same applications as before.
    _part_time_in_plus(parents, data["month_plan"])
    if maternity := _maternity_benefits(parents, born, count):
        data["maternity_benefits"] = maternity
    return data


def _part_time_in_plus(parents: list[dict[str, Any]], plan: list[dict[str, Any]]) -> None:
    """An employee drawing only ElterngeldPlus works half time meanwhile (§ 2 Abs. 3 BEEG)."""
    for idx, parent in enumerate(parents):
        variants = {m["variant"] for m in plan if m["parent_index"] == idx}
        if parent["employment"] == "employed" and variants == {"plus"}:
            parent["net_income_after"] = _money(parent["net_income_before"] / 2)


def _maternity_benefits(parents: list[dict[str, Any]], born: date, children: int) -> list[dict[str, Any]]:
    """An employed mother's Mutterschaftsgeld with the employer's supplement make up her net pay for the
    protection period after the birth, eight weeks, twelve after a multiple birth (§ 3 Abs. 2 MuSchG,
    § 20 MuSchG); § 3 Abs. 1 Satz 1 Nr. 1 BEEG offsets them per month of life."""
    for idx, parent in enumerate(parents):
        if parent["role"] == "mother" and parent["employment"] == "employed":
            daily, left, month, paid = parent["net_income_before"] / 30, 84 if children > 1 else 56, 1, []
            while left > 0:
                start, end = month_of_life_period(born, month)
                days = min(left, (end - start).days + 1)
                entry = {"parent_index": idx, "month_of_life": month, "amount": _money(daily * days)}
                paid.append(entry if days == (end - start).days + 1 else {**entry, "days": days})
                left, month = left - days, month + 1
            return paid
    return []


def _fuehrungszeugnis(rng: random.Random, today: date) -> dict[str, Any]:
    minor = rng.random() < 0.05
    person = _person(rng, today, (14, 17) if minor else (18, 75))
    kind = rng.choices(("standard", "extended", "european"), weights=(70, 22, 8))[0]
    belegart = "O" if rng.random() < 0.25 else "N"
    volunteer = kind == "extended" and rng.random() < 0.4
    data: dict[str, Any] = {
        "applicant": _applicant(rng, person),
        "belegart": belegart,
        "kind": kind,
        "purpose": rng.choice(_PURPOSES[kind]),
        "fee_exemption": "volunteer_work" if volunteer else ("lack_of_means" if rng.random() < 0.05 else "none"),
        "registered_in_city": rng.random() < 0.95,
        "applicant_role": "legal_representative" if minor and rng.random() < 0.5 else "self",
        **({"organisation_request_present": True} if kind == "extended" else {}),  # § 30a needs the request
    }
    if belegart == "O":
        data["receiving_authority"] = dict(rng.choice(_AUTHORITIES))  # a copy: callers may edit the form
        if rng.random() < 0.6:
            office = rng.choice(("51", "32", "21"))
            data["authority_file_number"] = f"{office}.{today.year}.{rng.randint(1, 9999):04d}"
    return data


_BUILDERS = {Service.WBS: _wbs, Service.ELTERNGELD: _elterngeld, Service.FUEHRUNGSZEUGNIS: _fuehrungszeugnis}


def generate_application(service: Service, rng: random.Random, today: date) -> dict[str, Any]:
    """Form data for one application, valid against the service's current schema."""
    return _BUILDERS[Service(service)](rng, today)


def generate_applications(service: Service, count: int, seed: int, today: date) -> list[dict[str, Any]]:
    # The service is part of the seed so the three services do not share one random stream.
    rng = random.Random(f"{Service(service).value}:{seed}")
    return [generate_application(service, rng, today) for _ in range(count)]


# Attachments the demo portal sends with applications.
_MONTHS = ("Januar Februar März April Mai Juni Juli August September Oktober November Dezember").split()
_EMPLOYERS = ("Ruhrtal Logistik GmbH", "Muster Pflegedienst gGmbH", "Broicher Maschinenbau AG",
              "Speldorfer Bäckerei KG", "Beispiel Handel GmbH & Co. KG")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@cache
def _font() -> str:
    """DejaVu also has ş, ı, ł (Yılmaz, Małgorzata); Helvetica's WinAnsi only covers ä/ö/ü/ß."""
    if not _DEJAVU.is_file():
        return "Helvetica"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(_DEJAVU)))
    return "DejaVuSans"


def _euro(value: float) -> str:
    return f"{value:,.2f} €".replace(",", "X").replace(".", ",").replace("X", ".")


def payslip_pdf(rng: random.Random, applicant_name: str, month: date | str, gross: float, net: float) -> bytes:
    """A one-page German payslip ("Entgeltabrechnung"); ``month`` is a date or 'YYYY-MM'."""
    when = month if isinstance(month, date) else date.fromisoformat(f"{month}-01")
    # Split gross − net over the usual items in whole cents; tax takes the rounding remainder.
    cents = max(round((gross - net) * 100), 0)
    shares = [("Krankenversicherung", 0.20), ("Pflegeversicherung", 0.05), ("Rentenversicherung", 0.23),
              ("Arbeitslosenversicherung", 0.03)]
    items = [(label, round(cents * share * rng.uniform(0.9, 1.1))) for label, share in shares]
    items.insert(0, ("Lohnsteuer", cents - sum(c for _, c in items)))
    title, font, buf = f"Entgeltabrechnung {_MONTHS[when.month - 1]} {when.year}", _font(), io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)  # invariant: no timestamp or random ID, so bytes repeat
    c.setTitle(title)
    for size, top_mm, text in ((10, 270, f"{rng.choice(_EMPLOYERS)}, {CITY}"), (16, 255, title),
                               (10, 245, f"Beschäftigte Person: {applicant_name}"),
                               (10, 240, f"Personalnummer: {rng.randint(10000, 99999)}")):
        c.setFont(font, size)
        c.drawString(25 * mm, top_mm * mm, text)
    rows = [("Bruttoentgelt", gross)] + [(label, -cent / 100) for label, cent in items] + [("Auszahlungsbetrag", net)]
    y = 225 * mm
    for label, amount in rows:
        c.drawString(25 * mm, y, label)
        c.drawRightString(120 * mm, y, _euro(amount))
        y -= 6 * mm
    c.drawString(25 * mm, y - 6 * mm, "Synthetische Demo-Daten, kein echtes Dokument.")
    c.showPage()
    c.save()
    return buf.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def id_scan_png(rng: random.Random, applicant_name: str, width: int = 320, height: int = 200) -> bytes:
    """A stylised ID-card scan (RGB PNG written by hand: no imaging library needed)."""
    pixels = bytearray(b"\xf4\xf4\xf4" * width * height)

    def rect(x0: int, y0: int, x1: int, y1: int, rgb: tuple[int, int, int]) -> None:
        x0, x1 = max(0, x0), min(width, x1)
        for y in range(max(0, y0), min(height, y1)):
            start = (y * width + x0) * 3
            pixels[start:start + (x1 - x0) * 3] = bytes(rgb) * (x1 - x0)

    rect(8, 8, width - 8, height - 8, (200, 200, 200))  # the card
    rect(8, 8, width - 8, 36, rng.choice(((70, 130, 110), (150, 80, 110), (60, 90, 150))))  # header band
    rect(20, 48, 100, 150, (150, 160, 175))  # photo
    rect(24, 160, 60, 184, (205, 170, 60))  # chip
    rect(115, 52, 115 + min(180, 9 * len(applicant_name)), 62, (60, 60, 60))  # name line, as long as the name
    for i in range(4):
        rect(115, 76 + 18 * i, 115 + rng.randint(60, 180), 84 + 18 * i, (60, 60, 60))
    raw = b"".join(b"\x00" + bytes(pixels[y * width * 3:(y + 1) * width * 3]) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(raw, 9))
            + _png_chunk(b"IEND", b""))
