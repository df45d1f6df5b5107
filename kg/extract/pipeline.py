"""Build the spaCy pipeline and run it over papers.

``spacy.blank("en")`` with a name-preserving tokenizer, the sentencizer's rule (``kg_sentences``) and the
``kg_*`` components; papers are streamed through ``nlp.pipe(as_tuples=True)`` so the Paper
travels with its Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from kg.extract import components  # noqa: F401  (registers the kg_* factories)
from kg.extract.assemble import assemble
from kg.extract.components import FIELD_SEPARATOR
from kg.extract.lexicon import Lexicon, load_lexicon, read_list
from kg.extract.tokenizer import TextKeepingTokenizer, customize_tokenizer
from kg.records import Extraction, Paper
from kg.sources import BUNDLED_CORPUS_DIR

_DEFAULT_NLP: Language | None = None


def build_nlp(vocab: bool = True) -> Language:
    """The extraction pipeline; ``vocab=False`` runs on shape and context cues only."""
    nlp = customize_tokenizer(spacy.blank("en"))
    words = frozenset(read_list("common_words.txt"))
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer, words, name_tails(load_lexicon(vocab), words))
    nlp.add_pipe("kg_sentences")  # the sentencizer's rule, marking sentence starts only
    nlp.add_pipe("kg_fields")
    nlp.add_pipe("kg_links")
    nlp.add_pipe("kg_acronyms")
    nlp.add_pipe("kg_names", config={"use_vocabulary": vocab})
    nlp.add_pipe("kg_roles", config={"use_vocabulary": vocab})
    prime_vocab(nlp, _priming_lines())
    return nlp


def name_tails(lex: Lexicon, words: frozenset[str]) -> frozenset[str]:
    """Ordinary words that end known names ("former": Conformer, Transformer): glued to a name
    they are part of it, so the tokenizer does not split them off."""
    endings = {
        name.lower()[i:]
        for name in (*lex.method_terms, *lex.method_exact, *lex.benchmark_terms, *lex.benchmark_exact)
        for i in range(1, len(name) - 3)
    }
    return frozenset(words & endings)


def prime_vocab(nlp: Language, texts: Iterable[str]) -> None:
    """Tokenise ``texts`` outside any ``memory_zone``, so their words stay in the vocab for good.

    A blank pipeline starts with no lexemes. Extraction runs chunk by chunk inside
    ``nlp.memory_zone()`` (kg.extract.parallel), which frees every lexeme and tokenizer-cache
    entry the chunk created, so without priming each chunk re-creates "the", "model",
    "benchmark"... from scratch. Priming with the bundled abstracts (~0.1 s) cut extraction
    CPU by 20% on generated abstracts and by 15% on unrelated held-out ones
    (scripts/bench_extract.py). Lexeme attributes do not depend on when a word was first
    seen, so extractions are unchanged.
    """
    for text in texts:
        nlp.make_doc(text)


def _priming_lines() -> Iterator[str]:
    """Lines of the bundled corpus: ordinary abstract text."""
    for path in sorted(BUNDLED_CORPUS_DIR.glob("*.txt")):
        yield from (line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def default_nlp() -> Language:
    global _DEFAULT_NLP
    if _DEFAULT_NLP is None:
        _DEFAULT_NLP = build_nlp()
    return _DEFAULT_NLP


def paper_text(paper: Paper) -> str:
    """Title and abstract as one text; ``kg_fields`` splits them again for offsets. A paper
    without a title has an empty title field, so no rule reading the title finds anything."""
    return f"{paper.title or ''}{FIELD_SEPARATOR}{paper.abstract}"


def extract_papers(
    papers: Iterable[Paper], nlp: Language | None = None, batch_size: int = 64
) -> Iterator[Extraction]:
    """Extract every paper, streaming."""
    nlp = nlp or default_nlp()
    pairs = ((paper_text(p), p) for p in papers)
    for doc, paper in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield assemble(doc, paper)


def extract_paper(paper: Paper, nlp: Language | None = None) -> Extraction:
    """Extract one paper."""
    return next(extract_papers([paper], nlp=nlp, batch_size=1))
