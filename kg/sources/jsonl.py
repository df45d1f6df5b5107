"""JSON Lines (one object per line), including the arXiv metadata snapshot; and JSON arrays.

Each line is decoded on its own, so a bad line is skipped with its number and the
file streams in constant memory. Whether a record is a snapshot record is decided
by its keys, per record, so mixed files work too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from kg.records import Paper
from kg.sources.arxiv_snapshot import is_snapshot_record, snapshot_paper
from kg.sources.fields import Skip, kept, paper_from_record
from kg.sources.textio import Lines


def read_jsonl(lines: Lines, source: str, skip: Skip) -> Iterator[Paper]:
    """Papers from JSON Lines; a file whose first character is ``[`` is read as one JSON array."""
    first = True
    for number, text in lines:
        stripped = text.strip()
        if not stripped:
            continue
        if first and stripped.startswith("["):
            yield from _read_array(number, text, lines, source, skip)
            return
        first = False
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError as exc:
            skip(number, f"bad JSON: {exc.msg} (column {exc.colno})")
            continue
        if (paper := kept(_paper(record, source, number), number, skip)) is not None:
            yield paper


def _paper(record: object, source: str, line: int) -> Paper | str:
    if not isinstance(record, Mapping):
        return f"JSON {type(record).__name__} is not an object"
    if is_snapshot_record(record):
        return snapshot_paper(record, source, line)
    return paper_from_record(record, source, line)


def _read_array(first: int, head: str, rest: Lines, source: str, skip: Skip) -> Iterator[Paper]:
    """A ``.json`` holding ``[{...}, {...}]``: small files, so it is read whole; lines come from offsets."""
    text = "\n".join([head, *(t for _, t in rest)])
    decoder = json.JSONDecoder()
    position = counted = text.index("[") + 1
    line = first
    while True:
        start = _skip_space(text, position)
        if start >= len(text) or text[start] == "]":
            return
        line, counted = line + text.count("\n", counted, start), start
        try:
            record, position = decoder.raw_decode(text, start)
        except json.JSONDecodeError as exc:
            skip(exc.lineno + first - 1, f"bad JSON: {exc.msg}; rest of the array not read")
            return
        if (paper := kept(_paper(record, source, line), line, skip)) is not None:
            yield paper
        position = _skip_space(text, position)
        if text.startswith(",", position):
            position += 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
