"""JSONL, JSON and CSV dumps: one article per line, list item or row.

Columns are found by the field mapping in :class:`~storydesk.config.Settings` (``text``,
``title``, ``url``, ``date``, ``outlet``, ``authors``), so news-please, CC-NEWS derivatives and
home-made exports work without configuration, and anything else with ``--field text=body``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from storydesk.article import RawDocument, Rejection
from storydesk.config import Settings
from storydesk.ingest.base import Record, text_of

LIST_KEYS = ("articles", "items", "data", "results", "documents", "records", "entries")
_HTML_BODY = re.compile(r"<(?:p|br|div|article|h[1-6])\b[^>]*>", re.I)


def pick(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    """The first non-empty value among ``names`` (case-insensitive; dots reach into objects)."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value: Any = lowered.get(name.lower())
        if value is None and "." in name:
            value = record
            for part in name.split("."):
                value = value.get(part) if isinstance(value, Mapping) else None
        if value not in (None, "", []):
            return value
    return None


def to_document(record: Any, source: str, file: str, kind: str,
                settings: Settings) -> Record:
    """Turn one dump record into a raw document, or a rejection saying what is missing."""
    if not isinstance(record, Mapping):
        return Rejection(source, f"expected a JSON object, got {type(record).__name__}", file)
    text = pick(record, settings.fields["text"])
    if not isinstance(text, str) or not text.strip():
        tried = ", ".join(settings.fields["text"][:6])
        return Rejection(source, f"no article text (looked for a non-empty {tried} field; "
                                 "map yours with --field text=NAME)", file)
    fields = {name: pick(record, settings.fields[name]) for name in settings.fields
              if name != "text"}
    if isinstance(fields.get("date"), int | float):
        fields["date"] = _epoch_iso(fields["date"])
    if isinstance(fields.get("outlet"), Mapping):
        fields["outlet"] = pick(fields["outlet"], ("name", "title", "domain"))
    if isinstance(fields.get("authors"), list):
        fields["authors"] = [a.get("name", "") if isinstance(a, Mapping) else a
                             for a in fields["authors"]]
    fmt = "html" if _HTML_BODY.search(text[:2000]) else "text"
    return RawDocument(source, text, fmt, file=file,
                       fields={k: v for k, v in fields.items() if v is not None},
                       fields_source=kind)


def _epoch_iso(value: float) -> str | None:
    from datetime import UTC, datetime

    seconds = value / 1000 if value > 1e11 else value  # milliseconds
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


class JsonLinesReader:
    """Reads ``.jsonl`` / ``.ndjson`` dumps: one JSON object per line."""

    name = "jsonl"

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield one document per valid line and one rejection per bad line."""
        text = text_of(path, data)
        if isinstance(text, Rejection):
            yield text
            return
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            source = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                yield Rejection(source, f"line {number}: invalid JSON ({e.msg} at column "
                                        f"{e.colno})", path.name)
                continue
            yield to_document(record, source, path.name, "dump field", settings)


class JsonReader:
    """Reads a ``.json`` file: a list of articles, an object holding one, or one article."""

    name = "json"

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield one document per article object."""
        text = text_of(path, data)
        if isinstance(text, Rejection):
            yield text
            return
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as e:
            yield Rejection(str(path), f"invalid JSON ({e.msg} at line {e.lineno}, column "
                                       f"{e.colno})", path.name)
            return
        items: Any = payload
        if isinstance(payload, Mapping):
            listed = next((payload[k] for k in LIST_KEYS if isinstance(payload.get(k), list)),
                          None)
            items = listed if listed is not None else [payload]
        if not isinstance(items, list):
            yield Rejection(str(path), "expected a list of articles or an object", path.name)
            return
        for index, record in enumerate(items):
            yield to_document(record, f"{path}#{index}", path.name, "dump field", settings)


class CsvReader:
    """Reads a ``.csv`` (or ``.tsv``) dump with a header row."""

    name = "csv"

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield one document per row; a malformed row is rejected and the rest still read."""
        text = text_of(path, data)
        if isinstance(text, Rejection):
            yield text
            return
        csv.field_size_limit(settings.max_bytes)
        delimiter = "\t" if path.name.lower().removesuffix(".gz").endswith(".tsv") else ","
        rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        row_number = 1
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as e:
                yield Rejection(f"{path}:{rows.line_num}", f"row at line {rows.line_num}: "
                                                           f"malformed CSV ({e})", path.name)
                continue
            row_number += 1
            if None in row:  # more cells than header columns
                yield Rejection(f"{path}:{rows.line_num}", f"row at line {rows.line_num}: more "
                                "cells than the header has columns", path.name)
                continue
            yield to_document(row, f"{path}:{rows.line_num}", path.name, "dump field", settings)
