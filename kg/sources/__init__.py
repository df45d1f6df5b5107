"""Input readers: HF Daily Papers dumps, JSONL / CSV, arXiv Atom and the arXiv snapshot -> Paper records."""

from pathlib import Path

from kg.sources.errors import SourceError
from kg.sources.ids import paper_id
from kg.sources.read import read_file, read_papers
from kg.sources.report import FileReport, ReadReport

# The example corpus shipped with kg: two Hugging Face Daily Papers page dumps.
BUNDLED_CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"

__all__ = [
    "BUNDLED_CORPUS_DIR",
    "FileReport",
    "ReadReport",
    "SourceError",
    "paper_id",
    "read_file",
    "read_papers",
]
