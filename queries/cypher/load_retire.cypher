// description: Neo4j, first statement of the flip transaction: the live graph's nodes lose every label (Entity, Actor, ArmedGroup, Source, Claim, ...) and become ActorgraphRetired, invisible to every query of the graph; load_discard deletes them after the flip commits. Retiring rather than deleting here keeps the flip small (a label change per node) and keeps the promoted nodes' id checks fast: in Neo4j a unique-index check for an id whose committed node was deleted in the same transaction is about nine times slower (measured: 2,000 claims in 0.97 s against 0.11 s).
// mode: write
MATCH (n)
WHERE n:Entity OR n:Source OR n:Claim
REMOVE n:$(labels(n))
SET n:ActorgraphRetired
