"""Stories as news items: a stable id, a version that grows when the content changes, the
facts each sentence says as metadata; served as IPTC ninjs 3.0 and as Atom.

`stories_as_items` is the one place that reads stories: it depends only on the public
`story.front_page` and the JSON shape of a story (headline, lead, paragraphs of sentences,
each with its text and fact ids), so the story internals may change freely behind it."""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feedgen.feed import FeedGenerator

from podium.core import NotFound, Podium
from podium.feeds.store import FeedStore, Version
from podium.news import story

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json#"
ALL_EVENTS = 10_000  # front_page's event limit: every medal event of the country


@dataclass(frozen=True)
class Item:
    """One story as a news item, before it has a version."""

    id: str  # "NED-nl-table", "NED-nl-event-speed-skating.w.500m": stable across versions
    games: str
    perspective: str
    lang: str
    kind: str
    event: str | None
    as_of: str | None  # ISO moment the story describes
    story: dict[str, Any]  # {"headline": {text, facts}, "lead": ..., "paragraphs": [[...]]}

    @property
    def content(self) -> str:
        """What a version is made of: a change here is a new version."""
        data = {
            "id": self.id,
            "games": self.games,
            "perspective": self.perspective,
            "lang": self.lang,
            "kind": self.kind,
            "event": self.event,
            "as_of": self.as_of,
            "story": self.story,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.content.encode()).hexdigest()

    def sentences(self) -> list[dict[str, Any]]:
        s = self.story
        return [s["headline"], s["lead"], *(x for p in s["paragraphs"] for x in p)]

    def facts(self) -> list[str]:
        seen: dict[str, None] = {}
        for sentence in self.sentences():
            seen.update(dict.fromkeys(sentence["facts"]))
        return list(seen)


@dataclass(frozen=True)
class Versioned:
    item: Item
    version: Version


def item_id(perspective: str, lang: str, kind: str, event: str | None) -> str:
    # event keys are [a-z0-9/-]: "." stands in for "/" so the id is one URL path segment
    tail = f"-{event.replace('/', '.')}" if event else ""
    return f"{perspective}-{lang}-{kind}{tail}"


def item_from_content(content: str) -> Item:
    d = json.loads(content)
    return Item(
        d["id"], d["games"], d["perspective"], d["lang"], d["kind"], d["event"], d["as_of"],
        d["story"],
    )  # fmt: skip


def stories_as_items(podium: Podium, games: str, perspective: str, lang: str) -> list[Item]:
    """The table story (one living item) and the story of every medal event of
    `perspective`, as they stand now."""
    stories = story.front_page(podium, games, perspective, lang, None, ALL_EVENTS)
    items = []
    for s in stories:
        event = s.event or None
        as_of = s.as_of.isoformat() if s.as_of else None
        data = s.as_dict()
        shape = {"headline": data["headline"], "lead": data["lead"]}
        shape["paragraphs"] = data["paragraphs"]
        key = item_id(s.perspective, lang, s.kind, event)
        items.append(Item(key, games, s.perspective, lang, s.kind, event, as_of, shape))
    return items


def current(podium: Podium, games: str, perspective: str, lang: str) -> list[Versioned]:
    """The items as they stand, each with its version (registered now if it is new)."""
    podium.games(games)  # NotFound before any work
    code = podium.noc(perspective).code
    if lang not in ("nl", "en"):
        raise ValueError(f"lang: {lang!r} is not nl or en")
    items = stories_as_items(podium, games, code, lang)
    versions = FeedStore(podium.store).register(games, [(i.id, i.digest, i.content) for i in items])
    return [Versioned(i, versions[i.id]) for i in items]


def find(podium: Podium, games: str, key: str) -> Versioned:
    """One item by id, as it stands now."""
    perspective, _, rest = key.partition("-")
    lang, _, _kind = rest.partition("-")
    if not perspective or lang not in ("nl", "en"):
        raise NotFound(f"no story item {key!r}: ids look like NED-nl-table")
    for v in current(podium, games, perspective, lang):
        if v.item.id == key:
            return v
    raise NotFound(f"no story item {key!r} at {games}")


# -- ninjs -----------------------------------------------------------------------------------


def uri(item: Item) -> str:
    return f"urn:podium:{item.games}:story:{item.id}"


def _stamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def body_html(item: Item) -> str:
    """The story as HTML: each sentence a span naming the facts it says."""

    def span(sentence: dict[str, Any]) -> str:
        facts = html.escape(" ".join(sentence["facts"]), quote=True)
        return f'<span data-facts="{facts}">{html.escape(sentence["text"])}</span>'

    s = item.story
    parts = [f"<p><strong>{span(s['lead'])}</strong></p>"]
    parts += ["<p>" + " ".join(span(x) for x in p) + "</p>" for p in s["paragraphs"]]
    return "\n".join(parts)


def body_text(item: Item) -> str:
    s = item.story
    paragraphs = [s["lead"]["text"], *(" ".join(x["text"] for x in p) for p in s["paragraphs"])]
    return "\n\n".join(paragraphs)


def ninjs(versioned: Versioned, link: str | None = None) -> dict[str, Any]:
    """The item as an IPTC ninjs 3.0 document."""
    item, version = versioned.item, versioned.version
    doc: dict[str, Any] = {
        "standard": {"name": "ninjs", "version": "3.0", "schema": NINJS_SCHEMA},
        "uri": uri(item),
        "type": "text",
        "profile": f"podium-{item.kind}-story",
        "version": str(version.number),
        "firstCreated": _stamp(version.first_created),
        "versionCreated": _stamp(version.created),
        "pubStatus": "usable",
        "language": item.lang,
        "slugline": item.id,
        "by": "Podium",
        "headlines": [{"value": item.story["headline"]["text"]}],
        "descriptions": [{"role": "summary", "value": item.story["lead"]["text"]}],
        "bodies": [
            {"role": "main", "contentType": "text/plain", "value": body_text(item)},
            {"role": "main", "contentType": "text/html", "value": body_html(item)},
        ],
        "subjects": [
            {"rel": "podium:perspective", "literal": item.perspective},
            *({"rel": "podium:fact", "literal": f} for f in item.facts()),
        ],
        "altIds": [{"role": "podium:item", "value": item.id}],
    }
    if item.as_of:
        doc["contentCreated"] = item.as_of.replace("+00:00", "Z")
    if item.event:
        doc["events"] = [{"id": item.event, "rel": "about", "literal": item.event}]
    if link:
        doc["renditions"] = [{"name": "html", "href": link, "contentType": "text/html"}]
    return doc


# -- Atom -------------------------------------------------------------------------------------


def atom(
    items: Sequence[Versioned],
    *,
    games: str,
    title: str,
    perspective: str,
    lang: str,
    base_url: str,
) -> bytes:
    """An Atom feed of the items, newest version first; a version after the first is marked
    as an update (category "update", <updated> after <published>)."""
    fg = FeedGenerator()
    fg.id(f"urn:podium:{games}:stories:{perspective}-{lang}")
    fg.title(title)
    fg.language(lang)
    fg.author({"name": "Podium"})
    page = f"{base_url}/games/{games}/stories?perspective={perspective}&lang={lang}"
    fg.link(href=page, rel="alternate")
    fg.link(href=f"{page.replace('/stories?', '/stories.atom?', 1)}", rel="self")
    ordered = sorted(items, key=lambda v: (v.version.created, v.item.id))
    if ordered:
        fg.updated(ordered[-1].version.created)
    for v in ordered:  # feedgen puts the entry added last first
        entry = fg.add_entry()
        entry.id(uri(v.item))
        entry.title(v.item.story["headline"]["text"])
        entry.summary(v.item.story["lead"]["text"])
        entry.content(body_html(v.item), type="html")
        entry.published(v.version.first_created)
        entry.updated(v.version.created)
        ninjs_url = f"{base_url}/api/games/{games}/stories/{v.item.id}.ninjs.json"
        entry.link(href=ninjs_url, rel="alternate", type="application/json")
        entry.category(term=v.item.kind)
        entry.category(term=f"version-{v.version.number}")
        if v.version.number > 1:
            entry.category(term="update")
    return bytes(fg.atom_str(pretty=True))
