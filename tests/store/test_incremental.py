"""Incremental ingest: unchanged files are skipped, changed and new ones are read."""

from __future__ import annotations

import os
from pathlib import Path

from storydesk import Settings, Store, ingest

STORY = ("Harbour dues rise\n\nThe port authority of Velm said on {day} that harbour dues "
         "would rise by {pct} percent from June to pay for dredging the inner basin.\n")


def write(folder: Path, name: str, day: str, pct: int) -> Path:
    """Write one small article."""
    path = folder / name
    path.write_text(STORY.format(day=day, pct=pct), encoding="utf-8")
    return path


def test_unchanged_files_are_skipped_and_changed_ones_read(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write(inbox, "a.txt", "Monday", 4)
    changing = write(inbox, "b.txt", "Tuesday", 5)
    with Store(tmp_path / "desk.db") as store:
        first = ingest([str(inbox)], store, Settings(jobs=1))
        assert (first.accepted, first.duplicates) == (2, 0)

        write(inbox, "c.txt", "Wednesday", 6)  # a new file
        changing.write_text(STORY.format(day="Tuesday", pct=7), encoding="utf-8")
        os.utime(changing, ns=(changing.stat().st_atime_ns, changing.stat().st_mtime_ns + 10**9))
        second = ingest([str(inbox)], store, Settings(jobs=1))
        assert (second.accepted, second.unchanged, second.rejected) == (2, 1, [])
        skipped = store.outcomes(second.run_id, "duplicate")
        assert [o.file for o in skipped] == ["a.txt"]
        assert f"unchanged since run {first.run_id}" in skipped[0].reason
        assert store.count() == 4  # a, b (first text), b (changed text), c


def test_recheck_reads_unchanged_files_again(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write(inbox, "a.txt", "Monday", 4)
    with Store(tmp_path / "desk.db") as store:
        ingest([str(inbox)], store, Settings(jobs=1))
        again = ingest([str(inbox)], store, Settings(jobs=1, recheck=True))
        (outcome,) = store.outcomes(again.run_id, "duplicate")
        assert "already stored as article" in outcome.reason
        assert store.count() == 1
