"""Screenshots of every explorer page on a knowledge base, in headless Chromium.

Usage: python scripts/screenshots.py --db news.duckdb --out /tmp/shots [--width 1400 --height 1000]
Writes home.png, quotes.png, actors.png, actor.png (the most quoted person), graph.png and
article.png (the article with the most events), and two views further down: quotes-pager.png
(the bottom of the quote list) and article-events.png (the event list, its first event pointed
at). Needs Debian's chromium and chromedriver
(scripts/install-browser.sh) and the test extra (selenium).
"""
from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path
from urllib.parse import quote

import duckdb
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from newsgraph.api import create_app


def pages(db: Path) -> dict[str, str]:
    """Page name -> path: the fixed pages, the most quoted person and the article with the most events."""
    with duckdb.connect(str(db), read_only=True) as con:
        person = con.execute(
            "SELECT q.speaker_entity FROM quotes q JOIN entities e ON e.id = q.speaker_entity WHERE e.type = 'PER' "
            "GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()
        article = con.execute(
            "SELECT article_id FROM events GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()
    found = {"home": "/", "quotes": "/quotes", "actors": "/actors", "graph": "/graph"}
    if person:
        found["actor"] = "/actors/" + quote(person[0], safe="")
    if article:
        found["article"] = "/articles/" + quote(article[0], safe="")
    return found


def serve(db: Path, port: int) -> uvicorn.Server:
    """The explorer on 127.0.0.1:`port`, in a thread."""
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def further_down(driver: webdriver.Chrome, name: str, out: Path) -> None:
    """The pager of the quote list; the article's event list with its first event pointed at."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    if name == "quotes":
        driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        driver.save_screenshot(str(out / "quotes-pager.png"))
    elif name == "article":
        cards = driver.find_elements(By.CSS_SELECTOR, "#event-list li[data-event]")
        if cards:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cards[0])
            ActionChains(driver).move_to_element(cards[0]).pause(0.3).perform()
            driver.save_screenshot(str(out / "article-events.png"))


def main() -> None:
    """Parse the arguments, serve the database, save one PNG per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--port", type=int, default=8765)
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    server = serve(arguments.db, arguments.port)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for option in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   f"--window-size={arguments.width},{arguments.height}"):
        options.add_argument(option)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        for name, path in pages(arguments.db).items():
            driver.get(f"http://127.0.0.1:{arguments.port}{path}")
            WebDriverWait(driver, 60).until(lambda d: d.execute_script(
                "const chart = document.querySelector('#graph, #timeline');"
                "return document.readyState === 'complete' && (!chart || chart.dataset.ready === 'true')"))
            driver.save_screenshot(str(arguments.out / f"{name}.png"))
            print(f"{name}: {path} -> {arguments.out / (name + '.png')}")
            further_down(driver, name, arguments.out)
    finally:
        driver.quit()
        server.should_exit = True


if __name__ == "__main__":
    main()
