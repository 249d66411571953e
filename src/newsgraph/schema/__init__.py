"""The JSON Schema (draft 2020-12) of the output record, generated from `newsgraph.records`.

`analysis.schema.json` is the documented contract of `newsgraph analyze`'s JSON lines. Its
structure (types, nesting, required fields) is derived from the record dataclasses; its words
(descriptions, enums, examples) are written in the file and kept when it is regenerated after a
record changes:

    python -m newsgraph.schema --write
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..records import Analysis, _Record

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:newsgraph:schema:analysis"
SCHEMA_NAME = "analysis.schema.json"
# keywords derived from the dataclasses; every other keyword in the file is written by hand and kept
STRUCTURAL = frozenset({"type", "items", "$ref", "anyOf", "properties", "required", "additionalProperties", "$defs"})
PRIMITIVES: dict[type, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


def schema_path() -> Path:
    """Where the schema file lives in the installed package."""
    return Path(str(resources.files(__package__).joinpath(SCHEMA_NAME)))


@lru_cache(maxsize=1)
def analysis_schema() -> dict[str, Any]:
    """The shipped schema of the output record (loaded once)."""
    return json.loads(schema_path().read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def type_schema(hint: Any) -> dict[str, Any]:
    """JSON Schema of one field type: primitives, records, `X | None` and `tuple[X, ...]`."""
    if isinstance(hint, type) and issubclass(hint, _Record):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if hint in PRIMITIVES:
        return {"type": PRIMITIVES[hint]}
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        return {"type": "array", "items": type_schema(args[0])}
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        (inner,) = [arg for arg in args if arg is not type(None)]
        schema = type_schema(inner)
        if "type" in schema and isinstance(schema["type"], str):
            return {**schema, "type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}
    raise TypeError(f"no JSON Schema mapping for field type {hint!r}; extend newsgraph.schema.type_schema")


def record_classes(root: type[_Record] = Analysis) -> list[type[_Record]]:
    """The root record and every record nested in it, in order of first appearance."""
    found: list[type[_Record]] = []

    def visit(cls: type[_Record]) -> None:
        if cls in found:
            return
        found.append(cls)
        for hint in typing.get_type_hints(cls).values():
            for candidate in (hint, *typing.get_args(hint)):
                if isinstance(candidate, type) and issubclass(candidate, _Record):
                    visit(candidate)

    visit(root)
    return found


def object_schema(cls: type[_Record], written: dict[str, Any]) -> dict[str, Any]:
    """Schema of one record class, keeping the hand-written words of `written` (its previous schema)."""
    hints = typing.get_type_hints(cls)
    names = [field.name for field in dataclasses.fields(cls)]  # type: ignore[arg-type]
    old_properties = written.get("properties", {})
    properties = {}
    for name in names:
        words = {k: v for k, v in old_properties.get(name, {}).items() if k not in STRUCTURAL}
        properties[name] = {"description": "", **words, **type_schema(hints[name])}
    kept = {k: v for k, v in written.items() if k not in STRUCTURAL}
    description = (cls.__doc__ or "").strip()
    return {"description": description, **kept, "type": "object", "properties": properties,
            "required": names, "additionalProperties": False}


def generate(previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The full schema from the records, keeping descriptions and other words of `previous`."""
    previous = previous or {}
    root, *nested = record_classes()
    old_defs = previous.get("$defs", {})
    schema = {"$schema": DIALECT, "$id": SCHEMA_ID, "title": "newsgraph analysis record"}
    schema.update(object_schema(root, previous))
    schema["$defs"] = {cls.__name__: object_schema(cls, old_defs.get(cls.__name__, {})) for cls in nested}
    return schema


def undocumented(schema: dict[str, Any]) -> list[str]:
    """Fields (as Record.field) whose description is empty."""
    objects = {"Analysis": schema, **schema.get("$defs", {})}
    return [f"{name}.{field}" for name, obj in objects.items()
            for field, spec in obj.get("properties", {}).items() if not spec.get("description", "").strip()]


def dumps(schema: dict[str, Any]) -> str:
    """The schema as the file stores it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
