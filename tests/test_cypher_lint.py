"""Every Cypher statement kg ships or sends passes Neo4j's own parser and semantic analysis.

No Neo4j server can run here, so this (with the embedded-store tests running the same
strings) is the proof of the Neo4j path: scripts/lint_cypher.mjs runs
@neo4j-cypher/language-support's lintCypherQuery with a DbSchema built from schema/model.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.stores.cypher_library import lint_payload, load_library, neo4j_schema_statements
from kg.stores.load_plan import load_statements

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
PACKAGE = SCRIPTS / "node_modules" / "@neo4j-cypher" / "language-support"


def lint(payload: dict) -> list[dict]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the Cypher linter needs Node >= 20")
    if not PACKAGE.is_dir():
        message = "npm package missing: run `npm ci --prefix scripts` (scripts/test.sh does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    proc = subprocess.run(
        ["node", str(SCRIPTS / "lint_cypher.mjs")], input=json.dumps(payload), capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_every_shipped_and_sent_statement_lints_with_no_errors_or_warnings():
    payload = lint_payload()
    assert lint(payload) == []


def test_the_lint_covers_schema_loader_and_every_library_query_with_its_browser_params():
    statements = lint_payload()["statements"]
    library = load_library().queries.values()
    cypher = [s["query"] for s in statements if not s.get("console")]
    assert cypher == neo4j_schema_statements() + load_statements() + [q.text for q in library]
    browser = [s["query"] for s in statements if s.get("console")]
    assert browser == [";\n".join(q.browser_params) for q in library if q.browser_params]


def test_the_linter_reports_typos_undeclared_parameters_and_broken_browser_commands():
    payload = lint_payload()
    payload["statements"] = [
        {"name": "label", "query": "MATCH (p:Papr) RETURN p.id"},
        {"name": "property", "query": "MATCH (b:Benchmark) RETURN b.nmae"},
        {"name": "path", "query": "MATCH (b:Benchmark)-[:EVALUATED_ON]->(p:Paper) RETURN p.id"},
        {"name": "param", "query": "MATCH (p:Paper {id: $paper}) RETURN p.id"},
        {"name": "syntax", "query": "MATCH (p:Paper RETURN p"},
        {"name": "browser", "query": ":param k => ", "console": True},
    ]
    found = {d["name"] for d in lint(payload)}
    assert found == {"label", "property", "path", "param", "syntax", "browser"}
