"""Score extracted records against gold annotations, as the guidelines' Scoring section defines.

Entity level, per field: a predicted entity matches a gold entity when its ``name``
equals a gold alias after ``fold`` (its own aliases do not count: an outside scorer reads
the name only, so the extractor must choose the right one); each gold entity is matched
at most once. Predictions matching nothing (required or optional)
are false positives; required gold entities left unmatched are false negatives.
Papers are paired by id when both records carry one, else by normalised title. Links are
compared as cleaned URLs.
Shared-benchmark pairs compare the sets of paper pairs that share a benchmark,
with benchmark identity from ``canonical.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from kg.extract.urls import clean_url
from kg.sources.ids import is_derived, source_id
from kg.stores.papers_jsonl import read_records
from kg.text import fold, normalize_text

FIELDS = ("proposed", "methods", "benchmarks", "links")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(slots=True)
class Score:
    """Counts for one field; precision/recall/F1 derived so they never disagree with the counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Miss:
    """One scoring error: a false positive (predicted, unmatched) or false negative (gold, missed)."""

    title: str
    field: str
    kind: str  # "FP" or "FN"
    name: str


@dataclass(slots=True)
class EvalReport:
    fields: dict[str, Score]
    pairs: Score
    papers_scored: int
    papers_missing: list[str] = field(default_factory=list)  # gold papers (title, else id) with no prediction
    papers_extra: int = 0  # predicted papers paired with no gold record (not scored)
    misses: list[Miss] = field(default_factory=list)

    @property
    def micro(self) -> Score:
        total = Score()
        for s in self.fields.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total


def title_key(title: str) -> str:
    """Alignment key for a paper title: normalised, case-folded, punctuation-insensitive."""
    return _NON_ALNUM.sub(" ", normalize_text(title).casefold()).strip()


def link_key(url: str) -> str:
    """Comparison key for a URL: the cleaned address, without a trailing slash."""
    return (clean_url(url) or url).rstrip("/")


def _record_ids(record: dict) -> list[str]:
    """The source ids a record carries (its ``id`` and ``ids``), namespaced like ``kg.sources``;
    ids kg derived from the text (``title:``, ``abstract:``) do not count."""
    raw = [record.get("id"), *(record.get("ids") or [])]
    found = (source_id(r) for r in raw if isinstance(r, str))
    return [i for i in dict.fromkeys(found) if i and not is_derived(i)]


def _label(record: dict) -> str:
    """How a paper is named in reports: its title, else its id."""
    return record.get("title") or str(record.get("id") or "?")


def pair_records(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[dict, dict | None]], int]:
    """(gold, prediction or None) per gold record, and how many predictions found no partner.

    A gold record pairs with the prediction carrying one of its ids; failing that (one of them
    has no id, or the ids differ), with the prediction of the same normalised title. Each
    prediction pairs at most once.
    """
    by_id: dict[str, int] = {}
    by_title: dict[str, int] = {}
    for n, record in enumerate(pred):
        for pid in _record_ids(record):
            by_id.setdefault(pid, n)
        if record.get("title"):
            by_title.setdefault(title_key(record["title"]), n)
    taken: set[int] = set()
    pairs: list[tuple[dict, dict | None]] = []
    for record in gold:
        found = next((by_id[i] for i in _record_ids(record) if by_id.get(i) not in (None, *taken)), None)
        if found is None and record.get("title"):
            n = by_title.get(title_key(record["title"]))
            found = n if n is not None and n not in taken else None
        if found is not None:
            taken.add(found)
        pairs.append((record, pred[found] if found is not None else None))
    return pairs, len(pred) - len(taken)


def _predicted_name(item: dict | str) -> str:
    """The one surface a prediction is judged by: its ``name`` (a bare string is its own name)."""
    return item if isinstance(item, str) else item.get("name") or ""


def _surfaces(item: dict | str) -> list[str]:
    if isinstance(item, str):
        return [item]
    names = [item.get("name") or ""]
    names += [a for a in item.get("aliases") or [] if a not in names]
    return [n for n in names if n]


def match_entities(
    predicted: list[dict | str], gold: list[dict | str], optional: Iterable[str] = ()
) -> tuple[list[int | None], list[bool], list[int]]:
    """Match predictions (by ``name`` only) to gold entities (by any alias).

    Returns, per prediction, the index of the gold entity it matched (or None), whether it
    was neutral (matched only an optional name), and the indices of unmatched gold entities.
    """
    gold_keys = [{fold(s) for s in _surfaces(g)} for g in gold]
    optional_keys = {fold(o) for o in optional}
    taken: set[int] = set()
    assigned: list[int | None] = []
    neutral: list[bool] = []
    for pred in predicted:
        key = fold(_predicted_name(pred))
        hit = next((i for i, gk in enumerate(gold_keys) if i not in taken and key in gk), None)
        if hit is not None:
            taken.add(hit)
        assigned.append(hit)
        neutral.append(hit is None and key in optional_keys)
    return assigned, neutral, [i for i in range(len(gold)) if i not in taken]


def _canonical_lookup(canonical_path: str | Path | None) -> dict[str, str]:
    if not canonical_path:
        return {}
    with open(canonical_path, encoding="utf-8") as fh:
        mapping = json.load(fh)
    return {fold(k): v for k, v in mapping.items()}


def benchmark_key(name: str, canonical: dict[str, str]) -> str:
    """Cross-paper identity of a benchmark name: its canonical name (if listed), folded."""
    return fold(canonical.get(fold(name), name))


def _pairs(keys_by_paper: dict[int, set[str]]) -> set[tuple[int, int]]:
    papers = sorted(keys_by_paper)
    return {(a, b) for a, b in combinations(papers, 2) if keys_by_paper[a] & keys_by_paper[b]}


def evaluate(
    gold_path: str | Path, pred_path: str | Path, canonical_path: str | Path | None = None
) -> EvalReport:
    """Score a predicted papers.jsonl against a gold jsonl (see the guidelines' Scoring section)."""
    gold = _distinct(read_records(gold_path))
    pairs, extra = pair_records(gold, list(read_records(pred_path)))
    canonical = _canonical_lookup(canonical_path)
    scores = {f: Score() for f in FIELDS}
    misses: list[Miss] = []
    gold_bench: dict[int, set[str]] = {}
    pred_bench: dict[int, set[str]] = {}
    missing = [_label(g) for g, p in pairs if p is None]

    for key, (g, found) in enumerate(pairs):
        p = found or {}
        title = _label(g)
        for name in FIELDS:
            if name == "links":
                gold_items: list = [link_key(u) for u in g.get("links") or []]
                gold_items = list(dict.fromkeys(gold_items))
                pred_items: list = list(dict.fromkeys(link_key(u) for u in p.get("links") or []))
                optional: list[str] = []
            else:
                gold_items, pred_items = g.get(name) or [], p.get(name) or []
                optional = g.get(f"{name}_optional") or []
            assigned, neutral, unmatched = match_entities(pred_items, gold_items, optional)
            score = scores[name]
            for item, hit, is_neutral in zip(pred_items, assigned, neutral, strict=True):
                if hit is not None:
                    score.tp += 1
                elif not is_neutral:
                    score.fp += 1
                    misses.append(Miss(title, name, "FP", _predicted_name(item)))
            for i in unmatched:
                score.fn += 1
                misses.append(Miss(title, name, "FN", _surfaces(gold_items[i])[0]))
            if name == "benchmarks":
                gold_bench[key] = {benchmark_key(_surfaces(b)[0], canonical) for b in gold_items}
                pred_bench[key] = {
                    benchmark_key(
                        _surfaces(gold_items[hit])[0] if hit is not None else _predicted_name(item), canonical
                    )
                    for item, hit, is_neutral in zip(pred_items, assigned, neutral, strict=True)
                    if not is_neutral
                }

    gold_pairs, pred_pairs = _pairs(gold_bench), _pairs(pred_bench)
    pair_score = Score(
        tp=len(gold_pairs & pred_pairs), fp=len(pred_pairs - gold_pairs), fn=len(gold_pairs - pred_pairs)
    )
    return EvalReport(
        fields=scores,
        pairs=pair_score,
        papers_scored=len(gold) - len(missing),
        papers_missing=missing,
        papers_extra=extra,
        misses=misses,
    )


def _distinct(records: Iterable[dict]) -> list[dict]:
    """Gold records, each paper once (the first record of an id, else of a title, wins)."""
    seen: set[str] = set()
    out = []
    for record in records:
        keys = _record_ids(record) or ([f"title {title_key(record['title'])}"] if record.get("title") else [])
        if keys and seen.intersection(keys):
            continue
        seen.update(keys)
        out.append(record)
    return out


def format_report(report: EvalReport) -> str:
    """A fixed-width table: TP/FP/FN/P/R/F1 per field, micro average and shared-benchmark pairs."""
    lines = [f"{'field':<18}{'TP':>6}{'FP':>6}{'FN':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    rows = [*report.fields.items(), ("micro", report.micro), ("benchmark pairs", report.pairs)]
    for name, s in rows:
        lines.append(f"{name:<18}{s.tp:>6}{s.fp:>6}{s.fn:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    lines.append(
        f"papers scored: {report.papers_scored}, gold papers with no prediction: "
        f"{len(report.papers_missing)}, predictions with no gold paper: {report.papers_extra}"
    )
    return "\n".join(lines)


def format_misses(report: EvalReport, fields: Iterable[str] = FIELDS) -> str:
    """Every false positive and false negative, grouped by paper, for reading misses one by one."""
    wanted = set(fields)
    lines: list[str] = []
    current = None
    for miss in report.misses:
        if miss.field not in wanted:
            continue
        if miss.title != current:
            current = miss.title
            lines.append(f"## {miss.title}")
        lines.append(f"  {miss.field:<11}{miss.kind}  {miss.name}")
    return "\n".join(lines)
