"""print jobs are claimed before printing: who took a job and when

A clerk's print run takes each job in a short transaction of its own (status ``printing``,
``claimed_by_id``, ``claimed_at``) before it goes to the printer, so two clerks never print
the same letter; a claim older than ``printing.CLAIM_EXPIRES`` may be taken over.
The table keeps its row-level security (store/pg_security.py: by letter).

Revision ID: 0017
Revises: 0013
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('print_jobs') as batch:
        batch.add_column(sa.Column('claimed_by_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(batch.f('fk_print_jobs_claimed_by_id_users'), 'users', ['claimed_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('print_jobs') as batch:
        batch.drop_constraint(batch.f('fk_print_jobs_claimed_by_id_users'), type_='foreignkey')
        batch.drop_column('claimed_at')
        batch.drop_column('claimed_by_id')
