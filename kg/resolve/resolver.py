"""Cross-paper resolution: every Mention and LinkRef gets a canonical id, every id an Entity.

Resolution reads of a mention only its alias key (kind, name, aliases, long form), so the
rules run once per distinct key and per-mention work is counting: (1) count how each acronym
is spelled out, (2) union alias keys that denote one entity, (3) gather per-entity
statistics, (4) write ids back. Memory grows with distinct names, not with documents. Ids
depend only on the set of mentions, never on paper order.

The rules take *occurrences*: a mention standing for ``count`` mentions with its alias key.
``resolve`` feeds one occurrence per mention; ``kg.resolve.alias_table`` feeds one per row of
an aggregated table, so a corpus reduced to distinct keys resolves without replaying it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from kg.records import Entity, EntityKind, Extraction, Mention
from kg.resolve.acronyms import SENSE_MARK, AcronymSenses, long_forms, short_forms
from kg.resolve.keys import KeyMemo
from kg.resolve.unionfind import UnionFind

Node = tuple[str, str]  # (kind, folded key): a method and a benchmark never share a node
AliasKey = tuple[str, str, tuple[str, ...], str | None]  # (kind, name, aliases, long_form)


class VocabEntryLike(Protocol):
    name: str
    aliases: Iterable[str]
    modality: str | None
    task: str | None


class VocabularyLike(Protocol):
    def lookup(self, surface: str, kind: str) -> VocabEntryLike | None: ...


@dataclass(slots=True)
class Resolution:
    """The extractions with ids filled in, and the canonical entities those ids name."""

    extractions: list[Extraction]
    entities: dict[str, Entity]


class Occurrence(NamedTuple):
    """``count`` mentions sharing ``mention``'s alias key, found in ``papers``; resolution writes
    their id onto ``mention``."""

    mention: Mention
    count: int
    papers: Iterable[str]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restored after, even when nested).

    Resolution allocates millions of small acyclic containers; the collector rescanning them
    was half its run time (20k-paper table: 2.9 -> 1.5 s). Nothing here forms a cycle, so
    reference counting still frees all of it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def link_id(url: str) -> str:
    return f"link:{url}"


def alias_key(mention: Mention) -> AliasKey:
    """What resolution reads of one mention: mentions with one key resolve alike."""
    return (mention.kind, mention.name, tuple(mention.aliases), mention.long_form)


def all_mentions(extraction: Extraction) -> Iterator[Mention]:
    yield from extraction.proposed
    yield from extraction.methods
    yield from extraction.benchmarks


@dataclass(slots=True)
class MentionPlan:
    """Where one alias key's forms go (primary node, other short-form nodes, expansion nodes),
    and what each of its mentions counts towards its entity."""

    primary: Node
    shorts: list[tuple[str, Node]]  # (surface, node)
    longs: list[tuple[str, Node]]
    sense_split: bool  # primary is an ambiguous acronym's minority sense
    display: str = ""  # the name as a display candidate: size/resolution suffix dropped
    short_aliases: tuple[str, ...] = ()  # other short forms as display candidates
    surfaces: tuple[str, ...] = ()  # every short and long form, as spelled


@dataclass(slots=True)
class _Forms:
    """A mention's short forms and expansions, computed once per distinct alias key."""

    mention: Mention
    shorts: list[str]
    expansions: list[str]
    expansion_keys: list[str]  # each expansion folded ("" when nothing is left)

    @classmethod
    def of(cls, mention: Mention, keys: KeyMemo) -> _Forms:
        expansions = long_forms(mention)
        shorts = short_forms(mention, expansions)
        return cls(mention, shorts, expansions, [keys.fold(x) for x in expansions])

    @property
    def long_keys(self) -> list[str]:
        return [k for k in self.expansion_keys if k]


def _plan(forms: _Forms, senses: AcronymSenses, keys: KeyMemo) -> MentionPlan | None:
    mention, shorts = forms.mention, forms.shorts
    kind = mention.kind
    if not shorts:
        return None
    short_key = keys.surface_key(shorts[0], kind)
    if not short_key:
        return None
    key = senses.key_for(kind, short_key, forms.long_keys)
    primary = (kind, key)
    short_nodes = []
    for surface in shorts:
        k = keys.surface_key(surface, kind)
        if k:
            short_nodes.append((surface, primary if k == short_key else (kind, k)))
    long_nodes = [(x, (kind, k)) for x, k in zip(forms.expansions, forms.expansion_keys, strict=True) if k]
    return MentionPlan(
        primary,
        short_nodes,
        long_nodes,
        SENSE_MARK in key,
        display=keys.base_of(mention.name, kind),
        short_aliases=tuple(keys.base_of(surface, kind) for surface, _ in short_nodes[1:]),
        surfaces=tuple(s for s, _ in short_nodes + long_nodes),
    )


_NO_STRINGS: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Stats:
    """What resolution keeps per entity while it counts (plain dicts as counters: one per entity
    is built, and ``Counter()`` costs several times a ``dict``).

    Fields most entities never fill start as None or one shared empty frozenset and get their
    own container on first write: an empty set costs 216 bytes, and a 1M-paper table has ~1.8M
    entities (100k-paper table: peak 698 -> 575 MiB).
    """

    kind: str
    names: dict[str, int] = field(default_factory=dict)  # display candidates as spelled
    first_seen: dict[str, int] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)
    short_aliases: dict[str, int] | None = None  # other short forms, as spelled
    long_forms: dict[str, int] | None = None
    papers: set[str] | frozenset[str] = _NO_STRINGS
    sense_keys: set[str] | frozenset[str] = _NO_STRINGS
    vocab: dict[Node, int] | None = None


class _VocabNodes:
    """Vocabulary lookups memoised for one resolution: a surface recurs in many alias keys.

    ``entries`` keeps the entry behind each vocabulary node, in first-found order.
    """

    def __init__(self, vocab: VocabularyLike | None, keys: KeyMemo) -> None:
        self.vocab, self.keys = vocab, keys
        self.entries: dict[Node, VocabEntryLike] = {}
        self._seen: dict[tuple[str, str], Node | None] = {}

    def node(self, surface: str, kind: str) -> Node | None:
        key = (surface, kind)
        if key in self._seen:
            return self._seen[key]
        node = self._seen[key] = self._lookup(surface, kind)
        return node

    def _lookup(self, surface: str, kind: str) -> Node | None:
        vocab, fold = self.vocab, self.keys.fold
        if vocab is None:
            return None
        entry = vocab.lookup(surface, kind)
        if entry is None:
            base = self.keys.base_of(surface, kind)
            entry = vocab.lookup(base, kind) if base != surface else None
        if entry is None or not fold(entry.name):
            return None
        node = (kind, fold(entry.name))
        self.entries.setdefault(node, entry)
        return node


def _union_mention(uf: UnionFind[Node], plan: MentionPlan, vocab: _VocabNodes) -> None:
    uf.add(plan.primary)
    for _surface, node in plan.shorts + plan.longs:
        uf.union(plan.primary, node)
    if plan.sense_split:
        return  # an ambiguous acronym's minority sense must not be pulled back by the vocabulary
    for surface, node in plan.shorts + plan.longs:
        vnode = vocab.node(surface, plan.primary[0])
        if vnode is not None:
            uf.union(node, vnode)


def _pick_first(counts: dict[str, int], first_seen: dict[str, int]) -> str:
    """Most frequent; ties go to the one seen first."""
    if len(counts) == 1:  # most entities have one candidate: skip building sort keys
        return next(iter(counts))
    return min(counts, key=lambda s: (-counts[s], first_seen.get(s, 0)))


def _pick_key(counts: dict[str, int], fold: Callable[[str], str]) -> str:
    """Most frequent folded name; ties go to the smallest key (order-independent, unlike display)."""
    if len(counts) == 1:
        return fold(next(iter(counts)))
    folded: dict[str, int] = {}
    for name, n in counts.items():
        key = fold(name)
        folded[key] = folded.get(key, 0) + n
    return min(folded, key=lambda k: (-folded[k], k))


def _display_candidates(stats: _Stats, fold: Callable[[str], str]) -> dict[str, int]:
    """Short forms only: the name a reader searches for is the acronym, not its expansion.

    Mention names first; when every name is an expansion ("sparse autoencoders" named, "SAE"
    only an alias), the other short forms.
    """
    expansions = {fold(x) for x in stats.long_forms or ()}
    for pool in (stats.names, stats.short_aliases or {}):
        short = {n: c for n, c in pool.items() if fold(n) not in expansions}
        if short:
            return short
    return stats.names


@dataclass(slots=True)
class _Naming:
    """An entity's id key, display name and the vocabulary entry both come from (if any)."""

    key: str
    name: str
    entry: VocabEntryLike | None


def _naming(stats: _Stats, entries: dict[Node, VocabEntryLike], fold: Callable[[str], str]) -> _Naming:
    if stats.vocab:
        node = min(stats.vocab, key=lambda n: (-stats.vocab[n], n))
        return _Naming(node[1], entries[node].name, entries[node])
    candidates = _display_candidates(stats, fold)
    name = _pick_first(candidates, stats.first_seen)
    if stats.sense_keys:
        return _Naming(min(stats.sense_keys), name, None)
    return _Naming(_pick_key(candidates, fold), name, None)


def resolve(extractions: list[Extraction], vocab: VocabularyLike | None = None) -> Resolution:
    """Give every mention and link a canonical id; merge aliases, acronyms and size variants.

    ``vocab`` (see ``kg.resolve.vocabulary.load_vocabulary``) maps known aliases to a canonical
    name (ImageNet-1K -> ImageNet); without it only folding, acronyms and suffixes merge names.
    ``extractions`` may be any re-iterable collection: it is walked twice.
    """
    occurrences = [Occurrence(m, 1, (ex.paper.id,)) for ex in extractions for m in all_mentions(ex)]
    entities = resolve_occurrences(occurrences, vocab)
    for ex in extractions:
        for link in ex.links:
            link.id = link_id(link.url)
    return Resolution(extractions=extractions, entities=entities)


def resolve_occurrences(
    occurrences: Sequence[Occurrence], vocab: VocabularyLike | None = None
) -> dict[str, Entity]:
    """The resolution rules over occurrences in corpus order: ids onto their mentions, entities out.

    Order matters only for display-name ties (first seen wins), so an occurrence counts as
    ``count`` consecutive mentions.
    """
    with gc_paused():
        return _resolve_occurrences(occurrences, vocab)


def _resolve_occurrences(
    occurrences: Sequence[Occurrence], vocab: VocabularyLike | None
) -> dict[str, Entity]:
    keys = KeyMemo()
    slots, plans = _plan_occurrences(occurrences, keys)
    uf, entries = _union_plans(plans, vocab, keys)
    roots = [uf.find(plan.primary) if plan is not None else None for plan in plans]
    stats = _gather_stats(occurrences, slots, plans, roots, uf, entries)
    names = {root: _naming(st, entries, keys.fold) for root, st in stats.items()}
    ids = _assign_ids(stats, names)
    entities = {ids[root]: _entity(ids[root], st, names[root]) for root, st in stats.items()}
    slot_ids = [ids[root] if root is not None else None for root in roots]
    for (mention, _, _), slot in zip(occurrences, slots, strict=True):
        mention.id = slot_ids[slot]
    return entities


def _plan_occurrences(
    occurrences: Sequence[Occurrence], keys: KeyMemo
) -> tuple[list[int], list[MentionPlan | None]]:
    """One plan per distinct alias key, in first-occurrence order, and per occurrence the index
    of its plan (what is only needed to plan is freed on return)."""
    distinct: dict[AliasKey, int] = {}
    forms: list[_Forms] = []
    totals: list[int] = []
    slots: list[int] = []
    for mention, count, _ in occurrences:
        key = alias_key(mention)
        slot = distinct.get(key)
        if slot is None:
            slot = distinct[key] = len(forms)
            forms.append(_Forms.of(mention, keys))
            totals.append(0)
        totals[slot] += count
        slots.append(slot)
    senses = _count_senses(forms, totals, keys)
    return slots, [_plan(f, senses, keys) for f in forms]


def _union_plans(
    plans: list[MentionPlan | None], vocab: VocabularyLike | None, keys: KeyMemo
) -> tuple[UnionFind[Node], dict[Node, VocabEntryLike]]:
    """Pass 2, once per distinct key in first-occurrence order: the same unions and vocabulary
    entries as mention by mention (a repeat adds nothing)."""
    uf: UnionFind[Node] = UnionFind()
    vocab_nodes = _VocabNodes(vocab, keys)
    for plan in plans:
        if plan is not None:
            _union_mention(uf, plan, vocab_nodes)
    return uf, vocab_nodes.entries


def _count_senses(forms: list[_Forms], totals: list[int], keys: KeyMemo) -> AcronymSenses:
    """Pass 1: how each short form is spelled out across the corpus."""
    senses = AcronymSenses.empty()
    for f, count in zip(forms, totals, strict=True):
        if f.shorts:
            kind = f.mention.kind
            senses.add(kind, keys.surface_key(f.shorts[0], kind), f.long_keys, count)
    return senses


def _gather_stats(
    occurrences: Sequence[Occurrence],
    slots: list[int],
    plans: list[MentionPlan | None],
    roots: list[Node | None],
    uf: UnionFind[Node],
    entries: dict[Node, VocabEntryLike],
) -> dict[Node, _Stats]:
    """Pass 3: per entity (union-find root), the counts that pick its id, name and long form."""
    stats: dict[Node, _Stats] = {}
    order = 0  # position of the mention in the corpus, for first-seen ties
    for (_, count, papers), slot in zip(occurrences, slots, strict=True):
        plan = plans[slot]
        if plan is None:
            continue
        root = roots[slot]
        st = stats.get(root)  # type: ignore[arg-type]
        if st is None:
            st = stats[root] = _Stats(kind=plan.primary[0])  # type: ignore[index]
        first_seen, names = st.first_seen, st.names
        names[plan.display] = names.get(plan.display, 0) + count
        first_seen.setdefault(plan.display, order)
        if plan.short_aliases:
            short_aliases = st.short_aliases = st.short_aliases if st.short_aliases is not None else {}
            for name in plan.short_aliases:
                short_aliases[name] = short_aliases.get(name, 0) + count
                first_seen.setdefault(name, order + 1)
        if plan.longs:
            long_forms = st.long_forms = st.long_forms if st.long_forms is not None else {}
            for surface, _ in plan.longs:
                long_forms[surface] = long_forms.get(surface, 0) + count
                first_seen.setdefault(surface, order + 1)
        order += count
        st.aliases.update(plan.surfaces)
        if papers:
            if st.papers is _NO_STRINGS:
                st.papers = set()
            st.papers.update(papers)  # type: ignore[union-attr]
        if plan.sense_split:
            if st.sense_keys is _NO_STRINGS:
                st.sense_keys = set()
            st.sense_keys.add(plan.primary[1])  # type: ignore[union-attr]
    for vnode in entries:
        root = uf.find(vnode)
        if root in stats:
            # several vocabulary names in one entity (an extractor merged them): smallest key wins
            st = stats[root]
            vocab = st.vocab = st.vocab if st.vocab is not None else {}
            vocab[vnode] = vocab.get(vnode, 0) + 1
    return stats


def _entity(entity_id: str, st: _Stats, naming: _Naming) -> Entity:
    entry, name = naming.entry, naming.name
    attrs = {}
    if entry is not None:
        attrs = {k: v for k in ("modality", "task") if (v := getattr(entry, k, None))}
    kind: EntityKind = "method" if st.kind == "method" else "benchmark"
    return Entity(
        id=entity_id,
        kind=kind,
        name=name,
        aliases=_with(st.aliases, name),  # st is not used again: its set becomes the entity's
        papers=st.papers if st.papers is not _NO_STRINGS else set(),
        long_form=_pick_first(st.long_forms, st.first_seen) if st.long_forms else None,
        attrs=attrs,
    )


def _with(items: set[str], item: str) -> set[str]:
    items.add(item)
    return items


def _assign_ids(stats: dict[Node, _Stats], names: dict[Node, _Naming]) -> dict[Node, str]:
    """``kind:key`` per entity; a clash (two senses folding alike) numbers the later roots."""
    wanted: dict[str, list[Node]] = {}
    for root, st in stats.items():
        wanted.setdefault(f"{st.kind}:{names[root].key}", []).append(root)
    ids: dict[Node, str] = {}
    for base, roots in wanted.items():
        for i, root in enumerate(sorted(roots)):
            ids[root] = base if i == 0 else f"{base}{SENSE_MARK}{i + 1}"
    return ids
