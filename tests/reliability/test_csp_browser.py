"""The explorer's Content-Security-Policy in a real browser: every page and chart works, nothing is blocked."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import WAIT_SECONDS, browser_window, require_browser, served

require_browser()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as until  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# recorded from the first script of every page on: what the policy blocked
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
    event => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sample));
"""


@pytest.fixture(scope="module")
def browser(kb_db: Path) -> Iterator[tuple[Any, str]]:
    with served(kb_db) as url, browser_window(1200, 900) as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
        yield driver, url


@pytest.mark.parametrize(("path", "drawn"), [
    ("/actors/per:serguei-choigou", "#timeline .main-svg .bars path"),
    ("/graph", "#graph canvas"),
    ("/quotes?speaker=poutine", "#results .quote"),
    ("/articles/kb-001", "main"),
    ("/", "main"),
])
def test_pages_work_under_the_policy(browser: tuple[Any, str], path: str, drawn: str) -> None:
    driver, url = browser
    driver.get(url + path)
    WebDriverWait(driver, WAIT_SECONDS).until(until.presence_of_all_elements_located((By.CSS_SELECTOR, drawn)))
    assert driver.execute_script("return window.cspViolations") == []
