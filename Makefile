# One command for each everyday job. Each sets up what it needs first.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup serve load validate test lint typecheck bench lock clean

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
	$(BIN)/pytest

bench: setup
	$(BIN)/python -m bench

lock:
	scripts/lock.sh

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
