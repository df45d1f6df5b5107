"""Rules for names used as data: "X dataset", "on X" in an evaluation sentence, and lists
that contain a known benchmark."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract.docview import BOUNDARY, base_name, coordinated, view_of
from kg.extract.lexicon import Lexicon
from kg.extract.proposals import METRIC_HEADS

_SIZED = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?[BMT](?![A-Za-z])")


_DATA_PREPOSITIONS = {"on", "across"}
_LIST_INTRO = {"such", "including", "include", "includes", "like", "namely", "e.g.", "e.g", ":", "("}


def benchmark_contexts(
    doc: Doc, names: list[Span], lex: Lexicon, vocab_bench: list[Span], weak: list[Span]
) -> list[tuple[Span, str]]:
    """Names used as data: "X dataset", "on X" in an evaluation sentence, lists around them.

    A list containing a known benchmark makes its other members benchmarks too; capitalised
    words ("Koala") count as names only inside such a list.
    """
    view = view_of(doc)
    taken = {(sp.start, sp.end) for sp in names}
    known = {(sp.start, sp.end) for sp in vocab_bench}
    covered = {i for sp in [*names, *vocab_bench] for i in range(sp.start, sp.end)}
    extra = [sp for sp in vocab_bench if (sp.start, sp.end) not in taken]
    extra += [sp for sp in weak if sp.start not in covered]
    weak_keys = {(sp.start, sp.end) for sp in weak}
    groups = coordinated(doc, [*names, *extra])
    out: list[tuple[Span, str]] = []
    for group in groups:
        if any((sp.start, sp.end) in known for sp in group) and len(group) > 1:
            out.extend((sp, "benchmark_list") for sp in group if (sp.start, sp.end) not in known)
            continue
        weak_only = all((sp.start, sp.end) in weak_keys for sp in group)
        if weak_only and not _head_after(doc, group[-1], lex):
            # "on Blocksworld." names data; "on New classes" is an adjective.
            end = group[-1].end
            bare = end >= len(doc) or not doc[end].is_alpha or view.lowers[end] in {"and", "or"}
            if not (bare and _after_data_cue(doc, group[0], lex)):
                continue
        rule = None
        low = view.lowers
        end = group[-1].end
        if end < len(low) and low[end] in METRIC_HEADS:
            continue  # "rely on the CHAIR metric": a metric, not data
        head_follows = any(sp.end < len(low) and low[sp.end] in lex.benchmark_heads for sp in group)
        two_word_head = " ".join(low[end : end + 2]) in lex.benchmark_heads
        if head_follows or two_word_head or _modified_head(doc, end, lex) or _head_before(doc, group[0]):
            rule = "head_noun"
        first = group[0]
        if rule is None and _after_data_cue(doc, first, lex) and base_name(first.text) == first.text:
            # "trained on Mistral-7B": a sized checkpoint is a model, not data.
            rule = "context_pattern"
        if rule:
            out.extend((span, rule) for span in group if span.text.lower() not in lex.method_keys)
    return out


def _is_modifier(doc: Doc, k: int) -> bool:
    """A lower-case adjective-like word (plain or hyphenated), not a function word."""
    token = doc[k]
    low = view_of(doc).lowers[k]
    return token.is_lower and (token.is_alpha or "-" in token.text) and low not in BOUNDARY and len(low) > 3


def _modified_head(doc: Doc, k: int, lex: Lexicon) -> bool:
    """ "X and Y summarization datasets": one or two lower-case modifiers, then a benchmark head."""
    view = view_of(doc)
    lowers = view.lowers
    for n in (1, 2):
        if k + n >= len(doc) or not all(lowers[j].isalpha() and doc[j].is_lower for j in range(k, k + n)):
            continue
        if lowers[k + n] in lex.benchmark_heads and lowers[k + n].endswith("s"):
            return True
    return False


_HEADS_BEFORE = {"dataset", "corpus", "benchmark", "datasets", "benchmarks"}
_NOT_NOUN_BEFORE = {"we", "to", "and", "also", "they", "i", "you", "will", "can", "not"}


def _head_before(doc: Doc, span: Span) -> bool:
    """ "the emotional speech dataset ESD": a benchmark head noun right before the name
    (a noun: not "we benchmark X", "to benchmark X")."""
    low = view_of(doc).lowers
    k = span.start - 1
    if k < 1 or low[k] not in _HEADS_BEFORE:
        return False
    prev = doc[k - 1]
    # "the long-video benchmark LVOS": a hyphenated modifier is as good as a plain one.
    noun_phrase = prev.is_alpha or ("-" in prev.text and prev.text.replace("-", "").isalpha())
    return noun_phrase and low[k - 1] not in _NOT_NOUN_BEFORE


def _head_after(doc: Doc, span: Span, lex: Lexicon) -> bool:
    view = view_of(doc)
    return span.end < len(doc) and view.lowers[span.end] in lex.benchmark_heads


def _after_data_cue(doc: Doc, span: Span, lex: Lexicon) -> bool:
    view = view_of(doc)
    k = span.start - 1
    if k >= 1 and _is_modifier(doc, k) and view.lowers[k - 1] in _DATA_PREPOSITIONS | {"the"}:
        k -= 1  # "on the heterophilous X", "On class-conditional X"
    if k >= 0 and view.lowers[k] == "the":
        k -= 1
    if k < 0:
        return False
    prev = view.lowers[k]
    listed = any(w in _LIST_INTRO for w in view.lowers[max(0, k - 2) : k + 1])
    if prev not in _DATA_PREPOSITIONS and not listed:
        return False
    sent = view.sent(span.start)
    if _SIZED.search(span.text):
        return False  # "trained on Qwen2.5-7B-Instruct": a sized checkpoint is a model, not data
    if prev in _DATA_PREPOSITIONS:
        before = view.lowers[k - 1] if k - 1 >= sent.start else ""
        if before in lex.not_data_before_on:
            return False
        return bool(view.sent_words(sent) & lex.eval_cues)
    # "datasets such as X", "benchmarks including X", "benchmarks: X"
    if any(w in _LIST_INTRO for w in view.lowers[max(sent.start, k - 2) : k + 1]):
        return any(w in lex.benchmark_heads for w in view.lowers[max(sent.start, k - 4) : k + 1])
    return False
