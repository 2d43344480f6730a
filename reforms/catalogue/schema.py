"""JSON Schemas generated from the record models, for editors' IDEs (VS Code's YAML extension).

The files under ``schemas/`` are generated: ``python build.py schema`` rewrites them, and a test
fails when they drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from reforms.catalogue.model import Department, Dismissal, Document, Measure, Reform, SynonymGroup, Theme

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def list_schema(model: type[BaseModel], key: str) -> dict:
    item = model.model_json_schema()
    definitions = item.pop("$defs", {})
    return {
        "title": f"{item.get('title', model.__name__)} list",
        "type": "object",
        "properties": {key: {"type": "array", "items": item}},
        "required": [key],
        "additionalProperties": False,
        **({"$defs": definitions} if definitions else {}),
    }


def schemas() -> dict[str, dict]:
    return {
        "document.schema.json": Document.model_json_schema(),
        "measure.schema.json": Measure.model_json_schema(),
        "departments.schema.json": list_schema(Department, "departments"),
        "reform.schema.json": Reform.model_json_schema(),
        "themes.schema.json": list_schema(Theme, "themes"),
        "dismissed.schema.json": list_schema(Dismissal, "dismissed"),
        "synonyms.schema.json": list_schema(SynonymGroup, "synonyms"),
    }


def schema_text(schema: dict) -> str:
    return json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}, ensure_ascii=False, indent=2) + "\n"


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = target / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written
