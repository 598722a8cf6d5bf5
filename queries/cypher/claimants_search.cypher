// description: Actors who made claims, most claims first, a page at a time, with how many they asserted and denied.
// mode: read
// param: skip int=0  rows to skip (pagination)
// param: limit int=50  most rows
MATCH (c:Claim)-[:CLAIMED_BY]->(a:Entity)
WITH a,
     sum(CASE WHEN c.stance = 'asserts' THEN 1 ELSE 0 END) AS asserting,
     sum(CASE WHEN c.stance = 'denies' THEN 1 ELSE 0 END) AS denying
ORDER BY asserting + denying DESC, a.name
WITH collect({entity: properties(a), asserting: asserting, denying: denying}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
