// description: Write source nodes and link each to the actor who wrote it (WRITTEN_BY).
// mode: write
// param: rows list  source rows from graph.model.source_rows
UNWIND $rows AS row
MATCH (a:Entity {id: row.author_id})
CREATE (s:Source {
  {{ fields source row }}
})-[:WRITTEN_BY]->(a)
RETURN count(s) AS written
