// description: Enemies of an actor's enemies: every actor hostile to one of the actor's enemies, with both hostile edges and their citations; also_enemy says whether it is hostile to the actor as well (the enemy of my enemy is not always my friend). Edges that are only denied are left out.
// mode: read
// research: yes
// param: actor_id str  id of the actor, e.g. taliban
// param: limit int=200  most rows
MATCH (a:Actor {id: $actor_id})-[h1:HOSTILE_TO]-(enemy:Actor)-[h2:HOSTILE_TO]-(x:Actor)
WHERE x <> a AND h1.status <> 'denied' AND h2.status <> 'denied'
OPTIONAL MATCH (a)-[h3:HOSTILE_TO]-(x)
WITH a, enemy, x, h1, h2, count(h3) > 0 AS also_enemy
RETURN {id: x.id, name: x.name, class: x.class, kind: x.kind} AS enemy_of_enemy,
       {id: enemy.id, name: enemy.name, class: enemy.class, kind: enemy.kind} AS enemy,
       also_enemy,
       {type: type(h1),
        subject: {id: startNode(h1).id, name: startNode(h1).name, class: startNode(h1).class, kind: startNode(h1).kind},
        object: {id: endNode(h1).id, name: endNode(h1).name, class: endNode(h1).class, kind: endNode(h1).kind},
        properties: properties(h1)} AS hostility_to_enemy,
       {type: type(h2),
        subject: {id: startNode(h2).id, name: startNode(h2).name, class: startNode(h2).class, kind: startNode(h2).kind},
        object: {id: endNode(h2).id, name: endNode(h2).name, class: endNode(h2).class, kind: endNode(h2).kind},
        properties: properties(h2)} AS enemy_hostility
ORDER BY enemy_of_enemy.name, enemy.name
LIMIT $limit
