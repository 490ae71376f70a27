"""JSON Schema checks shared by the geodata and the chronology, turned into DataErrors."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema

from . import GEODATA
from .errors import DataError

SCHEMA_DIR = GEODATA / "schema"


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check(name: str, instance: dict, *, path: Path, item: str, kind: str) -> None:
    """Validate ``instance`` against schema ``name``; raise the first problem as a DataError."""
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = errors[0]
    if error.validator == "required":
        field = re.search(r"'([^']+)' is a required property", error.message).group(1)
        raise DataError(path, "is missing (required)", item=item, field=field, kind=kind)
    if error.validator == "additionalProperties":
        raise DataError(path, error.message, item=item,
                        field=".".join(map(str, error.absolute_path)) or None, kind=kind)
    field = ".".join(str(p) for p in error.absolute_path) or None
    raise DataError(path, error.message, item=item, field=field, kind=kind)


def load_json(path: Path, *, kind: str = "file") -> object:
    """Read JSON, turning a syntax error into a DataError with line and column."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "file not found", kind=kind) from None
    except json.JSONDecodeError as exc:
        raise DataError(path, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                        kind=kind) from None
