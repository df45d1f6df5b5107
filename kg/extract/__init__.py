"""Extraction: title + abstract -> proposed names, methods, benchmarks and links, with evidence."""

from kg.extract.pipeline import build_nlp, extract_paper, extract_papers

__all__ = ["build_nlp", "extract_paper", "extract_papers"]
