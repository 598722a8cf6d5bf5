// description: Every relation edge of one entity, in both directions, with the edge's properties (its evidence holds the citations).
// mode: read
// param: id str  the entity's id
MATCH (n:Entity {id: $id})-[r]-(m:Entity)
WITH startNode(r) AS s, r, endNode(r) AS o
RETURN {type: type(r),
        subject: {id: s.id, name: s.name, class: s.class, kind: s.kind},
        object: {id: o.id, name: o.name, class: o.class, kind: o.kind},
        properties: properties(r)} AS edge
ORDER BY edge.type, edge.subject.name, edge.object.name
