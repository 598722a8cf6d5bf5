"""Services the CLI, the bench and the API share: traversal, analysis, the view, SPARQL, export."""
