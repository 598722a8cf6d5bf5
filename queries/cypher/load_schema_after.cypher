// description: Indexes the loader creates after the data is written (an index kept up to date row by row slows a bulk write). Empty on Neo4j: its constraints and indexes (load_schema) are created before the load's transaction, which may not mix schema and data.
// mode: write
