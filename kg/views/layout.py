"""Node positions computed once in Python, so the browser draws with physics off.

Live physics in vis-network does not finish for thousands of nodes, and
``nx.spring_layout`` without scipy needs n x n arrays per iteration. Small graphs
use ``nx.spring_layout``; larger ones a Fruchterman-Reingold whose repulsion is
computed on a grid with FFTs (particle-mesh), O(n + G² log G) per iteration.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np

from kg.views.geometry import Box, shape_box
from kg.views.overlap import GAP, remove_overlaps
from kg.views.style import MIN_SIZE

SPRING_MAX_NODES = 400  # nx switches to scipy at 500 nodes, and dense gets slow
REPULSION_REACH = 6.0  # in ideal edge lengths
# A component's force layout spans this times its footprints' area before overlaps are removed.
# Small ones are squeezed so the whole view fits the screen with labels drawn; large ones get room,
# or clearing them costs too much and moves nodes far from their neighbours.
SPREAD = 3.0
SMALL_SPREAD = 0.4
SMALL_COMPONENT = 80
PACK_GAP = 40.0  # pixels between two components
SCREEN_ASPECT = 1.4  # width over height of the space a view is drawn in
ROW_CHOICES = 24  # row widths tried when packing components
DEFAULT_FOOTPRINT = shape_box(MIN_SIZE)


def layout(
    G: nx.Graph, seed: int = 0, iterations: int = 80, footprints: Mapping[str, Box] | None = None
) -> dict[str, tuple[float, float]]:
    """Pixel positions (x, y) for every node, deterministic for a seed, no two footprints overlapping.

    ``footprints`` is the room each node takes around its centre (shape and label, see
    ``kg.views.geometry.footprint``). Each connected component is laid out on its own by
    force, spread over an area a few times its footprints' total, cleared of overlaps
    (``kg.views.overlap``), and the components' boxes are packed in rows, largest first:
    one layout for all would squeeze every component into the gaps.
    """
    footprints = footprints or {}
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    placed = []
    for component in components:
        nodes = sorted(component, key=str)
        boxes = [footprints.get(node, DEFAULT_FOOTPRINT) for node in nodes]
        area = sum((b.width + GAP) * (b.height + GAP) for b in boxes)
        side = math.sqrt(area * (SMALL_SPREAD if len(nodes) <= SMALL_COMPONENT else SPREAD))
        xy = _component_layout(simple.subgraph(nodes), nodes, seed, iterations) * side
        order = sorted(range(len(nodes)), key=lambda i: (-simple.degree(nodes[i]), str(nodes[i])))
        positions = remove_overlaps([tuple(p) for p in xy], boxes, order)
        placed.append((nodes, positions, [b.moved(*p) for b, p in zip(boxes, positions, strict=True)]))
    return _pack(placed)


def _component_layout(G: nx.Graph, nodes: list, seed: int, iterations: int) -> np.ndarray:
    """Positions centred on 0 within [-0.5, 0.5]² for one connected component."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n <= SPRING_MAX_NODES:
        raw = nx.spring_layout(G, seed=seed, iterations=iterations)
        xy = np.array([raw[node] for node in nodes], dtype=float)
    else:
        index = {node: i for i, node in enumerate(nodes)}
        edges = np.array([(index[u], index[v]) for u, v in G.edges()], dtype=np.int64).reshape(-1, 2)
        xy = mesh_force_layout(n, edges, seed=seed, iterations=iterations)
    xy = xy - (xy.max(axis=0) + xy.min(axis=0)) / 2
    extent = float(np.abs(xy).max()) or 1.0
    return xy / (2 * extent)


def _shelves(bounds: list[Box], row_width: float) -> tuple[list[tuple[float, float]], float, float]:
    """Top-left corners of ``bounds`` laid in rows no wider than ``row_width``; the total width, height."""
    corners = []
    x = y = row_height = width = 0.0
    for bound in bounds:
        if x > 0 and x + bound.width > row_width:
            x, y, row_height = 0.0, y + row_height + PACK_GAP, 0.0
        corners.append((x, y))
        width = max(width, x + bound.width)
        x += bound.width + PACK_GAP
        row_height = max(row_height, bound.height)
    return corners, width, y + row_height


def _pack(components: list[tuple[list, list, list[Box]]]) -> dict[str, tuple[float, float]]:
    """Place the components' bounding boxes (largest first) in rows, the row width chosen so the
    whole fits a landscape screen at the largest zoom: that zoom decides whether labels are drawn."""
    bounds = [
        Box(
            min(b.x0 for b in boxes),
            min(b.y0 for b in boxes),
            max(b.x1 for b in boxes),
            max(b.y1 for b in boxes),
        )
        for _, _, boxes in components
    ]
    widest = max((b.width for b in bounds), default=0.0)
    total = sum(b.width + PACK_GAP for b in bounds)
    best = None
    for step in range(ROW_CHOICES + 1):
        row_width = widest + (total - widest) * step / ROW_CHOICES
        corners, width, height = _shelves(bounds, row_width)
        zoom = min(SCREEN_ASPECT / max(width, 1.0), 1.0 / max(height, 1.0))
        if best is None or zoom > best[0]:
            best = (zoom, corners)
    positions: dict[str, tuple[float, float]] = {}
    for (nodes, xy, _), bound, (x, y) in zip(components, bounds, best[1], strict=True):
        dx, dy = x - bound.x0, y - bound.y0
        for node, (px, py) in zip(nodes, xy, strict=True):
            positions[node] = (round(px + dx, 1), round(py + dy, 1))
    return positions


def _repulsion_kernels(grid: int, k: float, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the FR repulsion field k² d/|d|² over cell offsets, for a (2G)² zero-padded grid.

    As in FR's grid variant, nodes further apart than ``reach`` do not repel: in 2-D
    the summed far field of a large cluster would otherwise push every leaf far out.
    """
    offsets = np.arange(-grid, grid) / grid
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[grid, grid] = np.inf  # a cell does not push itself
    r2[r2 > reach * reach] = np.inf
    kx = np.fft.ifftshift(k * k * dx / r2)
    ky = np.fft.ifftshift(k * k * dy / r2)
    return np.fft.rfft2(kx), np.fft.rfft2(ky)


def mesh_force_layout(n: int, edges: np.ndarray, seed: int = 0, iterations: int = 80) -> np.ndarray:
    """Positions in the unit square for ``n`` nodes joined by ``edges`` (m x 2 index pairs)."""
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = 1.0 / math.sqrt(n)  # ideal distance between neighbours
    grid = int(min(256, max(32, 2 ** math.ceil(math.log2(math.sqrt(n))))))
    kern_x, kern_y = _repulsion_kernels(grid, k, reach=max(REPULSION_REACH * k, 3.0 / grid))
    u, v = edges[:, 0], edges[:, 1]
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        cell = np.clip((pos * grid).astype(np.int64), 0, grid - 1)
        flat = cell[:, 0] * (2 * grid) + cell[:, 1]
        density = np.bincount(flat, minlength=4 * grid * grid).reshape(2 * grid, 2 * grid)
        spectrum = np.fft.rfft2(density)
        field_x = np.fft.irfft2(spectrum * kern_x, s=density.shape)
        field_y = np.fft.irfft2(spectrum * kern_y, s=density.shape)
        disp = np.stack([field_x[cell[:, 0], cell[:, 1]], field_y[cell[:, 0], cell[:, 1]]], axis=1)
        disp += _same_cell_repulsion(pos, flat, k)
        if len(edges):
            delta = pos[v] - pos[u]
            pull = delta * (np.linalg.norm(delta, axis=1, keepdims=True) / k)
            for axis in (0, 1):
                disp[:, axis] += np.bincount(u, pull[:, axis], minlength=n)
                disp[:, axis] -= np.bincount(v, pull[:, axis], minlength=n)
        disp += (0.5 - pos) * 0.5 * k * math.sqrt(n)  # weak gravity keeps small components in
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos += disp / length * np.minimum(length, temperature)
        pos += rng.normal(0, k * 0.01, pos.shape)  # break exact ties
        np.clip(pos, 0.0, 1.0, out=pos)
        temperature -= cooling
    return pos


def _same_cell_repulsion(pos: np.ndarray, flat: np.ndarray, k: float) -> np.ndarray:
    """Push nodes sharing a grid cell away from the cell's centre of mass (the grid cannot)."""
    counts = np.bincount(flat)
    mean = np.stack([np.bincount(flat, pos[:, a]) for a in (0, 1)], axis=1) / np.maximum(counts, 1)[:, None]
    offset = pos - mean[flat]
    r2 = (offset * offset).sum(axis=1, keepdims=True) + (k * 0.05) ** 2
    shared = (counts[flat] > 1)[:, None]
    return np.where(shared, k * k * offset / r2 * (counts[flat][:, None] - 1), 0.0)
