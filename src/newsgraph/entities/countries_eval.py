"""Accuracy of `resolve_country` on a phrase<TAB>ISO3 file.

Usage: python -m newsgraph.entities.countries_eval tests/entities/data/country_phrases.tsv
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .countries import resolve_country


@dataclass(frozen=True)
class CountryScore:
    """Accuracy of country resolution, with the phrases it got wrong."""

    total: int
    correct: int
    errors: tuple[tuple[str, str, str | None], ...]  # phrase, expected, got

    @property
    def accuracy(self) -> float:
        """Share of phrases resolved to the expected code."""
        return self.correct / self.total if self.total else 0.0


def read_phrases(path: Path) -> list[tuple[str, str]]:
    """(phrase, code) pairs of a tab-separated file, comments and blank lines skipped."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, code = line.split("\t")[:2]
            pairs.append((phrase, code.strip()))
    return pairs


def evaluate(pairs: list[tuple[str, str]]) -> CountryScore:
    """Resolve every phrase and compare with its expected code."""
    errors = tuple((p, c, got) for p, c in pairs if (got := resolve_country(p)) != c)
    return CountryScore(total=len(pairs), correct=len(pairs) - len(errors), errors=errors)


def main(argv: list[str]) -> int:
    """Print the accuracy and the errors for the file given as argument."""
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    score = evaluate(read_phrases(Path(argv[1])))
    for phrase, expected, got in score.errors:
        sys.stdout.write(f"MISS\t{phrase}\texpected {expected}\tgot {got}\n")
    sys.stdout.write(f"country_accuracy {score.accuracy:.4f} ({score.correct}/{score.total})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
