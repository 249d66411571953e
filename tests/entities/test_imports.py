"""The entity name helpers load without spaCy: the store links actors with them on every ingest,
and an ingest with nothing new must not wait seconds for spaCy and its French data."""
from __future__ import annotations

import subprocess
import sys


def imported_after(statement: str) -> set[str]:
    program = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True)
    return set(result.stdout.split())


def test_name_helpers_do_not_import_spacy() -> None:
    modules = imported_after("import newsgraph.entities.names, newsgraph.entities.lexicon")
    assert "spacy" not in modules


def test_the_package_still_exports_its_names() -> None:
    modules = imported_after("from newsgraph.entities import entity_id, make_entity_resolver")
    assert "newsgraph.entities.component" in modules
