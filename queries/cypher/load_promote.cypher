// description: Neo4j, second statement of the flip transaction: the staged nodes of the new graph take the labels kept in their staged_labels (written by load_entities.neo4j and the other staged loads) and stop being ActorgraphStaged. Labels come from the loader's rows, which take them from the ontology's vocabulary only.
// mode: write
MATCH (n:ActorgraphStaged)
SET n:$(n.staged_labels)
REMOVE n:ActorgraphStaged, n.staged_labels
