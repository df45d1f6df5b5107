"""Text normalisation shared by scoring and resolution: one definition of "the same name"."""

from __future__ import annotations

import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_FOLD_DROP = re.compile(r"[\s\-_]+")
_PUNCT_TABLE = {ord(c): "-" for c in _DASHES} | {
    0x2018: "'",
    0x2019: "'",
    0x201C: '"',
    0x201D: '"',
    0xA0: " ",
}
_SPACES = re.compile(r"[ \t]+")


def normalize_text(text: str) -> str:
    """NFKC, unify dashes and quotes, collapse runs of spaces: what readers hand to the extractor."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text.translate(_PUNCT_TABLE)).strip()


def fold(name: str) -> str:
    """Fold case, hyphens, spaces and a trailing plural "s" (the guidelines' matching rule).

    "UCF-101" == "UCF101", "Transformers" == "transformer".
    """
    key = _FOLD_DROP.sub("", normalize_text(name).casefold())
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss") and key[-2].isalpha():
        key = key[:-1]
    return key
