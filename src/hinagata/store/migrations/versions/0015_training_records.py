"""Training records (研修): one row per attempt at the quiz — who, which policy and course
version, when, the score; never the answers given.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("municipality", sa.String(200), nullable=False, server_default=""),
        sa.Column("department", sa.String(200), nullable=False, server_default=""),
        sa.Column("login", sa.String(200), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("policy_version", sa.String(500), nullable=False, server_default=""),
        sa.Column("course_version", sa.String(64), nullable=False, server_default=""),
        sa.Column("chapters", sa.JSON, nullable=False),
        sa.Column("questions", sa.Integer, nullable=False, server_default="0"),
        sa.Column("correct", sa.Integer, nullable=True),
        sa.Column("pass_mark", sa.Integer, nullable=False, server_default="0"),
        sa.Column("passed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_training_records_who", "training_records", ["municipality", "login"])


def downgrade() -> None:
    op.drop_table("training_records")
