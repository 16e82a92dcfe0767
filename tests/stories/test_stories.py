"""Stories and copies on whole corpora, as a user checks them after `storydesk ingest`."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from storydesk.config import Settings
from storydesk.export import records
from storydesk.ingest.pipeline import ingest
from storydesk.store.sqlite import Store
from storydesk.stories.engine import StorySettings, update_stories
from storydesk.stories.queries import get_story, list_stories
from tests.conftest import CORPUS

EVENT_A = {"wire_original.txt", "harbour_courier_syndicated.txt", "translated_rewrite.txt",
           "live_blog.txt", "independent_report.html", "agency_digest.txt"}
EVENT_B = {"coastal_wire.jsonl"}


def by_file(store: Store) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for record in records(store):
        grouped.setdefault(record["file"], []).append(record)
    return grouped


@pytest.fixture(scope="module")
def clustered(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories") / "stories.db"
    shutil.copy(corpus_db, db)
    with Store(db) as store:
        update_stories(store)
    return db


def test_the_two_ferry_disasters_are_two_stories(clustered: Path) -> None:
    with Store(clustered) as store:
        files = by_file(store)
        stories_a = {r["story"] for f in EVENT_A for r in files[f]}
        stories_b = {r["story"] for f in EVENT_B for r in files[f]}
        feed = {r["title"].split()[0]: r["story"] for r in files["regional_news.xml"]}
        listed = list_stories(store)
    assert len(stories_a) == 1 and len(stories_b) == 1 and stories_a != stories_b
    assert feed["Kestrel"] in stories_a  # the inquiry follow-up, a week later
    assert feed["Lake"] in stories_b  # refers back to the first ferry, but is another event
    assert [s.size for s in listed] == [7, 3]
    assert "Kestrel Dawn" in listed[0].label and "2025-03-12" in listed[0].label


def test_copies_of_the_wire_story_are_found_and_nothing_else(clustered: Path) -> None:
    with Store(clustered) as store:
        files = by_file(store)
        story, members = get_story(store, files["wire_original.txt"][0]["id"])
    wire = files["wire_original.txt"][0]["id"]
    copies = {m.id: (m.copy_of, m.copy_kind) for m in members if m.copy_of}
    assert copies == {
        files["harbour_courier_syndicated.txt"][0]["id"]: (wire, "syndicated"),
        files["translated_rewrite.txt"][0]["id"]: (wire, "rewritten"),
    }
    assert story.sources == 5  # seven articles, two of them copies
    syndicated = next(m for m in members if m.copy_kind == "syndicated")
    assert syndicated.copy_evidence["passages"]
    rewrite = next(m for m in members if m.copy_kind == "rewritten")
    assert rewrite.copy_evidence["coverage"] >= 0.6 and rewrite.copy_evidence["examples"]


def test_a_new_batch_joins_existing_stories_without_moving_them(tmp_path: Path) -> None:
    db = tmp_path / "incremental.db"
    first = [CORPUS / "wire_original.txt", CORPUS / "live_blog.txt", CORPUS / "dumps"]
    with Store(db) as store:
        ingest([str(p) for p in first], store, Settings(jobs=1))
        update_stories(store)
        before = {r["id"]: r["story"] for r in records(store)}
        ingest([str(CORPUS)], store, Settings(jobs=1))
        report = update_stories(store)
        after = {r["id"]: r["story"] for r in records(store)}
        files = by_file(store)
        again = update_stories(store)
    assert all(after[k] == v for k, v in before.items()), "old articles keep their story"
    assert report.clustered == len(after) - len(before)
    assert report.joined >= 4
    story_a = files["wire_original.txt"][0]["story"]
    assert {r["story"] for f in EVENT_A for r in files[f]} == {story_a}
    assert again.clustered == 0, "a second run with nothing new changes nothing"


def test_lexical_embedder_also_separates_the_events(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "lexical.db"
    shutil.copy(corpus_db, db)
    with Store(db) as store:
        update_stories(store, StorySettings(embedder="lexical"))
        files = by_file(store)
    assert len({r["story"] for f in EVENT_A for r in files[f]}) == 1
    assert {r["story"] for f in EVENT_A for r in files[f]}.isdisjoint(
        {r["story"] for f in EVENT_B for r in files[f]})


@pytest.mark.parametrize(("second_date", "together"),
                         [("2025-03-13", True), ("2026-07-01", False)])
def test_time_window_keeps_far_apart_articles_apart(tmp_path: Path, second_date: str,
                                                    together: bool) -> None:
    # The same kind of report in other words, dated within days or more than a year later.
    rows = [
        {"text": (CORPUS / "wire_original.txt").read_text(encoding="utf-8"),
         "title": "Ferry capsizes", "date": "2025-03-12", "url": "https://one.example/a"},
        {"text": (CORPUS / "translated_rewrite.txt").read_text(encoding="utf-8"),
         "title": "Ferry overturned", "date": second_date, "url": "https://two.example/b"},
    ]
    dump = tmp_path / "dated.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with Store(tmp_path / "dated.db") as store:
        ingest([str(dump)], store, Settings(jobs=1))
        update_stories(store, StorySettings(embedder="lexical", window_days=10))
        stories = {r["story"] for r in records(store)}
    assert (len(stories) == 1) is together


def test_an_interrupted_update_keeps_its_fingerprints_and_finishes_later(
        corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "interrupted.db"
    shutil.copy(corpus_db, db)

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with Store(db) as store:
        with monkeypatch.context() as patch:
            patch.setattr("storydesk.stories.cluster.assign", interrupt)
            with pytest.raises(KeyboardInterrupt):
                update_stories(store, StorySettings(embedder="lexical"))
        fingerprinted = store.conn.execute("SELECT count(*) FROM fingerprints").fetchone()[0]
        assert fingerprinted == store.count()
        assert {r["story"] for r in records(store)} == {None}
        report = update_stories(store, StorySettings(embedder="lexical"))
        assert report.fingerprinted == 0 and report.clustered == store.count()
        assert len({r["story"] for r in records(store)}) == 2


def event_articles(rng: random.Random, place: str, person: str, figure: int,
                   count: int) -> list[str]:
    """``count`` reports of one fictional bridge collapse, each telling it in its own mix."""
    pool = [
        f"The {place} bridge collapsed into the river early on Tuesday.",
        f"Engineer {person} said cracks had been reported in {figure - 40}.",
        f"At least {figure % 17 + 3} cars were on the {place} span when it fell.",
        f"Divers from {place} searched the water through the night.",
        f"{person} told reporters the load limit had been raised last year.",
        f"The regional transport office ordered checks on every bridge near {place}.",
        f"Residents of {place} said the bridge had shaken for weeks.",
        f"The bridge, built in {figure}, carried about {figure * 3} vehicles a day.",
        f"Officials named {person} to lead the technical review.",
        f"Traffic around {place} was diverted to the old ferry road.",
        f"Insurers estimated the damage at {figure // 10} million marks.",
        f"Schools in {place} stayed closed on Wednesday.",
    ]
    return ["\n".join(rng.sample(pool, 7)) for _ in range(count)]


def three_bridge_collapses(folder: Path) -> Path:
    """A JSONL dump of three bridge collapses: one reported 120 times, one 12, one 6."""
    rng = random.Random(7)
    events = {"big": event_articles(rng, "Velmar", "Isak Brenn", 1968, 120),
              "other": event_articles(rng, "Oskholm", "Tilda Marr", 1984, 12),
              "third": event_articles(rng, "Brask", "Jon Edel", 1952, 6)}
    rows = [{"text": text, "url": f"https://{name}.example/{n}", "date": "2025-06-03"}
            for name, texts in events.items() for n, text in enumerate(texts)]
    dump = folder / "bridges.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return dump


def test_a_large_story_stays_one_story(tmp_path: Path) -> None:
    dump = three_bridge_collapses(tmp_path)
    with Store(tmp_path / "bridges.db") as store:
        ingest([str(dump)], store, Settings(jobs=1))
        update_stories(store, StorySettings(embedder="lexical"))
        story_of: dict[str, set[str]] = {}
        for record in records(store):
            story_of.setdefault(record["url"].split("/")[2], set()).add(record["story"])
    assert all(len(stories) == 1 for stories in story_of.values()), story_of
    assert len(set.union(*story_of.values())) == 3


def test_the_index_finds_the_stories_exact_search_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above ``EXACT_LIMIT`` articles, neighbours come from an HNSW index built a chunk at
    a time and are looked up a block of new articles at a time; on a corpus small enough
    to check, the stories are those exact search gives."""
    from storydesk.stories import engine

    dump = three_bridge_collapses(tmp_path)

    def stories(db: Path) -> dict[str, str]:
        with Store(db) as store:
            ingest([str(dump)], store, Settings(jobs=1))
            update_stories(store, StorySettings(embedder="lexical"))
            return {r["url"]: r["story"] for r in records(store)}

    exact = stories(tmp_path / "exact.db")
    monkeypatch.setattr(engine, "EXACT_LIMIT", 10)
    monkeypatch.setattr(engine, "INDEX_CHUNK", 32)
    monkeypatch.setattr(engine, "QUERY_CHUNK", 25)
    indexed = stories(tmp_path / "indexed.db")
    assert len(set(exact.values())) == 3
    assert indexed == exact
