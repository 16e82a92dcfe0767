"""Quote extraction floors on PolNeAR (development data in ../shared), measured as a user
would: ingest the articles, export, and score with the shared scorer. Skipped when absent.

The figures measured when the floors were pinned are in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import pytest

from tests.conftest import SHARED
from tests.quality.test_floors import run, scorer

POLNEAR = SHARED / "data" / "polnear-dev"
DIRECT_F1 = {0.3: 0.85, 0.8: 0.75}
SPEAKER_ACCURACY = 0.93
ALL_ATTRIBUTIONS_F1 = 0.60

pytestmark = [pytest.mark.slow, pytest.mark.seeds]


@pytest.fixture(scope="module")
def polnear_scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Scores of the default extraction on every PolNeAR development article."""
    if not POLNEAR.is_dir():
        pytest.skip("../shared/data/polnear-dev is not present")
    work = tmp_path_factory.mktemp("polnear")
    db, pred = work / "polnear.db", work / "pred.jsonl"
    articles = sorted(str(p) for p in POLNEAR.glob("*.txt"))
    run("ingest", *articles, "--db", str(db), "--no-stories", "--quiet")
    run("export", "--db", str(db), "--format", "jsonl", "--output", str(pred))
    return scorer("score_quotes.py", str(POLNEAR / "gold.jsonl"), str(pred))


@pytest.mark.parametrize("threshold", sorted(DIRECT_F1))
def test_direct_quotes_f1(polnear_scores: dict, threshold: float) -> None:
    result = polnear_scores[f"direct@{threshold}"]
    assert result["f1"] >= DIRECT_F1[threshold], result


def test_speaker_accuracy_on_direct_quotes(polnear_scores: dict) -> None:
    result = polnear_scores["direct@0.3"]
    assert result["speaker_acc"] >= SPEAKER_ACCURACY, result


def test_all_attributions_f1(polnear_scores: dict) -> None:
    result = polnear_scores["all@0.3"]
    assert result["f1"] >= ALL_ATTRIBUTIONS_F1, result


def test_every_article_has_a_quotes_list(polnear_scores: dict) -> None:
    """Each article was read by the extractor (an empty list, never a missing field)."""
    assert polnear_scores["counts"]["gold_files_without_predictions"] == 0
