"""Rules for methods named by context rather than shape: examples after "such as",
capitalised models after comparison words, and a name before a method head noun."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.acronyms import initials_window, match_long_form
from kg.extract.docview import coordinated, cue_firsts, fold, is_known, view_of
from kg.extract.lexicon import Lexicon

_METHOD_CLASS_WORDS = {
    "methods",
    "approaches",
    "techniques",
    "algorithms",
    "models",
    "baselines",
    "strategies",
    "architectures",
    "schemes",
    "objectives",
    "works",
    "frameworks",
    "method",
    "approach",
    "technique",
    "algorithm",
    "model",
    "strategy",
    "objective",
    "scheme",
    "tricks",
    "trick",
    "variants",
    "alternatives",
    "mechanisms",
    "encoders",
    "decoders",
    "backbones",
    "networks",
    "retrievers",
    "forecasters",
    "detectors",
    "segmenters",
    "generators",
    "policies",
    "systems",
}


_NOT_IN_TECHNIQUE = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "more",
    "most",
    "less",
    "very",
    "other",
    "various",
    "such",
    "their",
    "its",
    "our",
    "this",
    "these",
    "those",
    "efficient",
    "new",
    "novel",
}


def context_methods(
    doc: Doc, lex: Lexicon, weak: list[Span], names: list[Span], stop
) -> list[tuple[Span, str]]:
    """Methods named by example or by a head noun:
    "such as bits-back coding" / "e.g., self-attention distillation" (lower-case technique names),
    "existing methods, including Skip Decoding, and Mixture-of-Depth" (capitalised list items),
    "the Mamba network", "the Magicoder approach" (a capitalised word before a method head)."""
    view = view_of(doc)
    out: list[tuple[Span, str]] = []
    lowers = view.lowers
    name_starts = {sp.start for sp in names}
    weak_by_start = {sp.start: sp for sp in weak}
    firsts = cue_firsts(lex.example_cues)
    for i in [i for i, w in enumerate(lowers) if w in firsts]:
        n = _example_cue_len(lowers, i, lex)
        if not n:
            continue
        k = i + n
        while k < len(doc) and doc[k].text == ",":
            k += 1
        sent = view.sent(i)
        class_before = any(lowers[j] in _METHOD_CLASS_WORDS for j in range(max(sent.start, i - 6), i))
        # Walk the list after the cue.
        while k < sent.end:
            if k in weak_by_start and class_before:
                span = weak_by_start[k]
                if (not stop(span.text) and not is_known(span.text, lex)) or fold(
                    span.text
                ) in lex.method_keys:
                    out.append((span, "example_list"))
                k = span.end
            elif k in name_starts:
                k += 1
                while k < sent.end and k not in name_starts and doc[k].text not in {",", "and", "or"}:
                    k += 1
            else:
                phrase = _technique_phrase(doc, k, sent.end, lex) if class_before else None
                if phrase is None:
                    break
                if not stop(phrase.text):
                    out.append((phrase, "example_list"))
                k = phrase.end
            if k < sent.end and doc[k].text in {",", "and", "or"}:
                while k < sent.end and doc[k].text in {",", "and", "or"}:
                    k += 1
                continue
            break
    groups = coordinated(doc, [*weak, *names])
    weak_keys = {(sp.start, sp.end) for sp in weak}
    compare_firsts = cue_firsts(lex.comparison_cues)
    for group in groups:
        members = [sp for sp in group if (sp.start, sp.end) in weak_keys]
        if not members:
            continue
        first = group[0]
        # "outperforms Whisper and Echo": after a comparison cue.
        cue_end = first.start
        compared = any(
            lowers[k] in compare_firsts and _cue_ending_at(lowers, k, cue_end, lex.comparison_cues)
            for k in range(max(0, cue_end - 3), cue_end)
        )
        # "Switch Transformer and GShard": listed with name-shaped methods.
        with_names = len(members) < len(group)
        for span in members:
            if stop(span.text) or is_known(span.text, lex):
                continue
            if compared:
                out.append((span, "comparison"))
            elif with_names:
                out.append((span, "method_list"))
            elif span.start > 0 and lowers[span.start - 1] in _SINGULAR_METHOD_HEADS:
                out.append((span, "head_noun"))  # "the AR model Janus-Pro"
            elif _determined_head(lowers, span, lex):
                expands = _expands_apposed_name(doc, span, names)
                out.append((span, "head_noun") if expands is None else (span, f"long_form_of:{expands}"))
    return out


def _expands_apposed_name(doc: Doc, span: Span, names: list[Span]) -> str | None:
    """ "LaMP, a novel Language-Motion Pretraining model": the capitalised words spell the name
    they stand in apposition to, so they are its long form. Returns that name."""
    view = view_of(doc)
    k = span.start - 1
    while k >= 0 and doc[k].is_lower and doc[k].is_alpha and view.lowers[k] not in {"a", "an", "the"}:
        k -= 1
    if k < 2 or view.lowers[k] not in {"a", "an", "the"} or doc[k - 1].text != ",":
        return None
    name = next((sp for sp in names if sp.end == k - 1), None)
    if name is None or not (initials_window(name.text, span.text) or match_long_form(name.text, span.text)):
        return None
    return name.text


def _cue_ending_at(lowers: list[str], k: int, end: int, cues: tuple[str, ...]) -> bool:
    """A (multi-word) cue that starts at ``k`` and ends right before ``end`` (the name)."""
    return any(lowers[k:end] == cue.split() for cue in cues)


_SINGULAR_METHOD_HEADS = {"model", "method", "architecture", "framework", "baseline", "backbone", "algorithm"}


def _determined_head(lowers: list[str], span: Span, lex: Lexicon) -> bool:
    """ "the Mamba network", "a chunked Conformer encoder": a determiner, at most two lower-case
    modifiers, the name, then a method head noun."""
    if span.end >= len(lowers) or lowers[span.end] not in lex.method_heads:
        return False
    k = span.start - 1
    skipped = 0
    while k >= 0 and skipped < 2 and lowers[k].isalpha() and lowers[k] not in {"the", "a", "an"}:
        k -= 1
        skipped += 1
    return k >= 0 and lowers[k] in {"the", "a", "an"}


def _example_cue_len(lowers: list[str], i: int, lex: Lexicon) -> int:
    if lowers[i] not in cue_firsts(lex.example_cues):
        return 0
    for cue in lex.example_cues:
        parts = cue.split()
        if lowers[i : i + len(parts)] == parts:
            return len(parts)
    return 0


def _technique_phrase(doc: Doc, start: int, end: int, lex: Lexicon) -> Span | None:
    """A lower-case phrase of 2-4 words ending in a technique head ("bits-back coding")."""
    view = view_of(doc)
    k = start
    while (
        k < end
        and k - start < 4
        and doc[k].is_lower
        and (doc[k].is_alpha or "-" in doc[k].text)
        and view.lowers[k] not in _NOT_IN_TECHNIQUE
    ):
        k += 1
        if view.lowers[k - 1] in lex.technique_heads and (k - start >= 2 or "-" in doc[start].text):
            return doc[start:k]
    return None
