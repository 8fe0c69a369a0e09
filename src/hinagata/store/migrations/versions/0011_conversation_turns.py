"""Conversation turns of the Responses API (``previous_response_id``): sealed placeholder
tables and texts, per municipality and user, deleted when they expire.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_turns",
        sa.Column("response_id", sa.String(200), primary_key=True),
        sa.Column("municipality", sa.String(200), nullable=False),
        sa.Column("user_login", sa.String(200), nullable=False),
        sa.Column("parent", sa.String(200), nullable=True),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_conversation_turns_municipality", "conversation_turns", ["municipality"])
    op.create_index("ix_conversation_turns_expires_at", "conversation_turns", ["expires_at"])


def downgrade() -> None:
    op.drop_table("conversation_turns")
