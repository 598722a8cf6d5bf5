// description: The entities with the given ids and the properties the RDF export needs: one page of the read-back, each id looked up through the index on Entity.id (no sort, so reading every page stays linear in the graph's size).
// mode: read
// param: ids list  ids of the page, from snapshot_entity_ids
UNWIND $ids AS wanted
MATCH (e:Entity {id: wanted})
RETURN e.id AS id, properties(e) AS properties
