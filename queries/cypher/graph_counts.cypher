// description: How many actors, events, places, sources, claims and relation edges the graph holds.
// mode: read
OPTIONAL MATCH (a:Actor)
WITH count(a) AS actors
OPTIONAL MATCH (e:Event)
WITH actors, count(e) AS events
OPTIONAL MATCH (p:Place)
WITH actors, events, count(p) AS places
OPTIONAL MATCH (s:Source)
WITH actors, events, places, count(s) AS sources
OPTIONAL MATCH (c:Claim)
WITH actors, events, places, sources, count(c) AS claims
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
RETURN actors, events, places, sources, claims, count(r) AS relations
