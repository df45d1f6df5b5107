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
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex, compile_suffix_regex

# Letters/digits joined by - . / _ (never ending in one of them), optionally followed by "+"s:
# ImageNet-1K, Llama-3.1-70B, ViT-B/16, CodeT5+, NeRV++, I2P-MAE, state-of-the-art, TS-CP^2; or a name
# with a short parenthesised variant glued on: BT(P). A Greek letter may end a part ("PixArt-α").
NAME_TOKEN = re.compile(
    r"^[A-Za-z0-9]+(?:[-./_][A-Za-z0-9\u03b1-\u03c9\u0391-\u03a9]+)*(?:\^\d+)?\+*$"
    r"|^[A-Za-z0-9]+\([A-Za-z0-9]{1,3}\)$"
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


# Where text joined without a space holds two tokens (real abstracts lose spaces at line breaks
# and around brackets): "fromU-Net", "LSTMclassifier", "(SVM).The", "poorly(F1=14.80", "Name[12]",
# "cite{key}". Each pattern marks the offsets where a token boundary belongs.
_FUNCTION_WORDS = (
    "the|and|or|on|of|for|in|from|to|that|as|an|with|by|at|via|into|than|over|using|use|both|between"
)
_GLUED_AFTER_WORD = re.compile(rf"(?<![A-Za-z0-9])(?:{_FUNCTION_WORDS})(?=[A-Z][A-Za-z0-9-])")
_GLUED_WORD_AFTER_CAPS = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]+(?=([a-z]{4,})(?![A-Za-z]))")
_GLUED_CUTS = re.compile(
    r"[)\]](?=[A-Za-z]{2})"  # "SVM)and": after a closing bracket
    r"|(?<=[a-z)\]%0-9])\.(?=[A-Z][a-z])"  # "detection.The": around a sentence period
    r"|(?<=[A-Za-z])[(\[](?![A-Za-z0-9]{1,3}\))(?=[A-Za-z0-9])"  # "poorly(F1", "Name[12]", not "BT(P)"
    r"|(?<=\S)=|=(?=\S)|[{}]"  # "F1=47.38", "cite{key}"
)


def glue_cuts(text: str, words: frozenset[str], name_tails: frozenset[str]) -> list[int]:
    """Offsets inside runs of non-space characters where one token ends and the next begins.

    A function word glued to a name ("onImageNet") and a name glued to an ordinary word of
    abstracts (``words``: "MRIvolumes") are split; a word that ends known names ("former" of
    Conformer, ``name_tails``) is part of the name ("SANSformer").
    """
    cuts = [m.end() for m in _GLUED_AFTER_WORD.finditer(text)]
    for m in _GLUED_WORD_AFTER_CAPS.finditer(text):
        tail = m.group(1)
        if tail in words and tail not in name_tails:
            cuts.append(m.end())
    for m in _GLUED_CUTS.finditer(text):
        cuts += [m.start(), m.end()]
    n = len(text)
    return sorted({c for c in cuts if 0 < c < n and not text[c - 1].isspace() and not text[c].isspace()})


class TextKeepingTokenizer:
    """Wraps the tokenizer: splits glued tokens (``glue_cuts``) and stores the input string on the
    Doc (``doc.user_data["kg_text"]``).

    ``Doc.text`` is rebuilt from the tokens on every access, which costs as much as a third of
    the tokenizer's own time; the components need the raw text for regexes and offsets. A text
    with glued tokens is tokenised with spaces inserted at the cuts, then rebuilt from the words
    without those spaces, so ``doc.text`` is still exactly the input.
    """

    def __init__(
        self, tokenizer, words: frozenset[str] = frozenset(), name_tails: frozenset[str] = frozenset()
    ):
        self.tokenizer = tokenizer
        self.words, self.name_tails = words, name_tails

    def __call__(self, text: str):
        cuts = glue_cuts(text, self.words, self.name_tails)
        doc = self.tokenizer(text) if not cuts else self._split(text, cuts)
        doc.user_data["kg_text"] = text
        return doc

    def _split(self, text: str, cuts: list[int]):
        pieces, last = [], 0
        for cut in cuts:
            pieces.append(text[last:cut])
            last = cut
        pieces.append(text[last:])
        inserted = set()
        spaced, position = [], 0
        for piece in pieces[:-1]:
            spaced.append(piece)
            position += len(piece)
            inserted.add(position)  # offset, in the spaced text, of an inserted space
            position += 1
        spaced.append(pieces[-1])
        doc = self.tokenizer(" ".join(spaced))
        words = [t.text for t in doc]
        spaces = [bool(t.whitespace_) and t.idx + len(t) not in inserted for t in doc]
        return Doc(doc.vocab, words=words, spaces=spaces)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)
