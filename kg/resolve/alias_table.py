"""The distinct-alias table: everything global resolution needs of a corpus, aggregated.

``kg.resolve.resolve`` reads of a mention only its kind, name, aliases and long form
(plus the paper id, for ``Entity.papers``, and the order mentions arrive in, for
display-name ties). So the corpus can be reduced to one row per distinct
``(kind, name, aliases, long_form)`` with a count and the position of its first
occurrence - a table bounded by distinct surface forms, not by text - and resolved
from that. Spark builds the table with an aggregation and the driver resolves it;
the local streaming build can do the same.

The rules are not re-implemented: ``kg.resolve.resolve`` itself runs over a replay of the
table (see ``_Replay``). tests/test_spark_alias_table.py checks the result equals
``resolve`` over the full corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.records import Entity, Extraction, Mention, Paper
from kg.resolve import resolve

AliasKey = tuple[str, str, tuple[str, ...], str | None]  # (kind, name, aliases, long_form)


def alias_key(mention: Mention) -> AliasKey:
    """What resolution reads of one mention."""
    return (mention.kind, mention.name, tuple(mention.aliases), mention.long_form)


@dataclass(slots=True)
class AliasRow:
    """One distinct alias key: how many mentions have it, where the first is, in which papers."""

    key: AliasKey
    count: int
    first: tuple  # any sortable position of the first occurrence, e.g. (file, line, mention index)
    papers: frozenset[str] = frozenset()


@dataclass(slots=True)
class TableResolution:
    """Canonical id per alias key (None when the mention has no usable name), and the entities."""

    ids: dict[AliasKey, str | None]
    entities: dict[str, Entity] = field(default_factory=dict)


class _Replay:
    """A re-iterable stand-in for the corpus: each alias row replayed ``count`` times, in first order.

    ``resolve`` only reads a mention's kind, name, aliases and long form, the paper id, and
    the order of first occurrences; replaying rows sorted by first position reproduces all
    of them, so the real ``resolve`` runs unchanged while memory holds one skeleton per row.
    It writes each id onto the skeleton's mention, where ``resolve_table`` reads it back.
    """

    def __init__(self, rows: list[AliasRow]):
        self.rows = rows
        self.skeletons = [_skeleton(row) for row in rows]

    def __iter__(self) -> Iterator[Extraction]:
        for row, (_, per_paper) in zip(self.rows, self.skeletons, strict=True):
            # one Mention object shared by every replayed extraction of the row
            for i in range(row.count):
                yield per_paper[min(i, len(per_paper) - 1)]

    def __len__(self) -> int:
        return sum(row.count for row in self.rows)


def _skeleton(row: AliasRow) -> tuple[Mention, list[Extraction]]:
    kind, name, aliases, long_form = row.key
    mention = Mention(name=name, aliases=list(aliases), kind=kind, long_form=long_form)  # type: ignore[arg-type]
    lists = {"methods": [mention]} if kind == "method" else {"benchmarks": [mention]}
    papers = sorted(row.papers) or [""]
    return mention, [Extraction(paper=Paper(pid, "", "", "", 0), **lists) for pid in papers]


def resolve_table(rows: Iterable[AliasRow], vocab: Any = None) -> TableResolution:
    """``kg.resolve.resolve`` over an aggregated alias table: same ids, names, aliases, long forms.

    ``Entity.papers`` holds the rows' ``papers`` (empty when the table was built without them).
    """
    replay = _Replay(sorted(rows, key=lambda r: r.first))
    resolution = resolve(replay, vocab)  # type: ignore[arg-type]
    ids = {row.key: mention.id for row, (mention, _) in zip(replay.rows, replay.skeletons, strict=True)}
    entities = resolution.entities
    for entity in entities.values():
        entity.papers.discard("")
    return TableResolution(ids=ids, entities=entities)
