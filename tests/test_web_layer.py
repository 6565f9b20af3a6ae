"""The web layer itself: errors as pages in the reader's language with a way on (JSON still
for the API, twins, feeds and files), a 500 that is a page too, and the API docs served from
the package with no asset from elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from podium import Podium
from podium.web import create_app

GAMES = "milano-cortina-2026"


@pytest.fixture(scope="module")
def client(imported_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(imported_url)) as c:
        yield c


def _main(html: str) -> str:
    """The page's <main>, its tags dropped and its spaces squeezed."""
    found = re.search(r"<main[^>]*>(.*)</main>", html, re.S)
    assert found, html
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_a_missing_country_is_a_dutch_page_with_ways_on(client: TestClient) -> None:
    page = client.get("/nocs/XYZ", headers={"Accept-Language": "nl-NL,nl;q=0.9"})
    assert page.status_code == 404
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["content-language"] == "nl"
    assert '<html lang="nl">' in page.text
    assert "<title>Deze pagina bestaat niet · Podium</title>" in page.text
    assert _main(page.text) == (
        "Deze pagina bestaat niet Op dit adres staat geen pagina. Misschien is ze verhuisd, of "
        "klopt een letter niet. Details: no NOC with code &#39;XYZ&#39; Verder naar "
        "Zoek een sporter, land of onderdeel Zoek De medaillespiegel van Milaan-Cortina 2026 "
        "Naar de voorpagina"
    )
    assert f'<a href="/games/{GAMES}?lang=nl">' in page.text
    assert '<a href="/?lang=nl">Naar de voorpagina</a>' in page.text


def test_a_bad_query_is_an_english_page_and_the_twin_stays_json(client: TestClient) -> None:
    page = client.get(f"/games/{GAMES}?order=silly&lang=en", headers={"Accept-Language": "nl"})
    assert (page.status_code, page.headers["content-language"]) == (422, "en")
    assert _main(page.text) == (
        "This address asks for something we cannot show A part of the address is not one we "
        "know; the details are below. Details: order: &#39;silly&#39; is not one of gold, "
        "total, points Where to now Find an athlete, country or event Search The medal table "
        "of Milano Cortina 2026 To the front page"
    )
    twin = client.get(f"/games/{GAMES}.json?order=silly&lang=nl")
    assert (twin.status_code, twin.json()) == (
        422,
        {"error": "order: 'silly' is not one of gold, total, points"},
    )


def test_no_such_address_is_a_page_but_json_under_api_and_static(client: TestClient) -> None:
    page = client.get("/nowhere/at/all", headers={"Accept-Language": "nl"})
    assert (page.status_code, page.headers["content-language"]) == (404, "nl")
    assert "<h1>Deze pagina bestaat niet</h1>" in page.text
    for path in ("/api/nowhere", "/static/nowhere.css", f"/games/{GAMES}/nowhere.json"):
        answer = client.get(path)
        assert (answer.status_code, answer.json()) == (404, {"detail": "Not Found"}), path
    unknown = client.get(f"/games/{GAMES}/live?sport=unknown")
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"error": "no sport or discipline 'unknown'"},
    )


def test_a_crash_is_a_page_for_people_and_json_for_programs(imported: Podium) -> None:
    app = create_app(imported)
    broken = APIRouter()

    @broken.get("/broken")
    @broken.get("/api/broken")
    async def crash() -> None:
        raise RuntimeError("a bug")

    app.router.routes.extend(broken.routes)
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/broken?lang=nl")
        assert (page.status_code, page.headers["content-language"]) == (500, "nl")
        assert _main(page.text) == (
            "Er ging bij ons iets mis De fout is vastgelegd. Probeer het zo nog eens. Verder "
            "naar Zoek een sporter, land of onderdeel Zoek De medaillespiegel van "
            "Milaan-Cortina 2026 Naar de voorpagina"
        )
        api = client.get("/api/broken")
        assert (api.status_code, api.json()) == (500, {"error": "internal server error"})


def test_api_docs_use_only_assets_served_here(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text)
    assets += re.findall(r"""url: ?["']([^"']+)["']""", page.text)
    assert sorted(set(assets)) == [
        "/api/docs/assets/favicon-32x32.png",
        "/api/docs/assets/swagger-ui-bundle.js",
        "/api/docs/assets/swagger-ui.css",
        "/api/openapi.json",
    ]
    assert "http://" not in page.text and "https://" not in page.text
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    bundle = client.get("/api/docs/assets/swagger-ui-bundle.js").text
    # Swagger UI 5 reads OpenAPI 3.1, which FastAPI writes (4.x shows nothing)
    assert client.get("/api/openapi.json").json()["openapi"].startswith("3.1")
    assert "SwaggerUIBundle" in bundle


def test_the_description_is_generated_from_the_models(client: TestClient) -> None:
    """The JSON twins' shapes are components made from web.schemas, not written by hand."""
    spec = client.get("/api/openapi.json").json()
    ok = spec["paths"]["/games/{slug}.json"]["get"]["responses"]["200"]["content"]
    assert ok == {"application/json": {"schema": {"$ref": "#/components/schemas/MedalTable"}}}
    table = spec["components"]["schemas"]["MedalTable"]
    assert table["required"] == [
        "title", "games", "as_of", "order", "weights", "filters", "medals", "rows", "seq",
        "changes", "projection",
    ]  # fmt: skip
    page = spec["paths"]["/nocs/{code}"]["get"]["responses"]
    assert list(page["404"]["content"]) == ["text/html"]


def test_the_embed_pages_answer_errors_as_pages_in_the_embeds_language(
    client: TestClient,
) -> None:
    builder = client.get(f"/games/{GAMES}/embed?theme=pink")
    assert (builder.status_code, builder.headers["content-language"]) == (422, "nl")
    assert "Details: <code>theme: &#39;pink&#39; is not one of light, dark</code>" in builder.text
    table = client.get("/games/nowhere/embed/table?lang=en")
    assert (table.status_code, table.headers["content-language"]) == (404, "en")
    assert "<h1>This page does not exist</h1>" in table.text
    code = client.get("/games/nowhere/embed.json")
    assert (code.status_code, code.json()) == (
        404,
        {
            "error": "no Games 'nowhere' (recent ones: tokyo-2020, beijing-2022, paris-2024, "
            "milano-cortina-2026)"
        },
    )
