"""The feed's rules, applied one message at a time.

- A newer Version of a document replaces the older; an older one arriving late is kept and
  reported as superseded, the same version again is a duplicate (or, with other content, a
  conflict reported), and a header without a body withdraws its version (falling back to the
  version before it, where there is one).
- *_UPDATE messages replace only the units or participants they list, each unless a newer
  version already set it.
- DT_MEDALLISTS (OFFICIAL) become ledger entries through the results desk (`ledger.Desk`), the
  same core a desk's POST uses: a result, or a correction when a newer version changes the
  medals the feed itself recorded. Medals that contradict what the ledger holds from another
  source are reported, never overwritten.
- DT_MEDALS is reconciled against the ledger, NOC by NOC; DT_RESULT fills the full results.

Every message gives an `Outcome`: what was done, how its codes were mapped, and every problem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.exc import IntegrityError

from podium import events, ledger
from podium.core import Podium
from podium.model import Award
from podium.names import PersonName, fold
from podium.odf import codes
from podium.odf.message import (
    Competitor,
    Message,
    OdfError,
    Person,
    medallists,
    parse,
    participants,
    results,
    sport,
    standings,
    units,
)
from podium.odf.store import Changes, OdfStore
from podium.store import to_db

ACTOR = "odf"
REASON = "ODF "  # how a ledger entry the feed recorded starts its reason
# medallists the ledger takes; UNOFFICIAL or PARTIAL ones wait for their OFFICIAL version
FINAL = frozenset({"OFFICIAL", "PROVISIONAL"})
MEDAL_NAMES = {1: "gold", 2: "silver", 3: "bronze"}
USED = frozenset(
    {
        "DT_MEDALLISTS",
        "DT_MEDALS",
        "DT_RESULT",
        "DT_SCHEDULE",
        "DT_SCHEDULE_UPDATE",
        "DT_PARTIC",
        "DT_PARTIC_UPDATE",
    }
)


@dataclass
class Outcome:
    """What ingesting one message did. `action`: applied, unchanged, superseded, duplicate,
    cancelled, stored (a type Podium does not use), or refused (nothing of it stored)."""

    document: str
    action: str = "applied"
    detail: str = ""
    games: str | None = None
    mapping: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ledger: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        text = f"{self.document}: {self.action}"
        return f"{text} ({self.detail})" if self.detail else text


class Feed:
    """Ingests ODF messages into one Podium, recording medals as `actor`."""

    def __init__(self, podium: Podium, actor: str = ACTOR) -> None:
        self.podium = podium
        self.store = podium.store
        self.odf = OdfStore(podium.store)
        self.desk = ledger.Desk(podium)
        self.actor = actor

    # -- one message ---------------------------------------------------------------------

    def ingest(self, raw: bytes, origin: str = "message") -> Outcome:
        """One message as received; a malformed or hostile one is refused, nothing stored."""
        try:
            message = parse(raw, origin)
        except OdfError as exc:
            return Outcome(exc.document, "refused", exc.reason)
        out = Outcome(message.header.name)
        try:
            self._ingest(message, out)
        except OdfError as exc:
            out.action, out.detail = "refused", exc.reason
        except (codes.Unknown, events.UnknownDiscipline) as exc:
            out.action, out.detail = "refused", str(exc)
        except ledger.DeskError as exc:
            out.action = "refused"
            out.detail = f"the desk refused the medals: {exc}"
        except IntegrityError:
            # another process stored this very version between our look and our write
            out.action, out.detail = "duplicate", "this version arrived twice at once"
        return out

    def _ingest(self, message: Message, out: Outcome) -> None:
        h = message.header
        competition = codes.competition(h.competition)
        games = competition.slug
        out.games = games
        changes = Changes()
        if self.store.games(games) is None:
            if competition.known:
                raise codes.Unknown(f"{competition.name} is not imported yet: import or stage it")
            changes.games.append(codes.games_row(competition, h.logical_date))
            out.mapping.append(f"competition {h.competition} -> new Games {games}")
        else:
            out.mapping.append(f"competition {h.competition} -> {games}")
        if h.feed_flag == "T":
            out.mapping.append("test feed (FeedFlag T)")
        stored = self.odf.versions(h.key)
        same = next((v for v in stored if v.version == h.version), None)
        standing = [v for v in stored if not v.cancelled and v.body is not None]
        newest = max((v.version for v in standing), default=0)
        if message.cancels:
            self._cancel(message, games, same, standing, changes, out)
            return
        if same is not None:
            if same.cancelled:
                out.action, out.detail = "superseded", "this version was withdrawn"
            elif same.digest == message.digest:
                out.action, out.detail = "duplicate", "this version is already in"
            else:
                out.action = "refused"
                out.detail = "a different message under a version already in"
                out.problems.append(f"{h.name}: two different messages with one version")
            return
        row = self._row(message, games)
        if not h.partial and h.version < newest:
            row["outcome"] = out.detail = f"superseded by version {newest}"
            out.action = "superseded"
            self.odf.save(row, changes)
            return
        self._apply(message, games, changes, out)
        row["outcome"] = out.line()
        self.odf.save(row, changes)

    def _row(self, message: Message, games: str) -> dict[str, Any]:
        h = message.header
        return {
            "competition": h.competition,
            "document_code": h.document_code,
            "document_subcode": h.document_subcode,
            "document_type": h.document_type,
            "document_subtype": h.document_subtype,
            "language": h.language,
            "version": h.version,
            "games": games,
            "source": h.source,
            "result_status": h.result_status,
            "feed_flag": h.feed_flag,
            "logical_date": h.logical_date.isoformat(),
            "sent_at": to_db(h.sent_at) if h.sent_at else None,
            "received_at": to_db(datetime.now(UTC)),
            "digest": message.digest,
            "cancelled": message.cancels,
            "outcome": "",
            "body": None if message.cancels else message.raw.decode("utf-8"),
        }

    def _cancel(
        self,
        message: Message,
        games: str,
        same: Any,
        standing: list[Any],
        changes: Changes,
        out: Outcome,
    ) -> None:
        """A header without a body withdraws its version. Withdrawing the standing version
        falls back to the one before it; with none before, results and units go, medals the
        feed recorded stay for the desk to take back (reported)."""
        h = message.header
        out.action = "cancelled"
        if same is None:
            out.detail = "withdrawn before it arrived: it will be ignored"
            row = self._row(message, games)
            row["outcome"] = out.line()
            self.odf.save(row, changes)
            return
        if same.cancelled:
            out.action, out.detail = "duplicate", "already withdrawn"
            return
        changes.cancel = (h.key, h.version)
        newest = max((v.version for v in standing), default=0)
        if h.partial or h.version != newest:
            out.detail = "an older or partial version withdrawn: what stands is unchanged"
            self.odf.save(None, changes)
            return
        before = [v for v in standing if v.version < h.version]
        if before:
            previous = parse(before[-1].body.encode(), h.name)
            self._apply(previous, games, changes, out)
            out.action = "cancelled"
            out.detail = f"back to version {previous.header.version}: {out.detail}"
        else:
            out.detail = "nothing stands in its place"
            if h.document_type == "DT_RESULT":
                changes.results = (games, h.document_code, [])
            elif h.document_type == "DT_MEDALLISTS":
                out.problems.append(
                    f"{h.name} withdrawn: the medals it recorded stay in the ledger until the "
                    "desk corrects or disqualifies them"
                )
        self.odf.save(None, changes)

    def _apply(self, message: Message, games: str, changes: Changes, out: Outcome) -> None:
        kind = message.header.document_type
        if kind == "DT_MEDALLISTS":
            self._medallists(message, games, changes, out)
        elif kind == "DT_MEDALS":
            out.problems += self._reconcile(message, games)
            out.detail = "agrees with the ledger" if not out.problems else "differs from the ledger"
        elif kind == "DT_RESULT":
            self._results(message, games, changes, out)
        elif kind in ("DT_SCHEDULE", "DT_SCHEDULE_UPDATE"):
            self._schedule(message, games, changes, out)
        elif kind in ("DT_PARTIC", "DT_PARTIC_UPDATE"):
            self._participants(message, games, changes, out)
        else:
            out.action, out.detail = "stored", f"{kind} is not a message Podium uses"

    # -- mapping -------------------------------------------------------------------------

    def _event(self, message: Message, games: str, changes: Changes, out: Outcome) -> str:
        """The canonical event of the message's RSC: by the event name it carries (learnt
        for later messages), else as learnt earlier. At a Games the feed created, a new
        event is added to it; at a known Games it must be one of its events."""
        rsc = message.header.rsc
        title = ""
        described = sport(message)
        if described is not None:
            title = described.event
        known = self.odf.code(games, "event", rsc.event)
        if title:
            key = codes.event_key(rsc, title)
        elif known is not None:
            key = known
        else:
            raise codes.Unknown(f"{rsc.short}: no event name in the message nor learnt earlier")
        if known != key:
            changes.codes.append(
                {"games": games, "kind": "event", "code": rsc.event, "target": key}
            )
        out.mapping.append(f"event {rsc.event.rstrip('-')} -> {key}")
        contests = {c.event for c in self.store.contests(games)}
        if key in contests:
            return key
        g = self.store.games(games)
        if g is not None and codes.competition(message.header.competition).known:
            raise codes.Unknown(f"{key} is not an event of {games}")
        discipline = events.discipline_for(codes.DISCIPLINES[rsc.discipline], title)
        gender = events.event_gender(rsc.gender, title)
        shown = events.display_title(title)
        changes.events.append(
            {"key": key, "discipline": discipline.slug, "gender": gender, "title": shown}
        )
        changes.contests.append({"games": games, "event": key, "title": shown, "medal_at": None})
        out.mapping.append(f"new event {key} at {games}")
        # the desk checks events against the database: a new one is written first
        new = Changes(games=changes.games, events=changes.events, contests=changes.contests)
        self.odf.save(None, new)
        changes.games, changes.events, changes.contests = [], [], []
        return key

    def _athlete(self, games: str, person: Person, noc: str, changes: Changes | None) -> str | None:
        """Podium's athlete for an ODF competitor code: the one a participant message linked,
        the Games' own `games:code`, else the one athlete of that name and NOC. With
        `changes`, an athlete found nowhere is created as `games:code`."""
        linked = self.odf.participant_athlete(games, person.code)
        if linked:
            return linked
        own = f"{games}:{person.code}"
        if self.store.athlete(own) is not None:
            return own
        name = PersonName(given=person.given, family=person.family)
        if name.natural:
            found = self.store.athlete_keys_matching(name.match_key, noc)
            if len(found) == 1:
                return found[0]
        if changes is None or not name.natural:
            return None
        if own not in {a["key"] for a in changes.athletes}:
            changes.athletes.append(
                {
                    "key": own,
                    "name": name.natural,
                    "given": name.given,
                    "family": name.family,
                    "gender": person.gender or None,
                    "noc": noc,
                    "match_key": name.match_key,
                }
            )
        return own

    # -- medals --------------------------------------------------------------------------

    def _medallists(self, message: Message, games: str, changes: Changes, out: Outcome) -> None:
        h = message.header
        awards = medallists(message)  # a malformed body is refused before anything is written
        unknown = sorted({a.competitor.noc for a in awards} - set(self.podium.nocs()))
        if unknown:
            raise codes.Unknown(f"NOC {', '.join(unknown)} is not one Podium knows")
        event = self._event(message, games, changes, out)
        if h.result_status not in FINAL:
            out.action, out.detail = "stored", f"{h.result_status or 'no status'}: medals wait"
            return
        count = Counter(a.medal for a in awards)
        entries = [
            self._entry(games, a.medal, a.competitor, count[a.medal] > 1, changes, out)
            for a in awards
        ]
        vacant = self._vacant(count)
        if changes.athletes:
            # the desk takes athletes by key: the feed's new ones go in first
            self.odf.save(None, Changes(athletes=changes.athletes))
            changes.athletes = []
        at = self._medal_moment(message, games, awards[0].unit if awards else "")
        standing = self.store.awards(games=[games], event=event)
        note = f": {message.note}" if message.note else ""
        reason = f"{REASON}{h.name} {h.result_status}{note}"
        body: dict[str, Any] = {"medals": entries, "reason": reason}
        if vacant:
            body["vacant"] = vacant
            out.mapping.append(f"vacant: {', '.join(vacant)}")
        if not standing:
            body["event"], body["awarded_at"] = event, at.isoformat()
            recorded = self.desk.result(games, body, self.actor, None)
        elif _same(standing, entries):
            out.action, out.detail = "unchanged", "the ledger already has these medals"
            return
        elif not self._feeds_own(games, event, standing):
            out.action, out.detail = "stored", "contradicts the ledger: not applied"
            out.problems.append(
                f"{h.name}: medals {_describe(entries)} differ from the ledger's "
                f"{_describe_awards(standing)}, which did not come from this feed"
            )
            return
        else:
            # when the message was sent, or (a version brought back by a withdrawal, sent
            # before the medals it replaces) when they were awarded: never before them
            sent = h.sent_at or datetime.now(UTC)
            body["effective_at"] = max(sent, *(a.awarded_at for a in standing)).isoformat()
            recorded = self.desk.correction(games, event, body, self.actor, None)
        out.ledger.append(recorded.seq)
        out.detail = f"ledger {recorded.kind} {recorded.seq}" + (
            " (duplicate)" if recorded.duplicate else ""
        )

    def _entry(
        self,
        games: str,
        medal: int,
        who: Competitor,
        tie: bool,
        changes: Changes,
        out: Outcome,
    ) -> dict[str, Any]:
        entry: dict[str, Any] = {"medal": MEDAL_NAMES[medal], "noc": who.noc}
        if tie:
            entry["tie"] = True
        if who.kind == "A" and len(who.members) <= 1:
            person = who.members[0] if who.members else Person(who.code, "", "", "", who.noc)
            key = self._athlete(games, person, who.noc, changes)
            if key is None:
                raise OdfError(out.document, f"competitor {who.code} has no name to record")
            entry["athlete_key"] = key
            out.mapping.append(f"competitor {who.code} -> athlete {key}")
            return entry
        entry["team"] = who.team or who.noc
        members = [self._athlete(games, p, p.noc or who.noc, changes) for p in who.members]
        entry["member_keys"] = sorted({m for m in members if m})
        out.mapping.append(f"competitor {who.code} -> team {entry['team']} ({who.noc})")
        return entry

    @staticmethod
    def _vacant(count: Counter[int]) -> list[str]:
        """Medals the podium lacks without a tie to explain it (a finalist disqualified, a
        final against no competitor): recorded as vacant, as the feed says."""
        gold, silver, bronze = count[1], count[2], count[3]
        vacant = []
        if gold == 1 and silver == 0:
            vacant.append("silver")
        if gold + silver < 3 and bronze == 0 and not (gold >= 3 or silver >= 2):
            vacant.append("bronze")
        return vacant

    def _medal_moment(self, message: Message, games: str, unit: str) -> datetime:
        """When the medals count: the end of their unit where the schedule gives it, else
        when the message was sent, else the end of its logical day."""
        found = self.odf.unit(games, unit) if unit else None
        if found is not None and found.ends_at is not None:
            ended: datetime = found.ends_at
            return ended.replace(tzinfo=UTC)
        if message.header.sent_at is not None:
            return message.header.sent_at
        day = message.header.logical_date
        return datetime.combine(day, time(0), UTC) + timedelta(days=1) - timedelta(seconds=1)

    def _feeds_own(self, games: str, event: str, standing: list[Award]) -> bool:
        """Whether the feed itself (by any token) recorded every standing medal of the event:
        its entries give the message as their reason."""
        own = {
            f"ledger:{e.seq}"
            for e in self.store.ledger_entries(games=games, event=event)
            if e.reason.startswith(REASON)
        }
        return all(a.source in own for a in standing)

    def _reconcile(self, message: Message, games: str) -> list[str]:
        """DT_MEDALS against the ledger: every NOC whose counts differ, either way."""
        rsc = message.header.rsc
        scope = None
        if rsc.code.rstrip("-") == rsc.discipline and rsc.discipline in codes.DISCIPLINES:
            scope = codes.discipline(rsc.discipline).slug
        feed = {line.noc: (line.gold, line.silver, line.bronze) for line in standings(message)}
        counted: dict[str, list[int]] = {}
        for a in self.store.awards(games=[games]):
            if scope is None or a.event.startswith(scope + "/"):
                counted.setdefault(a.noc, [0, 0, 0])[int(a.medal) - 1] += 1
        problems = []
        where = message.header.name
        for noc in sorted(set(feed) | set(counted)):
            said = feed.get(noc, (0, 0, 0))
            held = tuple(counted.get(noc, [0, 0, 0]))
            if said != held:
                problems.append(
                    f"{where}: {noc} {_tally(said)} in the feed, {_tally(held)} in the ledger"
                )
        return problems

    def reconcile(self, games: str) -> list[str]:
        """Every standing DT_MEDALS of a Games against the ledger as it is now (medals sent
        after their table are counted)."""
        problems = []
        for row in self.odf.standings(games):
            problems += self._reconcile(parse(row.body.encode(), row.document_code), games)
        return problems

    # -- results, schedule, participants -------------------------------------------------

    def _results(self, message: Message, games: str, changes: Changes, out: Outcome) -> None:
        h = message.header
        listed = results(message)  # a malformed body is refused before anything is written
        try:
            event: str | None = self._event(message, games, changes, out)
        except codes.Unknown as exc:
            event = None
            out.problems.append(f"{h.name}: results kept without an event ({exc})")
        described = sport(message)
        found = self.odf.unit(games, h.document_code)
        unit_name = (described and _sub_event(message)) or (found.name if found else "")
        rows = []
        for r in listed:
            c = r.competitor
            athlete = None
            name = c.team
            if c.kind == "A" and c.members:
                person = c.members[0]
                athlete = self._athlete(games, person, c.noc, None)
                name = PersonName(person.given, person.family).natural
            rows.append(
                {
                    "games": games,
                    "unit": h.document_code,
                    "sort_order": r.sort_order,
                    "event": event,
                    "unit_name": unit_name,
                    "competitor": c.code,
                    "kind": c.kind[:1],
                    "noc": c.noc[:3],
                    "athlete": athlete,
                    "name": name or c.code,
                    "rank": r.rank,
                    "rank_equal": r.rank_equal,
                    "result": r.result,
                    "result_type": r.result_type,
                    "irm": r.irm,
                    "wlt": r.wlt,
                    "diff": r.diff,
                    "records": " ".join(r.records),
                    "status": h.result_status,
                    "version": h.version,
                }
            )
        changes.results = (games, h.document_code, rows)
        irm = Counter(r["irm"] for r in rows if r["irm"])
        marks = ", ".join(f"{n} {k}" for k, n in sorted(irm.items()))
        out.detail = f"{len(rows)} results, {h.result_status}" + (f"; {marks}" if marks else "")

    def _schedule(self, message: Message, games: str, changes: Changes, out: Outcome) -> None:
        h = message.header
        if h.document_type == "DT_SCHEDULE":
            changes.clear_units = (games, h.rsc.discipline)
        listed = units(message)
        for u in listed:
            changes.units.append(
                {
                    "games": games,
                    "code": u.code,
                    "name": u.name,
                    "status": u.status,
                    "medal": u.medal,
                    "starts_at": to_db(u.starts_at) if u.starts_at else None,
                    "ends_at": to_db(u.ends_at) if u.ends_at else None,
                    "version": h.version,
                }
            )
        out.detail = f"{len(listed)} units"

    def _participants(self, message: Message, games: str, changes: Changes, out: Outcome) -> None:
        h = message.header
        listed = list(participants(message))
        linked = 0
        for p in listed:
            athlete = self._athlete(games, p, p.noc, None)
            linked += athlete is not None
            changes.participants.append(
                {
                    "games": games,
                    "code": p.code,
                    "given": p.given,
                    "family": p.family,
                    "gender": p.gender,
                    "noc": p.noc[:3],
                    "birth_date": p.birth_date,
                    "status": p.status,
                    "athlete": athlete,
                    "version": h.version,
                }
            )
        out.detail = f"{len(listed)} participants, {linked} linked to Podium's athletes"

    # -- many messages -------------------------------------------------------------------

    def ingest_all(self, messages: Iterable[tuple[str, bytes]]) -> list[Outcome]:
        """Messages in the order given, then every Games' medal tables reconciled again."""
        outcomes = [self.ingest(raw, origin) for origin, raw in messages]
        for games in sorted({o.games for o in outcomes if o.games}):
            # a table may arrive before its medallists: what is still wrong at the end
            problems = self.reconcile(games)
            if problems:
                outcomes.append(
                    Outcome(f"DT_MEDALS of {games}", "reconciled", "", games, problems=problems)
                )
        return outcomes


def _sub_event(message: Message) -> str:
    found = message.body.find("ExtendedInfos/SportDescription")
    return "" if found is None else str(found.get("SubEventName") or found.get("EventName") or "")


def _tally(counts: Iterable[int]) -> str:
    return "-".join(str(c) for c in counts)


def _who(noc: str, athlete: str | None, team: str | None) -> tuple[str, str]:
    return noc, athlete or f"team:{fold(team or noc)}"


def _same(standing: list[Award], entries: list[dict[str, Any]]) -> bool:
    held = sorted((int(a.medal), *_who(a.noc, a.athlete, a.team)) for a in standing)
    said = sorted(
        (
            list(MEDAL_NAMES.values()).index(e["medal"]) + 1,
            *_who(e["noc"], e.get("athlete_key"), e.get("team")),
        )
        for e in entries
    )
    return held == said


def _describe(entries: list[dict[str, Any]]) -> str:
    return ", ".join(
        f"{e['medal']} {e['noc']} {e.get('athlete_key') or e.get('team')}" for e in entries
    )


def _describe_awards(standing: list[Award]) -> str:
    return ", ".join(f"{a.medal.label} {a.noc} {a.athlete or a.team}" for a in standing)


def read_messages(location: str) -> Iterator[tuple[str, bytes]]:
    """(origin, bytes) of every message at `location`: one file, the .xml files of a folder in
    name order (as a feed names them, that is the order they were sent), or one URL."""
    if location.startswith(("http://", "https://")):
        response = httpx.get(location, timeout=30, follow_redirects=True)
        if response.status_code != 200:
            raise ValueError(f"{location}: HTTP {response.status_code}")
        yield location, response.content
        return
    path = Path(location)
    if path.is_dir():
        for item in sorted(path.iterdir()):
            if item.is_file() and item.suffix.lower() == ".xml":
                yield item.name, item.read_bytes()
        return
    if not path.is_file():
        raise ValueError(f"{location}: no such file or folder")
    yield path.name, path.read_bytes()
