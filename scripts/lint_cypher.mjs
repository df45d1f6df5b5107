// Lint Cypher statements with Neo4j's own parser and semantic analysis.
// Input (stdin, JSON): {"schema": DbSchema, "statements": [{"name": str, "query": str, "console"?: bool}]}
// console: the text may hold Neo4j Browser commands (the library's ":param" lines).
// Output (stdout, JSON): [{"name", "severity", "message", "line", "column"}] for every diagnostic,
// errors AND warnings (unknown labels, types, properties or paths are warnings: typos we refuse).
// Exit status: 0 when there are none, 1 otherwise, 2 on bad input.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

let input;
try {
  input = JSON.parse(await readStdin());
} catch (err) {
  process.stderr.write(`lint_cypher: stdin is not JSON: ${err.message}\n`);
  process.exit(2);
}

const findings = [];
for (const { name, query, console = false } of input.statements) {
  const { diagnostics } = lintCypherQuery(query, input.schema, { consoleCommandsEnabled: console });
  for (const d of diagnostics) {
    findings.push({
      name,
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    });
  }
}
process.stdout.write(JSON.stringify(findings, null, 1) + '\n');
process.exit(findings.length ? 1 : 0);
