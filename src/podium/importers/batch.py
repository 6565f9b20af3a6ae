"""What one source contributes, gathered in memory and written in one transaction, so that a
source is imported whole or not at all and a second import adds nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table

from podium import events, schema
from podium.importers.source import Report, RowError
from podium.model import MAX_SHARED, Gender, Medal, podium_clash
from podium.names import PersonName
from podium.store import Store, to_db

Row = dict[str, Any]
Handler = Callable[[int, dict[str, str]], bool | None]
_ABSENT = object()


def fits(table: Table, row: Row, field: str, blame: Mapping[str, str] | None = None) -> Row:
    """`row` if every text in it fits its column, else a RowError naming the source field
    to blame (`blame` maps a column to its field; `field` for the rest). SQLite would store
    any length and PostgreSQL refuse the whole import, so both are spared the row."""
    for column in table.c:
        value = row.get(column.name)
        limit = getattr(column.type, "length", None)
        if isinstance(value, str) and limit is not None and len(value) > limit:
            culprit = (blame or {}).get(column.name, field)
            raise RowError(
                f"{culprit}: too long ({len(value)} characters; "
                f"{table.name}.{column.name} holds {limit})"
            )
    return row


def in_range(moment: Callable[[], datetime], field: str, value: str) -> datetime:
    """A moment as stored (naive UTC), or a RowError for one that has no UTC equivalent
    (the year 1 east of Greenwich, the year 9999 west of it)."""
    try:
        return to_db(moment())
    except OverflowError:
        raise RowError(f"{field}: {value!r} is out of range") from None


@dataclass
class Batch:
    source: str  # names the source in event_alias and award.source
    nocs: dict[str, Row] = field(default_factory=dict)
    games: dict[str, Row] = field(default_factory=dict)
    events: dict[str, Row] = field(default_factory=dict)
    aliases: dict[tuple[str, str, str, str], Row] = field(default_factory=dict)
    contests: dict[tuple[str, str], Row] = field(default_factory=dict)
    athletes: dict[str, Row] = field(default_factory=dict)
    awards: dict[str, Row] = field(default_factory=dict)
    members: set[tuple[str, str]] = field(default_factory=set)
    unranked: dict[tuple[str, str], Row] = field(default_factory=dict)
    entries: dict[tuple[str, str, str], Row] = field(default_factory=dict)
    revocations: dict[str, Row] = field(default_factory=dict)
    # (games, event) -> {award key: medal}: the podium so far, for `award`'s shape check
    podiums: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    # the linkage (`podium.identity`), replacing the stored one when not None
    people: list[Row] | None = None
    links: list[Row] = field(default_factory=list)
    # what the row being read has changed, undone if the row is refused after all
    _journal: list[tuple[Any, Any, Any]] = field(default_factory=list, repr=False)

    def atomic(self, handle: Handler) -> Handler:
        """`handle` such that a row it refuses (RowError) leaves nothing in the batch: a
        skipped row contributes no event, athlete or contest of its own."""

        def run(line: int, row: dict[str, str]) -> bool | None:
            self._journal.clear()
            try:
                return handle(line, row)
            except RowError:
                for store, key, before in reversed(self._journal):
                    if store is self.members:
                        self.members.discard(key)
                    elif before is _ABSENT:
                        del store[key]
                    else:
                        store[key] = before
                raise
            finally:
                self._journal.clear()

        return run

    def _put(self, store: dict[Any, Any], key: Any, row: Any, replace: bool = False) -> None:
        before = store.get(key, _ABSENT)
        if before is _ABSENT or replace:
            self._journal.append((store, key, before))
            store[key] = row

    def event(
        self, raw_discipline: str, raw_title: str, raw_gender: str | None, year: int | None = None
    ) -> str:
        """The canonical event key for a source's spelling (recording the spelling); the
        Games' year reads a weight class titled by its name alone."""
        if not raw_title:
            raise RowError("event: missing")
        try:
            discipline = events.discipline_for(raw_discipline, raw_title)
        except events.UnknownDiscipline as exc:
            raise RowError(f"discipline: {exc}") from None
        try:
            gender: Gender = events.event_gender(raw_gender, raw_title)
        except ValueError:
            raise RowError(f"gender: {raw_gender!r} is not men, women, mixed or open") from None
        key = events.event_key(discipline, gender, raw_title, year)
        if key.endswith("/"):
            # every title without a Latin letter or digit would be this one event
            raise RowError(f"event: {raw_title!r} has no letter or digit to name it by")
        title = events.display_title(raw_title)
        event = {"key": key, "discipline": discipline.slug, "gender": gender, "title": title}
        alias = (self.source, raw_discipline, raw_title, raw_gender or "")
        spelling = dict(
            zip(("source", "raw_discipline", "raw_title", "raw_gender"), alias, strict=True),
            event=key,
        )
        blame = {"raw_discipline": "discipline", "raw_gender": "gender"}
        fits(schema.event, event, "event")
        fits(schema.event_alias, spelling, "event", blame)
        # the newest source's spelling is the one shown; imports run oldest first
        self._put(self.events, key, event, replace=True)
        self._put(self.aliases, alias, spelling, replace=True)
        return key

    def contest(self, games: str, event: str, title: str, medal_at: datetime | None) -> None:
        row = {
            "games": games,
            "event": event,
            "title": events.display_title(title),
            "medal_at": to_db(medal_at) if medal_at else None,
        }
        self._put(self.contests, (games, event), fits(schema.contest, row, "event"))

    def athlete(
        self,
        key: str,
        name: PersonName,
        gender: str | None,
        noc: str,
        fields: tuple[str, str] = ("code", "name"),
    ) -> None:
        """An athlete; `fields` are the source's fields for the code and the name."""
        row = {
            "key": key,
            "name": name.natural,
            "given": name.given,
            "family": name.family,
            "gender": gender,
            "noc": noc,
            "match_key": name.match_key,
        }
        self._put(self.athletes, key, fits(schema.athlete, row, fields[1], {"key": fields[0]}))

    def award(
        self,
        row: Row,
        field: str,
        blame: Mapping[str, str] | None = None,
        medal_field: str | None = None,
        by_rules: bool = True,
    ) -> None:
        """An award (the first row for its key counts); `field` is the source field its
        key is made from. With `medal_field`, a source whose podiums follow the sport's rules
        (one Games as its organiser reported it): an award that cannot share its event's
        podium with those before it is refused, blaming `medal_field`. The source marks no
        ties, so every shared medal is taken for one, and a medal beyond what ties allow (a
        second gold beside a silver) is the row in error. Not `by_rules`, a record whose
        podiums were not all decided by the rules (the history): only a medal shared more
        than MAX_SHARED ways is refused."""
        key = row["key"]
        fits(schema.award, row, field, blame)
        if key in self.awards:
            return
        if medal_field is not None:
            podium = self.podiums.setdefault((row["games"], row["event"]), {})
            count = Counter(podium.values())
            count[row["medal"]] += 1
            clash = podium_clash(count[1], count[2], count[3])
            if clash and (by_rules or count[row["medal"]] > MAX_SHARED):
                label = Medal(row["medal"]).label
                raise RowError(
                    f"{medal_field}: one {label} too many in {row['event']}: {clash}, "
                    "and the source marks no tie"
                )
            self._put(podium, key, row["medal"])
        self._put(self.awards, key, row)

    def member(self, award: str, athlete: str) -> None:
        if (award, athlete) not in self.members:
            self._journal.append((self.members, (award, athlete), _ABSENT))
            self.members.add((award, athlete))


def games_row(
    slug: str,
    name: str,
    year: int,
    season: str,
    host: str,
    starts: datetime,
    ends: datetime,
    timezone: str,
) -> Row:
    return {
        "slug": slug,
        "name": name,
        "year": year,
        "season": season,
        "host": host,
        "starts_at": to_db(starts),
        "ends_at": to_db(ends),
        "timezone": timezone,
        "official": True,  # every Games in the sources counts; 1906 is not among them
    }


def check_noc(code: str, known: set[str]) -> str:
    if not code:
        raise RowError("NOC: missing")
    if code not in known:
        raise RowError(f"NOC: unknown code {code!r}")
    return code


def write(store: Store, batch: Batch, report: Report, now: datetime) -> None:
    """Insert everything new in one transaction; report how many rows each table gained."""
    discipline_rows = [
        {
            "slug": d.slug,
            "name_en": d.name_en,
            "name_nl": d.name_nl,
            "sport": d.sport.slug,
            "sport_en": d.sport.name_en,
            "sport_nl": d.sport.name_nl,
            "season": d.season,
        }
        for d in events.DISCIPLINES
    ]
    award_rows = [{**row, "recorded_at": to_db(now)} for row in batch.awards.values()]
    member_rows = [{"award": a, "athlete": m} for a, m in sorted(batch.members)]
    plan: list[tuple[Table, list[Row]]] = [
        (schema.noc, list(batch.nocs.values())),
        (schema.games, list(batch.games.values())),
        (schema.discipline, discipline_rows),
        (schema.event, list(batch.events.values())),
        (schema.event_alias, list(batch.aliases.values())),
        (schema.contest, list(batch.contests.values())),
        (schema.athlete, list(batch.athletes.values())),
        (schema.award, award_rows),
        (schema.award_member, member_rows),
        (schema.unranked, list(batch.unranked.values())),
        (schema.entry, list(batch.entries.values())),
        (schema.revocation, list(batch.revocations.values())),
    ]
    with store.transaction() as conn:
        for table, rows in plan:
            before = store.count_rows(conn, table)
            store.insert_ignore(conn, table, rows)
            report.added[table.name] = store.count_rows(conn, table) - before
        filled = store.fill_genders(conn, batch.athletes.values())
        if filled:
            report.notes.append(f"gender given to {filled} earlier athletes matched to this source")
        if batch.people is not None:
            store.replace_people(conn, batch.people, batch.links)
            report.notes.append(f"{len(batch.people)} people from {len(batch.links)} records")
        if any(report.added.values()) or filled:
            store.bump_revision(conn)


class AthleteIndex:
    """One person across sources: a later source's athlete is the earlier one with the same
    folded name, NOC and sex (where both sources give it), where exactly one such athlete
    exists. Sex keeps namesakes apart: Wu Yu of CHN, the Paris boxer and the 2026 speed
    skater, are two athletes, and the skater's men's team pursuit stays a men's podium."""

    def __init__(self, store: Store, namespace: str) -> None:
        self.namespace = namespace
        self.keys: set[str] = set()
        self.by_name: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
        # a code is resolved once per import: rows that spell one athlete's name differently
        # must not split the athlete (and the same file imported again must resolve alike);
        # with the key, how it was found (counted in the report for every row accepted)
        self.resolved: dict[str, tuple[str, str | None]] = {}
        for key, match_key, noc, gender in store.athlete_identities():
            if key.startswith("olympedia:"):
                continue  # joined to people by the linkage, not by name alone
            self.keys.add(key)
            self.by_name.setdefault((match_key, noc), []).append((key, gender))

    def resolve(
        self, code: str, name: PersonName, noc: str, report: Report, gender: str | None = None
    ) -> str:
        if code not in self.resolved:
            self.resolved[code] = self._resolve(code, name, noc, gender)
        key, how = self.resolved[code]
        if how:
            report.count_mapped(how)
        return key

    def _resolve(
        self, code: str, name: PersonName, noc: str, gender: str | None
    ) -> tuple[str, str | None]:
        own = f"{self.namespace}:{code}"
        if own in self.keys:
            return own, None
        earlier = [
            k
            for k, sex in self.by_name.get((name.match_key, noc), [])
            if not k.startswith(self.namespace + ":")
            and (gender is None or sex is None or sex == gender)
        ]
        if len(earlier) == 1:
            return earlier[0], "athlete matched to an earlier source by name and NOC"
        self.keys.add(own)
        if len(earlier) > 1:
            return own, "athlete not matched: several earlier athletes share the name"
        return own, None
