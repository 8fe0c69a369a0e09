"""Daily roll-ups of the audit log for the dashboard.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_daily",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("municipality", sa.String(200), nullable=True),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("verdict", sa.String(16), nullable=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_index("ix_audit_daily_day", "audit_daily", ["day"])
    op.create_table(
        "audit_daily_clauses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("municipality", sa.String(200), nullable=True),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("clause", sa.String(40), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_index("ix_audit_daily_clauses_day", "audit_daily_clauses", ["day"])
    op.create_table("audit_rollup_days", sa.Column("day", sa.String(10), primary_key=True))


def downgrade() -> None:
    op.drop_table("audit_rollup_days")
    op.drop_table("audit_daily_clauses")
    op.drop_table("audit_daily")
