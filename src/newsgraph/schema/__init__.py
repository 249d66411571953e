"""The JSON Schema (draft 2020-12) of the output record, generated from `newsgraph.records`.

`analysis.schema.json` is the documented contract of `newsgraph analyze`'s JSON lines. Its
structure (types, nesting, required fields) is derived from the record dataclasses by pydantic; its words
(descriptions, enums, examples) are written in the file and kept when it is regenerated after a
record changes:

    python -m newsgraph.schema --write
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..records import Analysis, adapter

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:newsgraph:schema:analysis"
SCHEMA_NAME = "analysis.schema.json"
# keywords derived from the dataclasses; every other keyword in the file is written by hand and kept
STRUCTURAL = frozenset({"type", "items", "$ref", "anyOf", "properties", "required", "additionalProperties", "$defs"})


def schema_path() -> Path:
    """Where the schema file lives in the installed package."""
    return Path(str(resources.files(__package__).joinpath(SCHEMA_NAME)))


@lru_cache(maxsize=1)
def analysis_schema() -> dict[str, Any]:
    """The shipped schema of the output record (loaded once)."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


def _compact(spec: dict[str, Any]) -> dict[str, Any]:
    """pydantic's schema of one field, as the file writes it: `X | None` as a type list, no titles or defaults."""
    spec = {k: v for k, v in spec.items() if k not in ("title", "default")}
    options = spec.get("anyOf")
    if options and {"type": "null"} in options and len(options) == 2:
        (inner,) = [option for option in options if option != {"type": "null"}]
        if isinstance(inner.get("type"), str) and set(inner) == {"type"}:
            del spec["anyOf"]
            spec["type"] = [inner["type"], "null"]
    if "items" in spec:
        spec["items"] = _compact(spec["items"])
    return spec


def structures() -> dict[str, dict[str, Any]]:
    """Record name -> its structural schema (field order, types, nesting), as pydantic derives it."""
    derived = adapter(Analysis).json_schema(mode="serialization")
    objects = {"Analysis": derived, **derived.get("$defs", {})}
    return {name: {"properties": {field: _compact(spec) for field, spec in obj["properties"].items()},
                   "description": obj.get("description", "")} for name, obj in objects.items()}


def object_schema(structure: dict[str, Any], written: dict[str, Any]) -> dict[str, Any]:
    """Schema of one record, keeping the hand-written words of `written` (its previous schema).

    Every field is required: `to_dict` writes each one, null when unknown.
    """
    old_properties = written.get("properties", {})
    properties = {}
    for name, spec in structure["properties"].items():
        words = {k: v for k, v in old_properties.get(name, {}).items() if k not in STRUCTURAL}
        properties[name] = {"description": "", **words, **spec}
    kept = {k: v for k, v in written.items() if k not in STRUCTURAL}
    return {"description": structure["description"].strip(), **kept, "type": "object", "properties": properties,
            "required": list(properties), "additionalProperties": False}


def generate(previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The full schema from the records, keeping descriptions and other words of `previous`."""
    previous = previous or {}
    derived = structures()
    old_defs = previous.get("$defs", {})
    schema: dict[str, Any] = {"$schema": DIALECT, "$id": SCHEMA_ID, "title": "newsgraph analysis record"}
    schema.update(object_schema(derived.pop("Analysis"), previous))
    schema["$defs"] = {name: object_schema(structure, old_defs.get(name, {})) for name, structure in derived.items()}
    return schema


def undocumented(schema: dict[str, Any]) -> list[str]:
    """Fields (as Record.field) whose description is empty."""
    objects = {"Analysis": schema, **schema.get("$defs", {})}
    return [f"{name}.{field}" for name, obj in objects.items()
            for field, spec in obj.get("properties", {}).items() if not spec.get("description", "").strip()]


def dumps(schema: dict[str, Any]) -> str:
    """The schema as the file stores it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
