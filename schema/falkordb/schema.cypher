// kg schema for the embedded FalkorDB store, beside schema/neo4j/schema.cypher (dialects differ in DDL).
// Exact-match indexes first: MERGE on id is ~35x slower without them, and constraints need them.
CREATE INDEX FOR (n:Paper) ON (n.id);
CREATE INDEX FOR (n:Method) ON (n.id);
CREATE INDEX FOR (n:Benchmark) ON (n.id);
CREATE INDEX FOR (n:Link) ON (n.id);
CREATE INDEX FOR (n:Method) ON (n.name, n.aliases);
CREATE INDEX FOR (n:Benchmark) ON (n.name, n.aliases);
CREATE INDEX FOR (n:Paper) ON (n.date);
// Full-text search over titles and abstracts:
//   CALL db.idx.fulltext.queryNodes('Paper', 'contrastive') YIELD node
CALL db.idx.fulltext.createNodeIndex('Paper', 'title', 'abstract');
