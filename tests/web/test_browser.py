"""The explorer in a real headless browser: Debian's chromium driven by Selenium.

Install the browser with `bash scripts/install-browser.sh`; without it these tests skip.
The server runs in a thread of the test process, on a free loopback port (tests/browser_support.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import WAIT_SECONDS, browser_window, require_browser, served

require_browser()

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as until  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def base_url(kb_db: Path) -> Iterator[str]:
    with served(kb_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with browser_window(1200, 900) as driver:
        yield driver


@pytest.fixture(scope="module")
def phone() -> Iterator[Any]:
    with browser_window(375, 740) as driver:
        yield driver


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
