# Two commands for a fresh machine:  make run  |  make test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# pip install -e: resources/ installs as the package backoffice_resources, so setuptools links the
# editable install through an import finder and says so in a boxed notice (InformationOnly) each time.
EDITABLE := PYTHONWARNINGS=ignore::UserWarning:setuptools.command.editable_wheel $(PY) -m pip install -q -c constraints.txt -e

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

# make run: only what the GUI needs (no PostgreSQL server, CUPS scheduler or poppler: those are the tests').
$(VENV)/.installed: $(VENV)/bin/python pyproject.toml constraints.txt
	tools/install-system-deps --gui
	$(EDITABLE) .
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml constraints.txt
	$(EDITABLE) '.[test]'
	touch $@ $(VENV)/.installed


clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
