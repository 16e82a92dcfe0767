"""The optional generated summary, against a fake OpenAI-compatible endpoint on 127.0.0.1:
supported sentences pass, invented figures and uncited sentences are flagged, never facts."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import html5lib
import pytest
from click.testing import CliRunner

from storydesk.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


class FakeModel(BaseHTTPRequestHandler):
    """Answers chat completions with one faithful sentence, one with an invented figure and
    one that cites nothing."""

    requests: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeModel.requests.append({"path": self.path, "body": body})
        facts = dict(re.findall(r"^\[(\d+)\] (.+)$", body["messages"][-1]["content"], re.M))
        reply = (f"{facts['1']} [1] In all 9,999 people were flown to the moon. [2] "
                 "Everyone agrees this was the worst day ever.")
        payload = json.dumps({"choices": [{"message": {"role": "assistant",
                                                       "content": reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint():
    server = HTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    db = str(tmp_path_factory.mktemp("llm") / "llm.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(CORPUS), "--db", db, "-q"]).exit_code == 0
    listed = runner.invoke(main, ["stories", "--db", db, "--json", "--limit", "1"]).output
    return db, json.loads(listed.splitlines()[0])["id"]


def report(story: tuple[str, str], endpoint: str, fmt: str) -> str:
    db, story_id = story
    result = CliRunner().invoke(main, ["report", story_id, "--db", db, "--format", fmt,
                                       "--llm-endpoint", endpoint])
    assert result.exit_code == 0, result.output
    return result.output


def test_each_generated_sentence_is_checked_against_what_it_cites(story, endpoint) -> None:
    generated = json.loads(report(story, endpoint, "json"))["generated_summary"]
    assert [s["supported"] for s in generated] == [True, False, False]
    assert generated[0]["cites"]
    assert "9999" in generated[1]["why"] or "9,999" in generated[1]["why"]
    assert generated[2]["why"] == "cites no given fact"
    assert FakeModel.requests[-1]["path"] == "/v1/chat/completions"


def test_unsupported_sentences_are_shown_as_unverified(story, endpoint) -> None:
    page = report(story, endpoint, "html")
    html5lib.HTMLParser(strict=True).parse(page)
    assert page.count('class="unverified"') == 2
    assert "<s>In all 9,999 people were flown to the moon.</s>" in page
    assert "**unverified** ~~" in report(story, endpoint, "md")


def test_an_unreachable_endpoint_is_a_clear_error(story) -> None:
    db, story_id = story
    result = CliRunner().invoke(main, ["report", story_id, "--db", db,
                                       "--llm-endpoint", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "summary endpoint" in result.output and "failed" in result.output
