"""The unit passed from the spaCy components to assembly: one surface occurrence with a role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["proposed", "method", "benchmark"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A surface form at doc-level char offsets, the role a rule gave it, and why.

    ``link`` ties the occurrence to another surface of the same entity (an acronym's
    long form), so assembly can merge them.
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
