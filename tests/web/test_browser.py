"""The explorer in a real headless browser: Debian's chromium driven by Selenium.

Install the browser with `bash scripts/install-browser.sh`; without it these tests skip.
The server runs in a thread of the test process, on a free loopback port.
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip("chromium/chromedriver not installed: run scripts/install-browser.sh", allow_module_level=True)
pytest.importorskip("selenium", reason="selenium is not installed (test extra)")
pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install 'newsgraph[web]'")

import uvicorn  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as until  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from newsgraph.api import create_app  # noqa: E402

WAIT_SECONDS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(kb_db: Path) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(kb_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def make_browser(width: int, height: int) -> Any:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = make_browser(1200, 900)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def phone() -> Iterator[Any]:
    driver = make_browser(375, 740)
    yield driver
    driver.quit()


def wait(driver: Any) -> WebDriverWait:
    return WebDriverWait(driver, WAIT_SECONDS)


def loaded_from(driver: Any) -> set[str]:
    """Origins of every resource the page loaded."""
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return {"/".join(url.split("/")[:3]) for url in urls}


def test_search_a_quote_then_open_the_actor_and_its_chart(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/quotes")
    box = browser.find_element(By.CSS_SELECTOR, "#quote-search input[name=speaker]")
    box.send_keys("choigou")
    browser.find_element(By.CSS_SELECTOR, "#quote-search button").click()
    wait(browser).until(until.url_contains("speaker=choigou"))
    cards = browser.find_elements(By.CSS_SELECTOR, "#results .quote")
    assert len(cards) == 2
    assert "Nos armées partagent les mêmes objectifs" in browser.find_element(By.ID, "results").text
    cards[0].find_element(By.CSS_SELECTOR, ".speaker a").click()
    wait(browser).until(until.text_to_be_present_in_element((By.ID, "actor-name"), "Sergueï Choïgou"))
    bars = wait(browser).until(
        until.presence_of_all_elements_located((By.CSS_SELECTOR, "#timeline .main-svg .bars path"))
    )
    assert len(bars) >= 2
    assert loaded_from(browser) == {base_url}


def test_graph_renders_and_a_click_opens_the_actor(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/graph?type=CONSULT")
    wait(browser).until(until.presence_of_element_located((By.CSS_SELECTOR, "#graph[data-ready=true]")))
    points = browser.find_elements(By.CSS_SELECTOR, "#graph .scatterlayer .trace:last-child .point")
    labels = [text.text for text in browser.find_elements(By.CSS_SELECTOR, "#graph .scatterlayer .textpoint")]
    assert len(points) == 4
    assert "Kim Jong-un" in labels
    kim = points[labels.index("Kim Jong-un")]
    ActionChains(browser).move_to_element(kim).pause(0.3).click().perform()
    wait(browser).until(until.text_to_be_present_in_element((By.ID, "actor-name"), "Kim Jong-un"))
    assert "/actors/per" in browser.current_url
    assert loaded_from(browser) == {base_url}


def test_open_an_article_with_highlights(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/quotes?text=justice")
    browser.find_element(By.CSS_SELECTOR, "#results .article-link").click()
    wait(browser).until(until.presence_of_element_located((By.ID, "article-text")))
    assert browser.find_element(By.ID, "article-title").text.startswith("<script>alert('titre')</script>")
    quoted = "".join(part.text for part in browser.find_elements(By.CSS_SELECTOR, "#article-text .m-quote"))
    assert quoted == "Poutine devra répondre de ses actes <b>devant la justice</b>."
    entities = browser.find_elements(By.CSS_SELECTOR, "#article-text a.m-entity")
    assert {entity.text for entity in entities} >= {"Volodymyr Zelensky", "Vladimir Poutine", "Zelensky", "Poutine"}
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text .m-event")
    assert browser.execute_script("return window.__pwned === undefined")


@pytest.mark.parametrize("page", ["/", "/quotes?speaker=poutine", "/actors", "/actors/per:kim-jong-un", "/graph",
                                  "/articles/kb-001"])
def test_pages_fit_a_phone_screen(phone: Any, base_url: str, page: str) -> None:
    phone.get(base_url + page)
    wait(phone).until(lambda driver: driver.execute_script("return document.readyState") == "complete")
    overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
