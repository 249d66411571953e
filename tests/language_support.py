"""A test-only language, added as a language is added: a `lang/<code>/` folder with a profile and data files."""
from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import newsgraph.lang

FRENCH = Path(newsgraph.lang.__file__).parent / "fr"


@contextmanager
def added_language(code: str, folder: Path, monkeypatch: pytest.MonkeyPatch, *, data: tuple[str, ...],
                   profile_changes: str = "") -> Iterator[Path]:
    """Language `code` in `folder/code`: the French data files named in `data` (folders or files, relative to
    lang/fr/) and the French profile with `code` and `profile_changes` ("months=(...)") replaced. Yields the
    language's folder, which the caller may edit before using the language."""
    root = folder / code
    for part in data:
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        if (FRENCH / part).is_dir():
            shutil.copytree(FRENCH / part, root / part)
        else:
            shutil.copy(FRENCH / part, root / part)
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "profile.py").write_text(
        "from dataclasses import replace\n\nfrom newsgraph.lang.profile import get_profile\n\n"
        f"PROFILE = replace(get_profile('fr'), code={code!r}{profile_changes})\n", encoding="utf-8")
    monkeypatch.setattr(newsgraph.lang, "__path__", [*newsgraph.lang.__path__, str(folder)])
    try:
        yield root
    finally:
        for name in [name for name in sys.modules if name.startswith(f"newsgraph.lang.{code}")]:
            del sys.modules[name]  # the folder goes with the caller's tmp_path (caches per language keep their copies)
