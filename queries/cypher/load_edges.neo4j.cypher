// description: Neo4j, between staged nodes (see load_entities.neo4j): write relation edges of one type, each with the evidence of the claims behind it. {rel_type} is filled by the loader from the ontology's vocabulary only (Cypher cannot take a relationship type as a parameter); never from input.
// mode: write
// param: rows list  edge rows from graph.model.edge_rows
UNWIND $rows AS row
MATCH (s:ActorgraphStaged {id: row.subject_id})
MATCH (o:ActorgraphStaged {id: row.object_id})
CREATE (s)-[r:{rel_type} {
  {{ fields relation row }}
}]->(o)
RETURN count(r) AS written
