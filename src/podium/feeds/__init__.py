"""The news leaving Podium: stories as versioned news items (IPTC ninjs, Atom), signed
webhooks fed from an outbox written with the ledger, calendars of the medal sessions.

`news` turns stories into items and feeds, `store` holds the feeds' SQL, `webhooks` signs and
delivers, `calendar` writes iCalendar. ninjs-schema_3.0.json is IPTC's published ninjs 3.0
JSON Schema (github.com/iptc/newsinjson, specification/ninjs-schema_3.0.json at 3ace397,
CC BY 4.0 per its own description; the repository is MIT licensed), kept for validation.
"""
