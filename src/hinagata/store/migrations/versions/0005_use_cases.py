"""The use-case registry and its review history.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "use_cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("municipality", sa.String(200), nullable=False, server_default=""),
        sa.Column("department", sa.String(200), nullable=False, server_default=""),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("ai_kind", sa.String(20), nullable=False),
        sa.Column("classes", sa.JSON, nullable=False),
        sa.Column("service", sa.String(100), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("risk_answers", sa.JSON, nullable=False),
        sa.Column("risk_level", sa.String(10), nullable=False),
        sa.Column("assessment", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("applicant", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_use_cases_municipality", "use_cases", ["municipality"])
    op.create_index("ix_use_cases_department", "use_cases", ["department"])
    op.create_index("ix_use_cases_status", "use_cases", ["status"])
    op.create_table(
        "use_case_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("use_case_id", sa.Integer, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("conditions", sa.Text, nullable=False, server_default=""),
        sa.Column("rationale", sa.Text, nullable=False, server_default=""),
        sa.Column("grant_id", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_use_case_reviews_use_case_id", "use_case_reviews", ["use_case_id"])


def downgrade() -> None:
    op.drop_table("use_case_reviews")
    op.drop_table("use_cases")
