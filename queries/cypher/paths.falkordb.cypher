// FalkorDB's shortestPath/allShortestPaths cannot follow edges in both directions, and a
// variable-length bound cannot be a parameter; its algo.SPpaths procedure does both, with the
// relationship types and the hop limit as parameters.
MATCH (a:Entity {id: $from_id}), (b:Entity {id: $to_id})
CALL algo.SPpaths({sourceNode: a, targetNode: b, relTypes: $types, maxLen: $max_hops,
                   pathCount: 0, relDirection: 'both'})
YIELD path
RETURN [n IN nodes(path) | {id: n.id, name: n.name, class: n.class, kind: n.kind}] AS nodes,
       [r IN relationships(path) | {type: type(r),
          subject: {id: startNode(r).id, name: startNode(r).name, class: startNode(r).class, kind: startNode(r).kind},
          object: {id: endNode(r).id, name: endNode(r).name, class: endNode(r).class, kind: endNode(r).kind},
          properties: properties(r)}] AS edges
LIMIT $limit
