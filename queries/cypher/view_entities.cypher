// description: Every actor, event and place with what the network view draws: names, class and kind.
// mode: read
// param: limit int=1000000  most rows
MATCH (e:Entity)
RETURN e.id AS id, e.name AS name, e.class AS class, e.kind AS kind,
       e.class_label AS class_label, e.aliases AS aliases, e.date AS date
ORDER BY id
LIMIT $limit
