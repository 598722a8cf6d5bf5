// description: Every actor, event and place with the properties the RDF export needs, a page at a time (keyset on id).
// mode: read
// param: after str  return entities whose id sorts after this one ("" for the first page)
// param: limit int=10000  most rows in one page
MATCH (e:Entity)
WHERE e.id > $after
RETURN e.id AS id, e.name AS name, e.class AS class, e.aliases AS aliases,
       e.description AS description, e.date AS date, e.end_date AS end_date
ORDER BY id
LIMIT $limit
