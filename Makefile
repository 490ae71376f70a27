# Set-up and everyday commands. The README's two commands (`make serve`, `make test`) do all the
# set-up on a fresh Debian/Ubuntu machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1:8000

.PHONY: serve build test bench check browser clean vendor

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

check: $(VENV)/.installed          ## validate geodata/ only
	$(PY) build_maps.py check

build: $(VENV)/.installed          ## build site/ (atomically; a failed build leaves the old site)
	$(PY) build_maps.py site

# Served locally, the site's address is known: oEmbed links point at it (set ATLAS_SITE_URL to deploy).
serve: export ATLAS_SITE_URL ?= http://$(HOST)/
serve: build                        ## build, then serve with live reload at http://$(HOST)
	$(PY) -m mkdocs serve --dev-addr $(HOST)

browser:                            ## the browser tests use Debian's chromium (no downloads)
	@[ -n "$$CHROMIUM" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "The browser tests need Chromium: run 'sudo apt-get install chromium' (Debian) or 'sudo apt-get install chromium-browser' (Ubuntu), or set CHROMIUM=/path/to/chromium." >&2; exit 1; fi; }

test: $(VENV)/.installed-test browser  ## the whole test suite
	$(PY) -m pytest

bench: $(VENV)/.installed-test browser ## page weight, render time, build time, scaling
	$(PY) tests/benchmark.py

vendor: $(VENV)/.installed         ## re-fetch Leaflet & co. from npm and check their integrity
	$(PY) -m magnitogorsk_atlas.vendor

clean:
	rm -rf site .site-build-* site.old
