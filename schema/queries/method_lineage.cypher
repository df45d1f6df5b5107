// Lineage across papers: methods proposed in one paper and mentioned by other papers.
// params: (none)
MATCH (origin:Paper)-[:PROPOSES]->(m:Method)<-[:MENTIONS]-(later:Paper)
WHERE later.id <> origin.id
WITH m, origin, later
ORDER BY later.id
RETURN m.id AS method, m.name AS name, origin.id AS proposed_in, origin.date AS proposed_on,
       collect(DISTINCT later.id) AS mentioned_in, count(DISTINCT later) AS mentions
ORDER BY mentions DESC, method, proposed_in
