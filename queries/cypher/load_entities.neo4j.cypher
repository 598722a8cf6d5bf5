// description: Neo4j: write entity nodes of one label set as staged nodes (label ActorgraphStaged, their labels kept in staged_labels until the flip (graph/neo4j_staging.py) gives them), in their own committed batch, invisible to every query of the graph. {kind} and {label} are filled by the loader from the ontology's vocabulary only (Cypher cannot take labels as parameters); never from input.
// mode: write
// param: rows list  entity rows from graph.model.entity_rows
UNWIND $rows AS row
CREATE (n:ActorgraphStaged {
  staged_labels: ['Entity', '{kind}', '{label}'],
  {{ fields entity row }}
})
RETURN count(n) AS written
