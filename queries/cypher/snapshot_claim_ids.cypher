// description: The id of every claim node, unordered, for the RDF export's read-back: sorted once by the caller, then read a page at a time by id (snapshot_claims).
// mode: read
MATCH (c:Claim)
RETURN c.id AS id
