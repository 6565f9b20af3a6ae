"""The results desk's domain: a posted result, correction or disqualification checked and
turned into rows, as plain typed functions. No SQL here (that is `Store`) and no HTTP (that is
`podium.web`): a bad request raises `Invalid` naming the field, before anything is written.

Every write is a dated ledger entry. Awards are never overwritten: a correction revokes the
awards standing at that moment (revocation rows) and adds new ones, so the table as of any
earlier moment stays as it was.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy.exc import IntegrityError

from podium import schema
from podium.core import Podium
from podium.model import MAX_SHARED, Award, Medal, podium_clash
from podium.names import PersonName, fold, parse_given_first

Kind = Literal["result", "correction", "disqualification"]
Role = Literal["editor", "reader"]
ROLES: tuple[Role, ...] = ("editor", "reader")
MEDALS = {"gold": Medal.GOLD, "silver": Medal.SILVER, "bronze": Medal.BRONZE}
LABEL_LENGTH = schema.text_length(schema.api_token.c.label)  # shown in the ledger as the actor
# How far a moment may lie outside its Games: a result's awarded_at from a day before the
# opening to a day after the closing (time zones, a late ceremony); a correction's or
# disqualification's effective_at from a day before the opening to a day from now (they come
# years later: Sochi's reallocations were dated 2017 to 2024).
MOMENT_MARGIN = timedelta(days=1)
# NOCs one athlete may have competed for as one delegation renamed or split: an athlete key
# stored under one of these may be entered for another of the same line.
NOC_LINES = (
    frozenset({"URS", "EUN", "RUS", "OAR", "ROC", "AIN", "RU1"}),
    frozenset({"GER", "FRG", "GDR", "EUA", "SAA"}),
    frozenset({"TCH", "CZE", "SVK", "BOH"}),
    frozenset({"YUG", "SCG", "SRB", "MNE", "IOP", "CRO", "SLO", "BIH", "MKD"}),
    frozenset({"ANZ", "AUS", "NZL"}),
    frozenset({"BWI", "JAM", "TTO", "BAR"}),
    frozenset({"IOA", "EOR", "ROT", "KOS", "SSD"}),
)


class DeskError(Exception):
    """A request the desk refuses; `status` is the HTTP status the web layer answers with."""

    status = 400

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class Invalid(DeskError):
    status = 422


class Conflict(DeskError):
    status = 409


class NotFoundError(DeskError):
    status = 404


@dataclass(frozen=True)
class Entry:
    """One medal to one entry: an athlete (by name or key) or a team (name, members)."""

    medal: Medal
    noc: str
    athlete: str | None = None
    athlete_key: str | None = None
    team: str | None = None
    members: tuple[str, ...] = ()
    member_keys: tuple[str, ...] = ()
    tie: bool = False

    @property
    def who(self) -> str:
        """The entry's identity within one event: its athlete, else its team."""
        if self.athlete_key:
            return self.athlete_key
        if self.athlete:
            return fold(self.athlete)
        # an NOC may have several teams in one event (two German bobs): a team is its medal
        return f"{self.noc}:{fold(self.team or self.noc)}:{self.medal.label}"


@dataclass(frozen=True)
class Request:
    kind: Kind
    games: str
    event: str
    medals: tuple[Entry, ...]
    at: datetime | None  # awarded_at / effective_at as sent; None means "when recorded"
    reason: str = ""
    disqualified: tuple[Entry, ...] = field(default_factory=tuple)
    vacant: tuple[str, ...] = ()  # medals left vacant on purpose (a result feed says so)

    @property
    def digest(self) -> str:
        """The same request twice has the same digest (what makes it idempotent)."""
        return hashlib.sha256(self.payload().encode()).hexdigest()

    def payload(self) -> str:
        data = asdict(self)
        data["at"] = self.at.isoformat() if self.at else None
        if not self.vacant:  # requests from before `vacant` keep their digest
            del data["vacant"]
        return json.dumps(data, sort_keys=True, default=str)


# -- parsing -----------------------------------------------------------------------------


# Characters a name or a key may have as sent: what the columns (200) hold with room for a
# name's folded form and the award key built from it (400).
MAX_LENGTH = {
    "athlete": 100,
    "team": 100,
    "members": 100,
    "athlete_key": 200,
    "member_keys": 200,
}


def _storable(value: str, name: str, key: str) -> str:
    """Text either database keeps as sent, or `Invalid`: PostgreSQL text cannot hold NUL,
    neither backend can encode a lone surrogate (JSON may carry "\\ud800"), and a name too
    long for its column fails on PostgreSQL only. A name is also checked as a name."""
    if "\x00" in value:
        raise Invalid(name, "must not contain a NUL character")
    try:
        value.encode()
    except UnicodeEncodeError:
        raise Invalid(name, "is not valid Unicode (a lone surrogate)") from None
    if key in NAMES:
        value = _name(value, name)
    limit = MAX_LENGTH.get(key)
    if limit is not None and max(len(value), len(fold(value))) > limit:
        raise Invalid(name, f"is longer than {limit} characters")
    return value


NAMES = frozenset({"athlete", "team", "members"})


def _name(value: str, name: str) -> str:
    """A person's or team's name, NFC-normalised, or `Invalid`: it must have letters, no
    invisible or direction-changing characters (control, format: zero-width, bidi overrides,
    byte-order marks) and no combining mark without a letter to sit on; and it must fold to a
    key (names in a script the key cannot spell, like 李娜, would all be one athlete): such an
    athlete is sent by athlete_key or with the name in Latin letters."""
    value = unicodedata.normalize("NFC", value)
    attached = False  # the marks so far sit on a letter or digit
    for c in value:
        category = unicodedata.category(c)
        if category in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp"):
            what = unicodedata.name(c, f"U+{ord(c):04X}")
            raise Invalid(name, f"must not contain invisible or control characters ({what})")
        if not category.startswith("M"):
            attached = c.isalnum()
        elif not attached:
            raise Invalid(name, "has a combining mark with no letter to sit on")
    if not any(c.isalpha() for c in value):
        raise Invalid(name, "must contain letters")
    if not fold(value).strip(" '"):
        raise Invalid(
            name,
            "has no letters the athlete key can spell (Latin letters or digits): "
            "send the athlete_key, or the name in Latin letters",
        )
    return value


def _text(data: Mapping[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise Invalid(f"{where}{key}", "missing")
        return None
    if not isinstance(value, str):
        raise Invalid(f"{where}{key}", "must be a string")
    if not value.strip():
        if required:
            raise Invalid(f"{where}{key}", "is blank")
        return None
    return _storable(value.strip(), f"{where}{key}", key)


def _names(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise Invalid(f"{where}{key}", "must be a list of non-empty strings")
    return tuple(_storable(v.strip(), f"{where}{key}[{i}]", key) for i, v in enumerate(value))


def parse_moment(value: Any, name: str) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Invalid(name, "must be an ISO 8601 date-time with a time zone")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(name, f"{value!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        raise Invalid(name, "needs a time zone (e.g. 2026-02-15T18:30:00+01:00)")
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+01:00 is in the year 0 in UTC
        raise Invalid(name, f"{value!r} is out of range") from None


def parse_entry(data: Any, where: str, nocs: set[str], need_medal: bool = True) -> Entry:
    if not isinstance(data, Mapping):
        raise Invalid(where.rstrip("."), "must be an object")
    named = data.get("medal")
    medal = MEDALS.get(str(named or "").lower())
    # an entry may leave its medal out where none is needed, but a medal it names must exist
    if medal is None and (need_medal or named not in (None, "")):
        raise Invalid(f"{where}medal", f"{named!r} is not gold, silver or bronze")
    noc = (_text(data, "noc", where, required=True) or "").upper()
    if noc not in nocs:
        raise Invalid(f"{where}noc", f"unknown NOC {noc!r}")
    athlete = _text(data, "athlete", where)
    athlete_key = _text(data, "athlete_key", where)
    team = _text(data, "team", where)
    members = _names(data, "members", where)
    member_keys = _names(data, "member_keys", where)
    if (athlete or athlete_key) and (team or members or member_keys):
        raise Invalid(f"{where}team", "an entry is an athlete or a team, not both")
    if not (athlete or athlete_key or team):
        raise Invalid(f"{where}athlete", "name the athlete (athlete) or the team (team)")
    tie = data.get("tie", False)
    if not isinstance(tie, bool):
        raise Invalid(f"{where}tie", "must be true or false")
    return Entry(medal or Medal.GOLD, noc, athlete, athlete_key, team, members, member_keys, tie)


def parse_entries(value: Any, name: str, nocs: set[str], need_medal: bool = True) -> list[Entry]:
    if not isinstance(value, list):
        raise Invalid(name, "must be a list")
    entries = [parse_entry(v, f"{name}[{i}].", nocs, need_medal) for i, v in enumerate(value)]
    seen: set[str] = set()
    for i, e in enumerate(entries):
        if e.who in seen:
            raise Invalid(f"{name}[{i}]", "this entry is listed twice")
        seen.add(e.who)
    return entries


def medals_named(value: Any) -> tuple[Medal | None, ...]:
    """The medal each entry of a list names, None where it names none: `parse_entry` fills in
    gold for a disqualified entry without one, which must not be taken as said."""
    if not isinstance(value, list):
        return ()
    return tuple(
        MEDALS.get(str(v.get("medal") or "").lower()) if isinstance(v, Mapping) else None
        for v in value
    )


def matching(
    standing: Sequence[Award],
    entry: Entry,
    athlete: str | None,
    members: frozenset[str] | None,
    medal: Medal | None,
) -> list[Award]:
    """The standing awards an entry names: its athlete's, else its NOC's team of that name,
    narrowed to the members and the medal where the request gives them (an NOC may hold two
    medals with teams of one name, like Switzerland's gold and silver in the team combined)."""
    found = []
    for a in standing:
        if a.noc != entry.noc or (medal is not None and a.medal != medal):
            continue
        if athlete is not None:
            if a.athlete == athlete:
                found.append(a)
        elif (
            a.team is not None
            and fold(a.team) == fold(entry.team or "")
            and (members is None or frozenset(a.members) == members)
        ):
            found.append(a)
    return found


def check_podium(
    entries: Sequence[Entry],
    name: str = "medals",
    complete: bool = True,
    vacant: Sequence[str] = (),
) -> None:
    """The official shape of a podium: one of each medal unless a tie says otherwise. Two
    golds leave no silver, two silvers no bronze; a shared medal needs `tie` on each entry
    (two bronzes by rule, as in judo, are flagged as a tie too). A medal named `vacant` may
    be missing (a finalist disqualified, a final against no competitor)."""
    count = Counter(e.medal for e in entries)
    gold, silver, bronze = count[Medal.GOLD], count[Medal.SILVER], count[Medal.BRONZE]
    if max(count.values(), default=0) > MAX_SHARED:
        raise Invalid(name, podium_clash(gold, silver, bronze) or "")
    for i, e in enumerate(entries):
        if count[e.medal] > 1 and not e.tie:
            label = e.medal.label
            raise Invalid(
                f"{name}[{i}].tie", f"{count[e.medal]} {label} medals: mark each as a tie"
            )
    if complete and gold == 0:
        raise Invalid(name, "wrong number of medals: no gold")
    clash = podium_clash(gold, silver, bronze)
    if clash:
        raise Invalid(name, f"wrong number of medals: {clash}")
    if not complete:
        return
    if gold == 1 and silver == 0 and "silver" not in vacant:
        raise Invalid(name, "wrong number of medals: no silver")
    if gold + silver < 3 and bronze == 0 and "bronze" not in vacant:
        raise Invalid(name, "wrong number of medals: no bronze")


def _body(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise Invalid("body", "must be a JSON object")
    return body


def _vacant(data: Mapping[str, Any], medals: Sequence[Entry]) -> tuple[str, ...]:
    """The medals a podium leaves vacant on purpose: silver or bronze, none awarded."""
    value = data.get("vacant") or []
    if not isinstance(value, list) or not all(v in ("silver", "bronze") for v in value):
        raise Invalid("vacant", "must be a list of silver and/or bronze")
    held = {e.medal.label for e in medals}
    for v in value:
        if v in held:
            raise Invalid("vacant", f"{v} is awarded, so it is not vacant")
    return tuple(sorted(set(value)))


def parse_result(games: str, body: Any, nocs: set[str], events: set[str]) -> Request:
    """POST a result: {event, awarded_at?, medals: [{medal, noc, athlete | team, members?,
    tie?}]}; `events` are the medal events of these Games."""
    data = _body(body)
    event = _text(data, "event", "", required=True) or ""
    if event not in events:
        raise Invalid("event", f"unknown event {event!r} at {games}")
    medals = parse_entries(data.get("medals"), "medals", nocs)
    vacant = _vacant(data, medals)
    check_podium(medals, vacant=vacant)
    at = parse_moment(data.get("awarded_at"), "awarded_at")
    reason = _text(data, "reason", "") or ""
    return Request("result", games, event, tuple(medals), at, reason, vacant=vacant)


def parse_correction(games: str, event: str, body: Any, nocs: set[str]) -> Request:
    """POST a correction: the event's whole podium anew {medals, reason, effective_at?}."""
    data = _body(body)
    reason = _text(data, "reason", "", required=True) or ""
    medals = parse_entries(data.get("medals"), "medals", nocs)
    vacant = _vacant(data, medals)
    check_podium(medals, vacant=vacant)
    at = parse_moment(data.get("effective_at"), "effective_at")
    return Request("correction", games, event, tuple(medals), at, reason, vacant=vacant)


def parse_disqualification(games: str, event: str, body: Any, nocs: set[str]) -> Request:
    """POST a disqualification: {disqualified: [{noc, athlete | team, medal?, member_keys?}],
    reallocated?: [medal entries moving up or added], reason, effective_at?}. A medal may stay
    vacant. A disqualified entry's medal and members are needed only where its NOC holds two
    medals with teams of one name."""
    data = _body(body)
    reason = _text(data, "reason", "", required=True) or ""
    out = parse_entries(data.get("disqualified"), "disqualified", nocs, need_medal=False)
    if not out:
        raise Invalid("disqualified", "name at least one entry")
    moved = parse_entries(data.get("reallocated") or [], "reallocated", nocs)
    at = parse_moment(data.get("effective_at"), "effective_at")
    return Request("disqualification", games, event, tuple(moved), at, reason, tuple(out))


# -- building rows -----------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def award_key(games: str, event: str, entry: Entry, seq: int) -> str:
    """Unique per ledger entry: a corrected medal is a new award beside the revoked one."""
    return f"{games}|{event}|{int(entry.medal)}|{slug(entry.who)}|L{seq}"


def parse_name(name: str) -> PersonName:
    """A name as a desk types it: "Femke Kok" or "Femke KOK"; all lower or mixed case is
    taken as given names then one family name."""
    parsed = parse_given_first(name)
    if parsed.given or " " not in name.strip():
        return parsed
    given, _, family = name.strip().rpartition(" ")
    return PersonName(given=given, family=family)


def new_athlete_key(noc: str, name: str) -> str:
    return f"desk:{noc}:{slug(name)}"


def _not_before(request: Request, standing: Sequence[Award]) -> None:
    """A change cannot count from before the medals it changes were awarded: the table as of
    that earlier moment would show the new medals for an event not yet decided."""
    first = max(a.awarded_at for a in standing)
    if request.at is not None and request.at < first:
        raise Invalid("effective_at", f"before the medals it changes ({first.isoformat()})")


# -- tokens ------------------------------------------------------------------------------


def new_token() -> str:
    return "pod_" + secrets.token_urlsafe(32)


def issue_token(podium: Podium, role: Role, label: str) -> str:
    """A new API token of `role`, returned once: only its SHA-256 is stored."""
    if role not in ROLES:
        raise Invalid("role", f"{role!r} is not one of {', '.join(ROLES)}")
    if not label or len(label) > LABEL_LENGTH:
        raise Invalid("label", f"1 to {LABEL_LENGTH} characters, not {len(label)}")
    token = new_token()
    podium.store.add_token(token_digest(token), role, label)
    return token


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_token(token: str, known: Sequence[tuple[str, str, str]]) -> tuple[str, str] | None:
    """(role, label) of the token among (digest, role, label) rows, comparing every digest in
    constant time so the answer's timing does not tell how much of a digest matched."""
    digest = token_digest(token)
    found = None
    for known_digest, role, label in known:
        if hmac.compare_digest(known_digest, digest):
            found = (role, label)
    return found


# -- the desk: requests checked against the database and written as ledger entries -------


@dataclass(frozen=True)
class Recorded:
    seq: int
    kind: Kind
    games: str
    event: str
    duplicate: bool  # the same result was already recorded: nothing new was written

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# the idempotency record to store with an entry, given its sequence number
Idem = Callable[[int], Mapping[str, Any]] | None


class Desk:
    """Checks a request against what the database knows (NOCs, events, athletes, what is
    standing) and records it as one ledger entry. Raises a `DeskError` before any write."""

    def __init__(self, podium: Podium) -> None:
        self.podium = podium
        self.store = podium.store

    def nocs(self) -> set[str]:
        return set(self.podium.nocs())

    def events(self, games: str) -> set[str]:
        self.podium.games(games)
        return {r.event for r in self.store.contests(games)}

    def result(self, games: str, body: Any, actor: str, idem: Idem) -> Recorded:
        request = parse_result(games, body, self.nocs(), self.events(games))
        self._within(request)
        earlier = self.store.ledger_entries(games=games, event=request.event, kind="result")
        if earlier:
            if earlier[0].request_hash == request.digest:
                return Recorded(earlier[0].seq, "result", games, request.event, True)
            raise Conflict("event", f"{request.event} already has a result; post a correction")
        if self.store.awards(games=[games], event=request.event):
            raise Conflict("event", f"{request.event} already has medals; post a correction")
        return self._write(request, actor, [], idem)

    def correction(self, games: str, event: str, body: Any, actor: str, idem: Idem) -> Recorded:
        self._known_event(games, event)
        request = parse_correction(games, event, body, self.nocs())
        self._within(request)
        standing = self._standing(request, "correct")
        return self._write(request, actor, [a.key for a in standing], idem)

    def disqualification(
        self, games: str, event: str, body: Any, actor: str, idem: Idem
    ) -> Recorded:
        self._known_event(games, event)
        request = parse_disqualification(games, event, body, self.nocs())
        self._within(request)
        standing = self._standing(request, "disqualify from")
        named = medals_named(body.get("disqualified"))
        revoke: list[str] = []
        out: list[Entry] = []
        for i, entry in enumerate(request.disqualified):
            hit = self._standing_one(standing, entry, f"disqualified[{i}]", named[i])
            if hit is None:
                raise Invalid(f"disqualified[{i}]", "this entry has no standing medal in the event")
            revoke.append(hit.key)
            # the ledger keeps the medal taken away, whether or not the request named it
            out.append(replace(entry, medal=hit.medal))
        moved: list[Entry] = []
        for i, entry in enumerate(request.medals):
            hit = self._standing_one(standing, entry, f"reallocated[{i}]", None)
            if hit is not None:
                if hit.key in revoke:
                    raise Invalid(f"reallocated[{i}]", "this entry is disqualified")
                revoke.append(hit.key)
                if hit.team is not None and not (entry.member_keys or entry.members):
                    # a team moving up keeps its members (athlete tallies count each of them)
                    entry = replace(entry, member_keys=hit.members)
            moved.append(entry)
        request = replace(request, medals=tuple(moved), disqualified=tuple(out))
        left = [a for a in standing if a.key not in revoke]
        after = [Entry(a.medal, a.noc, tie=True) for a in left] + list(request.medals)
        # what stands afterwards must still be a podium by the rules (a medal may stay vacant)
        check_podium(
            [e if e.tie else Entry(e.medal, e.noc, tie=True) for e in after],
            "reallocated",
            complete=False,
        )
        counts = Counter(e.medal for e in after)
        for i, e in enumerate(request.medals):
            if counts[e.medal] > 1 and not e.tie:
                raise Invalid(
                    f"reallocated[{i}].tie", f"{e.medal.label} would be shared: mark it as a tie"
                )
        return self._write(request, actor, sorted(set(revoke)), idem)

    def _standing_one(
        self, standing: Sequence[Award], entry: Entry, where: str, medal: Medal | None
    ) -> Award | None:
        """The one standing award an entry names, if any; several is a question to send back."""
        athlete = self._athlete_key(entry, f"{where}.")
        members: frozenset[str] | None = None
        if athlete is None and (entry.member_keys or entry.members):
            by_name = [self._by_name(n, entry.noc, f"{where}.members")[0] for n in entry.members]
            members = frozenset((*entry.member_keys, *by_name))
        hits = matching(standing, entry, athlete, members, medal)
        if len(hits) > 1:
            raise Invalid(
                where,
                f"{len(hits)} standing medals of {entry.noc} match: name the medal or the members",
            )
        return hits[0] if hits else None

    def _standing(self, request: Request, verb: str) -> list[Award]:
        """The awards a correction or disqualification changes: there must be some, and the
        change may not take effect before them."""
        standing = self.store.awards(games=[request.games], event=request.event)
        if not standing:
            raise Conflict("event", f"{request.event} has no result to {verb}")
        _not_before(request, standing)
        return standing

    def _within(self, request: Request) -> None:
        """The request's moment inside its Games' window (see MOMENT_MARGIN)."""
        if request.at is None:
            return  # "when recorded": now
        g = self.podium.games(request.games)
        first = g.starts_at - MOMENT_MARGIN
        if request.kind == "result":
            name, last = "awarded_at", g.ends_at + MOMENT_MARGIN
        else:
            # a correction may come years later, but not from the future: a day from now, or
            # the end of a Games still to come (a feed's test competition, say)
            later = max(datetime.now(UTC), g.ends_at)
            name, last = "effective_at", later + MOMENT_MARGIN
        if not first <= request.at <= last:
            raise Invalid(
                name,
                f"{request.at.isoformat()} is outside {g.name}: from {first.isoformat()} "
                f"to {last.isoformat()}",
            )

    def _belongs(self, key: str, noc: str, gender: str, where: str) -> None:
        """An athlete given by key competes for the entry's NOC (or one of its line) and, for
        a men's or women's `gender`, in that sex (the record's, else its person's; unknown
        for a few athletes of the history, who pass)."""
        athlete = self.store.athlete(key)
        if athlete is None:
            raise Invalid(where, f"unknown athlete {key!r}")
        line = next((n for n in NOC_LINES if noc in n), frozenset({noc}))
        if athlete.noc not in line:
            raise Invalid(where, f"athlete {key!r} competes for {athlete.noc}, not {noc}")
        if gender not in ("M", "W"):
            return  # a mixed event takes either
        sex = athlete.gender or self.store.athlete_sex(key)
        if sex in ("M", "W") and sex != gender:
            kind = {"M": "men's", "W": "women's"}[gender]
            raise Invalid(where, f"athlete {key!r} cannot win a medal in a {kind} event")

    def _known_event(self, games: str, event: str) -> None:
        if event not in self.events(games):
            raise NotFoundError("event", f"unknown event {event!r} at {games}")

    def _athlete_key(self, entry: Entry, where: str) -> str | None:
        if entry.athlete_key:
            if self.store.athlete(entry.athlete_key) is None:
                raise Invalid(f"{where}athlete_key", f"unknown athlete {entry.athlete_key!r}")
            return entry.athlete_key
        if entry.athlete:
            return self._by_name(entry.athlete, entry.noc, f"{where}athlete")[0]
        return None

    def _by_name(self, name: str, noc: str, where: str) -> tuple[str, dict[str, Any] | None]:
        """An athlete by name and NOC; a name never seen before is a new athlete."""
        person = parse_name(name)
        found = self.store.athlete_keys_matching(person.match_key, noc)
        if len(found) > 1:
            raise Invalid(where, f"{len(found)} athletes of {noc} are named {name!r}: send the key")
        if found:
            return found[0], None
        key = new_athlete_key(noc, name)
        row = {
            "key": key,
            "name": person.natural,
            "given": person.given,
            "family": person.family,
            "gender": None,
            "noc": noc,
            "match_key": person.match_key,
        }
        return key, row

    def _write(self, request: Request, actor: str, revoke: list[str], idem: Idem) -> Recorded:
        if request.kind != "result":
            # the same change sent again, with or without an Idempotency-Key, is kept once
            latest = self.store.ledger_entries(games=request.games, event=request.event)
            if latest and (latest[-1].kind, latest[-1].request_hash) == (
                request.kind,
                request.digest,
            ):
                return Recorded(latest[-1].seq, request.kind, request.games, request.event, True)
        gender = self.podium.event(request.event).gender
        now = datetime.now(UTC)
        at = request.at or now
        new_athletes: dict[str, dict[str, Any]] = {}
        resolved: list[tuple[Entry, str | None, list[str]]] = []
        for i, entry in enumerate(request.medals):
            where = f"medals[{i}]." if request.kind != "disqualification" else f"reallocated[{i}]."
            athlete: str | None = None
            if entry.athlete_key or entry.athlete:
                athlete = self._athlete_key(entry, where)
                if entry.athlete_key:
                    self._belongs(entry.athlete_key, entry.noc, gender, f"{where}athlete_key")
                if entry.athlete and not entry.athlete_key:
                    key, row = self._by_name(entry.athlete, entry.noc, f"{where}athlete")
                    if row:
                        new_athletes[key] = row
            members: list[str] = []
            for k in entry.member_keys:
                self._belongs(k, entry.noc, gender, f"{where}member_keys")
                members.append(k)
            for name in entry.members:
                key, row = self._by_name(name, entry.noc, f"{where}members")
                if row:
                    new_athletes[key] = row
                members.append(key)
            resolved.append((entry, athlete, sorted(set(members))))
        on_podium: dict[str, str] = {}
        for i, (_entry, athlete, members) in enumerate(resolved):
            where = "medals" if request.kind != "disqualification" else "reallocated"
            for k in [athlete] if athlete else members:
                if k in on_podium:
                    raise Invalid(
                        f"{where}[{i}]", f"athlete {k!r} is already on this podium ({on_podium[k]})"
                    )
                on_podium[k] = f"{where}[{i}]"

        def awards(seq: int) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
            rows, member_rows = [], []
            for entry, athlete, members in resolved:
                key = award_key(request.games, request.event, entry, seq)
                rows.append(
                    {
                        "key": key,
                        "games": request.games,
                        "event": request.event,
                        "medal": int(entry.medal),
                        "noc": entry.noc,
                        "athlete": athlete,
                        "team": None if athlete else (entry.team or entry.noc),
                        "awarded_at": at.astimezone(UTC).replace(tzinfo=None),
                        "precision": "time",
                        "source": f"ledger:{seq}",
                    }
                )
                member_rows += [{"award": key, "athlete": m} for m in members]
            return rows, member_rows

        entry_row = {
            "kind": request.kind,
            "games": request.games,
            "event": request.event,
            "effective_at": at.astimezone(UTC).replace(tzinfo=None),
            "recorded_at": now.replace(tzinfo=None),
            "request_hash": request.digest,
            "result_key": f"{request.games}|{request.event}" if request.kind == "result" else None,
            "actor": actor,
            "reason": request.reason,
            "payload": request.payload(),
        }
        try:
            seq = self.store.record_ledger(
                entry_row,
                athletes=list(new_athletes.values()),
                awards=awards,
                revoke=revoke,
                revoked_at=at,
                idempotency=idem,
            )
        except IntegrityError:
            # a concurrent writer recorded this event's result (or this key) first
            raise Conflict("event", f"{request.event} was recorded concurrently; retry") from None
        return Recorded(seq, request.kind, request.games, request.event, False)
