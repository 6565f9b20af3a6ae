"""Olympedia, 1896-2026 (athletes.csv.gz, CC BY 4.0): every athlete entry with age, sex, NOC,
event and medal as it stands today. Read last, because it is what joins the other sources'
records into people (`podium.identity`) and what gives team medals their members.

What this importer does with the file's quirks (see its README):
- "NAN" NOCs of team entries from 2018 are recovered from the athlete's other entries, else
  from a linked record of another source; an athlete with neither is reported and left out.
- 1906 (Intercalated Games) is outside the official tables: those rows are reported, skipped.
- Art competitions, alpinism and aeronautics are kept as entries (never counted: they are no
  medals in the ledger).
- Team members: the entries of one NOC in one team event become the members of the matching
  team award in the ledger (same Games, sport, NOC and medal, the most alike title).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from podium import events, identity
from podium.importers.batch import Batch, check_noc
from podium.importers.source import Progress, Report, RowError, each_row, join
from podium.names import (
    COMPETITION_NAMESPACES,
    FAMILY_FIRST_NOCS,
    FullName,
    PersonName,
    fold,
    parse_full,
    press_name,
    search_forms,
)
from podium.schema import entry as entry_table
from podium.schema import text_length
from podium.store import Store

SOURCE = "olympedia"
FILE = "athletes.csv.gz"
COLUMNS = ("id", "name", "sex", "age", "noc", "year", "season", "sport", "event", "medal")
MEDALS = {"Gold": 1, "Silver": 2, "Bronze": 3}
# Olympedia's sport names that are no single discipline of ours: the sport they belong to.
_SPORTS = {
    "Canoeing": "canoe",
    "Cycling": "cycling",
    "Equestrianism": "equestrian",
    "Gymnastics": "gymnastics",
    "Military Ski Patrol": "military-patrol",
    "Racquets": "rackets",
    "Aeronautics": "aeronautics",
}
EVENT_LENGTH = text_length(entry_table.c.raw_event)
NEW_PART = 2018
HISTORY_FILE = "olympic_medals.csv"  # olympics.com's rows name their members only at times
# Olympedia's codes that the IOC (and the NOC register) spell otherwise
_NOC_CODES = {"LIB": "LBN"}  # Olympedia's newer scrape: names as used, correct UTF-8, new ids
# Olympedia codes the Olympic Athletes from Russia of 2018 "ROC", the code of 2020-2022; the
# medals of 2018 are OAR's.
_NOC_CODES_OF: dict[tuple[str, str], str] = {("2018", "ROC"): "OAR"}


@dataclass
class _Person:
    """One Olympedia id as read."""

    key: str
    raw: str
    sex: str | None
    birth_years: set[int] = field(default_factory=set)
    appearances: set[tuple[str, str, str | None]] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    nocs: list[tuple[int, str]] = field(default_factory=list)  # (year, noc)


@lru_cache(maxsize=256)
def sport_of(name: str) -> str:
    if name in _SPORTS:
        return _SPORTS[name]
    try:
        return events.discipline_for(name).sport.slug
    except events.UnknownDiscipline:
        raise RowError(f"sport: unknown sport {name!r}") from None


def collect(
    folder: str, report: Report, nocs: set[str], store: Store, progress: Progress | None = None
) -> Batch:
    batch = Batch(source=SOURCE)
    slugs: dict[tuple[int, str], str] = {(g.year, g.season): g.slug for g in store.all_games()}
    people: dict[str, _Person] = {}
    entries: dict[tuple[str, str, str], dict[str, Any]] = {}

    intercalated: list[int] = []

    def row(line: int, r: dict[str, str]) -> bool | None:
        if not r.get("id", "").isdigit():
            raise RowError(f"id: not a number: {r.get('id')!r}")
        year = r.get("year", "")
        if not year.isdigit():
            raise RowError(f"year: not a year: {year!r}")
        games = slugs.get((int(year), r.get("season", "").lower()))
        if games is None and year == "1906":
            intercalated.append(line)  # outside the official tables: read, not needed
            return False
        if games is None:
            raise RowError(f"games: no {year} {r.get('season')} Games in the history")
        sport = sport_of(r.get("sport", ""))
        raw_noc = r.get("noc", "")
        code = _NOC_CODES_OF.get((year, raw_noc)) or _NOC_CODES.get(raw_noc, raw_noc)
        noc = None if raw_noc in ("NAN", "") else check_noc(code, nocs)
        medal = r.get("medal", "")
        if medal and medal not in MEDALS:
            raise RowError(f"medal: {medal!r} is not Gold, Silver, Bronze or empty")
        age = r.get("age", "")
        if age and not (age.isdigit() and 8 <= int(age) <= 99):
            raise RowError(f"age: not an age: {age!r}")
        if not r.get("name"):
            raise RowError("name: missing")
        key = f"olympedia:{r['id']}"
        sex = {"M": "M", "F": "W"}.get(r.get("sex", ""))
        person = people.setdefault(key, _Person(key, r["name"], sex))
        if int(year) >= NEW_PART or not person.years or max(person.years) < NEW_PART:
            person.raw = r["name"]  # the newest spelling of the name wins
        person.years.add(int(year))
        if age:
            person.birth_years.add(int(year) - int(age))
        person.appearances.add((games, sport, noc))
        if noc:
            person.nocs.append((int(year), noc))
        event = r.get("event", "")
        if len(event) > EVENT_LENGTH:
            raise RowError(f"event: too long ({len(event)} characters; holds {EVENT_LENGTH})")
        entries[(key, games, event)] = {
            "athlete": key,
            "games": games,
            "raw_event": event,
            "sport": sport,
            "noc": noc,
            "medal": MEDALS.get(medal),
            "age": int(age) if age else None,
            "source": f"{FILE}:{line}",
        }
        return True

    each_row(join(folder, FILE), report, row, progress, COLUMNS)

    started = time.perf_counter()
    appearances = store.athlete_appearances()
    records = _records(appearances, people)
    linkage = identity.link(records.values())
    report.timings["linkage"] = time.perf_counter() - started
    person_of = {k: p for p, ks in linkage.people.items() for k in ks}
    # a NAN-only Olympedia record takes the NOC of a record it is linked with
    noc_of = {k: max(p.nocs)[1] for k, p in people.items() if p.nocs}
    others = {r.key: r for r in records.values() if not r.olympedia}
    for k in sorted(people):
        if k in noc_of:
            continue
        linked = [
            n
            for o in linkage.people[person_of[k]]
            if o in others
            for _, _, n in others[o].appearances
            if n
        ]
        if linked:
            noc_of[k] = sorted(linked)[-1]
    if intercalated:
        report.notes.append(
            f"{FILE}: {len(intercalated)} rows of the 1906 Intercalated Games (lines "
            f"{intercalated[0]}-{intercalated[-1]}) not imported: outside the official tables"
        )
    # a record with no NOC anywhere cannot be placed: its rows are read, not used, and named
    unplaced: dict[str, list[int]] = defaultdict(list)
    for (k, _, _), e in sorted(entries.items(), key=lambda kv: _line(kv[1])):
        if k not in noc_of:
            unplaced[k].append(_line(e))
            report.used -= 1
            report.unneeded += 1
    for k, lines in unplaced.items():
        report.notes.append(
            f"{FILE}:{lines[0]}: athlete {k[10:]} ({people[k].raw}) not placed: NAN in all of "
            f"{len(lines)} entries and no linked record of another source names a NOC"
        )
    for k, p in sorted(people.items()):
        if k not in noc_of:
            continue
        name = parse_full(p.raw)
        batch.athlete(k, PersonName(name.given, name.family), p.sex, noc_of[k], ("id", "name"))
    # a team entry (NAN) is the athlete's NOC at those Games where another entry names it,
    # else their newest NOC under the name it had at those Games
    at_games = {(k, games): e["noc"] for (k, games, _), e in entries.items() if e["noc"]}
    for (k, games, event), e in entries.items():
        if k in noc_of:
            noc = e["noc"] or at_games.get((k, games)) or _named_at(noc_of[k], games)
            batch.entries[(k, games, event)] = {**e, "noc": noc}
    team = {key for key, e in entries.items() if e["noc"] is None}
    marked = ({**e, "team": key in team} for key, e in batch.entries.items())
    for award, member in _rosters(store, marked, report):
        batch.member(award, member)
    batch.people, batch.links = _people(appearances, linkage, people, noc_of)
    report.notes.extend(linkage.doubtful)
    return batch


def _line(entry: dict[str, Any]) -> int:
    return int(entry["source"].rsplit(":", 1)[1])


def _records(appearances: list[Any], people: dict[str, _Person]) -> dict[str, identity.Record]:
    records: dict[str, identity.Record] = {}
    for k, p in people.items():
        full = parse_full(p.raw)
        names = [full.natural]
        if full.nickname:
            names.append(f"{full.nickname} {full.family}")
        if full.other_family:
            names.append(f"{full.given} {full.other_family}")
        records[k] = identity.Record(
            k, True, tuple(names), p.sex, frozenset(p.birth_years), frozenset(p.appearances)
        )
    seen: dict[str, dict[str, Any]] = {}
    for r in appearances:
        if r.key in people:
            continue
        item = seen.setdefault(r.key, {"row": r, "appearances": set()})
        games = r.games or r.key.split(":", 1)[0]
        item["appearances"].add((games, r.sport, r.noc))
    for k, item in seen.items():
        r = item["row"]
        records[k] = identity.Record(
            k, False, (r.name,), r.gender, frozenset(), frozenset(item["appearances"])
        )
    return records


def _alike(raw: str, award: Any) -> int:
    """How alike an Olympedia event title is to a team award's event: 100 when the title,
    read as an event of the award's discipline and gender, is that very event key; 0 when the
    title's own discipline is another ("Speed Skating 3,000 metres" is no short-track relay)."""
    words = raw.split(" ", 1)[1] if " " in raw else raw
    for sport_words in range(4, 0, -1):  # "Cross Country Skiing Women's ..." -> "Women's ..."
        head = raw.split(" ", sport_words)
        if len(head) > sport_words and _gender(" ".join(head[:sport_words])) is None:
            try:
                own = events.discipline_for(" ".join(head[:sport_words]))
            except events.UnknownDiscipline:
                continue
            if own.slug in _DISCIPLINE_SLUGS and own.slug != award.discipline:
                return 0
            words = head[-1]
            break
    discipline = events.discipline_by_slug(award.discipline)
    key = events.event_key(discipline, award.gender, words)
    if key == award.event:
        return 100
    # from 2018 Olympedia titles a team sport's tournament "Team" ("Curling Team, Men")
    if key.endswith("/team") and award.event == key.rsplit("/", 1)[0] + "/tournament":
        return 100
    # one name within the other is alike ("relay" and "2x6km and 2x7.5km relay"), now that
    # the title's discipline is the award's
    return int(
        fuzz.token_set_ratio(
            key.rsplit("/", 1)[-1].replace("-", " "),
            award.event.rsplit("/", 1)[-1].replace("-", " "),
        )
    )


_DISCIPLINE_SLUGS = frozenset(d.slug for d in events.DISCIPLINES)


def _gender(title: str) -> str | None:
    words = set(fold(title).replace("'s", "").split())
    if "mixed" in words or "open" in words:
        return "X"
    if "women" in words or "ladies" in words:
        return "W"
    if "men" in words:
        return "M"
    return None


def _rosters(
    store: Store, entries: Iterable[dict[str, Any]], report: Report
) -> list[tuple[str, str]]:
    """(team award, Olympedia athlete) for every team award that a group of Olympedia
    entries matches: the entries of one NOC in one event at one Games with one medal (to
    2016; from 2018 Olympedia gives team entries no medal, so a group is all of the NOC's
    entrants), matched to the team award of the same Games, sport, NOC, gender and medal
    with the most alike title. A group of one, or an unlike title, is no roster."""
    groups: dict[tuple[str, str, str, str, int | None], list[str]] = defaultdict(list)
    for e in entries:
        if e["medal"] is not None or e["team"]:
            groups[(e["games"], e["sport"], e["noc"], e["raw_event"], e["medal"])].append(
                e["athlete"]
            )
    awards: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for a in store.team_awards():
        awards[(a.games, a.sport, a.noc)].append(a)
    pairs: list[tuple[int, str, tuple[str, str, str, str, int | None]]] = []
    for gkey, members in groups.items():
        games, sport, noc, raw, medal = gkey
        gender = _gender(raw)
        for a in awards.get((games, sport, noc), ()):
            if medal is not None and a.medal != medal:
                continue
            # without a medal the group is every entrant of the NOC: only a roster where the
            # NOC fields one team and no source lists the members already
            if medal is None and (a.listed or _several_teams(a)):
                continue
            # a competition's own roster (Paris, Milano Cortina) is the roster
            if a.listed and not a.source.startswith(HISTORY_FILE):
                continue
            if gender and a.gender != gender:
                continue
            score = _alike(raw, a)
            if score >= (90 if len(members) < 2 else 70):
                pairs.append((score, a.key, gkey))
    pairs.sort(key=lambda p: (-p[0], p[1], str(p[2])))
    taken_awards: set[str] = set()
    taken_groups: set[tuple[str, str, str, str, int | None]] = set()
    out: list[tuple[str, str]] = []
    for _, award, gkey in pairs:
        if award in taken_awards or gkey in taken_groups:
            continue
        taken_awards.add(award)
        taken_groups.add(gkey)
        out.extend((award, m) for m in groups[gkey])
    without: dict[str, int] = defaultdict(int)
    for ks in awards.values():
        for a in ks:
            if a.key not in taken_awards and not a.listed:
                without[a.games] += 1
    report.notes.append(f"team awards given members from Olympedia: {len(taken_awards)}")
    for games, n in sorted(without.items()):
        report.notes.append(f"{games}: {n} team awards with no members from any source")
    return out


# Russia's team competed as OAR in 2018 and as ROC in 2020-2022.
_RUSSIA = frozenset({"RUS", "OAR", "ROC"})
_RUSSIA_AS = {"2018": "OAR", "2020": "ROC", "2022": "ROC"}


def _named_at(noc: str, games: str) -> str:
    return _RUSSIA_AS.get(games[-4:], noc) if noc in _RUSSIA else noc


def _several_teams(award: Any) -> bool:
    """Events in which a NOC may enter more than one team (sleds, pairs, doubles, the alpine
    team combined); their team events proper ("figure-skating/x/team", the luge team relay,
    the alpine team parallel) field one."""
    return award.discipline in _SEVERAL_TEAMS and not award.event.endswith(_ONE_TEAM)


_ONE_TEAM = ("/team", "/team-relay", "/team-parallel")


_SEVERAL_TEAMS = frozenset(
    {
        "bobsleigh",
        "luge",
        "skeleton",
        "alpine-skiing",
        "figure-skating",
        "beach-volleyball",
        "tennis",
        "badminton",
        "table-tennis",
    }
)


def _people(
    appearances: list[Any],
    linkage: identity.Linkage,
    people: dict[str, _Person],
    noc_of: dict[str, str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    how = linkage.how()
    rows = {r.key: r for r in appearances}
    person_rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for members in linkage.people.values():
        members = [m for m in members if m in rows or m in noc_of]
        if not members:
            continue
        olympedia_ids = sorted(int(m.split(":")[1]) for m in members if m in people)
        key = f"olympedia:{olympedia_ids[0]}" if olympedia_ids else min(members)
        used, full, noc = _names(members, rows, people, noc_of)
        display = press_name(used, noc)
        sexes = {people[m].sex for m in members if m in people} | {
            rows[m].gender for m in members if m in rows
        }
        born = sorted(y for m in members if m in people for y in people[m].birth_years)
        forms: set[str] = set()
        for m in members:
            forms |= search_forms(people[m].raw if m in people else rows[m].name)
            if m in people:
                full_name = parse_full(people[m].raw)
                for alt in (full_name.used.natural, f"{full_name.given} {full_name.other_family}"):
                    forms |= search_forms(alt)
        forms |= search_forms(display)
        person_rows.append(
            {
                "key": key,
                "display": display,
                "given": used.given,
                "family": used.family,
                "full_name": full,
                "sex": next(iter(sorted(s for s in sexes if s)), None),
                "birth_year": born[len(born) // 2] if born else None,
                "noc": noc,
                "search": "|".join(sorted(forms)),
            }
        )
        links.extend(
            {"athlete": m, "person": key, "how": how.get(m, "the only record")} for m in members
        )
    return person_rows, links


def _split_as(name: FullName, history: list[Any]) -> PersonName:
    """Olympedia's name, split where a linked olympics.com record of the same words splits
    it: Olympedia's names are whole ("Quentin Fillon Maillet", taken apart at the last word
    but for particles), olympics.com marks the family name ("FILLON MAILLET Quentin") but
    writes it without accents or its own capitals ("Ledecka", "Van Der Breggen")."""
    words = name.natural.split()
    for h in history:
        given, family = h.given.split(), h.family.split()
        if given and [fold(w) for w in given + family] == [fold(w) for w in words]:
            return PersonName(" ".join(words[: len(given)]), " ".join(words[len(given) :]))
    return PersonName(name.given, name.family)


def _names(
    members: list[str],
    rows: dict[str, Any],
    people: dict[str, _Person],
    noc_of: dict[str, str],
) -> tuple[PersonName, str, str]:
    """The name in use, the full name and the newest NOC of one person, from the best source:
    a competition name of 2026 or 2024, Olympedia's newer part, olympics.com's history, and
    last Olympedia's older part (letters dropped, legal full names)."""
    newest = sorted(
        [(max(people[m].years), noc_of[m]) for m in members if m in people and m in noc_of]
        + [
            (9999 if m.startswith(("milano", "paris")) else 0, rows[m].noc)
            for m in members
            if m in rows
        ]
    )
    noc = newest[-1][1]
    full = max(
        (parse_full(people[m].raw).natural for m in members if m in people),
        key=len,
        default=rows[members[0]].name if members[0] in rows else "",
    )
    for prefix in COMPETITION_NAMESPACES:
        for m in members:
            if m.startswith(prefix) and m in rows:
                return PersonName(rows[m].given, rows[m].family), full, noc
    history = [rows[m] for m in members if m in rows]
    new = [m for m in members if m in people and max(people[m].years) >= NEW_PART]
    if new:
        name = parse_full(people[max(new)].raw)
        if noc in FAMILY_FIRST_NOCS:  # Olympedia writes these family name first already
            return _family_first(name.natural), full or name.natural, noc
        return _split_as(name, history), full or name.natural, noc
    olympedia = [parse_full(people[m].raw) for m in members if m in people]
    nickname = next((n.nickname for n in olympedia if n.nickname), None)
    shortest = min((len(n.given.split()) for n in olympedia if n.given), default=None)
    # Dutch legal names list every baptismal name ("Bob Johannes Carolus"): the press uses
    # the first, the roepnaam
    if noc == "NED":
        shortest = 1
    if history:
        h = history[0]
        given = h.given.split()
        first = nickname or " ".join(given[: shortest or len(given)] or given)
        return PersonName(first, h.family), full or h.name, noc
    name = olympedia[0]
    if noc in FAMILY_FIRST_NOCS:
        return _family_first(name.natural), full, noc
    # only the older scrape's legal name ("Valery Borisovich Kharlamov"): the name in use is
    # the nickname or the first given name
    return name.used, full, noc


def _family_first(natural: str) -> PersonName:
    family, _, given = natural.partition(" ")
    return PersonName(given, family)
