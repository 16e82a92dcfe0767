"""The ingest run: find the inputs, read them, build articles in parallel, store in batches.

Reading happens in the calling process (it is mostly I/O); extraction, cleaning and metadata
happen in a pool of worker processes; each batch of results is stored in one transaction
together with the outcome of every input in it. Every input ends up accepted, duplicate or
rejected with a reason, and the run report says which.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from storydesk.article import Article, RawDocument, Rejection
from storydesk.config import Settings
from storydesk.engine import worker_context
from storydesk.ingest.base import InputError, Reader, Record, load_file
from storydesk.ingest.build import build_article
from storydesk.ingest.dumps import CsvReader, JsonLinesReader, JsonReader
from storydesk.ingest.feeds import FeedReader
from storydesk.ingest.html import HtmlReader
from storydesk.ingest.text import TextReader
from storydesk.ingest.warc import WarcReader
from storydesk.ingest.web import is_url, read_url
from storydesk.store.sqlite import FileStamp, Outcome, Prepared, Store, prepare

READERS: dict[str, Reader] = {
    ".txt": TextReader(), ".text": TextReader(),
    ".html": HtmlReader(), ".htm": HtmlReader(), ".xhtml": HtmlReader(),
    ".jsonl": JsonLinesReader(), ".ndjson": JsonLinesReader(), ".json": JsonReader(),
    ".csv": CsvReader(), ".tsv": CsvReader(),
    ".rss": FeedReader(), ".atom": FeedReader(), ".xml": FeedReader(),
    ".warc": WarcReader(), ".arc": WarcReader(),
}
STREAMED = (".warc", ".arc", ".warc.gz", ".arc.gz")
POOL_THRESHOLD = 64  # below this many documents a batch is cheaper to build in-process


def reader_for(path: Path) -> tuple[Reader | None, bool]:
    """The reader for a file by its name, and whether the file is gzip-compressed."""
    name = path.name.lower()
    if name.endswith(STREAMED):
        return READERS[".warc"], False
    compressed = name.endswith(".gz")
    suffix = Path(name.removesuffix(".gz")).suffix
    return READERS.get(suffix), compressed


@dataclass(slots=True)
class Target:
    """One input the user named, or found inside a folder they named."""

    name: str
    path: Path | None = None  # None for a URL


def find_targets(inputs: Sequence[str]) -> tuple[list[Target], list[Rejection]]:
    """Expand the command line: folders are walked (hidden entries skipped), URLs kept."""
    targets: list[Target] = []
    missing: list[Rejection] = []
    for item in inputs:
        if is_url(item):
            targets.append(Target(item))
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        file = Path(root) / name
                        targets.append(Target(str(file), file))
        elif path.is_file():
            targets.append(Target(str(path), path))
        else:
            missing.append(Rejection(item, "no such file, folder or URL"))
    return targets, missing


def read_target(target: Target, settings: Settings) -> Iterator[Record]:
    """Every record one input yields; problems become rejections, never exceptions."""
    if target.path is None:
        yield from read_url(target.name, settings)
        return
    path = target.path
    reader, compressed = reader_for(path)
    if reader is None:
        kind = "".join(path.suffixes[-2:]) or "no extension"
        yield Rejection(str(path), f"unsupported file type ({kind}); storydesk reads .txt, "
                        ".html, .jsonl, .json, .csv, .rss/.atom/.xml and .warc(.gz)", path.name)
        return
    try:
        if isinstance(reader, WarcReader):  # streamed record by record, so not loaded whole
            data = b""
            if path.stat().st_size == 0:
                raise InputError("empty file")
        else:
            data = load_file(path, settings, compressed)
    except InputError as e:
        yield Rejection(str(path), str(e), path.name)
        return
    yield from reader.read(path, data, settings)


def read_safely(target: Target, settings: Settings) -> Iterator[Record]:
    """:func:`read_target`, with an unexpected reader error turned into a rejection.

    Readers report bad input as rejections themselves; this is the backstop for the cases
    no one foresaw, so that one odd file cannot stop a run of thousands.
    """
    source = str(target.path or target.name)
    try:
        yield from read_target(target, settings)
    except Exception as e:
        file = target.path.name if target.path else None
        yield Rejection(source, f"could not read ({type(e).__name__}: {e}); the records "
                        "before the error were read", file)


def file_stamp(target: Target) -> FileStamp | None:
    """The path, size and modification time of a file input (None for a URL)."""
    if target.path is None:
        return None
    try:
        info = target.path.stat()
    except OSError:
        return None
    return FileStamp(str(target.path.resolve()), info.st_size, info.st_mtime_ns)


# -- building articles in worker processes ---------------------------------------------------

_OUTLETS: Mapping[str, str] = {}


def _init_worker(outlets: Mapping[str, str]) -> None:
    global _OUTLETS
    _OUTLETS = outlets


def _build(doc: RawDocument) -> Prepared | Rejection:
    try:
        article = build_article(doc, _OUTLETS)
        return prepare(article) if isinstance(article, Article) else article
    except Exception as e:  # a bug or a pathological page must not sink the whole run
        return Rejection(doc.source, f"could not process ({type(e).__name__}: {e})", doc.file)


def _build_many(docs: list[RawDocument]) -> list[Prepared | Rejection]:
    return [_build(doc) for doc in docs]


Built = Callable[[], list[Prepared | Rejection]]


class Builder:
    """Builds articles from raw documents, in a process pool when a batch is big enough.

    :meth:`start` hands a batch to the workers and returns at once, so the caller can store
    the previous batch while this one is built.
    """

    def __init__(self, settings: Settings) -> None:
        self.jobs = settings.worker_count()
        self.outlets = dict(settings.outlets)
        self.pool: ProcessPoolExecutor | None = None

    def start(self, docs: list[RawDocument]) -> Built:
        """Start building ``docs``; the returned function waits for the articles, in order."""
        if self.jobs <= 1 or len(docs) < POOL_THRESHOLD:
            _init_worker(self.outlets)
            built = _build_many(docs)
            return lambda: built
        pool = self._pool()
        size = max(1, len(docs) // (self.jobs * 4))
        chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
        futures = [pool.submit(_build_many, chunk) for chunk in chunks]

        def collect() -> list[Prepared | Rejection]:
            results: list[Prepared | Rejection] = []
            for chunk, future in zip(chunks, futures, strict=True):
                try:
                    results += future.result()
                except BrokenProcessPool:
                    # A worker died (out of memory, a crash in a C library): build it here.
                    self.pool = None
                    _init_worker(self.outlets)
                    results += _build_many(chunk)
            return results

        return collect

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=worker_context(),
                                            initializer=_init_worker, initargs=(self.outlets,))
        return self.pool

    def close(self) -> None:
        """Stop the worker processes."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


# -- the run ---------------------------------------------------------------------------------


@dataclass(slots=True)
class RunReport:
    """What an ingest run did."""

    run_id: int
    inputs: int = 0
    accepted: int = 0
    duplicates: int = 0
    unchanged: int = 0  # files skipped: unchanged since an earlier run read them
    rejected: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    status: str = "finished"

    @property
    def articles_per_second(self) -> float:
        """Accepted and duplicate articles processed per second of wall time."""
        return (self.accepted + self.duplicates) / self.seconds if self.seconds else 0.0


ProgressCallback = Callable[[int, int, RunReport], None]


def ingest(inputs: Sequence[str], store: Store, settings: Settings | None = None,
           progress: ProgressCallback | None = None, command: str = "") -> RunReport:
    """Ingest files, folders and URLs into ``store``; returns the run report.

    ``progress(done, total, report)`` is called after each input is read and after each batch
    is stored, ``done``/``total`` counting inputs (files and URLs).
    """
    settings = settings or Settings()
    started = time.perf_counter()
    run_id = store.begin_run(command or "ingest " + " ".join(inputs))
    report = RunReport(run_id)
    targets, missing = find_targets(inputs)
    report.inputs = len(targets) + len(missing)
    builder = Builder(settings)
    pending: list[Record | Outcome] = list(missing)
    finished: list[FileStamp] = []  # files whose last record is pending
    in_flight: list[tuple[list[Record | Outcome], list[FileStamp], Built]] = []  # at most one

    def save(records: list[Record | Outcome], files: list[FileStamp], collect: Built) -> None:
        built = iter(collect())
        results = [next(built) if isinstance(r, RawDocument) else r for r in records]
        for outcome in store.save_batch(run_id, results, files):
            if outcome.status == "accepted":
                report.accepted += 1
            elif outcome.status == "duplicate" and outcome.article_id is None:
                report.unchanged += 1  # a skipped file, not an article
            elif outcome.status == "duplicate":
                report.duplicates += 1
            else:
                report.rejected.append(outcome)

    def flush() -> None:
        """Start building the pending batch, then store the one built before it."""
        collect = builder.start([r for r in pending if isinstance(r, RawDocument)])
        batch, files = list(pending), list(finished)
        pending.clear()
        finished.clear()
        if in_flight:
            save(*in_flight.pop())
        in_flight.append((batch, files, collect))

    try:
        done = len(missing)
        for target in targets:
            stamp = file_stamp(target)
            skipped_in = None if stamp is None or settings.recheck else store.read_in(stamp)
            if skipped_in is not None:
                pending.append(Outcome(target.name, "duplicate", f"unchanged since run "
                                       f"{skipped_in} read it (--recheck reads it again)",
                                       None, target.path.name if target.path else None))
            else:
                for record in read_safely(target, settings):
                    pending.append(record)
                    if len(pending) >= settings.batch_size:
                        flush()
                        if progress:
                            progress(done, report.inputs, report)
                if stamp is not None:
                    finished.append(stamp)
            if len(pending) >= settings.batch_size:
                flush()
            done += 1
            if progress:
                progress(done, report.inputs, report)
        flush()
        if in_flight:
            save(*in_flight.pop())
        if progress:
            progress(done, report.inputs, report)
    except BaseException:
        report.status = "interrupted"
        store.finish_run(run_id, report.status)
        raise
    finally:
        builder.close()
        report.seconds = time.perf_counter() - started
    store.finish_run(run_id, report.status)
    return report
