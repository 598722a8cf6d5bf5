// description: The claims with the given ids and the properties the RDF export needs: one page of the read-back, each id looked up through the index on Claim.id (no sort, so reading every page stays linear in the graph's size).
// mode: read
// param: ids list  ids of the page, from snapshot_claim_ids
UNWIND $ids AS wanted
MATCH (c:Claim {id: wanted})
RETURN c.id AS id, properties(c) AS properties
