// description: One source document by id, with how many claims cite it.
// mode: read
// param: id str  the source's id
MATCH (s:Source {id: $id})
OPTIONAL MATCH (c:Claim)-[:CITES]->(s)
RETURN properties(s) AS source, count(c) AS claims
