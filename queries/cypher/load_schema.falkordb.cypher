// description: Indexes the loader creates in a new FalkorDB graph before writing it: the id lookups the load itself needs, and name lookup. FalkorDB has no Cypher constraints; ids are unique by validation. "Already indexed" is not an error.
// mode: write
CREATE INDEX FOR (n:Entity) ON (n.id);
CREATE INDEX FOR (n:Source) ON (n.id);
CREATE INDEX FOR (n:Entity) ON (n.name)
