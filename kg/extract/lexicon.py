"""Word lists the extractor reads (``kg/data/extract/*.txt``) and the shared vocabulary.

Cue words are data so that a new naming verb or head noun is a one-line change. The curated
method/benchmark vocabulary belongs to ``kg.resolve.vocabulary``; when it is not installed
the extractor runs on shape and context cues alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.text import fold as _fold_uncached

fold = lru_cache(maxsize=1 << 16)(_fold_uncached)  # is_stop runs per candidate surface

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "extract"


def read_list(name: str, directory: Path = DATA_DIR) -> list[str]:
    """Non-empty, non-comment lines of ``directory/name``, in file order."""
    path = directory / name
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@dataclass(frozen=True)
class Lexicon:
    """Cue words (lower-case) and the vocabulary terms used by the pipeline."""

    proposing_verbs: frozenset[str]
    naming_cues: tuple[str, ...]
    benchmark_heads: frozenset[str]
    method_heads: frozenset[str]
    eval_cues: frozenset[str]
    technique_heads: frozenset[str]
    example_cues: tuple[str, ...]
    comparison_cues: tuple[str, ...]
    use_verbs: frozenset[str]
    not_data_before_on: frozenset[str]
    stop_keys: frozenset[str]  # folded
    method_terms: tuple[str, ...] = ()  # vocabulary surfaces matched case-insensitively
    benchmark_terms: tuple[str, ...] = ()
    method_exact: tuple[str, ...] = ()  # surfaces matched only as spelled ("CLIP", not "clip")
    benchmark_exact: tuple[str, ...] = ()
    method_keys: frozenset[str] = field(default_factory=frozenset)  # folded
    benchmark_keys: frozenset[str] = field(default_factory=frozenset)
    lowercase_ok: frozenset[str] = field(default_factory=frozenset)  # folded terms allowed in lower case
    method_entry: dict[str, str] = field(default_factory=dict)  # folded surface -> folded entry name
    ambiguous: dict[str, frozenset[str]] = field(default_factory=dict)  # folded acronym -> stop-sense cues
    # Benchmark surfaces by ``spelling_key`` (case-insensitive entries lower-cased, case-sensitive
    # ones as written): stricter than ``fold``, whose plural rule makes "DARTS" the DART data.
    benchmark_spellings: frozenset[str] = field(default_factory=frozenset)
    acronym_intro_verbs: frozenset[str] = field(default_factory=frozenset)

    def is_stop(self, surface: str) -> bool:
        return fold(surface) in self.stop_keys


def _vocabulary_terms() -> tuple[list, list, list[str]]:
    """(methods, benchmarks, stop terms) from the shared vocabulary, or empty when unavailable."""
    try:
        from kg.resolve.vocabulary import load_vocabulary
    except ImportError:
        return [], [], []
    vocab = load_vocabulary()
    return list(vocab.methods), list(vocab.benchmarks), list(vocab.stop_terms)


def split_by_case(entries: list) -> tuple[list[str], list[str]]:
    """(case-insensitive, exact) surfaces: entries marked case-sensitive match only as spelled."""
    lower, exact = [], []
    for entry in entries:
        for surface in entry.surfaces:
            (exact if entry.case_sensitive else lower).append(surface)
    return lower, exact


def entry_keys(entries: list) -> dict[str, str]:
    """Folded surface -> folded name of its entry, so "CQL" and "conservative Q-learning" in one
    text are one entity even when the text does not define the acronym."""
    return {fold(surface): fold(entry.name) for entry in entries for surface in entry.surfaces}


_SEPARATORS = re.compile(r"[\s\-_]+")


@lru_cache(maxsize=1 << 16)
def spelling_key(surface: str, keep_case: bool = False) -> str:
    """A surface without spaces, hyphens and underscores (lower-cased unless ``keep_case``)."""
    key = _SEPARATORS.sub("", surface)
    return key if keep_case else key.lower()


def spellings(entries: list) -> frozenset[str]:
    return frozenset(spelling_key(s, e.case_sensitive) for e in entries for s in e.surfaces)


def lowercase_keys(terms: list[str]) -> frozenset[str]:
    """Folded terms that may be written all lower-case ("beam search"); a one-word name written
    with capitals ("CLIP", "OPT") must keep a capital, so "clip" and "opt" stay words."""
    return frozenset(fold(t) for t in terms if " " in t or not any(c.isupper() for c in t))


def read_ambiguous(
    name: str = "ambiguous_acronyms.txt", directory: Path = DATA_DIR
) -> dict[str, frozenset[str]]:
    """``ACRONYM: cue, cue`` lines: the words that, in a text, make the acronym a non-name."""
    out = {}
    for number, line in enumerate(read_list(name, directory), start=1):
        acronym, sep, cues = line.partition(":")
        words = frozenset(w.strip().lower() for w in cues.split(",") if w.strip())
        if not sep or not acronym.strip() or not words:
            raise ValueError(f"{directory / name}: entry {number} {line!r}: expected 'ACRONYM: cue, cue'")
        out[fold(acronym)] = words
    return out


@lru_cache(maxsize=4)
def load_lexicon(use_vocabulary: bool = True) -> Lexicon:
    """The default lexicon: cue lists from ``kg/data/extract`` plus the shared vocabulary."""
    methods, benchmarks, stops = _vocabulary_terms() if use_vocabulary else ([], [], [])
    stop_keys = {fold(s) for s in read_list("stop_names.txt")} | set(stops)
    method_lower, method_exact = split_by_case(methods)
    bench_lower, bench_exact = split_by_case(benchmarks)
    return Lexicon(
        proposing_verbs=frozenset(w.lower() for w in read_list("proposing_verbs.txt")),
        naming_cues=tuple(sorted((w.lower() for w in read_list("naming_cues.txt")), key=lambda c: -len(c))),
        benchmark_heads=frozenset(w.lower() for w in read_list("benchmark_heads.txt")),
        method_heads=frozenset(w.lower() for w in read_list("method_heads.txt")),
        eval_cues=frozenset(w.lower() for w in read_list("eval_cues.txt")),
        technique_heads=frozenset(w.lower() for w in read_list("technique_heads.txt")),
        example_cues=tuple(w.lower() for w in read_list("example_cues.txt")),
        comparison_cues=tuple(w.lower() for w in read_list("comparison_cues.txt")),
        use_verbs=frozenset(w.lower() for w in read_list("use_verbs.txt")),
        not_data_before_on=frozenset(w.lower() for w in read_list("not_data_before_on.txt")),
        stop_keys=frozenset(stop_keys),
        method_terms=tuple(method_lower),
        benchmark_terms=tuple(bench_lower),
        method_exact=tuple(method_exact),
        benchmark_exact=tuple(bench_exact),
        method_keys=frozenset(fold(s) for s in method_lower + method_exact),
        benchmark_keys=frozenset(fold(s) for s in bench_lower + bench_exact),
        lowercase_ok=lowercase_keys(method_lower + bench_lower),
        method_entry=entry_keys(methods),
        ambiguous=read_ambiguous(),
        benchmark_spellings=spellings(benchmarks),
        acronym_intro_verbs=frozenset(w.lower() for w in read_list("acronym_intro_verbs.txt")),
    )
