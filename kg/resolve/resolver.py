"""Cross-paper resolution: every Mention and LinkRef gets a canonical id, every id an Entity.

Passes over the mentions, keeping only per-key statistics (memory grows with distinct names,
not with documents): (1) count how each acronym is spelled out, (2) union alias keys that
denote one entity, (3) gather per-entity statistics, (4) write ids back. Ids depend only on
the set of mentions, never on paper order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from kg.records import Entity, EntityKind, Extraction, Mention
from kg.resolve.acronyms import SENSE_MARK, AcronymSenses, long_forms, short_forms
from kg.resolve.keys import base_of, surface_key
from kg.resolve.keys import folded as fold
from kg.resolve.unionfind import UnionFind

Node = tuple[str, str]  # (kind, folded key): a method and a benchmark never share a node


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


def link_id(url: str) -> str:
    return f"link:{url}"


def all_mentions(extraction: Extraction) -> Iterator[Mention]:
    yield from extraction.proposed
    yield from extraction.methods
    yield from extraction.benchmarks


@dataclass(slots=True)
class MentionPlan:
    """Where one mention's forms go: its primary node, other short-form nodes, expansion nodes."""

    primary: Node
    shorts: list[tuple[str, Node]]  # (surface, node)
    longs: list[tuple[str, Node]]
    sense_split: bool  # primary is an ambiguous acronym's minority sense


def plan_mention(mention: Mention, senses: AcronymSenses) -> MentionPlan | None:
    kind = mention.kind
    shorts = short_forms(mention)
    if not shorts:
        return None
    short_key = surface_key(shorts[0], kind)
    if not short_key:
        return None
    expansions = long_forms(mention)
    long_keys = [k for k in (fold(x) for x in expansions) if k]
    key = senses.key_for(kind, short_key, long_keys)
    primary = (kind, key)
    short_nodes = []
    for surface in shorts:
        k = surface_key(surface, kind)
        if k:
            short_nodes.append((surface, primary if k == short_key else (kind, k)))
    long_nodes = [(x, (kind, fold(x))) for x in expansions if fold(x)]
    return MentionPlan(primary, short_nodes, long_nodes, SENSE_MARK in key)


@dataclass(slots=True)
class _Stats:
    """What resolution keeps per entity while it counts."""

    kind: str
    names: Counter[str] = field(default_factory=Counter)  # display candidates as spelled
    short_aliases: Counter[str] = field(default_factory=Counter)  # other short forms, as spelled
    first_seen: dict[str, int] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)
    papers: set[str] = field(default_factory=set)
    long_forms: Counter[str] = field(default_factory=Counter)
    sense_keys: set[str] = field(default_factory=set)
    vocab: Counter[Node] = field(default_factory=Counter)


def _vocab_node(
    vocab: VocabularyLike | None, surface: str, kind: str, entries: dict[Node, VocabEntryLike]
) -> Node | None:
    if vocab is None:
        return None
    entry = vocab.lookup(surface, kind)
    if entry is None:
        base = base_of(surface, kind)
        entry = vocab.lookup(base, kind) if base != surface else None
    if entry is None or not fold(entry.name):
        return None
    node = (kind, fold(entry.name))
    entries.setdefault(node, entry)
    return node


def _union_mention(
    uf: UnionFind[Node],
    plan: MentionPlan,
    vocab: VocabularyLike | None,
    entries: dict[Node, VocabEntryLike],
) -> None:
    uf.add(plan.primary)
    for _surface, node in plan.shorts + plan.longs:
        uf.union(plan.primary, node)
    if plan.sense_split:
        return  # an ambiguous acronym's minority sense must not be pulled back by the vocabulary
    for surface, node in plan.shorts + plan.longs:
        vnode = _vocab_node(vocab, surface, plan.primary[0], entries)
        if vnode is not None:
            uf.union(node, vnode)


def _pick_first(counts: Counter[str], first_seen: dict[str, int]) -> str:
    """Most frequent; ties go to the one seen first."""
    return min(counts, key=lambda s: (-counts[s], first_seen.get(s, 0)))


def _pick_key(counts: Counter[str]) -> str:
    """Most frequent folded name; ties go to the smallest key (order-independent, unlike display)."""
    folded: Counter[str] = Counter()
    for name, n in counts.items():
        folded[fold(name)] += n
    return min(folded, key=lambda k: (-folded[k], k))


def _display_candidates(stats: _Stats) -> Counter[str]:
    """Short forms only: the name a reader searches for is the acronym, not its expansion.

    Mention names first; when every name is an expansion ("sparse autoencoders" named, "SAE"
    only an alias), the other short forms.
    """
    expansions = {fold(x) for x in stats.long_forms}
    for pool in (stats.names, stats.short_aliases):
        short = Counter({n: c for n, c in pool.items() if fold(n) not in expansions})
        if short:
            return short
    return stats.names


def _entity_key(stats: _Stats, entries: dict[Node, VocabEntryLike]) -> tuple[str, VocabEntryLike | None]:
    if stats.vocab:
        node = min(stats.vocab, key=lambda n: (-stats.vocab[n], n))
        return node[1], entries[node]
    if stats.sense_keys:
        return min(stats.sense_keys), None
    return _pick_key(_display_candidates(stats)), None


def resolve(extractions: list[Extraction], vocab: VocabularyLike | None = None) -> Resolution:
    """Give every mention and link a canonical id; merge aliases, acronyms and size variants.

    ``vocab`` (see ``kg.resolve.vocabulary.load_vocabulary``) maps known aliases to a canonical
    name (ImageNet-1K -> ImageNet); without it only folding, acronyms and suffixes merge names.
    ``extractions`` may be any re-iterable collection: it is walked four times.
    """
    plans = _Planner(_count_senses(extractions))
    uf: UnionFind[Node] = UnionFind()
    entries: dict[Node, VocabEntryLike] = {}
    for ex in extractions:
        for m in all_mentions(ex):
            plan = plans.plan(m)
            if plan is not None:
                _union_mention(uf, plan, vocab, entries)
    stats = _gather_stats(extractions, plans, uf, entries)
    ids = _assign_ids(stats, entries)
    entities = {ids[root]: _entity(ids[root], st, entries) for root, st in stats.items()}
    for ex in extractions:
        for m in all_mentions(ex):
            plan = plans.plan(m)
            m.id = ids[uf.find(plan.primary)] if plan is not None else None
        for link in ex.links:
            link.id = link_id(link.url)
    return Resolution(extractions=extractions, entities=entities)


def _count_senses(extractions: Iterable[Extraction]) -> AcronymSenses:
    """Pass 1: how each short form is spelled out across the corpus."""
    senses = AcronymSenses.empty()
    for ex in extractions:
        for m in all_mentions(ex):
            shorts = short_forms(m)
            if shorts:
                keys = [k for k in (fold(x) for x in long_forms(m)) if k]
                senses.add(m.kind, surface_key(shorts[0], m.kind), keys)
    return senses


class _Planner:
    """``plan_mention`` memoised per distinct (kind, name, aliases, long form): names recur a lot."""

    def __init__(self, senses: AcronymSenses) -> None:
        self.senses = senses
        self._cache: dict[tuple, MentionPlan | None] = {}

    def plan(self, m: Mention) -> MentionPlan | None:
        key = (m.kind, m.name, tuple(m.aliases), m.long_form)
        if key not in self._cache:
            self._cache[key] = plan_mention(m, self.senses)
        return self._cache[key]


def _gather_stats(
    extractions: Iterable[Extraction],
    plans: _Planner,
    uf: UnionFind[Node],
    entries: dict[Node, VocabEntryLike],
) -> dict[Node, _Stats]:
    """Pass 3: per entity (union-find root), the counts that pick its id, name and long form."""
    stats: dict[Node, _Stats] = {}
    order = 0
    for ex in extractions:
        for m in all_mentions(ex):
            plan = plans.plan(m)
            if plan is None:
                continue
            st = stats.setdefault(uf.find(plan.primary), _Stats(kind=m.kind))
            display = base_of(m.name, m.kind)
            st.names[display] += 1
            st.first_seen.setdefault(display, order)
            order += 1
            for surface, _ in plan.shorts[1:]:
                st.short_aliases[base_of(surface, m.kind)] += 1
                st.first_seen.setdefault(base_of(surface, m.kind), order)
            for surface, _ in plan.longs:
                st.long_forms[surface] += 1
                st.first_seen.setdefault(surface, order)
            st.aliases.update(s for s, _ in plan.shorts + plan.longs)
            st.papers.add(ex.paper.id)
            if plan.sense_split:
                st.sense_keys.add(plan.primary[1])
    for vnode in entries:
        root = uf.find(vnode)
        if root in stats:
            # several vocabulary names in one entity (an extractor merged them): smallest key wins
            stats[root].vocab[vnode] += 1
    return stats


def _entity(entity_id: str, st: _Stats, entries: dict[Node, VocabEntryLike]) -> Entity:
    _, entry = _entity_key(st, entries)
    name = entry.name if entry is not None else _pick_first(_display_candidates(st), st.first_seen)
    attrs = {}
    if entry is not None:
        attrs = {k: v for k in ("modality", "task") if (v := getattr(entry, k, None))}
    kind: EntityKind = "method" if st.kind == "method" else "benchmark"
    return Entity(
        id=entity_id,
        kind=kind,
        name=name,
        aliases=st.aliases | {name},
        papers=st.papers,
        long_form=_pick_first(st.long_forms, st.first_seen) if st.long_forms else None,
        attrs=attrs,
    )


def _assign_ids(stats: dict[Node, _Stats], entries: dict[Node, VocabEntryLike]) -> dict[Node, str]:
    """``kind:key`` per entity; a clash (two senses folding alike) numbers the later roots."""
    wanted: dict[str, list[Node]] = {}
    for root, st in stats.items():
        key, _ = _entity_key(st, entries)
        wanted.setdefault(f"{st.kind}:{key}", []).append(root)
    ids: dict[Node, str] = {}
    for base, roots in wanted.items():
        for i, root in enumerate(sorted(roots)):
            ids[root] = base if i == 0 else f"{base}{SENSE_MARK}{i + 1}"
    return ids
