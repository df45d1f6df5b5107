"""Per-paper extraction records as JSON Lines: the gold format plus ids, evidence and provenance.

One line per paper, so a partial file is still usable and records diff line by line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from kg.records import Evidence, Extraction, Mention, SkippedRecord


def _evidence(items: list[Evidence]) -> list[dict]:
    return [asdict(e) for e in items]


def _mention(m: Mention, with_type: bool = False) -> dict:
    out: dict = {"name": m.name, "aliases": list(m.aliases)}
    if with_type:
        out["type"] = m.kind
    out["id"] = m.id
    if m.long_form:
        out["long_form"] = m.long_form
    out["evidence"] = _evidence(m.evidence)
    return out


def to_record(ex: Extraction) -> dict:
    """The JSON-ready record of one paper's extraction."""
    paper = ex.paper
    return {
        "id": paper.id,
        "ids": list(paper.ids),
        "name": paper.name,
        "title": paper.title,
        "date": paper.date,
        "url": paper.url,
        "source": f"{paper.source}:{paper.line}",
        "proposed": [_mention(m, with_type=True) for m in ex.proposed],
        "methods": [_mention(m) for m in ex.methods],
        "benchmarks": [_mention(m) for m in ex.benchmarks],
        "links": [link.url for link in ex.links],
        "link_details": [
            {"url": link.url, "kind": link.kind, "id": link.id, "evidence": _evidence(link.evidence)}
            for link in ex.links
        ],
    }


def write_papers_jsonl(extractions: Iterable[Extraction], path: str | Path) -> int:
    """Write one record per extraction; returns the number of records written."""
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for ex in extractions:
            fh.write(json.dumps(to_record(ex), ensure_ascii=False) + "\n")
            count += 1
    return count


def read_records(path: str | Path, skipped: list[SkippedRecord] | None = None) -> Iterator[dict]:
    """Yield each record of a papers.jsonl file.

    A malformed line raises ``ValueError`` naming file and line, unless a ``skipped`` list is
    given: then it is recorded there and reading goes on, keeping every good record.
    """
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not (
                    isinstance(record.get("title"), str) or isinstance(record.get("id"), str)
                ):
                    raise ValueError("record is not an object with an 'id' or a 'title'")
            except ValueError as exc:
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                if skipped is None:
                    raise ValueError(f"{path}:{lineno}: {reason}") from exc
                skipped.append(SkippedRecord(str(path), lineno, reason))
                continue
            yield record
