"""Which records are one paper: the same id, or the same title with abstracts that agree.

Ids decide first: two records with the same source id are one paper, and two with different
ids of one scheme (two arXiv ids) are two papers whatever their text. A title alone never
merges: two records with one normalised title are one paper only when their abstracts agree
(most word trigrams shared, so a re-typeset or truncated copy agrees and a different paper
under a placeholder title does not); otherwise both are kept and the pair is reported as a
conflict. Decisions depend only on records seen before, so the check streams.
"""

from __future__ import annotations

import dataclasses
import hashlib
import zlib
from array import array
from dataclasses import dataclass
from typing import NamedTuple

from kg.records import Paper
from kg.sources.ids import abstract_id, scheme_of, text_key, title_key

SKETCH_SIZE = 16  # bottom-k word-trigram hashes kept per abstract
AGREEMENT = 0.5  # estimated trigram Jaccard at or above which two abstracts are one text


def abstract_sketch(abstract: str, size: int = SKETCH_SIZE) -> bytes:
    """The ``size`` smallest CRC-32s of the abstract's word trigrams, packed: a bottom-k sketch
    whose overlap estimates trigram Jaccard similarity. CRC-32, not ``hash``, so that it is the
    same in every process; packed, because the streaming build keeps one per paper."""
    words = text_key(abstract).split()
    grams = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    return array("I", sorted({zlib.crc32(g.encode("utf-8")) for g in grams})[:size]).tobytes()


def resemblance(a: bytes, b: bytes, size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of the trigram sets behind two sketches."""
    left, right = set(array("I", a)), set(array("I", b))
    union = sorted(left | right)[:size]
    if not union:
        return 1.0
    both = left & right
    return sum(1 for h in union if h in both) / len(union)


def title_hash(title: str) -> int:
    """64 bits of the normalised title: the index needs equality, not the text."""
    return int.from_bytes(hashlib.blake2b(title_key(title).encode("utf-8"), digest_size=8).digest())


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two records with one title that stay two papers, for the build report."""

    source: str
    line: int
    paper: str  # id the later record was kept under
    other: str  # id of the earlier paper with the same title
    other_source: str
    other_line: int
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.source}:{self.line}: same title as {self.other} ({self.other_source}:{self.other_line}) "
            f"but {self.reason}; kept as two papers ({self.paper})"
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one record is: a new paper (``paper``), or a duplicate of the paper ``duplicate_of``."""

    paper: Paper | None
    duplicate_of: str | None = None
    conflicts: tuple[Conflict, ...] = ()


class _Seen(NamedTuple):
    """A kept paper with a title, as little of it as the check needs (one per paper is kept)."""

    id: str
    ids: tuple[str, ...]
    sketch: bytes
    source: str
    line: int


def _clash(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """The scheme in which two records give different ids (so they are different papers)."""
    theirs = {scheme_of(pid): pid for pid in reversed(b)}
    return next((scheme_of(p) for p in a if theirs.get(scheme_of(p), p) != p), None)


class Identities:
    """Decides, record by record, which records are papers already seen."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}  # every id of a kept paper -> the id it was kept under
        self._titles: dict[int, _Seen | list[_Seen]] = {}  # title hash -> kept paper(s) with that title

    def admit(self, paper: Paper) -> Verdict:
        """The verdict on ``paper`` given every record admitted before it."""
        # Source ids decide; so does an abstract id (no title, no id: the same text). A title id
        # does not: the title is compared below, with the abstracts.
        by_id = [*paper.ids, *([paper.id] if scheme_of(paper.id) == "abstract" else [])]
        for pid in by_id:
            if pid in self._ids:
                return Verdict(None, duplicate_of=self._ids[pid])
        key = title_hash(paper.title) if paper.title else None
        sketch = abstract_sketch(paper.abstract) if key is not None else b""
        held = self._titles.get(key) if key is not None else None
        conflicts = []
        for seen in _listed(held):
            scheme = _clash(seen.ids, paper.ids)
            if scheme is None and resemblance(seen.sketch, sketch) >= AGREEMENT:
                return Verdict(None, duplicate_of=seen.id)
            reason = f"a different {scheme} id" if scheme else "a different abstract"
            conflicts.append((seen, reason))
        if paper.id in self._ids:  # a title id held by another paper of the same title
            paper = dataclasses.replace(paper, id=abstract_id(paper.abstract))
            if paper.id in self._ids:
                return Verdict(None, duplicate_of=self._ids[paper.id])
        for pid in (paper.id, *paper.ids):
            self._ids[pid] = paper.id
        if key is not None:
            seen = _Seen(paper.id, paper.ids, sketch, paper.source, paper.line)
            self._titles[key] = seen if held is None else [*_listed(held), seen]
        found = tuple(
            Conflict(paper.source, paper.line, paper.id, s.id, s.source, s.line, why) for s, why in conflicts
        )
        return Verdict(paper, conflicts=found)


def _listed(held: _Seen | list[_Seen] | None) -> list[_Seen]:
    """The papers under one title hash: most titles hold one, stored bare to save a list each."""
    if held is None:
        return []
    return [held] if isinstance(held, _Seen) else held
