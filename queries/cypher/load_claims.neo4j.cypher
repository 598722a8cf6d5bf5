// description: Neo4j, between staged nodes (see load_entities.neo4j): write claim nodes with their provenance edges: SUBJECT, OBJECT, CITES (source) and CLAIMED_BY (claimant).
// mode: write
// param: rows list  claim rows from graph.model.claim_rows
UNWIND $rows AS row
MATCH (s:ActorgraphStaged {id: row.subject_id})
MATCH (o:ActorgraphStaged {id: row.object_id})
MATCH (src:ActorgraphStaged {id: row.source_id})
MATCH (who:ActorgraphStaged {id: row.claimant_id})
CREATE (c:ActorgraphStaged {
  staged_labels: ['Claim'],
  {{ fields claim row }}
})
CREATE (c)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o), (c)-[:CITES]->(src), (c)-[:CLAIMED_BY]->(who)
RETURN count(c) AS written
