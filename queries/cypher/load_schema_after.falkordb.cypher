// description: Indexes on claims, created in a new FalkorDB graph after the claims are written (about a quarter faster than keeping them up to date during the bulk write); FalkorDB builds an index in the background; queries are correct before it is ready, only slower.
// mode: write
CREATE INDEX FOR (n:Claim) ON (n.id);
CREATE INDEX FOR (n:Claim) ON (n.source_id);
CREATE INDEX FOR (n:Claim) ON (n.claimant_id)
