"""Move nodes off each other: every footprint (shape and label) gets a place of its own.

A force layout says where nodes *want* to be; here they are placed one at a time, most
important first, at that spot or the nearest free one on an outward spiral, checked
against what is already placed through a grid (``BoxIndex``). So no two footprints
overlap, by construction, and a node moves only as far as the crowd around it demands.
The spiral is twice as wide as tall because labels are.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from kg.views.geometry import Box, BoxIndex

GAP = 6.0  # pixels kept free between two footprints
ASPECT = 2.0  # the spiral's width over its height
LINEAR_RINGS = 4  # rings one step apart before they widen geometrically
MAX_RING_POINTS = 32


def _spiral(step: float) -> Iterator[tuple[float, float]]:
    """Offsets (0, 0) first, then rings of growing radius: ``step`` apart for the first rings
    (points about ``step`` apart on each), then each ring a quarter wider than the last, with
    at most ``MAX_RING_POINTS`` points, so a node deep inside a crowd reaches its edge in a few
    dozen rings instead of thousands of tries."""
    yield 0.0, 0.0
    ring, radius = 1, step
    while True:
        points = min(MAX_RING_POINTS, max(8, int(2 * math.pi * radius / step)))
        for k in range(points):
            angle = 2 * math.pi * k / points + ring  # turn each ring a little: no radial seams
            yield ASPECT * radius * math.cos(angle), radius * math.sin(angle)
        ring += 1
        radius = ring * step if ring <= LINEAR_RINGS else radius * 1.25


def remove_overlaps(
    desired: Sequence[tuple[float, float]], footprints: Sequence[Box], order: Sequence[int], gap: float = GAP
) -> list[tuple[float, float]]:
    """Positions close to ``desired`` where no two ``footprints`` (relative to their node) overlap.

    Nodes are placed in ``order``; the first keeps its desired spot.
    """
    grown = [box.grown(gap / 2) for box in footprints]
    heights = sorted(box.height for box in grown)
    index = BoxIndex(cell=heights[len(heights) // 2] * 2 if heights else 1.0)
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * len(desired)
    for i in order:
        x, y = desired[i]
        box = grown[i]
        for dx, dy in _spiral(max(2.0, box.height / 2)):
            if index.free_at(box, x + dx, y + dy):
                break
        placed[i] = (x + dx, y + dy)
        index.add(box.moved(*placed[i]))
    return placed
