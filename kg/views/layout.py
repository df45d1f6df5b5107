"""Node positions computed once in Python, so the browser draws with physics off.

Live physics in vis-network does not finish for thousands of nodes, and
``nx.spring_layout`` without scipy needs n x n arrays per iteration. Small graphs
use ``nx.spring_layout``; larger ones a Fruchterman-Reingold whose repulsion is
computed on a grid with FFTs (particle-mesh), O(n + G² log G) per iteration.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SPRING_MAX_NODES = 400  # nx switches to scipy at 500 nodes, and dense gets slow
REPULSION_REACH = 6.0  # in ideal edge lengths
PIXELS_PER_NODE = 100  # side of the square of canvas each node gets, on average


def layout(G: nx.Graph, seed: int = 0, iterations: int = 80) -> dict[str, tuple[float, float]]:
    """Pixel positions (x, y) for every node, deterministic for a seed.

    Each connected component is laid out on its own, in a square whose side grows
    with the square root of its size, and the squares are packed in rows, largest
    first: one layout for all would squeeze every component into the gaps.
    """
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    boxes = []
    for component in components:
        nodes = sorted(component, key=str)
        side = PIXELS_PER_NODE * (math.sqrt(len(nodes)) + 1)
        boxes.append((nodes, side, _component_layout(simple.subgraph(nodes), nodes, seed, iterations)))
    return _pack(boxes)


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


def _pack(boxes: list[tuple[list, float, np.ndarray]]) -> dict[str, tuple[float, float]]:
    """Place square boxes (largest first) left to right in rows about as wide as all are tall."""
    gap = PIXELS_PER_NODE / 2
    row_width = math.sqrt(sum((side + gap) ** 2 for _, side, _ in boxes)) * 1.2
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, side, xy in boxes:
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        centre = np.array([x + side / 2, y + side / 2])
        for node, (px, py) in zip(nodes, xy * side + centre, strict=True):
            positions[node] = (round(float(px), 1), round(float(py), 1))
        x += side + gap
        row_height = max(row_height, side)
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
