"""Boxes on the canvas: how much room a node and its label take, and which boxes overlap.

The layout reserves each node's footprint (shape plus the label vis-network draws under
it) before the page exists, so label widths are estimated here from the advance widths
of Liberation Sans / Arial / Helvetica (the same metrics; the view's font names them
first). The browser tests measure the real boxes and count overlaps with the same code.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

# Helvetica advance widths in 1/1000 em for printable ASCII (Arial and Liberation Sans match).
_ASCII_WIDTHS = (
    [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278]  # space to /
    + [556] * 10  # 0-9
    + [278, 278, 584, 584, 584, 556, 1015]  # : to @
    + [667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833]  # A-M
    + [722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611]  # N-Z
    + [278, 278, 278, 469, 556, 333]  # [ to `
    + [556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833]  # a-m
    + [556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500]  # n-z
    + [334, 260, 334, 584]  # { to ~
)
_OTHER_WIDTH = 1000  # anything else (accents, CJK, symbols) is taken as wide as an em
WIDTH_MARGIN = 1.04  # kerning and rounding: an estimate should never fall short
LABEL_GAP = 4  # vis-network draws a label this far below half a line past the node


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in canvas pixels, y growing downwards."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def grown(self, margin: float) -> Box:
        return Box(self.x0 - margin, self.y0 - margin, self.x1 + margin, self.y1 + margin)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def text_width(text: str, font_px: float) -> float:
    """Estimated pixel width of one line of ``text`` in the view's sans-serif font."""
    units = sum(_ASCII_WIDTHS[o - 32] if 32 <= (o := ord(c)) < 127 else _OTHER_WIDTH for c in text)
    return units / 1000 * font_px * WIDTH_MARGIN


def shape_box(size: float) -> Box:
    """The node's own shape around its centre: vis-network's dot, square, diamond and triangle."""
    return Box(-size, -size, size, size)


def label_box(label: str, size: float, font_px: float) -> Box:
    """Where vis-network draws ``label`` (lines split on newlines) under a node of ``size``."""
    lines = label.split("\n")
    width = max(text_width(line, font_px) for line in lines)
    top = size + font_px / 2 + LABEL_GAP
    return Box(-width / 2, top, width / 2, top + font_px * len(lines))


def footprint(label: str, size: float, font_px: float) -> Box:
    """Shape and label together, relative to the node's centre: the room the layout reserves."""
    shape = shape_box(size)
    if not label:
        return shape
    text = label_box(label, size, font_px)
    return Box(min(shape.x0, text.x0), shape.y0, max(shape.x1, text.x1), text.y1)


class BoxIndex:
    """Boxes hashed into a uniform grid, so finding what a box overlaps costs O(its cells)."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1.0)
        self._cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.boxes: list[Box] = []

    def _span(self, box: Box):
        c = self.cell
        for i in range(math.floor(box.x0 / c), math.floor(box.x1 / c) + 1):
            for j in range(math.floor(box.y0 / c), math.floor(box.y1 / c) + 1):
                yield i, j

    def add(self, box: Box) -> int:
        index = len(self.boxes)
        self.boxes.append(box)
        for key in self._span(box):
            self._cells[key].append(index)
        return index

    def hits(self, box: Box) -> set[int]:
        """Indices of the boxes added so far that overlap ``box``."""
        found: set[int] = set()
        for key in self._span(box):
            for index in self._cells.get(key, ()):
                if index not in found and self.boxes[index].overlaps(box):
                    found.add(index)
        return found

    def free_at(self, box: Box, x: float, y: float) -> bool:
        """Whether ``box`` moved by (x, y) overlaps nothing added (the layout's inner loop: no Box made)."""
        x0, y0, x1, y1 = box.x0 + x, box.y0 + y, box.x1 + x, box.y1 + y
        c = self.cell
        cells, boxes = self._cells, self.boxes
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                for k in cells.get((i, j), ()):
                    b = boxes[k]
                    if b.x0 < x1 and x0 < b.x1 and b.y0 < y1 and y0 < b.y1:
                        return False
        return True


def _cell_for(boxes: Sequence[Box]) -> float:
    sides = sorted(max(b.width, b.height) for b in boxes)
    return sides[len(sides) // 2] if sides else 1.0


@dataclass(frozen=True, slots=True)
class OverlapCounts:
    """What a reader cannot read at a glance: nodes on nodes, labels on other nodes or labels."""

    nodes: int  # pairs of nodes whose shapes overlap
    labels_on_nodes: int  # (label, other node) pairs where the label covers part of the node
    labels_on_labels: int  # pairs of labels that overlap

    @property
    def total(self) -> int:
        return self.nodes + self.labels_on_nodes + self.labels_on_labels


def _pairs_within(boxes: Sequence[Box]) -> int:
    index = BoxIndex(_cell_for(boxes))
    count = 0
    for box in boxes:
        count += len(index.hits(box))
        index.add(box)
    return count


def count_overlaps(shapes: Sequence[Box], labels: Sequence[Box | None]) -> OverlapCounts:
    """Overlaps among nodes ``shapes[i]`` with labels ``labels[i]`` (None: no label drawn)."""
    shape_index = BoxIndex(_cell_for(shapes))
    for box in shapes:
        shape_index.add(box)
    drawn = [(i, box) for i, box in enumerate(labels) if box is not None]
    on_nodes = sum(len(shape_index.hits(box) - {i}) for i, box in drawn)
    return OverlapCounts(
        nodes=_pairs_within(shapes),
        labels_on_nodes=on_nodes,
        labels_on_labels=_pairs_within([box for _, box in drawn]),
    )
