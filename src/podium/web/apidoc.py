"""What the OpenAPI description says about routes that read their own requests.

The read handlers take the bare `Request` and parse the query themselves (no per-request
validation on the hot path), and the write handlers parse their JSON body with
`podium.ledger`: FastAPI sees neither. These fragments, given to `add_api_route` as
`openapi_extra` and `responses`, are documentation only and cost a request nothing. Schemas
are written out in place rather than as components, so they need no hook into FastAPI's
schema generation. They are
kept true by tests/test_openapi.py, which generates requests from them and checks every
answer against them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path

from podium.ledger import MEDALS
from podium.schema import idempotency, text_length
from podium.table import ORDERS
from podium.web.i18n import LANGS

Doc = dict[str, Any]


def _strings(**described: str) -> Doc:
    return {k: {"type": "string", "description": v} for k, v in described.items()}


INT = {"type": "integer"}
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}

TALLY = {
    "gold": INT,
    "silver": INT,
    "bronze": INT,
    "total": INT,
}

NOC = {
    "noc": STRING,
    "name": STRING,
    "flag": STRING,
    "iso2": NULLABLE_STRING,
}


def _object(properties: Doc, required: list[str] | None = None) -> Doc:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }


GAMES = _object(
    {
        "slug": STRING,
        "name": STRING,
        "year": INT,
        "season": STRING,
        "host": NULLABLE_STRING,
        "starts_at": NULLABLE_STRING,
        "ends_at": NULLABLE_STRING,
    }
)
PERSON = _object({"key": STRING, "name": STRING})
AWARD = _object(
    {
        "key": STRING,
        "games": STRING,
        "event": STRING,
        "medal": {"type": "string", "enum": list(MEDALS)},
        **NOC,
        "athlete": {"anyOf": [PERSON, {"type": "null"}]},
        "team": NULLABLE_STRING,
        "members": {"type": "array", "items": PERSON},
        "awarded_at": NULLABLE_STRING,
        "precision": NULLABLE_STRING,
        "source": NULLABLE_STRING,
        "event_title": NULLABLE_STRING,
    },
    required=["key", "games", "event", "medal", "noc", "athlete", "team", "members"],
)
TABLE_ROW = _object(
    {
        "rank": {"type": ["integer", "null"], "description": "null: listed, not ranked"},
        "rank_label": STRING,
        "tied": {"type": "boolean"},
        **NOC,
        **TALLY,
        "points": INT,
    }
)
MEDAL_TABLE = _object(
    {
        "title": STRING,
        "games": {"type": "array", "items": STRING},
        "as_of": NULLABLE_STRING,
        "order": {"type": "string", "enum": list(ORDERS)},
        "weights": {"type": "array", "items": INT},
        "filters": {"type": "object", "additionalProperties": STRING},
        "medals": _object(TALLY),
        "rows": {"type": "array", "items": TABLE_ROW},
        "seq": {**INT, "description": "the ledger sequence this table includes"},
        "changes": {
            "type": "array",
            "description": "medals revoked or awarded after the Games' close, with when and why",
            "items": _object(
                {
                    "at": {"type": "string", "format": "date-time"},
                    "kind": {"type": "string", "enum": ["revoked", "awarded"]},
                    "event": STRING,
                    "noc": STRING,
                    "medal": STRING,
                    "team": NULLABLE_STRING,
                    "athlete": NULLABLE_STRING,
                    "reason": STRING,
                }
            ),
        },
    }
)
SEARCH_PAGE = _object(
    {
        "query": STRING,
        "matches": {
            "type": "array",
            "items": _object(
                {
                    "key": STRING,
                    "name": STRING,
                    "noc": STRING,
                    "born": {"anyOf": [INT, {"type": "null"}]},
                    "medals": INT,
                    "match": {"type": "string", "enum": ["name", "words", "alike"]},
                    "appearances": {
                        "type": "array",
                        "items": _object({"games": STRING, "sport": STRING}),
                    },
                }
            ),
        },
    }
)
RACE = _object(
    {
        "games": GAMES,
        "days": {"type": "array", "items": {"type": "string", "format": "date"}},
        "series": {
            "type": "array",
            "items": _object({**NOC, "golds": {"type": "array", "items": INT}}),
        },
    }
)
NOC_PAGE = _object(
    {
        **NOC,
        "games": GAMES,
        "awards": {"type": "array", "items": AWARD},
        "history": {
            "type": "array",
            "items": _object(
                {"games": GAMES, "rank": {"type": ["integer", "null"]}, **TALLY},
                required=["games", "rank", *TALLY],
            ),
        },
    }
)
EVENT_PAGE = _object(
    {
        "event": _object({"key": STRING, "discipline": STRING, "gender": STRING, "title": STRING}),
        "spellings": {"type": "array", "items": STRING},
        "podiums": {
            "type": "array",
            "items": _object({"games": GAMES, "awards": {"type": "array", "items": AWARD}}),
        },
    }
)
FULL_RESULT = _object(
    {
        "place": {"type": ["integer", "null"]},
        "tied": {"type": "boolean"},
        "name": STRING,
        "noc": NULLABLE_STRING,
        "athlete": NULLABLE_STRING,
        "competitor": STRING,
        "result": NULLABLE_STRING,
        "result_type": NULLABLE_STRING,
        "margin": NULLABLE_STRING,
        "irm": {**NULLABLE_STRING, "description": "invalid result mark: DNS, DNF, DSQ, RET ..."},
        "wlt": NULLABLE_STRING,
        "records": {"type": "array", "items": STRING},
    }
)
UNIT_RESULTS = _object(
    {
        "games": STRING,
        "unit": STRING,
        "name": STRING,
        "status": STRING,
        "version": INT,
        "results": {"type": "array", "items": FULL_RESULT},
    }
)
EVENT_PAGE["properties"]["results"] = {
    "type": "array",
    "description": "full results of the event's units, from the ODF feed",
    "items": UNIT_RESULTS,
}
EVENT_PAGE["required"].append("results")
ATHLETE_PAGE = _object(
    {
        "athlete": _object(
            {"key": STRING, "name": STRING, "noc": NULLABLE_STRING, "gender": NULLABLE_STRING}
        ),
        **TALLY,
        "games": {
            "type": "array",
            "items": _object({"games": GAMES, **TALLY}),
        },
        "awards": {"type": "array", "items": AWARD},
    }
)
SENTENCE = _object(
    {
        "text": STRING,
        "facts": {
            "type": "array",
            "items": STRING,
            "description": "the ids of the facts (in `facts`) this sentence says",
        },
    }
)
STORIES_PAGE = _object(
    {
        "games": GAMES,
        "perspective": _object(NOC),
        "as_of": NULLABLE_STRING,
        "stories": {
            "type": "array",
            "items": _object(
                {
                    "kind": {"type": "string", "enum": ["table", "event"]},
                    "event": NULLABLE_STRING,
                    "as_of": NULLABLE_STRING,
                    "headline": SENTENCE,
                    "lead": SENTENCE,
                    "paragraphs": {"type": "array", "items": {"type": "array", "items": SENTENCE}},
                }
            ),
        },
        "facts": {
            "type": "object",
            "description": "every fact a sentence names, by id, with the award keys it rests on",
            "additionalProperties": _object(
                {
                    "id": STRING,
                    "kind": STRING,
                    "subjects": {"type": "array", "items": STRING},
                    "numbers": {"type": "object"},
                    "evidence": {"type": "array", "items": STRING},
                    "score": {"type": "number"},
                    "relevance": {"type": "number"},
                }
            ),
        },
    }
)
READ_ERROR = _object({"error": STRING})
# the router's own answer when no route matches (a path with a line break in it)
ROUTER_ERROR = _object({"detail": STRING})
DESK_ERROR = _object(
    {
        "error": _object(
            {
                "field": {**STRING, "description": "the field at fault, e.g. medals[0].noc"},
                "message": STRING,
                "limit": {**INT, "description": "413 only: the body limit in bytes"},
            },
            required=["field", "message"],
        )
    }
)
RECORDED = _object(
    {
        "seq": {**INT, "description": "the ledger sequence: the live stream's event id"},
        "kind": {"type": "string", "enum": ["result", "correction", "disqualification"]},
        "games": STRING,
        "event": STRING,
        "duplicate": {
            "type": "boolean",
            "description": "true: this very result was recorded before; nothing new written",
        },
    }
)
LEDGER = {
    "type": "array",
    "items": _object(
        {
            "seq": INT,
            "kind": STRING,
            "event": STRING,
            "effective_at": STRING,
            "recorded_at": STRING,
            "actor": STRING,
            "reason": STRING,
            "request": {"type": "object"},
        }
    ),
}

# What ledger.parse_entry takes: an athlete (name or key) or a team (name, members).
ENTRY_FIELDS: Doc = {
    "medal": {"type": "string", "enum": list(MEDALS), "description": "any letter case"},
    "noc": {"type": "string", "description": "an IOC code, e.g. NED (any letter case)"},
    **_strings(
        athlete="the athlete's name as the desk types it: 'Femke Kok' or 'KOK Femke'",
        athlete_key="an athlete's key, instead of a name",
        team="a team's name: an entry is an athlete or a team, not both",
    ),
    "members": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "member_keys": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "tie": {"type": "boolean", "description": "this medal is shared (each entry says so)"},
}
ENTRY = {"type": "object", "properties": ENTRY_FIELDS, "required": ["medal", "noc"]}
OUT_ENTRY = {"type": "object", "properties": ENTRY_FIELDS, "required": ["noc"]}
MOMENT = {"type": "string", "format": "date-time", "description": "ISO 8601 with a time zone"}
MEDALS_LIST = {"type": "array", "items": ENTRY, "minItems": 1}
REASON = {"type": "string", "minLength": 1}
VACANT = {
    "type": "array",
    "items": {"type": "string", "enum": ["silver", "bronze"]},
    "description": "medals left vacant on purpose (a finalist disqualified)",
}

RESULT_BODY = {
    "type": "object",
    "description": "ledger.parse_result: one event's whole podium",
    "properties": {
        "event": {"type": "string", "description": "e.g. speed-skating/w/500m"},
        "awarded_at": MOMENT,
        "medals": MEDALS_LIST,
        "reason": STRING,
        "vacant": VACANT,
    },
    "required": ["event", "medals"],
}
CORRECTION_BODY = {
    "type": "object",
    "description": "ledger.parse_correction: the event's whole podium anew",
    "properties": {
        "medals": MEDALS_LIST,
        "reason": REASON,
        "effective_at": MOMENT,
        "vacant": VACANT,
    },
    "required": ["medals", "reason"],
}
DISQUALIFICATION_BODY = {
    "type": "object",
    "description": "ledger.parse_disqualification: entries out, medals moving up (or vacant)",
    "properties": {
        "disqualified": {"type": "array", "items": OUT_ENTRY, "minItems": 1},
        "reallocated": {"type": "array", "items": ENTRY},
        "reason": REASON,
        "effective_at": MOMENT,
    },
    "required": ["disqualified", "reason"],
}
BODIES = {
    "result": RESULT_BODY,
    "correction": CORRECTION_BODY,
    "disqualification": DISQUALIFICATION_BODY,
}


SLUG = "milano-cortina-2026"
EVENT = "speed-skating/w/500m"
KOK = {"noc": "NED", "athlete": "Femke Kok"}
LEERDAM = {"noc": "NED", "athlete": "Jutta Leerdam"}
TAKAGI = {"noc": "JPN", "athlete": "Miho Takagi"}
# one story told by the three examples: a result, its correction, a disqualification
EXAMPLES = {
    "result": {
        "event": EVENT,
        "awarded_at": "2026-02-15T18:30:00+01:00",
        "medals": [
            {"medal": "gold", **KOK},
            {"medal": "silver", **LEERDAM},
            {"medal": "bronze", **TAKAGI},
        ],
    },
    "correction": {
        "medals": [
            {"medal": "gold", **LEERDAM},
            {"medal": "silver", **KOK},
            {"medal": "bronze", **TAKAGI},
        ],
        "reason": "photo finish reviewed",
        "effective_at": "2026-02-16T12:00:00+01:00",
    },
    "disqualification": {
        "disqualified": [LEERDAM],
        "reallocated": [{"medal": "gold", **KOK}, {"medal": "silver", **TAKAGI}],
        "reason": "anti-doping rule violation",
    },
}

# the write routes' path parameters, with their examples (module level: FastAPI resolves the
# handlers' annotations in the app module's namespace)
Slug = Annotated[str, Path(examples=[SLUG])]
Event = Annotated[str, Path(examples=[EVENT])]


# -- parameters --------------------------------------------------------------------------


def _param(name: str, where: str, schema: Doc, description: str, example: str = "") -> Doc:
    doc = {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": description,
    }
    return {**doc, "example": example} if example else doc


LANG = _param(
    "lang",
    "query",
    {"type": "string", "enum": list(LANGS)},
    "the page's language; default from Accept-Language, else English",
)
IF_NONE_MATCH = _param(
    "If-None-Match", "header", STRING, "an ETag from before: 304 when nothing changed"
)
PATH = {
    "slug": _param("slug", "path", STRING, "the Games", SLUG),
    "code": _param("code", "path", STRING, "an IOC code", "NED"),
    "key": _param("key", "path", STRING, "an event's key", EVENT),
    "athlete": _param("key", "path", STRING, "an athlete's key", "milano-cortina-2026:51795"),
}
QUERY = {
    "table": [
        _param(
            "order",
            "query",
            {"type": "string", "enum": list(ORDERS), "default": "gold"},
            "gold first (official), total medals, or points 3-2-1",
        ),
        _param("sport", "query", STRING, "only this sport's medals", "speed-skating"),
        _param(
            "as_of",
            "query",
            STRING,
            "the table as it stood then: a date (end of that day at the host) or a date-time",
            "2026-02-17",
        ),
    ],
    "noc": [
        _param("games", "query", STRING, "the Games to list awards of; default the latest", SLUG)
    ],
    "search": [
        _param(
            "q", "query", STRING, "a name as people type it (any case, accents optional)", "Wust"
        )
    ],
    "stories": [
        _param("perspective", "query", STRING, "the reader's country (IOC code)", "NED"),
        _param(
            "as_of",
            "query",
            STRING,
            "the news as it stood then: a date (end of that day at the host) or a date-time",
            "2026-02-17",
        ),
    ],
}
PAGES = {
    "table": (PATH["slug"], MEDAL_TABLE),
    "race": (PATH["slug"], RACE),
    "stories": (PATH["slug"], STORIES_PAGE),
    "noc": (PATH["code"], NOC_PAGE),
    "event": (PATH["key"], EVENT_PAGE),
    "athlete": (PATH["athlete"], ATHLETE_PAGE),
    "search": (None, SEARCH_PAGE),
}
TITLED_GAMES = {**GAMES, "properties": {**GAMES["properties"], "title": STRING}}
TITLED_GAMES["required"] = [*GAMES["required"], "title"]
HOME = _object(
    {
        "live": {"type": "array", "items": TITLED_GAMES, "description": "being decided now"},
        "recent": {"type": "array", "items": TITLED_GAMES},
        "games": {"type": "array", "items": TITLED_GAMES, "description": "newest first"},
        "latest": NULLABLE_STRING,
        "countries": {"type": "array", "items": _object(NOC)},
    }
)
PAGES["home"] = (None, HOME)


# -- projection (issue 11) -------------------------------------------------------------------

NUMBER = {"type": "number"}
NULLABLE_NUMBER = {"type": ["number", "null"], "description": "null: outside the ranking"}
PAIR = {"type": "array", "items": INT, "minItems": 2, "maxItems": 2}
PROJECTION_ROW = _object(
    {
        **NOC,
        "now": _object(TALLY),
        "expected_gold": NUMBER,
        "expected_silver": NUMBER,
        "expected_bronze": NUMBER,
        "expected_total": NUMBER,
        "gold_interval": {**PAIR, "description": "80%: 10th to 90th percentile"},
        "total_interval": PAIR,
        "expected_to_come": NUMBER,
        "p_first": NULLABLE_NUMBER,
        "p_top3": NULLABLE_NUMBER,
        "p_top10": NULLABLE_NUMBER,
        "target": {"type": ["integer", "null"], "description": "the rank it aims for"},
        "p_target": {"type": ["number", "null"]},
    }
)
NUMBERS = {"type": "array", "items": NUMBER}
PROJECTION = _object(
    {
        "games": GAMES,
        "as_of": NULLABLE_STRING,
        "draws": INT,
        "seed": INT,
        "events_decided": INT,
        "events_to_come": INT,
        "interval": NUMBER,
        "rows": {"type": "array", "items": PROJECTION_ROW},
        "noc": {
            "anyOf": [
                {
                    **PROJECTION_ROW,
                    "properties": {
                        **PROJECTION_ROW["properties"],
                        "golds": NUMBERS,
                        "totals": NUMBERS,
                        "ranks": NUMBERS,
                    },
                },
                {"type": "null"},
            ],
            "description": "the chosen NOC with P(golds = k), P(medals = k), P(rank = r + 1)",
        },
        "trajectory": {
            "type": "array",
            "items": _object(
                {
                    "as_of": STRING,
                    "events_decided": INT,
                    "expected_gold": NUMBER,
                    "p_top10": NULLABLE_NUMBER,
                    "p_first": NULLABLE_NUMBER,
                }
            ),
        },
    }
)
PAGES["projection"] = (PATH["slug"], PROJECTION)
QUERY["projection"] = [
    _param("noc", "query", STRING, "the country whose spread and course are shown", "NED"),
    _param(
        "as_of",
        "query",
        STRING,
        "the projection as it stood then: a date (end of that day at the host) or a date-time",
        "2026-02-17",
    ),
]


def json_of(schema: Doc) -> Doc:
    return {"application/json": {"schema": schema}}


def read_extra(kind: str) -> Doc:
    """`openapi_extra` of a page and its JSON twin: the parameters their builder reads."""
    path, _ = PAGES[kind]
    return {"parameters": [*([path] if path else []), *QUERY.get(kind, []), LANG, IF_NONE_MATCH]}


def read_responses(kind: str, as_json: bool) -> dict[int | str, Doc]:
    _, schema = PAGES[kind]
    ok = json_of(schema) if as_json else {"text/html": {"schema": STRING}}
    return {
        200: {"description": "the page" if not as_json else "the page's data", "content": ok},
        304: {"description": "not modified since the ETag sent in If-None-Match"},
        404: {
            "description": "no such Games, NOC, event or athlete",
            "content": json_of(READ_ERROR),
        },
        422: {"description": "a query parameter out of range", "content": json_of(READ_ERROR)},
    }


def _desk(description: str) -> Doc:
    return {"description": description, "content": json_of(DESK_ERROR)}


RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "schema": INT}}


def write_extra(kind: str) -> Doc:
    """`openapi_extra` of a write route: the JSON body `podium.ledger` parses."""
    body = {"schema": BODIES[kind], "example": EXAMPLES[kind]}
    return {
        "requestBody": {"required": True, "content": {"application/json": body}},
        "parameters": [
            _param(
                "Idempotency-Key",
                "header",
                {"type": "string", "maxLength": text_length(idempotency.c.key)},
                "the same key again answers the first answer and records nothing",
            )
        ],
    }


WRITE_RESPONSES: dict[int | str, Doc] = {
    200: {"description": "already recorded: nothing new written", "content": json_of(RECORDED)},
    201: {"description": "recorded as a new ledger entry", "content": json_of(RECORDED)},
    400: _desk("the body is not JSON"),
    401: _desk("no token, or an unknown one"),
    403: _desk("the token may not write (a reader)"),
    404: {
        "description": 'no such Games or event; {"detail": ...} when no route matches',
        "content": json_of({"anyOf": [DESK_ERROR, ROUTER_ERROR]}),
    },
    409: _desk("the event already has a result, or none to correct"),
    413: _desk("the body is over the size limit (named in the answer)"),
    422: _desk("the request is refused; `field` names what is wrong"),
    429: {**_desk("too many writes: wait Retry-After seconds"), "headers": RETRY_AFTER},
}


# -- ODF: the official results feed in ---------------------------------------------------------

ODF_OUTCOME = _object(
    {
        "document": STRING,
        "action": {
            "type": "string",
            "enum": [
                "applied",
                "unchanged",
                "superseded",
                "duplicate",
                "cancelled",
                "stored",
                "refused",
            ],
        },
        "detail": STRING,
        "games": NULLABLE_STRING,
        "mapping": {"type": "array", "items": STRING},
        "problems": {"type": "array", "items": STRING},
        "ledger": {"type": "array", "items": INT},
    }
)
ODF_EXAMPLE = (
    '<?xml version="1.0" encoding="UTF-8"?><OdfBody CompetitionCode="OWG2026" '
    'DocumentCode="SSKW500M--------------------------" DocumentType="DT_MEDALS" Version="1" '
    'FeedFlag="T" LogicalDate="2026-02-15" Source="ODS"/>'
)
ODF_EXTRA: Doc = {
    "requestBody": {
        "required": True,
        "content": {
            "application/xml": {
                "schema": {"type": "string", "description": "one ODF message (OdfBody)"},
                "example": ODF_EXAMPLE,
            }
        },
    }
}
_outcome = {"content": json_of(ODF_OUTCOME)}
ODF_RESPONSES: dict[int | str, Doc] = {
    200: {"description": "taken: applied, a duplicate, superseded ...", **_outcome},
    401: _desk("no token, or an unknown one"),
    403: _desk("the token may not write (a reader)"),
    413: _desk("the message is over the size limit (named in the answer)"),
    422: {"description": "refused: nothing of it stored", **_outcome},
    429: {**_desk("too many writes: wait Retry-After seconds"), "headers": RETRY_AFTER},
}
