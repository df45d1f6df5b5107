"""``--jobs N`` extraction: same records as one process, in input order, reading input lazily."""

from __future__ import annotations

from itertools import count, islice

from kg import api
from kg.extract import extract_papers
from kg.extract.parallel import chunked, extract_parallel, map_chunks
from kg.records import Paper
from kg.sources import ReadReport


def _corpus() -> list[Paper]:
    return api.read_inputs(None, ReadReport())


def test_two_worker_processes_give_the_same_extractions_in_input_order():
    papers = _corpus()
    serial = list(extract_papers(papers))
    parallel = list(extract_parallel(papers, jobs=2, chunk_size=16))
    assert [ex.paper.id for ex in parallel] == [p.id for p in papers]
    assert parallel == serial


def test_one_job_runs_in_this_process_and_gives_the_same_extractions():
    papers = _corpus()[:10]
    assert list(extract_parallel(papers, jobs=1)) == list(extract_papers(papers))


def test_input_is_read_lazily_a_bounded_number_of_chunks_ahead():
    consumed = []
    template = _corpus()[0]

    def endless():
        for i in count():
            consumed.append(i)
            yield Paper(f"p{i}", template.title, template.abstract, "gen", i + 1)

    first = list(islice(extract_parallel(endless(), jobs=2, chunk_size=5), 3))
    assert [ex.paper.id for ex in first] == ["p0", "p1", "p2"]
    assert len(consumed) <= (2 * 2 + 1) * 5 + 1  # in-flight chunks plus the refill


def test_chunks_are_consecutive_and_the_last_may_be_short():
    assert [len(c) for c in chunked(iter(_corpus()[:7]), 3)] == [3, 3, 1]


def test_map_chunks_returns_each_chunks_result_in_input_order_from_worker_processes():
    results = list(map_chunks(sum, range(100), jobs=2, chunk_size=7))
    assert results == [sum(range(i, min(i + 7, 100))) for i in range(0, 100, 7)]


def test_map_chunks_with_one_job_calls_the_function_in_this_process():
    seen = []
    assert list(map_chunks(lambda chunk: seen.append(chunk) or len(chunk), range(5), 1, 2)) == [2, 2, 1]
    assert seen == [[0, 1], [2, 3], [4]]  # a lambda cannot be pickled: nothing left this process
