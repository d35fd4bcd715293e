# make app: set up and start the dashboard on seeds/ (another folder: make app CORPUS=path/to/articles)
# make test: set up, lint (ruff, mypy on the extraction package), and run every test (unit, golden, AppTest, browser)
CORPUS ?= seeds
PORT ?= 8501

.PHONY: app test lint bench
app:
	scripts/setup.sh
	.venv/bin/python -m dashboard.serve --server.port $(PORT) -- --corpus $(CORPUS)

test:
	scripts/setup.sh --dev
	.venv/bin/ruff check dashboard tests
	.venv/bin/mypy
	.venv/bin/python -m pytest -q

lint:
	scripts/setup.sh --dev
	.venv/bin/ruff check dashboard tests
	.venv/bin/mypy

bench:
	scripts/setup.sh --dev
	.venv/bin/python -m dashboard.bench
	.venv/bin/python scripts/bench_app.py
	.venv/bin/python scripts/bench_collect.py
