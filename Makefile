# One command for each everyday job. Each sets up what it needs first.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup serve load validate test lint typecheck bench lock clean neo4j neo4j-stop

setup:
	@scripts/setup.sh

serve: setup
	$(BIN)/actorgraph load
	$(BIN)/actorgraph serve

load: setup
	$(BIN)/actorgraph load

validate: setup
	$(BIN)/actorgraph validate

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

test: setup lint typecheck
	@scripts/ensure-chromium.sh
	@scripts/test.sh

# with the local Neo4j up (make neo4j), the benchmark measures it beside the embedded store
bench: setup
	@if [ -z "$${ACTORGRAPH_NEO4J_URI:-}" ] && scripts/neo4j-local.sh status >/dev/null; then \
	  eval "$$(scripts/neo4j-local.sh env)"; fi; $(BIN)/python -m bench

# a local Neo4j server without Docker (Maven fetches it); see scripts/neo4j-local.sh
neo4j:
	@scripts/neo4j-local.sh start

neo4j-stop:
	@scripts/neo4j-local.sh stop

lock:
	scripts/lock.sh

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
