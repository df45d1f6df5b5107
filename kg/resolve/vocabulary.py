"""Known method/benchmark names and stop terms, loaded from data files.

The extractor cannot tell "HellaSwag" from "Specifically" or "beam search" from
"search" by capitalisation alone; these vocabularies carry that knowledge as data
(``kg/data/vocab/``, see its README) so users can extend them without code:
files in ``user_vocab_dir()`` and in ``extra_dirs`` are merged over the bundled ones.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from kg.text import fold, normalize_text

VocabKind = Literal["method", "benchmark"]

PACKAGE_VOCAB_DIR = Path(__file__).resolve().parent.parent / "data" / "vocab"
BENCHMARKS_FILE = "benchmarks.jsonl"
METHODS_FILE = "methods.jsonl"
MODELS_FILE = "models.jsonl"  # named models and architectures: methods too, kept apart for curation
STOP_FILE = "stop_methods.txt"

MODALITIES = frozenset(
    {
        "vision",
        "video",
        "text",
        "speech",
        "audio",
        "code",
        "math",
        "multimodal",
        "rl",
        "graph",
        "recsys",
        "time-series",
        "medical",
        "3d",
        "tabular",
    }
)
_KEYS = frozenset({"name", "aliases", "modality", "task", "case_sensitive"})
_CASE_KEEP_DROP = re.compile(r"[\s\-_]+")


class VocabError(ValueError):
    """A vocabulary file line that cannot be used; the message names file and line."""


@dataclass(frozen=True, slots=True)
class VocabEntry:
    """One known name with its spelling variants."""

    name: str
    kind: VocabKind
    aliases: tuple[str, ...] = ()
    modality: str | None = None
    task: str | None = None
    case_sensitive: bool = False  # ordinary-word names ("Places", "RACE") match only as spelled

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Name first, then aliases: every spelling that should resolve to this entry."""
        return (self.name, *self.aliases)

    def key(self, surface: str) -> str:
        """Matching key of ``surface`` under this entry's case rule."""
        return case_key(surface) if self.case_sensitive else fold(surface)


def case_key(surface: str) -> str:
    """Like ``fold`` but keeping case: hyphens and spaces still do not matter."""
    return _CASE_KEEP_DROP.sub("", normalize_text(surface))


@dataclass(frozen=True)
class Vocabulary:
    """Benchmarks, methods and stop terms, with lookups by folded name."""

    benchmarks: tuple[VocabEntry, ...]
    methods: tuple[VocabEntry, ...]
    stop_terms: frozenset[str]  # folded

    def entries(self, kind: VocabKind | None = None) -> tuple[VocabEntry, ...]:
        if kind == "benchmark":
            return self.benchmarks
        if kind == "method":
            return self.methods
        return self.benchmarks + self.methods

    @cached_property
    def _index(self) -> dict[str, tuple[dict[str, VocabEntry], dict[str, VocabEntry]]]:
        """Per kind: (folded key -> entry, case-kept key -> entry for case-sensitive entries)."""
        index: dict[str, tuple[dict[str, VocabEntry], dict[str, VocabEntry]]] = {}
        for kind, entries in (("benchmark", self.benchmarks), ("method", self.methods)):
            folded: dict[str, VocabEntry] = {}
            exact: dict[str, VocabEntry] = {}
            for entry in entries:
                table = exact if entry.case_sensitive else folded
                for surface in entry.surfaces:
                    table.setdefault(entry.key(surface), entry)
            index[kind] = (folded, exact)
        return index

    def lookup(self, surface: str, kind: VocabKind | None = None) -> VocabEntry | None:
        """The entry ``surface`` names, or None.

        Case-insensitive entries match after ``fold``; case-sensitive ones only when
        the case agrees. Without ``kind``, benchmarks are tried before methods
        (a few acronyms, e.g. GQA, are both).
        """
        kinds: tuple[str, ...] = (kind,) if kind else ("benchmark", "method")
        folded_key, exact_key = fold(surface), case_key(surface)
        for k in kinds:
            folded, exact = self._index[k]
            hit = exact.get(exact_key) or folded.get(folded_key)
            if hit is not None:
                return hit
        return None

    def folded_index(self, kind: VocabKind) -> dict[str, VocabEntry]:
        """Folded surface -> entry over all entries of ``kind``, ignoring ``case_sensitive``.

        For callers that must know a name exists in any case (importers, dedupers).
        """
        return self._any_case[kind]

    @cached_property
    def _any_case(self) -> dict[str, dict[str, VocabEntry]]:
        index: dict[str, dict[str, VocabEntry]] = {}
        for kind in ("benchmark", "method"):
            table: dict[str, VocabEntry] = {}
            for entry in self.entries(kind):  # type: ignore[arg-type]
                for surface in entry.surfaces:
                    table.setdefault(fold(surface), entry)
            index[kind] = table
        return index

    def is_stop(self, surface: str) -> bool:
        """True when ``surface`` is a generic word, paradigm, task or metric, never a name."""
        return fold(surface) in self.stop_terms


def user_vocab_dir() -> Path:
    """Where ``kg vocab import`` writes and ``load_vocabulary()`` reads user additions."""
    if explicit := os.environ.get("KG_VOCAB_DIR"):
        return Path(explicit).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "kg" / "vocab"


def load_vocabulary(extra_dirs: Sequence[Path] = ()) -> Vocabulary:
    """Bundled vocabularies, then the user dir (if it exists), then ``extra_dirs``.

    Later files extend earlier ones: an entry whose folded name is already known
    adds its aliases to that entry. The default call is cached per file state,
    so a ``kg vocab import`` in the same process is still seen.
    """
    dirs = [PACKAGE_VOCAB_DIR]
    user = user_vocab_dir()
    if user.is_dir():
        dirs.append(user)
    dirs.extend(Path(d) for d in extra_dirs)
    if not extra_dirs:
        return _load_cached(tuple(dirs), _files_state(dirs))
    return load_vocabulary_from(dirs)


def _files_state(dirs: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    state = []
    for d in dirs:
        for name in (BENCHMARKS_FILE, METHODS_FILE, MODELS_FILE, STOP_FILE):
            path = d / name
            if path.is_file():
                st = path.stat()
                state.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(state)


@lru_cache(maxsize=4)
def _load_cached(dirs: tuple[Path, ...], _state: tuple[tuple[str, int, int], ...]) -> Vocabulary:
    return load_vocabulary_from(dirs)


def load_vocabulary_from(dirs: Iterable[Path]) -> Vocabulary:
    """Exactly the vocabulary files in ``dirs``, merged in order (no package or user defaults)."""
    benchmarks = _Merger("benchmark")
    methods = _Merger("method")
    stop: set[str] = set()
    for d in dirs:
        for path, merger in (
            (d / BENCHMARKS_FILE, benchmarks),
            (d / METHODS_FILE, methods),
            (d / MODELS_FILE, methods),
        ):
            if path.is_file():
                for entry, explicit in read_entries(path, merger.kind):
                    merger.add(entry, explicit)
        if (d / STOP_FILE).is_file():
            stop.update(read_stop_terms(d / STOP_FILE))
    return Vocabulary(benchmarks.result(), methods.result(), frozenset(stop))


def read_stop_terms(path: Path) -> list[str]:
    """Folded terms of a stop file: one per line; ``#`` at line start or after a space comments."""
    terms = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            term = "" if line.lstrip().startswith("#") else line.split(" #", 1)[0].strip()
            if term:
                terms.append(fold(term))
    return terms


def read_entries(path: Path, kind: VocabKind) -> list[tuple[VocabEntry, frozenset[str]]]:
    """Entries of a JSON-lines vocab file, each with the keys its line set explicitly.

    Raises VocabError naming the file and line for the first bad line.
    """
    out = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(parse_entry(json.loads(line), kind))
            except json.JSONDecodeError as exc:
                raise VocabError(f"{path}:{lineno}: invalid JSON ({exc.msg})") from None
            except VocabError as exc:
                raise VocabError(f"{path}:{lineno}: {exc}") from None
    return out


def parse_entry(obj: Any, kind: VocabKind) -> tuple[VocabEntry, frozenset[str]]:
    """Validate one decoded line; the message says which field is wrong."""
    if not isinstance(obj, dict):
        raise VocabError(f"expected a JSON object, got {type(obj).__name__}")
    unknown = set(obj) - _KEYS
    if unknown:
        raise VocabError(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip():
        raise VocabError('"name" must be a non-empty string')
    aliases = obj.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise VocabError('"aliases" must be a list of non-empty strings')
    modality = obj.get("modality")
    if modality is not None and modality not in MODALITIES:
        raise VocabError(f'"modality" {modality!r} is not one of {sorted(MODALITIES)}')
    task = obj.get("task")
    if task is not None and not isinstance(task, str):
        raise VocabError('"task" must be a string')
    case_sensitive = obj.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise VocabError('"case_sensitive" must be true or false')
    name = normalize_text(name)
    entry = VocabEntry(
        name=name,
        kind=kind,
        aliases=_unique(normalize_text(a) for a in aliases if normalize_text(a) != name),
        modality=modality,
        task=task,
        case_sensitive=case_sensitive,
    )
    return entry, frozenset(obj)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _new_spellings(old: VocabEntry, surfaces: Iterable[str]) -> tuple[str, ...]:
    """Old aliases plus those of ``surfaces`` that ``old`` does not already match."""
    aliases = list(old.aliases)
    keys = {old.key(s) for s in old.surfaces}
    for surface in surfaces:
        if old.key(surface) not in keys:
            keys.add(old.key(surface))
            aliases.append(surface)
    return tuple(aliases)


@dataclass
class _Merger:
    """Accumulates entries of one kind, merging a later entry into the one its name already denotes."""

    kind: VocabKind
    entries: list[VocabEntry] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)

    def add(self, entry: VocabEntry, explicit: frozenset[str]) -> None:
        pos = self.by_key.get(fold(entry.name))
        if pos is None:
            pos = len(self.entries)
            self.entries.append(entry)
        else:
            old = self.entries[pos]
            self.entries[pos] = VocabEntry(
                name=old.name,
                kind=self.kind,
                aliases=_new_spellings(old, entry.surfaces),
                modality=entry.modality if "modality" in explicit else old.modality,
                task=entry.task if "task" in explicit else old.task,
                case_sensitive=entry.case_sensitive if "case_sensitive" in explicit else old.case_sensitive,
            )
        for surface in self.entries[pos].surfaces:
            self.by_key.setdefault(fold(surface), pos)

    def result(self) -> tuple[VocabEntry, ...]:
        return tuple(self.entries)
