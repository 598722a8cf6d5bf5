// description: The id of every source node, unordered, for the RDF export's read-back: sorted once by the caller, then read a page at a time by id (snapshot_sources).
// mode: read
MATCH (s:Source)
RETURN s.id AS id
