# Two commands on a fresh machine: `make run` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test dev lint typecheck facts bench real-news clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/ikm run

# The suite, then the data-quality report on the bundled sample (published by CI): its summary
# prints the quality headline and where the HTML report is.
test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/ikm run --warehouse warehouse/ci/ikm.duckdb

# Dagster keeps its runs in .dagster_home (git-ignored); dagster.yaml there (copied once from
# orchestration/) allows one run at a time, since DuckDB allows one writing process per file.
# The launcher prints the UI's address and stops dagster dev and its children on SIGTERM/SIGINT.
DEV_PORT ?= 3000
DEV_HOME ?= $(CURDIR)/.dagster_home
dev: $(STAMP)
	exec $(BIN)/python -m orchestration.dev --home $(DEV_HOME) --port $(DEV_PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/analyses

facts: $(STAMP)
	$(BIN)/ikm facts ../shared/seeds --out warehouse/seeds_facts.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extraction.py

# Scores extraction on the real-news development set (devset/real_news): needs its git-ignored
# cache, so it is not part of `make test`. `benchmarks/real_news.py --help` tells how to restore it.
real-news: $(STAMP)
	$(BIN)/python benchmarks/real_news.py score --misses

clean:
	rm -rf warehouse/*.duckdb* warehouse/reports warehouse/dbt_target warehouse/ci \
		warehouse/seeds_facts.jsonl dbt_project/target dbt_project/logs
