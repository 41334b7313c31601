"""Print jobs are claimed before printing and recorded one by one; letters awaiting approval never
leave the office and their previews carry the draft mark. SQLite and PostgreSQL."""

from __future__ import annotations

import random
import subprocess
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from backoffice.bootstrap import Database
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import ValidationFailed
from backoffice.letters.watermark import DRAFT_MARK
from backoffice.services import decisions, letters, printing
from backoffice.services.directory import ensure_user
from backoffice.store.decision_models import PrintJob

from .test_decisions_letters import T0, _form, _ready_case, _text

EXTRA_JOBS = 20


@pytest.fixture
def desk(db: Database):  # type: ignore[no-untyped-def]
    """Two clerks, a final WBS grant with print jobs, and a refusal awaiting four-eyes approval."""
    with db.uow() as uow:
        first = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        second = ensure_user(uow, "clerk2", "Jonas Berg", [Role.CLERK], ["zwf"])
        uow.commit()
    granted = _ready_case(db, first, Service.WBS, _form(Service.WBS, eligible=True))
    refused = _ready_case(db, first, Service.WBS, _form(Service.WBS, eligible=False))
    with db.uow() as uow:
        decisions.decide(uow, first, granted, "granted", now=T0)
        final = letters.issue_letter(uow, first, granted, "wbs_grant", now=T0)
        decisions.decide(uow, first, refused, "refused", now=T0)
        waiting = letters.issue_letter(uow, first, refused, "wbs_refusal", now=T0)
        job = printing.enqueue_print(uow, first, final.id, now=T0)
        for _ in range(EXTRA_JOBS):  # more jobs to race for (reprints of the same letter)
            uow.decisions.add(PrintJob(letter_id=final.id, status="queued", requested_by_id=first.id, requested_at=T0))
        uow.commit()
    assert waiting.status is letters.LetterStatus.AWAITING_APPROVAL
    with db.uow(write=False) as uow:
        jobs = [j.id for j in printing.pending_print_jobs(uow, first)]
    assert job in jobs and len(jobs) == EXTRA_JOBS + 1
    return first, second, final, waiting, jobs


def test_two_clerks_racing_for_the_same_jobs_never_both_get_one(db: Database, desk) -> None:  # type: ignore[no-untyped-def]
    first, second, _final, _waiting, jobs = desk
    start = threading.Barrier(2)
    got: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def claim_all(actor, seed: int) -> None:  # type: ignore[no-untyped-def]
        mine, order = [], list(jobs)
        random.Random(seed).shuffle(order)
        try:
            start.wait(timeout=30)
            for job_id in order:  # each claim its own short transaction, as the GUI's print run does
                with db.uow() as uow:
                    claimed = printing.claim_print_job(uow, actor, job_id, now=T0)
                    uow.commit()
                if claimed is not None:
                    mine.append(claimed.id)
        except BaseException as err:
            errors.append(err)
        got[actor.login] = mine

    threads = [threading.Thread(target=claim_all, args=(actor, n)) for n, actor in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert set(got["clerk"]).isdisjoint(got["clerk2"]), "no job was claimed twice"
    assert sorted(got["clerk"] + got["clerk2"]) == sorted(jobs), "every job was claimed"
    with db.uow(write=False) as uow:
        pending = printing.pending_print_jobs(uow, first)
    assert {p.status for p in pending} == {printing.PrintStatus.PRINTING}
    assert {p.id: p.claimed_by for p in pending} == {**dict.fromkeys(got["clerk"], "clerk"),
                                                     **dict.fromkeys(got["clerk2"], "clerk2")}


def test_a_claim_holds_until_it_expires_and_then_passes_on(db: Database, desk) -> None:  # type: ignore[no-untyped-def]
    first, second, final, _waiting, jobs = desk
    with db.uow() as uow:
        claimed = printing.claim_print_job(uow, first, jobs[0], now=T0)
        uow.commit()
    assert claimed is not None and claimed.letter.id == final.id
    with db.uow(write=False) as uow:
        assert claimed.pdf == letters.letter_pdf(uow, first, final.id)  # the archived bytes go to the printer
    later = T0 + printing.CLAIM_EXPIRES - timedelta(seconds=1)
    with db.uow() as uow:
        assert printing.claim_print_job(uow, second, jobs[0], now=later) is None
        uow.commit()
    stale = T0 + printing.CLAIM_EXPIRES + timedelta(seconds=1)
    with db.uow() as uow:
        assert printing.claim_print_job(uow, second, jobs[0], now=stale) is not None
        uow.commit()
    with db.uow() as uow, pytest.raises(ValidationFailed, match="wird gerade von clerk2 gedruckt"):
        printing.mark_printed(uow, first, jobs[0], "Büro 2.14", now=stale)


def test_each_printed_letter_is_recorded_on_its_own_and_a_failure_keeps_the_job(db: Database, desk) -> None:  # type: ignore[no-untyped-def]
    first, second, final, _waiting, jobs = desk
    for job_id in jobs[:2]:
        with db.uow() as uow:
            assert printing.claim_print_job(uow, first, job_id, now=T0) is not None
            uow.commit()
    with db.uow() as uow:
        printing.mark_printed(uow, first, jobs[0], "Büro 2.14", now=T0)
        uow.commit()
    with db.uow() as uow, pytest.raises(ValidationFailed, match="bereits gedruckt"):  # a late record by another
        printing.mark_printed(uow, second, jobs[0], "Büro 3.01", now=T0)
    with db.uow() as uow:
        printing.mark_failed(uow, first, jobs[1], "Papierstau", "Büro 2.14", now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        pending = {p.id: p for p in printing.pending_print_jobs(uow, first)}
        [dispatch] = printing.dispatches(uow, first, final.id)
    assert jobs[0] not in pending and (dispatch.printer, dispatch.by) == ("Büro 2.14", "clerk")
    assert pending[jobs[1]].status is printing.PrintStatus.FAILED and pending[jobs[1]].claimed_by is None
    with db.uow() as uow:  # a failed job is free again, for anyone
        assert printing.claim_print_job(uow, second, jobs[1], now=T0) is not None
        printing.release(uow, second, jobs[1])
        uow.commit()
    with db.uow(write=False) as uow:
        assert {p.id: p.status for p in printing.pending_print_jobs(uow, first)}[jobs[1]] is printing.PrintStatus.QUEUED


def test_two_clerks_saving_print_files_of_overlapping_jobs_never_share_one(db: Database, desk) -> None:  # type: ignore[no-untyped-def]
    first, second, final, _waiting, jobs = desk
    start = threading.Barrier(2)
    got: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def save_file(actor, wanted: list[int]) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait(timeout=30)
            with db.uow() as uow:  # all of a file's jobs in one transaction, as the print queue claims them
                claimed = printing.claim_print_jobs(uow, actor, wanted, now=T0)
                uow.commit()
            with db.uow() as uow:
                printing.mark_written(uow, actor, [job.id for job in claimed], f"/post/{actor.login}.pdf", now=T0)
                uow.commit()
            got[actor.login] = [job.id for job in claimed]
        except BaseException as err:
            errors.append(err)

    # Overlapping and in opposite orders: each clerk's file is whatever of its jobs the other did not take.
    threads = [threading.Thread(target=save_file, args=(first, jobs[:15])),
               threading.Thread(target=save_file, args=(second, list(reversed(jobs[5:]))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert set(got["clerk"]).isdisjoint(got["clerk2"]) and sorted(got["clerk"] + got["clerk2"]) == sorted(jobs)
    assert got["clerk"] == [j for j in jobs[:15] if j in got["clerk"]]  # the file keeps the queue's order
    with db.uow(write=False) as uow:
        assert printing.pending_print_jobs(uow, first) == []
        records = printing.dispatches(uow, first, final.id)
    assert sorted((d.by, d.printer) for d in records) == sorted(  # one record per job that went into a file
        [("clerk", "/post/clerk.pdf")] * len(got["clerk"]) + [("clerk2", "/post/clerk2.pdf")] * len(got["clerk2"]))


def test_a_print_file_that_failed_gives_its_jobs_back(db: Database, desk) -> None:  # type: ignore[no-untyped-def]
    first, second, final, _waiting, jobs = desk
    with db.uow() as uow:
        claimed = [job.id for job in printing.claim_print_jobs(uow, first, jobs[:3], now=T0)]
        uow.commit()
    with db.uow() as uow:  # the other clerk's print run finds them taken
        assert printing.claim_print_jobs(uow, second, jobs[:4], now=T0)[0].id == jobs[3]
        uow.rollback()
    with db.uow() as uow:
        printing.release_jobs(uow, first, claimed)
        uow.commit()
    with db.uow(write=False) as uow:
        pending = {p.id: (p.status, p.claimed_by) for p in printing.pending_print_jobs(uow, first)}
        assert printing.dispatches(uow, first, final.id) == []
    assert claimed == jobs[:3] and all(pending[j] == (printing.PrintStatus.QUEUED, None) for j in jobs)


def test_a_letter_awaiting_approval_is_never_printed_and_its_preview_is_marked(db: Database, desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, _second, final, waiting, _jobs = desk
    with db.uow() as uow, pytest.raises(ValidationFailed, match="wartet auf die Freigabe") as refused:
        printing.enqueue_print(uow, first, waiting.id)
    assert "darf weder gedruckt noch versandt werden" in str(refused.value)
    with db.uow() as uow:  # a job that reached the queue anyhow is neither handed out nor recorded
        uow.decisions.add(PrintJob(letter_id=waiting.id, status="queued", requested_by_id=first.id, requested_at=T0))
        uow.flush()
        job = uow.decisions.open_job(waiting.id, ("queued",))
        assert job is not None
        with pytest.raises(ValidationFailed, match="Vier-Augen-Prinzip"):
            printing.claim_print_job(uow, first, job)
        with pytest.raises(ValidationFailed, match="Vier-Augen-Prinzip"):
            printing.mark_printed(uow, first, job, "Büro")
    with db.uow(write=False) as uow:
        archived = letters.letter_pdf(uow, first, waiting.id)
        marked = letters.letter_preview_pdf(uow, first, waiting.id)
        assert letters.letter_preview_pdf(uow, first, final.id) == letters.letter_pdf(uow, first, final.id)
        assert printing.dispatches(uow, first, waiting.id) == []
        fresh = {kind: _text(letters.preview_letter(uow, first, az, kind)).replace("\n", " ")
                 for az, kind in ((waiting.aktenzeichen, "wbs_refusal"), (final.aktenzeichen, "wbs_grant"))}
    assert DRAFT_MARK in fresh["wbs_refusal"] and DRAFT_MARK not in fresh["wbs_grant"]  # before issuing, too
    assert DRAFT_MARK not in _text(archived) and DRAFT_MARK in _text(marked).replace("\n", " ")
    plain, stamped = _gray_page(archived, tmp_path / "plain"), _gray_page(marked, tmp_path / "stamped")
    width, height, top_rows = plain[0], plain[1], 10  # the mark's line at the top edge: blank paper otherwise
    assert _dark(plain, 0, top_rows) == 0 and _dark(stamped, 0, top_rows) > width // 10
    centre = (height // 3, 2 * height // 3)  # the diagonal mark darkens the middle of the page
    assert _dark(stamped, *centre) > _dark(plain, *centre) + width


def _gray_page(pdf: bytes, stem: Path) -> tuple[int, int, bytes]:
    """Page 1 as an 8-bit gray image at 30 dpi (pdftoppm, PGM)."""
    source = stem.with_suffix(".pdf")
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", "-singlefile", str(source), str(stem)],
                   check=True, timeout=60)
    data = stem.with_suffix(".pgm").read_bytes()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    return int(width), int(height), pixels


def _dark(image: tuple[int, int, bytes], first_row: int, last_row: int) -> int:
    width, _height, pixels = image
    return sum(1 for value in pixels[first_row * width:last_row * width] if value < 200)
