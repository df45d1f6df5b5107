// Papers evaluated on one benchmark (given by id or by name, any case) and the methods each proposes or mentions.
// params: benchmark (string) - benchmark id such as 'benchmark:imagenet', or its name
// :param benchmark => 'ImageNet'
MATCH (b:Benchmark)
WHERE b.id = $benchmark OR toLower(b.name) = toLower($benchmark)
MATCH (p:Paper)-[:EVALUATED_ON]->(b)
OPTIONAL MATCH (p)-[:PROPOSES|MENTIONS]->(m:Method)
WITH b, p, m
ORDER BY m.name
RETURN b.id AS benchmark, p.id AS paper, p.name AS name, collect(DISTINCT m.name) AS methods
ORDER BY benchmark, paper
