"""Acronym definitions by the Schwartz–Hearst algorithm (PSB 2003), both orders.

"Unified Masked Diffusion (UMD)": the long form is the shortest run of words before the
parenthesis whose letters, read right to left, contain every character of the short form,
the first one at the start of a word. "UMD (Unified Masked Diffusion)" is tried too, and a
short form whose digit repeats the letter before it ("E2S2") is expanded first ("EESS").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"\S+")
_SHORT_OK = re.compile(r"^[A-Za-z0-9][\w\-.+/]*[\w+]$|^[A-Za-z]$")
_REPEAT = re.compile(r"([A-Za-z])([2-4])(?![0-9])")


@dataclass(frozen=True, slots=True)
class Definition:
    """One acronym definition; offsets index the text that was searched."""

    short: str
    short_start: int
    short_end: int
    long: str
    long_start: int
    long_end: int


def is_short_form(text: str) -> bool:
    """A plausible short form: one word of 2-12 chars (20 for CamelCase), with an upper-case letter."""
    return (
        2 <= len(text) <= (20 if sum(c.isupper() for c in text) >= 2 else 12)
        and " " not in text
        and bool(_SHORT_OK.match(text))
        and any(c.isupper() for c in text)
        and sum(c.isalpha() for c in text) >= 2
    )


def _letters(short: str) -> str:
    """The characters a long form must account for: "E2S2" -> "eess", hyphens and dots dropped."""
    expanded = _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), short)
    return "".join(c for c in expanded.lower() if c.isalnum())


def match_long_form(short: str, candidate: str) -> str | None:
    """The shortest suffix of ``candidate`` that the Schwartz–Hearst rule accepts for ``short``."""
    chars = _letters(short)
    if not chars or not chars[0].isalpha():
        return None
    text = candidate.lower()
    s, i = len(chars) - 1, len(text) - 1
    while s >= 0:
        c = chars[s]
        while i >= 0 and (text[i] != c or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = max(candidate.rfind(" ", 0, i + 1), candidate.rfind("-", 0, i + 1) if i >= 0 else -1) + 1
    start = candidate.rfind(" ", 0, start) + 1 if start and candidate[start - 1] == "-" else start
    long = candidate[start:]
    if len(long) <= len(short) or short.lower() in long.lower().split():
        return None
    return long


_CITATION = re.compile(r"\s*\[[\d,\s\-]+\]")


def _blank_citations(text: str) -> str:
    """Replace numeric citations ("[6, 7]") by spaces, keeping offsets."""
    if "[" not in text:
        return text
    return _CITATION.sub(lambda m: " " * len(m.group(0)), text)


def find_definitions(text: str) -> list[Definition]:
    """Every acronym definition in ``text`` (both "Long Form (LF)" and "LF (Long Form)")."""
    found: list[Definition] = []
    text = _blank_citations(text)
    for paren in _PAREN.finditer(text):
        inner = paren.group(1)
        inner_start = paren.start(1)
        head = re.split(r"[;,]\s", inner, maxsplit=1)[0].strip()
        end = paren.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if is_short_form(head):
            definition = _long_before(text, end, head, inner_start + inner.index(head))
            if definition:
                found.append(definition)
                continue
        # Reversed order: "LF (Long Form)".
        window_start = max(0, end - 40)
        prev = re.search(r"(\S+)$", text[window_start:end])
        if prev and is_short_form(prev.group(1)) and len(head.split()) >= 2:
            long = match_long_form(prev.group(1), head)
            if long and head.endswith(long) and _starts_ok(prev.group(1), head):
                offset = inner_start + inner.index(head)
                short_start = window_start + prev.start(1)
                found.append(
                    Definition(
                        prev.group(1),
                        short_start,
                        short_start + len(prev.group(1)),
                        head,
                        offset,
                        offset + len(head),
                    )
                )
    return found


_MINOR = {"of", "and", "the", "for", "with", "to", "a", "an", "in", "on", "via", "by", "from"}


def initials_window(short: str, candidate: str) -> str | None:
    """The trailing words whose initials spell the short form exactly ("Refined Regularized
    Preference Optimization (RRPO)"), preferred over the shorter Schwartz–Hearst match."""
    letters = _letters(short)
    words = candidate.split()
    for k in range(len(letters), 0, -1):
        if k > len(words):
            continue
        window = words[-k:]
        parts = [p for w in window for p in w.split("-") if p and p.lower() not in _MINOR]
        if window[0].lower() in _MINOR:
            continue
        if "".join(_initial(p) for p in parts) == letters:
            return " ".join(window)
    return None


_LEADING = re.compile(r"\d+[A-Za-z]?|.")


def _initial(word: str) -> str:
    """What a word contributes to an acronym: its first letter, or its leading number with the
    letter after it ("3D Gaussian Splatting" -> "3dgs")."""
    return _LEADING.match(word).group(0).lower()


def _starts_ok(short: str, long: str) -> bool:
    return long[:1].lower() == short[:1].lower()


def _long_before(text: str, end: int, short: str, short_start: int) -> Definition | None:
    """The long form ending at ``end`` (just before "(") for ``short``, within its clause."""
    n = len(_letters(short))
    limit = min(n + 5, 2 * n)
    # Long forms are a few words: look only at the last 400 characters, inside one clause.
    window_start = max(0, end - 400)
    window = text[window_start:end]
    clause = re.split(r"[.;:!?()\[\]]\s|,\s(?=(?:and|or|while|which|where|that|but)\b)", window)[-1]
    clause_start = end - len(clause)
    words = list(_WORD.finditer(clause))[-limit:]
    if not words:
        return None
    candidate = text[clause_start + words[0].start() : end]
    long = initials_window(short, candidate) or match_long_form(short, candidate)
    if not long:
        return None
    long = long.strip(" ,\"'")
    if not long:
        return None
    long_start = end - len(long)
    if text[long_start:end] != long:
        long_start = text.rfind(long, 0, end)
    return Definition(short, short_start, short_start + len(short), long, long_start, long_start + len(long))
