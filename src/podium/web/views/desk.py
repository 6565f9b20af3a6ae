"""The results desk's write API: results, corrections and disqualifications into the ledger,
the ledger read back, and the official ODF feed in. Writes run on their own worker pool, so a
slow page never stalls one; a bearer token with the editor role is needed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Security
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel

from podium import ledger, odf, schema, serialize
from podium.core import NotFound
from podium.web.schemas import (
    EXAMPLES,
    ODF_EXAMPLE,
    CorrectionBody,
    DeskError,
    DisqualificationBody,
    EventKey,
    LedgerEntry,
    OdfOutcome,
    ReadError,
    Recorded,
    ResultBody,
    RouterError,
    Slug,
    inline,
    unset,
)
from podium.web.site import HttpError, Site
from podium.web.views.live import LEDGER_SEQ_MAX

IDEMPOTENCY_KEY_LENGTH = schema.text_length(schema.idempotency.c.key)
ODF_PATH = "/api/odf"
Record = Callable[[Any, str, ledger.Idem], Any]
IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        description="the same key again answers the first answer and records nothing",
        json_schema_extra=unset(maxLength=IDEMPOTENCY_KEY_LENGTH),
    ),
]
BODIES: dict[str, type[BaseModel]] = {
    "result": ResultBody,
    "correction": CorrectionBody,
    "disqualification": DisqualificationBody,
}


def _desk(description: str) -> dict[str, Any]:
    return {"description": description, "model": DeskError}


RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}
REFUSED: dict[int | str, dict[str, Any]] = {
    401: _desk("no token, or an unknown one"),
    403: _desk("the token may not write (a reader)"),
    413: _desk("the body is over the size limit (named in the answer)"),
    429: {**_desk("too many writes: wait Retry-After seconds"), "headers": RETRY_AFTER},
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "already recorded: nothing new written", "model": Recorded},
    201: {"description": "recorded as a new ledger entry", "model": Recorded},
    400: _desk("the body is not JSON"),
    **REFUSED,
    404: {
        "description": 'no such Games or event; {"detail": ...} when no route matches',
        "model": DeskError | RouterError,
    },
    409: _desk("the event already has a result, or none to correct"),
    422: _desk("the request is refused; `field` names what is wrong"),
}
# the ODF feed POSTs XML, one message a request: read by `podium.odf`, described here
ODF_BODY = {
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
ODF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "taken: applied, a duplicate, superseded ...", "model": OdfOutcome},
    **REFUSED,
    422: {"description": "refused: nothing of it stored", "model": OdfOutcome},
}


def actor(site: Site, request: Request) -> str:
    """The label of the editor whose bearer token the request carries."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HttpError(401, {"field": "Authorization", "message": "a Bearer token is needed"})
    found = ledger.check_token(token.strip(), site.podium.store.tokens())
    if found is None:
        raise HttpError(401, {"field": "Authorization", "message": "unknown token"})
    role, label = found
    if role != "editor":
        raise HttpError(403, {"field": "Authorization", "message": f"a {role} cannot write"})
    return label


def write_now(site: Site, request: Request, raw: bytes, record: Record) -> Response:
    podium = site.podium
    who = actor(site, request)
    key = request.headers.get("idempotency-key")
    idem: ledger.Idem = None
    if key and len(key) > IDEMPOTENCY_KEY_LENGTH:
        detail = {
            "field": "Idempotency-Key",
            "message": f"longer than {IDEMPOTENCY_KEY_LENGTH} characters",
        }
        return JSONResponse({"error": detail}, 422)
    if key:
        digest = hashlib.sha256(request.url.path.encode() + b"\n" + raw).hexdigest()
        earlier = podium.store.idempotent(key)
        if earlier is not None:
            if earlier.request_hash != digest:
                detail = {"field": "Idempotency-Key", "message": "used for another request"}
                return JSONResponse({"error": detail}, 422)
            body = recorded_body(site, int(json.loads(earlier.body)["seq"]))
            return JSONResponse(body, earlier.status, headers={"Idempotent-Replayed": "true"})

        def idem(seq: int) -> dict[str, Any]:
            body = json.dumps({"seq": seq})
            return {"key": key, "request_hash": digest, "status": 201, "body": body}

    try:
        payload = json.loads(raw or b"null")
    except (ValueError, RecursionError):  # nesting thousands deep fits in the size limit
        return JSONResponse({"error": {"field": "body", "message": "not JSON"}}, 400)
    try:
        recorded = record(payload, who, idem)
    except ledger.DeskError as exc:
        return JSONResponse({"error": exc.as_dict()}, exc.status)
    except NotFound as exc:
        return JSONResponse({"error": {"field": "games", "message": str(exc)}}, 404)
    return JSONResponse(recorded.as_dict(), 200 if recorded.duplicate else 201)


def recorded_body(site: Site, seq: int) -> dict[str, Any]:
    entry = site.podium.store.ledger_entries(after=seq - 1)[0]
    return ledger.Recorded(seq, entry.kind, entry.games, entry.event, False).as_dict()


def ledger_now(site: Site, slug: str, after: int) -> Response:
    try:
        site.podium.games(slug)
    except NotFound as exc:
        return JSONResponse({"error": str(exc)}, 404)
    rows = site.podium.store.ledger_entries(games=slug, after=after)
    return JSONResponse(
        [
            {
                "seq": r.seq,
                "kind": r.kind,
                "event": r.event,
                "effective_at": serialize.moment(r.effective_at.replace(tzinfo=UTC)),
                "recorded_at": serialize.moment(r.recorded_at.replace(tzinfo=UTC)),
                "actor": r.actor,
                "reason": r.reason,
                "request": json.loads(r.payload),
            }
            for r in rows
        ]
    )


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    desk = site.desk

    async def write(request: Request, record: Record) -> Response:
        raw = await request.body()
        response = await site.writes.answer(lambda: write_now(site, request, raw, record))
        if response.status_code == 201:
            site.broadcaster.publish()  # on the loop: the streams' wake-ups are not thread-safe
        return response

    # documents the bearer scheme in the OpenAPI; `actor` does the checking
    bearer = [Security(HTTPBearer(auto_error=False))]

    def write_doc(kind: str) -> dict[str, Any]:
        """The JSON body `podium.ledger` parses (the handler reads it, FastAPI never does)."""
        body = {"schema": inline(BODIES[kind]), "example": EXAMPLES[kind]}
        extra = {"requestBody": {"required": True, "content": {"application/json": body}}}
        return {
            "openapi_extra": extra,
            "responses": WRITE_RESPONSES,
            "dependencies": bearer,
            "status_code": 201,
            "response_model": Recorded,
        }

    @router.post("/api/games/{slug}/results", **write_doc("result"))
    async def post_result(request: Request, slug: Slug, key: IdempotencyKey = "") -> Response:
        return await write(request, lambda body, who, idem: desk.result(slug, body, who, idem))

    @router.post("/api/games/{slug}/events/{event:path}/corrections", **write_doc("correction"))
    async def post_correction(
        request: Request, slug: Slug, event: EventKey, key: IdempotencyKey = ""
    ) -> Response:
        return await write(
            request, lambda body, who, idem: desk.correction(slug, event, body, who, idem)
        )

    @router.post(
        "/api/games/{slug}/events/{event:path}/disqualifications",
        **write_doc("disqualification"),
    )
    async def post_disqualification(
        request: Request, slug: Slug, event: EventKey, key: IdempotencyKey = ""
    ) -> Response:
        return await write(
            request, lambda body, who, idem: desk.disqualification(slug, event, body, who, idem)
        )

    @router.get(
        "/api/games/{slug}/ledger",
        response_model=list[LedgerEntry],
        response_description="the entries",
        responses={404: {"description": "no such Games", "model": ReadError}},
    )
    async def ledger_entries(
        slug: str, after: Annotated[int, Query(ge=0, le=LEDGER_SEQ_MAX)] = 0
    ) -> Response:
        return await site.reads.answer(lambda: ledger_now(site, slug, after))

    @router.post(
        ODF_PATH,
        openapi_extra=ODF_BODY,
        responses=ODF_RESPONSES,
        dependencies=bearer,
        response_model=OdfOutcome,
    )
    async def post_odf(request: Request) -> Response:
        """One ODF message as its producer POSTs it (application/xml): applied by the feed's
        rules, medals recorded through the desk; the answer reports what it did."""
        who = actor(site, request)
        outcome = odf.Feed(site.podium, who).ingest(await request.body(), "request body")
        if outcome.action not in ("refused", "duplicate", "superseded"):
            site.broadcaster.publish()
        return JSONResponse(outcome.as_dict(), 422 if outcome.action == "refused" else 200)

    return router
