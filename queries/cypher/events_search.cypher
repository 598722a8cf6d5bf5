// description: Events whose name or alias contains a text, by date, a page at a time, with how many claims assert and deny something about each.
// mode: read
// param: q str=null  lower-cased text to find in names and aliases; null lists every event
// param: skip int=0  rows to skip (pagination)
// param: limit int=50  most rows
MATCH (e:Event)
WHERE $q IS NULL OR any(s IN e.search_names WHERE s CONTAINS $q)
OPTIONAL MATCH (c:Claim)
WHERE c.subject_id = e.id OR c.object_id = e.id
WITH e,
     sum(CASE WHEN c.stance = 'asserts' THEN 1 ELSE 0 END) AS asserting,
     sum(CASE WHEN c.stance = 'denies' THEN 1 ELSE 0 END) AS denying
ORDER BY coalesce(e.date, ''), e.name
WITH collect({entity: properties(e), asserting: asserting, denying: denying}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
