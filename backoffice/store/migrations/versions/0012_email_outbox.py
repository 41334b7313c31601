"""an outbox for e-mail notices to citizens, sent through the office's SMTP server

A Bescheid's record of dispatch queues a notice for a case whose reply channel is e-mail,
and only while an SMTP server is configured (settings ``mail.*``): no row without a sender.
On PostgreSQL the table is under row-level security like the other personal-data tables
(store/pg_security.py, applied after every upgrade).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('email_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_email_outbox_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], name=op.f('fk_email_outbox_letter_id_letters'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_outbox')),
    sa.UniqueConstraint('letter_id', name=op.f('uq_email_outbox_letter_id'))
    )
    with op.batch_alter_table('email_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_email_outbox_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_email_outbox_pending', ['sent_at', 'next_attempt_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('email_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_email_outbox_pending')
        batch_op.drop_index(batch_op.f('ix_email_outbox_case_id'))
    op.drop_table('email_outbox')
