"""The Neo4j path with the real driver, short of a server: connection errors, retries, settings,
and that every statement sent comes from the model's fixed labels with values as parameters."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest
import store_fixtures as fx
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable, SessionExpired, TransientError

from kg.stores.load_plan import graph_model, graph_rows, load_statements, load_steps, relationship_statement
from kg.stores.neo4j_store import (
    Neo4jSettings,
    Neo4jStoreError,
    connect,
    is_transient,
    load_neo4j,
    with_retries,
)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the with-block ends


def test_an_unreachable_server_gives_a_clear_error_after_retrying():
    uri = f"bolt://127.0.0.1:{closed_port()}"
    with pytest.raises(
        Neo4jStoreError, match=rf"(?s)cannot reach Neo4j at {uri} after 3 attempt\(s\).*docker compose up"
    ):
        connect(Neo4jSettings(uri, password="x"), connection_timeout=1, attempts=3, base_delay=0.01)


def test_load_neo4j_reports_an_unreachable_server_without_a_traceback_of_driver_internals(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    with pytest.raises(Neo4jStoreError, match="cannot reach Neo4j"):
        load_neo4j(
            fx.tiny_graph(), f"neo4j://127.0.0.1:{closed_port()}", "neo4j", "x", "neo4j", connect_attempts=1
        )


def _packstream_string(text: str) -> bytes:
    data = text.encode()
    return (bytes([0x80 + len(data)]) if len(data) < 16 else bytes([0xD0, len(data)])) + data


@pytest.fixture
def bolt_refusing_logins():
    """A Bolt 4.4 endpoint that answers every HELLO with Neo4j's "unauthorized" FAILURE.

    Not Neo4j (none can run here), but the real driver talks to it: what a wrong password meets.
    """
    body = b"\xb1\x7f\xa2"  # FAILURE {code, message}
    body += _packstream_string("code") + _packstream_string("Neo.ClientError.Security.Unauthorized")
    body += _packstream_string("message") + _packstream_string("The client is unauthorized.")
    failure = len(body).to_bytes(2, "big") + body + b"\x00\x00"
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    logins: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.recv(20)  # magic + version proposals
                conn.sendall(b"\x00\x00\x04\x04")  # Bolt 4.4
                logins.append(conn.recv(65536))  # HELLO
                conn.sendall(failure)
                conn.recv(65536)

    threading.Thread(target=serve, daemon=True).start()
    yield f"bolt://127.0.0.1:{server.getsockname()[1]}", logins
    server.close()


def test_wrong_credentials_give_a_clear_error_and_are_not_retried(bolt_refusing_logins):
    uri, logins = bolt_refusing_logins
    settings = Neo4jSettings(uri, "neo4j", "wrong-password")
    with pytest.raises(Neo4jStoreError, match=rf"Neo4j at {uri} rejected user 'neo4j': check NEO4J_USERNAME"):
        connect(
            settings, connection_timeout=2, attempts=5, sleep=lambda _: pytest.fail("retried a bad login")
        )
    assert len(logins) == 1 and b"wrong-password" in logins[0]


def test_a_uri_with_an_unknown_scheme_is_refused_by_name():
    with pytest.raises(Neo4jStoreError, match="bad Neo4j URI 'http2://x'"):
        connect(Neo4jSettings("http2://x"))


def test_settings_come_from_flags_then_neo4j_environment_variables():
    env = {
        "NEO4J_URI": "bolt://env:7687",
        "NEO4J_USERNAME": "u",
        "NEO4J_PASSWORD": "p",
        "NEO4J_DATABASE": "kg",
    }
    assert Neo4jSettings.from_env(env) == Neo4jSettings("bolt://env:7687", "u", "p", "kg")
    assert Neo4jSettings.from_env(env, uri="bolt://flag", database="other").uri == "bolt://flag"
    assert Neo4jSettings.from_env({"NEO4J_URI": "bolt://h"}) == Neo4jSettings(
        "bolt://h", "neo4j", "", "neo4j"
    )
    with pytest.raises(Neo4jStoreError, match="pass --neo4j URI or set NEO4J_URI"):
        Neo4jSettings.from_env({})


class Flaky:
    """Fails with the given errors, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def test_transient_errors_are_retried_with_growing_back_off():
    waits: list[float] = []
    call = Flaky(ServiceUnavailable("down"), SessionExpired("gone"), ServiceUnavailable("down"))
    assert with_retries(call, attempts=5, base_delay=0.5, sleep=waits.append) == "ok"
    assert call.calls == 4
    assert waits == [0.5, 1.0, 2.0]


def test_retries_give_up_after_the_last_attempt():
    call = Flaky(*[ServiceUnavailable("down")] * 5)
    with pytest.raises(ServiceUnavailable):
        with_retries(call, attempts=3, sleep=lambda _: None)
    assert call.calls == 3


def test_client_errors_and_bad_credentials_are_never_retried():
    for error in (ClientError("syntax"), AuthError("no")):
        call = Flaky(error)
        with pytest.raises(type(error)):
            with_retries(call, sleep=lambda _: pytest.fail("slept before a client error"))
        assert call.calls == 1
    assert not is_transient(ClientError("x"))
    assert is_transient(ServiceUnavailable("x"))


def test_a_retryable_transient_error_from_the_server_is_retried():
    error = TransientError._hydrate_neo4j(
        code="Neo.TransientError.Transaction.DeadlockDetected", message="dl"
    )
    assert is_transient(error)
    assert with_retries(Flaky(error), sleep=lambda _: None) == "ok"


def test_load_statements_use_only_the_models_labels_and_take_values_as_parameters():
    model = graph_model()
    for statement in load_statements():
        names = set(re.findall(r"[(\[]\w*:(\w+)", statement))
        assert names and names <= set(model.labels) | set(model.relationship_types), statement
    graph = fx.tiny_graph()
    for step in load_steps(graph_rows(graph), batch_size=2):
        assert fx.NASTY not in step.statement
        assert "$rows" in step.statement and len(step.rows) <= 2


def test_a_relationship_outside_the_model_has_no_statement():
    with pytest.raises(
        ValueError, match=r"\(Paper\)-\[:EVALUATED_ON\]->\(Method\) is not in schema/model.json"
    ):
        relationship_statement("EVALUATED_ON", "Paper", "Method")


def test_an_edge_outside_the_model_is_refused_naming_it():
    graph = fx.tiny_graph()
    graph.add_edge("arxiv:2401.00001", "method:bert", key="EVALUATED_ON", type="EVALUATED_ON")
    with pytest.raises(ValueError, match=r"edge 'arxiv:2401.00001' -> 'method:bert'"):
        graph_rows(graph)


def test_unreachable_server_errors_come_quickly_with_a_short_timeout():
    started = time.monotonic()
    with pytest.raises(Neo4jStoreError):
        connect(Neo4jSettings(f"bolt://127.0.0.1:{closed_port()}"), connection_timeout=1, attempts=1)
    assert time.monotonic() - started < 30  # generous: only guards against hanging on the default timeout


def test_kg_query_against_neo4j_reports_rejected_credentials_in_one_line(
    bolt_refusing_logins, monkeypatch, capsys
):
    from kg.cli import main

    uri, _ = bolt_refusing_logins
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-password")
    assert main(["query", "--neo4j", uri, "--name", "benchmark_popularity"]) == 1
    err = capsys.readouterr().err
    assert (
        err.strip()
        == f"kg: error: Neo4j at {uri} rejected user 'neo4j': check NEO4J_USERNAME / NEO4J_PASSWORD"
    )


PAPERS = Path(__file__).parent / "fixtures" / "core" / "papers.jsonl"


def test_kg_build_loads_neo4j_as_the_user_given_on_its_command_line(bolt_refusing_logins, tmp_path, capsys):
    from kg.cli import main

    uri, logins = bolt_refusing_logins
    args = ["build", str(PAPERS), "--out", str(tmp_path), "--no-store", "--no-views"]
    assert main([*args, "--neo4j", uri, "--neo4j-user", "alice"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"Neo4j at {uri} rejected user 'alice': check NEO4J_USERNAME / NEO4J_PASSWORD")
    assert b"alice" in logins[0]


def test_kg_build_neo4j_without_a_uri_uses_neo4j_uri(bolt_refusing_logins, tmp_path, monkeypatch, capsys):
    from kg.cli import main

    uri, _ = bolt_refusing_logins
    monkeypatch.setenv("NEO4J_URI", uri)
    assert main(["build", str(PAPERS), "--out", str(tmp_path), "--no-store", "--no-views", "--neo4j"]) == 1
    assert f"Neo4j at {uri} rejected user 'neo4j'" in capsys.readouterr().err
