"""Decide, from cues in the text, which names a paper proposes, mentions or evaluates on.

Every rule emits ``Candidate`` occurrences; ``assemble`` merges them into entities, so a
name may get several roles and the strongest (proposed > benchmark > method) wins there.
The rules live in ``proposals``, ``data_cues`` and ``method_cues``; this module runs them
in order and applies the per-doc stop list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.extract.acronyms import Definition
from kg.extract.candidates import Candidate
from kg.extract.data_cues import benchmark_contexts
from kg.extract.docview import (
    DocView,
    attach_view,
    base_name,
    detach_view,
    find_cues,
    fold,
    is_known,
    sized_base,
    view_of,
)
from kg.extract.lexicon import Lexicon, read_list, spelling_key
from kg.extract.method_cues import context_methods
from kg.extract.proposals import (
    METRIC_HEADS,
    NOT_ENTITY_HEADS,
    appositions,
    article_titles,
    derived_names,
    introduced_here,
    is_proposing,
    proposal_kind,
    proposals_in,
    proposes_unnamed,
    quoted_names,
)
from kg.extract.shapes import CAP_WORD_RE, VERSION_RE, is_name_token, is_split_name
from kg.extract.title import LazyTitleGrams, title_colon, title_phrase, title_says_benchmark


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    generic = frozenset(read_list("generic_long_form_heads.txt"))
    skip = frozenset(read_list("proposal_skip_words.txt"))
    mods = read_list("name_modifier_suffixes.txt")
    modifier = re.compile(r"-(?:" + "|".join(map(re.escape, mods)) + r"|[a-z]+ed)$")
    return generic, skip, modifier


@lru_cache(maxsize=1)
def _size_words() -> frozenset[str]:
    return frozenset(read_list("size_words.txt"))


def assign(doc: Doc, lex: Lexicon, cues: dict[int, int] | None = None) -> list[Candidate]:
    """All role-tagged candidates of one title+abstract doc.

    ``cues`` maps the token index where a naming cue ("called", "named as") starts to its length.
    """
    view = attach_view(doc, cues if cues is not None else find_cues(doc, lex))
    try:
        return _assign(doc, lex, view)
    finally:
        detach_view(doc)  # the view holds spans of the doc: a reference cycle if left on it


def _assign(doc: Doc, lex: Lexicon, view: DocView) -> list[Candidate]:
    generic_heads, skip_words, modifier = _lists()
    cands: list[Candidate] = []
    definitions = doc._.kg_acronyms or []
    generic = {
        fold(part)
        for d in definitions
        if _generic_definition(d, lex, generic_heads)
        for part in [d.short, *d.short.split("/")]
    }
    defined = {fold(d.short) for d in definitions if _names_a_method(d, lex)} - generic
    # "MAE" next to "RMSE" or "forecasting" is the error metric; elsewhere the masked autoencoder.
    words = set(view.lowers)
    generic |= {key for key, cues in lex.ambiguous.items() if cues & words and key not in defined}
    stop = _DocStops(lex, generic, defined)
    names: list[Span] = []
    for span in doc.spans["kg_names"]:
        if _bracketed(doc, span.start_char, span.end_char):
            continue
        for piece in _pieces(span, stop, modifier):
            match = modifier.search(piece.text)
            if match:
                # "BERT-style encoder", "mT5-sized models": a mention of the name before the suffix;
                # "a GSM8K-trained verifier": the data it was trained on.
                text = piece.text[: match.start()]
                if is_name_token(text) and not stop(text):
                    end = piece.start_char + len(text)
                    on_data = match.group(0) == "-trained" and fold(text) not in lex.method_keys
                    role = "benchmark" if on_data else "method"
                    cands.append(Candidate(piece.start_char, end, text, role, "name_modifier", 0.6, role))
                continue
            if stop(piece.text) or stop(base_name(piece.text)) or stop(piece[0].text):
                continue
            if piece.text in _size_words():
                continue  # "XL" split off "Stable Diffusion XL": a size, not a name
            names.append(piece)
    acronyms = [d for d in definitions if not stop(d.short)]
    long_spans: dict[int, tuple[Span, Definition]] = {}
    for d in acronyms:
        span = doc.char_span(d.long_start, d.long_end, alignment_mode="expand")
        if span is not None:
            long_spans[span.start] = (span, d)
    names_by_start = {sp.start: sp for sp in names}
    title_len = doc._.kg_title_len

    proposed_keys: set[str] = set()
    colon = title_colon(doc, title_len, lex)
    kind_of_colon = None
    if colon is not None:
        kind_of_colon = (
            "benchmark" if title_says_benchmark(view.text[colon.end_char : title_len], lex) else "method"
        )
        cands.append(
            Candidate(
                colon.start_char, colon.end_char, colon.text, "proposed", "title_colon", 0.95, kind_of_colon
            )
        )
        proposed_keys.add(fold(colon.text))

    title_grams = LazyTitleGrams(doc, title_len)
    proposing_sents: set[int] = set()
    sent_names: dict[int, list[Span]] = {}
    for span in names:
        sent_names.setdefault(view.sent(span.start).start, []).append(span)
    for sent in view.sents:
        if sent.start_char < title_len:
            continue
        if not is_proposing(sent, lex, proposed_keys):
            # "A video-based DPO approach, Video-DPO, is applied": a head noun in apposition
            # introduces a name even outside a "we propose" sentence.
            for span, rule in appositions(sent, sent_names.get(sent.start, []), lex, head_only=True):
                if not is_known(span.text, lex):
                    kind = proposal_kind(span, sent, lex)
                    cands.append(
                        Candidate(span.start_char, span.end_char, span.text, "proposed", rule, 0.7, kind)
                    )
                    proposed_keys.add(fold(span.text))
            continue
        proposing_sents.add(sent.start)
        found = list(proposals_in(sent, names_by_start, long_spans, lex, skip_words, title_grams))
        found += list(appositions(sent, sent_names.get(sent.start, []), lex))
        found += [(span, "quoted_name") for span in quoted_names(sent, lex)]
        found += [(span, "article_name") for span in article_titles(sent, lex)]
        colon_here = (
            colon is not None and colon.text.lower() in view.text[sent.start_char : sent.end_char].lower()
        )
        for span, rule in found:
            # "X: a dataset ... yields a model, called Y": a model trained on the title's dataset
            # is a second contribution, not another name of the dataset.
            if (
                colon_here
                and kind_of_colon == "method"
                and rule == "naming_verb"
                and fold(span.text) != fold(colon.text)
            ):
                cands.append(
                    Candidate(
                        span.start_char,
                        span.end_char,
                        span.text,
                        "proposed",
                        rule,
                        0.85,
                        link=fold(colon.text),
                    )
                )
            if is_known(span.text, lex) or (
                span.end < len(doc) and view.lowers[span.end] in NOT_ENTITY_HEADS
            ):
                continue
            kind = proposal_kind(span, sent, lex)
            cands.append(Candidate(span.start_char, span.end_char, span.text, "proposed", rule, 0.85, kind))
            proposed_keys.add(fold(span.text))

    for d in acronyms:
        span = doc.char_span(d.short_start, d.short_end, alignment_mode="expand")
        in_proposing = (
            span is not None
            and view.sent(span.start).start in proposing_sents
            and not is_known(d.short, lex)
            and introduced_here(doc, view.sent(span.start), d, lex, proposed_keys)
        )
        keys = {fold(d.short), fold(d.long)}
        role = "proposed" if keys & proposed_keys or in_proposing else "method"
        link = fold(d.short)
        cands.append(
            Candidate(d.short_start, d.short_end, d.short, role, "acronym_definition", 0.9, link=link)
        )
        cands.append(
            Candidate(
                d.long_start, d.long_end, d.long, role, "acronym_definition", 0.9, link=link, long_form=True
            )
        )

    proposed_names = [c.surface for c in cands if c.role == "proposed"]
    for span in derived_names(names, proposed_keys, lex, proposed_names):
        cands.append(Candidate(span.start_char, span.end_char, span.text, "proposed", "derived_name", 0.7))

    if colon is None and not any(c.role == "proposed" for c in cands):
        phrase = title_phrase(doc, title_len, lex)
        if phrase is not None and any(proposes_unnamed(sent, lex) for sent in view.sents):
            cands.append(
                Candidate(phrase.start_char, phrase.end_char, phrase.text, "proposed", "title_phrase", 0.6)
            )
            proposed_keys.add(fold(phrase.text))

    cands.extend(_paren_aliases(doc, names, lex))
    vocab_bench = [
        sp
        for sp in doc.spans["kg_vocab_benchmarks"]
        if not stop(sp.text) and not (sp.end < len(doc) and view.lowers[sp.end] in METRIC_HEADS)
    ]
    # Title Case makes every title word capitalised: weak names count in the abstract only.
    weak = [
        sp
        for sp in doc.spans["kg_weak_names"]
        if sp.start_char > title_len and not stop(sp.text) and not is_known(sp.text, lex)
    ]
    bench_spans = benchmark_contexts(doc, names, lex, vocab_bench, weak)
    for span in vocab_bench:
        if not lex.is_stop(span.text):
            cands.append(
                Candidate(span.start_char, span.end_char, span.text, "benchmark", "vocab", 0.9, "benchmark")
            )
    for span, rule in bench_spans:
        cands.append(
            Candidate(span.start_char, span.end_char, span.text, "benchmark", rule, 0.75, "benchmark")
        )
    for span, rule in context_methods(doc, lex, weak, names, stop):
        if rule.startswith("long_form_of:"):
            link = fold(rule.split(":", 1)[1])
            cands.append(
                Candidate(
                    span.start_char,
                    span.end_char,
                    span.text,
                    "method",
                    "apposed_long_form",
                    0.7,
                    link=link,
                    long_form=True,
                )
            )
            continue
        cands.append(Candidate(span.start_char, span.end_char, span.text, "method", rule, 0.6))
    for span in doc.spans["kg_vocab_methods"]:
        if span.start_char < title_len and _PLAIN_WORD.match(span.text):
            continue  # Title Case makes "A Strong Performer" look like the model: abstract only
        if not lex.is_stop(span.text) and fold(span.text) not in generic:
            link = lex.method_entry.get(fold(span.text))
            cands.append(
                Candidate(span.start_char, span.end_char, span.text, "method", "vocab", 0.8, link=link)
            )
    for span in doc.spans.get("kg_vocab_sized", ()):
        # "Hiera-B+": the known model under its base name (guidelines: sizes are aliases).
        base = sized_base(span.text)
        metric = span.end < len(doc) and view.lowers[span.end] in NOT_ENTITY_HEADS  # "CLIP-T score"
        if base is not None and not metric and not stop(base):
            link = lex.method_entry.get(fold(base))
            end = span.start_char + len(base)
            cands.append(Candidate(span.start_char, end, base, "method", "vocab_sized", 0.7, link=link))
    for span in names:
        if span.end < len(doc) and view.lowers[span.end] in NOT_ENTITY_HEADS:
            continue  # "the LaMP-BertScore metric": a metric, not a method
        if _known_benchmark(span, lex):
            cands.append(
                Candidate(span.start_char, span.end_char, span.text, "benchmark", "vocab", 0.8, "benchmark")
            )
            continue
        cands.append(Candidate(span.start_char, span.end_char, span.text, "method", "name_shape", 0.6))
    links = doc._.kg_links or []
    if links:  # "code at https://...": a phrase running into a URL is not a name
        cands = [c for c in cands if not any(s < c.end and c.start < e for s, e, _, _ in links)]
    return cands


def _known_benchmark(span: Span, lex: Lexicon) -> bool:
    """A name the benchmark vocabulary claims (and the method vocabulary does not), whatever the
    spelling ("UCF101" for UCF-101) or a version after it ("LiveCodeBench v5"): never a method."""
    text = span.text
    if fold(text) not in lex.benchmark_keys:  # fold is looser than spelling: a cheap first test
        if len(span) == 1 or fold(span[0].text) not in lex.benchmark_keys:
            return False
        if not all(_VERSION.match(t.text) for t in span[1:]):
            return False
        text = span[0].text
    spelled = lex.benchmark_spellings
    if spelling_key(text) not in spelled and spelling_key(text, keep_case=True) not in spelled:
        return False
    return fold(text) not in lex.method_keys


_VERSION = re.compile(VERSION_RE)
_PLAIN_WORD = re.compile(CAP_WORD_RE)  # "Whisper", "Performer": a name only by the vocabulary


def _pieces(span: Span, stop, modifier: re.Pattern[str]) -> list[Span]:
    """The names a two-name run really holds: "MCL JVC" is one name, "GPU GEMMs" (a stop part),
    "HuBERT-based ASR" (a modifier suffix), "CLIP ViT-L/14" and "ViT-B VideoMAE" (a sized
    checkpoint next to a name) are two; "MS-COCO val2017" is the data without its split."""
    if len(span) != 2 or not is_name_token(span[1].text):
        return [span]
    first, second = span[0].text, span[1].text
    if is_split_name(second):
        return [span[0:1]]
    if (
        modifier.search(first)
        or stop(first)
        or stop(second)
        or base_name(first) != first
        or base_name(second) != second
    ):
        return [span[0:1], span[1:2]]
    return [span]


class _DocStops:
    """Stop terms for one doc: the shared list, minus acronyms this text defines as something
    specific ("masked autoencoders (MAE)"), plus acronyms it defines as a task or field
    ("extremely fine-grained controllable generation (EFCG)"), plus compounds of stop parts
    ("NL-PL", "pre-LLM", "AI-accelerators")."""

    def __init__(self, lex: Lexicon, generic: set[str], defined: set[str]):
        self.lex, self.generic, self.defined = lex, generic, defined
        self.seen: dict[str, bool] = {}  # rules ask about the same surfaces many times per doc

    def __call__(self, text: str) -> bool:
        answer = self.seen.get(text)
        if answer is None:
            answer = self.seen[text] = self._decide(text)
        return answer

    def _decide(self, text: str) -> bool:
        key = fold(text)
        if key in self.generic:
            return True
        if key in self.lex.stop_keys:
            return key not in self.defined
        if "-" not in text and "/" not in text:
            return False
        parts = [p for p in _PARTS.split(text) if p]
        if len(parts) < 2 or parts[-1].lower() in _GREEK:
            return False  # "MI-alpha": a Greek-letter variant names one objective
        stops = [fold(p) in self.lex.stop_keys or fold(p) in self.generic for p in parts]
        return any(stops) and all(st or p.islower() for st, p in zip(stops, parts, strict=True))


_PARTS = re.compile(r"[-/]")


_GREEK = frozenset(
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi",
        "chi", "psi", "omega",
    }
)  # fmt: skip


def _names_a_method(d: Definition, lex: Lexicon) -> bool:
    """The long form is a known method or ends in a method head noun ("masked autoencoders")."""
    last = d.long.split()[-1].lower().split("-")[-1] if d.long.split() else ""
    return fold(d.long) in lex.method_keys or last in lex.method_heads or fold(last) in _METHOD_WORDS


_METHOD_WORDS = {"autoencoder", "encoder", "decoder", "transformer", "attention", "former"}


def _bracketed(doc: Doc, start: int, end: int) -> bool:
    """ "[CLS]": special tokens written in square brackets are not names."""
    view = view_of(doc)
    text = view.text
    return start > 0 and text[start - 1] == "[" and text[end : end + 1] == "]"


def _generic_definition(d: Definition, lex: Lexicon, generic_heads: frozenset[str]) -> bool:
    """A definition of a field, task, metric or generic class rather than of one method."""
    if fold(d.short) in lex.method_keys or fold(d.long) in lex.method_keys:
        return False  # "Conservative Q-Learning (CQL)": a known method, whatever its head word
    words = d.long.split()
    last = words[-1].lower().split("-")[-1] if words else ""
    return lex.is_stop(d.long) or last in generic_heads


def _paren_aliases(doc: Doc, names: list[Span], lex: Lexicon) -> list[Candidate]:
    """ "MrT5 (MergeT5)": a second name in parentheses right after a name is its alias."""
    out = []
    by_start = {sp.start: sp for sp in names}
    for span in names:
        k = span.end
        if k + 2 < len(doc) and doc[k].text == "(" and k + 1 in by_start:
            inner = by_start[k + 1]
            if (
                inner.end < len(doc)
                and doc[inner.end].text == ")"
                and not is_known(inner.text, lex)
                and not is_known(span.text, lex)
            ):
                out.append(
                    Candidate(
                        inner.start_char,
                        inner.end_char,
                        inner.text,
                        "method",
                        "paren_alias",
                        0.6,
                        link=fold(span.text),
                    )
                )
    return out
