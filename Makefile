# Koers: `make run` serves the demo, `make test` runs the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTHON ?= python3

.PHONY: run test test-only lint format lint-api messages browser documents install clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check --upgrade pip
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

# Compile the gettext catalogues (Dutch and English) as part of the build.
messages: install
	@command -v msgfmt >/dev/null || scripts/ensure-system-packages gettext
	cd koers && ../$(VENV)/bin/koers compilemessages -v0

run: messages documents
	PORT=$(PORT) $(VENV)/bin/koers run --port $(PORT)

# The accessibility tests drive Debian's Chromium; install it when it is missing.
browser:
	@command -v chromium >/dev/null || scripts/ensure-system-packages chromium

# WeasyPrint (the PDF documents) needs Debian's Pango; install it when it is missing.
documents:
	@/sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 || scripts/ensure-system-packages libpango-1.0-0 libpangoft2-1.0-0

test: messages browser documents test-only

# Two workers: the machines have two cores, and the browser tests wait on Chromium.
# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE):
# compiling Koers's modules and rewriting the asserts of 140 test modules again in every
# worker took five seconds of each run.
TEST_WORKERS ?= 2
test-only:
	PYTHONDONTWRITEBYTECODE= $(VENV)/bin/pytest -n $(TEST_WORKERS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Lint the OpenAPI document with the Logius NL API Design Rules ruleset (Spectral).
# npm ci only when package-lock.json is newer than the installed tree (npm's own hidden lockfile).
lint-api: install
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
	@mkdir -p var
	$(VENV)/bin/koers spectacular --file var/openapi.json --format openapi-json --validate --fail-on-warn
	node_modules/.bin/spectral lint --fail-severity error -r api-design-rules/linter.yaml var/openapi.json

clean:
	rm -rf $(VENV) var node_modules
