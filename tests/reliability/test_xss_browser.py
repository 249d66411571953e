"""Untrusted text in the explorer, checked in a real browser: every payload is shown as text, none runs.

The knowledge base (hostile_kb.py) holds script and event-handler payloads in an article's
title, text, quote, cue, warnings, source, url and id, in actors' names, roles and ids, and in
an event's type and trigger. A payload that ran would set `window.__pwned` or change
`document.title`. Needs Debian's chromium and chromedriver (scripts/install-browser.sh).
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from browser_support import WAIT_SECONDS, browser_window, require_browser, served

require_browser()

from hostile_kb import ARTICLE_ID, EVENT_TYPE, OTHER_ID, PERSON, PERSON_ID, QUOTE, SCRIPT, TITLE, build_hostile_db  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(build_hostile_db(tmp_path_factory.mktemp("hostile") / "kb.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with browser_window(1200, 900) as driver:
        yield driver


def path(value: str) -> str:
    return quote(value, safe="")


# page -> texts that must be visible on it, literally
PAGES: list[tuple[str, tuple[str, ...]]] = [
    ("/", (PERSON,)),
    ("/quotes", (QUOTE, PERSON, TITLE)),
    ("/quotes?" + urlencode({"speaker": "jean dupont"}), (QUOTE,)),
    ("/actors", (PERSON,)),
    ("/actors/" + path(PERSON_ID), (PERSON, QUOTE)),
    ("/actors/" + path(OTHER_ID), ()),
    ("/graph", ()),
    ("/graph?" + urlencode({"type": EVENT_TYPE}), ()),
    ("/articles/" + path(ARTICLE_ID), (TITLE, QUOTE, PERSON)),
    ("/articles/" + path(SCRIPT), (SCRIPT,)),  # a 404 page naming the id asked for
    ("/quotes?" + urlencode({"since": SCRIPT}), (SCRIPT,)),  # a 400 page naming the bad value
]


def hover_node(driver: Any, node_id: str) -> None:
    """Point at a node of the vis-network graph (its tooltip shows)."""
    graph = driver.find_element(By.ID, "graph")
    x, y = driver.execute_script(
        "const net = window.newsgraphNetwork, at = net.canvasToDOM(net.getPositions([arguments[0]])[arguments[0]]);"
        "return [at.x, at.y];", node_id)
    size = graph.size
    ActionChains(driver).move_to_element_with_offset(graph, int(x - size["width"] / 2), int(y - size["height"] / 2)) \
        .pause(0.4).perform()


def settled(driver: Any) -> None:
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.execute_script("return document.readyState") == "complete")
    graph = driver.find_elements(By.ID, "graph")
    if graph:  # the graph draws after load: wait for it, then hover every node (tooltips render names)
        WebDriverWait(driver, WAIT_SECONDS).until(lambda d: graph[0].get_attribute("data-ready") == "true")
        for node_id in driver.execute_script("return window.newsgraphNetwork.body.data.nodes.getIds()"):
            hover_node(driver, node_id)
    time.sleep(0.3)  # let any onerror/onload handler a payload might have planted fire


@pytest.mark.parametrize(("page", "visible"), PAGES, ids=[page.split("?")[0] for page, _ in PAGES])
def test_payloads_are_shown_as_text_and_never_run(browser: Any, base_url: str, page: str,
                                                  visible: tuple[str, ...]) -> None:
    browser.get(base_url + page)
    settled(browser)
    assert browser.execute_script("return window.__pwned === undefined"), "a payload ran"
    assert browser.title != "pwned"  # what the script payload would set it to
    planted = browser.execute_script(
        "return document.querySelectorAll('[onerror], [onload], img[src=x], a[href^=\"javascript:\"]').length"
    )
    assert planted == 0, "a payload became markup"
    body = browser.find_element(By.TAG_NAME, "body").text
    for text in visible:
        assert text in body, f"{text!r} is not shown as text"


def test_graph_labels_show_names_as_text(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/graph")
    settled(browser)
    # vis-network draws labels on its canvas (no markup) and shows string tooltips as text
    labels = browser.execute_script("return window.newsgraphNetwork.body.data.nodes.get().map(n => n.label)")
    assert PERSON in labels
    hover_node(browser, PERSON_ID)
    tooltip = browser.find_element(By.CSS_SELECTOR, ".vis-tooltip")
    assert PERSON in tooltip.get_attribute("textContent")
    assert browser.execute_script("return document.querySelector('.vis-tooltip').children.length") == 0
    assert browser.execute_script("return window.__pwned === undefined")
