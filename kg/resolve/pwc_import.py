"""Import Papers with Code dumps into a user vocabulary (the backend of ``kg vocab import``).

The archive's names are noisy: benchmark columns carry split and setting suffixes
("COCO test-dev", "CIFAR-100, 40% Symmetric Noise"), and some entries are paper
titles, sentences or spam. Every name goes through ``clean_benchmark_name`` /
``clean_method_name``, which either returns a usable name or a drop reason, so the
report can say exactly what was filtered and why.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kg.resolve.vocabulary import (
    BENCHMARKS_FILE,
    METHODS_FILE,
    PACKAGE_VOCAB_DIR,
    VocabEntry,
    VocabKind,
    Vocabulary,
    load_vocabulary,
    load_vocabulary_from,
    read_entries,
    user_vocab_dir,
)
from kg.text import fold, normalize_text

MAX_WORDS = 6
MAX_CHARS = 60

# Trailing split / setting qualifiers: "COCO test-dev", "BDD100K val", "VisDrone- 1% labeled data".
_SPLIT_WORDS = (
    r"val|valid|validation|test|tests|testing|test-dev|test-std|test-standard|test-challenge|testfinal|"
    r"dev|development|train|training|minival|trainval|eval|evaluation|holdout|held-out|"
    r"in-domain|out-domain|out-of-domain|near-domain|overall|full|entire|all|public|private|"
    r"leaderboard|subset|set|seen|unseen|clean|other|easy|medium|hard|zero-shot|few-shot"
)
_LANGUAGES = (
    "english|german|french|spanish|chinese|japanese|korean|russian|romanian|czech|finnish|turkish|"
    "arabic|hindi|italian|portuguese|dutch|vietnamese|estonian|latvian|lithuanian|kazakh|gujarati"
)
_LANG_CODES = "en|de|fr|es|zh|ja|ko|ru|ro|cs|fi|tr|ar|hi|it|pt|nl|vi|et|lv|lt|kk|gu|ta|si|ne|km|ps|uk|pl"
_SUFFIXES = [
    re.compile(r"\s+\S+\s+split$", re.IGNORECASE),  # "KITTI Eigen split"
    re.compile(rf"\s+(?:{_SPLIT_WORDS})$", re.IGNORECASE),
    re.compile(r"[\-_](?:val|test|dev|train|minival|trainval|test-dev|test-std)$", re.IGNORECASE),
    re.compile(r"[\s\-_]*\d+(?:\.\d+)?\s*%(?:\s+\w+){0,3}$"),  # "1% labeled data", "40% noise"
    re.compile(r"[\s\-_]+\d+\s*[-_]?shot$", re.IGNORECASE),  # "5-shot"
    re.compile(r"\s+\d{2,4}\s*[x×]\s*\d{2,4}$"),  # "256x256", "512 x 384"
    re.compile(r"\s*\([^()]*\)$"),  # "(Unseen)", "(tr->en)"
    re.compile(rf"\s+(?:{_LANG_CODES})\s*(?:-|->|→|2)\s*(?:{_LANG_CODES})$", re.IGNORECASE),  # "En-De"
    re.compile(rf"\s+(?:{_LANGUAGES})\s*(?:-|->|→|to)\s*(?:{_LANGUAGES})$", re.IGNORECASE),
    re.compile(r"[\s\-_,;:/]+$"),
]
_BAD_CHARS = re.compile(r"\[\[|\]\]|//|https?:|www\.|@|\?|!{2,}|\|")
_NUMERIC = re.compile(r"^[\d\s.,%+\-/x×:]+$")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "of",
        "for",
        "with",
        "on",
        "in",
        "and",
        "to",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "how",
        "what",
        "why",
        "do",
        "we",
        "our",
    ]
)
_GENERIC_WORDS = frozenset(
    [
        "dataset",
        "datasets",
        "data",
        "benchmark",
        "benchmarks",
        "corpus",
        "corpora",
        "images",
        "image",
        "videos",
        "video",
        "texts",
        "text",
        "audio",
        "speech",
        "set",
        "sets",
        "collection",
        "dim",
        "dimension",
        "size",
        "subset",
        "split",
        "version",
        "v",
        "task",
        "tasks",
        "sample",
        "samples",
        "default",
        "standard",
        "general",
        "other",
        "others",
        "custom",
        "synthetic",
        "real",
        "unknown",
        "none",
        "null",
        "n/a",
        "na",
    ]
)
_PWC_MODALITY = {
    "images": "vision",
    "image": "vision",
    "texts": "text",
    "text": "text",
    "videos": "video",
    "video": "video",
    "audio": "audio",
    "speech": "speech",
    "music": "audio",
    "graphs": "graph",
    "graph": "graph",
    "tabular": "tabular",
    "time series": "time-series",
    "3d": "3d",
    "point cloud": "3d",
    "3d meshes": "3d",
    "rgb-d": "3d",
    "medical": "medical",
    "biomedical": "medical",
}


class PwcImportError(ValueError):
    """An input file that cannot be read at all; the message names the file (and line when known)."""


@dataclass
class ImportReport:
    """What an import read, kept and dropped (by reason), and where it wrote."""

    read: int = 0
    kept: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    benchmarks: int = 0  # kept benchmark entries (new or adding aliases)
    methods: int = 0
    written: list[Path] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)  # a few dropped names per reason

    def drop(self, reason: str, name: str) -> None:
        self.dropped[reason] += 1
        shown = self.examples.setdefault(reason, [])
        name = normalize_text(name)
        if len(shown) < 5 and name not in shown:
            shown.append(name)

    def summary(self) -> str:
        reasons = ", ".join(f"{r} {n}" for r, n in self.dropped.most_common()) or "none"
        return (
            f"read {self.read}, kept {self.kept} ({self.benchmarks} benchmarks, {self.methods} methods), "
            f"dropped {sum(self.dropped.values())} ({reasons})"
        )


@dataclass
class _Candidate:
    kind: VocabKind
    name: str
    aliases: list[str]
    modality: str | None = None
    task: str | None = None
    case_sensitive: bool | None = None  # None: decide from the name

    def __post_init__(self) -> None:
        # "Flowers", "Shifts", "spider": a one-word name that may be a plain word only
        # matches as written, or it would fire on ordinary prose.
        if self.case_sensitive is None:
            self.case_sensitive = self.name.isalpha() and self.name[1:] == self.name[1:].lower()


def import_pwc(paths: Sequence[Path], into: Path | None = None) -> ImportReport:
    """Read PwC ``datasets.json``, ``methods.json`` and tasks/datasets CSV files into ``into``.

    ``into`` defaults to ``user_vocab_dir()``. Entries merge with the
    ``benchmarks.jsonl`` / ``methods.jsonl`` already there; names the bundled or
    existing vocabulary already covers are dropped as ``already_known``, so
    importing the same files twice changes nothing.
    """
    into = Path(into) if into is not None else user_vocab_dir()
    report = ImportReport()
    candidates: list[_Candidate] = []
    for path in paths:
        for raw_kind, record in _records(Path(path)):
            report.read += 1
            cand, reason = _candidate(raw_kind, record)
            if cand is None:
                report.drop(reason, str(record.get("name", "")) if isinstance(record, dict) else "")
            else:
                candidates.append(cand)

    known = load_vocabulary_from([PACKAGE_VOCAB_DIR, into])
    existing = {
        "benchmark": _read_existing(into / BENCHMARKS_FILE, "benchmark"),
        "method": _read_existing(into / METHODS_FILE, "method"),
    }
    added: dict[str, dict[str, _Candidate]] = {"benchmark": {}, "method": {}}
    for cand in candidates:
        status = _merge(cand, known, existing[cand.kind], added[cand.kind])
        if status == "kept":
            report.kept += 1
            if cand.kind == "benchmark":
                report.benchmarks += 1
            else:
                report.methods += 1
        else:
            report.drop(status, cand.name)

    into.mkdir(parents=True, exist_ok=True)
    for kind, filename in (("benchmark", BENCHMARKS_FILE), ("method", METHODS_FILE)):
        if added[kind] or existing[kind]:
            rows = list(existing[kind].values()) + list(added[kind].values())
            target = into / filename
            if _write_jsonl(target, rows):
                report.written.append(target)
    return report


# --- reading -------------------------------------------------------------------------


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8", newline="")


def _records(path: Path) -> Iterator[tuple[str, Any]]:
    """(raw kind, record) pairs: raw kind is "dataset", "method" or "csv"."""
    if not path.is_file():
        raise PwcImportError(f"{path}: no such file")
    name = path.name.lower()
    if ".csv" in name:
        yield from (("csv", row) for row in _csv_rows(path))
        return
    try:
        with _open(path) as fh:
            data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise PwcImportError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    except UnicodeDecodeError as exc:
        raise PwcImportError(f"{path}: not UTF-8 text ({exc.reason})") from None
    if not isinstance(data, list):
        raise PwcImportError(f"{path}:1: expected a JSON list of records, got {type(data).__name__}")
    kind = _json_kind(path, data)
    yield from ((kind, rec) for rec in data)


def _json_kind(path: Path, data: list[Any]) -> str:
    name = path.name.lower()
    if "method" in name:
        return "method"
    if "dataset" in name:
        return "dataset"
    first = next((r for r in data if isinstance(r, dict)), {})
    if "collections" in first or "num_papers" in first:
        return "method"
    if "variants" in first or "modalities" in first:
        return "dataset"
    raise PwcImportError(f"{path}: cannot tell whether it holds PwC datasets or methods")


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """One pseudo-record per ``;``-separated name in the dataset/benchmark columns."""
    with _open(path) as fh:
        reader = csv.DictReader(fh)
        cols = [
            c
            for c in reader.fieldnames or ()
            if ("dataset" in c.lower() or "benchmark" in c.lower()) and "count" not in c.lower()
        ]
        if not cols or "Task Name" not in (reader.fieldnames or ()):
            raise PwcImportError(f"{path}:1: expected columns 'Task Name' and dataset/benchmark lists")
        for row in reader:
            for col in cols:
                for name in (row.get(col) or "").split(";"):
                    if name.strip():
                        yield {
                            "name": name,
                            "category": row.get("Category") or "",
                            "task": row.get("Task Name") or "",
                        }


def _read_existing(path: Path, kind: VocabKind) -> dict[str, VocabEntry]:
    if not path.is_file():
        return {}
    return {fold(entry.name): entry for entry, _ in read_entries(path, kind)}


# --- cleaning --------------------------------------------------------------------------


def _candidate(raw_kind: str, record: Any) -> tuple[_Candidate | None, str]:
    if not isinstance(record, dict) or not isinstance(record.get("name"), str):
        return None, "malformed"
    if raw_kind == "method":
        name, reason = clean_method_name(record["name"])
        if name is None:
            return None, reason
        aliases = [a for a in [clean_method_name(str(record.get("full_name") or ""))[0]] if a]
        return _Candidate("method", name, aliases), ""
    name, reason = clean_benchmark_name(record["name"])
    if name is None:
        return None, reason
    if raw_kind == "csv":
        task = normalize_text(record.get("task", "")).lower() or None
        # The CSV's Category belongs to the task, not the dataset ("Domain Adaptation" is
        # filed under NLP), so it is too unreliable to give a dataset its modality.
        return _Candidate("benchmark", name, _short_form(name), None, task), ""
    variants = record.get("variants") if isinstance(record.get("variants"), list) else []
    aliases = [clean_benchmark_name(str(v))[0] for v in [record.get("full_name") or "", *variants]]
    aliases = [a for a in aliases if a] + _short_form(name)
    return _Candidate("benchmark", name, aliases, *_dataset_modality_task(record)), ""


def clean_benchmark_name(raw: str) -> tuple[str | None, str]:
    """A dataset name without split/setting suffixes, or (None, reason) for junk."""
    name = normalize_text(raw)
    if not name:
        return None, "empty"
    if _BAD_CHARS.search(name):
        return None, "junk_characters"
    head, sep, _ = name.partition(": ")
    if sep:  # "MUSES: MUlti-SEnsor ..." names MUSES; "Benchmarking X: ..." is a title
        if len(head.split()) > 2 or head[1:] == head[1:].lower():
            return None, "sentence"
        name = head
    name = name.split(", ", 1)[0]  # "CIFAR-100, 40% Symmetric Noise"
    name = re.split(r"\s+-\s+", name, maxsplit=1)[0]  # "Mini-ImageNet - 1-Shot Learning"
    name = _strip_suffixes(name)
    return _check(name)


def clean_method_name(raw: str) -> tuple[str | None, str]:
    """A method name as given, or (None, reason) when it is junk, a sentence or generic."""
    name = normalize_text(raw)
    if not name:
        return None, "empty"
    if _BAD_CHARS.search(name) or name.count("(") != name.count(")") or "+ " in name:
        return None, "junk_characters"
    if ": " in name:
        return None, "sentence"
    return _check(name)


def _strip_suffixes(name: str) -> str:
    changed = True
    while changed:
        changed = False
        for pattern in _SUFFIXES:
            stripped = pattern.sub("", name).strip()
            if stripped and stripped != name:
                name, changed = stripped, True
    return name


def _check(name: str) -> tuple[str | None, str]:
    words = name.split()
    lower = [w.lower() for w in words]
    if _NUMERIC.match(name):
        return None, "number"
    if len(words) > MAX_WORDS or len(name) > MAX_CHARS:
        return None, "too_long"
    if lower[0] in {"a", "an"} or "et al" in name.lower() or name.endswith("."):
        return None, "sentence"
    if (
        len(words) >= 3
        and sum(w in _FUNCTION_WORDS for w in lower) >= 1
        and not any(w[:1].isupper() for w in words[1:])
    ):
        return None, "sentence"
    if all(w in _GENERIC_WORDS or _NUMERIC.match(w) for w in lower):
        return None, "generic"
    if load_vocabulary().is_stop(name):
        return None, "stop_term"
    return name, ""


def _short_form(name: str) -> list[str]:
    """["OLIVES"] for "OLIVES Dataset": the proper name alone is what texts also write."""
    head, _, last = name.rpartition(" ")
    proper = " " not in head and head[1:] != head[1:].lower()
    if last.lower() in {"dataset", "benchmark", "corpus"} and proper:
        return [head]
    return []


def _dataset_modality_task(record: dict[str, Any]) -> tuple[str | None, str | None]:
    mods = record.get("modalities") if isinstance(record.get("modalities"), list) else []
    mapped = list(dict.fromkeys(m for m in (_PWC_MODALITY.get(str(x).strip().lower()) for x in mods) if m))
    modality = mapped[0] if len(mapped) == 1 else ("multimodal" if mapped else None)
    tasks = record.get("tasks") if isinstance(record.get("tasks"), list) else []
    task = next((str(t["task"]) for t in tasks if isinstance(t, dict) and t.get("task")), None)
    return modality, normalize_text(task).lower() if task else None


# --- merging and writing ---------------------------------------------------------------


def _merge(
    cand: _Candidate,
    known: Vocabulary,
    existing: dict[str, VocabEntry],
    added: dict[str, _Candidate],
) -> str:
    """Fold ``cand`` into ``existing``/``added``; returns "kept", "already_known" or "duplicate"."""
    surfaces = [cand.name, *cand.aliases]
    hit = next((e for s in surfaces if (e := _lookup_any_case(known, s, cand.kind)) is not None), None)
    if hit is None:
        dup = next((added[k] for s in surfaces if (k := fold(s)) in added), None)
        if dup is not None:
            dup.aliases.extend(
                a for a in surfaces if fold(a) not in {fold(x) for x in (dup.name, *dup.aliases)}
            )
            dup.modality = dup.modality or cand.modality
            dup.task = dup.task or cand.task
            _index_aliases(added, dup)
            return "duplicate"
        cand.aliases = _new_aliases(cand.name, cand.aliases, set())
        added[fold(cand.name)] = cand
        _index_aliases(added, cand)
        return "kept"
    # Folded comparison even for case-sensitive entries: "spider" must not widen "Spider".
    new = _new_aliases(hit.name, surfaces, {fold(s) for s in hit.surfaces})
    if not new:
        return "already_known"
    key = fold(hit.name)
    if key in existing:  # the user file's own entry: extend it in place
        old = existing[key]
        existing[key] = VocabEntry(
            old.name, old.kind, (*old.aliases, *new), old.modality, old.task, old.case_sensitive
        )
    elif key in added:
        item = added[key]
        item.aliases.extend(_new_aliases(item.name, new, {fold(a) for a in item.aliases}))
    else:  # a bundled entry: a user-file entry of the same name adds the aliases on load
        added[key] = _Candidate(cand.kind, hit.name, new, case_sensitive=hit.case_sensitive)
    return "kept"


def _lookup_any_case(known: Vocabulary, surface: str, kind: VocabKind) -> VocabEntry | None:
    """Like ``known.lookup`` but ignoring case sensitivity: an import never re-adds a known name."""
    return known.lookup(surface, kind) or known.folded_index(kind).get(fold(surface))


def _index_aliases(added: dict[str, _Candidate], cand: _Candidate) -> None:
    for alias in cand.aliases:
        added.setdefault(fold(alias), cand)


def _new_aliases(name: str, surfaces: Iterable[str], seen: set[str]) -> list[str]:
    seen = seen | {fold(name)}
    out = []
    for s in surfaces:
        if fold(s) not in seen:
            seen.add(fold(s))
            out.append(s)
    return out


def _row(item: VocabEntry | _Candidate) -> dict[str, Any]:
    row: dict[str, Any] = {"name": item.name, "aliases": list(item.aliases)}
    if item.modality:
        row["modality"] = item.modality
    if item.task:
        row["task"] = item.task
    if item.case_sensitive:
        row["case_sensitive"] = True
    return row


def _write_jsonl(path: Path, items: Iterable[VocabEntry | _Candidate]) -> bool:
    """Write atomically; returns False (and leaves the file alone) when nothing changed."""
    seen: set[int] = set()
    lines = []
    for item in items:
        if id(item) not in seen:  # ``added`` indexes a candidate under each alias
            seen.add(id(item))
            lines.append(json.dumps(_row(item), ensure_ascii=False) + "\n")
    text = "".join(lines)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return True
