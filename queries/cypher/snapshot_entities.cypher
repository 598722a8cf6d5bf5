// description: Every actor, event and place with the properties the RDF export needs, a page at a time (keyset on id).
// mode: read
// param: after str  return entities whose id sorts after this one ("" for the first page)
// param: limit int=10000  most rows in one page
MATCH (e:Entity)
WHERE e.id > $after
RETURN e.id AS id, properties(e) AS properties
ORDER BY id
LIMIT $limit
