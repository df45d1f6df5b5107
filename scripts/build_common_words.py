"""Build ``kg/data/extract/common_words.txt``: lower-case English words of abstracts.

The tokenizer splits a name glued to the word after it ("LSTMclassifier", "MRIvolumes") only
where that word is an ordinary word of abstracts; this list says which are. It is counted from
real text without gold: the unlabeled Papers with Code abstracts (``../shared/realdata``),
minus every abstract that has gold annotations, plus the bundled example corpus. A word is
kept when it has at least 4 letters and stands alone, lower-case, at least ``--min-count``
times. Deterministic: the same inputs give the same file.

    .venv/bin/python scripts/build_common_words.py [--realdata DIR] [--gold DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.sources import BUNDLED_CORPUS_DIR, read_papers  # noqa: E402

OUT = ROOT / "kg" / "data" / "extract" / "common_words.txt"
_WORD = re.compile(r"(?<![\w-])[a-z]{4,}(?![\w-])")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "real")
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    annotated = {json.loads(line)["id"] for line in (args.gold / "papers.jsonl").open(encoding="utf-8")}
    texts = [
        record["abstract"]
        for record in map(json.loads, (args.realdata / "pwc_abstracts.jsonl").open(encoding="utf-8"))
        if record["id"] not in annotated
    ]
    texts += [p.abstract for p in read_papers(sorted(BUNDLED_CORPUS_DIR.glob("*.txt")))]
    counts = Counter(word for text in texts for word in _WORD.findall(text))
    words = sorted(w for w, n in counts.items() if n >= args.min_count)
    header = [
        "# Lower-case words of ML abstracts (scripts/build_common_words.py; do not edit by hand).",
        f"# {len(texts)} abstracts without gold: Papers with Code (CC BY-SA 4.0) and the example corpus.",
    ]
    OUT.write_text("\n".join([*header, *words]) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words from {len(texts)} abstracts to {OUT}")


if __name__ == "__main__":
    main()
