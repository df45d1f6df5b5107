"""Matching keys for resolution, memoised: the same few thousand names recur across papers."""

from __future__ import annotations

from functools import lru_cache

from kg.resolve.suffixes import base_benchmark, base_name
from kg.text import fold

_CACHE = 1 << 17

folded = lru_cache(maxsize=_CACHE)(fold)


@lru_cache(maxsize=_CACHE)
def base_of(surface: str, kind: str) -> str:
    """The name without size (methods) or resolution (benchmarks) suffixes, as spelled."""
    return base_name(surface) if kind == "method" else base_benchmark(surface)


@lru_cache(maxsize=_CACHE)
def surface_key(surface: str, kind: str) -> str:
    """The folded key a surface form is matched by, after its size/resolution suffix is dropped."""
    return fold(base_of(surface, kind))
