"""Score extracted records against gold annotations, as the guidelines' Scoring section defines.

Entity level, per field: a predicted entity matches a gold entity when its ``name``
equals a gold alias after ``fold`` (its own aliases do not count: an outside scorer reads
the name only, so the extractor must choose the right one); each gold entity is matched
at most once. Predictions matching nothing (required or optional)
are false positives; required gold entities left unmatched are false negatives.
Papers are aligned by normalised title. Links are compared as cleaned URLs.
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
    papers_missing: list[str] = field(default_factory=list)  # gold titles with no prediction
    papers_extra: int = 0  # predicted papers not in gold (not scored)
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


def _by_title(records: Iterable[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for record in records:
        out.setdefault(title_key(record["title"]), record)
    return out


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


def _pairs(keys_by_paper: dict[str, set[str]]) -> set[tuple[str, str]]:
    papers = sorted(keys_by_paper)
    return {(a, b) for a, b in combinations(papers, 2) if keys_by_paper[a] & keys_by_paper[b]}


def evaluate(
    gold_path: str | Path, pred_path: str | Path, canonical_path: str | Path | None = None
) -> EvalReport:
    """Score a predicted papers.jsonl against a gold jsonl (see the guidelines' Scoring section)."""
    gold = _by_title(read_records(gold_path))
    pred = _by_title(read_records(pred_path))
    canonical = _canonical_lookup(canonical_path)
    scores = {f: Score() for f in FIELDS}
    misses: list[Miss] = []
    gold_bench: dict[str, set[str]] = {}
    pred_bench: dict[str, set[str]] = {}
    missing = [g["title"] for k, g in gold.items() if k not in pred]

    for key, g in gold.items():
        p = pred.get(key, {})
        title = g["title"]
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
    pairs = Score(
        tp=len(gold_pairs & pred_pairs), fp=len(pred_pairs - gold_pairs), fn=len(gold_pairs - pred_pairs)
    )
    return EvalReport(
        fields=scores,
        pairs=pairs,
        papers_scored=len(gold) - len(missing),
        papers_missing=missing,
        papers_extra=sum(1 for k in pred if k not in gold),
        misses=misses,
    )


def format_report(report: EvalReport) -> str:
    """A fixed-width table: TP/FP/FN/P/R/F1 per field, micro average and shared-benchmark pairs."""
    lines = [f"{'field':<18}{'TP':>6}{'FP':>6}{'FN':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    rows = [*report.fields.items(), ("micro", report.micro), ("benchmark pairs", report.pairs)]
    for name, s in rows:
        lines.append(f"{name:<18}{s.tp:>6}{s.fp:>6}{s.fn:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    lines.append(
        f"papers scored: {report.papers_scored}, missing: {len(report.papers_missing)}, "
        f"not in gold: {report.papers_extra}"
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
