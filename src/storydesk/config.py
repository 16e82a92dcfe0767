"""Settings for ingestion: limits, field mappings for dumps, the outlet map."""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "storydesk.db"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Column names tried, in order, for each article field of a JSONL/JSON/CSV dump. These cover
# news-please, CC-NEWS derivatives, Media Cloud and common scraper exports.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "body", "content", "article", "full_text", "story", "fulltext"),
    "title": ("title", "headline", "heading", "name"),
    "url": ("url", "link", "canonical_url", "source_url", "uri"),
    "date": ("published", "date_publish", "date", "publish_date", "published_at", "pubdate",
             "publication_date", "datetime", "timestamp"),
    "outlet": ("outlet", "source", "source_name", "media_name", "publisher", "site_name",
               "sitename", "source_domain", "domain"),
    "authors": ("authors", "author", "byline", "creator", "creators"),
}
ARTICLE_FIELDS = tuple(DEFAULT_FIELDS)


def default_db() -> str:
    """The database path: ``$STORYDESK_DB`` or ``storydesk.db`` in the working directory."""
    return os.environ.get("STORYDESK_DB", DEFAULT_DB)


@dataclass(slots=True)
class Settings:
    """What an ingest run may vary.

    ``fields`` maps each article field to the dump columns tried for it (a user mapping such as
    ``text=body_html`` goes first). ``outlets`` maps domains or file-name globs to outlet names.
    ``jobs`` is the number of worker processes for cleaning and extraction (0: all cores).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    fields: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    outlets: dict[str, str] = field(default_factory=dict)
    jobs: int = 0
    timeout: float = 20.0
    batch_size: int = 500
    recheck: bool = False  # read files again even when unchanged since a run read them

    def with_field_map(self, mapping: dict[str, str]) -> Settings:
        """A copy in which ``mapping`` (article field → column name) is tried first."""
        unknown = set(mapping) - set(ARTICLE_FIELDS)
        if unknown:
            raise ValueError(
                f"unknown article field(s) {', '.join(sorted(unknown))}; "
                f"choose from {', '.join(ARTICLE_FIELDS)}"
            )
        fields = dict(self.fields)
        for name, column in mapping.items():
            fields[name] = (column, *[c for c in fields[name] if c != column])
        return dataclasses.replace(self, fields=fields, outlets=dict(self.outlets))

    def worker_count(self) -> int:
        """How many worker processes to use."""
        return self.jobs if self.jobs > 0 else (os.cpu_count() or 1)


def load_outlet_map(path: str | Path) -> dict[str, str]:
    """Read an outlet map: a JSON object, or lines of ``key = Outlet Name`` / ``key,Outlet``.

    Keys are domains (``bbc.co.uk``) or file-name globs (``bbc_*.txt``).
    """
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"{path}: the outlet map must be a JSON object")
        return {str(k): str(v) for k, v in data.items()}
    mapping: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        sep = "=" if "=" in line else "," if "," in line else None
        if sep is None:
            raise ValueError(f"{path}:{number}: expected 'key = Outlet Name', got {line!r}")
        key, name = (part.strip() for part in line.split(sep, 1))
        mapping[key] = name
    return mapping
