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
MAX_TRIES = 600  # spots tried around a node before it goes below the rest


def _spiral(step: float) -> Iterator[tuple[float, float]]:
    """Offsets (0, 0) first, then rings of growing radius, points about ``step`` apart on each."""
    yield 0.0, 0.0
    ring = 1
    while True:
        radius = ring * step
        points = max(8, int(2 * math.pi * radius / step))
        for k in range(points):
            angle = 2 * math.pi * k / points + ring  # turn each ring a little: no radial seams
            yield ASPECT * radius * math.cos(angle), radius * math.sin(angle)
        ring += 1


def remove_overlaps(
    desired: Sequence[tuple[float, float]], footprints: Sequence[Box], order: Sequence[int], gap: float = GAP
) -> list[tuple[float, float]]:
    """Positions close to ``desired`` where no two ``footprints`` (relative to their node) overlap.

    Nodes are placed in ``order``; the first keeps its desired spot. A node that finds no
    room within ``MAX_TRIES`` spots of its own goes just below everything placed, so the
    work per node is bounded however crowded the desired layout is.
    """
    grown = [box.grown(gap / 2) for box in footprints]
    heights = sorted(box.height for box in grown)
    index = BoxIndex(cell=heights[len(heights) // 2] * 2 if heights else 1.0)
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * len(desired)
    bottom = -math.inf
    for i in order:
        x, y = desired[i]
        box = grown[i]
        spot = None
        for _, (dx, dy) in zip(range(MAX_TRIES), _spiral(max(2.0, box.height / 2)), strict=False):
            if index.free(box.moved(x + dx, y + dy)):
                spot = (x + dx, y + dy)
                break
        if spot is None:
            spot = (x, bottom - box.y0)
        index.add(box.moved(*spot))
        bottom = max(bottom, spot[1] + box.y1)
        placed[i] = spot
    return placed
