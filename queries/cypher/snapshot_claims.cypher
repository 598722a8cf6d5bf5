// description: Every claim with its provenance, a page at a time (keyset on id), for the RDF export.
// mode: read
// param: after str  return claims whose id sorts after this one ("" for the first page)
// param: limit int=10000  most rows in one page
MATCH (c:Claim)
WHERE c.id > $after
RETURN c.id AS id, c.subject_id AS subject_id, c.relation AS relation, c.object_id AS object_id,
       c.source_id AS source_id, c.claimant_id AS claimant_id, c.stance AS stance,
       c.quote AS quote, c.stated_on AS stated_on, c.valid_from AS valid_from,
       c.valid_until AS valid_until, c.note AS note
ORDER BY id
LIMIT $limit
