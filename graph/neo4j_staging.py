"""The Neo4j store's staged load: the statements that flip a staged graph live and clean up.

They are the adapter's own bookkeeping, like its read lock, not queries of the graph: no caller
names them, so they live with the adapter rather than in the query catalog (``queries/``). The
staged nodes themselves are written by the loader's ``load_*.neo4j.cypher`` overrides.
"""

from __future__ import annotations

# Neo4j, first statement of the flip transaction: the live graph's nodes lose every label
# (Entity, Actor, ArmedGroup, Source, Claim, ...) and become ActorgraphRetired, invisible to
# every query of the graph; DISCARD deletes them after the flip commits. Retiring rather
# than deleting here keeps the flip small (a label change per node) and keeps the promoted
# nodes' id checks fast: in Neo4j a unique-index check for an id whose committed node was
# deleted in the same transaction is about nine times slower (measured: 2,000 claims in 0.97 s
# against 0.11 s).
RETIRE = """\
MATCH (n)
WHERE n:Entity OR n:Source OR n:Claim
REMOVE n:$(labels(n))
SET n:ActorgraphRetired
"""

# Neo4j, second statement of the flip transaction: the staged nodes of the new graph take the
# labels kept in their staged_labels (written by load_entities.neo4j and the other staged loads)
# and stop being ActorgraphStaged. Labels come from the loader's rows, which take them from the
# ontology's vocabulary only.
PROMOTE = """\
MATCH (n:ActorgraphStaged)
SET n:$(n.staged_labels)
REMOVE n:ActorgraphStaged, n.staged_labels
"""

# Neo4j, outside any load transaction: delete, in batches of their own, the nodes (and edges) of
# a retired graph, and the staged nodes a killed or failed load left behind. Neither is visible
# to any query of the graph. Runs after every flip and before every load.
DISCARD = """\
MATCH (n)
WHERE n:ActorgraphRetired OR n:ActorgraphStaged
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
"""
