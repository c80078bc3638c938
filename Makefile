# The study, end to end:   make        (creates .venv, installs, runs notebooks 01 -> 06)
#                          make test   (the test suite and the linter)
# Other targets: lab, paper DEST=path [PRESET=journal|thesis], paper-check DEST=path, bench, check-outputs, lock,
# mutation [MODULES=...], clean, help.
#
# make RAW=path runs the chain on another compilation (a folder of CSV files or one .xlsx workbook); it and
# any setting other than the study's (START_YEAR, END_YEAR, RU_REGION, SEED) write under runs/<name>/, or OUT=path.

SHELL := /bin/bash
.SUFFIXES:
.DELETE_ON_ERROR:

## The Python that creates the virtual environment
PYTHON ?= python3
## The virtual environment's folder
VENV ?= .venv
BIN := $(VENV)/bin
## The compilation to run: a folder of CSV files or one .xlsx workbook
RAW ?= data/raw
## Where a run other than the study's writes (empty: runs/<name>/)
OUT ?=
## First year of the analysis window
START_YEAR ?= 2015
## Last year of the analysis window
END_YEAR ?= 2020
## The Russian region studied (any of its names)
RU_REGION ?= Sverdlovsk
## The bootstrap seed
SEED ?= 2015
## Seconds a notebook cell may run
TIMEOUT ?= 900
## Notebooks run at once (the default asks for the number of cores)
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
## The manuscript folder of `make paper` and `make paper-check`
DEST ?=
## The page the paper export is sized for: journal or thesis
PRESET ?= journal
## The port of `make lab` (the next free one if it is taken)
LAB_PORT ?= 8888
## The modules `make mutation` mutates (of claims findings comparison completeness reliability stats)
MODULES ?= claims findings comparison completeness reliability stats
## Processes mutmut runs at once
MUTATION_JOBS ?= 2
UV_VERSION := 0.13.8

INSTALLED := $(VENV)/.installed
UV := $(VENV)/uv/bin/uv
NOTEBOOKS := 01_compile_events 02_clean_events 03_descriptive_stats 04_figures 05_findings 06_comparison

# The run's state folder (.make/<name>, no spaces): buildstate.py resolves the output folder (the study's own
# data and settings write the project's outputs; anything else writes under runs/<name>/ or OUT), records the
# settings and the list of raw files (rewritten only when they change) and drops the stamp of any step that
# lost one of its products. Paths with spaces never reach make's word lists.
CHAIN_GOALS := $(filter-out test lint help clean setup lab lock bench check-outputs mutation,$(or $(MAKECMDGOALS),all))
ifneq ($(CHAIN_GOALS),)
  BOOT_PYTHON := $(firstword $(wildcard $(BIN)/python) $(PYTHON))
  S := $(shell $(BOOT_PYTHON) src/regional_ties/buildstate.py --raw '$(RAW)' --out '$(OUT)' \
	--start-year '$(START_YEAR)' --end-year '$(END_YEAR)' --ru-region '$(RU_REGION)' --seed '$(SEED)')
  ifeq ($(S),)
    $(error the run cannot start: see the message above)
  endif
  include $(S)/deps.mk
endif

STEPS := $(foreach n,$(NOTEBOOKS),$(S)/$(n).done)
NB_DEPS = $(INSTALLED) $(S)/settings.json notebooks/$(1).ipynb $(NB_MODULES_$(1))
# A stale step removes its stamp and queues itself with the steps it waits for; the driver then runs the queue.
QUEUE = @rm -f $@; echo '$(notdir $(basename $@)) $(notdir $(basename $(filter %.done,$^)))' >> $(S)/queue

.PHONY: all setup test lint lab lock paper paper-check bench check-outputs mutation clean help
## The study, end to end: installs, runs the notebooks that are out of date in order, writes reports/study.html
all: $(S)/report.done

## Create .venv and install requirements.lock (uv, pip as fallback) and the project's kernel
setup: $(INSTALLED)

# uv (pinned, from PyPI, bootstrapped with the system Python) installs the locked set in seconds; pip is the
# fallback when uv cannot be had. requirements.lock pins every package with its hashes.
# --compile-bytecode: uv writes no .pyc files by default, and where PYTHONDONTWRITEBYTECODE is set Python never
# writes them, so every kernel and test process would compile pandas and matplotlib again (2 s each).
$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv --without-pip $(VENV)
	@if $(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --upgrade --target $(VENV)/uv \
	      'uv==$(UV_VERSION)' >/dev/null 2>&1 \
	    && UV_PYTHON_DOWNLOADS=never $(UV) pip sync --quiet --compile-bytecode --python $(BIN)/python --require-hashes requirements.lock \
	    && UV_PYTHON_DOWNLOADS=never $(UV) pip install --quiet --python $(BIN)/python --no-deps -e . ; then \
	  echo "installed requirements.lock with uv $(UV_VERSION)"; \
	else \
	  echo "uv could not be had: installing requirements.lock with pip"; \
	  $(BIN)/python -m ensurepip --upgrade >/dev/null \
	    && $(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock \
	    && $(BIN)/python -m pip install --quiet --no-deps -e . ; \
	fi
	$(BIN)/python -m ipykernel install --sys-prefix --name regional-ties --display-name "Python 3 (regional-ties)" >/dev/null
	touch $@

$(S)/01_compile_events.done: $(S)/raw.txt $(call NB_DEPS,01_compile_events)
	$(QUEUE)
$(S)/02_clean_events.done: $(S)/01_compile_events.done $(call NB_DEPS,02_clean_events)
	$(QUEUE)
$(S)/03_descriptive_stats.done: $(S)/02_clean_events.done $(call NB_DEPS,03_descriptive_stats)
	$(QUEUE)
$(S)/04_figures.done: $(S)/02_clean_events.done $(call NB_DEPS,04_figures)
	$(QUEUE)
# 05 reads the processed data of 02 and adds its figure to figures/manifest.json, which 04 writes first.
$(S)/05_findings.done: $(S)/02_clean_events.done $(S)/04_figures.done $(call NB_DEPS,05_findings)
	$(QUEUE)
# 06 reads the processed data of 02 and adds its figure to figures/manifest.json after 05.
$(S)/06_comparison.done: $(S)/02_clean_events.done $(S)/05_findings.done $(call NB_DEPS,06_comparison)
	$(QUEUE)

$(S)/report.done: $(STEPS) $(REPORT_MODULES)
	$(BIN)/python -m regional_ties.chain --state $(S) --jobs $(JOBS) --timeout $(TIMEOUT)

## The linter (ruff) and the test suite (pytest)
test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

## The linter (ruff) only
lint: $(INSTALLED)
	$(BIN)/ruff check .

# JupyterLab is not needed by the chain or the tests: `make lab` adds it from its own lock file.
$(VENV)/.installed-lab: requirements-lab.lock $(INSTALLED)
	if [ -x $(UV) ]; then $(UV) pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes -r $<; \
	else $(BIN)/python -m pip install --quiet --require-hashes -r $<; fi
	touch $@

# --allow-root is added only for the root user (containers, cloud notebooks); the token stays on.
## JupyterLab on notebooks/ with the project's kernel, on 127.0.0.1 only; prints the URL to open
lab: $(VENV)/.installed-lab
	@echo "JupyterLab on notebooks/, kernel 'Python 3 (regional-ties)': open the http://127.0.0.1 URL printed below (Ctrl-C stops it)"
	$(BIN)/jupyter lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) --ServerApp.root_dir=notebooks \
	  --MappingKernelManager.default_kernel_name=regional-ties $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# Re-resolve the pinned set (pyproject.toml) into the lock files, with hashes, for the project's Python and platform.
LOCK = $(UV) pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11.7 \
	--python-platform x86_64-manylinux_2_28 --custom-compile-command 'make lock'
## Re-resolve pyproject.toml into requirements.lock and requirements-lab.lock, with hashes
lock: $(INSTALLED)
	$(LOCK) --extra dev -o requirements.lock
	$(LOCK) --extra dev --extra lab -o requirements-lab.lock

PAPER = $(BIN)/python -m regional_ties.paper --state $(S) --dest '$(DEST)' --preset '$(PRESET)'

## The figures, the tables, figures.tex and example.tex (every figure and table) for the page of PRESET, into DEST
paper: all
	@test -n "$(DEST)" || { echo "usage: make paper DEST=path/to/manuscript [PRESET=journal|thesis]"; exit 2; }
	$(PAPER)

## As paper, then example.tex compiled with pdflatex: no error, no overfull box over 1 pt, every figure PDF checked
paper-check: all
	@test -n "$(DEST)" || { echo "usage: make paper-check DEST=path/to/manuscript [PRESET=journal|thesis]"; exit 2; }
	$(PAPER) --check

## The benchmark, written to reports/bench.json
bench: $(INSTALLED)
	$(BIN)/python -m regional_ties.bench --out reports/bench.json

# mutmut mutates every module of [tool.mutmut] but runs the mutants of MODULES only (names regional_ties.<module>.*);
# the report replaces those modules' entries of reports/mutation.json and .md and keeps the others.
## Mutation testing (mutmut) of the code that decides verdicts: score per module into reports/mutation.json and .md
mutation: $(INSTALLED)
	$(BIN)/mutmut run --max-children $(MUTATION_JOBS) $(foreach m,$(MODULES),'regional_ties.$(m).*')
	$(BIN)/python -m regional_ties.mutation --mutmut $(BIN)/mutmut --modules $(MODULES) \
	  --json reports/mutation.json --md reports/mutation.md

## Rebuild every committed output from scratch in a temporary folder and compare it byte for byte
check-outputs: $(INSTALLED)
	$(BIN)/python -m regional_ties.check_outputs

## Remove the build state, data/interim and the executed notebooks and HTML report
clean:
	rm -rf .make data/interim reports/*.ipynb reports/*.html

## This list: every target and variable, from the `## ` line above it
help:
	@awk '/^## / { doc = doc (doc == "" ? "" : " ") substr($$0, 4); next } \
	  doc != "" && /^[A-Z_]+ \?=/ { v = $$0; sub(/^[A-Z_]+ \?= ?/, "", v); \
	    vars = vars sprintf("  %-14s %s (default: %s)\n", $$1, doc, v == "" ? "empty" : v) } \
	  doc != "" && /^[a-z][a-z-]*:/ { t = $$1; sub(/:.*/, "", t); targets = targets sprintf("  %-14s %s\n", t, doc) } \
	  { doc = "" } \
	  END { printf "Targets (make TARGET):\n%s\nVariables (make TARGET VAR=value):\n%s", targets, vars }' Makefile
