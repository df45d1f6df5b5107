"""A union-find over hashable keys: alias keys that denote one entity end in one set."""

from __future__ import annotations

from collections.abc import Hashable


class UnionFind[K: Hashable]:
    """Path-halving union-find; the root of a set is its smallest key, so roots are order-independent."""

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def add(self, key: K) -> K:
        self._parent.setdefault(key, key)
        return key

    def find(self, key: K) -> K:
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: K, b: K) -> K:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        low, high = (ra, rb) if ra <= rb else (rb, ra)  # type: ignore[operator]
        self._parent[high] = low
        return low

    def __contains__(self, key: object) -> bool:
        return key in self._parent

    def __len__(self) -> int:
        return len(self._parent)
