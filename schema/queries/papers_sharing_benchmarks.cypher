// Papers evaluated on (or proposing) at least one benchmark a given paper uses, with the shared names.
// params: paper_id (string) - id of the paper to start from
// :param paper_id => 'arxiv:2401.00001'
MATCH (p:Paper {id: $paper_id})-[:EVALUATED_ON|PROPOSES]->(b:Benchmark)<-[:EVALUATED_ON|PROPOSES]-(other:Paper)
WHERE other.id <> p.id
WITH other, b
ORDER BY b.name
WITH other, collect(DISTINCT b.name) AS shared
RETURN other.id AS paper, other.name AS name, size(shared) AS shared_count, shared AS benchmarks
ORDER BY shared_count DESC, paper
