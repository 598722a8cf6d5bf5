// description: Constraints and indexes the loader creates first: unique ids per node kind, name lookup, and (Neo4j) unique ids of the staged nodes a load writes before its flip. One statement per line group, separated by semicolons; every statement is idempotent (IF NOT EXISTS).
// mode: write
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT staged_id IF NOT EXISTS FOR (n:ActorgraphStaged) REQUIRE n.id IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX claim_source IF NOT EXISTS FOR (n:Claim) ON (n.source_id);
CREATE INDEX claim_claimant IF NOT EXISTS FOR (n:Claim) ON (n.claimant_id)
