"""Typed records passed between pipeline stages.

sources -> Paper; extract -> Extraction (per paper, surface forms + evidence);
resolve -> the same Extraction with canonical ``id`` set on every Mention/LinkRef.
Keeping them in one module means every stage agrees on one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["method", "benchmark"]
Relation = Literal["PROPOSES", "MENTIONS", "EVALUATED_ON", "HAS_CODE", "LINKS_TO"]
LinkKind = Literal["code", "project", "other"]
Field = Literal["title", "abstract"]


LABEL_WORDS = 8  # words of the abstract that name a paper without a title


@dataclass(frozen=True, slots=True)
class Paper:
    """One abstract (with its title, when the source has one) as read from an input file."""

    id: str  # the source's own id, namespaced (kg.sources.ids); else title:/abstract:<hash>
    title: str | None
    abstract: str
    source: str  # path of the file it was read from
    line: int  # 1-based line where the record starts in that file
    date: str | None = None  # ISO date (YYYY-MM-DD) when known, else as given
    url: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()  # every id its source gave, namespaced, best first (``id`` is the first)

    @property
    def name(self) -> str:
        """What a reader knows the paper by: its title, or the abstract's first words, marked."""
        return self.title or untitled_label(self.abstract)


def untitled_label(abstract: str, words: int = LABEL_WORDS) -> str:
    """ "“Recently research has started focusing on avoiding undesired…” (no title)"."""
    head = abstract.split()
    text = " ".join(head[:words]).rstrip(",;:.")
    return f"“{text}{'…' if len(head) > words else ''}” (no title)"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an entity was extracted: the sentence, where it is, the rule that fired."""

    field: Field  # which text the offsets index into
    start: int  # character offsets of the matched surface form in that field
    end: int
    sentence: str  # the sentence containing the match
    rule: str  # e.g. "title_colon", "acronym_definition", "naming_verb", "vocab", "context_pattern"
    confidence: float  # 0..1


@dataclass(slots=True)
class Mention:
    """One entity as found in one paper: a name, its surface aliases and evidence."""

    name: str  # short form a reader would search for (the acronym when defined)
    aliases: list[str]  # every surface form seen in this paper, name included, as spelled
    kind: EntityKind
    evidence: list[Evidence] = field(default_factory=list)
    long_form: str | None = None  # expansion when an acronym definition was seen
    id: str | None = None  # canonical entity id, set by resolution


@dataclass(slots=True)
class LinkRef:
    """A cleaned URL found in one paper."""

    url: str
    kind: LinkKind
    evidence: list[Evidence] = field(default_factory=list)
    id: str | None = None  # canonical id, set by resolution


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one paper.

    Relations are implied by the list an item is in: proposed -> PROPOSES,
    methods -> MENTIONS, benchmarks -> EVALUATED_ON, links -> HAS_CODE (kind
    "code") or LINKS_TO. A proposed benchmark is also listed in ``benchmarks``.
    """

    paper: Paper
    proposed: list[Mention] = field(default_factory=list)
    methods: list[Mention] = field(default_factory=list)
    benchmarks: list[Mention] = field(default_factory=list)
    links: list[LinkRef] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """A canonical entity across papers, produced by resolution."""

    id: str  # "method:<key>" / "benchmark:<key>"
    kind: EntityKind
    name: str  # display name
    aliases: set[str] = field(default_factory=set)
    papers: set[str] = field(default_factory=set)  # Paper ids
    long_form: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)  # e.g. modality/task from vocabularies


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A malformed record that a reader skipped, kept for the summary."""

    source: str
    line: int
    reason: str
