// Papers that link to their code, with the code URLs.
// params: (none)
MATCH (p:Paper)-[:HAS_CODE]->(l:Link)
WITH p, l
ORDER BY l.url
RETURN p.id AS paper, p.name AS name, collect(l.url) AS code
ORDER BY paper
