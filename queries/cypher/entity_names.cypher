// description: Id, name and aliases of every entity (of one kind), to suggest close names for an unknown id.
// mode: read
// param: kind str=null  Actor, Event or Place; null for every entity
MATCH (n:Entity)
WHERE $kind IS NULL OR n.kind = $kind
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases
ORDER BY n.id
