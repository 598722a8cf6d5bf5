// description: All shortest paths between two entities over the given relationship types, edges read in either direction, up to a hop limit (at most 6).
// mode: read
// param: from_id str  the entity the path starts at
// param: to_id str  the entity the path ends at
// param: max_hops int=4  most hops, 1 to 6
// param: types list  relationship types to follow (from the ontology)
// param: limit int=25  most paths
MATCH (a:Entity {id: $from_id}), (b:Entity {id: $to_id})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE length(p) <= $max_hops AND all(r IN relationships(p) WHERE type(r) IN $types)
RETURN [n IN nodes(p) | {id: n.id, name: n.name, class: n.class, kind: n.kind}] AS nodes,
       [r IN relationships(p) | {type: type(r),
          subject: {id: startNode(r).id, name: startNode(r).name, class: startNode(r).class, kind: startNode(r).kind},
          object: {id: endNode(r).id, name: endNode(r).name, class: endNode(r).class, kind: endNode(r).kind},
          properties: properties(r)}] AS edges
LIMIT $limit
