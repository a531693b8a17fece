# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
UV      := $(VENV)/bin/uv
STAMP   := $(VENV)/.installed-stamp
HOST    ?= $(or $(VMP_HOST),127.0.0.1)
PORT    ?= $(or $(VMP_PORT),8000)

.PHONY: run test lab lint typecheck pytest fmt bench browser-deps lab-deps pdf-deps migrate lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check uv
	$(UV) pip install --python $(PY) --compile-bytecode -q -r requirements.lock -e '.[dev]'
	touch $(STAMP)

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock:
	$(UV) pip compile -q pyproject.toml --extra dev -o requirements.lock

migrate: $(STAMP)
	$(VENV)/bin/alembic upgrade head

# VMP_HOST tells the app where it really listens: one-person mode (no accounts, no sign-in) is
# only for loopback addresses (docs/configuration.md, "Accounts and sign-in").
run: $(STAMP) migrate
	VMP_HOST=$(HOST) $(VENV)/bin/uvicorn app.main:create_app --factory --host $(HOST) --port $(PORT)

# Debian's Chromium drives the browser tests; Playwright never downloads a browser here.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)

# WeasyPrint subsets fonts with HarfBuzz-Subset when the library is there (the Dockerfile installs
# it); its fontTools fallback writes different font bytes on every render, so the PDFs (and the
# zip that holds them) would no longer be byte-for-byte deterministic, as the tests require.
pdf-deps:
	@ldconfig -p | grep -q libharfbuzz-subset || (apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0)

# The rehearsal lab (tests/lab) pings through network namespaces: it needs root (CI runs as
# root) and ping, which Debian's minimal image lacks. Missing either fails the lab, never skips.
lab-deps:
	@command -v ping >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq iputils-ping)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP) browser-deps lab-deps pdf-deps
	$(VENV)/bin/pytest -q

test: lint typecheck pytest

# Only the rehearsal lab (about a minute on two busy cores).
lab: $(STAMP) lab-deps
	$(VENV)/bin/pytest -q tests/lab

fmt: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)
	-$(PY) bench/plan_speed.py
	$(PY) bench/serve_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
