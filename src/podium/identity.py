"""One person, one record: linking the athlete records of every source into people.

The sources are olympics.com's history (medallists only, names "Ireen WÜST"), Paris 2024 and
Milano Cortina 2026 (competition names, "van 'T WOUT Jens") and Olympedia's two scrapes (every
entry; the older part to 2016 with letters outside ASCII dropped, "Wst"; the newer part from
2018 with new ids for the same people). No source shares an id with another, so a link is
made from what the records say, and every link says which signals made it:

1. A competition record joins the Olympedia record that entered the same Games in the same
   sport for the same NOC (or for no NOC: Olympedia's "NAN" team entries) under a compatible
   name. Blocking on Games, sport and NOC leaves a handful of candidates, so a name that
   agrees in any of its folded spellings (transliterated, German-style, letters dropped) is
   enough, and a fuzzy one (rapidfuzz, a score of 88 or more: "Domracheva"/"Domrachava") is
   taken only when it is the single best candidate.
2. Two Olympedia records join when they are the same sex, born within a year of each other,
   in the same sport, for the same NOC lineage, never at the same Games, and one name holds
   the other ("Antoinette de Jong" within "Antoinette Rijpma-de Jong"; 'Irene Karlijn "Ireen"
   Wst' and "Ireen Wüst").
3. The links are closed transitively (union-find), but a union that would put two sexes or
   birth years more than one apart into one person is refused and reported as doubtful.

Why rapidfuzz over blocked candidates rather than a probabilistic linker (Splink,
recordlinkage): the blocks are tiny and the signals near-deterministic (same Games, sport and
NOC), so a rule per link is explainable in one line (`podium athlete NAME --why`), runs in a
few seconds, and needs no training data or DuckDB; the fuzzy step only decides among a
handful of candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from podium.names import search_forms

FUZZY = 88  # a fuzzy name within a block: "darya domracheva" / "daria domrachava" is 90

# NOCs that are one delegation's lineage (a person competing for URS, then EUN, then RUS).
_LINEAGES: tuple[frozenset[str], ...] = (
    frozenset({"URS", "EUN", "RUS", "OAR", "ROC", "AIN", "BLR", "UKR", "KAZ", "UZB", "GEO"}),
    frozenset({"GER", "FRG", "GDR", "EUA", "SAA"}),
    frozenset({"TCH", "CZE", "SVK", "BOH"}),
    frozenset({"YUG", "SCG", "SRB", "MNE", "CRO", "SLO", "BIH", "MKD", "IOP"}),
    frozenset({"ANZ", "AUS", "NZL"}),
)
_LINEAGE_OF: dict[str, frozenset[str]] = {code: group for group in _LINEAGES for code in group}


def _nocs(r: Record) -> set[str]:
    return {n for _, _, n in r.appearances if n}


def _lineages_meet(a: set[str], b: set[str]) -> bool:
    """Two records' NOCs allow one person: unknown on a side, or one lineage shared."""
    return not a or not b or any(same_lineage(x, y) for x in a for y in b)


def same_lineage(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return b in _LINEAGE_OF.get(a, frozenset())


@dataclass(frozen=True)
class Record:
    """One athlete record of one source, with what the linkage may use."""

    key: str
    olympedia: bool
    names: tuple[str, ...]  # natural-order names (full, nickname form, other family name)
    sex: str | None  # M | W
    birth_years: frozenset[int]
    appearances: frozenset[tuple[str, str | None, str | None]]  # (games, sport, noc)

    def forms(self) -> set[str]:
        return {f for name in self.names for f in search_forms(name)}


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    how: str


@dataclass
class Linkage:
    """People (a person's key and its records), every link made and every pair refused."""

    people: dict[str, list[str]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    doubtful: list[str] = field(default_factory=list)

    def how(self) -> dict[str, str]:
        """For every record, the links that joined it to its person (one line each)."""
        out: dict[str, list[str]] = defaultdict(list)
        for link in self.links:
            out[link.a].append(f"{link.b}: {link.how}")
            out[link.b].append(f"{link.a}: {link.how}")
        return {k: "; ".join(sorted(v)) for k, v in out.items()}


def _last(form: str) -> str:
    return form.rsplit(" ", 1)[-1]


def _given(form: str) -> str:
    """The first given name, with the transliterations of one letter that differ ("Alexander",
    "Aleksandr") made alike."""
    return form.split(" ", 1)[0].replace("x", "ks")


def name_match(a: set[str], b: set[str]) -> tuple[int, str] | None:
    """How well two records' folded spellings agree: 100 when one name's words are all in the
    other's (in some spelling) and the family names agree, else the fuzzy score, else None."""
    best = 0
    for x in a:
        for y in b:
            wx, wy = set(x.split()), set(y.split())
            # a lone family name ("Schwaller") agrees with every Schwaller: no evidence
            if min(len(wx), len(wy)) < 2:
                continue
            if _last(x) == _last(y) and (wx <= wy or wy <= wx):
                return 100, "names agree"
            if wx == wy:
                return 100, "names agree (family name first in one)"
            given_alike = fuzz.ratio(_given(x), _given(y)) >= 80
            if _last(x) == _last(y) and given_alike:
                best = max(best, FUZZY + 2)  # "larisa"/"larysa": a given name spelled otherwise
            if fuzz.ratio(_last(x), _last(y)) >= FUZZY:
                # "Darya Vladimirovna Domracheva" / "Daria Domrachava": both names alike
                best = max(best, int(fuzz.token_set_ratio(x, y)), FUZZY + 1 if given_alike else 0)
    if best >= FUZZY:
        return best, f"names alike ({best})"
    return None


class _Union:
    def __init__(self, records: dict[str, Record]) -> None:
        self.parent = {k: k for k in records}
        self.sexes = {k: {r.sex} - {None} for k, r in records.items()}
        self.years = {k: set(r.birth_years) for k, r in records.items()}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> str | None:
        """None if joined (or already one), else why not."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        sexes = self.sexes[ra] | self.sexes[rb]
        if len(sexes) > 1:
            return "sexes differ"
        years = self.years[ra] | self.years[rb]
        # a birth year from an age is the year or the one after: one person spans at most 1
        if years and max(years) - min(years) > 1:
            return f"birth years {min(years)} and {max(years)} are more than one apart"
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.sexes[ra], self.years[ra] = sexes, years
        return None


def link(records: Iterable[Record]) -> Linkage:
    by_key = {r.key: r for r in records}
    forms = {k: r.forms() for k, r in by_key.items()}
    lasts = {k: {_last(f) for f in fs} for k, fs in forms.items()}
    olympedia = [r for r in by_key.values() if r.olympedia]
    linkage = Linkage()
    union = _Union(by_key)

    def join(a: str, b: str, how: str) -> None:
        refused = union.union(a, b)
        if refused:
            linkage.doubtful.append(f"{a} ~ {b}: {how}, but not merged: {refused}")
        else:
            linkage.links.append(Link(a, b, how))

    # 1. competition records to Olympedia, within Games + sport (+ NOC); a candidate shares
    # a family-name spelling, or (where none does) has the most alike one
    block: dict[tuple[str, str | None], dict[str, list[tuple[Record, str | None]]]] = {}
    for r in olympedia:
        for games, sport, noc in r.appearances:
            for where in ((games, sport), (games, None)):
                by_last = block.setdefault(where, defaultdict(list))
                for last in lasts[r.key]:
                    by_last[last].append((r, noc))
    for r in by_key.values():
        if r.olympedia:
            continue
        scored: dict[str, tuple[int, str]] = {}
        for games, sport, noc in r.appearances:
            by_last = block.get((games, sport), {})
            near = [c for last in lasts[r.key] for c in by_last.get(last, ())]
            if not near:
                for last in lasts[r.key]:
                    hit = process.extractOne(last, list(by_last), scorer=fuzz.ratio)
                    if hit and hit[1] >= FUZZY:
                        near.extend(by_last[hit[0]])
            for cand, cand_noc in near:
                if cand_noc is not None and noc is not None and cand_noc != noc:
                    continue
                if r.sex and cand.sex and r.sex != cand.sex:
                    continue
                found = name_match(forms[r.key], forms[cand.key])
                if found and found[0] > scored.get(cand.key, (0, ""))[0]:
                    place = f"{games} {sport or 'any sport'} {noc or ''}".strip()
                    scored[cand.key] = (found[0], f"{found[1]}, same Games, sport, NOC ({place})")
        ranked = sorted(scored.items(), key=lambda kv: -kv[1][0])
        if not ranked:
            continue
        top = ranked[0][1][0]
        tops = [k for k, (score, _) in ranked if score == top]
        if top == 100:
            for k in tops:  # the same person twice in Olympedia (an old and a new id)
                join(r.key, k, scored[k][1])
        elif len(tops) == 1:
            join(r.key, tops[0], scored[tops[0]][1])
        else:
            linkage.doubtful.append(f"{r.key}: several alike candidates {sorted(tops)}")

    # 2. Olympedia records to each other: sex, birth year, sport, NOC lineage and a shared
    # family-name spelling as the block
    by_block: dict[tuple[str, int, str, str], list[Record]] = defaultdict(list)
    for r in olympedia:
        if r.sex is None:
            continue
        for year in r.birth_years:
            for sport in {s for _, s, _ in r.appearances if s}:
                for last in lasts[r.key]:
                    by_block[(r.sex, year, sport, last)].append(r)
    seen: set[tuple[str, str]] = set()
    for (sex, year, sport, last), members in by_block.items():  # in the file's order
        neighbours = members + by_block.get((sex, year + 1, sport, last), [])
        for a in members:
            games_a = {g for g, _, _ in a.appearances}
            nocs_a = _nocs(a)
            for b in neighbours:
                if b.key == a.key or (a.key, b.key) in seen or (b.key, a.key) in seen:
                    continue
                seen.add((a.key, b.key))
                if games_a & {g for g, _, _ in b.appearances}:
                    continue  # one person does not enter one Games under two ids
                if not _lineages_meet(nocs_a, _nocs(b)):
                    continue
                found = name_match(forms[a.key], forms[b.key])
                if found:
                    join(a.key, b.key, f"{found[1]}, same sex, born {year}±1, {sport}, NOC")

    _across_the_scrapes(olympedia, forms, lasts, join)

    people: dict[str, list[str]] = defaultdict(list)
    for k in sorted(by_key):
        people[union.find(k)].append(k)
    linkage.people = dict(people)
    return linkage


NEW_SCRAPE = 2018  # Olympedia's newer part: new ids from the 2018 Games on


def _years(r: Record) -> set[int]:
    return {int(games[-4:]) for games, _, _ in r.appearances}


def _across_the_scrapes(
    olympedia: list[Record],
    forms: dict[str, set[str]],
    lasts: dict[str, set[str]],
    join: Callable[[str, str, str], None],
) -> None:
    """Rule 2 with a family name spelled otherwise, for the one case where that is the same
    person: a record only in the newer scrape and one only in the older ("Daria Domrachava",
    2018, and "Darya Vladimirovna Domracheva", 2006-2014), same sex, sport, birth year ±1 and
    NOC lineage, when exactly one older record is that alike."""
    older: dict[tuple[str, int, str], dict[str, list[Record]]] = defaultdict(
        lambda: defaultdict(list)
    )
    newer: list[tuple[str, Record]] = []
    for r in olympedia:
        years = _years(r)
        if r.sex is None or not years:
            continue
        if max(years) < NEW_SCRAPE:
            for year in r.birth_years:
                for sport in {s for _, s, _ in r.appearances if s}:
                    for last in lasts[r.key]:
                        older[(r.sex, year, sport)][last].append(r)
        elif min(years) >= NEW_SCRAPE:
            newer.append((r.sex, r))
    names = {block: list(by_last) for block, by_last in older.items()}
    for sex, r in newer:
        nocs = _nocs(r)
        blocks = [
            (y, sport)
            for year in r.birth_years
            for sport in {s for _, s, _ in r.appearances if s}
            for y in (year - 1, year, year + 1)
            if (sex, y, sport) in older
        ]
        # a family name spelled alike in the older scrape is rule 2's to link, or not
        if any(last in older[(sex, y, sport)] for y, sport in blocks for last in lasts[r.key]):
            continue
        scored: dict[str, tuple[int, str]] = {}
        for y, sport in blocks:
            by_last = older[(sex, y, sport)]
            for last in lasts[r.key]:
                for alike, _, _ in process.extract(
                    last,
                    names[(sex, y, sport)],
                    scorer=fuzz.ratio,
                    score_cutoff=FUZZY,
                    limit=5,
                ):
                    for cand in by_last[alike]:
                        if not _lineages_meet(nocs, _nocs(cand)):
                            continue
                        found = name_match(forms[r.key], forms[cand.key])
                        if found and found[0] > scored.get(cand.key, (0, ""))[0]:
                            how = f"{found[1]}, same sex, born {y}±1, {sport}, NOC"
                            scored[cand.key] = (found[0], f"{how}, across the scrapes")
        if not scored:
            continue
        top = max(score for score, _ in scored.values())
        tops = [k for k, (score, _) in scored.items() if score == top]
        if len(tops) == 1:
            join(r.key, tops[0], scored[tops[0]][1])
