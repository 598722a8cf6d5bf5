// description: Neo4j, between staged nodes (see load_entities.neo4j): write relation edges of one type, each with the evidence of the claims behind it. {rel_type} is filled by the loader from the ontology's vocabulary only (Cypher cannot take a relationship type as a parameter); never from input.
// mode: write
// param: rows list  edge rows from graph.model.edge_rows
UNWIND $rows AS row
MATCH (s:ActorgraphStaged {id: row.subject_id})
MATCH (o:ActorgraphStaged {id: row.object_id})
CREATE (s)-[r:{rel_type} {
  relation: row.relation, claim_ids: row.claim_ids, source_ids: row.source_ids,
  claimant_ids: row.claimant_ids, stances: row.stances, asserted: row.asserted,
  denied: row.denied, contested: row.contested, status: row.status,
  source_count: row.source_count, first_stated: row.first_stated,
  evidence: row.evidence
}]->(o)
RETURN count(r) AS written
