// description: Source documents, newest first, a page at a time, with how many claims cite each.
// mode: read
// param: skip int=0  rows to skip (pagination)
// param: limit int=50  most rows
MATCH (s:Source)
OPTIONAL MATCH (c:Claim)-[:CITES]->(s)
WITH s, count(c) AS claims
ORDER BY coalesce(s.published, '') DESC, s.id
WITH collect({source: properties(s), claims: claims}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
