"""Targets: a NOC's stated ambition for a Games, with its source and date

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "target",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("games", sa.String(64), sa.ForeignKey("games.slug"), nullable=False),
        sa.Column("noc", sa.String(3), sa.ForeignKey("noc.code"), nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("stated_at", sa.DateTime, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_target_games", "target", ["games", "noc", "stated_at"])


def downgrade() -> None:
    op.drop_index("ix_target_games", table_name="target")
    op.drop_table("target")
