// description: Who gives sanctuary to an actor's enemies, and who says so: every actor with a GIVES_SANCTUARY_TO edge to an enemy of the actor, with the sanctuary edge (its status shows whether it is asserted, denied or contested) and the hostile edge, each with its citations.
// mode: read
// research: yes
// param: actor_id str  id of the actor whose enemies' hosts are wanted, e.g. taliban
// param: limit int=200  most rows
MATCH (a:Actor {id: $actor_id})-[h:HOSTILE_TO]-(enemy:Actor)<-[s:GIVES_SANCTUARY_TO]-(host:Actor)
WHERE host <> a AND h.status <> 'denied'
RETURN {id: host.id, name: host.name, class: host.class, kind: host.kind} AS host,
       {id: enemy.id, name: enemy.name, class: enemy.class, kind: enemy.kind} AS enemy,
       {type: type(s),
        subject: {id: host.id, name: host.name, class: host.class, kind: host.kind},
        object: {id: enemy.id, name: enemy.name, class: enemy.class, kind: enemy.kind},
        properties: properties(s)} AS sanctuary,
       {type: type(h),
        subject: {id: startNode(h).id, name: startNode(h).name, class: startNode(h).class, kind: startNode(h).kind},
        object: {id: endNode(h).id, name: endNode(h).name, class: endNode(h).class, kind: endNode(h).kind},
        properties: properties(h)} AS hostility
ORDER BY host.name, enemy.name
LIMIT $limit
