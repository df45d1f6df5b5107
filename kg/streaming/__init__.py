"""``kg build --stream``: the build for corpora that do not fit in memory (see ``build``)."""

from kg.streaming.build import IMPORT_DIR, SPILL, StreamResult, stream_build
from kg.streaming.spill import AliasTable, unspill

__all__ = ["IMPORT_DIR", "SPILL", "AliasTable", "StreamResult", "stream_build", "unspill"]
