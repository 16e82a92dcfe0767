"""What every reader shares: the reader interface, byte-level checks, and text decoding.

A reader takes one input file (or a URL's body) and yields :class:`RawDocument` records for the
articles in it and :class:`Rejection` records for the parts it could not read, with a reason a
user can act on. Readers never raise for bad input: one bad line or record must not stop a run.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import charset_normalizer

from storydesk.article import RawDocument, Rejection
from storydesk.config import Settings

Record = RawDocument | Rejection

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})


class InputError(Exception):
    """An input that cannot be read; the message is the reason shown to the user."""


class Reader(Protocol):
    """Reads one kind of input. ``name`` is shown in run reports ("text", "html", "warc"...)."""

    name: str

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield the articles in ``data`` (the content of ``path``) and rejections for the rest."""
        ...


def human_size(n: int) -> str:
    """``20971520`` → ``"20.0 MB"``."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def load_file(path: Path, settings: Settings, decompress: bool = True) -> bytes:
    """The bytes of an input file, size-checked, with ``.gz`` undone when ``decompress``.

    Raises :class:`InputError` for a file that is missing, empty, over the size limit, or a
    truncated or corrupt gzip stream.
    """
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}") from e
    if size == 0:
        raise InputError("empty file")
    if size > settings.max_bytes:
        raise InputError(
            f"file is {human_size(size)}, over the {human_size(settings.max_bytes)} limit "
            "(raise it with --max-size)"
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}") from e
    if decompress and path.suffix.lower() == ".gz":
        data = gunzip(data, settings.max_bytes)
    return data


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing truncated streams and output over ``limit`` bytes."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as e:
        raise InputError(f"corrupt gzip data ({e})") from e
    if len(out) > limit:
        raise InputError(f"decompressed size is over the {human_size(limit)} limit")
    if not inflater.eof:
        raise InputError("truncated gzip file: the compressed stream ends early")
    return out


def read_gzip_lines(path: Path) -> Iterator[bytes]:
    """Lines of a gzip file, streamed; raises :class:`InputError` where the stream breaks."""
    try:
        with gzip.open(path, "rb") as handle:
            yield from handle
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise InputError(f"truncated or corrupt gzip file ({e})") from e


def binary_kind(data: bytes) -> str | None:
    """What a binary file is ("a PDF document", "binary data"), or None for text."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if head and controls / len(head) > 0.05:
        return "binary data (control characters)"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; returns the text and the encoding used.

    A byte-order mark decides UTF-8/16/32. Valid UTF-8 is taken as such. A file that is UTF-8
    in places but broken in others is refused (decoding it any other way would garble it);
    anything else goes to charset-normalizer's detection.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError as e:
                raise InputError(f"invalid {codec} text at byte {e.start + len(bom)}") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        first_error = e.start
    if _UTF8_MULTIBYTE.search(data):
        raise InputError(
            f"invalid encoding: the file is UTF-8 but has an invalid byte sequence at byte "
            f"{first_error}"
        )
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("invalid encoding: no text encoding fits these bytes")
    # Western European text fits several code pages equally well; cp1252 is by far the most
    # common of them, so it wins a tie (otherwise "naïve" can come out as "naďve").
    western = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos),
                   None)
    best = western or best
    return str(best), best.encoding


def text_of(path: Path, data: bytes) -> str | Rejection:
    """The decoded text of an input file, or the rejection saying why it has none."""
    try:
        return check_text(data)
    except InputError as e:
        return Rejection(str(path), str(e), path.name)


def check_text(data: bytes) -> str:
    """Refuse binary data; decode the rest. Returns the text."""
    if kind := binary_kind(data):
        raise InputError(f"not text: looks like {kind}")
    text, _ = decode_text(data)
    if not text.strip():
        raise InputError("no text: the file holds only white space")
    return text
