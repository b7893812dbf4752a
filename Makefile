# Two commands on a fresh machine: `make serve` and `make test`.
# Set-up (.venv from requirements.lock) re-runs only when the lock file or pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve serve-fast test build build-zensical check lint schema bench browser-deps validators-deps clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Debian's chromium for the browser tests (a Playwright browser download does not work here).
browser-deps:
	@test -x /usr/bin/chromium || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The validators the tests hold every built page to, pinned in package-lock.json: the Nu Html
# Checker (npm vnu-jar, run with Debian's Java) and Lighthouse (run by Node against Debian's
# chromium). --ignore-scripts: vnu-jar's install script would download a Java runtime from
# another host (refused here); the tests run vnu.jar with Debian's default-jre-headless instead.
NODE_STAMP := node_modules/.installed

validators-deps: $(NODE_STAMP)
	@command -v java >/dev/null || { \
	  echo "installing Debian's default-jre-headless for the Nu Html Checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The site on http://127.0.0.1:8000; another port: make serve PORT=8001. A port in use is said in
# one line (exit 1) before the server starts.
PORT ?= 8000

# MkDocs with the plugin: exactly the site `make build` publishes (see "Live editing" in README.md).
serve: setup
	@$(BIN)/explainer check-port $(PORT)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Zensical over the rendered pages, re-rendered on each save: faster on a large story.
serve-fast: setup
	@$(BIN)/explainer check-port $(PORT)
	$(BIN)/explainer serve --dev-addr 127.0.0.1:$(PORT)

check: setup
	$(BIN)/explainer check

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

test: setup browser-deps validators-deps lint
	$(BIN)/pytest -q

# Build into a folder of its own (site.builds/), then publish it: `site` becomes a link to it in
# one rename, so a complete site is there at every moment, killed or not; a failed build leaves
# `site` as it was; two builds at once each publish a whole site (generator/engines/publish.py).
build: setup
	$(BIN)/python -m generator.engines.publish --site-dir site -- \
	  $(BIN)/mkdocs build --strict --site-dir {}

# The same site built by Zensical (Material for MkDocs' successor, which runs no MkDocs plugin):
# pages rendered into build/zensical/docs, a config derived from mkdocs.yml, then zensical build;
# site-zensical/ is replaced only on success. See "Building with Zensical" in README.md.
build-zensical: setup
	$(BIN)/python -m generator.engines.zensical --config mkdocs.yml --work build/zensical \
	  --site-dir site-zensical --zensical $(BIN)/zensical

schema: setup
	$(BIN)/explainer schema

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf site site.builds site.new site.old site-zensical site-zensical.builds site-zensical.old build/zensical build/zensical.lock build/serve .mypy_cache .ruff_cache .pytest_cache
