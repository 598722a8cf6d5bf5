// description: Contested relations: edges that some claim denies (status contested when other claims assert them, denied when none does), with every claim for and against.
// mode: read
// research: yes
// param: limit int=200  most rows
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.contested = true
RETURN {{ edge s r o }} AS relation,
       r.asserted AS asserted, r.denied AS denied
ORDER BY relation.type, relation.subject.name, relation.object.name
LIMIT $limit
