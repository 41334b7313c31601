"""CLI for decisions and letters (stable names):

    backoffice decide AKTENZEICHEN --outcome {granted,refused,forwarded} [--reason TEXT ...] [--facts FILE.json] [--propose]
    backoffice letter render AKTENZEICHEN --kind KIND --out FILE.pdf [--documents TEXT ...] [--deadline YYYY-MM-DD] [--date YYYY-MM-DD]
    backoffice letter issue  AKTENZEICHEN --kind KIND [same options]   (archive a new version)
    backoffice letter list   AKTENZEICHEN [--format table|json]
    backoffice letter awaiting [--format table|json]          (team leads: letters awaiting approval)
    backoffice letter approve LETTER_ID | letter reject LETTER_ID --reason TEXT
    backoffice print enqueue (--letter ID | --queue CODE | --day YYYY-MM-DD)
    backoffice print pending [--format table|json]

Exit codes: 0 done, 1 error (one line per problem on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from . import config
from .cli_common import CliError, as_actor
from .domain.errors import ValidationFailed
from .domain.german import count_noun
from .letters import KINDS, LetterIncomplete, TemplateInvalid
from .rules import RuleInputError
from .services import decisions, letters, printing


def configure_decide(decide: argparse.ArgumentParser) -> None:
    decide.add_argument("aktenzeichen")
    decide.add_argument("--outcome", choices=[o.value for o in decisions.DecisionOutcome],
                        help="granted | refused; Führungszeugnis: forwarded | refused (required unless --propose)")
    decide.add_argument("--reason", action="append", default=[], help="a ground of a refusal (repeatable, German)")
    decide.add_argument("--facts", type=Path, help="JSON object of facts the form lacks, merged over the rule input")
    decide.add_argument("--propose", action="store_true", help="only print what the rules propose (nothing is stored)")
    decide.set_defaults(run=cmd_decide)


def configure_letter(parser: argparse.ArgumentParser) -> None:
    kinds = "\n".join(f"  {k:<30} {spec.label}" for k, spec in KINDS.items())
    letter = parser.add_subparsers(dest="letter_command", required=True)
    for name, helptext, run in (("render", "render a letter to a PDF file (preview, not archived)", cmd_letter_render),
                                ("issue", "render and archive a new version of a letter", cmd_letter_issue)):
        p = letter.add_parser(name, help=helptext, formatter_class=argparse.RawDescriptionHelpFormatter,
                              epilog="letter kinds:\n" + kinds)
        p.add_argument("aktenzeichen")
        p.add_argument("--kind", required=True, choices=list(KINDS), metavar="KIND", help="see the list below")
        p.add_argument("--documents", action="append", help="a document to request (repeatable; default: the service's list)")
        p.add_argument("--deadline", type=_iso_date, help="answer or payment deadline (default: letter date + 14 days)")
        p.add_argument("--date", type=_iso_date, help="letter date (default: today)")
        if name == "render":
            p.add_argument("--out", required=True, type=Path, help="PDF file to write")
        p.set_defaults(run=run)
    lst = letter.add_parser("list", help="list the letters issued for a case")
    lst.add_argument("aktenzeichen")
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(run=cmd_letter_list)
    awaiting = letter.add_parser("awaiting", help="letters awaiting a team lead's approval (four eyes)")
    awaiting.add_argument("--format", choices=["table", "json"], default="table")
    awaiting.set_defaults(run=cmd_letter_awaiting)
    approve = letter.add_parser("approve", help="approve a letter (team lead, not the deciding clerk)")
    approve.add_argument("letter_id", type=int)
    approve.set_defaults(run=cmd_letter_approve)
    reject = letter.add_parser("reject", help="send a letter back: the version is cancelled")
    reject.add_argument("letter_id", type=int)
    reject.add_argument("--reason", required=True)
    reject.set_defaults(run=cmd_letter_reject)


def configure_print(parser: argparse.ArgumentParser) -> None:
    prt = parser.add_subparsers(dest="print_command", required=True)
    enqueue = prt.add_parser("enqueue", help="queue final letters for printing")
    which = enqueue.add_mutually_exclusive_group(required=True)
    which.add_argument("--letter", type=int, help="one letter id")
    which.add_argument("--queue", help="all final letters of cases in this queue")
    which.add_argument("--day", type=_iso_date, help="all letters made final on this day (UTC)")
    enqueue.set_defaults(run=cmd_print_enqueue)
    pending = prt.add_parser("pending", help="jobs waiting to be printed")
    pending.add_argument("--format", choices=["table", "json"], default="table")
    pending.set_defaults(run=cmd_print_pending)


def cmd_decide(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    facts = _read_facts(args.facts) if args.facts else None
    if not args.propose and not args.outcome:
        raise CliError("--outcome is required (or use --propose)")

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
        print(f"{info.aktenzeichen} {info.outcome.value} -> letter {info.letter_kind}", file=out)
        return 0

    return _guarded(run)


def cmd_letter_render(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run() -> int:
        pdf = as_actor(settings, lambda uow, actor: letters.preview_letter(
            uow, actor, args.aktenzeichen, args.kind, **_options(args)), write=False)
        try:
            args.out.write_bytes(pdf)
        except OSError as err:
            raise CliError(f"cannot write {args.out}: {err.strerror}") from err
        print(f"{args.out} ({len(pdf)} bytes)", file=out)
        return 0

    return _guarded(run)


def cmd_letter_issue(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    return _change(settings, out, lambda uow, actor: letters.issue_letter(
        uow, actor, args.aktenzeichen, args.kind, **_options(args)))


def cmd_letter_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    return _list(settings, out, args.format, lambda uow, actor: letters.list_letters(uow, actor, args.aktenzeichen))


def cmd_letter_awaiting(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    return _list(settings, out, args.format, letters.letters_awaiting_approval)


def _list(settings: config.Settings, out: TextIO, fmt: str, query: Callable[[Any, Any], list[letters.LetterInfo]]) -> int:
    def run() -> int:
        rows = as_actor(settings, query, write=False)
        if fmt == "json":
            print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2), file=out)
            return 0
        print(f"{'ID':<6}{'AKTENZEICHEN':<18}{'KIND':<30}{'VERSION':<9}{'STATUS':<19}{'DATE':<12}CREATED_BY", file=out)
        for r in rows:
            print(f"{r.id:<6}{r.aktenzeichen:<18}{r.kind:<30}{r.version:<9}{r.status.value:<19}"
                  f"{r.letter_date.isoformat():<12}{r.created_by}", file=out)
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
        print(f"letter {info.id}: {info.kind} version {info.version} {info.status.value}", file=out)
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


def cmd_print_pending(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run() -> int:
        jobs = as_actor(settings, printing.pending_print_jobs, write=False)
        if args.format == "json":
            data = [{"id": j.id, "status": j.status.value, "requested_by": j.requested_by,
                     "requested_at": j.requested_at.isoformat(), "error": j.error, "letter": j.letter.as_json()}
                    for j in jobs]
            print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
            return 0
        for j in jobs:
            print(f"{j.id:<6}{j.status.value:<8}{j.letter.aktenzeichen:<18}{j.letter.kind} v{j.letter.version}", file=out)
        print(count_noun(len(jobs), "Druckauftrag"), file=out)
        return 0

    return _guarded(run)


def _options(args: argparse.Namespace) -> dict[str, Any]:
    return {"documents": args.documents, "deadline": args.deadline, "letter_date": args.date}


def _guarded(run: Callable[[], int]) -> int:
    """Errors that list several problems print one line each."""
    try:
        return run()
    except (ValidationFailed, RuleInputError, TemplateInvalid, LetterIncomplete) as err:
        _problems(_lines(err))
        return 1


def _lines(err: Exception) -> Iterable[str]:
    if isinstance(err, LetterIncomplete):
        return [f"{err.kind}: es fehlt {m}" for m in err.missing]
    return list(getattr(err, "problems", None) or [str(err)])


def _problems(lines: Iterable[str]) -> None:
    for line in lines:
        print(f"backoffice: {line}", file=sys.stderr)


def _read_facts(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise CliError(f"cannot read {path}: {err.strerror}") from err
    except json.JSONDecodeError as err:
        raise CliError(f"{path} is not valid JSON: line {err.lineno} column {err.colno}: {err.msg}") from err
    if not isinstance(data, dict):
        raise CliError(f"{path} must hold a JSON object (facts for the rules)")
    return data


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from err
