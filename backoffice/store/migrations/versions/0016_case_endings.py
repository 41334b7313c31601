"""when and how a case ended, for the statistics: cases.ended_at and cases.end_status

A case leaves the open statuses once (decided, forwarded or withdrawn; the state machine has no
way back), and ``cases.apply_action`` now records when and how. The statistics count decisions,
processing days and the backlog from these columns through one covering index, so a report over
years reads the index, not the wide case rows (form data) or the journal. Existing cases get the
values from their journal's first status change to an ending status.

Revision ID: 0016
Revises: 0017
Create Date: 2026-12-02 05:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0017'
branch_labels = None
depends_on = None

_FIRST_ENDING = (
    "FROM audit_entries a WHERE a.case_id = cases.id AND a.field = 'status' "
    "AND a.new_value IN ('decided', 'forwarded', 'withdrawn') ORDER BY a.at, a.id LIMIT 1"
)


def upgrade() -> None:
    # Plain ADD COLUMN (no batch mode): a batch would rebuild cases and drop its search triggers on SQLite.
    op.add_column('cases', sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('cases', sa.Column('end_status', sa.String(length=16), nullable=True))
    op.execute(
        f"UPDATE cases SET ended_at = (SELECT a.at {_FIRST_ENDING}), end_status = (SELECT a.new_value {_FIRST_ENDING}) "
        "WHERE status IN ('decided', 'forwarded', 'withdrawn', 'closed')"
    )
    op.create_index('ix_cases_ended', 'cases',
                    ['service', 'ended_at', 'queue_id', 'end_status', 'outcome', 'received_at', 'target_date'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_cases_ended', table_name='cases')
    op.drop_column('cases', 'end_status')
    op.drop_column('cases', 'ended_at')
