#!/usr/bin/env bash
# The test run of `make test` (and so of CI): pytest on both graph backends.
#
# The embedded store always runs. For Neo4j: with ACTORGRAPH_NEO4J_URI set, the tests use that
# server (and EMPTY its database); otherwise, where Java and Maven exist, this starts a local
# Neo4j of its own (var/neo4j-test, Bolt on 127.0.0.1:7688, apart from the `make neo4j` server
# and its data) and stops it at the end, also when tests fail. Without Java or Maven the Neo4j
# half is skipped, and pytest's summary says why.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ACTORGRAPH_NEO4J_URI:-}" ]; then
  if command -v java >/dev/null && command -v mvn >/dev/null; then
    export ACTORGRAPH_NEO4J_HOME=$PWD/var/neo4j-test
    export ACTORGRAPH_NEO4J_BOLT_PORT=${ACTORGRAPH_TEST_NEO4J_PORT:-7688}
    export ACTORGRAPH_NEO4J_HEAP=${ACTORGRAPH_NEO4J_HEAP:-1g}
    started=no
    scripts/neo4j-local.sh status >/dev/null || started=yes
    if [ "$started" = yes ]; then
      trap 'scripts/neo4j-local.sh stop' EXIT
    fi
    scripts/neo4j-local.sh start
    eval "$(scripts/neo4j-local.sh env)"
  else
    echo "test: no Java or Maven here: the Neo4j half of the suite is skipped"
  fi
fi
.venv/bin/pytest "$@"
