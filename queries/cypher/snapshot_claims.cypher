// description: Every claim with its provenance, a page at a time (keyset on id), for the RDF export.
// mode: read
// param: after str  return claims whose id sorts after this one ("" for the first page)
// param: limit int=10000  most rows in one page
MATCH (c:Claim)
WHERE c.id > $after
RETURN c.id AS id, properties(c) AS properties
ORDER BY id
LIMIT $limit
