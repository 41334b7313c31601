"""the open cases by queue and assignee: an index on status, queue and assignee, so a department's
open cases are counted per clerk (the team lead's workload, the absence preview's "fewest open")
and its unassigned open cases found from the index, not by passing every assigned case

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-02 16:20:00
"""

from __future__ import annotations

from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_cases_status_queue_assignee', 'cases', ['status', 'queue_id', 'assignee_id'])
    # SQLite's statistics for it come from the ANALYZE that ends every migration (store.migrate.upgrade).


def downgrade() -> None:
    op.drop_index('ix_cases_status_queue_assignee', table_name='cases')
