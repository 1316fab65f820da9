# The two commands of the README's Quick start. Each sets up what it needs on a fresh machine.
#   make site   build the archive from content/ into site/ (and the search index)
#   make test   run the whole test suite (installs the test tools and Debian's Chromium)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site test clean

site: $(VENV)/.installed
	$(BIN)/sitegen build

test: $(VENV)/.installed-test
	bash scripts/ensure-browser
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf site .site.* .sitegen $(VENV)
