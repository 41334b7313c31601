"""four eyes for a final assessment that claims Elterngeld back: outcome ``refund`` needs a team lead's approval

A final assessment after a provisional grant that leaves less due than was paid is recorded with the outcome
``refund`` (services/final_assessment.py); like a refusal, its letter waits for approval by default.

Revision ID: 0025
Revises: 0022
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0025'
down_revision = '0022'
branch_labels = None
depends_on = None

_RULES = sa.table("approval_rules", sa.column("service", sa.String), sa.column("outcome", sa.String),
                  sa.column("required", sa.Boolean))


def upgrade() -> None:
    op.bulk_insert(_RULES, [{"service": "elterngeld", "outcome": "refund", "required": True}])


def downgrade() -> None:
    op.execute(_RULES.delete().where(_RULES.c.service == "elterngeld", _RULES.c.outcome == "refund"))
