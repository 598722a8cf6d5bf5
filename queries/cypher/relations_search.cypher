// description: Relation edges filtered by type, actor, source, claimant, stance, contested or not, a page at a time (the time questions, true_at and known_by, are asked of its rows by services/relation_filter.py); each with its evidence.
// mode: read
// param: types list  relationship types to keep (from the ontology)
// param: actor str=null  id of an entity at either end
// param: source str=null  id of a source cited by at least one claim of the edge
// param: claimant str=null  id of a claimant of at least one claim of the edge
// param: stance str=null  asserts, denies or questions: at least one claim of the edge takes it
// param: contested bool=null  only contested (true) or only uncontested (false) edges
// param: skip int=0  rows to skip (pagination)
// param: limit int=50  most rows
MATCH (s:Entity)-[r]->(o:Entity)
WHERE type(r) IN $types
  AND ($actor IS NULL OR s.id = $actor OR o.id = $actor)
  AND ($source IS NULL OR $source IN r.source_ids)
  AND ($claimant IS NULL OR $claimant IN r.claimant_ids)
  AND ($stance IS NULL OR $stance IN r.stances)
  AND ($contested IS NULL OR r.contested = $contested)
WITH s, r, o
ORDER BY type(r), s.name, o.name
WITH collect({{ edge s r o }}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
