"""Shared per-doc state and small helpers for the rule modules.

``DocView`` caches what spaCy recomputes on each access (the text, sentence of a token,
lower-case forms); ``fold``/``base_name`` are cached because rules call them per span.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from kg.extract.lexicon import Lexicon
from kg.resolve.suffixes import base_name as _base_name_uncached
from kg.text import fold as _fold_uncached

fold = lru_cache(maxsize=1 << 16)(_fold_uncached)


base_name = lru_cache(maxsize=1 << 16)(_base_name_uncached)


def sized_base(text: str) -> str | None:
    """The name before a size or checkpoint suffix ("Hiera-B+" -> "Hiera"), or None without one."""
    if "-" not in text and "_" not in text:
        return None
    plain = text[:-1] if text.endswith("+") else text
    base = base_name(plain)
    return base if base != plain else None


_COORD = re.compile(r"^\s*(?:,|and|or|&|,\s*and|,\s*or|as well as)\s*$")


def is_known(surface: str, lex: Lexicon) -> bool:
    """In the vocabulary: prior work, so never something this paper proposes."""
    key = fold(surface)
    return key in lex.method_keys or key in lex.benchmark_keys


class _LowerCache(dict):
    """lower-case hash -> string (the StringStore lookup is slower), filled on first sight."""

    strings = None  # the StringStore of the doc being read (hashes are the same in every store)

    def __missing__(self, key: int) -> str:
        text = self[key] = self.strings[key]
        return text


_LOWER_CACHE = _LowerCache()


# Words that end the phrase a rule is reading: prepositions, relative pronouns, verbs of being.
BOUNDARY = {
    "that",
    "which",
    "to",
    "for",
    "on",
    "with",
    "by",
    "in",
    "of",
    "from",
    "using",
    "based",
    "than",
    "over",
    "into",
    "across",
    "via",
    "where",
    "while",
    "through",
    "under",
    "against",
    "like",
    "as",
    "when",
    "whether",
    "if",
    "because",
    "since",
    "after",
    "before",
    "between",
    "among",
    "upon",
    "toward",
    "towards",
    "beyond",
    "within",
    "without",
    "versus",
    "vs",
    "vs.",
    "such",
    ".",
    ";",
    "!",
    "?",
    "is",
    "are",
    "was",
    "were",
    "can",
    "could",
    "will",
    "would",
    "should",
    "may",
    "might",
}


class DocView:
    """Per-doc values computed once (``doc.text`` and ``span.sent`` rebuild on every access),
    stored on the Doc so every rule function can reach them from a token, span or sentence."""

    def __init__(self, doc: Doc, cues: dict[int, int]):
        self.cues = cues  # token index where a naming cue starts -> its length in tokens
        self.text = doc.user_data.get("kg_text") or doc.text
        self.sents = list(doc.sents)
        # Kept on the doc (plain tuples, no reference back to it) for assembly's evidence sentences.
        doc.user_data["kg_sent_bounds"] = [(s.start_char, s.end_char) for s in self.sents]
        _LOWER_CACHE.strings = doc.vocab.strings
        self.lowers = list(map(_LOWER_CACHE.__getitem__, doc.to_array(LOWER).tolist()))
        self.sent_of: list[int] = []
        self.words: list[frozenset[str]] = []
        for n, sent in enumerate(self.sents):
            self.sent_of.extend([n] * (sent.end - sent.start))
            self.words.append(frozenset(self.lowers[sent.start : sent.end]))

    def sent_words(self, sent: Span) -> frozenset[str]:
        return self.words[self.sent_of[sent.start]]

    def sent(self, token_index: int) -> Span:
        return self.sents[self.sent_of[token_index]]


def attach_view(doc: Doc, cues: dict[int, int]) -> DocView:
    """Compute the view of ``doc`` and store it on the doc for ``view_of``."""
    view = DocView(doc, cues)
    doc.user_data[_VIEW_KEY] = view
    return view


def detach_view(doc: Doc) -> None:
    doc.user_data.pop(_VIEW_KEY, None)


def view_of(doc: Doc) -> DocView:
    view = doc.user_data.get(_VIEW_KEY)
    if view is None:
        raise LookupError("no DocView on this doc: call attach_view first")
    return view


_VIEW_KEY = "kg_view"


def find_cues(doc: Doc, lex: Lexicon) -> dict[int, int]:
    """Token index -> length of the longest naming cue starting there (slow path without a matcher)."""
    found: dict[int, int] = {}
    lowers = [t.lower_ for t in doc]
    for cue in lex.naming_cues:
        parts = cue.split()
        for i in range(len(lowers) - len(parts) + 1):
            if lowers[i] == parts[0] and lowers[i : i + len(parts)] == parts:
                found[i] = max(found.get(i, 0), len(parts))
    return found


def naming_cue_at(doc: Doc, i: int, end: int, lex: Lexicon) -> int:
    view = view_of(doc)
    n = view.cues.get(i, 0)
    return n if i + n <= end else 0


@lru_cache(maxsize=8)
def cue_firsts(cues: tuple[str, ...]) -> frozenset[str]:
    return frozenset(c.split()[0] for c in cues)


def coordinated(doc: Doc, names: list[Span]) -> list[list[Span]]:
    """Runs of names joined only by commas/and/or: "X, Y, and Z"."""
    view = view_of(doc)
    groups: list[list[Span]] = []
    for span in sorted(names, key=lambda s: s.start):
        if groups:
            prev = groups[-1][-1]
            between = view.text[prev.end_char : span.start_char]
            if view.sent_of[prev.start] == view.sent_of[span.start] and _COORD.match(between):
                groups[-1].append(span)
                continue
        groups.append([span])
    return groups
