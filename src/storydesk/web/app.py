"""The local web app: story list, search, story and article pages, and a JSON API.

Pages are rendered on the server (no JavaScript needed; the pages carry none) with Jinja2
autoescaping, so article text is always shown as text. The app only reads the store. It is
meant for 127.0.0.1; bound to another address it requires a token (`Authorization: Bearer
TOKEN`, or `?token=TOKEN` for a browser), which `storydesk serve` insists on.

The API lives under `/api/` and is described at `/api/openapi.json` (no interactive docs:
they would load scripts from a CDN).
"""

from __future__ import annotations

import hmac
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from storydesk.claims.analysis import story_analysis
from storydesk.dossier.html import Links, highlighted, render_html
from storydesk.dossier.report import report_dossier
from storydesk.quotes.ledger import quotes_of
from storydesk.store.sqlite import NotFound, Store
from storydesk.stories.queries import get_story, list_stories

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
MAX_QUERY = 200
RENDERED_PAGES = 32  # story pages kept rendered, most recently viewed
ARTICLE_LINKS = Links("/article/")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
StoryId = Annotated[str, PathParam(pattern=ID_PATTERN, description="story id or prefix")]
ArticleId = Annotated[str, PathParam(pattern=ID_PATTERN, description="article id or prefix")]
SearchText = Annotated[str, Query(min_length=1, max_length=MAX_QUERY,
                                  description="FTS5 query or plain words")]


def _environment() -> Environment:
    return Environment(loader=PackageLoader("storydesk.web", "templates"),
                       autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    """The app over the store at `db` (opened per request, read only)."""
    if not Path(db).exists():
        raise FileNotFoundError(f"no database at {db}")
    app = FastAPI(title="storydesk", description="Stories, quotes, claims and their evidence.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    templates = _environment()

    @contextmanager
    def store() -> Iterator[Store]:
        with Store(db, create=False) as opened:
            yield opened

    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**context))

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if token is not None:
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() \
                or request.query_params.get("token", "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                return JSONResponse({"detail": "a valid token is required"}, status_code=401)
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(sort: Annotated[str, Query(pattern="^(size|date|sources)$")] = "size",
                     min_size: Annotated[int, Query(ge=1, le=100_000)] = 1,
                     label: Annotated[str, Query(max_length=MAX_QUERY)] = "") -> HTMLResponse:
        with store() as opened:
            rows = [s for s in list_stories(opened, min_size, sort)
                    if label.lower() in (s.label or "").lower()]
        return page("stories.html.j2", stories=rows, sort=sort, min_size=min_size, label=label)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: SearchText) -> HTMLResponse:
        with store() as opened:
            hits = opened.search(q, limit=50)
            story_of = {h.id: _story_of(opened, h.id) for h in hits}
        return page("search.html.j2", q=q, hits=hits, story_of=story_of)

    rendered: OrderedDict[tuple[str, ...], str] = OrderedDict()

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: StoryId) -> HTMLResponse:
        """The story's report; kept rendered until the story's analysis or ledger changes."""
        with store() as opened:
            story, _ = _or_404(lambda: get_story(opened, story_id))
            state = opened.conn.execute(
                "SELECT s.updated_at, s.ledger_of, a.analysed_of, a.updated_at "
                "FROM stories s LEFT JOIN analyses a ON a.story = s.id WHERE s.id = ?",
                (story.id,)).fetchone()
            key = (story.id, *(str(v) for v in state))
            if key not in rendered:
                # Articles' texts are on their own pages: the story page stays light.
                rendered[key] = render_html(report_dossier(opened, story.id, texts=False),
                                            home="/", links=ARTICLE_LINKS)
                while len(rendered) > RENDERED_PAGES:
                    rendered.popitem(last=False)
            rendered.move_to_end(key)
        return HTMLResponse(rendered[key])

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: ArticleId) -> HTMLResponse:
        """The article's cleaned text, its quotes and the claim passages of its story
        highlighted and anchored, so that a story page's citations land on them."""
        with store() as opened:
            article = _or_404(lambda: opened.get(article_id))
            story = _story_of(opened, article.id)
            quotes = quotes_of(opened, [article.id]).get(article.id, [])
            analysis = (story_analysis(opened, story) or {}) if story else {}
        return page("article.html.j2", article=article, story=story,
                    segments=highlighted(article.text, quotes, analysis.get("claims", []),
                                         article.id, analysis.get("conflicts", [])))

    @app.get("/api/stories", tags=["stories"])
    def api_stories(sort: Annotated[str, Query(pattern="^(size|date|sources)$")] = "size",
                    min_size: Annotated[int, Query(ge=1, le=100_000)] = 1,
                    limit: Annotated[int, Query(ge=1, le=10_000)] = 100) -> list[dict[str, Any]]:
        """Stories, largest (or newest, or best sourced) first."""
        with store() as opened:
            return [asdict(s) for s in list_stories(opened, min_size, sort, limit)]

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: StoryId) -> dict[str, Any]:
        """A story's dossier: articles, statements, claims, conflicts, entities, timeline,
        summary, and the articles' texts."""
        with store() as opened:
            return _or_404(lambda: report_dossier(opened, story_id))

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: ArticleId) -> dict[str, Any]:
        """One article: metadata, cleaned text and its story."""
        with store() as opened:
            article = _or_404(lambda: opened.get(article_id))
            return {"id": article.id, "url": article.url, "outlet": article.outlet,
                    "title": article.title, "published": article.published,
                    "text": article.text, "story": _story_of(opened, article.id)}

    @app.get("/api/search", tags=["articles"])
    def api_search(q: SearchText,
                   limit: Annotated[int, Query(ge=1, le=200)] = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and texts."""
        with store() as opened:
            return [asdict(h) for h in opened.search(q, limit=limit)]

    return app


def _or_404(load: Any) -> Any:
    try:
        return load()
    except NotFound as e:
        raise HTTPException(status_code=404, detail=str(e)) from e


def _story_of(store: Store, article_id: str) -> str | None:
    row = store.conn.execute("SELECT story FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row["story"] if row else None


def check_host(host: str, token: str | None) -> None:
    """Refuse to serve on a non-loopback address without a token."""
    if host not in LOOPBACK and not token:
        raise ValueError(f"serving on {host} exposes the database to the network: set a token "
                         "(--token or STORYDESK_TOKEN) or bind to 127.0.0.1")
