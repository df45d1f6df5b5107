"""Generate realistic synthetic abstract corpora for the scale and extraction benchmarks.

Why: the bundled example corpus has 120 papers; timing a pipeline on copies of them
flatters every cache (spaCy's lexeme table, the resolver's alias table, the graph's
node dict). Each generated paper is an example paper with its names perturbed
(``VideoMAE`` -> ``VideoMAEKT``, the acronym's long form gains matching words, URLs gain
the same suffix) and its sentences perturbed (some swapped for sentences of other
papers, some words replaced, numbers changed). Name suffixes are drawn from a Zipf-like
law over a pool that grows with the corpus, so distinct entities grow with corpus
size and popular names recur, like real literature.

Deterministic: paper ``i`` depends only on ``(seed, i)``. Streams one JSON object per
line in the arXiv metadata snapshot format (``id``, ``title``, ``abstract`` wrapped at
~80 columns with a leading indent, ``authors``, ``categories``, ``versions``,
``update_date``...).

    python scripts/corpus_gen.py 100000 /tmp/corpus_100k.jsonl --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

# Words that add one letter to an acronym: "UMD" -> "UMDS" and its long form gains "Sparse".
_LETTER_WORDS = {
    "A": "Adaptive",
    "B": "Balanced",
    "C": "Contrastive",
    "D": "Dynamic",
    "E": "Efficient",
    "F": "Fused",
    "G": "Gated",
    "H": "Hierarchical",
    "K": "Kernelized",
    "L": "Latent",
    "M": "Modular",
    "N": "Neural",
    "P": "Progressive",
    "R": "Recurrent",
    "S": "Sparse",
    "T": "Temporal",
    "V": "Variational",
    "W": "Weighted",
}
_LETTERS = "".join(_LETTER_WORDS)
_NAME = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:[A-Z][A-Za-z0-9]*|[0-9][A-Za-z0-9]*)\b")
_NOT_NAMES = frozenset(
    [
        "AI",
        "NLP",
        "CV",
        "ML",
        "RL",
        "LLM",
        "LLMs",
        "GPU",
        "GPUs",
        "CPU",
        "TPU",
        "API",
        "RGB",
        "SOTA",
        "II",
        "III",
        "IV",
        "US",
        "UK",
        "PhD",
        "2D",
        "3D",
        "4D",
        "AR",
    ]
)
_URL = re.compile(r"https?://[^\s)]+[^\s).,;:]")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*[A-Za-z])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SYNONYMS = {
    "propose": "present",
    "present": "introduce",
    "novel": "new",
    "significantly": "substantially",
    "improves": "boosts",
    "approach": "method",
    "method": "approach",
    "results": "findings",
    "demonstrate": "show",
    "show": "demonstrate",
    "achieves": "attains",
    "outperforms": "surpasses",
    "framework": "pipeline",
    "efficient": "economical",
    "large": "big",
    "tasks": "problems",
    "model": "network",
}
_SYNONYM_WORD = re.compile(r"\b(" + "|".join(_SYNONYMS) + r")\b")
_CATEGORIES = ["cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML", "cs.IR", "cs.RO", "eess.IV"]
_SURNAMES = ["Chen", "Wang", "Smith", "Garcia", "Kim", "Müller", "Rossi", "Tanaka", "Singh", "Novak"]


def load_examples(corpus_dir: Path | None = None) -> list[tuple[str, str]]:
    """(title, abstract) of every distinct bundled example paper, read by the project's own readers."""
    from kg.sources import read_papers

    corpus_dir = corpus_dir or Path(__file__).resolve().parents[1] / "kg" / "data" / "corpus"
    papers = read_papers(sorted(corpus_dir.glob("*.txt")))
    return [(p.title, p.abstract) for p in papers]


def suffix_code(k: int) -> str:
    """Letters for suffix number ``k`` (0 -> "", 1 -> "A", ...), in the acronym-letter alphabet."""
    code = ""
    while k > 0:
        k, r = divmod(k - 1, len(_LETTERS))
        code = _LETTERS[r] + code
    return code


def _zipf_index(rng: random.Random, pool: int) -> int:
    """An index in [0, pool) with P(k) ~ 1/(k+1): a few names are everywhere, most are rare."""
    return min(int(pool ** rng.random()) - 1, pool - 1)


def perturb_names(text: str, mapping: dict[str, str]) -> str:
    """Apply ``mapping`` (name -> new name) to whole-word names; long forms "X Y (N)" gain words."""

    def long_form(m: re.Match[str]) -> str:
        old = m.group(1)
        new = mapping[old]
        stem, new_stem = (old[:-1], new[:-1]) if old.endswith("s") and new.endswith("s") else (old, new)
        added = new_stem[len(stem) :] if new_stem.startswith(stem) else ""
        words = " ".join(_LETTER_WORDS[c] for c in added)
        return f" {words} ({new})" if words else f" ({new})"

    if not mapping:
        return text
    alternation = "|".join(re.escape(n) for n in sorted(mapping, key=len, reverse=True))
    text = re.sub(r" \((" + alternation + r")\)", long_form, text)
    return re.sub(r"(?<![\w(])(" + alternation + r")\b", lambda m: mapping[m.group(1)], text)


def _perturb_sentences(rng: random.Random, abstract: str, examples: list[tuple[str, str]]) -> str:
    sentences = _SENTENCE.split(abstract)
    out = [sentences[0]]
    for s in sentences[1:]:
        r = rng.random()
        if r < 0.25:
            other = _SENTENCE.split(examples[rng.randrange(len(examples))][1])
            s = other[rng.randrange(len(other))]
        elif r < 0.30:
            continue
        out.append(s)
    text = " ".join(out)
    text = _SYNONYM_WORD.sub(lambda m: _SYNONYMS[m.group(1)] if rng.random() < 0.3 else m.group(1), text)
    return _NUMBER.sub(lambda m: _perturb_number(rng, m.group(0)), text)


def _perturb_number(rng: random.Random, number: str) -> str:
    if "." in number:
        whole, frac = number.split(".")
        return f"{rng.randint(0, max(1, 2 * int(whole or 0)))}.{rng.randrange(10 ** len(frac)):0{len(frac)}d}"
    if len(number) == 4 and number.startswith(("19", "20")):
        return number  # a year
    return str(rng.randint(1, max(2, 2 * int(number))))


def _with_code(name: str, codes: dict[str, str], rng: random.Random, pool: int) -> str:
    """``name`` with its stem's suffix code; a plural acronym keeps its "s" last (PLMs -> PLMARs)."""
    plural = len(name) > 2 and name.endswith("s") and name[:-1].isupper()
    stem = name[:-1] if plural else name
    code = codes.setdefault(stem, suffix_code(_zipf_index(rng, pool)))
    return stem + code + ("s" if plural else "")


def generate_paper(i: int, examples: list[tuple[str, str]], seed: int, pool: int) -> dict[str, object]:
    """The ``i``-th synthetic paper, as one arXiv snapshot record."""
    rng = random.Random(seed * 1_000_003 + i)
    title, abstract = examples[rng.randrange(len(examples))]
    abstract = _perturb_sentences(rng, abstract, examples)
    names = {n for n in _NAME.findall(title + " " + abstract) if n not in _NOT_NAMES}
    codes: dict[str, str] = {}
    mapping = {n: _with_code(n, codes, rng, pool) for n in sorted(names)}
    title, abstract = perturb_names(title, mapping), perturb_names(abstract, mapping)
    url_code = suffix_code(_zipf_index(rng, pool)).lower()
    if url_code:
        abstract = _URL.sub(lambda m: f"{m.group(0).rstrip('/')}-{url_code}", abstract)
    month = i // 50_000
    yymm = f"{15 + month // 12:02d}{1 + month % 12:02d}"
    authors = [f"{chr(65 + rng.randrange(26))}. {rng.choice(_SURNAMES)}" for _ in range(rng.randint(1, 5))]
    cats = rng.sample(_CATEGORIES, rng.randint(1, 3))
    wrapped = "\n".join(textwrap.wrap(abstract, 80, break_on_hyphens=False))
    return {
        "id": f"{yymm}.{i % 50_000 + 1:05d}",
        "submitter": authors[0],
        "authors": ", ".join(authors),
        "title": title,
        "comments": None,
        "journal-ref": None,
        "doi": None,
        "report-no": None,
        "categories": " ".join(cats),
        "license": None,
        "abstract": f"  {wrapped}\n",
        "versions": [{"version": "v1", "created": f"Mon, 1 Jan 20{yymm[:2]} 00:00:00 GMT"}],
        "update_date": f"20{yymm[:2]}-{yymm[2:]}-01",
        "authors_parsed": [[a.split(". ")[1], a.split(". ")[0] + ".", ""] for a in authors],
    }


def generate(n: int, seed: int = 0, variety: float = 0.05) -> Iterator[dict[str, object]]:
    """``n`` synthetic papers; suffixes come from a pool of ``max(2, n * variety)`` variants per name."""
    examples = load_examples()
    pool = max(2, int(n * variety))
    for i in range(n):
        yield generate_paper(i, examples, seed, pool)


GENERATOR_VERSION = 2  # bump when the output changes, so benchmark caches are rebuilt


def write_corpus(n: int, path: Path, seed: int = 0, variety: float = 0.05, reuse: bool = False) -> Path:
    """Stream ``n`` papers to ``path`` as JSON Lines; ``reuse`` keeps a file that already has ``n`` lines."""
    path = Path(path)
    if reuse and path.exists():
        with path.open("rb") as f:
            if sum(1 for _ in f) == n:
                return path
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for record in generate(n, seed, variety):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of abstracts")
    ap.add_argument("out", type=Path, help="output .jsonl path")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--variety", type=float, default=0.05, help="name-variant pool size / n")
    args = ap.parse_args(argv)
    write_corpus(args.n, args.out, args.seed, args.variety)
    print(f"wrote {args.n} abstracts to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
