// description: Relations resting on a single independent origin (one claimant, or claimants reporting one statement, however many documents relay it): the edges to corroborate before relying on them.
// mode: read
// research: yes
// page: yes
// param: limit int=200  most rows
// param: skip int=0  rows to skip (pagination: total says how many there are)
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.source_count = 1
WITH {{ edge s r o }} AS relation,
     r.source_ids[0] AS source_id
ORDER BY relation.type, relation.subject.name, relation.object.name
WITH collect({relation: relation, source_id: source_id}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
