"""CSV with a header row: ``abstract`` and optional ``title``, ``id``, ``url``, ``date``, ``authors``.

Column names are matched case-insensitively with the aliases in ``fields.ALIASES``.
``authors`` is one cell: split on ``;`` when it has one, else on ``,`` / ``and``.
Quoted cells may span lines; a record's line is the line where its row starts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from kg.records import Paper
from kg.sources.fields import ALIASES, Skip, kept, paper_from_record
from kg.sources.textio import Lines


def read_csv(lines: Lines, source: str, skip: Skip) -> Iterator[Paper]:
    """Papers from CSV rows; a header without an abstract column skips the whole file."""
    texts = (text for _, text in lines)
    rows = csv.reader(texts)
    start = 1
    try:
        header = next(rows, None)
        if header is None:
            return
        header = [h.strip().lower() for h in header]
        if not set(ALIASES["abstract"]) & set(header):
            skip(1, "CSV header has no abstract column; file not read")
            return
        start = rows.line_num + 1
        for row in rows:
            if any(cell.strip() for cell in row):
                if len(row) > len(header):
                    skip(start, f"CSV row has {len(row)} cells, header has {len(header)}")
                else:
                    paper = paper_from_record(dict(zip(header, row, strict=False)), source, start)
                    if kept(paper, start, skip, "CSV row: ") is not None:
                        yield paper
            start = rows.line_num + 1
    except csv.Error as exc:
        skip(start, f"CSV syntax error: {exc}; rest of the file not read")
