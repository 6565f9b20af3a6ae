"""People: Olympedia entries, one person per athlete across sources, and the links

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry",
        sa.Column("athlete", sa.String(200), sa.ForeignKey("athlete.key"), primary_key=True),
        sa.Column("games", sa.String(64), sa.ForeignKey("games.slug"), primary_key=True),
        sa.Column("raw_event", sa.String(200), primary_key=True),
        sa.Column("sport", sa.String(64), nullable=False),
        sa.Column("noc", sa.String(3)),
        sa.Column("medal", sa.SmallInteger),
        sa.Column("age", sa.SmallInteger),
        sa.Column("source", sa.String(300), nullable=False),
    )
    op.create_index("ix_entry_games", "entry", ["games", "sport"])
    op.create_table(
        "person",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("display", sa.String(200), nullable=False),
        sa.Column("given", sa.String(200), nullable=False),
        sa.Column("family", sa.String(200), nullable=False),
        sa.Column("full_name", sa.String(300), nullable=False),
        sa.Column("sex", sa.String(1)),
        sa.Column("birth_year", sa.SmallInteger),
        sa.Column("noc", sa.String(3), nullable=False),
        sa.Column("search", sa.Text, nullable=False),
    )
    op.create_table(
        "athlete_person",
        sa.Column("athlete", sa.String(200), sa.ForeignKey("athlete.key"), primary_key=True),
        sa.Column("person", sa.String(200), sa.ForeignKey("person.key"), nullable=False),
        sa.Column("how", sa.Text, nullable=False),
    )
    op.create_index("ix_athlete_person", "athlete_person", ["person"])


def downgrade() -> None:
    op.drop_table("athlete_person")
    op.drop_table("person")
    op.drop_table("entry")
