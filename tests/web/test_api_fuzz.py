"""Property-based requests against the API's OpenAPI description (schemathesis): whatever
the parameters, the app answers without a server error and as its schema says."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from storydesk.cli import main
from storydesk.web.app import create_app

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import negative_data_rejection, not_a_server_error  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.mark.slow
def test_the_api_never_fails_on_any_input(tmp_path: Path) -> None:
    db = str(tmp_path / "fuzz.db")
    result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", db, "--quiet",
                                       "--no-quotes", "--no-claims"])
    assert result.exit_code == 0, result.output
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(db))
    operations = [found.ok() for found in schema.get_all_operations()]
    assert len(operations) >= 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def call(case) -> None:
            case.call_and_validate(checks=[not_a_server_error, negative_data_rejection])

        call()
