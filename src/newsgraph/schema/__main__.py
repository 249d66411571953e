"""Regenerate `analysis.schema.json` from the records: `python -m newsgraph.schema [--write]`."""
from __future__ import annotations

import sys

from . import analysis_schema, dumps, generate, schema_path, undocumented


def main(argv: list[str]) -> int:
    """Print the regenerated schema, or write it over the file with --write."""
    schema = generate(analysis_schema() if schema_path().exists() else None)
    if "--write" in argv:
        schema_path().write_text(dumps(schema), encoding="utf-8")
    else:
        sys.stdout.write(dumps(schema))
    missing = undocumented(schema)
    if missing:
        sys.stderr.write(f"describe these fields in {schema_path()}: {', '.join(missing)}\n")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
