// description: Relation edges filtered by type, actor, source, claimant, stance, contested or not and date window, a page at a time; each with its evidence.
// mode: read
// param: types list  relationship types to keep (from the ontology)
// param: actor str=null  id of an entity at either end
// param: source str=null  id of a source cited by at least one claim of the edge
// param: claimant str=null  id of a claimant of at least one claim of the edge
// param: stance str=null  asserts or denies: at least one claim of the edge takes it
// param: contested bool=null  only contested (true) or only uncontested (false) edges
// param: since str=null  ISO date (YYYY, YYYY-MM or YYYY-MM-DD): the edge was valid or stated on or after it
// param: until str=null  ISO date: the edge was valid or stated on or before it
// param: skip int=0  rows to skip (pagination)
// param: limit int=50  most rows
MATCH (s:Entity)-[r]->(o:Entity)
WHERE type(r) IN $types
  AND ($actor IS NULL OR s.id = $actor OR o.id = $actor)
  AND ($source IS NULL OR $source IN r.source_ids)
  AND ($claimant IS NULL OR $claimant IN r.claimant_ids)
  AND ($stance IS NULL OR $stance IN r.stances)
  AND ($contested IS NULL OR r.contested = $contested)
// An edge spans [valid_from or first stated, valid_until]; open-ended when only valid_from is
// known. Dates of different precision compare on their common prefix ("2022" vs "2022-05"):
// the since test is NOT ends_before(ends, $since) of ontology/dates.py, the until test NOT
// ends_before($until, starts); tests/test_dates.py runs this query to check they agree.
WITH s, r, o, coalesce(r.valid_from, r.first_stated) AS starts,
     CASE WHEN r.valid_until IS NOT NULL THEN r.valid_until
          WHEN r.valid_from IS NOT NULL THEN '9999'
          ELSE r.first_stated END AS ends
WHERE ($since IS NULL OR (ends IS NOT NULL AND left(ends, size($since)) >= left($since, size(ends))))
  AND ($until IS NULL OR (starts IS NOT NULL AND left(starts, size($until)) <= left($until, size(starts))))
WITH s, r, o
ORDER BY type(r), s.name, o.name
WITH collect({{ edge s r o }}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
