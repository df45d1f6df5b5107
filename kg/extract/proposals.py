"""Rules for what a paper proposes: the title's system name, naming verbs and cues,
apposition, acronyms introduced in proposing sentences, names derived from a proposed name."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract.acronyms import Definition
from kg.extract.docview import BOUNDARY, base_name, fold, is_known, naming_cue_at, view_of
from kg.extract.lexicon import Lexicon
from kg.extract.shapes import is_name_token
from kg.extract.title import title_echo

_SUBJECTS = {"we", "our", "us", "here", "this"}


# Words between a proposing verb and a name that make the name someone else's work.
_BLOCK = {
    "using",
    "with",
    "via",
    "by",
    "than",
    "over",
    "from",
    "on",
    "based",
    "against",
    "like",
    "such",
    "including",
    "e.g.",
    "unlike",
    "compared",
    "versus",
    "vs.",
    "beyond",
    "instead",
    "extends",
    "extending",
    "surpasses",
    "outperforms",
    "outperforming",
    "beats",
    "to",
    "upon",
    "as",
}


_NEAR_BLOCK = {
    "such",
    "like",
    "including",
    "e.g.",
    "than",
    "using",
    "unlike",
    "versus",
    "vs.",
    "over",
    "with",
    "for",
    "on",
    "via",
    "by",
    "as",
    "of",
}


_KIND_WORDS = {"class", "family", "suite", "set", "series", "collection", "variant", "version"}


_EXAMPLE_WORDS = {"including", "e.g.", "e.g", "i.e.", "especially", "notably"}


_NOT_NAMED_HEADS = {"task", "problem", "setting", "phenomenon", "issue", "question", "effect", "metric"}


# Words that put a sentence's names in prior work: "Recently, Su et al. proposed ...".
_PRIOR_WORK = {
    "al.",
    "recent",
    "recently",
    "existing",
    "previous",
    "previously",
    "prior",
    "popular",
    "standard",
    "well-known",
    "widely",
    "conventional",
    "traditional",
    "original",
}


NOT_ENTITY_HEADS = {"metric", "metrics", "measure", "score", "checkpoint", "checkpoints"}
# Head nouns that make the name before them a metric even when it is known data ("GenEval
# score" is still the benchmark; "the CHAIR metric" is not).
METRIC_HEADS = {"metric", "metrics", "measure"}


def proposes_unnamed(sent: Span, lex: Lexicon) -> bool:
    """ "we propose a ...", "this paper proposes an ...": a contribution introduced without a name."""
    view = view_of(sent.doc)
    lowers = view.lowers
    if not view.sent_words(sent) & lex.proposing_verbs:
        return False
    for i in range(sent.start, sent.end - 1):
        if lowers[i] in lex.proposing_verbs and lowers[i + 1] in {"a", "an"}:
            subject = set(lowers[max(sent.start, i - 3) : i])
            if subject & {"we", "paper", "work"}:
                return True
    return False


def is_proposing(sent: Span, lex: Lexicon, proposed_keys: set[str]) -> bool:
    """A sentence about the paper's own contribution: "we/our/this paper", a passive
    "X is introduced", a naming cue, or a mention of a name already known to be proposed."""
    view = view_of(sent.doc)
    words = view.sent_words(sent)
    if words & _SUBJECTS or "paper" in words or "work" in words:
        return True
    if words & lex.proposing_verbs and words & {"is", "are", "was", "were", "be"}:
        return True
    if any(sent.start <= i < sent.end for i in view.cues):
        return True
    if not proposed_keys:
        return False
    return any(fold(w) in proposed_keys for w in words if w[:1].isalnum())


def introduced_here(doc: Doc, sent: Span, d: Definition, lex: Lexicon, proposed_keys: set[str]) -> bool:
    """An acronym defined after a proposing verb or naming cue of its sentence (and not right
    after "such as", "using", "for", "than" ...), in a passive "X (Y) is introduced", or after a
    proposed name."""
    view = view_of(doc)
    long = doc.char_span(d.long_start, d.long_end, alignment_mode="expand")
    if long is None:
        return False
    if _trained_new_name(doc, sent, long, lex):
        return True
    near = {t.lower_ for t in doc[max(sent.start, long.start - 3) : long.start]}
    if near & _NEAR_BLOCK:
        return False
    for k in range(long.start - 1, sent.start - 1, -1):
        low = view.lowers[k]
        if low in lex.use_verbs:
            return False  # "which fine-tunes the Segment Anything Model (SAM)"
        if (
            low in lex.proposing_verbs
            or naming_cue_at(doc, k, sent.end, lex)
            or fold(doc[k].text) in proposed_keys
        ):
            return True
    after = [t.lower_ for t in doc[long.end : sent.end]]
    return long.start - sent.start <= 3 and any(w in lex.proposing_verbs for w in after)


def _trained_new_name(doc: Doc, sent: Span, long: Span, lex: Lexicon) -> bool:
    """ "we train Acoustic Relay Coder (ARX), which ...": a Title Case long form right after
    "we <train/build>" is a name the paper gives (no determiner: not an existing model)."""
    k = long.start - 1
    if k < sent.start or doc[k].lower_ not in lex.acronym_intro_verbs:
        return False
    if not any(t.lower_ == "we" for t in doc[max(sent.start, k - 2) : k]):
        return False
    words = [t for t in long if t.is_alpha]
    return len(words) >= 2 and all(t.text[:1].isupper() for t in words)


def _trained_with_alias(doc: Doc, i: int, sent: Span, names_by_start) -> Span | None:
    """ "we train SpanMix (SMX) on ...": a name given its short form in parentheses right after
    "we <train>" is introduced here (an existing model would not need the alias)."""
    if not any(t.lower_ == "we" for t in doc[max(sent.start, i - 2) : i]):
        return None
    span = names_by_start.get(i + 1)
    if span is None or span.end + 2 >= sent.end:
        return None
    inner = doc[span.end + 1]
    if doc[span.end].text != "(" or doc[span.end + 2].text != ")" or not inner.text[:1].isupper():
        return None
    return span


def appositions(sent: Span, names: list[Span], lex: Lexicon, head_only: bool = False):
    """ "X, a novel ..." and "a new benchmark, X," introduce X (``head_only``: only the second)."""
    view = view_of(sent.doc)
    doc = sent.doc
    low = view.lowers
    heads = lex.method_heads | lex.benchmark_heads
    words = view.sent_words(sent)
    if words & _PRIOR_WORK and head_only:
        return
    for span in names:
        s, e = span.start, span.end
        if not (sent.start <= s < sent.end) or set(low[max(sent.start, s - 3) : s]) & _BLOCK:
            continue
        after = low[e : min(sent.end, e + 3)]
        introduced = len(after) >= 2 and after[0] == ","
        introduced = introduced and (after[1] in {"a", "an", "our"} or after[1:] == ["the", "first"])
        if not head_only and introduced:
            yield span, "apposition"
            continue
        if s - 2 < sent.start or low[s - 1] != ",":
            continue
        if not (e >= sent.end or low[e] in {",", ".", "(", ";"}):
            continue
        head = low[s - 2]
        ours = "our" in low[max(sent.start, s - 4) : s]
        verb_here = bool(words & lex.proposing_verbs)
        if not (head in heads or (not head_only and doc[s - 2].is_alpha and (verb_here or ours))):
            continue
        window = low[max(sent.start, s - 8) : s - 2]
        if any(w in {"a", "an", "novel", "new", "our"} for w in window) and not words & _PRIOR_WORK:
            yield span, "apposition"


def proposals_in(sent, names_by_start, long_spans, lex: Lexicon, skip_words, title_grams):
    """(span, rule) of names the sentence introduces as the paper's own."""
    view = view_of(sent.doc)
    doc = sent.doc
    lowers = view.lowers
    words = view.sent_words(sent)
    trains = "we" in words and not words.isdisjoint(lex.acronym_intro_verbs)
    if (
        words.isdisjoint(lex.proposing_verbs)
        and "our" not in words
        and not trains
        and not any(sent.start <= c < sent.end for c in view.cues)
    ):
        return  # nothing here can introduce a name: skip the token walk
    i = sent.start
    while i < sent.end:
        low = lowers[i]
        if trains and low in lex.acronym_intro_verbs and low not in lex.proposing_verbs:
            span = _trained_with_alias(doc, i, sent, names_by_start)
            if span is not None:
                yield span, "naming_verb"
            i += 1
            continue
        if low not in lex.proposing_verbs and low != "our" and i not in view.cues:
            i += 1
            continue
        cue = naming_cue_at(doc, i, sent.end, lex)
        if cue and doc[i - 1 if doc[i - 1].text != "," else i - 2].lower_ in _NOT_NAMED_HEADS:
            i += cue
            continue
        if cue:
            start = i + cue
            if lowers[start - 1] == "call":
                start = _skip_called_object(doc, start, sent.end, lex)
            found = list(_scan(doc, start, sent.end, names_by_start, long_spans, 3, True, after_cue=True))
            if not found:
                # "called sparse rate reduction, that ...": a lower-case name ends at punctuation.
                phrase = _lower_phrase(doc, i + cue, sent.end, lex)
                found = [phrase] if phrase is not None else []
            for span in found:
                yield span, "naming_verb"
            i += cue
            continue
        if low in lex.proposing_verbs and _used_as_noun(doc, i):
            i += 1  # "a dual-branch design: a SigLIP encoder ...": the noun, not the verb
            continue
        if low in lex.proposing_verbs and not any(i < c < sent.end for c in view.cues):
            if i + 1 < sent.end and lowers[i + 1] in lex.use_verbs:
                i += 2  # "we propose fine-tuning SegFormer": what is used, not what is proposed
                continue
            found = list(_scan(doc, i + 1, sent.end, names_by_start, long_spans, limit=12, allow_title=True))
            for span in found:
                yield span, "proposing_verb"
            we_before = any(t.lower_ == "we" for t in doc[max(sent.start, i - 3) : i])
            cue_in_sentence = any(sent.start <= c < sent.end for c in view.cues)
            if not found and we_before and not cue_in_sentence:
                echo = title_echo(doc, i + 1, sent.end, skip_words, title_grams, lex)
                if echo is not None:
                    yield echo, "title_echo"
                else:
                    appo = _lower_apposition(doc, i + 1, sent.end, skip_words, lex)
                    if appo is not None:
                        yield appo, "apposition"
                    else:
                        bare = _bare_phrase(doc, i + 1, sent.end, lex)
                        if bare is not None:
                            yield bare, "bare_object"
        elif low == "our" and i + 1 < sent.end and i + 1 in names_by_start:
            yield names_by_start[i + 1], "our_name"
        elif low == "our":
            named = _named_before_our(doc, i, sent, names_by_start, lex)
            if named is not None:
                yield named, "apposition"
        i += 1


_CALLED_OBJECT = {"the", "this", "these", "our", "it", "them", "such", "a", "an", "resulting", "final", "new"}


def _skip_called_object(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """ "we call the resulting model X", "we call this approach X": the name follows the object."""
    view = view_of(doc)
    k = start
    while k < end and k - start < 4 and view.lowers[k] in _CALLED_OBJECT:
        k += 1
    if k < end and k > start and view.lowers[k] in lex.method_heads | lex.benchmark_heads:
        k += 1
    return k


def _named_before_our(doc: Doc, i: int, sent: Span, names_by_start, lex: Lexicon) -> Span | None:
    """ "Fennet, our lightweight recogniser, beats ...": a name in apposition to "our <noun>"
    (closed by a comma or the sentence end) is the paper's own."""
    view = view_of(doc)
    if i - 2 < sent.start or doc[i - 1].text != ",":
        return None
    if not any(doc[j].text in {",", "(", ";"} for j in range(i + 2, min(sent.end, i + 7))):
        return None  # "On data X, our model reaches ...": no closing comma, a clause, not an apposition
    span = next((sp for sp in names_by_start.values() if sp.end == i - 1), None)
    if span is None:
        token = doc[i - 2]
        if token.is_sent_start or not (token.is_alpha and token.text[:1].isupper()) or token.is_upper:
            return None
        if view.lowers[i - 3] in {"the", "a", "an"} if i - 3 >= sent.start else False:
            return None
        span = doc[i - 2 : i - 1]
    if set(view.lowers[max(sent.start, span.start - 3) : span.start]) & _OUR_BLOCK:
        return None  # "On class-conditional X, our ...": the data an experiment runs on
    if lex.is_stop(span.text) or is_known(span.text, lex):
        return None
    return span


_OUR_BLOCK = {"on", "in", "at", "for", "from", "of", "to", "across", "over", "with", "than", "like"}


_NOUN_BEFORE = {"a", "an", "the", "this", "that", "its", "their", "whose"}


def _used_as_noun(doc: Doc, i: int) -> bool:
    """ "a simple design", "the dual-branch design": a determiner or a hyphenated modifier
    before a proposing verb's word makes it a noun."""
    if i == 0:
        return False
    prev = doc[i - 1]
    return prev.lower_ in _NOUN_BEFORE or ("-" in prev.text and prev.is_lower)


_QUOTED = re.compile(r"(?:``|\")([A-Za-z][\w\- ]{1,40}?)(?:''|\")")


def _lower_phrase(doc: Doc, start: int, end: int, lex: Lexicon, limit: int = 5) -> Span | None:
    """Lower-case words from ``start`` up to punctuation: a name given in plain words."""
    view = view_of(doc)
    k = start
    while k < end and k - start < limit and (doc[k].is_alpha or "-" in doc[k].text) and doc[k].is_lower:
        if view.lowers[k] in BOUNDARY:
            break
        k += 1
    if k == start or (k < end and doc[k].text not in {",", ".", ";", "(", ":"}):
        return None
    span = doc[start:k]
    if (len(span) == 1 and "-" not in span.text) or lex.is_stop(span.text):
        return None
    return span


_BARE_STARTS = {
    "a",
    "an",
    "the",
    "our",
    "two",
    "three",
    "four",
    "several",
    "multiple",
    "various",
    "both",
    "each",
    "here",
    "this",
    "that",
    "these",
    "those",
    "such",
    "some",
    "many",
    "new",
    "novel",
    "further",
    "also",
    "it",
    "them",
    "its",
    "their",
    "how",
    "what",
    "which",
    "first",
    "simple",
    "efficient",
    "effective",
    "additional",
}


def _bare_phrase(doc: Doc, start: int, end: int, lex: Lexicon) -> Span | None:
    """ "we propose temporal-aware spatial compression to ...": a determiner-less, coined
    (hyphenated) lower-case phrase right after the verb is used as a name."""
    view = view_of(doc)
    if start >= end or view.lowers[start] in _BARE_STARTS or view.lowers[start].endswith("ing"):
        return None
    k = start
    while k < end and k - start < 4 and doc[k].is_lower and (doc[k].is_alpha or "-" in doc[k].text):
        if view.lowers[k] in BOUNDARY:
            break
        k += 1
    if k == start or k - start > 3 or (k < end and doc[k].is_alpha and view.lowers[k] not in BOUNDARY):
        return None
    span = doc[start:k]
    if not any("-" in t.text for t in span) or lex.is_stop(span.text) or span[-1].lower_ in lex.method_heads:
        return None
    return span


def _lower_apposition(doc: Doc, start: int, end: int, skip_words, lex: Lexicon) -> Span | None:
    """ "we propose homologous recognition, an auxiliary task": a plain-words name in apposition."""
    view = view_of(doc)
    k = start
    while k < end and view.lowers[k] in skip_words:
        k += 1
    span = _lower_phrase(doc, k, end, lex, limit=4)
    if span is None or span.end + 1 >= end:
        return None
    if doc[span.end].text == "," and view.lowers[span.end + 1] in {"a", "an"}:
        return span
    return None


def quoted_names(sent: Span, lex: Lexicon) -> list[Span]:
    """Quoted terms in a sentence that proposes something: "based on ``bias adaptation''"."""
    view = view_of(sent.doc)
    if not view.sent_words(sent) & lex.proposing_verbs:
        return []
    out = []
    sent_text = view.text[sent.start_char : sent.end_char]
    for match in _QUOTED.finditer(sent_text):
        span = sent.doc.char_span(sent.start_char + match.start(1), sent.start_char + match.end(1))
        rest = sent_text[match.end() :].lstrip("'\" ")
        if (
            span is not None
            and len(span) <= 4
            and not lex.is_stop(span.text)
            and re.match(r",\s+an?\b", rest)
        ):
            out.append(span)
    return out


def derived_names(
    names: list[Span], proposed_keys: set[str], lex: Lexicon, proposed_names: list[str]
) -> list[Span]:
    """ "Moto-GPT", "Step-Video-T2V-Eval", "Flan-UL2": names built on a proposed name."""
    family_heads = {fold(n.split("-")[0]) for n in proposed_names if "-" in n}
    out = []
    for span in names:
        parts = base_name(span.text).split("-")
        if len(parts) < 2 or fold(span.text) in proposed_keys or is_known(span.text, lex):
            continue
        pieces = {fold("-".join(parts[:n])) for n in range(1, len(parts))}
        pieces |= {fold("-".join(parts[n:])) for n in range(1, len(parts))}
        # "DQ-Transformer" next to a proposed "DQ-VAE": one family of names.
        if len(parts[0]) >= 2 and is_name_token(parts[0]) and fold(parts[0]) in family_heads:
            out.append(span)
            continue
        followed = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        if pieces & proposed_keys and followed not in NOT_ENTITY_HEADS:
            out.append(span)
    return out


def article_titles(sent: Span, lex: Lexicon) -> list[Span]:
    """ "we design X with an Auto-Correlation mechanism": a capitalised name after "a/an" in a
    sentence that proposes something, followed by a method head noun."""
    view = view_of(sent.doc)
    doc = sent.doc
    words = view.sent_words(sent)
    if not words & lex.proposing_verbs or "we" not in words:
        return []
    out = []
    for k in range(sent.start, sent.end - 2):
        if view.lowers[k] not in {"a", "an"}:
            continue
        j = k + 1
        while j < sent.end and doc[j].text[:1].isupper() and (doc[j].is_alpha or "-" in doc[j].text):
            j += 1
        if j == k + 1 or j >= sent.end:
            continue
        run = doc[k + 1 : j]
        # "a SigLIP encoder": a name-shaped word is someone's model, not a coined Title Case name.
        if any(is_known(t.text, lex) or is_name_token(t.text) for t in run):
            continue
        if (run[-1].lower_ in lex.method_heads and len(run) >= 2) or view.lowers[j] in lex.method_heads:
            out.append(run)
    return out


def _scan(doc, start, end, names_by_start, long_spans, limit, allow_title, after_cue=False):
    """Names from ``start``: the first one before a clause boundary, then names coordinated with it."""
    view = view_of(doc)
    k = start
    stop = min(end, start + limit)
    while k < stop:
        token = doc[k]
        if token.lower_ == "of" and k > start and doc[k - 1].lower_ in _KIND_WORDS:
            k += 1  # "we propose a class of MI-alpha objectives": the name follows "a class of"
            continue
        if token.lower_ in BOUNDARY or token.lower_ in _EXAMPLE_WORDS:
            return  # "we benchmark segmenters, including X": examples are others' work
        span = _name_at(doc, k, end, names_by_start, long_spans, allow_title, after_cue)
        if span is not None:
            yield span
            # Coordinated names: "X and Y", "X, Y and Z".
            j = span.end
            while j < end:
                m = j
                while m < end and (doc[m].text in {",", "and", "&"} or view.lowers[m] == "and"):
                    m += 1
                if m == j:
                    break
                nxt = _name_at(doc, m, end, names_by_start, long_spans, allow_title)
                if nxt is None:
                    break
                yield nxt
                j = nxt.end
            return
        k += 1


def _name_at(doc, k, end, names_by_start, long_spans, allow_title, after_cue=False) -> Span | None:
    if k in long_spans:
        return long_spans[k][0]
    if k in names_by_start:
        return names_by_start[k]
    if not allow_title:
        return None
    # A Title Case run ("Superposed Decoding", "Prepacking,"): a name when it is not the
    # sentence's first word and is followed by apposition punctuation or more Title Case.
    j = k
    while (
        j < end
        and doc[j].text[:1].isupper()
        and doc[j].is_alpha | ("-" in doc[j].text)
        and not doc[j].is_sent_start
    ):
        j += 1
    if j == k:
        return None
    closers = _CUE_CLOSERS if after_cue else _CLOSERS
    if j - k == 1 and not (j < end and doc[j].text in closers) and not (after_cue and j == end):
        return None  # after "called", "X." ends the name; elsewhere one capitalised word is a word
    return doc[k:j]


_CLOSERS = frozenset({",", "(", "-", ":", "and", "or", ";"})
_CUE_CLOSERS = _CLOSERS | {"."}


def proposal_kind(span: Span, sent: Span, lex: Lexicon) -> str:
    """benchmark when the head noun that the name stands in apposition to says dataset/benchmark:
    "X, a benchmark of ...", "X dataset", "a new benchmark, X" (naming words skipped)."""
    view = view_of(sent.doc)
    doc = span.doc
    after = [t.lower_ for t in doc[span.end : min(sent.end, span.end + 8)]]
    if after and after[0] in {",", "(", ":"}:
        after = after[1:]
        for w in after:
            if w in lex.benchmark_heads:
                return "benchmark"
            if w in lex.method_heads:
                return "method"
            if w in BOUNDARY or w in {",", ";", ".", "that", "which", "and", "or"}:
                break  # "X, and test ten models": a new clause, not an apposition
    elif after and after[0] in lex.benchmark_heads:
        return "benchmark"
    k = span.start - 1
    while k >= sent.start and (
        doc[k].text in {",", ":"}
        or naming_cue_at(doc, k, sent.end, lex)
        or view.lowers[k] in {"called", "named", "dubbed", "termed", "as"}
    ):
        k -= 1
    if k >= sent.start and view.lowers[k] in lex.benchmark_heads:
        return "benchmark"
    head = _head_before_phrase(view.lowers, k, sent.start, lex)
    return "benchmark" if head is not None and head in lex.benchmark_heads else "method"


_PHRASE_PREPS = {"for", "of", "on", "in", "with", "from", "about", "covering", "spanning", "across"}


def _head_before_phrase(lowers: list[str], k: int, start: int, lex: Lexicon, limit: int = 6) -> str | None:
    """ "a dataset for it, called X", "a new benchmark for long-form generation, named X": the head
    noun before a prepositional phrase that ends at the naming cue (``k`` is its last word)."""
    heads = lex.benchmark_heads | lex.method_heads
    for j in range(k, max(start, k - limit) - 1, -1):
        word = lowers[j]
        if word in heads:
            return word if j + 1 <= k and lowers[j + 1] in _PHRASE_PREPS else None
        if word in {",", ";", ":", ".", "which", "that", "and", "or"}:
            return None
    return None
