package org.actorgraph.neo4j;

import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * A shared lock for readers of actorgraph's graph, so that a load is seen whole or not at all.
 *
 * <p>Neo4j reads at read-committed isolation: a query that runs while a large transaction
 * commits can see that commit part applied (the contract suite caught a reader counting the old
 * claims with none of their CITES edges). actorgraph's loader replaces the whole graph in one
 * transaction whose last write takes an exclusive lock on the graph's state node. A reader
 * that first takes this shared lock on the same node waits while such a commit is applied and
 * holds the commit off while it reads; Cypher has no clause for a shared lock, so this is a
 * procedure. The lock lasts until the reader's transaction ends.
 */
public class GraphLock {
    @Context
    public Transaction tx;

    @Procedure(name = "actorgraph.lockGraphForRead", mode = Mode.READ)
    @Description("Take a shared lock on the graph's state node until this transaction ends.")
    public void lockGraphForRead(@Name("state") Node state) {
        tx.acquireReadLock(state);
    }
}
