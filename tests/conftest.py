"""Shared fixtures: the bundled fictional corpus, and the reference seeds when present."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from storydesk.cli import main
from storydesk.config import Settings
from storydesk.ingest.pipeline import ingest
from storydesk.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def run(*args: str, code: int = 0) -> str:
    """Run the storydesk command line as a user would and return its output, failing the
    test unless it exits with ``code`` (an unexpected exception fails it with its traceback)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five reference articles in ../shared/seeds; tests using them skip when absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


def seed_path(seeds: Path, number: str) -> Path:
    """The seed file whose name starts with ``number`` ("000" ... "004")."""
    return next(seeds.glob(f"{number}_*.txt"))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the bundled fictional corpus, ingested once per test session."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with Store(db) as store:
        report = ingest([str(CORPUS)], store, Settings(jobs=1))
    assert not report.rejected, report.rejected
    return db


@pytest.fixture(scope="session")
def corpus_articles(corpus_db: Path) -> dict[str, list]:
    """The corpus articles grouped by input file name."""
    grouped: dict[str, list] = {}
    with Store(corpus_db) as store:
        for article in store.articles():
            grouped.setdefault(article.file, []).append(article)
    return grouped
