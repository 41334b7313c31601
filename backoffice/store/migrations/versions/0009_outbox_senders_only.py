"""the outbox holds only messages the sync can send

Decisions used to leave a "status" notice in the outbox for a sender that FIT-Connect v1
does not have; it waited there forever. Those rows go; nothing writes them any more.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 00:45:00
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM outbox WHERE kind NOT IN ('accept', 'reject')")


def downgrade() -> None:
    pass  # the notices had no sender; there is nothing to restore
