# Entry point. On a fresh machine: `make book` builds the site, `make test` runs every test.
# The test tiers (tests/tiers.py, README "Test tiers"): `make check` = lint + the unit tier
# (no built site, no browser, no extra build), `make test` = everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_VENV ?= .venv-lab
# The next stack (make sphinx-next, docs/upgrading.md): plain Sphinx 9 without jupyter-book.
NEXT_VENV ?= .venv-next
# cffconvert 2.0.0 needs jsonschema<4, so it lives in its own small environment.
CFF_VENV ?= .venv-cff
# Where jupyter-book writes _build/ (helpers and the benchmark use their own folder).
OUT ?= .
SITE := $(OUT)/_build/html
PORT ?= 8000
# The research folder beside the repository (the essay, the research bibliography). CI has it;
# a fresh clone does not, and every target but check-shared works without it.
SHARED ?= $(abspath ../shared)

PAGED := tools/pdf/node_modules/pagedjs/dist/paged.polyfill.js
# Lighthouse (make bench) and vnu (make validate), pinned in tools/quality/package-lock.json.
QUALITY := tools/quality/node_modules/.installed
BIOME := tools/js/node_modules/.bin/biome

# pytest over tests/ with pytest-xdist's workers (one per core; the tests of a slow module share
# a worker, tests/conftest.py). XDIST= runs in one process.
XDIST ?= -n auto --dist loadgroup
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider
# The unit tier (tests/tiers.py UNIT_EXPRESSION; tests/test_tiers.py checks this line).
UNIT := -m "not slow and not browser and not site"

.PHONY: help env system js book pdf validate java check test test-unit test-notebooks test-browser check-shared check-citation site sphinx-next release bundle lint lab serve bench bench-tests lock clean lint-js js-format

help:
	@echo "make book   build the static site into $(SITE) (creates $(VENV) on first use)"
	@echo "make check  lint and the unit tests (no build, no browser): the fast loop"
	@echo "make test   everything CI runs: system packages, book, PDF, zip, editions, every test"
	@echo "make pdf    the whole book as one PDF in $(SITE)/downloads/"
	@echo "make serve  preview the built site on http://127.0.0.1:$(PORT)"
	@echo "make lab    open JupyterLab on notebooks/ for a workshop (offline)"
	@echo "make js     rebuild wijkcoop/web/scan.js and scan.classic.js from wijkcoop/websrc/scan/"
	@echo "make bench  measure build times, page weights, time to interactive and Lighthouse"
	@echo "make bench-tests  time make env, make check and make test in a clean clone"
	@echo "make validate  check every built page with the Nu HTML Checker (vnu)"
	@echo "make check-shared  compare references.bib and the essay fingerprint with ../shared"
	@echo "make site   build every edition in data/edities/ plus main into _build/site"
	@echo "make release VERSION=x.y.z SUMMARY='...'  cut an edition (docs/releasing.md)"
	@echo "make bundle zip the newest edition for a USB stick"
	@echo "make sphinx-next  build the same sources with plain sphinx-build on the newest Sphinx (docs/upgrading.md)"

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

env: $(STAMP) $(CFF_VENV)/.installed

# The Debian packages make test needs (Chromium, npm, poppler-utils, DejaVu fonts, venv):
# installed when this runs as root or with sudo, else it stops with the one line to run.
system:
	@scripts/system-packages.sh

# The scan's front end: wijkcoop/websrc/scan/*.js -> wijkcoop/web/scan.js (ES module, for the
# widget) and scan.classic.js (for book pages, also from file://). Both are committed; a test
# fails when they are stale.
js:
	$(PYTHON) -m wijkcoop.publish.webbuild

book: env
	$(BIN)/jupyter-book build . --path-output $(OUT) -W -n --keep-going
	@test -f $(SITE)/index.html

# The whole book as one A4 PDF from the built site (Paged.js in Debian's Chromium), written to
# $(SITE)/downloads/samenwerken-aan-de-wijk-<versie>.pdf.
$(PAGED): tools/pdf/package.json tools/pdf/package-lock.json
	cd tools/pdf && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

pdf: book $(PAGED)
	$(BIN)/python -m wijkcoop.publish.pdf --site $(SITE) --work $(OUT)/_build/pdf

# npm's install scripts stay off: vnu-jar's would download a Java runtime (Debian's is used).
$(QUALITY): tools/quality/package.json tools/quality/package-lock.json
	cd tools/quality && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Java for vnu.jar, from Debian, only when missing.
java:
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }

validate: book $(QUALITY) java
	$(BIN)/python scripts/validate.py --site $(SITE) --write

# Lint and the unit tier: what a fresh clone passes without a build (docs/benchmarks.md).
check: lint
	$(PYTEST) tests $(XDIST) -q $(UNIT)

# Everything. The book build executes every notebook once (warnings and cell errors fail it);
# tests/test_notebooks.py checks that execution, so nbval does not run the notebooks again.
# lint-js: the scan's JavaScript has no other static check (an undeclared name fails it).
test: system env lint-js book pdf
	$(BIN)/python -m wijkcoop.publish.editions bundle --html $(SITE)
	$(BIN)/python -m wijkcoop.publish.editions site
	SITE_DIR=$(SITE) $(PYTEST) tests $(XDIST)

# The unit tier alone (make check without lint).
test-unit: env
	$(PYTEST) tests $(XDIST) -q $(UNIT)

# Compare the committed references.bib and essay fingerprint with ../shared (CI runs this too).
check-shared: env
	@test -d "$(SHARED)" || { echo "no research folder at $(SHARED) (set SHARED=...)"; exit 1; }
	WIJKCOOP_SHARED=$(SHARED) $(BIN)/python -m pytest tests -m shared -p no:cacheprovider -q

$(CFF_VENV)/.installed: requirements-cff.txt
	$(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-cff.txt
	touch $@

check-citation: $(CFF_VENV)/.installed
	$(CFF_VENV)/bin/cffconvert --validate -i CITATION.cff

# Every edition listed in data/edities/edities.yaml from its own commit, plus this checkout as
# "ontwikkeling", into _build/site (docs/releasing.md).
site: env $(PAGED)
	$(BIN)/python -m wijkcoop.publish.editions site

$(NEXT_VENV)/.installed: requirements-next.txt
	$(PYTHON) -m venv $(NEXT_VENV)
	$(NEXT_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-next.txt
	touch $@

# The same sources with plain sphinx-build on the newest Sphinx that myst-nb supports, from the
# configuration jupyter-book derives (scripts/sphinx_next.py), into $(OUT)/_build/next/html;
# its warnings are listed in docs/upgrading-warnings.txt (they do not fail the target).
sphinx-next: env $(NEXT_VENV)/.installed
	$(BIN)/python scripts/sphinx_next.py --python $(NEXT_VENV)/bin/python --out $(OUT)/_build/next

release: env
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z SUMMARY='één regel'"; exit 1; }
	$(BIN)/python -m wijkcoop.publish.release "$(VERSION)" "$(SUMMARY)"

bundle: env
	$(BIN)/python -m wijkcoop.publish.editions bundle

# nbval runs each notebook in a fresh kernel, as a trainer's JupyterLab does (not part of make
# test: the book build has executed them already).
test-notebooks: env
	$(PYTEST) notebooks --nbval-lax

test-browser: book
	SITE_DIR=$(SITE) $(PYTEST) tests $(XDIST) -m "browser and not slow"

lint: env
	$(BIN)/ruff check wijkcoop tests scripts
	$(BIN)/ruff format --check wijkcoop tests scripts
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	@if [ -x $(BIOME) ]; then $(BIOME) check --config-path=tools/js wijkcoop/websrc; \
	else echo "JavaScript not linted: 'make lint-js' installs Biome (npm, tools/js) and runs it"; fi

# Biome (pinned in tools/js/package-lock.json) lints wijkcoop/websrc/ (undeclared names included)
# and checks that every module is in its format; `make lint` runs it once installed, `make test`
# installs and runs it.
$(BIOME): tools/js/package.json tools/js/package-lock.json
	cd tools/js && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

lint-js: $(BIOME)
	$(BIOME) check --config-path=tools/js wijkcoop/websrc

# Rewrite every module of wijkcoop/websrc in Biome's format (tools/js/biome.json).
js-format: $(BIOME)
	$(BIOME) format --config-path=tools/js --write wijkcoop/websrc

serve:
	@echo "Preview on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE)

$(LAB_VENV)/.installed: requirements-lab.txt pyproject.toml binder/overrides.json
	$(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-lab.txt
	$(LAB_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	install -D -m 644 binder/overrides.json $(LAB_VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

# Offline workshop: no news, no update checks, no extension-manager look-ups on PyPI
# (binder/overrides.json also switches off the "get notified about news?" question).
lab: $(LAB_VENV)/.installed
	$(LAB_VENV)/bin/jupyter lab notebooks \
	  --ServerApp.ip=127.0.0.1 \
	  --LabApp.news_url=None \
	  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  --LabApp.extension_manager=readonly \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

# The lab lock: JupyterLab and the package's dependencies, at requirements.txt's versions.
lock-lab:
	rm -rf /tmp/wijkcoop-lab-lock && $(PYTHON) -m venv /tmp/wijkcoop-lab-lock
	/tmp/wijkcoop-lab-lock/bin/pip install -q -c requirements.txt "$$(grep '^jupyterlab==' requirements-lab.txt)" setuptools .
	/tmp/wijkcoop-lab-lock/bin/pip freeze --all --exclude-editable | grep -v '^wijkcoop\|^pip==' > /tmp/wijkcoop-lab-lock.txt
	@echo "review /tmp/wijkcoop-lab-lock.txt and copy it into requirements-lab.txt (keep the header)"

bench: env $(QUALITY) $(PAGED)
	$(BIN)/python scripts/bench.py --write

# make env, make check and make test timed in a clean clone (docs/benchmarks.md, "Test times").
bench-tests: env
	$(BIN)/python scripts/bench.py --tests --write

lock:
	$(PYTHON) -m venv /tmp/wijkcoop-lock && /tmp/wijkcoop-lock/bin/pip install -q "pip>=25.1"
	/tmp/wijkcoop-lock/bin/pip install -q ".[publish]" --group dev
	/tmp/wijkcoop-lock/bin/pip freeze --exclude-editable | grep -v '^wijkcoop' > /tmp/wijkcoop-lock.txt
	@echo "review /tmp/wijkcoop-lock.txt and copy it into requirements.txt (keep the header)"

clean:
	rm -rf $(OUT)/_build/html $(OUT)/_build/.doctrees
