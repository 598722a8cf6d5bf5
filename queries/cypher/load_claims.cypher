// description: Write claim nodes with their provenance edges: SUBJECT, OBJECT, CITES (source) and CLAIMED_BY (claimant).
// mode: write
// param: rows list  claim rows from graph.model.claim_rows
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject_id})
MATCH (o:Entity {id: row.object_id})
MATCH (src:Source {id: row.source_id})
MATCH (who:Entity {id: row.claimant_id})
CREATE (c:Claim {
  {{ fields claim row }}
})
CREATE (c)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o), (c)-[:CITES]->(src), (c)-[:CLAIMED_BY]->(who)
RETURN count(c) AS written
