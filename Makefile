# Two commands for a fresh machine:  make run  |  make test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: run test deps bench clean

run: $(VENV)/.installed
	$(PY) main.py --demo

test: $(VENV)/.installed-test
	tools/install-system-deps
	tools/run-tests

deps:
	tools/install-system-deps

# Every benchmark module in bench/ (python -m bench.<name>), one after the other.
bench: $(VENV)/.installed
	@set -e; for module in bench/*.py; do \
	  name=$$(basename $$module .py); [ "$$name" = __init__ ] && continue; \
	  echo "== bench.$$name"; $(PY) -m bench.$$name; \
	done

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -c constraints.txt --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml constraints.txt
	tools/install-system-deps
	$(PY) -m pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml constraints.txt
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.installed


clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
