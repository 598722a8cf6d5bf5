// description: Claims filtered by the entity they are about (subject or object), the source citing them, their claimant and stance, a page at a time; each with its source and claimant.
// mode: read
// param: entity str=null  id of the claim's subject or object
// param: source str=null  id of the source the claim cites
// param: claimant str=null  id of the actor who made the claim
// param: stance str=null  asserts, denies or questions
// param: skip int=0  rows to skip (pagination)
// param: limit int=100  most rows
MATCH (c:Claim)
WHERE ($entity IS NULL OR c.subject_id = $entity OR c.object_id = $entity)
  AND ($source IS NULL OR c.source_id = $source)
  AND ($claimant IS NULL OR c.claimant_id = $claimant)
  AND ($stance IS NULL OR c.stance = $stance)
OPTIONAL MATCH (c)-[:SUBJECT]->(s:Entity)
OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
OPTIONAL MATCH (c)-[:CITES]->(src:Source)
OPTIONAL MATCH (c)-[:CLAIMED_BY]->(who:Entity)
WITH c, s, o, src, who
ORDER BY coalesce(c.stated_on, src.published, ''), c.id
WITH collect({claim: properties(c),
              subject: {{ entity_ref s }},
              object: {{ entity_ref o }},
              source: {id: c.source_id, title: src.title, publisher: src.publisher,
                       published: src.published, url: src.url},
              claimant: {{ entity_ref who }}}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
