# Zicht: the two commands of the README are `make demo` and `make test`.
# Both install everything they need (Debian packages and a Python virtualenv) first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/zicht
DEBIAN_PACKAGES := chromium gettext poppler-utils fonts-dejavu-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 shared-mime-info
PYTEST_ARGS ?=

.PHONY: install debian python nlds static demo test test-sqlite test-postgres lint bench clean

install: debian python static

# Debian packages: Chromium for browser tests, poppler-utils for PDF checks, Pango for WeasyPrint.
debian:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e '.[dev]'
	touch $@

python: $(VENV)/.installed

# NL Design System CSS (EUPL) from the npm registry, pinned in package.json/package-lock.json and
# vendored into the web app (ADR 1110): the pages need no npm at run time, `make nlds` refreshes the copy.
NLDS_CSS := src/zicht/web/static/web/nlds/utrecht-component-library.css
nlds:
	mkdir -p build/npm && cp package.json package-lock.json build/npm/
	cd build/npm && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	cp build/npm/node_modules/@utrecht/component-library-css/dist/index.css $(NLDS_CSS)

# Static files (admin, browsable API, NL Design System CSS, Redoc) into $ZICHT_DATA_DIR/static, served by WhiteNoise.
static: python
	$(BIN)/zicht collectstatic --noinput -v0

# The main job: the demo monitor on the embedded SQLite default.
demo: install
	$(BIN)/zicht demo $(DEMO_ARGS)

lint: python
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

test-sqlite: python
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: python
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS)

# The whole suite, on SQLite and on the PostgreSQL server of this machine: both runs side by side, one
# per core, each run's output printed whole when it ends (ADR 1225). `make test-sqlite` or
# `make test-postgres` runs one of them alone.
test: install lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var build dist *.egg-info
