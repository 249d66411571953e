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
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as until  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def base_url(kb_db: Path) -> Iterator[str]:
    with served(kb_db) as url:
        yield url


@pytest.fixture(scope="module")
def big_url(big_kb_db: Path) -> Iterator[str]:
    with served(big_kb_db) as url:
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


def click_node(driver: Any, node_id: str, *, click: bool = True) -> None:
    """Click (or only point at) a node of the vis-network graph where it is drawn."""
    graph = driver.find_element(By.ID, "graph")
    x, y = driver.execute_script(
        "const net = window.newsgraphNetwork, at = net.canvasToDOM(net.getPositions([arguments[0]])[arguments[0]]);"
        "return [at.x, at.y];", node_id)
    size = graph.size
    actions = ActionChains(driver).move_to_element_with_offset(graph, int(x - size["width"] / 2),
                                                               int(y - size["height"] / 2)).pause(0.3)
    (actions.click() if click else actions.pause(0.5)).perform()


def test_graph_renders_and_a_click_opens_the_actor(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/graph?type=CONSULT")
    wait(browser).until(until.presence_of_element_located((By.CSS_SELECTOR, "#graph[data-ready=true]")))
    nodes = browser.execute_script("return window.newsgraphNetwork.body.data.nodes.get().map(n => n.name)")
    assert len(nodes) == 4 and "Kim Jong-un" in nodes
    click_node(browser, "per:kim-jong-un")
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


# ---------------------------------------------------------------- on a knowledge base of 320 articles


def test_results_page_with_a_pager(browser: Any, big_url: str) -> None:
    browser.get(big_url + "/quotes")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#results .quote")) == 20
    assert browser.find_element(By.CSS_SELECTOR, ".pager .page-position").text == "1–20 sur 491"
    browser.find_element(By.CSS_SELECTOR, ".pager a[rel=next]").click()
    wait(browser).until(until.url_contains("offset=20"))
    assert browser.find_element(By.CSS_SELECTOR, ".pager .page-position").text == "21–40 sur 491"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#results .quote")) == 20
    browser.get(big_url + "/actors")
    assert browser.find_element(By.CSS_SELECTOR, ".pager .page-position").text == "1–20 sur 25"
    browser.find_element(By.CSS_SELECTOR, ".pager a[rel=next]").click()
    wait(browser).until(until.url_contains("offset=20"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "table tbody tr")) == 5
    assert not browser.find_elements(By.CSS_SELECTOR, ".pager a[rel=next]")


# pixels of the graph's canvas close to a colour (edges are drawn anti-aliased and a little transparent)
COLOUR_PIXELS = """
const canvas = document.querySelector('#graph canvas'), context = canvas.getContext('2d');
const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
const [r, g, b] = [1, 3, 5].map(i => parseInt(arguments[0].slice(i, i + 2), 16));
let count = 0;
for (let i = 0; i < pixels.length; i += 4) {
  if (pixels[i + 3] > 200 && Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) < 40) count++;
}
return count;
"""


def test_graph_shows_coloured_edges_and_their_legend(browser: Any, big_url: str) -> None:
    browser.get(big_url + "/graph")
    wait(browser).until(until.presence_of_element_located((By.CSS_SELECTOR, "#graph[data-ready=true]")))
    legend = browser.find_element(By.ID, "graph-legend")
    assert legend.is_displayed()
    shown = [item.text for item in legend.find_elements(By.TAG_NAME, "li")]
    edges = browser.execute_script("return window.newsgraphNetwork.body.data.edges.get()")
    assert len(edges) > 50 and shown == sorted({edge["type"] for edge in edges})
    heaviest = max(edges, key=lambda edge: edge["value"])
    colour = heaviest["color"]["color"]
    assert browser.execute_script(COLOUR_PIXELS, colour) > 30  # the heaviest type is drawn, in its colour
    assert browser.execute_script(COLOUR_PIXELS, "#ff00ff") == 0  # (a colour no type has: the count means something)
    node = browser.execute_script("return window.newsgraphNetwork.body.data.nodes.getIds()[0]")
    click_node(browser, node, click=False)
    tooltip = wait(browser).until(until.visibility_of_element_located((By.CSS_SELECTOR, ".vis-tooltip")))
    assert tooltip.value_of_css_property("position") == "absolute"  # vis-network's own stylesheet is served
    named = browser.execute_script("return window.newsgraphNetwork.body.data.nodes.get().filter(n => n.label).length")
    nodes = browser.execute_script("return window.newsgraphNetwork.body.data.nodes.length")
    assert 0 < named < nodes  # names of the biggest nodes only...
    graph = browser.find_element(By.ID, "graph")
    for _ in range(8):  # the mouse wheel, as a reader zooms
        ActionChains(browser).scroll_from_origin(ScrollOrigin.from_element(graph), 0, -300).pause(0.1).perform()
    wait(browser).until(lambda driver: driver.execute_script(
        "return window.newsgraphNetwork.body.data.nodes.get().every(n => n.label)"))  # ...until zoomed in
    assert loaded_from(browser) == {big_url}


def boxes_overlap(first: dict[str, float], second: dict[str, float]) -> bool:
    return not (first["right"] <= second["left"] or second["right"] <= first["left"]
                or first["bottom"] <= second["top"] or second["bottom"] <= first["top"])


BOX = "const r = document.querySelector(arguments[0]).getBoundingClientRect(); " \
      "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};"


def test_actor_timeline_has_a_time_axis_with_gaps(browser: Any, big_url: str) -> None:
    browser.get(big_url + "/actors/per:anna-verdier")
    wait(browser).until(until.presence_of_element_located((By.CSS_SELECTOR, "#timeline[data-ready=true]")))
    assert browser.execute_script("return document.getElementById('timeline')._fullLayout.xaxis.type") == "date"
    centres = browser.execute_script(
        "return [...document.querySelectorAll('#timeline .bars path')].map(p => {"
        "const r = p.getBoundingClientRect(); return Math.round(r.left + r.width / 2); })")
    months = sorted(set(centres))
    assert len(months) == 7  # January to March, then June to September 2023
    steps = [after - before for before, after in zip(months, months[1:])]
    assert max(steps) > 2.5 * min(steps)  # March -> June is three months wide: April and May show as a gap
    legend, title = browser.execute_script(BOX, "#timeline .legend"), browser.execute_script(BOX, "#timeline .xtitle")
    plot = browser.execute_script(BOX, "#timeline .nsewdrag")
    assert not boxes_overlap(legend, title) and not boxes_overlap(legend, plot)
    assert not [bar for bar in browser.find_elements(By.CSS_SELECTOR, "#timeline .modebar") if bar.is_displayed()]
    assert browser.find_element(By.CSS_SELECTOR, "#events .event .mode").is_displayed()


def test_article_events_light_up_their_sentence_on_hover(browser: Any, big_url: str) -> None:
    browser.get(big_url + "/articles/syn-0006")
    cards = browser.find_elements(By.CSS_SELECTOR, "#event-list li[data-event]")
    assert len(cards) >= 2
    assert not browser.find_elements(By.CSS_SELECTOR, "#article-text .m-active")
    for card in cards:
        ActionChains(browser).move_to_element(card).pause(0.2).perform()
        lit = "".join(part.text for part in browser.find_elements(By.CSS_SELECTOR, "#article-text .m-active"))
        group = card.find_element(By.XPATH, "./ancestor::li[contains(@class, 'event-group')]")
        assert lit == group.find_element(By.CSS_SELECTOR, ".sentence").text
        assert "active" in card.get_attribute("class")
        trigger = browser.find_element(By.CSS_SELECTOR, f'#article-text [data-trigger="{card.get_attribute("data-event")}"]')
        assert trigger.text in card.text and trigger.value_of_css_property("border-bottom-style") == "solid"
    sentence = browser.find_element(By.CSS_SELECTOR, "#article-text .m-event:not(.m-trigger)")
    assert sentence.value_of_css_property("text-decoration-line") == "none"  # no underline over whole sentences
