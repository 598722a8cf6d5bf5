// description: Neo4j: write entity nodes of one label set as staged nodes (label ActorgraphStaged, their labels kept in staged_labels until load_promote gives them), in their own committed batch, invisible to every query of the graph. {kind} and {label} are filled by the loader from the ontology's vocabulary only (Cypher cannot take labels as parameters); never from input.
// mode: write
// param: rows list  entity rows from graph.model.entity_rows
UNWIND $rows AS row
CREATE (n:ActorgraphStaged {
  staged_labels: ['Entity', '{kind}', '{label}'],
  id: row.id, name: row.name, class: row.class, kind: row.kind, class_label: row.class_label,
  aliases: row.aliases, search_names: row.search_names, description: row.description,
  date: row.date, end_date: row.end_date
})
RETURN count(n) AS written
