"""a case may come back to the clerk on a follow-up date (Wiedervorlage), e.g. a provisional Elterngeld grant

Revision ID: 0015
Revises: 0016
Create Date: 2026-12-02 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch rebuild of ``cases`` on SQLite would drop its full-text triggers.
    op.add_column('cases', sa.Column('follow_up_on', sa.Date(), nullable=True))
    op.add_column('cases', sa.Column('follow_up_reason', sa.String(length=200), nullable=True))
    op.create_index('ix_cases_follow_up_on', 'cases', ['follow_up_on', 'queue_id'])  # the "Wiedervorlage fällig" list


def downgrade() -> None:
    op.drop_index('ix_cases_follow_up_on', table_name='cases')
    op.drop_column('cases', 'follow_up_reason')  # SQLite >= 3.35 drops a column in place
    op.drop_column('cases', 'follow_up_on')
