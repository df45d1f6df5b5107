"""The unit passed from the spaCy components to assembly: one surface occurrence with a role."""

from __future__ import annotations

from typing import Literal, NamedTuple

Role = Literal["proposed", "method", "benchmark"]


class Candidate(NamedTuple):
    """A surface form at doc-level char offsets, the role a rule gave it, and why.

    ``link`` ties the occurrence to another surface of the same entity (an acronym's
    long form), so assembly can merge them. A NamedTuple, not a frozen dataclass: rules make
    tens per abstract, and a frozen dataclass costs several times more to build.
    """

    start: int
    end: int
    surface: str
    role: Role
    rule: str
    confidence: float
    kind: Literal["method", "benchmark"] = "method"
    link: str | None = None
    long_form: bool = False
