# Two commands: `make run` and `make test`. Each installs what it needs (uv, bootstrapped
# with pip when missing) on a machine that has only Python 3.11+ and make.

SHELL := /bin/bash
PYTHON ?= python3
TOOLS := .tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-cepat install lint typecheck pytest openapi bench dist clean

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv

install: $(if $(shell command -v uv 2>/dev/null),,$(TOOLS)/bin/uv)
	$(UV) sync --locked
	@# Headless Chromium prints the LKIP report to PDF; install Debian's package when missing
	@# (needs root; otherwise say so: every other format works without it).
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || command -v google-chrome >/dev/null 2>&1 \
	  || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	         DEBIAN_FRONTEND=noninteractive apt-get update -qq \
	         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	       else echo "Chromium tidak ada: pasang paket 'chromium' untuk PDF laporan LKIP."; fi; }

run: install
	$(UV) run dinsos db upgrade
	$(UV) run dinsos demo muat
	$(UV) run dinsos serve --host $(HOST) --port $(PORT)

test: install lint typecheck pytest

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .

typecheck:
	$(UV) run mypy

pytest:
	$(UV) run pytest $(ARGS)

# The inner loop: kinerja_core and the API on SQLite only, without schemathesis's minute of
# generated requests (README, "Running the tests"). `make test` runs everything.
test-cepat: install
	$(UV) run pytest -k "not postgresql" --ignore=tests/test_schemathesis.py

openapi: install
	$(UV) run dinsos openapi --keluar openapi/openapi.json

# Two wheels into dist/: kinerja-core (the library alone, no dependencies; analysts install it
# with `pip install dist/kinerja_core-*.whl`) and dinsos-api, which requires that same version.
# Built with the backend installed by `make install`, so no network is needed.
dist: install
	rm -rf dist
	$(UV) build --wheel --all-packages --no-build-isolation --out-dir dist

clean:
	rm -rf $(TOOLS) .venv dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
