// description: Indexes the loader creates after the data is written (an index kept up to date row by row slows a bulk write). Empty on Neo4j: its constraints and indexes (load_schema) must exist before the staged batches, whose id lookups use them.
// mode: write
