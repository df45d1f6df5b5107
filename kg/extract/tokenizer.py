"""Tokenizer adjustments so model and dataset names come out as single tokens.

The default English tokenizer splits "ImageNet-1K" into "ImageNet-1" + "K", breaks
"Llama-3.1-70B", "ViT-B/16" and "CodeT5+" into pieces, and keeps "GSM8K." whole. A
``token_match`` for name-shaped strings keeps such names intact; since it only matches
when the whole (prefix/suffix-stripped) substring is name-shaped, a trailing sentence
period is still split off by the ordinary suffix rules.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.util import compile_prefix_regex, compile_suffix_regex

# Letters/digits joined by - . / _ (never ending in one of them), optionally followed by "+"s:
# ImageNet-1K, Llama-3.1-70B, ViT-B/16, CodeT5+, NeRV++, I2P-MAE, state-of-the-art; or a name with a
# short parenthesised variant glued on: BT(P). A Greek letter may end a part ("PixArt-α").
NAME_TOKEN = re.compile(
    r"^[A-Za-z0-9]+(?:[-./_][A-Za-z0-9\u03b1-\u03c9\u0391-\u03a9]+)*\+*$|^[A-Za-z0-9]+\([A-Za-z0-9]{1,3}\)$"
)
# A sentence period after an upper-case letter, digit or "+" ("GSM8K.", "CodeT5+.") is a suffix;
# the default rules only split it after lower-case letters.
_EXTRA_SUFFIXES = (r"(?<=[0-9A-Z+])\.",)
# Abbreviations whose periods must not end a sentence ("Duplex MAE, a.k.a. DupMAE, which ...").
_ABBREVIATIONS = ("a.k.a.", "A.k.a.", "i.e.", "e.g.", "al.", "cf.", "vs.", "resp.", "approx.", "Fig.", "Eq.")
# "~" glues a URL or name to the previous word in LaTeX-derived text ("at~https://...").
_EXTRA_PREFIXES = ("~",)


def _token_match(text: str) -> bool:
    return bool(NAME_TOKEN.match(text)) and not text.endswith(".")


def customize_tokenizer(nlp: Language) -> Language:
    """Install the name-preserving ``token_match`` on ``nlp``'s tokenizer (in place)."""
    tokenizer = nlp.tokenizer
    for abbreviation in _ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, *_EXTRA_SUFFIXES]).search
    tokenizer.prefix_search = compile_prefix_regex([*_EXTRA_PREFIXES, *nlp.Defaults.prefixes]).search
    default = tokenizer.token_match
    if default is None:
        # The pattern's own match (C code, called once per whitespace-separated chunk); it never
        # matches a text ending in ".", so the sentence period is still split off.
        tokenizer.token_match = NAME_TOKEN.match
        return nlp

    def token_match(text: str):
        if _token_match(text):
            return True
        return default(text)

    tokenizer.token_match = token_match
    return nlp


class TextKeepingTokenizer:
    """Wraps the tokenizer to store the input string on the Doc (``doc.user_data["kg_text"]``).

    ``Doc.text`` is rebuilt from the tokens on every access, which costs as much as a third of
    the tokenizer's own time; the components need the raw text for regexes and offsets.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        doc = self.tokenizer(text)
        doc.user_data["kg_text"] = text
        return doc

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)
