// description: Relation edges named by their subject id, relationship type and object id (three parallel lists), one flat row per edge with its ends and the properties the API shows.
// mode: read
// param: subject_ids list  the subject of each edge wanted
// param: types list  the relationship type of each edge wanted
// param: object_ids list  the object of each edge wanted
UNWIND range(0, size($subject_ids) - 1) AS i
MATCH (s:Entity {id: $subject_ids[i]})-[r]->(o:Entity {id: $object_ids[i]})
WHERE type(r) = $types[i]
RETURN type(r) AS type, s.id AS subject_id, s.name AS subject_name, s.class AS subject_class,
       s.kind AS subject_kind, o.id AS object_id, o.name AS object_name, o.class AS object_class,
       o.kind AS object_kind, r.relation AS relation, r.status AS status,
       r.contested AS contested, r.asserted AS asserted, r.denied AS denied,
       r.questioned AS questioned, r.hedged AS hedged, r.source_count AS source_count,
       r.document_count AS document_count, r.first_stated AS first_stated,
       r.evidence AS evidence
