"""Pass 1's spill: each chunk pickled once, reduced to alias counts the parent merges in input order."""

from __future__ import annotations

import pickle

from kg import api
from kg.extract import extract_papers
from kg.sources import ReadReport
from kg.streaming.spill import AliasTable, Region, read_region, summarise, unspill


def _extractions():
    return list(extract_papers(api.read_inputs(None, ReadReport())[:40]))


def test_merging_chunk_summaries_builds_the_table_adding_papers_one_by_one_builds():
    extractions = _extractions()
    by_paper, by_chunk = AliasTable(), AliasTable()
    for ex in extractions:
        by_paper.add(ex)
    for start in range(0, len(extractions), 15):
        by_chunk.merge(summarise(extractions[start : start + 15]))
    assert by_chunk.position == by_paper.position == len(extractions)
    assert {k: (r.count, r.first) for k, r in by_chunk.rows.items()} == {
        k: (r.count, r.first) for k, r in by_paper.rows.items()
    }


def test_first_positions_are_global_paper_indexes_and_counts_sum_over_chunks():
    extractions = _extractions()
    table = AliasTable()
    table.merge(summarise(extractions[:20]))
    table.merge(summarise(extractions[20:]))
    for row in table.rows.values():
        paper, mention = row.first
        assert _key(_mentions(extractions[paper])[mention]) == row.key
        assert row.count == sum(_key(m) == row.key for ex in extractions for m in _mentions(ex))
        assert all(row.key not in {_key(m) for m in _mentions(ex)} for ex in extractions[:paper])


def test_a_region_reads_back_exactly_the_chunk_spilled_there(tmp_path):
    extractions = _extractions()
    path, regions = tmp_path / "spill", []
    with path.open("wb") as fh:
        for start in (0, 10, 25):
            chunk = summarise(extractions[start : start + (10 if start == 0 else 15)])
            regions.append(Region(fh.tell(), len(chunk.data), start))
            fh.write(chunk.data)
    assert read_region(path, regions[1]) == extractions[10:25]
    assert list(unspill(path)) == extractions
    assert pickle.loads(summarise(extractions[:3]).data) == extractions[:3]


def _mentions(ex):
    return [*ex.proposed, *ex.methods, *ex.benchmarks]


def _key(m):
    return (m.kind, m.name, tuple(m.aliases), m.long_form)
