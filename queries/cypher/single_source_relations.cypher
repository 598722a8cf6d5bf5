// description: Relations resting on a single source document: the edges to corroborate before relying on them.
// mode: read
// research: yes
// param: limit int=200  most rows
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.source_count = 1
RETURN {{ edge s r o }} AS relation,
       r.source_ids[0] AS source_id
ORDER BY relation.type, relation.subject.name, relation.object.name
LIMIT $limit
