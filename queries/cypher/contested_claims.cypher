// description: Contested relations: edges that some claim denies or questions (status contested when other claims assert them, denied when none does), with every claim for and against.
// mode: read
// research: yes
// page: yes
// param: limit int=200  most rows
// param: skip int=0  rows to skip (pagination: total says how many there are)
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.contested = true
WITH {{ edge s r o }} AS relation,
     r.asserted AS asserted, r.denied AS denied
ORDER BY relation.type, relation.subject.name, relation.object.name
WITH collect({relation: relation, asserted: asserted, denied: denied}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
