"""The local web app: pages, search, the JSON API and its description, and what it refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storydesk.web.app import check_host, create_app
from tests.conftest import run

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    run("ingest", str(CORPUS), "--db", path, "--quiet")
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


def test_story_list_sorts_and_filters(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "Stories" in page.text
    stories = client.get("/api/stories").json()
    assert len(stories) >= 2
    label = stories[0]["label"].split(",")[0]
    filtered = client.get("/", params={"label": label, "sort": "date"}).text
    assert f"/story/{stories[0]['id']}" in filtered
    assert client.get("/", params={"sort": "nonsense"}).status_code == 422


def test_search_finds_articles_and_links_their_story(client: TestClient) -> None:
    page = client.get("/search", params={"q": "ferry"})
    assert page.status_code == 200 and "/article/" in page.text and "/story/" in page.text
    hits = client.get("/api/search", params={"q": "ferry"}).json()
    assert hits and all({"id", "title", "snippet"} <= hit.keys() for hit in hits)


def test_story_and_article_pages(client: TestClient) -> None:
    story = client.get("/api/stories").json()[0]
    page = client.get(f"/story/{story['id']}")
    assert page.status_code == 200 and 'id="summary"' in page.text and 'id="ledger"' in page.text
    assert "Content-Security-Policy" in page.headers
    dossier = client.get(f"/api/stories/{story['id']}").json()
    assert dossier["summary"] and dossier["claims"]
    article = dossier["articles"][0]["id"]
    assert client.get(f"/article/{article}").status_code == 200
    assert client.get(f"/api/articles/{article}").json()["story"] == story["id"]


def test_the_api_is_described_by_openapi(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
            "/api/search"} <= spec["paths"].keys()
    assert client.get("/docs").status_code == 404  # no CDN-loaded interactive docs


@pytest.mark.parametrize("path", [
    "/api/stories/..%2F..%2Fetc%2Fpasswd", "/story/..%2F..%2Fstorydesk.db",
    "/api/articles/%2Fetc%2Fpasswd", "/article/....%2F%2F", "/api/stories/" + "a" * 65,
])
def test_path_traversal_is_refused(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert "root:" not in response.text


def test_oversized_and_unknown_requests_are_refused_not_crashed(client: TestClient) -> None:
    assert client.get("/search", params={"q": "x" * 5000}).status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/stories/szzzzzz").status_code == 404
    assert client.get("/api/stories", params={"limit": 10**9}).status_code == 422
    assert client.get("/api/search", params={"q": '"unbalanced AND ('}).status_code == 200
    for control in ("\x00", "ferry\x00", "\x1b[31m", "a\x07b"):
        assert client.get("/api/search", params={"q": control}).status_code == 200, control


def test_a_token_guards_every_request(db: str) -> None:
    guarded = TestClient(create_app(db, token="s3cret"))
    assert guarded.get("/api/stories").status_code == 401
    assert guarded.get("/api/stories", headers={"Authorization": "Bearer s3cret"}).json()
    assert guarded.get("/", params={"token": "s3cret"}).status_code == 200


def test_serving_beyond_this_machine_needs_a_token(db: str) -> None:
    check_host("127.0.0.1", None)
    with pytest.raises(ValueError, match="token"):
        check_host("0.0.0.0", None)
    check_host("0.0.0.0", "s3cret")
    output = run("serve", "--db", db, "--host", "0.0.0.0", code=1)
    assert "token" in output


def test_hostile_search_text_is_shown_as_text(client: TestClient) -> None:
    page = client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text


def test_every_citation_on_a_story_page_lands_on_a_highlighted_passage(
        client: TestClient) -> None:
    story = client.get("/api/stories").json()[0]
    page = client.get(f"/story/{story['id']}").text
    targets = set(re.findall(r'href="(/article/[^"#]+)#([^"]+)"', page))
    assert targets, "the story page cites no article passage"
    pages: dict[str, str] = {}
    for path, anchor in sorted(targets):
        if path not in pages:
            pages[path] = client.get(path).text
        highlighted = rf'<a id="{anchor}"></a>(<a id="[^"]+"></a>)*<span class="'
        assert re.search(highlighted, pages[path]), (path, anchor)
    assert any('class="claim' in text for text in pages.values())
    assert any('class="quote' in text for text in pages.values())
