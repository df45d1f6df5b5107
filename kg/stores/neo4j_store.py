"""Load the graph into Neo4j and query it, with the official driver.

Every statement comes from ``kg.stores.load_plan`` / ``schema/`` (the strings the Cypher
linter checks); every value travels as a parameter; ``database_`` is always set.
Transient failures (a busy cluster, a server still starting) are retried with back-off;
client errors (bad Cypher, bad credentials) never are.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.graph import Node, Path, Relationship

from kg.stores.cypher_library import neo4j_schema_statements
from kg.stores.load_plan import Step, count_statements, run_load
from kg.stores.results import LoadStats, QueryResult

DEFAULT_BATCH_SIZE = 1000
ENV_VARS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


class Neo4jStoreError(RuntimeError):
    """A Neo4j problem phrased for the person running kg (server, credentials, query)."""


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str = "neo4j"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **flags: str | None) -> Neo4jSettings:
        """Flags win over ``NEO4J_*`` variables; ``uri`` must come from one of them."""
        env = dict(os.environ if env is None else env)
        uri = flags.get("uri") or env.get("NEO4J_URI")
        if not uri:
            raise Neo4jStoreError(
                "no Neo4j URI: pass --neo4j URI or set NEO4J_URI (e.g. bolt://localhost:7687)"
            )
        return cls(
            uri=uri,
            user=flags.get("user") or env.get("NEO4J_USERNAME") or "neo4j",
            password=flags.get("password") or env.get("NEO4J_PASSWORD") or "",
            database=flags.get("database") or env.get("NEO4J_DATABASE") or "neo4j",
        )


def is_transient(err: BaseException) -> bool:
    """Worth retrying: the server may answer next time. Never a ClientError (our mistake)."""
    if isinstance(err, ClientError):
        return False
    if isinstance(err, TransientError):
        return err.is_retryable()
    return isinstance(err, (ServiceUnavailable, SessionExpired))


def with_retries[T](
    call: Callable[[], T],
    attempts: int = 5,
    base_delay: float = 0.5,
    max_delay: float = 8.0,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``call``; on a transient error wait 0.5s, 1s, 2s ... and try again, up to ``attempts``."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except Exception as err:
            if attempt == attempts or not is_transient(err):
                raise
            sleep(min(max_delay, base_delay * 2 ** (attempt - 1)))
    raise AssertionError("unreachable")


def connect(
    settings: Neo4jSettings, connection_timeout: float = 10.0, attempts: int = 5, **retry: Any
) -> Driver:
    """A driver that has reached the server, or an error saying what to check."""
    try:
        driver = GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password), connection_timeout=connection_timeout
        )
    except (ValueError, ConfigurationError) as err:
        raise Neo4jStoreError(f"bad Neo4j URI {settings.uri!r}: {err}") from None
    try:
        with_retries(driver.verify_connectivity, attempts=attempts, **retry)
    except AuthError:
        driver.close()
        raise Neo4jStoreError(
            f"Neo4j at {settings.uri} rejected user {settings.user!r}: check NEO4J_USERNAME / NEO4J_PASSWORD"
        ) from None
    except (ServiceUnavailable, SessionExpired, OSError) as err:
        driver.close()
        raise Neo4jStoreError(
            f"cannot reach Neo4j at {settings.uri} after {attempts} attempt(s): {err}. "
            "Is the server running (`docker compose up -d`) and NEO4J_URI right?"
        ) from None
    return driver


def apply_schema(driver: Driver, database: str) -> None:
    """Constraints and indexes from ``schema/neo4j/schema.cypher``, before any data (idempotent)."""
    for statement in neo4j_schema_statements():
        with_retries(lambda s=statement: driver.execute_query(s, database_=database))


def load_with_driver(
    driver: Driver, graph: nx.MultiDiGraph, database: str, batch_size: int = DEFAULT_BATCH_SIZE,
    max_batches: int | None = None,
) -> LoadStats:  # fmt: skip
    """UNWIND batches that MERGE on ids: reloading changes nothing, a rerun completes a partial load."""
    apply_schema(driver, database)

    def send(step: Step) -> tuple[int, int, int]:
        counters = with_retries(
            lambda: driver.execute_query(step.statement, parameters_={"rows": step.rows}, database_=database)
        ).summary.counters
        return counters.nodes_created, counters.relationships_created, counters.properties_set

    stats = run_load(graph, batch_size, send, max_batches)
    stats.counts = {
        name: with_retries(lambda s=stmt: driver.execute_query(s, database_=database)).records[0]["n"]
        for name, stmt in count_statements().items()
    }
    return stats


def load_neo4j(
    graph: nx.MultiDiGraph, uri: str | None = None, user: str | None = None, password: str | None = None,
    database: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE, connect_attempts: int = 5,
) -> LoadStats:  # fmt: skip
    """What ``kg load --neo4j`` / ``kg build`` with Neo4j settings call; None falls back to NEO4J_*."""
    settings = Neo4jSettings.from_env(uri=uri, user=user, password=password, database=database)
    with connect(settings, attempts=connect_attempts) as driver:
        try:
            return load_with_driver(driver, graph, settings.database, batch_size)
        except ClientError as err:
            raise Neo4jStoreError(f"Neo4j refused a load statement: {err}") from None


load_graph = load_neo4j  # the name kg.api looks up


def run_query(settings: Neo4jSettings, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
    """A read query (routed to a reader) with its values as plain Python."""
    with connect(settings) as driver:
        try:
            records, _, keys = with_retries(
                lambda: driver.execute_query(
                    cypher,
                    parameters_=params or {},
                    database_=settings.database,
                    routing_=RoutingControl.READ,
                )
            )
        except ClientError as err:
            raise Neo4jStoreError(f"Neo4j rejected the query: {err.message or err}") from None
    return QueryResult(list(keys), [[plain(value) for value in record.values()] for record in records])


def plain(value: Any) -> Any:
    """Driver values as plain Python, shaped like the embedded store's (``_labels`` / ``_type``)."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [plain(node) for node in value.nodes]
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
