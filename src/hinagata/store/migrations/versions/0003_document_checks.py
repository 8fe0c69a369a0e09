"""Provenance of documents checked before RAG indexing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_checks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.String(2000), nullable=False, server_default=""),
        sa.Column("owner", sa.String(200), nullable=False, server_default=""),
        sa.Column("title", sa.String(500), nullable=False, server_default=""),
        sa.Column("filename", sa.String(500), nullable=False, server_default=""),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("department", sa.String(200), nullable=False, server_default=""),
        sa.Column("municipality", sa.String(200), nullable=False, server_default=""),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("chars", sa.Integer, nullable=False, server_default="0"),
        sa.Column("injection", sa.JSON, nullable=False),
        sa.Column("personal", sa.JSON, nullable=False),
        sa.Column("rules_version", sa.String(100), nullable=False, server_default=""),
    )
    op.create_index("ix_document_checks_sha256", "document_checks", ["sha256"])
    op.create_index("ix_document_checks_checked_at", "document_checks", ["checked_at"])
    op.create_index("ix_document_checks_municipality", "document_checks", ["municipality"])


def downgrade() -> None:
    op.drop_table("document_checks")
