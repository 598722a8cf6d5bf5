// description: Who gives sanctuary to an actor's enemies, and who says so: every actor with a GIVES_SANCTUARY_TO edge to an enemy of the actor, with the sanctuary edge (its status shows whether it is asserted, denied or contested) and the hostile edge, each with its citations.
// mode: read
// research: yes
// page: yes
// param: actor_id str  id of the actor whose enemies' hosts are wanted, e.g. taliban
// param: limit int=200  most rows
// param: skip int=0  rows to skip (pagination: total says how many there are)
MATCH (a:Actor {id: $actor_id})-[h:HOSTILE_TO]-(enemy:Actor)<-[s:GIVES_SANCTUARY_TO]-(host:Actor)
WHERE host <> a AND h.status <> 'denied'
WITH {{ entity_ref host }} AS host,
     {{ entity_ref enemy }} AS enemy,
     {{ edge host s enemy }} AS sanctuary,
     {{ edge startNode(h) h endNode(h) }} AS hostility
ORDER BY host.name, enemy.name
WITH collect({host: host, enemy: enemy, sanctuary: sanctuary, hostility: hostility}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
