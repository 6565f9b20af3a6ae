"""Every page on a phone (390x844) and a desktop (1280x900), in Dutch and English, in headless
Chromium: no horizontal overflow (the page, and every table inside its box), tap targets of at
least 44 px, axe-core without violations, and a screenshot of each in test-artifacts/phone/.
Then the exact texts a reader sees: Dutch event and Games titles, dates in words, AIN outside
the ranking at Paris 2024 and Milano Cortina 2026, the totals row, sorting, the home page and
the facts behind a story sentence."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from podium.web import create_app
from support import ServerThread

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
AXE = Path(
    os.environ.get("PODIUM_AXE_JS")
    or Path(__file__).resolve().parents[1] / "node_modules/axe-core/axe.min.js"
)
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "phone"
GAMES = "milano-cortina-2026"
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
LANGS = ("nl", "en")
# Every page family, with the query that shows it at its fullest.
PAGES = {
    "home": "/",
    "table": f"/games/{GAMES}",
    "table-paris": "/games/paris-2024",
    "table-as-of": f"/games/{GAMES}?as_of=2026-02-17&order=total",
    "race": f"/games/{GAMES}/race",
    "stories": f"/games/{GAMES}/stories",
    "projection": f"/games/{GAMES}/projection",
    "country": f"/nocs/NED?games={GAMES}",
    "event": "/events/short-track/w/500m",
    "search": "/athletes?q=velzeboer",
    "athlete": "/athletes/olympedia:143493",
    "embed": f"/games/{GAMES}/embed",
    "embed-table": f"/games/{GAMES}/embed/table",
    "not-found": "/nocs/XYZ",
}
TAP = 44

if not CHROMIUM.exists():
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

# What counts as a tap target, and which of them are too small. A target that is itself
# running text (display: inline inside a paragraph or a story's headline) is exempt, as WCAG
# 2.5.8 exempts inline targets: a story's sentences are the targets that open their facts,
# and the links inside a fact's explanation are words of its sentence. Every other link,
# button and field is checked.
SMALL_TARGETS = """(min) => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[role=button], [tabindex]:not([tabindex="-1"])';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (getComputedStyle(el).display === 'inline' && el.closest('p, li.prose, .story h2')) {
      continue;
    }
    if (box.width < min || box.height < min) {
      out.push(el.tagName.toLowerCase() + ' "' + (el.textContent || el.name || '').trim()
        .slice(0, 30) + '" ' + Math.round(box.width) + 'x' + Math.round(box.height));
    }
  }
  return out;
}"""
OVERFLOW = """() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) {
    out.push('page ' + doc.scrollWidth + ' > ' + doc.clientWidth);
  }
  for (const el of document.querySelectorAll('table, .scroll, figure, pre')) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible'
        || el.getBoundingClientRect().right > doc.clientWidth + 1) {
      out.push(el.tagName.toLowerCase() + '#' + el.id + '.' + el.className + ' '
        + el.scrollWidth + ' > ' + el.clientWidth);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def served(imported_url: str) -> Iterator[str]:
    with ServerThread(create_app(imported_url)) as server:
        # the slow first reads done once, before any page is timed: the search index (built
        # on the first search) and the story and projection pages (kept per revision)
        for path in ("/athletes.json?q=velzeboer", f"/games/{GAMES}/projection?lang=nl"):
            assert httpx.get(server.url + path, timeout=300).status_code == 200
        for lang in LANGS:
            page = f"/games/{GAMES}/stories?lang={lang}"
            assert httpx.get(server.url + page, timeout=300).status_code == 200
        yield server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def open_page(browser: Any, size: str, lang: str, scheme: str = "light") -> Any:
    width, height = SIZES[size]
    locale = "nl-NL" if lang == "nl" else "en-GB"
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale=locale, color_scheme=scheme
    )
    context.set_default_timeout(60_000)  # a loaded machine's heavy pages
    return context.new_page()


def at(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def axe(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found: list[str] = page.evaluate(
        "axe.run(document).then(r => r.violations.map(v => v.id + ': '"
        " + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))"
    )
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_fits_taps_and_passes_axe(
    browser: Any, served: str, name: str, size: str, lang: str
) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (npm install axe-core@4)")
    page = open_page(browser, size, lang)
    try:
        page.goto(served + at(PAGES[name], lang))
        assert page.locator("html").get_attribute("lang") == lang
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{size}-{lang}.png"), full_page=True)
        assert page.evaluate(OVERFLOW) == []
        assert page.evaluate(SMALL_TARGETS, TAP) == []
        assert axe(page) == []
    finally:
        page.context.close()


@pytest.mark.parametrize("name", ["home", "table", "stories", "event"])
def test_dark_mode(browser: Any, served: str, name: str) -> None:
    """prefers-color-scheme: dark gives a dark page that axe still passes (contrast)."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (npm install axe-core@4)")
    page = open_page(browser, "phone", "nl", scheme="dark")
    try:
        page.goto(served + at(PAGES[name], "nl"))
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(18, 20, 23)"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-phone-nl-dark.png"), full_page=True)
        assert axe(page) == []
    finally:
        page.context.close()


def test_names_in_the_readers_language(browser: Any, served: str) -> None:
    page = open_page(browser, "phone", "nl")
    try:
        page.goto(f"{served}/events/short-track/w/500m?lang=nl")
        assert page.locator("h1").inner_text() == "Shorttrack – 500 meter vrouwen"
        captions = page.locator("table.podium caption").all_inner_texts()
        assert captions[:2] == ["Milaan-Cortina 2026", "Peking 2022"]
        assert "Turijn 2006" in captions
        page.goto(f"{served}/events/speed-skating/w/500m?lang=nl")
        assert page.locator("h1").inner_text() == "Schaatsen – 500 meter vrouwen"
        page.goto(f"{served}/events/ice-hockey/m/tournament?lang=nl")
        assert page.locator("h1").inner_text() == "IJshockey – mannen"
        page.goto(f"{served}/events/short-track/w/500m?lang=en")
        assert page.locator("h1").inner_text() == "Short Track – Women's 500m"
        # the Dutch page of the Netherlands tells the two women's 500 m apart
        page.goto(f"{served}/nocs/NED?games={GAMES}&lang=nl")
        events = page.locator("table.list tbody td:nth-child(2)").all_inner_texts()
        assert "Shorttrack – 500 meter vrouwen" in events
        assert "Schaatsen – 500 meter vrouwen" in events
        assert "Women's 500m" not in events
        history = page.locator("table.list tbody th[scope=row]").all_inner_texts()
        assert {"Athene 2004", "Turijn 2006", "München 1972", "Parijs 1924"} <= set(history)
        # a date in words, in the caption of the table as it stood
        page.goto(f"{served}/games/{GAMES}?as_of=2026-02-17&lang=nl")
        assert page.locator("#medal-table caption").inner_text() == (
            "Medaillespiegel van Milaan-Cortina 2026, stand op 17 februari 2026"
        )
        # the sport filter splits skating as a reader knows it
        options = page.locator("select[name=sport] option").all_inner_texts()
        assert {"Schaatsen", "Shorttrack", "Kunstrijden"} <= set(options)
        page.select_option("select[name=sport]", "short-track")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**sport=short-track**")
        # the short-track table as it stood on 17 February (the date stays chosen)
        assert page.locator("tr[data-noc='NED'] td.n").all_inner_texts() == ["4", "0", "0", "4"]
    finally:
        page.context.close()


def test_unranked_delegations_as_the_official_tables_had_them(browser: Any, served: str) -> None:
    page = open_page(browser, "phone", "nl")
    try:
        for slug, medals, footnote_rank in (
            ("paris-2024", ["1", "3", "1", "5"], "=84"),
            (GAMES, ["0", "1", "0", "1"], "29"),
        ):
            page.goto(f"{served}/games/{slug}?lang=nl")
            ain = page.locator("tr[data-noc='AIN']")
            assert ain.get_attribute("data-rank") == ""
            assert ain.locator("td.rank").inner_text() == "–"
            assert ain.locator("td.n").all_inner_texts() == medals
            assert page.locator("#legend").inner_text() == (
                "– : buiten het officiële klassement, zoals het IOC het opgaf: "
                "Individuele Neutrale Atleten"
            )
            # the last ranked row: EOR shares 84th in Paris; Belgium is 29th in 2026
            ranked = page.locator("#medal-table tbody tr:not(.unranked) td.rank")
            assert ranked.last.inner_text() == footnote_rank
    finally:
        page.context.close()


def test_totals_row_and_sorting(browser: Any, served: str) -> None:
    page = open_page(browser, "phone", "en")
    try:
        page.goto(f"{served}/games/{GAMES}?lang=en")
        assert page.locator("#medal-table tfoot td.n").all_inner_texts() == [
            "116",
            "118",
            "115",
            "349",
        ]
        first = "#medal-table tbody tr:first-child"
        page.click("th[data-sort=bronze] button")
        assert page.locator("th[data-sort=bronze]").get_attribute("aria-sort") == "descending"
        assert page.locator(first).get_attribute("data-noc") == "ITA"  # 14 bronzes
        page.click("th[data-sort=bronze] button")
        assert page.locator("th[data-sort=bronze]").get_attribute("aria-sort") == "ascending"
        page.click("th[data-sort=name] button")
        assert page.locator(first).get_attribute("data-noc") == "AUS"  # Australia
        page.click("th[data-sort=rank] button")
        assert page.locator(first).get_attribute("data-noc") == "NOR"
        assert page.locator("#medal-table tbody tr:last-child").get_attribute("data-noc") == "AIN"
    finally:
        page.context.close()


def test_the_home_page_finds_athletes_countries_and_events(browser: Any, served: str) -> None:
    page = open_page(browser, "phone", "nl")
    try:
        page.goto(f"{served}/?lang=nl")
        assert page.locator("h1").inner_text() == "Olympische medailles"
        recent = page.locator("ul.cards strong").all_inner_texts()
        assert recent == ["Milaan-Cortina 2026", "Parijs 2024", "Peking 2022", "Tokio 2020"]
        assert page.locator("#live-status").count() == 0
        page.fill("input[name=q]", "shorttrack 500")
        page.click("form[role=search] button")
        page.wait_for_url("**q=shorttrack**")
        events = page.locator("ul.links a").all_inner_texts()
        assert events == ["Shorttrack – 500 meter mannen", "Shorttrack – 500 meter vrouwen"]
        page.goto(f"{served}/athletes?q=nederland&lang=nl")
        assert page.locator("ul.links a").first.text_content() == "🇳🇱Nederland"
        page.goto(f"{served}/nocs/XYZ?lang=nl")
        assert page.locator("h1").inner_text() == "Deze pagina bestaat niet"
        assert page.locator("a", has_text="Naar de voorpagina").count() == 1
    finally:
        page.context.close()


def test_a_story_sentence_opens_its_facts_in_words(browser: Any, served: str) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (npm install axe-core@4)")
    page = open_page(browser, "phone", "nl")
    try:
        page.goto(f"{served}/games/{GAMES}/stories?lang=nl")
        lead = page.locator("article.story").nth(1).locator(".lead .sentence")
        panel = page.locator("#" + str(lead.get_attribute("aria-controls")))
        assert panel.is_hidden()
        lead.click()  # a tap
        assert panel.is_visible() and lead.get_attribute("aria-expanded") == "true"
        text = panel.inner_text()
        assert text.startswith("Feiten achter deze zin\nMedaille: Nederland, Marijke Groenewoud, ")
        assert "goud: Marijke Groenewoud (Nederland), Schaatsen – massastart vrouwen, " in text
        assert "olympedia:" not in text and "medal:" not in text  # no internal ids
        links = panel.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert "/events/speed-skating/w/mass-start?lang=nl" in links
        assert "/games/milano-cortina-2026?lang=nl" in links
        assert page.evaluate(SMALL_TARGETS, TAP) == []
        assert axe(page) == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "stories-facts-phone-nl.png"), full_page=True)
        panel.locator("button.close").click()
        assert panel.is_hidden() and lead.get_attribute("aria-expanded") == "false"
        lead.press("Enter")  # and by keyboard
        assert panel.is_visible()
    finally:
        page.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_race_chart_reads(browser: Any, served: str, size: str) -> None:
    """End labels never overlap, the reader's country is drawn bold, the axis has dates in
    words, the numbers download as CSV and the chart as SVG and PNG."""
    page = open_page(browser, size, "nl")
    try:
        page.goto(f"{served}/games/{GAMES}/race?lang=nl")
        boxes = page.locator("g.series text.end").evaluate_all(
            "ts => ts.map(t => { const b = t.getBoundingClientRect();"
            " return [t.textContent, b.top, b.bottom]; })"
        )
        assert [b[0] for b in boxes] == ["NOR", "USA", "NED", "ITA", "GER", "FRA", "SWE", "SUI"]
        spans = sorted((top, bottom) for _, top, bottom in boxes)
        assert all(a[1] <= b[0] + 0.5 for a, b in itertools.pairwise(spans))
        assert page.locator("g.series.me text.end").text_content() == "NED"
        # each day of a line has its own tooltip: the country, the day, its golds by then
        tips = page.locator("g.series.me circle.point title").all_text_contents()
        assert len(tips) == 17
        assert tips[-1] == "🇳🇱 Nederland, 22 feb: 10 goud"
        ticks = page.locator("svg text.tick").evaluate_all("ts => ts.map(t => t.textContent)")
        assert ticks[-9:] == [f"{d} feb" for d in range(6, 23, 2)]
        href = str(page.locator("a[download]").get_attribute("href"))
        csv = unquote(href.removeprefix("data:text/csv;charset=utf-8,")).splitlines()
        assert csv[:2] == ["Dag,NOR,USA,NED,ITA,GER,FRA,SWE,SUI", "2026-02-06,0,0,0,0,0,0,0,0"]
        assert csv[-1] == "2026-02-22,18,12,10,10,8,8,8,6"
        for kind, start in (("SVG", b"<svg"), ("PNG", b"\x89PNG")):
            with page.expect_download() as got:
                page.click(f"text=Download de grafiek ({kind})")
            file = got.value
            assert file.suggested_filename == f"{GAMES}-race.{kind.lower()}"
            assert Path(file.path()).read_bytes().startswith(start)
        page.select_option("select[name=noc]", "BUL")  # any country can be the reader's
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**noc=BUL**")
        assert page.locator("g.series.me text.end").text_content() == "BUL"
    finally:
        page.context.close()
