// description: Actors whose name or an alias contains a text (case-insensitive, hyphens read as spaces), optionally of one class; exact name/alias matches first, a page at a time.
// mode: read
// param: q str=null  lower-cased text to find in names and aliases; null lists every actor
// param: class_key str=null  fact key of the actor's class, e.g. armed_group
// param: skip int=0  rows to skip (pagination)
// param: limit int=50  most rows
MATCH (a:Actor)
WHERE ($q IS NULL OR any(s IN a.search_names WHERE replace(s, '-', ' ') CONTAINS replace($q, '-', ' ')))
  AND ($class_key IS NULL OR a.class = $class_key)
WITH a, CASE WHEN $q IS NOT NULL AND any(s IN a.search_names WHERE replace(s, '-', ' ') = replace($q, '-', ' ')) THEN 0 ELSE 1 END AS rank
ORDER BY rank, toLower(a.name), a.id
WITH collect(properties(a)) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
