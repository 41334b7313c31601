"""the receipt-order index carries status, legal deadline and queue: a list of open (or soon due)
cases in receipt order tests its filter in the index instead of reading each passed row

Revision ID: 0022
Revises: 0019
Create Date: 2026-12-02 08:40:00
"""

from __future__ import annotations

from alembic import op

revision = '0022'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_cases_received_open', 'cases', ['received_at', 'status', 'legal_deadline', 'queue_id'])
    op.drop_index('ix_cases_received_at', table_name='cases')


def downgrade() -> None:
    op.create_index('ix_cases_received_at', 'cases', ['received_at'])
    op.drop_index('ix_cases_received_open', table_name='cases')
