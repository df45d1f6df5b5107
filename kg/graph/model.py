"""The ``schema/`` folder and its ``model.json``, located and parsed in one place.

Graph building, both stores, the Cypher library and the linter all read the model
through here, so one ``$KG_SCHEMA_DIR`` override moves every one of them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import kg

SCHEMA_DIR_ENV = "KG_SCHEMA_DIR"


# Resolved once: graph_model() runs per paper in build_graph, and resolve() costs syscalls.
_PACKAGE_SCHEMA_DIR = Path(kg.__file__).resolve().parent.parent / "schema"


def schema_dir() -> Path:
    """``$KG_SCHEMA_DIR``, else the ``schema/`` folder beside the ``kg`` package."""
    override = os.environ.get(SCHEMA_DIR_ENV)
    return Path(override) if override else _PACKAGE_SCHEMA_DIR


def model_path() -> Path:
    return schema_dir() / "model.json"


def queries_dir() -> Path:
    """The named Cypher query library, ``schema/queries/*.cypher``."""
    return schema_dir() / "queries"


@dataclass(frozen=True, slots=True)
class GraphModel:
    """Labels with their typed properties, relationship types with their endpoints."""

    node_properties: dict[str, dict[str, str]]  # label -> property -> type
    endpoints: dict[str, tuple[str, tuple[str, ...]]]  # rel type -> (from label, to labels)
    relationship_properties: dict[str, str]

    @property
    def labels(self) -> list[str]:
        return list(self.node_properties)

    @property
    def relationship_types(self) -> list[str]:
        return list(self.endpoints)

    @property
    def property_keys(self) -> list[str]:
        keys = {k for props in self.node_properties.values() for k in props}
        return sorted(keys | set(self.relationship_properties))

    def paths(self) -> list[tuple[str, str, str]]:
        """Every allowed (from label, rel type, to label)."""
        return [(src, rel, dst) for rel, (src, dsts) in self.endpoints.items() for dst in dsts]


def graph_model(path: Path | None = None) -> GraphModel:
    """The model at ``path`` (default ``model_path()``), parsed once per file."""
    if path is None:
        return _default_model(os.environ.get(SCHEMA_DIR_ENV))
    return _parse(path)


@cache
def _default_model(override: str | None) -> GraphModel:
    # Keyed on the environment override, not a Path: graph_model() runs several times per paper
    # when rows are rendered, and building and hashing the Path cost more than the rest of the call.
    return _parse(model_path())


@cache
def _parse(path: Path) -> GraphModel:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return GraphModel(
        node_properties={label: dict(spec["properties"]) for label, spec in raw["nodes"].items()},
        endpoints={rel: (spec["from"], tuple(spec["to"])) for rel, spec in raw["relationships"].items()},
        relationship_properties=dict(raw["relationship_properties"]),
    )
