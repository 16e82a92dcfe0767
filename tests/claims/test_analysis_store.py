"""The analysis in the store: incremental, and an interrupted run loses nothing done."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.claims.analysis import story_analysis, update_analysis
from storydesk.config import Settings
from storydesk.engine import LocalEngine
from storydesk.ingest.pipeline import ingest
from storydesk.store.sqlite import Store
from storydesk.stories.engine import StorySettings, update_stories

DATA = Path(__file__).resolve().parents[1] / "analysis" / "data" / "articles.jsonl"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "analysis.db")
    ingest([str(DATA)], store, Settings())
    update_stories(store, StorySettings(embedder="lexical"))
    yield store
    store.close()


def stories(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT id FROM stories ORDER BY id")]


def test_an_interrupted_analysis_keeps_its_finished_stories(store: Store) -> None:
    def stop_after_two(stage: str, done: int, total: int) -> None:
        if stage == "claims" and done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        update_analysis(store, stop_after_two, engine=LocalEngine(1))
    analysed = [s for s in stories(store) if story_analysis(store, s) is not None]
    assert len(analysed) == 2
    report = update_analysis(store, engine=LocalEngine(1))
    assert report.articles == 0  # entities were stored before the interruption
    assert report.stories == len(stories(store)) - 2
    assert all(story_analysis(store, s) is not None for s in stories(store))


def test_a_story_is_analysed_again_only_when_its_articles_change(store: Store) -> None:
    update_analysis(store, engine=LocalEngine(1))
    assert update_analysis(store, engine=LocalEngine(1)).stories == 0
    story = stories(store)[0]
    article = store.conn.execute("SELECT id FROM articles WHERE story = ? LIMIT 1",
                                 (story,)).fetchone()[0]
    store.conn.execute("UPDATE articles SET published = '2020-01-01' WHERE id = ?", (article,))
    report = update_analysis(store, engine=LocalEngine(1))
    assert report.stories == 1
    publications = story_analysis(store, story)["publications"]
    assert {"article": article, "published": "2020-01-01"}.items() <= next(
        p for p in publications if p["article"] == article).items()
    members = {r[0] for r in store.conn.execute("SELECT id FROM articles WHERE story = ?",
                                                (story,))}
    claims = story_analysis(store, story)["claims"]
    assert claims and all(p["article"] in members for c in claims for p in c["passages"])


def test_stories_analysed_on_workers_are_analysed_as_here(store: Store) -> None:
    """Each story goes to a worker process with the vectors of its words; what comes back
    is what this process computes."""
    from storydesk.claims.analysis import analyse_stories
    from storydesk.claims.words import StoredWordVectors, shared_word_vectors

    update_analysis(store, engine=LocalEngine(1), word_vectors=shared_word_vectors())
    here = {s: story_analysis(store, s) for s in stories(store)}
    store.conn.execute("DELETE FROM analyses")
    analysed, _, _ = analyse_stories(
        store, word_vectors=StoredWordVectors(store.conn, shared_word_vectors()),
        engine=LocalEngine(2))
    assert analysed == len(here) >= 4
    assert {s: story_analysis(store, s) for s in stories(store)} == here


def test_entities_and_words_prepared_on_workers_are_those_found_here(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`prepare` runs entity recognition and word distilling as one stream of jobs on the
    workers; it stores what one process finds, and a second run has nothing left to do."""
    from storydesk.claims import analysis
    from storydesk.claims.analysis import prepare

    monkeypatch.setattr(analysis, "BATCH", 4)  # several batches: the work goes to workers

    def stored(s: Store) -> tuple[dict, set]:
        mentions = dict(s.conn.execute("SELECT seq, mentions FROM mentions_read"))
        words = {r[0] for r in s.conn.execute("SELECT word FROM word_vectors")}
        return mentions, words

    here = Store(tmp_path / "here.db")
    ingest([str(DATA)], here, Settings())
    update_stories(here, StorySettings(embedder="lexical"))
    alone = prepare(here, engine=LocalEngine(1))
    with LocalEngine(2, keep=True) as engine:
        together = prepare(store, engine=engine)
        again = prepare(store, engine=engine)
    assert (together.articles, together.mentions, together.words) == (
        alone.articles, alone.mentions, alone.words)
    assert together.articles == store.count() and together.mentions > 100
    assert together.words > 0  # names MiniLM does not hold whole
    assert (again.articles, again.words) == (0, 0)
    assert stored(store) == stored(here)
    # Nothing left to recognise but words to distil (as after `analyse --thorough` on a
    # corpus analysed before): the words still go to the workers, in several jobs.
    store.conn.execute("DELETE FROM word_vectors")
    store.conn.commit()
    monkeypatch.setattr(analysis, "WORD_BATCH", 8)
    with LocalEngine(2, keep=True) as engine:
        words_only = prepare(store, engine=engine)
    assert (words_only.articles, words_only.words) == (0, alone.words)
    assert stored(store) == stored(here)
    here.close()
