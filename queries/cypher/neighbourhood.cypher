// description: The relation edges on paths of up to `depth` hops (at most 3) from an entity, through the given relationship types only.
// mode: read
// param: id str  the entity at the centre
// param: depth int=1  most hops, 1 to 3
// param: types list  relationship types to follow (from the ontology)
MATCH (c:Entity {id: $id})
MATCH p = (c)-[*1..3]-(m:Entity)
WHERE length(p) <= $depth AND all(r IN relationships(p) WHERE type(r) IN $types)
UNWIND relationships(p) AS r
WITH DISTINCT r
WITH startNode(r) AS s, r, endNode(r) AS o
RETURN {type: type(r),
        subject: {id: s.id, name: s.name, class: s.class, kind: s.kind},
        object: {id: o.id, name: o.name, class: o.class, kind: o.kind},
        properties: properties(r)} AS edge
ORDER BY edge.type, edge.subject.name, edge.object.name
