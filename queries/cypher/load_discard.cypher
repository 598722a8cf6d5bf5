// description: Neo4j, outside any load transaction: delete, in batches of their own, the nodes (and edges) of a retired graph, and the staged nodes a killed or failed load left behind. Neither is visible to any query of the graph. Runs after every flip and before every load.
// mode: write
MATCH (n)
WHERE n:ActorgraphRetired OR n:ActorgraphStaged
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
