"""Suffixes that do not change what a name denotes: ViT-B/16 is ViT, ImageNet-256 is ImageNet.

The patterns live in ``kg/data/resolve/`` (``size_suffixes.txt`` for methods,
``benchmark_suffixes.txt`` for benchmarks) so that adding a family's naming is a data change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "resolve"
SUFFIX_FILE = DATA_DIR / "size_suffixes.txt"
BENCHMARK_SUFFIX_FILE = DATA_DIR / "benchmark_suffixes.txt"
_MIN_BASE = 2


def load_suffix_patterns(path: Path = SUFFIX_FILE) -> re.Pattern[str]:
    """One alternation anchored at the end of the name; a bad line is reported with file:line."""
    parts = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            re.compile(line)
        except re.error as err:
            raise ValueError(f"{path}:{number}: bad suffix pattern {line!r}: {err}") from err
        parts.append(f"(?:{line})")
    return re.compile("(?:" + "|".join(parts) + r")\Z") if parts else re.compile(r"(?!)")


@lru_cache(maxsize=2)
def _default_pattern(kind: str = "method") -> re.Pattern[str]:
    return load_suffix_patterns(SUFFIX_FILE if kind == "method" else BENCHMARK_SUFFIX_FILE)


def base_benchmark(name: str) -> str:
    """Strip a resolution suffix: "ImageNet-256" -> "ImageNet"; "Kinetics-400" stays."""
    return base_name(name, _default_pattern("benchmark"))


def base_name(name: str, pattern: re.Pattern[str] | None = None) -> str:
    """Strip size/checkpoint suffixes until none is left: "Llama-3.1-70B" -> "Llama-3.1".

    Versions are untouched ("GPT-2", "VideoMAE V2") because no pattern names a bare number.
    """
    pattern = pattern or _default_pattern()
    current = name.strip()
    while True:
        match = pattern.search(current)
        if not match or match.start() < _MIN_BASE:
            return current
        stripped = current[: match.start()].rstrip(" -_")
        if len(stripped) < _MIN_BASE or stripped == current:
            return current
        current = stripped
