"""What store operations return, and how a query answer prints (table, JSON or CSV).

Both stores hand back plain Python values (nodes and relationships as dicts), so the
printing and the tests do not depend on which driver produced them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

FORMATS = ("table", "json", "csv")


@dataclass(slots=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(slots=True)
class LoadStats:
    """What a load did; ``*_created`` are 0 when the data was already there."""

    rows: int = 0
    batches: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)  # label / rel type -> total in the store

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        totals = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        return (
            f"{self.rows} rows in {self.batches} batches, {self.seconds:.2f}s "
            f"({self.rows_per_second:,.0f} rows/s): {self.nodes_created} nodes and "
            f"{self.relationships_created} relationships created; store now holds {totals or 'nothing'}"
        )


def render(result: QueryResult, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_cell(value, csv_mode=True) for value in row] for row in result.rows])
        return buffer.getvalue().rstrip("\n")
    if fmt == "table":
        return render_table(result)
    raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")


def render_table(result: QueryResult, max_width: int = 60) -> str:
    """A fixed-width table that fits a terminal: long cells are cut with an ellipsis."""
    cells = [[_clip(_cell(value), max_width) for value in row] for row in result.rows]
    widths = [len(name) for name in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "+".join("-" * (w + 2) for w in widths)
    out = [_row(result.columns, widths), line]
    out += [_row(row, widths) for row in cells]
    noun = "row" if len(cells) == 1 else "rows"
    out.append(f"({len(cells)} {noun})")
    return "\n".join(out)


def _row(values: list[str], widths: list[int]) -> str:
    return "|".join(f" {v.ljust(w)} " for v, w in zip(values, widths, strict=True)).rstrip()


def _cell(value: Any, csv_mode: bool = False) -> str:
    if value is None:
        return "" if csv_mode else "null"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
