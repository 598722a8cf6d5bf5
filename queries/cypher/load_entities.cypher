// description: Write entity nodes of one label set. {kind} and {label} are filled by the loader from the ontology's vocabulary only (Cypher cannot take labels as parameters); never from input.
// mode: write
// param: rows list  entity rows from graph.model.entity_rows
UNWIND $rows AS row
CREATE (n:Entity:{kind}:{label} {
  {{ fields entity row }}
})
RETURN count(n) AS written
