"""WARC archives (CC-NEWS and the like): one article per HTML response record."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storydesk.article import RawDocument, Rejection
from storydesk.config import Settings
from storydesk.ingest.base import Record, human_size
from storydesk.ingest.html import html_text

HTML_TYPES = ("text/html", "application/xhtml+xml")


class WarcReader:
    """Reads ``.warc`` and ``.warc.gz`` files, streaming record by record.

    Only ``response`` records with an HTML body become articles; other record types (requests,
    metadata, images) are skipped without a rejection, since they are not articles. A record cut
    off by a truncated file is rejected, and every record before it is kept.
    """

    name = "warc"

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield one document per HTML response; ``data`` is unused (the file is streamed)."""
        try:
            handle = path.open("rb")
        except OSError as e:
            yield Rejection(str(path), f"cannot read file: {e.strerror or e}", path.name)
            return
        with handle:
            records = ArchiveIterator(handle, arc2warc=True)
            offset = 0
            while True:
                try:
                    record = next(records)
                    offset = records.get_record_offset()
                    item = self._record(record, path, offset, settings)
                except StopIteration:
                    break
                except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError) as e:
                    yield Rejection(f"{path}@{offset}", "truncated or corrupt WARC record "
                                    f"after offset {offset} ({type(e).__name__}: {e}); "
                                    "records before it were read", path.name)
                    break
                if item is not None:
                    yield item

    def _record(self, record, path: Path, offset: int, settings: Settings) -> Record | None:
        if record.rec_type != "response":
            return None
        url = record.rec_headers.get_header("WARC-Target-URI")
        source = f"{path}@{offset}"
        content_type = (record.http_headers.get_header("Content-Type") or ""
                        if record.http_headers else "")
        if not content_type.lower().startswith(HTML_TYPES):
            return None
        length = int(record.rec_headers.get_header("Content-Length") or 0)
        if length > settings.max_bytes:
            return Rejection(source, f"record of {human_size(length)} is over the size limit",
                             path.name)
        body = record.content_stream().read()
        if len(body.strip()) == 0:
            return Rejection(source, f"empty HTML response for {url}", path.name)
        fields = {"url": url}
        notes = []
        if crawled := record.rec_headers.get_header("WARC-Date"):
            notes.append(f"crawled {crawled}")
        return RawDocument(source, html_text(body), "html", file=path.name, fields=fields,
                           fields_source="warc header", notes=notes)
