// description: One breadth-first step of a neighbourhood: every relation edge, of the given types, with an end among the frontier entities, one flat row per edge with its ends and the properties the API shows; an edge between two frontier entities may come twice.
// mode: read
// param: frontier list  ids of the entities reached last
// param: types list  relationship types to follow (from the ontology)
// UNWIND and an id lookup per frontier entity, not `WHERE n.id IN $frontier`: FalkorDB does
// not use the Entity.id index for an IN list (it scans every entity). Two directed matches,
// not one undirected one: FalkorDB traverses an undirected pattern at twice the cost. Flat
// columns, not an edge map: a depth-2 step reads thousands of edges, and building, sending and
// parsing nested maps took twice as long as the columns (api/traverse.py makes the maps).
UNWIND $frontier AS fid
MATCH (s:Entity {id: fid})-[r]->(o:Entity)
WHERE type(r) IN $types
RETURN type(r) AS type, s.id AS subject_id, s.name AS subject_name, s.class AS subject_class,
       s.kind AS subject_kind, o.id AS object_id, o.name AS object_name, o.class AS object_class,
       o.kind AS object_kind, r.relation AS relation, r.status AS status,
       r.contested AS contested, r.asserted AS asserted, r.denied AS denied,
       r.questioned AS questioned, r.hedged AS hedged, r.source_count AS source_count,
       r.document_count AS document_count, r.first_stated AS first_stated,
       r.evidence AS evidence
UNION ALL
UNWIND $frontier AS fid
MATCH (s:Entity)-[r]->(o:Entity {id: fid})
WHERE type(r) IN $types
RETURN type(r) AS type, s.id AS subject_id, s.name AS subject_name, s.class AS subject_class,
       s.kind AS subject_kind, o.id AS object_id, o.name AS object_name, o.class AS object_class,
       o.kind AS object_kind, r.relation AS relation, r.status AS status,
       r.contested AS contested, r.asserted AS asserted, r.denied AS denied,
       r.questioned AS questioned, r.hedged AS hedged, r.source_count AS source_count,
       r.document_count AS document_count, r.first_stated AS first_stated,
       r.evidence AS evidence
