"""indexes from a file to the attachments and letters that use it

Row-level security on PostgreSQL shows a blob with the attachment or letter that uses it
(store/pg_security.py); these indexes answer that question without a scan.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 00:05:00
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_sha512'), ['sha512'], unique=False)
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letters_sha512'), ['sha512'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letters_sha512'))
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_sha512'))
