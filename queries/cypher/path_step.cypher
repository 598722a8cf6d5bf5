// description: One breadth-first step of a path search: the ends and type of every relation edge, of the given types, with an end among the frontier entities (ids only: the search reads many edges and keeps few).
// mode: read
// param: frontier list  ids of the entities reached last
// param: types list  relationship types to follow (from the ontology)
// See neighbourhood_step.cypher for why UNWIND and two directed matches.
UNWIND $frontier AS fid
MATCH (s:Entity {id: fid})-[r]->(o:Entity)
WHERE type(r) IN $types
RETURN s.id AS subject, type(r) AS type, o.id AS object
UNION ALL
UNWIND $frontier AS fid
MATCH (s:Entity)-[r]->(o:Entity {id: fid})
WHERE type(r) IN $types
RETURN s.id AS subject, type(r) AS type, o.id AS object
