"""ODF feed: messages by document version, full results, schedule units, participants, codes

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "odf_message",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("competition", sa.String(16), nullable=False),
        sa.Column("document_code", sa.String(34), nullable=False),
        sa.Column("document_subcode", sa.String(34), nullable=False),
        sa.Column("document_type", sa.String(30), nullable=False),
        sa.Column("document_subtype", sa.String(20), nullable=False),
        sa.Column("language", sa.String(3), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("games", sa.String(64)),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("result_status", sa.String(16), nullable=False),
        sa.Column("feed_flag", sa.String(1), nullable=False),
        sa.Column("logical_date", sa.String(10), nullable=False),
        sa.Column("sent_at", sa.DateTime),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("cancelled", sa.Boolean, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("body", sa.Text),
    )
    op.create_index(
        "ux_odf_message_version",
        "odf_message",
        [
            "competition",
            "document_code",
            "document_subcode",
            "document_type",
            "document_subtype",
            "language",
            "version",
        ],
        unique=True,
    )
    op.create_table(
        "odf_result",
        sa.Column("games", sa.String(64), primary_key=True),
        sa.Column("unit", sa.String(34), primary_key=True),
        sa.Column("sort_order", sa.Integer, primary_key=True),
        sa.Column("event", sa.String(160)),
        sa.Column("unit_name", sa.String(200), nullable=False),
        sa.Column("competitor", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(1), nullable=False),
        sa.Column("noc", sa.String(3), nullable=False),
        sa.Column("athlete", sa.String(200)),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("rank", sa.Integer),
        sa.Column("rank_equal", sa.Boolean, nullable=False),
        sa.Column("result", sa.String(40), nullable=False),
        sa.Column("result_type", sa.String(20), nullable=False),
        sa.Column("irm", sa.String(10), nullable=False),
        sa.Column("wlt", sa.String(1), nullable=False),
        sa.Column("diff", sa.String(40), nullable=False),
        sa.Column("records", sa.String(60), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_odf_result_event", "odf_result", ["event", "games"])
    op.create_table(
        "odf_unit",
        sa.Column("games", sa.String(64), primary_key=True),
        sa.Column("code", sa.String(34), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("medal", sa.String(2), nullable=False),
        sa.Column("starts_at", sa.DateTime),
        sa.Column("ends_at", sa.DateTime),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "odf_participant",
        sa.Column("games", sa.String(64), primary_key=True),
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("given", sa.String(200), nullable=False),
        sa.Column("family", sa.String(200), nullable=False),
        sa.Column("gender", sa.String(1), nullable=False),
        sa.Column("noc", sa.String(3), nullable=False),
        sa.Column("birth_date", sa.String(10), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("athlete", sa.String(200)),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "odf_code",
        sa.Column("games", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("target", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("odf_code")
    op.drop_table("odf_participant")
    op.drop_table("odf_unit")
    op.drop_index("ix_odf_result_event", table_name="odf_result")
    op.drop_table("odf_result")
    op.drop_index("ux_odf_message_version", table_name="odf_message")
    op.drop_table("odf_message")
