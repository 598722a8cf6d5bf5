// description: Neo4j, between staged nodes (see load_entities.neo4j): write source nodes and link each to the actor who wrote it (WRITTEN_BY).
// mode: write
// param: rows list  source rows from graph.model.source_rows
UNWIND $rows AS row
MATCH (a:ActorgraphStaged {id: row.author_id})
CREATE (s:ActorgraphStaged {
  staged_labels: ['Source'],
  id: row.id, file: row.file, title: row.title, publisher: row.publisher,
  author_id: row.author_id, author_name: row.author_name, published: row.published, url: row.url
})-[:WRITTEN_BY]->(a)
RETURN count(s) AS written
