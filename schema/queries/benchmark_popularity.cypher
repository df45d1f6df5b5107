// Benchmarks by the number of papers evaluated on (or proposing) them, most used first.
// params: (none)
MATCH (b:Benchmark)
OPTIONAL MATCH (b)<-[:EVALUATED_ON|PROPOSES]-(p:Paper)
RETURN b.id AS benchmark, b.name AS name, count(DISTINCT p) AS papers
ORDER BY papers DESC, benchmark
