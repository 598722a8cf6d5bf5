// description: Neo4j, between staged nodes (see load_entities.neo4j): write source nodes and link each to the actor who wrote it (WRITTEN_BY).
// mode: write
// param: rows list  source rows from graph.model.source_rows
UNWIND $rows AS row
MATCH (a:ActorgraphStaged {id: row.author_id})
CREATE (s:ActorgraphStaged {
  staged_labels: ['Source'],
  {{ fields source row }}
})-[:WRITTEN_BY]->(a)
RETURN count(s) AS written
