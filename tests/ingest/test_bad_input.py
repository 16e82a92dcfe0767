"""Bad inputs in a run with good ones: the good are stored, each bad one is rejected with why.

A user points ``storydesk ingest`` at a folder that holds whatever a scraper left behind. One
bad file (or line, or record) must not stop the run or lose the good articles, and the run
report must say, for each bad input, what is wrong with it. All texts are invented.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from storydesk.config import Settings
from storydesk.ingest.pipeline import RunReport, ingest
from storydesk.store.sqlite import Store
from tests.ingest.conftest import (
    RunIngest,
    WarcItem,
    gzip_cut,
    html_page,
    member_text,
    write_warc,
)

STORYDESK = Path(sys.executable).parent / "storydesk"
LIMIT = 1000  # bytes; every good input below is smaller

GOOD_TEXT = (
    "Vardholm council backs harbour cycle lane\n\n"
    "The Vardholm city council voted on Tuesday to build a protected cycle lane along the "
    "harbour road. Work starts in September, the transport office said.\n"
)
GOOD_PAGE = html_page(
    "Ferry fares frozen on the Vardholm line", "Vardholm Post",
    ("Ferry fares on the Vardholm line will stay frozen until next year, the operator said "
     "on Monday.",),
    author="Runa Falk",
)
GOOD_LINES = {
    1: {"title": "Old pier closes for repairs", "text": "The old pier in Vardholm closes for "
        "repairs on Friday, the harbour office said.", "outlet": "Vardholm Post"},
    3: {"title": "Night market returns to the square", "text": "The night market returns to "
        "Vardholm's main square in June, organisers said on Wednesday.",
        "outlet": "Vardholm Post"},
}
# Line number → the bad line, and words its rejection reason must contain.
BAD_LINES: dict[int, tuple[str, tuple[str, ...]]] = {
    2: ('{"title": "Missing quote, "text": "x"}', ("line 2", "invalid json")),
    4: ('["a list", "not an object"]', ("json object", "list")),
    5: ('{"title": "A headline without a story"}', ("no article text",)),
    6: ('{"title": "Cut off mid-record", "text": "The council', ("line 6", "invalid json")),
}
BROKEN_UTF8_AT = 70


def broken_utf8() -> bytes:
    """UTF-8 text with accents, and one invalid byte sequence at byte BROKEN_UTF8_AT."""
    head = "Café prices rise again on the Vardholm square\n\nThe café owners "
    head_bytes = head.encode("utf-8")
    head_bytes += b"x" * (BROKEN_UTF8_AT - len(head_bytes))
    return head_bytes + b"\xc3\x28" + " blamed the crème and milk costs.\n".encode()


def truncated_gzip_jsonl() -> bytes:
    """A gzipped JSONL dump cut off half-way through its compressed stream."""
    rng = random.Random(7)
    lines = [json.dumps({"title": f"Harbour works, day {i}",
                         "text": " ".join(rng.choice(["quay", "crane", "council", "tide",
                                                      "berth", "works"]) for _ in range(40))})
             for i in range(4)]
    packed = gzip.compress("\n".join(lines).encode("utf-8"))
    assert len(packed) < LIMIT
    return packed[: len(packed) // 2]


def bad_files() -> dict[str, bytes]:
    """File name → content, for every kind of bad file."""
    noise = random.Random(3).randbytes(700)
    return {
        "empty.txt": b"",
        "blank.txt": b"  \n\n\t \n",
        "noise.txt": noise[:300] + b"\x00\x00\x00" + noise[300:],
        "photo.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300),
        "huge.txt": (GOOD_TEXT * 20).encode("utf-8"),
        "broken-utf8.txt": broken_utf8(),
        "spinner.html": (
            b"<html><head><title>Loading\xe2\x80\xa6</title><script>window.location='/app'"
            b"</script></head><body><div id='app'><div class='spinner'><span></body"
        ),
        "broken-feed.xml": (
            b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Vardholm Post'
            b"<item><title>Quay closed</tite></item></channel>"
        ),
        "cut.jsonl.gz": truncated_gzip_jsonl(),
        "not-gzip.jsonl.gz": json.dumps(GOOD_LINES[1]).encode() + b"\n",
        "minutes.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    }


# File name → words the rejection reason must contain (lower case).
EXPECTED_REASONS: dict[str, tuple[str, ...]] = {
    "empty.txt": ("empty file",),
    "blank.txt": ("no text", "white space"),
    "noise.txt": ("not text", "binary"),
    "photo.html": ("not html", "png image"),
    "huge.txt": ("over the", "limit", "--max-size"),
    "broken-utf8.txt": ("invalid encoding", "utf-8", f"byte {BROKEN_UTF8_AT}"),
    "spinner.html": ("no article text",),
    "broken-feed.xml": ("malformed feed xml",),
    "cut.jsonl.gz": ("truncated", "gzip"),
    "not-gzip.jsonl.gz": ("corrupt gzip",),
    "minutes.pdf": ("unsupported file type", ".pdf"),
    "missing.txt": ("no such file",),
}


def make_inbox(folder: Path) -> Path:
    """Fill ``folder`` with the good and bad inputs; returns it."""
    folder.mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "good.html").write_text(GOOD_PAGE, encoding="utf-8")
    lines = {n: json.dumps(r) for n, r in GOOD_LINES.items()}
    lines.update({n: line for n, (line, _) in BAD_LINES.items()})
    (folder / "mixed.jsonl").write_text("\n".join(lines[n] for n in sorted(lines)) + "\n",
                                        encoding="utf-8")
    for name, data in bad_files().items():
        (folder / name).write_bytes(data)
    for path in folder.iterdir():
        if path.name != "huge.txt":
            assert path.stat().st_size < LIMIT, path
    return folder


@dataclass
class MixedRun:
    """The mixed run shared by this module's tests."""

    inbox: Path
    report: RunReport
    store: Store


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MixedRun]:
    """Ingest the inbox and a path that does not exist in one run, 1000-byte limit."""
    root = tmp_path_factory.mktemp("mixed")
    inbox = make_inbox(root / "inbox")
    store = Store(root / "store.db")
    report = ingest([str(inbox), str(inbox / "missing.txt")], store,
                    Settings(jobs=1, max_bytes=LIMIT))
    yield MixedRun(inbox, report, store)
    store.close()


def test_good_inputs_are_accepted_and_stored(mixed: MixedRun) -> None:
    """The text file, the HTML page and the two valid JSONL lines are all stored."""
    assert mixed.report.status == "finished"
    assert mixed.report.accepted == 4
    stored = {a.title: a for a in mixed.store.articles()}
    assert set(stored) == {
        "Vardholm council backs harbour cycle lane",
        "Ferry fares frozen on the Vardholm line",
        "Old pier closes for repairs",
        "Night market returns to the square",
    }
    assert stored["Ferry fares frozen on the Vardholm line"].outlet == "Vardholm Post"
    assert stored["Old pier closes for repairs"].source.endswith("mixed.jsonl:1")
    assert stored["Night market returns to the square"].source.endswith("mixed.jsonl:3")


@pytest.mark.parametrize("name", sorted(EXPECTED_REASONS))
def test_bad_file_is_rejected_with_its_reason(mixed: MixedRun, name: str) -> None:
    """Each bad file has one rejection, and the reason names the problem."""
    found = [o for o in mixed.report.rejected if o.source.endswith(name)]
    assert len(found) == 1, mixed.report.rejected
    reason = (found[0].reason or "").lower()
    for words in EXPECTED_REASONS[name]:
        assert words in reason, (name, reason)


@pytest.mark.parametrize("number", sorted(BAD_LINES))
def test_bad_jsonl_line_is_rejected_with_its_line_number(mixed: MixedRun, number: int) -> None:
    """A bad line is rejected on its own, named by its line number; the other lines are read."""
    found = [o for o in mixed.report.rejected if o.source.endswith(f"mixed.jsonl:{number}")]
    assert len(found) == 1, mixed.report.rejected
    reason = (found[0].reason or "").lower()
    for words in BAD_LINES[number][1]:
        assert words in reason


def test_every_input_is_accounted_for(mixed: MixedRun) -> None:
    """The stored outcomes cover every input, and the run's counts match the report."""
    outcomes = mixed.store.outcomes(mixed.report.run_id)
    files = {o.file or Path(o.source).name for o in outcomes}
    assert files == {p.name for p in mixed.inbox.iterdir()} | {"missing.txt"}
    expected_rejections = len(EXPECTED_REASONS) + len(BAD_LINES)
    assert len(mixed.report.rejected) == expected_rejections
    run = mixed.store.run(mixed.report.run_id)
    assert (run["status"], run["accepted"], run["duplicates"], run["rejected"]) == (
        "finished", 4, 0, expected_rejections)




def test_page_of_only_navigation_links_is_rejected(run_ingest: RunIngest, inbox: Path) -> None:
    """A saved section front with nothing but menu links holds no article text."""
    (inbox / "section.html").write_text(
        "<html><head><title>Vardholm Post</title></head><body><nav><ul>"
        "<li><a href='/'>Home</a></li><li><a href='/city'>City</a></li>"
        "<li><a href='/sport'>Sport</a></li><li><a href='/weather'>Weather</a></li></ul></nav>"
        "<footer><a href='/about'>About us</a> <a href='/contact'>Contact</a></footer>"
        "</body></html>", encoding="utf-8")
    (inbox / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    run = run_ingest([inbox])

    assert run.report.accepted == 1
    assert "no article text" in run.reason("section.html")


# -- truncated WARC --------------------------------------------------------------------------

RIVERS = ("Elvdal", "Brenna", "Skovaa", "Tarnby")


def river_page(index: int) -> bytes:
    """A distinct news page per record, with varied words so that it compresses poorly."""
    rng = random.Random(index)
    words = ["flood", "barrier", "council", "engineers", "spring", "meltwater", "residents",
             "sandbags", "bridge", "warning", "levels", "inspectors", "gauge", "overnight"]
    paragraphs = [
        f"Water levels on the {RIVERS[index]} river rose overnight, and the council opened "
        "its flood barrier for the first time this year, a spokeswoman said on Sunday.",
        " ".join(rng.choice(words) for _ in range(120)).capitalize() + ".",
        " ".join(rng.choice(words) for _ in range(120)).capitalize() + ".",
    ]
    title = f"{RIVERS[index]} river flood barrier opened"
    return html_page(title, "Riverbend Chronicle", paragraphs).encode("utf-8")


def cut_warc(path: Path, where: str) -> None:
    """Write a 4-record .warc.gz to ``path``, cut inside record 3 at ``where``."""
    offsets = write_warc(path, [WarcItem(f"https://riverbend.example/{river.lower()}",
                                         body=river_page(i))
                                for i, river in enumerate(RIVERS)])
    data = path.read_bytes()
    start, end = offsets[2], offsets[3]
    text = member_text(data, start, end)
    keep = {
        "warc-headers": text.index(b"WARC-Target-URI") - 10,
        "html-body": text.index(b"</article>") - 200,
    }[where]
    path.write_bytes(data[: gzip_cut(data, start, end, keep)])


def warc_run(root: Path, where: str) -> tuple[RunReport, Store]:
    """A run over a folder with the cut WARC and a text file read after it."""
    inbox = root / "inbox"
    inbox.mkdir()
    cut_warc(inbox / "a-crawl.warc.gz", where)
    (inbox / "z-good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    store = Store(root / "store.db")
    return ingest([str(inbox)], store, Settings(jobs=1)), store


@pytest.mark.parametrize("where", ["warc-headers", "html-body"])
def test_truncated_warc_is_reported_and_the_run_goes_on(tmp_path: Path, where: str) -> None:
    """The cut is rejected as truncated or corrupt; the text file after it is still stored."""
    report, store = warc_run(tmp_path, where)
    with store:
        assert report.status == "finished"
        assert [a.file for a in store.articles() if a.file == "z-good.txt"] == ["z-good.txt"]
        cut = [o for o in report.rejected
               if o.file == "a-crawl.warc.gz" and re.search(r"truncated|corrupt", o.reason or "")]
        assert len(cut) == 1, report.rejected


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    """The two whole records before the cut are stored as articles."""
    _, store = warc_run(tmp_path, "html-body")
    with store:
        titles = {a.title for a in store.articles() if a.file == "a-crawl.warc.gz"}
    assert {"Elvdal river flood barrier opened", "Brenna river flood barrier opened"} <= titles


# -- what the command line shows -------------------------------------------------------------


def storydesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the storydesk console script on a wide terminal; returns the finished process."""
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1"}
    env.pop("STORYDESK_DB", None)
    return subprocess.run([str(STORYDESK), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def rows_naming(output: str, name: str) -> list[str]:
    """The output lines that mention input ``name`` (not as a prefix of a longer name)."""
    pattern = re.compile(re.escape(name) + r"(?![\w.])")
    return [line.lower() for line in output.splitlines() if pattern.search(line)]


def test_cli_ingest_and_runs_list_rejections_with_reasons(tmp_path: Path) -> None:
    """`storydesk ingest` prints each rejected input with its reason; `runs ID` lists them."""
    make_inbox(tmp_path / "inbox")
    done = storydesk("ingest", "--no-stories", "inbox", "inbox/missing.txt", "--db", "store.db",
                     "--max-size", "0.001", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    summary = re.search(r"Run (\d+): 15 input\(s\).*: 4 accepted, 0 duplicate, "
                        rf"{len(EXPECTED_REASONS) + len(BAD_LINES)} rejected", done.stdout)
    assert summary, done.stdout
    run_id = summary.group(1)

    listing = storydesk("runs", run_id, "--db", "store.db", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    for output in (done.stdout, listing.stdout):
        for name, words in EXPECTED_REASONS.items():
            rows = rows_naming(output, name)
            assert len(rows) == 1, (name, output)
            for word in words:
                assert word in rows[0], (name, rows[0])
        for number, (_, words) in BAD_LINES.items():
            rows = rows_naming(output, f"mixed.jsonl:{number}")
            assert len(rows) == 1, (number, output)
            assert all(word in rows[0] for word in words), rows[0]
        assert rows_naming(output, "good.txt") == []


def test_cli_strict_exits_1_when_anything_is_rejected(tmp_path: Path) -> None:
    """With --strict a rejection makes the exit status 1 (for scripts), after the report."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    done = storydesk("ingest", "inbox", "--db", "store.db", "--strict", "-q", "--no-stories",
                     cwd=tmp_path)
    assert done.returncode == 1
    assert "1 accepted" in done.stdout
    assert rows_naming(done.stdout, "empty.txt") and "empty file" in done.stdout
