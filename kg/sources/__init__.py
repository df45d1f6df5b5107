"""Input readers: HF Daily Papers dumps, JSONL / CSV, arXiv Atom and the arXiv snapshot -> Paper records."""

from kg.sources.errors import SourceError
from kg.sources.ids import paper_id
from kg.sources.read import read_file, read_papers
from kg.sources.report import FileReport, ReadReport

__all__ = ["FileReport", "ReadReport", "SourceError", "paper_id", "read_file", "read_papers"]
