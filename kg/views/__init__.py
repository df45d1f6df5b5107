"""Interactive HTML views of the knowledge graph: pyvis-built, self-contained, frozen overlap-free layout.

``write_views(G, out_dir)`` writes overview, shared-benchmarks, paper x benchmark matrix and index pages;
``write_ego_view(G, name, out_dir, depth)`` adds a view around one node.
"""

from kg.views.write import ViewError, write_ego_view, write_views

__all__ = ["ViewError", "write_ego_view", "write_views"]
