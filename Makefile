# Dyad: `make run` serves the dashboard on the demo data, `make test` runs every test.
# Both set up .venv from the pinned requirements first, on a fresh machine too.
PY := .venv/bin/python
PORT ?= 8501
RAW := data/raw
DB := data/dyad.duckdb
RAW_FILES := $(shell find $(RAW) -type f 2>/dev/null | sed 's/ /\\ /g')

.PHONY: run test check lint typecheck bench build setup setup-dev score clean golden db-ok load

.venv/.installed: requirements.txt
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

.venv/.installed-dev: .venv/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: .venv/.installed
setup-dev: .venv/.installed-dev

# The database is derived: rebuilt when missing or older than any raw file. A build exits 1
# when some raw files could not be read (named on stderr, listed in $(DB).rejected.csv):
# the database is built all the same, so that is no failure here.
$(DB): .venv/.installed $(RAW_FILES)
	$(PY) -m etl build --raw $(RAW) --db $(DB) || [ $$? -eq 1 ]

# ...and rebuilt when damaged (truncated, corrupted): `etl check` reads every block back.
db-ok: $(DB)
	@$(PY) -m etl check --db $(DB) --quiet || $(PY) -m etl build --raw $(RAW) --db $(DB) || [ $$? -eq 1 ]

build: .venv/.installed
	$(PY) -m etl build --raw $(RAW) --db $(DB) || [ $$? -eq 1 ]

run: db-ok
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true

test: .venv/.installed-dev
	$(PY) -m pytest

lint: .venv/.installed-dev
	$(PY) -m ruff check .

typecheck: .venv/.installed-dev
	$(PY) -m mypy

check: lint typecheck test

score: .venv/.installed
	$(PY) ../shared/eval/score.py ../shared/eval/seeds.jsonl --python $(PY)
	$(PY) ../shared/eval/score.py ../shared/eval/dev.jsonl --python $(PY)

# Golden files change only here; read the diff before committing.
golden: .venv/.installed
	$(PY) -m tests.golden_facts
	git diff --stat tests/golden/

# 20 browser sessions against one server for 2 minutes: errors and p50/p95 page times.
load: .venv/.installed-dev
	$(PY) -m bench.load

bench: .venv/.installed-dev requirements-bench.txt
	$(PY) -m pip install --quiet -r requirements-bench.txt
	$(PY) -m bench.run

clean:
	rm -rf .venv $(DB) .pytest_cache .ruff_cache .mypy_cache
