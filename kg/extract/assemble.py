"""Merge role-tagged candidates of one doc into the paper's Extraction.

Occurrences of one entity are joined by folded surface, by acronym definition (short and
long form) and by size suffix (Llama-3.1-70B under Llama-3.1). An occurrence lying inside
a longer candidate is dropped (CLIP in MultiCapCLIP-like multi-token names, a vocabulary
phrase inside an acronym's long form). Each entity takes its strongest role:
proposed > benchmark > method.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Doc

from kg.extract.candidates import Candidate
from kg.extract.components import FIELD_SEPARATOR
from kg.records import Evidence, Extraction, LinkRef, Mention, Paper
from kg.resolve.suffixes import base_name
from kg.text import fold as _fold_uncached

fold = lru_cache(maxsize=1 << 16)(_fold_uncached)
base_name = lru_cache(maxsize=1 << 16)(base_name)

_ROLE_RANK = {"proposed": 3, "benchmark": 2, "method": 1}


class _Groups:
    """Union-find over folded surface keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """Drop occurrences lying strictly inside another candidate's range (one sweep over ranges
    sorted by start, longest first: a range is nested when an earlier one reaches its end)."""
    nested: set[tuple[int, int]] = set()
    reach = -1
    for start, end in sorted({(c.start, c.end) for c in cands}, key=lambda r: (r[0], -r[1])):
        if reach >= end:
            nested.add((start, end))
        reach = max(reach, end)
    return [c for c in cands if (c.start, c.end) not in nested]


def _sentence_finder(doc: Doc):
    """char offset -> sentence text, with sentence bounds computed once per doc."""
    text = doc.user_data.get("kg_text") or doc.text
    bounds = doc.user_data.get("kg_sent_bounds") or [(s.start_char, s.end_char) for s in doc.sents]
    sents = [(start, end, text[start:end].strip()) for start, end in bounds]
    starts = [start for start, _, _ in sents]

    def sentence_at(char: int) -> str:
        i = bisect_right(starts, char) - 1
        return sents[i][2] if i >= 0 else ""

    return sentence_at


def _evidence(c: Candidate, title_len: int, sentence_at) -> Evidence:
    sentence = sentence_at(c.start)
    if c.start < title_len:
        return Evidence("title", c.start, c.end, sentence, c.rule, c.confidence)
    offset = title_len + len(FIELD_SEPARATOR)
    return Evidence("abstract", c.start - offset, c.end - offset, sentence, c.rule, c.confidence)


def _name_for(members: list[Candidate], role: str) -> str:
    """The short form a reader would search for: the acronym the text defines (as written:
    "RNN-T" is not a tiny RNN), else the title's system name, else the first surface, with a
    size or checkpoint suffix dropped for mentioned methods (the guidelines name variants by the
    base model)."""
    shorts = [c for c in members if c.link and not c.long_form and fold(c.surface) == c.link]
    if shorts:
        return shorts[0].surface
    colon = [c for c in members if c.rule == "title_colon"]
    if colon:
        return colon[0].surface
    first = members[0].surface
    # A proposed "Retro 48B" is named as the paper names it; other models by their base, unless
    # the vocabulary knows the full surface as an entity ("Stable Diffusion XL" is not SD).
    return first if role != "method" or _vocab_named(members[0]) else base_name(first)


def _vocab_named(c: Candidate) -> bool:
    """A vocabulary entry's own name: it, not a suffix-stripped base, is the entity."""
    return c.rule == "vocab" and c.link == fold(c.surface)


def assemble(doc: Doc, paper: Paper) -> Extraction:
    """The Extraction of one paper from its processed doc."""
    title_len = doc._.kg_title_len
    sentence_at = _sentence_finder(doc)
    cands = sorted(_drop_nested(doc._.kg_candidates or []), key=lambda c: (c.start, -c.end))
    groups = _Groups()
    proposed = {fold(c.surface) for c in cands if c.role == "proposed"}
    surfaces = {fold(c.surface) for c in cands}
    for c in cands:
        key = fold(c.surface)
        groups.find(key)
        if c.link:
            groups.union(c.link, key)
        if c.role != "benchmark" and not _vocab_named(c):
            base = fold(base_name(c.surface))
            # "Retro has 7.5B parameters ... we introduce Retro 48B": a proposed size variant of
            # a model the text names as prior work is a new entity, not an alias of it.
            if not (key in proposed and base != key and base in surfaces and base not in proposed):
                groups.union(key, base)
    members: dict[str, list[Candidate]] = {}
    for c in cands:
        members.setdefault(groups.find(fold(c.surface)), []).append(c)

    ex = Extraction(paper=paper)
    for group in members.values():
        role = max((c.role for c in group), key=_ROLE_RANK.__getitem__)
        name = _name_for(group, role)
        aliases = [name]
        for c in group:
            if c.surface not in aliases:
                aliases.append(c.surface)
        best: dict[tuple[int, int], Candidate] = {}
        for c in group:
            seen = best.get((c.start, c.end))
            if seen is None or _ROLE_RANK[c.role] > _ROLE_RANK[seen.role] or c.confidence > seen.confidence:
                best[(c.start, c.end)] = c
        evidence = [_evidence(c, title_len, sentence_at) for c in best.values()]
        long_form = next((c.surface for c in group if c.long_form), None)
        if role == "proposed":
            kind = (
                "benchmark"
                if any(c.role == "proposed" and c.kind == "benchmark" for c in group)
                else "method"
            )
            ex.proposed.append(Mention(name, aliases, kind, evidence, long_form))
            if kind == "benchmark":
                ex.benchmarks.append(Mention(name, list(aliases), "benchmark", list(evidence), long_form))
        elif role == "benchmark":
            ex.benchmarks.append(Mention(name, aliases, "benchmark", evidence, long_form))
        else:
            ex.methods.append(Mention(name, aliases, "method", evidence, long_form))

    offset = title_len + len(FIELD_SEPARATOR)
    for start, end, url, kind in doc._.kg_links or []:
        field = "title" if start < title_len else "abstract"
        shift = 0 if field == "title" else offset
        ev = Evidence(field, start - shift, end - shift, sentence_at(start), "url", 1.0)
        ex.links.append(LinkRef(url, kind, [ev]))
    return ex
