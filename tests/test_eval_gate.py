"""Quality gate: the dev-set figures never fall below the floors of `eval_baseline.json`.

The floors only go up: a floor lower than the one committed in git HEAD fails the gate unless
NEWSGRAPH_ALLOW_LOWER_FLOOR=1 is set, so that lowering one is a deliberate, visible act.
Anchor: trafilatura `tests/eval_gate.py`.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"
ALLOW_LOWER = "NEWSGRAPH_ALLOW_LOWER_FLOOR"


GATES = ("floors", "validate_floors")


def floors(text: str, gate: str = "floors") -> dict[str, float]:
    """The floors of one gate ('floors' on dev, 'validate_floors' on the validate part) of a baseline file."""
    return {name: float(value) for name, value in json.loads(text).get(gate, {}).items()}


def committed_baseline() -> str | None:
    """The baseline file as committed in git HEAD; None without git, a repository or that file."""
    git = shutil.which("git")
    if git is None:
        return None
    relative = BASELINE.relative_to(BASELINE.parent.parent).as_posix()
    completed = subprocess.run(
        [git, "show", f"HEAD:{relative}"], cwd=BASELINE.parent, capture_output=True, text=True, check=False
    )
    return completed.stdout if completed.returncode == 0 else None


@pytest.fixture(scope="session")
def dev_figures(shared: Path, nlp: Any) -> dict[str, Any]:
    """The evaluation of the dev gold set, run once per session."""
    from newsgraph.evaluate import evaluate

    return evaluate(shared / "data" / "gold" / "dev", nlp=nlp)


@pytest.fixture(scope="session")
def validate_figures(shared: Path, nlp: Any) -> dict[str, Any]:
    """The evaluation of the validate part of the train gold set, run once per session."""
    from newsgraph.evaluate import evaluate

    return evaluate(shared / "data" / "gold" / "train", nlp=nlp, part="validate")


def test_floors_are_never_lowered_silently() -> None:
    committed = committed_baseline()
    if committed is None:
        pytest.skip("git, the repository or a committed eval_baseline.json is not available")
    if os.environ.get(ALLOW_LOWER) == "1":
        pytest.skip(f"{ALLOW_LOWER}=1: lowering floors is allowed")
    lowered = {}
    for gate in GATES:
        before, now = floors(committed, gate), floors(BASELINE.read_text(encoding="utf-8"), gate)
        lowered |= {f"{gate}.{name}": (before[name], now.get(name))
                    for name in before if now.get(name, -1.0) < before[name]}
    assert not lowered, f"floors lowered or removed (HEAD -> now): {lowered}; set {ALLOW_LOWER}=1 if deliberate"


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize("figure", sorted(floors(BASELINE.read_text(encoding="utf-8"))))
def test_dev_figure_reaches_its_floor(dev_figures: dict[str, Any], figure: str) -> None:
    floor = floors(BASELINE.read_text(encoding="utf-8"))[figure]
    assert dev_figures[figure] >= floor, f"{figure} = {dev_figures[figure]} fell below its floor {floor}"


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize("figure", sorted(floors(BASELINE.read_text(encoding="utf-8"), "validate_floors")))
def test_validate_figure_reaches_its_floor(validate_figures: dict[str, Any], figure: str) -> None:
    floor = floors(BASELINE.read_text(encoding="utf-8"), "validate_floors")[figure]
    assert validate_figures[figure] >= floor, f"validate {figure} = {validate_figures[figure]} fell below {floor}"


@pytest.mark.shared
def test_dev_pages_extract_to_the_gold_text(shared: Path) -> None:
    """Extraction from the dev pages' HTML keeps every paragraph of the gold text, its title and date."""
    from newsgraph.clean import clean_text
    from newsgraph.ingest import article_from_html

    lost = []
    for page in sorted((shared / "data" / "gold" / "dev").glob("*.html")):
        gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        article = article_from_html(page.read_bytes(), article_id=gold["id"], source=str(page))
        paragraphs = clean_text(gold["text"], title=gold.get("title")).text.split("\n\n")
        lost += [f"{page.name}: {p[:60]!r}" for p in paragraphs if p not in article.text]
        lost += [f"{page.name}: {field}" for field in ("title", "date") if getattr(article, field) != gold.get(field)]
    assert not lost, "\n".join(lost)
