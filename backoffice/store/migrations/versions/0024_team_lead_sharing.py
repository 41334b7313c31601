"""new cases dispatched during an absence, change marks for other clients, the last sync round shared

- ``absences.dispatch_rule``/``dispatch_turn``: while an absence lasts, the intake may assign the
  department's new cases to present clerks by a rule (``services/dispatch.py``).
- ``change_marks``: a counter per workspace area for changes the audit journal does not name, read
  by other clients' change feeds (``store/change_log.py``).
- ``sync_rounds``: the last sync round per portal connection, for every team lead.
On PostgreSQL their grants are in store/pg_security.py (applied after every upgrade).

Revision ID: 0024
Revises: 0019
Create Date: 2026-12-02 08:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('absences') as batch:
        batch.add_column(sa.Column('dispatch_rule', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('dispatch_turn', sa.Integer(), nullable=False, server_default='0'))
    op.create_table('change_marks',
    sa.Column('area', sa.String(length=32), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('area', name=op.f('pk_change_marks'))
    )
    op.create_table('sync_rounds',
    sa.Column('connection', sa.String(length=200), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('succeeded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('new', sa.Integer(), nullable=False),
    sa.Column('rejected', sa.Integer(), nullable=False),
    sa.Column('awaiting_key', sa.Integer(), nullable=False),
    sa.Column('sent', sa.Integer(), nullable=False),
    sa.Column('outbox_pending', sa.Integer(), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('connection', name=op.f('pk_sync_rounds'))
    )


def downgrade() -> None:
    op.drop_table('sync_rounds')
    op.drop_table('change_marks')
    with op.batch_alter_table('absences') as batch:
        batch.drop_column('dispatch_turn')
        batch.drop_column('dispatch_rule')
