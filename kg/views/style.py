"""How each node type looks: one colour and one shape per label, size by degree.

Shapes differ as well as colours so the legend still reads in greyscale or for
colour-blind readers.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Style:
    color: str
    shape: str  # a vis-network shape with the label drawn underneath
    symbol: str  # the same shape as a character, for the legend


LABEL_STYLES: dict[str, Style] = {
    "Paper": Style("#4e79a7", "dot", "●"),
    "Method": Style("#f28e2b", "diamond", "◆"),
    "Benchmark": Style("#59a14f", "square", "■"),
    "Link": Style("#9c755f", "triangle", "▲"),
}
OTHER = Style("#bab0ac", "dot", "●")

RELATION_COLORS: dict[str, str] = {
    "PROPOSES": "#e15759",
    "MENTIONS": "#c9b28f",
    "EVALUATED_ON": "#8cd17d",
    "HAS_CODE": "#b6992d",
    "LINKS_TO": "#bab0ac",
}
SHARED_EDGE_COLOR = "#59a14f"

MIN_SIZE, MAX_SIZE = 7.0, 30.0
BASE_FONT = 14
FONT_FACE = "Liberation Sans, Arial, Helvetica, sans-serif"  # the metrics kg.views.geometry assumes
PAPER_LINE_CHARS = 24  # a paper's name takes two lines of this many characters at most
ENTITY_LABEL_CHARS = 32


def style_for(label: str) -> Style:
    return LABEL_STYLES.get(label, OTHER)


def _share(degree: int, max_degree: int) -> float:
    return math.sqrt(degree / max_degree) if max_degree > 0 else 0.0


def node_size(degree: int, max_degree: int) -> float:
    """Radius growing with the square root of degree, so area tracks degree."""
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * _share(degree, max_degree), 1)


def font_size(degree: int, max_degree: int, n_nodes: int) -> int:
    """Hubs get larger labels, which stay readable (and drawn) when a big graph is zoomed out.

    The largest font grows with the graph (20 px at tens of nodes, 40 px at 10k) because
    a bigger graph is shown further zoomed out.
    """
    largest = 20 + 10 * math.log10(1 + n_nodes / 100)
    return round(BASE_FONT + (largest - BASE_FONT) * _share(degree, max_degree) ** 2)


def display_name(node_id: str, attrs: dict) -> str:
    """The text a reader knows a node by: entity name, paper title or URL."""
    return str(attrs.get("name") or attrs.get("title") or attrs.get("url") or node_id)


def node_label(text: str, label: str) -> str:
    """The label drawn under a node: a paper's name wrapped on two lines, others on one."""
    if label != "Paper":
        return short_label(text, ENTITY_LABEL_CHARS)
    lines = textwrap.wrap(" ".join(text.split()), PAPER_LINE_CHARS, break_long_words=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], short_label(" ".join(lines[1:]), PAPER_LINE_CHARS)]
    return "\n".join(lines)


def short_label(value: object, limit: int = 32) -> str:
    """``value`` as one line of text, cut to ``limit`` characters with an ellipsis (labels and tooltips)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
