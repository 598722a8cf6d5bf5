// description: Structural balance of the signed actor network: triads of actors linked by hostility (negative) and by affiliation, alliance, support, sanctuary or protection (positive), each classified balanced (an even number of negative ties) or unbalanced. The edges come from this query; the triads are found and classified in Python (services/analysis.py). Edges that are only denied are left out; a pair with ties of both signs is reported, not used.
// mode: read
// research: yes
// page: yes
// param: limit int=200  most triads
// param: skip int=0  rows to skip (pagination: total says how many there are)
MATCH (s:Actor)-[r:HOSTILE_TO|ALLIED_WITH|AFFILIATED_WITH|SUPPORTS|GIVES_SANCTUARY_TO|PROTECTS]->(o:Actor)
WHERE s <> o AND r.status <> 'denied'
RETURN {{ edge s r o }} AS edge,
       CASE type(r) WHEN 'HOSTILE_TO' THEN -1 ELSE 1 END AS sign
