"""``schema/model.json`` read once: the labels, properties and relationship types a graph may hold."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import kg

SCHEMA_DIR_ENV = "KG_SCHEMA_DIR"  # the same override kg.stores.load_plan honours


def model_path() -> Path:
    """``schema/model.json`` beside the package (or in ``$KG_SCHEMA_DIR``)."""
    override = os.environ.get(SCHEMA_DIR_ENV)
    return (
        Path(override) if override else Path(kg.__file__).resolve().parent.parent / "schema"
    ) / "model.json"


@dataclass(frozen=True, slots=True)
class Model:
    nodes: dict[str, dict[str, str]]  # label -> property -> type
    relationships: dict[str, tuple[str, tuple[str, ...]]]  # type -> (from label, to labels)
    relationship_properties: dict[str, str]


@cache
def load_model(path: Path | None = None) -> Model:
    raw = json.loads((path or model_path()).read_text(encoding="utf-8"))
    return Model(
        nodes={label: dict(spec["properties"]) for label, spec in raw["nodes"].items()},
        relationships={rel: (spec["from"], tuple(spec["to"])) for rel, spec in raw["relationships"].items()},
        relationship_properties=dict(raw["relationship_properties"]),
    )
