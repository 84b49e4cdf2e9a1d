"""JSON Schema files for every event, and the rules for changing them.

The files are committed in `schemas/json/`, one per event type and schema version, so
consumers in any language can validate what they read. A committed file is never rewritten
incompatibly: a change must add optional fields only, or bump `schema_version` (a new file)
and register an upcaster.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ._registry import EVENT_CLASSES

__all__ = [
    "DEFAULT_SCHEMA_DIR",
    "compatibility_problems",
    "generated_schemas",
    "schema_filename",
]

# schemas/src/sitrep_schemas/_jsonschema.py -> schemas/json
DEFAULT_SCHEMA_DIR = Path(__file__).resolve().parents[2] / "json"


def schema_filename(event_type: str, version: int) -> str:
    return f"{event_type}.v{version}.schema.json"


def generated_schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema for the current version of every event type."""
    out: dict[str, dict[str, Any]] = {}
    for event_type, cls in sorted(EVENT_CLASSES.items()):
        version = cls.model_fields["schema_version"].default
        schema = cls.model_json_schema(mode="serialization")
        schema["$id"] = f"https://sitrep.invalid/schemas/{schema_filename(event_type, version)}"
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[schema_filename(event_type, version)] = schema
    return out


def _objects(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The top-level object and every object under $defs, by name."""
    objects = {"": schema}
    objects.update(schema.get("$defs", {}))
    return objects


def _type_of(prop: dict[str, Any]) -> Any:
    return {k: prop[k] for k in ("type", "$ref", "anyOf", "enum", "const", "items") if k in prop}


def compatibility_problems(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Ways in which `new` could reject or misread an event valid under `old`."""
    problems: list[str] = []
    old_objects, new_objects = _objects(old), _objects(new)
    for name, old_obj in old_objects.items():
        where = name or "event"
        new_obj = new_objects.get(name)
        if new_obj is None:
            problems.append(f"{where}: definition removed")
            continue
        if "enum" in old_obj:
            lost = set(old_obj["enum"]) - set(new_obj.get("enum", []))
            if lost:
                problems.append(f"{where}: enum values removed {sorted(lost)}")
        old_props = old_obj.get("properties", {})
        new_props = new_obj.get("properties", {})
        for prop, spec in old_props.items():
            if prop not in new_props:
                problems.append(f"{where}.{prop}: field removed")
            elif _type_of(spec) != _type_of(new_props[prop]):
                problems.append(f"{where}.{prop}: type changed")
        added_required = set(new_obj.get("required", [])) - set(old_obj.get("required", []))
        if added_required:
            problems.append(f"{where}: newly required {sorted(added_required)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """`python -m sitrep_schemas._jsonschema [--check] [--dir DIR]`."""
    parser = argparse.ArgumentParser(description="Write or check the committed JSON Schemas.")
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    parser.add_argument("--dir", type=Path, default=DEFAULT_SCHEMA_DIR)
    args = parser.parse_args(argv)
    failed = False
    for filename, schema in generated_schemas().items():
        path: Path = args.dir / filename
        text = json.dumps(schema, indent=2, sort_keys=True) + "\n"
        if path.exists():
            committed = json.loads(path.read_text(encoding="utf-8"))
            problems = compatibility_problems(committed, schema)
            if problems:
                failed = True
                print(f"{filename}: incompatible change; bump schema_version and add an upcaster:")
                for problem in problems:
                    print(f"  - {problem}")
                continue
            if path.read_text(encoding="utf-8") == text:
                continue
        if args.check:
            failed = True
            print(f"{filename}: out of date; run `python -m sitrep_schemas._jsonschema`")
        else:
            args.dir.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
