// description: The id of every entity node, unordered, for the RDF export's read-back: sorted once by the caller, then read a page at a time by id (snapshot_entities).
// mode: read
MATCH (e:Entity)
RETURN e.id AS id
