// description: Delete every node the loader wrote (and their edges), inside the load's transaction, before the new graph is written. Used where the graph is replaced in place (Neo4j); FalkorDB builds a new graph instead.
// mode: write
MATCH (n)
WHERE n:Entity OR n:Source OR n:Claim
DETACH DELETE n
