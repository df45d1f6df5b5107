"""Surface shapes of names: what a model or dataset name looks like as a token.

Names are recognised by shape before anything else: an upper-case letter inside a word
(BERT, iBOT, DiT), letters glued to digits (word2vec, T5, GPT-3), or a capitalised word with
a version number (Llama-3.1). Plain numbers with units (70B, 3D, 1.3B) are not names.
"""

from __future__ import annotations

import re

# One token that looks like a name. The lookaheads reject numbers with units, multiplication
# signs ("128x128", "1.75times"), LaTeX residue, number formats (int8, bf16) and bare versions.
NAME_TOKEN_RE = (
    r"^(?=.*[A-Za-z])(?![\d.,]+[A-Za-z]{0,2}\+*$)(?!.*\.$)(?!.*\d(?:times|x\d))(?!.*x20[0-9a-f]{2})"
    r"(?!(?i:u?int|fp|bf|tf)\d+$)(?!W\d+A\d+$)(?!\d(?!.*[A-Z]{2}))(?![^\\%]*[\\%])"
    r"(?!.*@)(?![a-z]+[A-Z][a-z]{2,}$)(?![vV]\d+(?:\.\d+)*$)"
    r"(?:.*[A-Za-z0-9][A-Z]|.*[A-Za-z][0-9]|.*[0-9][A-Za-z]|[A-Z][a-z]+-\d|[A-Z]-[A-Z]|[A-Z][a-z]+-[A-Z]{1,2}$"
    r"|(?!(?:non|anti|pre|post|semi|multi|sub|super|self|cross|inter|intra|un|co|de|re|over|under|top|bottom)-)[a-z]{3,}-[A-Z])"
)
# A capitalised word (a one-word name when context says so: Mamba, Koala, Medusa).
CAP_WORD_RE = r"^[A-Z][a-z]{2,}$"
# A capitalised word or hyphenated pair ("Koala", "Self-Instruct", "Big-Bench"): a name only
# where a list of benchmarks says so.
WEAK_NAME_RE = r"^[A-Z][a-z]{2,}(?:-[A-Za-z][a-z]*)*$"
# Version tokens after a name: "Gemma 2", "ERNIE 3.0", "VideoMAE V2", "RetroMAE v2".
# A decimal below one ("Spearman 0.38") is a statistic, not a version.
VERSION_RE = r"^(?:[vV]\d+(?:\.\d+)*|(?!0\.)\d{1,2}(?:\.\d+)?)$"
# Parameter-count tokens after a name: "FLAN-PaLM 62B", "UL2 20B".
SIZE_RE = r"^\d+(?:\.\d+)?[BMT]$"

# Dataset split tokens written after a dataset name: "val2017", "test-dev", "minival".
SPLIT_RE = (
    r"^(?:val|valid|validation|test|train|dev|minival|testdev)(?:[-_]?(?:dev|std|challenge))?(?:\d{2,4})?$"
)

_NAME = re.compile(NAME_TOKEN_RE)
_SPLIT = re.compile(SPLIT_RE)


def is_split_name(text: str) -> bool:
    """A dataset split ("val2017", "test-dev"), which names a part of the data, not new data."""
    return bool(_SPLIT.match(text))


def is_name_token(text: str) -> bool:
    """One-token name by shape (BERT, word2vec, ImageNet-1K); not 70B, 3D, Self-Distillation."""
    return bool(_NAME.match(text))
