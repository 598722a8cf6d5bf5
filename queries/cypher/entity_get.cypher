// description: One entity (actor, event or place) by id, when it is of the given kind (any kind when null).
// mode: read
// param: id str  the entity's id
// param: kind str=null  Actor, Event or Place; null for any kind
MATCH (n:Entity {id: $id})
WHERE $kind IS NULL OR n.kind = $kind
RETURN properties(n) AS entity
