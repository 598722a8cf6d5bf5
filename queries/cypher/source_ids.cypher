// description: Id and title of every source, to suggest close ids for an unknown one.
// mode: read
MATCH (s:Source)
RETURN s.id AS id, s.title AS name, [] AS aliases
ORDER BY s.id
