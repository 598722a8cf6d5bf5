// description: The sources with the given ids and the properties the RDF export needs: one page of the read-back, each id looked up through the index on Source.id (no sort, so reading every page stays linear in the graph's size).
// mode: read
// param: ids list  ids of the page, from snapshot_source_ids
UNWIND $ids AS wanted
MATCH (s:Source {id: wanted})
RETURN s.id AS id, properties(s) AS properties
