// description: Enemies of an actor's enemies: every actor hostile to one of the actor's enemies, with both hostile edges and their citations; also_enemy says whether it is hostile to the actor as well (the enemy of my enemy is not always my friend). Edges that are only denied are left out.
// mode: read
// research: yes
// page: yes
// param: actor_id str  id of the actor, e.g. taliban
// param: limit int=200  most rows
// param: skip int=0  rows to skip (pagination: total says how many there are)
MATCH (a:Actor {id: $actor_id})-[h1:HOSTILE_TO]-(enemy:Actor)-[h2:HOSTILE_TO]-(x:Actor)
WHERE x <> a AND h1.status <> 'denied' AND h2.status <> 'denied'
OPTIONAL MATCH (a)-[h3:HOSTILE_TO]-(x)
WITH a, enemy, x, h1, h2, count(h3) > 0 AS also_enemy
WITH {{ entity_ref x }} AS enemy_of_enemy,
     {{ entity_ref enemy }} AS enemy,
     also_enemy,
     {{ edge startNode(h1) h1 endNode(h1) }} AS hostility_to_enemy,
     {{ edge startNode(h2) h2 endNode(h2) }} AS enemy_hostility
ORDER BY enemy_of_enemy.name, enemy.name
WITH collect({enemy_of_enemy: enemy_of_enemy,
              enemy: enemy,
              also_enemy: also_enemy,
              hostility_to_enemy: hostility_to_enemy,
              enemy_hostility: enemy_hostility}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
