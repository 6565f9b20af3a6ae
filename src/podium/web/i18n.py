"""The words of the pages in English and Dutch; `?lang=` wins, else Accept-Language. The
names in them (events, Games, days) come from the story catalogs through `install`'s
template filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import Environment

from podium.core import NotFound, Podium
from podium.news import titles

LANGS = ("en", "nl")

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "table": "Medal table",
        "rank": "Rank",
        "country": "Country",
        "gold": "Gold",
        "silver": "Silver",
        "bronze": "Bronze",
        "total": "Total",
        "points": "Points",
        "order": "Order",
        "order_gold": "Gold first",
        "order_total": "Total",
        "order_points": "Points (3-2-1)",
        "sport": "Sport",
        "all_sports": "All sports",
        "as_of": "As of",
        "now": "Now",
        "timeline": "Day by day",
        "show": "Show",
        "live": "Live",
        "unranked": "listed outside the official table",
        "caption": "Medal table of {games}",
        "caption_as_of": "Medal table of {games} as of {moment}",
        "projected_gold": "Expected golds (80%)",
        "projected_top10": "Chance of top 10",
        "projection": "Projection",
        "medals_at": "Medals at {games}",
        "history": "At every Games",
        "games": "Games",
        "medal": "Medal",
        "event": "Event",
        "athlete": "Athlete or team",
        "career": "Olympic career",
        "race": "The race for gold",
        "race_caption": "Golds of the leading countries, day by day",
        "day": "Day",
        "none": "No medals",
        "chart_history": "Medals per Games",
        "json": "JSON",
        "spellings": "Spelled in the sources as",
        "full_results": "Full results",
        "place": "Place",
        "result": "Result",
        "margin": "Behind",
        "records": "Records",
        "language": "Nederlands",
        "other_lang": "nl",
        "updated": "Updated",
        "stories": "Stories",
        "stories_title": "The news of {games}",
        "perspective": "From the angle of",
        "facts_of": "Facts behind this sentence",
        "changes": "Changed after the Games",
        "as_awarded": "The table as awarded",
        "revoked": "revoked",
        "awarded": "awarded",
        "search": "Find an athlete",
        "search_label": "Name",
        "no_match": "No athlete is called {query}.",
        "did_you_mean": "Did you mean",
        "born": "born",
        "medals_count": "{n} medals",
        "rank_short": "#",
        "embed_heading": "the medal table on your own site",
        "language_label": "Language",
        "preview": "Preview",
        "download_csv": "Download the numbers (CSV)",
        "download_svg": "Download the chart (SVG)",
        "download_png": "Download the chart (PNG)",
        "total_short": "Tot.",
        "totals": "All medals",
        "unranked_legend": "– : listed outside the official table, as the IOC listed it",
        "no_medals_yet": "No medals awarded yet.",
        "connecting": "Connecting…",
        "reconnecting": "Connection lost, reconnecting…",
        "final": "Final standings",
        "sort_hint": "Tap a column heading to sort.",
        "home_title": "Olympic medals",
        "home_intro": (
            "Medal tables, countries, events and athletes of every Olympic Games since 1896."
        ),
        "recent_games": "Current and recent Games",
        "all_games": "All Games",
        "summer": "Summer",
        "winter": "Winter",
        "countries": "Countries",
        "find": "Find an athlete, country or event",
        "find_button": "Search",
        "athletes": "Athletes",
        "events": "Events",
        "facts_hint": "Tap or click a sentence to see the facts behind it.",
        "fact_sources": "The results that show it",
        "close": "Close",
    },
    "nl": {
        "table": "Medaillespiegel",
        "rank": "Plaats",
        "country": "Land",
        "gold": "Goud",
        "silver": "Zilver",
        "bronze": "Brons",
        "total": "Totaal",
        "points": "Punten",
        "order": "Volgorde",
        "order_gold": "Goud eerst",
        "order_total": "Totaal",
        "order_points": "Punten (3-2-1)",
        "sport": "Sport",
        "all_sports": "Alle sporten",
        "as_of": "Stand op",
        "now": "Nu",
        "timeline": "Dag voor dag",
        "show": "Toon",
        "live": "Live",
        "unranked": "buiten het officiële klassement",
        "caption": "Medaillespiegel van {games}",
        "caption_as_of": "Medaillespiegel van {games}, stand op {moment}",
        "projected_gold": "Verwacht goud (80%)",
        "projected_top10": "Kans top 10",
        "projection": "Prognose",
        "medals_at": "Medailles op {games}",
        "history": "Op alle Spelen",
        "games": "Spelen",
        "medal": "Medaille",
        "event": "Onderdeel",
        "athlete": "Sporter of team",
        "career": "Olympische loopbaan",
        "race": "De race om goud",
        "race_caption": "Gouden medailles van de koplopers, dag voor dag",
        "day": "Dag",
        "none": "Geen medailles",
        "chart_history": "Medailles per Spelen",
        "json": "JSON",
        "spellings": "In de bronnen gespeld als",
        "full_results": "Volledige uitslag",
        "place": "Plaats",
        "result": "Resultaat",
        "margin": "Achterstand",
        "records": "Records",
        "language": "English",
        "other_lang": "en",
        "updated": "Bijgewerkt",
        "stories": "Verhalen",
        "stories_title": "Het nieuws van {games}",
        "perspective": "Vanuit",
        "facts_of": "Feiten achter deze zin",
        "changes": "Gewijzigd na de Spelen",
        "as_awarded": "De stand zoals uitgereikt",
        "revoked": "ingetrokken",
        "awarded": "toegekend",
        "search": "Zoek een sporter",
        "search_label": "Naam",
        "no_match": "Geen sporter heet {query}.",
        "did_you_mean": "Bedoelde u",
        "born": "geboren",
        "medals_count": "{n} medailles",
        "rank_short": "#",
        "embed_heading": "de medaillespiegel op je eigen site",
        "language_label": "Taal",
        "preview": "Voorbeeld",
        "download_csv": "Download de cijfers (CSV)",
        "download_svg": "Download de grafiek (SVG)",
        "download_png": "Download de grafiek (PNG)",
        "total_short": "Tot.",
        "totals": "Alle medailles",
        "unranked_legend": "– : buiten het officiële klassement, zoals het IOC het opgaf",
        "no_medals_yet": "Nog geen medailles uitgereikt.",
        "connecting": "Verbinden…",
        "reconnecting": "Verbinding verbroken, opnieuw verbinden…",
        "final": "Eindstand",
        "sort_hint": "Tik op een kolomkop om te sorteren.",
        "home_title": "Olympische medailles",
        "home_intro": (
            "Medaillespiegels, landen, onderdelen en sporters van alle Olympische Spelen"
            " sinds 1896."
        ),
        "recent_games": "Nu en kort geleden",
        "all_games": "Alle Spelen",
        "summer": "Zomer",
        "winter": "Winter",
        "countries": "Landen",
        "find": "Zoek een sporter, land of onderdeel",
        "find_button": "Zoek",
        "athletes": "Sporters",
        "events": "Onderdelen",
        "facts_hint": "Tik of klik op een zin voor de feiten erachter.",
        "fact_sources": "De uitslagen die het laten zien",
        "close": "Sluiten",
    },
}

MEDAL_WORDS = {
    "en": {"gold": "gold", "silver": "silver", "bronze": "bronze"},
    "nl": {"gold": "goud", "silver": "zilver", "bronze": "brons"},
}


def pick(query: str | None, accept_language: str | None) -> str:
    """`?lang=` if it names a language we have, else the first of ours the browser lists."""
    if query in LANGS:
        return query
    weighted: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.split("-")[0].lower()
        if primary in LANGS and q > 0:
            weighted.append((-q, i, primary))
    return min(weighted)[2] if weighted else "en"


def install(env: Environment, podium: Podium) -> None:
    """Template filters that name things in the page's language:
    `key | event_title(lang)`, `games | games_title(lang)` (a serialized Games, or a slug),
    `iso | day(lang)` (a date or moment in ISO form, '17 februari 2026')."""

    def event_title(key: str, lang: str) -> str:
        by_key = {e.key: e for e in podium.events()}  # cached per revision in the core
        found = by_key.get(key)
        return titles.event_title(found, lang) if found else key

    def games_title(games: Any, lang: str) -> str:
        slug = games["slug"] if isinstance(games, dict) else str(games)
        try:
            return titles.games_title(podium.games(slug), lang)
        except NotFound:
            return slug

    def day(iso: str, lang: str) -> str:
        return titles.day_words(date.fromisoformat(iso[:10]), lang)

    env.filters["event_title"] = event_title
    env.filters["games_title"] = games_title
    env.filters["day"] = day


# The error pages: a heading per status (`other` for the rest), and the ways on.
ERROR_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "404": "This page does not exist",
        "422": "This address asks for something we cannot show",
        "500": "Something went wrong on our side",
        "other": "This page cannot be shown",
        "explain_404": "There is no page at this address. It may have moved, or a letter is off.",
        "explain_422": "A part of the address is not one we know; the details are below.",
        "explain_500": "The error is logged. Please try again in a moment.",
        "explain_other": "The details are below.",
        "detail": "Details",
        "way_on": "Where to now",
        "to_table": "The medal table of {games}",
        "to_home": "To the front page",
    },
    "nl": {
        "404": "Deze pagina bestaat niet",
        "422": "Dit adres vraagt iets wat we niet kunnen tonen",
        "500": "Er ging bij ons iets mis",
        "other": "Deze pagina kan niet worden getoond",
        "explain_404": "Op dit adres staat geen pagina. Misschien is ze verhuisd, of klopt een "
        "letter niet.",
        "explain_422": "Een deel van het adres kennen we niet; de details staan hieronder.",
        "explain_500": "De fout is vastgelegd. Probeer het zo nog eens.",
        "explain_other": "De details staan hieronder.",
        "detail": "Details",
        "way_on": "Verder naar",
        "to_table": "De medaillespiegel van {games}",
        "to_home": "Naar de voorpagina",
    },
}
