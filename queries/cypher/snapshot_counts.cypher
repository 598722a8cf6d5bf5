// description: How many entities, sources and claims the store holds: a cheap fingerprint that tells the SPARQL dataset it must be rebuilt.
// mode: read
OPTIONAL MATCH (e:Entity)
WITH count(e) AS entities
OPTIONAL MATCH (s:Source)
WITH entities, count(s) AS sources
OPTIONAL MATCH (c:Claim)
RETURN entities, sources, count(c) AS claims
