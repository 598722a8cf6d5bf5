// description: Actors ranked by betweenness and degree centrality in the network of relations between actors (edges read undirected; edges that are only denied left out). The edges come from this query; networkx computes the ranking (services/analysis.py).
// mode: read
// research: yes
// page: yes
// param: limit int=50  most actors
// param: skip int=0  rows to skip (pagination: total says how many there are)
MATCH (s:Actor)-[r]->(o:Actor)
WHERE s <> o AND r.status <> 'denied'
RETURN s.id AS subject_id, s.name AS subject_name, o.id AS object_id, o.name AS object_name,
       type(r) AS type
