"""the portal's description of an attachment (the label of the upload), for the documents checklist

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-03 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('attachments') as batch:
        batch.add_column(sa.Column('description', sa.String(500), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('attachments') as batch:
        batch.drop_column('description')
