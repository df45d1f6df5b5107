"""Rules that read the title: a system name before the colon ("CodeT5+: ..."), the noun
phrase opening a colon-less title, and phrases of the abstract that echo the title."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract.docview import BOUNDARY, fold, is_known, view_of
from kg.extract.lexicon import Lexicon

_DOC_WORDS = {"technical", "report", "survey", "tutorial", "overview", "primer", "study", "review", "paper"}


_SURVEY_WORDS = {"survey", "review", "overview", "tutorial", "primer"}


_TITLE_COLON = re.compile(r"^([^:]{1,60}?)\s*:\s+\S")


_TITLE_STOP = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "to",
    "with",
    "and",
    "or",
    "in",
    "on",
    "is",
    "are",
    "all",
    "your",
    "you",
    "no",
    "not",
    "from",
    "how",
    "what",
    "why",
    "when",
    "do",
    "does",
    "can",
    "we",
    "towards",
    "toward",
    "beyond",
    "via",
    "my",
    "it",
    "its",
    "be",
    "set",
    "make",
    "use",
    "more",
    "less",
    "one",
    "two",
}


def title_tokens(doc: Doc, title_len: int) -> list:
    """The title's tokens, without walking the abstract's."""
    tokens = []
    for token in doc:
        if token.idx >= title_len:
            break
        tokens.append(token)
    return tokens


def title_colon(doc: Doc, title_len: int, lex: Lexicon) -> Span | None:
    """A system name opening the title before a colon ("CodeT5+: ...", "Hi-VAE: ...")."""
    view = view_of(doc)
    match = _TITLE_COLON.match(view.text[:title_len])
    if not match:
        return None
    prefix = match.group(1)
    rest = re.findall(r"[a-z]+", view.text[match.end(1) : title_len].lower())[:3]
    if any(w in _DOC_WORDS for w in rest):
        return None  # "Graph Transformers: A Survey of ...": the topic of a survey, not a new system
    words = prefix.split()
    if not words or len(words) > 3 or lex.is_stop(prefix):
        return None
    if any(w.lower() in _TITLE_STOP for w in words) or not prefix[0].isalnum():
        return None
    while len(words) > 1 and words[-1].lower() in _DOC_WORDS:
        words = words[:-1]
    prefix = " ".join(words)
    plain = not any(re.search(r"[a-z0-9][A-Z]|\d|^[A-Z]{2}", w) for w in words)
    # Plain Title Case phrases ("Machine Perceptual Quality") name something only if the
    # abstract uses the phrase as a name too.
    if len(words) > 1 and plain and prefix not in view.text[title_len:]:
        return None
    return doc.char_span(match.start(1), match.start(1) + len(prefix), alignment_mode="expand")


_TITLE_CUT = {
    "for",
    "with",
    "via",
    "as",
    "in",
    "through",
    "from",
    "of",
    "on",
    "to",
    "using",
    "is",
    "are",
    "and",
    "by",
    "at",
    "without",
    "beyond",
    "towards",
    "toward",
}


_TITLE_OPENERS = {
    "a",
    "an",
    "the",
    "on",
    "what",
    "how",
    "why",
    "when",
    "can",
    "do",
    "does",
    "is",
    "are",
    "not",
    "no",
    "towards",
    "toward",
    "beyond",
    "rethinking",
    "revisiting",
    "understanding",
    "learning",
}


def title_phrase(doc: Doc, title_len: int, lex: Lexicon) -> Span | None:
    """The noun phrase opening a colon-less title ("Position Prediction as an Effective ..."),
    used as the name when the abstract proposes something it never names."""
    tokens = title_tokens(doc, title_len)
    if any(t.lower_ in _SURVEY_WORDS for t in tokens):
        return None  # a survey or review introduces nothing of its own
    if not tokens or tokens[0].lower_ in _TITLE_OPENERS or not tokens[0].text[:1].isupper():
        return None
    end = 0
    while end < len(tokens) and tokens[end].lower_ not in _TITLE_CUT and not tokens[end].is_punct:
        end += 1
    if not 1 <= end <= 5 or (end == len(tokens) and len(tokens) > 4):
        return None
    span = doc[tokens[0].i : tokens[end - 1].i + 1]
    if lex.is_stop(span.text) or (len(span) == 1 and "-" not in span.text):
        return None
    if any(
        is_known(span[:n].text, lex) or (n > 1 and lex.is_stop(span[:n].text)) for n in range(1, len(span))
    ):
        return None  # "Sparse Autoencoders Enable ...": about a known method, not a new one
    return span


def title_says_benchmark(rest: str, lex: Lexicon) -> bool:
    head = re.findall(r"[A-Za-z-]+", rest.lower())[:4]
    return any(w in lex.benchmark_heads for w in head)


class LazyTitleGrams:
    """Folded title n-grams, computed only when a title echo is looked for."""

    def __init__(self, doc: Doc, title_len: int):
        self.doc, self.title_len, self.grams = doc, title_len, None

    def __contains__(self, key: str) -> bool:
        if self.grams is None:
            self.grams = _title_ngrams(self.doc, self.title_len)
        return key in self.grams


def _title_ngrams(doc: Doc, title_len: int) -> set[str]:
    words = [t.text for t in title_tokens(doc, title_len) if t.is_alpha or "-" in t.text]
    grams = set()
    for n in range(1, 6):
        for i in range(len(words) - n + 1):
            grams.add(fold(" ".join(words[i : i + n])))
    return grams


def title_echo(doc, start, end, skip_words, title_grams, lex) -> Span | None:
    """A lower-case phrase after a proposing verb that the title also uses ("we propose self-distillation")"""
    view = view_of(doc)
    k = start
    while k < end and view.lowers[k] in skip_words:
        k += 1
    best = None
    for n in range(1, 6):
        if k + n > end:
            break
        words = doc[k : k + n]
        if not all(t.is_alpha or "-" in t.text for t in words) or words[-1].lower_ in {"and", "or"}:
            break
        if n == 1 and "-" not in words.text:
            continue
        after = doc[k + n].text if k + n < end else "."
        ends_phrase = after in {".", ",", ";", "(", ":"} or after.lower() in BOUNDARY
        ends_phrase = ends_phrase or (n >= 2 and after.lower() in lex.method_heads)
        in_title = fold(words.text) in title_grams and not lex.is_stop(words.text)
        if in_title and ends_phrase and (words[-1].lower_ not in lex.method_heads or n > 2):
            best = words
    return best
