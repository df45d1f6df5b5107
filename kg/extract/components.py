"""spaCy components of the extraction pipeline, registered with ``@Language.factory``.

Order: ``kg_fields`` (title/abstract boundary) -> ``kg_links`` -> ``kg_acronyms`` ->
``kg_names`` (name-shaped spans, vocabulary matches) -> ``kg_roles`` (which names are
proposed, mentioned as methods, or used as benchmarks). Results live on Doc extensions:
``doc._.kg_links``, ``doc._.kg_acronyms``, ``doc._.kg_candidates`` and span groups
``doc.spans["kg_names"]``, ``["kg_weak_names"]``, ``["kg_vocab_methods"]``, ``["kg_vocab_benchmarks"]``,
``["kg_vocab_sized"]`` (known methods with a size suffix in one token).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import IS_PUNCT, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.extract import roles
from kg.extract.acronyms import find_definitions
from kg.extract.docview import sized_base
from kg.extract.lexicon import load_lexicon, read_list
from kg.extract.shapes import CAP_WORD_RE, NAME_TOKEN_RE, SIZE_RE, VERSION_RE, WEAK_NAME_RE
from kg.extract.urls import find_urls, link_kind
from kg.text import fold

FIELD_SEPARATOR = "\n\n"
_NOT_NAMING_AFTER = frozenset({"for", "after"})
# Capitalised words that take a number without being a versioned name ("Table 2", "Step 3").
_NOT_VERSION_HOSTS = frozenset(read_list("not_version_hosts.txt"))
# Tier words after a version ("Gemini 1.5 Pro"): part of the model's name.
_TIERS = frozenset(read_list("model_tiers.txt"))

for _name, _default in (
    ("kg_title_len", 0),
    ("kg_acronyms", None),
    ("kg_links", None),
    ("kg_candidates", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def doc_text(doc: Doc) -> str:
    """The doc's text, cached by ``kg_fields``."""
    text = doc.user_data.get("kg_text")
    return text if text is not None else doc.text


class SentenceStarts:
    """The rule-based sentencizer's decisions, read off token arrays: a sentence starts at the
    first word (not punctuation) after a terminator (". ! ? ..."). Only the starts are marked
    (other tokens stay unannotated, ``is_sent_start`` None), which ``Doc.sents`` reads the same
    way; spaCy's component touches every token and costs several times more per doc."""

    def __init__(self, nlp: Language):
        strings = nlp.vocab.strings
        self.terminators = frozenset(strings.add(c) for c in Sentencizer.default_punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        terminators = self.terminators
        seen = False
        starts = []
        orths = doc.to_array(ORTH).tolist()
        puncts = doc.to_array(IS_PUNCT).tolist()
        for i, orth in enumerate(orths):
            if orth in terminators:
                seen = True
            elif seen and not puncts[i]:
                starts.append(i)
                seen = False
        doc[0].is_sent_start = True
        if len(doc) > 1:
            doc[1].is_sent_start = False  # Doc.sents wants an annotation after the first token
        for i in starts:
            doc[i].is_sent_start = True
        return doc


@Language.factory("kg_sentences")
def make_sentence_starts(nlp: Language, name: str) -> SentenceStarts:
    return SentenceStarts(nlp)


@Language.component("kg_fields")
def mark_fields(doc: Doc) -> Doc:
    """Record where the title ends and start a sentence at the abstract's first token."""
    text = doc_text(doc)
    doc.user_data["kg_text"] = text  # Doc.text is rebuilt on each access; later components reuse this
    cut = text.find(FIELD_SEPARATOR)
    doc._.kg_title_len = cut if cut >= 0 else len(text)
    if cut >= 0:
        span = doc.char_span(cut + len(FIELD_SEPARATOR), len(text), alignment_mode="expand")
        if span is not None and span.start < len(doc):
            doc[span.start].is_sent_start = True
    return doc


@Language.component("kg_acronyms")
def find_acronyms(doc: Doc) -> Doc:
    """Schwartz–Hearst definitions, searched in title and abstract separately."""
    cut = doc._.kg_title_len
    text = doc_text(doc)
    found = find_definitions(text[:cut])
    offset = cut + len(FIELD_SEPARATOR)
    for d in find_definitions(text[offset:]):
        found.append(
            type(d)(
                d.short,
                d.short_start + offset,
                d.short_end + offset,
                d.long,
                d.long_start + offset,
                d.long_end + offset,
            )
        )
    doc._.kg_acronyms = found
    return doc


@Language.component("kg_links")
def find_links(doc: Doc) -> Doc:
    """Every cleaned URL with its kind: (start, end, url, kind)."""
    doc._.kg_links = [(s, e, url, link_kind(url)) for s, e, url in find_urls(doc_text(doc))]
    return doc


class _ShapeCache(dict):
    """orth id -> shape codes, filled on first sight of a token text; on the way, the orth ids of
    known methods with a size code glued on ("Hiera-B+", "Octo-Base") are collected in ``sized``."""

    def __init__(self, strings, method_keys: frozenset[str] = frozenset()):
        super().__init__()
        self.strings, self.method_keys = strings, method_keys
        self.sized: set[int] = set()

    def __missing__(self, orth: int) -> str:
        text = self.strings[orth]
        shape = self[orth] = token_shape(text)
        base = sized_base(text)
        if base is not None and fold(base) in self.method_keys:
            self.sized.add(orth)
        return shape


class NameFinder:
    """Name-shaped spans by token shape, plus vocabulary phrases (case-insensitive).

    Token shapes are classified once per distinct token text (cached), then the few
    multi-token patterns ("Gemma 2", "FLAN-PaLM 62B", "MCL JVC") are read off the shapes.
    """

    def __init__(self, nlp: Language, use_vocabulary: bool):
        self.lexicon = load_lexicon(use_vocabulary)
        self._shape_cache = _ShapeCache(nlp.vocab.strings, self.lexicon.method_keys)  # orth id -> shape
        lex = self.lexicon
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for matcher, label, terms in (
            (self.phrases, "METHOD", lex.method_terms),
            (self.phrases, "BENCHMARK", lex.benchmark_terms),
            (self.exact, "METHOD", lex.method_exact),
            (self.exact, "BENCHMARK", lex.benchmark_exact),
        ):
            if terms:
                matcher.add(label, list(nlp.tokenizer.pipe(sorted(set(terms)))))

    def __call__(self, doc: Doc) -> Doc:
        links = doc._.kg_links or []
        lex = self.lexicon
        # One C-level pass over the tokens; only token texts never seen before are classified.
        orths = doc.to_array(ORTH).tolist()
        shapes = list(map(self._shape_cache.__getitem__, orths))
        spans = [doc[s:e] for s, e in _name_runs(shapes)]
        spans = [_drop_sentence_opener(sp, shapes) for sp in spans]
        doc.spans["kg_names"] = [sp for sp in spans if not _inside_any(sp, links)]
        in_names = {i for sp in spans for i in range(sp.start, sp.end)}
        weak = []
        for s, e in _weak_runs(shapes):
            if doc[s].is_sent_start:
                s += 1  # "With Contriever and BM25": the capitalised opener is not part of the name
            if s < e and not any(i in in_names for i in range(s, e)):
                weak.append(doc[s:e])
        doc.spans["kg_weak_names"] = [sp for sp in weak if not _inside_any(sp, links)]
        methods, benchmarks = [], []
        for match_id, s, e in [*self.phrases(doc), *self.exact(doc)]:
            span = doc[s:e]
            if _inside_any(span, links) or (span.text.islower() and fold(span.text) not in lex.lowercase_ok):
                continue
            (benchmarks if doc.vocab.strings[match_id] == "BENCHMARK" else methods).append(span)
        doc.spans["kg_vocab_methods"] = filter_spans(methods)
        doc.spans["kg_vocab_benchmarks"] = filter_spans(benchmarks)
        hits = self._shape_cache.sized.intersection(orths)
        if hits:  # rare: most docs skip the token walk and the span group
            doc.spans["kg_vocab_sized"] = [doc[i : i + 1] for i, orth in enumerate(orths) if orth in hits]
        return doc


_NAME, _CAP, _VERSION, _SIZE, _WEAK, _TIER, _GERUND = "N", "C", "V", "S", "W", "T", "G"
_NAME_RE, _CAP_RE, _VERSION_RE, _SIZE_RE, _WEAK_RE = (
    re.compile(r) for r in (NAME_TOKEN_RE, CAP_WORD_RE, VERSION_RE, SIZE_RE, WEAK_NAME_RE)
)


@lru_cache(maxsize=1 << 16)
def token_shape(text: str) -> str:
    """Shape codes of one token text: N name, C capitalised word, V version, S size, W weak name."""
    codes = ""
    if _NAME_RE.match(text):
        codes += _NAME
    if _CAP_RE.match(text) and text not in _NOT_VERSION_HOSTS:
        codes += _CAP
    if _VERSION_RE.match(text):
        codes += _VERSION
    if _SIZE_RE.match(text):
        codes += _SIZE
    if _WEAK_RE.match(text):
        codes += _WEAK
    if text in _TIERS:
        codes += _TIER
    if len(text) > 5 and text.endswith("ing") and text[0].isupper():
        codes += _GERUND  # a verb opening a sentence ("Evaluating 16 models"), not a model name
    return codes


def _name_runs(shapes: list[str]) -> list[tuple[int, int]]:
    """Token ranges of names, longest pattern first: NAME VERSION SIZE, NAME NAME, NAME VERSION,
    NAME SIZE, NAME; a capitalised word or hyphenated pair only with a version or size ("Llama 2",
    "Retro 48B", "Open-Sora 1.2"), two capitalised words with a version ("Stable Diffusion 3");
    a tier word after the version belongs to the name ("Gemini 1.5 Pro")."""
    runs = []
    i, n = 0, len(shapes)
    while i < n:
        shape = shapes[i]
        if not shape:
            i += 1
            continue
        nxt = shapes[i + 1] if i + 1 < n else ""
        third = shapes[i + 2] if i + 2 < n else ""
        if _NAME in shape:
            if _VERSION in nxt and _SIZE in third:
                k = 3
            elif nxt and (_NAME in nxt or _VERSION in nxt or _SIZE in nxt):
                k = 2
            else:
                k = 1
        elif _GERUND in shape:
            i += 1
            continue
        elif (_CAP in shape or _WEAK in shape) and nxt and (_VERSION in nxt or _SIZE in nxt):
            k = 2
        elif _CAP in shape and _CAP in nxt and _VERSION in third:
            k = 3
        else:
            i += 1
            continue
        if _VERSION in shapes[i + k - 1] and i + k < n and _TIER in shapes[i + k]:
            k += 1
        runs.append((i, i + k))
        i += k
    return runs


def _drop_sentence_opener(span, shapes: list[str]):
    """ "Using Claude 3": a capitalised sentence opener before a two-word versioned name is not
    part of it."""
    doc = span.doc
    first, second = shapes[span.start], shapes[span.start + 1] if len(span) > 1 else ""
    if len(span) >= 3 and span[0].is_sent_start and _NAME not in first and _CAP in second:
        return doc[span.start + 1 : span.end]
    return span


def _weak_runs(shapes: list[str]) -> list[tuple[int, int]]:
    runs = []
    i, n = 0, len(shapes)
    while i < n:
        if _WEAK in shapes[i]:
            j = i
            while j < n and _WEAK in shapes[j]:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _inside_any(span, links) -> bool:
    return any(s <= span.start_char < e for s, e, _, _ in links)


@Language.factory("kg_names", default_config={"use_vocabulary": True})
def make_name_finder(nlp: Language, name: str, use_vocabulary: bool) -> NameFinder:
    return NameFinder(nlp, use_vocabulary)


class RoleAssigner:
    """Turn names, acronym definitions and cue words into role-tagged candidates."""

    def __init__(self, nlp: Language, use_vocabulary: bool):
        self.lexicon = load_lexicon(use_vocabulary)
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cues.add("CUE", list(nlp.tokenizer.pipe(self.lexicon.naming_cues)))

    def __call__(self, doc: Doc) -> Doc:
        cues: dict[int, int] = {}
        for _, start, end in self.cues(doc):
            if end < len(doc) and doc[end].lower_ in _NOT_NAMING_AFTER:
                continue  # "X, named for its grounding head": explains a name, does not give one
            cues[start] = max(cues.get(start, 0), end - start)
        doc._.kg_candidates = roles.assign(doc, self.lexicon, cues)
        return doc


@Language.factory("kg_roles", default_config={"use_vocabulary": True})
def make_role_assigner(nlp: Language, name: str, use_vocabulary: bool) -> RoleAssigner:
    return RoleAssigner(nlp, use_vocabulary)
