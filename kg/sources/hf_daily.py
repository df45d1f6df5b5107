"""Hugging Face Daily Papers text dumps: header lines, a date line, then title / abstract paragraphs.

Paragraphs are runs of non-blank lines. Which is a title and which an abstract is
decided by shape, not position, so a missing abstract or an extra header line does
not shift every later pair:

* a title is short (<= 40 words, <= 300 characters), one sentence, and does not end in
  a full stop ("?" and "!" are fine: "Can GNN be Good Adapter for LLMs?");
* a "short" paragraph is the same but ends in "." (<= 25 words): a title if a long
  abstract follows it or no title is waiting, else the waiting title's abstract;
* anything else is an abstract.

The pairing is then a small state machine: a title waits for its abstract; a second
title before an abstract means the first had none (reported, skipped), and so does an
abstract with no title waiting.

Known header lines (any case, any spacing) are dropped wherever they appear, so
concatenated dumps work. Short lines before the first date line are header too. A date
line ("Aug 14", "14 Aug", "Aug 14, 2024", "2024-08-14") sets the date of the papers
after it: ISO when the year is given, else kept as written.

Lost blank lines are tolerated: a title line run into its abstract is split off, and
a run of lines of which one is longer than any title is read as one paragraph per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kg.records import Paper
from kg.sources.fields import Skip
from kg.sources.ids import paper_id
from kg.sources.textio import Lines
from kg.text import normalize_text

Kind = Literal["title", "short", "abstract"]

MAX_TITLE_WORDS = 40
MAX_TITLE_CHARS = 300
MAX_SHORT_WORDS = 25  # a title ending in "." is rare, and no longer than a typical title
MAX_SHORT_CHARS = 200

_HEADER_LINES = frozenset(
    {
        "new",
        "gettrendingpapersinyouremailinbox",
        "subscribe",
        "dailypapers",
        "byakandtheresearchcommunity",
        "trendingpapers",
        "huggingface",
        "papers",
    }
)
_WRAP_HYPHEN = re.compile(r"\w-\Z")
_NON_ALNUM = re.compile(r"[\W_]+")

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
_DATE = re.compile(
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?)"
    r"(?:,?\s+(?P<y>\d{4}))?|(?P<iso>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
# A full stop ending a sentence inside the text: after a lower-case letter, digit, bracket or a word
# of two letters or more (not an initial: "U.S. Data"), then a space and a capital.
# Not "?" or "!": titles ask questions mid-way ("Do ViTs See Like CNNs? An Analysis").
_SENTENCE_BREAK = re.compile(r"(?:[a-z0-9)\]]|[A-Za-z]{2})\.\s+[A-Z]")
_ABBREVIATIONS = re.compile(r"\b(?:vs|e\.g|i\.e|cf|etc|et al|Fig|Eq|Dr|Mr|Ms|No|Vol)\.", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Paragraph:
    line: int
    lines: tuple[str, ...]
    date: str | None = None  # set on a date line, which is a paragraph of its own

    @property
    def text(self) -> str:
        """Lines joined by a space, except after a word-final hyphen of hard-wrapped text ("fine-|tuning")."""
        text = self.lines[0]
        for line in self.lines[1:]:
            text += "" if _WRAP_HYPHEN.search(text) and line[0].isalnum() else " "
            text += line
        return text


def read_hf_daily(lines: Lines, source: str, skip: Skip) -> Iterator[Paper]:
    """Papers from one Daily Papers dump, in file order."""
    paragraphs = list(_paragraphs(lines))  # a dump is one web page: small, and pairing needs look-ahead
    when: str | None = None
    pending: _Paragraph | None = None

    def no_abstract(title: _Paragraph) -> None:
        skip(title.line, f"title without abstract: {title.text[:80]!r}")

    for index in range(_header_end(paragraphs), len(paragraphs)):
        paragraph = paragraphs[index]
        if paragraph.date is not None:
            when = paragraph.date
            if pending is not None:
                no_abstract(pending)
                pending = None
            continue
        if pending is None:
            pending, paragraph = _split_run_in_title(paragraph)
        kind = paragraph_kind(paragraph.text)
        if kind == "title" or (
            kind == "short" and (pending is None or _kind_after(paragraphs, index) == "abstract")
        ):
            # A short sentence ending in "." is a title when a long abstract follows it.
            if pending is not None:
                no_abstract(pending)
            pending = paragraph
        elif pending is not None:
            yield Paper(paper_id(pending.text), pending.text, paragraph.text, source, pending.line, date=when)
            pending = None
        else:
            skip(paragraph.line, f"abstract without title: {paragraph.text[:80]!r}")
    if pending is not None:
        no_abstract(pending)


def paragraph_kind(text: str) -> Kind:
    """Shape of a paragraph: a "title" (short, one sentence, no final "."), "short" (the same
    but ending in "." and at most a typical title's length), or an "abstract" (anything else)."""
    words = len(text.split())
    if len(text) > MAX_TITLE_CHARS or words > MAX_TITLE_WORDS:
        return "abstract"
    if _SENTENCE_BREAK.search(_ABBREVIATIONS.sub("", text)):
        return "abstract"
    if not text.endswith("."):
        return "title"
    return "short" if len(text) <= MAX_SHORT_CHARS and words <= MAX_SHORT_WORDS else "abstract"


def _kind_after(paragraphs: list[_Paragraph], index: int) -> Kind | None:
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return None if following is None or following.date is not None else paragraph_kind(following.text)


def _split_run_in_title(paragraph: _Paragraph) -> tuple[_Paragraph | None, _Paragraph]:
    """A title line run into its abstract with no blank line between: split them."""
    first, rest = paragraph.lines[0], paragraph.lines[1:]
    if rest and paragraph_kind(first) == "title" and paragraph_kind(" ".join(rest)) == "abstract":
        return _Paragraph(paragraph.line, (first,)), _Paragraph(paragraph.line + 1, rest)
    return None, paragraph


def _header_end(paragraphs: list[_Paragraph]) -> int:
    """Index of the first date line if only title-like lines come before it (unknown page header), else 0."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.date is not None:
            return index
        if paragraph_kind(paragraph.text) != "title":
            return 0
    return 0


def is_header_line(text: str) -> bool:
    """The page chrome around the list: "new", "Subscribe", "byAK and the research community" ..."""
    return _NON_ALNUM.sub("", text.casefold()) in _HEADER_LINES


def parse_date(text: str) -> str | None:
    """The date a date line stands for (ISO if it has a year, else as written), or None."""
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    if match["iso"]:
        try:
            return date.fromisoformat(match["iso"]).isoformat()
        except ValueError:
            return None
    month = _MONTHS.index((match["m1"] or match["m2"])[:3].lower()) + 1
    day = int(match["d1"] or match["d2"])
    try:
        date(int(match["y"] or 2000), month, day)  # 2000: a leap year, so "Feb 29" is valid without a year
    except ValueError:
        return None
    return f"{match['y']}-{month:02d}-{day:02d}" if match["y"] else text


def _paragraphs(lines: Lines) -> Iterator[_Paragraph]:
    """Runs of non-blank lines; header lines end a run and vanish, date lines end it and stand alone."""
    start, block = 0, []

    def finish() -> Iterator[_Paragraph]:
        if any(len(text) > MAX_TITLE_CHARS for text in block):
            # Not hard-wrapped prose but one paragraph per line with the blank lines lost.
            yield from (_Paragraph(start + i, (text,)) for i, text in enumerate(block))
        else:
            yield _Paragraph(start, tuple(block))

    for number, raw in lines:
        text = normalize_text(raw)
        day = parse_date(text) if text else None
        if text and day is None and not is_header_line(text):
            if not block:
                start = number
            block.append(text)
            continue
        if block:
            yield from finish()
            block = []
        if day is not None:
            yield _Paragraph(number, (text,), day)
    if block:
        yield from finish()
