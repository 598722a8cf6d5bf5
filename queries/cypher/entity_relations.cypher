// description: Every relation edge of one entity, in both directions, with the edge's properties the API shows (its evidence holds the citations); unordered: the caller sorts.
// mode: read
// param: id str  the entity's id
// Two directed matches, not one undirected one: FalkorDB traverses an undirected pattern at
// about twice the cost of its two directions. Provenance edges (Claim to Entity) never match,
// as both ends must be entities. The properties are named rather than `properties(r)`: the
// per-claim id lists (claim_ids, source_ids, ...) repeat what `evidence` holds, and reading
// them back was a third of the cost of this query. `s <> o`: a loop (rejected by validation)
// would otherwise come twice; comparing ids there instead makes FalkorDB scan every entity.
MATCH (s:Entity {id: $id})-[r]->(o:Entity)
RETURN {{ shown_edge s r o }} AS edge
UNION ALL
MATCH (o:Entity {id: $id})<-[r]-(s:Entity)
WHERE s <> o
RETURN {{ shown_edge s r o }} AS edge
