# `make run` and `make test` are the README's two commands; each sets up .venv itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Extract every article of corpus/ to out/corpus.jsonl and print a summary.
run: $(STAMP)
	$(BIN)/vnextract extract corpus --dates corpus/articles.jsonl -o out/corpus.jsonl

# The whole suite: lint, unit and property tests, pattern examples, corpus score thresholds.
test: $(STAMP)
	$(BIN)/ruff check vnextract tests benchmarks
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
