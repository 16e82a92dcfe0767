"""The HTML report in a real browser: headless Debian Chromium through its ChromeDriver.

Skipped when Chromium, ChromeDriver or Selenium is absent (`.ci/run` installs them). Each
test saves a screenshot in test-artifacts/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                       reason="Debian's chromium and chromium-driver are not installed"),
]


def report_of(corpus: Path, folder: Path) -> Path:
    """Ingest a corpus and write its largest story's HTML report."""
    db = str(folder / "browser.db")
    run("ingest", str(corpus), "--db", db, "--quiet")
    story = json.loads(run("stories", "--db", db, "--json", "--limit", "1").splitlines()[0])
    page = folder / "report.html"
    run("report", story["id"], "--db", db, "-o", str(page))
    return page


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_the_ledger_shows_an_altered_quote_and_a_citation_reaches_its_passage(
        browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    corpus = SEEDS if SEEDS.is_dir() else CORPUS
    page = report_of(corpus, tmp_path_factory.mktemp("browser-report"))
    browser.get(page.as_uri())
    assert browser.find_element(By.ID, "summary").is_displayed()
    altered = browser.find_elements(By.CSS_SELECTOR, "#ledger ~ ul .badge.altered")
    assert altered, "no rendering in the ledger is badged 'altered'"
    rendering = altered[0].find_element(By.XPATH, "./ancestor::li[1]")
    assert rendering.find_elements(By.TAG_NAME, "del") or rendering.find_elements(
        By.TAG_NAME, "ins")
    rendering.location_once_scrolled_into_view  # noqa: B018 - scrolls for the screenshot
    screenshot(browser, "report-ledger")
    citation = browser.find_element(By.CSS_SELECTOR, "#summary + ol a")
    target = citation.get_attribute("href").split("#", 1)[1]
    citation.click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#" + target))
    passage = browser.find_element(By.ID, target)
    highlighted = passage.find_element(By.XPATH, "following-sibling::span[1]")
    assert "claim" in highlighted.get_attribute("class")
    assert highlighted.text.strip()
    screenshot(browser, "report-citation")


def test_hostile_article_runs_no_script(browser, tmp_path: Path) -> None:
    source = tmp_path / "hostile.jsonl"
    text = ("A fire destroyed two warehouses in Port Lume on Thursday night, the harbour "
            "office said. <script>window.pwned = 1; alert(1)</script> Firefighter Ola Brenn "
            "said \"<img src=x onerror=\"window.pwned = 2\"> the roof fell within minutes\". "
            "See <a href=\"javascript:window.pwned = 3\">this</a> &amp; more.\n\n"
            "The harbour office said 40 workers were sent home on Friday.")
    record = {"url": "javascript:window.pwned=4", "outlet": "Lume <i>Post</i>",
              "title": "Fire <script>window.pwned = 5</script>", "text": text,
              "date": "2025-05-02T08:00:00+00:00"}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    page = report_of(source, tmp_path)
    browser.get(page.as_uri())
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    assert browser.execute_script("return window.pwned === undefined")
    for link in browser.find_elements(By.TAG_NAME, "a"):
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    assert "<script>window.pwned = 1" in browser.find_element(By.ID, "articles").find_element(
        By.XPATH, "following-sibling::div[1]").text
    screenshot(browser, "report-hostile")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The web app over the seeds (or the fictional corpus) on a free local port."""
    import socket
    import threading
    import time

    import uvicorn

    from storydesk.web.app import create_app

    corpus = SEEDS if SEEDS.is_dir() else CORPUS
    db = str(tmp_path_factory.mktemp("served") / "served.db")
    run("ingest", str(corpus), "--db", db, "--quiet")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_the_app_from_story_list_to_a_cited_passage(browser, served: str) -> None:
    browser.get(served + "/")
    links = browser.find_elements(By.CSS_SELECTOR, "table a[href^='/story/']")
    assert links
    screenshot(browser, "app-stories")
    search = browser.find_element(By.NAME, "q")
    search.send_keys("drones" if SEEDS.is_dir() else "ferry")
    search.submit()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/search"))
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located(
        (By.CSS_SELECTOR, "ol a[href^='/article/']")))
    screenshot(browser, "app-search")
    browser.get(served + "/")
    browser.find_element(By.CSS_SELECTOR, "table a[href^='/story/']").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/story/"))
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located(
        (By.CSS_SELECTOR, ".badge.altered")))
    citation = browser.find_element(By.CSS_SELECTOR, "#summary + ol a")
    target = citation.get_attribute("href").split("#", 1)[1]
    citation.click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#" + target))
    assert browser.find_element(By.ID, target)
    screenshot(browser, "app-story")
