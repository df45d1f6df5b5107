"""The distinct-alias table: everything global resolution needs of a corpus, aggregated.

``kg.resolve.resolve`` reads of a mention only its kind, name, aliases and long form
(plus the paper id, for ``Entity.papers``, and the order mentions arrive in, for
display-name ties). So the corpus can be reduced to one row per distinct
``(kind, name, aliases, long_form)`` with a count and the position of its first
occurrence - a table bounded by distinct surface forms, not by text - and resolved
from that. Spark builds the table with an aggregation and the driver resolves it;
the local streaming build can do the same.

The rules are not re-implemented: each row, in first-position order, is one
``Occurrence`` (a mention standing for ``count`` mentions) of the same
``resolve_occurrences`` that ``resolve`` runs. tests/test_spark_alias_table.py checks
the result equals ``resolve`` over the full corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.records import Entity, Mention
from kg.resolve.resolver import AliasKey, Occurrence, alias_key, gc_paused, resolve_occurrences

__all__ = ["AliasKey", "AliasRow", "TableResolution", "alias_key", "resolve_table"]


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


def _occurrence(row: AliasRow) -> Occurrence:
    kind, name, aliases, long_form = row.key
    mention = Mention(name=name, aliases=list(aliases), kind=kind, long_form=long_form)  # type: ignore[arg-type]
    papers = row.papers
    if len(papers) > row.count:  # not from a real corpus; as resolving mention by mention: one paper each
        papers = frozenset(sorted(papers)[: row.count])
    return Occurrence(mention, row.count, papers)


def resolve_table(rows: Iterable[AliasRow], vocab: Any = None) -> TableResolution:
    """``kg.resolve.resolve`` over an aggregated alias table: same ids, names, aliases, long forms.

    ``Entity.papers`` holds the rows' ``papers`` (empty when the table was built without them).
    A row with no mentions (``count`` 0) takes no part and gets no id.
    """
    with gc_paused():  # see gc_paused: the per-row mentions built here are as many objects again
        ordered = sorted(rows, key=lambda r: r.first)
        ids: dict[AliasKey, str | None] = {row.key: None for row in ordered}
        counted = [row for row in ordered if row.count > 0]
        occurrences = [_occurrence(row) for row in counted]
        entities = resolve_occurrences(occurrences, vocab)
        for row, occurrence in zip(counted, occurrences, strict=True):
            ids[row.key] = occurrence.mention.id
    return TableResolution(ids=ids, entities=entities)
