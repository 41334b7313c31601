"""CLI for decisions and letters (stable names):

    backoffice decide AKTENZEICHEN --outcome {granted,refused,forwarded} [--reason TEXT ...] [--facts DATEI.json] [--propose]
    backoffice letter render AKTENZEICHEN --kind ART --out DATEI.pdf [--documents TEXT ...] [--deadline JJJJ-MM-TT] [--date JJJJ-MM-TT]
    backoffice letter issue  AKTENZEICHEN --kind ART [same options]   (archive a new version)
    backoffice letter list   AKTENZEICHEN [--format table|json]
    backoffice letter awaiting [--format table|json]          (team leads: letters awaiting approval)
    backoffice letter approve BRIEF_NR | letter reject BRIEF_NR --reason TEXT
    backoffice print enqueue (--letter BRIEF_NR | --queue CODE | --day JJJJ-MM-TT)
    backoffice print pending [--format table|json]

Exit codes: 0 done, 1 error (one line per problem on stderr).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from . import config
from .cli_common import (
    FORMAT_HELP,
    CliError,
    as_actor,
    format_date,
    iso_date,
    print_problems,
    print_validation,
    read_json_object,
    table_line,
    write_file,
)
from .domain.errors import ValidationFailed
from .domain.german import LETTER_STATUS_NAMES, OUTCOME_NAMES, PRINT_STATUS_NAMES, count_noun, german_name
from .letters import KINDS, LetterIncomplete, TemplateInvalid
from .rules import RuleInputError
from .services import decisions, letters, printing


def configure_decide(decide: argparse.ArgumentParser) -> None:
    decide.add_argument("aktenzeichen", metavar="AKTENZEICHEN")
    decide.add_argument("--outcome", choices=list(dict.fromkeys(o.value for _s, o in decisions.LETTER_KINDS)),
                        help="granted = Bewilligung, refused = Ablehnung; beim Führungszeugnis forwarded = Weiterleitung "
                             "an das BfJ (nötig, außer mit --propose)")
    decide.add_argument("--reason", action="append", default=[], metavar="TEXT",
                        help="ein Ablehnungsgrund (wiederholbar)")
    decide.add_argument("--facts", type=Path, metavar="DATEI.json",
                        help="JSON-Objekt mit Angaben, die im Formular fehlen; sie ergänzen die Eingabe der Regeln")
    decide.add_argument("--propose", action="store_true",
                        help="nur den Vorschlag der Regeln ausgeben (als JSON; nichts wird gespeichert)")
    decide.set_defaults(run=cmd_decide)


def configure_letter(parser: argparse.ArgumentParser) -> None:
    kinds = "\n".join(f"  {k} = {spec.label}" for k, spec in KINDS.items())
    letter = parser.add_subparsers(dest="letter_command", required=True)
    for name, helptext, run in (("render", "einen Brief als PDF-Datei erzeugen (Vorschau, nicht abgelegt)", cmd_letter_render),
                                ("issue", "einen Brief erzeugen und als neue Fassung ablegen", cmd_letter_issue)):
        p = letter.add_parser(name, help=helptext, formatter_class=argparse.RawDescriptionHelpFormatter,
                              epilog="Briefarten:\n" + kinds)
        p.add_argument("aktenzeichen", metavar="AKTENZEICHEN")
        p.add_argument("--kind", required=True, choices=list(KINDS), metavar="ART", help="siehe die Liste unten")
        p.add_argument("--documents", action="append", metavar="TEXT",
                       help="eine anzufordernde Unterlage (wiederholbar; Standard: die Liste der Leistung)")
        p.add_argument("--deadline", type=iso_date, metavar="JJJJ-MM-TT",
                       help="Antwort- oder Zahlungsfrist (Standard: Briefdatum + 14 Tage)")
        p.add_argument("--date", type=iso_date, metavar="JJJJ-MM-TT", help="Briefdatum (Standard: heute)")
        if name == "render":
            p.add_argument("--out", required=True, type=Path, metavar="DATEI.pdf", help="die PDF-Datei, die entsteht")
        p.set_defaults(run=run)
    lst = letter.add_parser("list", help="die Briefe eines Falls auflisten")
    lst.add_argument("aktenzeichen", metavar="AKTENZEICHEN")
    lst.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    lst.set_defaults(run=cmd_letter_list)
    awaiting = letter.add_parser("awaiting", help="Briefe, die auf die Freigabe der Teamleitung warten (vier Augen)")
    awaiting.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    awaiting.set_defaults(run=cmd_letter_awaiting)
    approve = letter.add_parser("approve", help="einen Brief freigeben (Teamleitung, nicht wer entschieden hat)")
    approve.add_argument("letter_id", type=int, metavar="BRIEF_NR")
    approve.set_defaults(run=cmd_letter_approve)
    reject = letter.add_parser("reject", help="einen Brief zurückweisen: die Fassung wird ungültig")
    reject.add_argument("letter_id", type=int, metavar="BRIEF_NR")
    reject.add_argument("--reason", required=True, metavar="TEXT", help="warum (für die Sachbearbeitung)")
    reject.set_defaults(run=cmd_letter_reject)


def configure_print(parser: argparse.ArgumentParser) -> None:
    prt = parser.add_subparsers(dest="print_command", required=True)
    enqueue = prt.add_parser("enqueue", help="endgültige Briefe zum Druck vormerken")
    which = enqueue.add_mutually_exclusive_group(required=True)
    which.add_argument("--letter", type=int, metavar="BRIEF_NR", help="ein Brief")
    which.add_argument("--queue", metavar="CODE", help="alle endgültigen Briefe der Fälle dieser Warteschlange")
    which.add_argument("--day", type=iso_date, metavar="JJJJ-MM-TT",
                       help="alle an diesem Tag (UTC) endgültig gewordenen Briefe")
    enqueue.set_defaults(run=cmd_print_enqueue)
    pending = prt.add_parser("pending", help="Druckaufträge, die auf den Druck warten")
    pending.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    pending.set_defaults(run=cmd_print_pending)


def cmd_decide(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    facts = read_json_object(args.facts, "Angaben für die Regeln") if args.facts else None
    if not args.propose and not args.outcome:
        raise CliError("--outcome fehlt (oder --propose für den Vorschlag)")

    def run() -> int:
        if args.propose:
            p = as_actor(settings, lambda uow, actor: decisions.propose_decision(uow, actor, args.aktenzeichen, facts),
                         write=False)
            print(json.dumps({"outcome": p.outcome.value, "letter_kind": p.letter_kind, "reasons": list(p.reasons),
                              "notices": list(p.notices), "remarks": list(p.remarks), "result": p.result},
                             ensure_ascii=False, indent=2), file=out)
            return 0
        info = as_actor(settings, lambda uow, actor: decisions.decide(
            uow, actor, args.aktenzeichen, args.outcome, args.reason, facts))
        print(f"{info.aktenzeichen}: {german_name(OUTCOME_NAMES, info.outcome)}, Brief „{_kind(info.letter_kind)}“",
              file=out)
        return 0

    return _guarded(run)


def _kind(kind: str) -> str:
    spec = KINDS.get(kind)
    return spec.label if spec else kind


def cmd_letter_render(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run() -> int:
        pdf = as_actor(settings, lambda uow, actor: letters.preview_letter(
            uow, actor, args.aktenzeichen, args.kind, **_options(args)), write=False)
        write_file(args.out, pdf)
        print(f"{args.out} ({count_noun(len(pdf), 'Byte')})", file=out)
        return 0

    return _guarded(run)


def cmd_letter_issue(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    return _change(settings, out, lambda uow, actor: letters.issue_letter(
        uow, actor, args.aktenzeichen, args.kind, **_options(args)))


def cmd_letter_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    return _list(settings, out, args.format, lambda uow, actor: letters.list_letters(uow, actor, args.aktenzeichen))


def cmd_letter_awaiting(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    return _list(settings, out, args.format, letters.letters_awaiting_approval)


_LETTERS = (("NR", 6), ("AKTENZEICHEN", 16), ("ART", 30), ("FASSUNG", 7), ("STATUS", 24), ("DATUM", 10),
            ("ERSTELLT VON", 16))


def _list(settings: config.Settings, out: TextIO, fmt: str, query: Callable[[Any, Any], list[letters.LetterInfo]]) -> int:
    def run() -> int:
        rows = as_actor(settings, query, write=False)
        if fmt == "json":
            print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2), file=out)
            return 0
        print(table_line(_LETTERS, [title for title, _w in _LETTERS]), file=out)
        for r in rows:
            print(table_line(_LETTERS, [r.id, r.aktenzeichen, r.kind_label, r.version,
                                        german_name(LETTER_STATUS_NAMES, r.status), format_date(r.letter_date),
                                        r.created_by]), file=out)
        print(count_noun(len(rows), "Brief"), file=out)
        return 0

    return _guarded(run)


def cmd_letter_approve(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    return _change(settings, out, lambda uow, actor: letters.approve_letter(uow, actor, args.letter_id))


def cmd_letter_reject(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    return _change(settings, out, lambda uow, actor: letters.reject_letter(uow, actor, args.letter_id, args.reason))


def _change(settings: config.Settings, out: TextIO, op: Callable[[Any, Any], letters.LetterInfo]) -> int:
    def run() -> int:
        info = as_actor(settings, op)
        status = german_name(LETTER_STATUS_NAMES, info.status)
        print(f"Brief {info.id}: {info.kind_label}, Fassung {info.version}, {status}", file=out)
        return 0

    return _guarded(run)


def cmd_print_enqueue(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def enqueue(uow: Any, actor: Any) -> list[Any]:
        if args.letter is not None:
            return [printing.enqueue_print(uow, actor, args.letter)]
        return printing.enqueue_batch(uow, actor, queue_code=args.queue, day=args.day)

    def run() -> int:
        print(f"{count_noun(len(as_actor(settings, enqueue)), 'Druckauftrag')} vorgemerkt", file=out)
        return 0

    return _guarded(run)


_JOBS = (("NR", 6), ("STATUS", 16), ("AKTENZEICHEN", 16), ("BRIEF", 40))


def cmd_print_pending(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run() -> int:
        jobs = as_actor(settings, printing.pending_print_jobs, write=False)
        if args.format == "json":
            data = [{"id": j.id, "status": j.status.value, "requested_by": j.requested_by,
                     "requested_at": j.requested_at.isoformat(), "error": j.error, "letter": j.letter.as_json()}
                    for j in jobs]
            print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
            return 0
        print(table_line(_JOBS, [title for title, _w in _JOBS]), file=out)
        for j in jobs:
            print(table_line(_JOBS, [j.id, german_name(PRINT_STATUS_NAMES, j.status), j.letter.aktenzeichen,
                                     f"{j.letter.kind_label}, Fassung {j.letter.version}"]), file=out)
        print(count_noun(len(jobs), "Druckauftrag"), file=out)
        return 0

    return _guarded(run)


def _options(args: argparse.Namespace) -> dict[str, Any]:
    return {"documents": args.documents, "deadline": args.deadline, "letter_date": args.date}


def _guarded(run: Callable[[], int]) -> int:
    """Errors that list several problems print one line each."""
    try:
        return run()
    except ValidationFailed as err:
        print_validation(err)
    except (RuleInputError, TemplateInvalid) as err:
        print_problems(err.problems)
    except LetterIncomplete as err:
        print_problems(f"{_kind(err.kind)}: es fehlt {m}" for m in err.missing)
    return 1
