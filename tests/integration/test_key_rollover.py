"""Key rollover: submissions encrypted for a decryption key we do not hold wait, unanswered, until it is added."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from backoffice.bootstrap import Database
from backoffice.demo.portal import jose
from backoffice.domain import problem_types as problems
from backoffice.domain.catalog import Role
from backoffice.services import intake_admin
from backoffice.services.directory import ensure_user
from backoffice.services.intake.assemble import assemble
from backoffice.services.portal_connection import parse_credentials
from backoffice.store.intake_models import OutboxMessage, QuarantinedSubmission
from backoffice.store.models import Case

from .sync_support import FAST, _made, count


def _sync(db: Database, portal, **secret_changes):  # type: ignore[no-untyped-def]
    conn, secrets = parse_credentials(portal.credentials())
    sync = assemble(db.uow, conn, dataclasses.replace(secrets, **secret_changes), holder="test",
                    policy=FAST, timeout=5.0, workers=1)
    _made.append(sync)
    return sync, secrets


def test_a_submission_for_an_unknown_key_waits_unanswered_until_the_key_is_added(db: Database, portal_factory) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=4)
    _conn, secrets = parse_credentials(portal.credentials())
    new_key = jose.generate_key("enc-next", "enc", 2048)

    # The portal still encrypts for the old key, which this client no longer has.
    without_old, _ = _sync(db, portal, decryption_key=new_key)
    first = without_old.run_once()
    assert (first.new, first.rejected, first.awaiting_key) == (0, 0, 4), first.line()
    assert portal.rejected() == {} and portal.accepted_submission_ids() == []  # nothing answered
    with db.uow(write=False) as uow:
        held = uow.session.scalars(select(QuarantinedSubmission)).all()
        assert len(held) == 4
        assert {q.awaiting_key for q in held} == {secrets.decryption_key.get("kid")}
        assert all(q.problem_type == problems.ENCRYPTION_ISSUE.type_uri and "unbekannten Schlüssel" in q.reason for q in held)
        assert uow.session.scalars(select(OutboxMessage)).all() == []
    with db.uow() as uow:  # what the admins' quarantine view and `portal quarantine list` show
        admin = ensure_user(uow, "it", "IT", [Role.ADMIN], ["zwf", "egs", "bua"])
        listed = intake_admin.list_quarantine(uow, admin)
        uow.commit()
    assert {item.awaiting_key for item in listed} == {secrets.decryption_key.get("kid")}

    again = without_old.run_once()  # tried again each round, kept once
    assert again.awaiting_key == 4 and again.known == 0
    assert count(db, QuarantinedSubmission) == 4

    # The admin adds the new key and keeps the old one (a rollover): now they open.
    rolled, _ = _sync(db, portal, decryption_key=new_key, previous_decryption_keys=(secrets.decryption_key,))
    done = rolled.run_once()
    assert (done.new, done.rejected, done.awaiting_key, done.errors) == (4, 0, 0, 0), done.error_messages
    assert sorted(portal.accepted_submission_ids()) == sorted(portal.submission_ids())
    assert count(db, Case) == 4
    with db.uow(write=False) as uow:
        held = uow.session.scalars(select(QuarantinedSubmission)).all()
        assert all(q.awaiting_key is None and q.resolved_at is not None for q in held)
    assert rolled.run_once().new == 0 and count(db, Case) == 4  # accepted: the portal lists them no more


def test_the_quarantine_is_read_only_for_the_submissions_the_listing_found_waiting(db: Database, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backoffice.store.intake_repository import IntakeRepository

    looked_up: list[list[str]] = []
    real = IntakeRepository.awaiting_key

    def recorded(self, submission_ids):  # type: ignore[no-untyped-def]
        if submission_ids:
            looked_up.append(sorted(submission_ids))
        return real(self, submission_ids)

    monkeypatch.setattr(IntakeRepository, "awaiting_key", recorded)
    portal = portal_factory(count=4)
    without_old, _ = _sync(db, portal, decryption_key=jose.generate_key("enc-next", "enc", 2048))
    without_old.store_batch = 1  # four transactions in the round
    assert without_old.run_once().awaiting_key == 4
    assert looked_up == []  # none was waiting when the round listed them: no quarantine read per batch

    waiting = set(portal.submission_ids())
    added = portal.add_submissions(2)  # encrypted for the old key too
    assert without_old.run_once().awaiting_key == 6
    assert sorted(sid for ids in looked_up for sid in ids) == sorted(waiting)  # not the two new ones
    assert count(db, QuarantinedSubmission) == 6  # each kept once, the four updated in place
    assert not waiting & set(added)
