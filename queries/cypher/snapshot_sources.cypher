// description: Every source document with its metadata, a page at a time (keyset on id), for the RDF export.
// mode: read
// param: after str  return sources whose id sorts after this one ("" for the first page)
// param: limit int=10000  most rows in one page
MATCH (s:Source)
WHERE s.id > $after
RETURN s.id AS id, properties(s) AS properties
ORDER BY id
LIMIT $limit
