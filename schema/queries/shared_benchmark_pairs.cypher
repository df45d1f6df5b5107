// All pairs of papers using (evaluated on or proposing) at least k common benchmarks, each pair once, with the shared names.
// params: k (int) - minimum number of shared benchmarks
// :param k => 2
MATCH (a:Paper)-[:EVALUATED_ON|PROPOSES]->(b:Benchmark)<-[:EVALUATED_ON|PROPOSES]-(c:Paper)
WHERE a.id < c.id
WITH a, c, b
ORDER BY b.name
WITH a, c, collect(DISTINCT b.name) AS shared
WHERE size(shared) >= $k
RETURN a.id AS paper_a, c.id AS paper_b, size(shared) AS shared_count, shared AS benchmarks
ORDER BY shared_count DESC, paper_a, paper_b
