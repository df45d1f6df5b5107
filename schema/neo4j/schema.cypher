// kg schema for Neo4j 5: applied by `kg load --neo4j` before any data (statements are idempotent).
// Uniqueness constraints on the model's keys: MERGE on id uses them, and they forbid duplicates.
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT method_id IF NOT EXISTS FOR (n:Method) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT benchmark_id IF NOT EXISTS FOR (n:Benchmark) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT link_id IF NOT EXISTS FOR (n:Link) REQUIRE n.id IS UNIQUE;

// Names and aliases: what people look entities up by.
CREATE INDEX method_name IF NOT EXISTS FOR (n:Method) ON (n.name);
CREATE INDEX benchmark_name IF NOT EXISTS FOR (n:Benchmark) ON (n.name);
CREATE INDEX method_aliases IF NOT EXISTS FOR (n:Method) ON (n.aliases);
CREATE INDEX benchmark_aliases IF NOT EXISTS FOR (n:Benchmark) ON (n.aliases);
CREATE INDEX paper_date IF NOT EXISTS FOR (n:Paper) ON (n.date);

// Full-text search over titles and abstracts:
//   CALL db.index.fulltext.queryNodes('paper_text', 'contrastive AND video') YIELD node, score
CREATE FULLTEXT INDEX paper_text IF NOT EXISTS FOR (n:Paper) ON EACH [n.title, n.abstract];
// ... and over entity names, aliases and expansions.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Method|Benchmark) ON EACH [n.name, n.aliases, n.long_form];
