"""WARC archives (CC-NEWS and the like): one article per HTML response record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

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
            last_good = 0
            while True:
                try:
                    record = next(records)
                    item = self._record(record, path, records, settings)
                    last_good = records.get_record_offset()
                except StopIteration:
                    break
                except Exception as e:  # warcio signals a cut or garbled file in many ways
                    yield Rejection(f"{path}@{last_good}", "truncated or corrupt WARC record "
                                    f"after offset {last_good} ({type(e).__name__}: {e}); "
                                    "the records before it were read", path.name)
                    break
                if item is not None:
                    yield item

    def _record(self, record: ArcWarcRecord, path: Path, records: ArchiveIterator,
                settings: Settings) -> Record | None:
        if record.rec_type != "response":
            return None
        url = record.rec_headers.get_header("WARC-Target-URI")
        content_type = (record.http_headers.get_header("Content-Type") or ""
                        if record.http_headers else "")
        if not content_type.lower().startswith(HTML_TYPES):
            return None
        length = int(record.rec_headers.get_header("Content-Length") or 0)
        if length > settings.max_bytes:
            source = f"{path}@{records.get_record_offset()}"
            return Rejection(source, f"record of {human_size(length)} is over the size limit",
                             path.name)
        body = record.content_stream().read()
        # Read the body before asking for the offset: asking reads the record to its end.
        source = f"{path}@{records.get_record_offset()}"
        if record.raw_stream.limit > 0:
            return Rejection(source, f"truncated WARC record for {url}: the file ends "
                             f"{record.raw_stream.limit} bytes before the record does", path.name)
        if not body.strip():
            return Rejection(source, f"empty HTML response for {url}", path.name)
        notes = []
        if crawled := record.rec_headers.get_header("WARC-Date"):
            notes.append(f"crawled {crawled}")
        return RawDocument(source, html_text(body), "html", file=path.name, fields={"url": url},
                           fields_source="warc header", notes=notes)
