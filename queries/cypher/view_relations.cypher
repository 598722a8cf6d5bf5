// description: Every relation edge between entities with its status, source count, dates and citations (evidence JSON), for the network view.
// mode: read
// param: limit int=1000000  most rows
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.relation IS NOT NULL
RETURN a.id AS subject, r.relation AS relation, b.id AS object, r.contested AS contested,
       r.source_count AS source_count, r.first_stated AS first_stated,
       r.evidence AS evidence
ORDER BY subject, relation, object
LIMIT $limit
