"""Acronyms and their long forms across papers.

One paper writing "Vision Transformer (ViT)" lets "ViT" in another paper and "Vision
Transformer" in a third meet as one entity. An acronym that is spelled out two different
ways in the corpus ("MAE" as masked autoencoder and as mean absolute error) is *ambiguous*.
Decision: each spelled-out sense is its own entity; the bare acronym (used without an
expansion) joins the sense most papers use when one sense has strictly more papers, and
stays an entity of its own on a tie (we cannot tell which one the writer meant).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from kg.records import Mention
from kg.resolve.keys import folded as fold
from kg.resolve.suffixes import base_name

SAME_LONG_FORM = 0.85  # SequenceMatcher ratio above which two folded expansions are one spelling
SENSE_MARK = "~"  # joins acronym and sense in an ambiguous acronym's key: "mae~meanabsoluteerror"


@lru_cache(maxsize=1 << 16)
def is_expansion(candidate: str, short: str) -> bool:
    """True when ``candidate`` spells ``short`` out (Schwartz-Hearst style).

    Several words; the short form's letters and digits appear in it in order, the first one
    opening its first word: "Vision Transformer" expands "ViT", "Masked Autoencoders" expands
    "MAE". "Llama 2" (same name as "Llama-2") and "T5-XXL" (a size of "T5") do not.
    """
    words = candidate.split()
    if len(words) < 2 or " " in short.strip() or fold(candidate) == fold(short):
        return False
    if fold(base_name(candidate)) == fold(base_name(short)):
        return False
    letters = [c for c in short.casefold() if c.isalnum()]
    text = candidate.casefold()
    if not letters or text[:1] != letters[0]:
        return False
    it = iter(text)
    return all(c in it for c in letters)


def long_forms(mention: Mention) -> list[str]:
    """The mention's expansions: its ``long_form`` plus any alias that spells its name out."""
    found = [mention.long_form] if mention.long_form else []
    for alias in mention.aliases:
        if alias not in found and is_expansion(alias, mention.name):
            found.append(alias)
    return found


def short_forms(mention: Mention, expansions: list[str] | None = None) -> list[str]:
    """The name and every alias that is not an expansion, as spelled.

    ``expansions`` is ``long_forms(mention)`` when the caller has it already.
    """
    folded_expansions = {fold(x) for x in (long_forms(mention) if expansions is None else expansions)}
    out = [mention.name] if mention.name.strip() else []
    for alias in mention.aliases:
        if alias not in out and alias.strip() and fold(alias) not in folded_expansions:
            out.append(alias)
    return out


@dataclass(frozen=True, slots=True)
class Sense:
    """One way an acronym is spelled out: a representative folded expansion and its spellings."""

    rep: str
    count: int
    members: frozenset[str]


def group_long_forms(counts: Counter[str]) -> list[Sense]:
    """Merge near-identical expansions ("masked image modeling"/"modelling"); most used first.

    Greedy over (-count, key) so the grouping does not depend on the order papers arrived in.
    """
    groups: list[tuple[str, list[str], int]] = []
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        for i, (rep, members, total) in enumerate(groups):
            if SequenceMatcher(None, rep, key).ratio() >= SAME_LONG_FORM:
                groups[i] = (rep, [*members, key], total + n)
                break
        else:
            groups.append((key, [key], n))
    senses = [Sense(rep, total, frozenset(members)) for rep, members, total in groups]
    return sorted(senses, key=lambda s: (-s.count, s.rep))


@dataclass(slots=True)
class AcronymSenses:
    """Per (kind, short key): the senses seen in the corpus, to decide where each mention goes."""

    counts: dict[tuple[str, str], Counter[str]]
    _senses: dict[tuple[str, str], list[Sense]] | None = None

    @classmethod
    def empty(cls) -> AcronymSenses:
        return cls(counts={})

    def add(self, kind: str, short_key: str, long_keys: list[str], count: int = 1) -> None:
        """Count ``count`` mentions' expansion (the first one; the others are its spellings)."""
        if long_keys:
            self.counts.setdefault((kind, short_key), Counter())[long_keys[0]] += count
            self._senses = None

    def senses(self, kind: str, short_key: str) -> list[Sense]:
        if self._senses is None:
            self._senses = {k: group_long_forms(c) for k, c in self.counts.items()}
        return self._senses.get((kind, short_key), [])

    def key_for(self, kind: str, short_key: str, long_keys: list[str]) -> str:
        """The node key a mention's short form belongs to: the bare acronym or acronym~sense."""
        senses = self.senses(kind, short_key)
        if len(senses) < 2 or not long_keys:
            return short_key
        majority = senses[0] if senses[0].count > senses[1].count else None
        sense = next((s for s in senses if long_keys[0] in s.members), None)
        if sense is None or sense is majority:
            return short_key
        return f"{short_key}{SENSE_MARK}{sense.rep}"
