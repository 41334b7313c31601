"""the open cases by target date: an index on status, target date and queue, so the team lead's
"Zieldatum überschritten" counts the open cases past their target from the index alone instead of
reading every case (open or long closed) whose target date has passed

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-02 12:20:00
"""

from __future__ import annotations

from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_cases_status_target', 'cases', ['status', 'target_date', 'queue_id'])


def downgrade() -> None:
    op.drop_index('ix_cases_status_target', table_name='cases')
