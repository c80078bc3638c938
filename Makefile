# The study, end to end:   make        (creates .venv, installs, runs the Snakemake workflow workflow/Snakefile:
#                                        notebooks 01 -> 06, then reports/study.html)
#                          make test   (the test suite and the linter)
# Other targets: lab, paper DEST=path [PRESET=journal|thesis], paper-check DEST=path, dag, bench, check-outputs,
# lock, mutation [MODULES=...], clean, clean-runs, help.
#
# The study's settings are those of study.toml (STUDY=path/to/study.toml: another study file, whose keys
# study.template.toml explains). Any setting given here (RAW, START_YEAR, END_YEAR, RU_REGION, COVID_YEAR, SEED,
# N_BOOT, COMPARE_REGION) overrides it for one run; such a run, or another study file, writes under runs/<name>/
# (or OUT=path), never over the committed outputs. The settings are checked before any notebook runs.
# Snakemake decides what is stale (a changed input file, setting, rule or package module; a deleted product) and
# keeps its records in .snakemake/ (ignored by git).

SHELL := /bin/bash
.SUFFIXES:
.DELETE_ON_ERROR:

## The Python that creates the virtual environment
PYTHON ?= python3
## The virtual environment's folder
VENV ?= .venv
BIN := $(VENV)/bin
## The study file: its settings, partners, areas and claims' words (empty: study.toml, the Sverdlovsk article's)
STUDY ?=
## The compilation to run: a folder of CSV files or one .xlsx workbook (empty: study.toml's, data/raw)
RAW ?=
## Where a run other than the study's writes (empty: runs/<name>/)
OUT ?=
## First year of the analysis window (empty: study.toml's)
START_YEAR ?=
## Last year of the analysis window (empty: study.toml's)
END_YEAR ?=
## The Russian region studied, any of its names (empty: study.toml's)
RU_REGION ?=
## The year read as the COVID year, inside the window (empty: study.toml's)
COVID_YEAR ?=
## The bootstrap seed (empty: study.toml's)
SEED ?=
## Bootstrap resamples (empty: study.toml's)
N_BOOT ?=
## The comparison region of notebook 06, or none (empty: the study file's)
COMPARE_REGION ?=
## Seconds a notebook cell may run
TIMEOUT ?= 900
## Further options for snakemake (e.g. --dry-run, --summary, --forceall)
SNAKEMAKE_ARGS ?=
## Cores Snakemake may use: notebooks run at once (the default asks for the number of cores)
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
## The manuscript folder of `make paper` and `make paper-check`
DEST ?=
## The page the paper export is sized for: journal or thesis
PRESET ?= journal
## The port of `make lab` (the next free one if it is taken)
LAB_PORT ?= 8888
## The modules `make mutation` mutates (of claims findings multiverse comparison completeness reliability stats)
MODULES ?= claims findings multiverse comparison completeness reliability stats
## Processes mutmut runs at once
MUTATION_JOBS ?= 2
UV_VERSION := 0.13.8

INSTALLED := $(VENV)/.installed
UV := $(VENV)/uv/bin/uv

# The run's settings as key=value words for Snakemake's --config and the paper export: only those given, each one
# word for the shell (quoted), whatever spaces or quotes it holds.
q = '$(subst ','"'"',$(1))'
RUN_CONFIG = $(if $(STUDY),$(call q,study=$(STUDY))) $(if $(RAW),$(call q,raw=$(RAW))) $(if $(START_YEAR),$(call q,start_year=$(START_YEAR))) \
  $(if $(END_YEAR),$(call q,end_year=$(END_YEAR))) $(if $(RU_REGION),$(call q,ru_region=$(RU_REGION))) \
  $(if $(COVID_YEAR),$(call q,covid_year=$(COVID_YEAR))) $(if $(SEED),$(call q,seed=$(SEED))) \
  $(if $(N_BOOT),$(call q,n_boot=$(N_BOOT))) $(if $(COMPARE_REGION),$(call q,compare_region=$(COMPARE_REGION))) \
  $(if $(OUT),$(call q,out=$(OUT)))
SNAKEMAKE = $(BIN)/snakemake -s workflow/Snakefile --cores $(JOBS) --rerun-incomplete $(SNAKEMAKE_ARGS)
SNAKEMAKE_CONFIG = --config timeout=$(TIMEOUT) $(RUN_CONFIG)

.PHONY: all setup test lint lab lock paper paper-check dag bench check-outputs mutation clean clean-runs help
## The study, end to end: installs, runs the notebooks that are out of date (Snakemake), writes reports/study.html
all: $(INSTALLED)
	$(SNAKEMAKE) $(SNAKEMAKE_CONFIG)

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

## The linter (ruff) and the test suite (pytest)
test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

## The linters only: ruff, and deptry (every import pinned, every pin used)
lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/deptry src notebooks

# JupyterLab is not needed by the chain or the tests: `make lab` adds it from its own lock file.
$(VENV)/.installed-lab: requirements-lab.lock $(INSTALLED)
	if [ -x $(UV) ]; then $(UV) pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes -r $<; \
	else $(BIN)/python -m pip install --quiet --require-hashes -r $<; fi
	touch $@

# --allow-root is added only for the root user (containers, cloud notebooks); the token stays on. A notebook run in
# Lab with its parameters as they are runs the study (same bytes); other settings write under runs/ (config.setup).
## JupyterLab at the project root (notebooks/, reports/, runs/) with the project's kernel, on 127.0.0.1 only
lab: $(VENV)/.installed-lab
	@echo "JupyterLab at the project root, kernel 'Python 3 (regional-ties)': open the http://127.0.0.1 URL printed below (Ctrl-C stops it)"
	$(BIN)/jupyter lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) --ServerApp.root_dir=. \
	  --MappingKernelManager.default_kernel_name=regional-ties $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# Re-resolve the pinned set (pyproject.toml) into the lock files, with hashes, for the project's Python and platform.
LOCK = $(UV) pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11.7 \
	--python-platform x86_64-manylinux_2_28 --custom-compile-command 'make lock'
## Re-resolve pyproject.toml into requirements.lock and requirements-lab.lock, with hashes
lock: $(INSTALLED)
	$(LOCK) --extra dev -o requirements.lock
	$(LOCK) --extra dev --extra lab -o requirements-lab.lock

PAPER = $(BIN)/python -m regional_ties.paper --dest '$(DEST)' --preset '$(PRESET)' --config $(RUN_CONFIG)

## The figures, the tables, figures.tex and example.tex (every figure and table) for the page of PRESET, into DEST
paper: all
	@test -n "$(DEST)" || { echo "usage: make paper DEST=path/to/manuscript [PRESET=journal|thesis]"; exit 2; }
	$(PAPER)

## As paper, then example.tex compiled with pdflatex: no error, no overfull box over 1 pt, every figure PDF checked
paper-check: all
	@test -n "$(DEST)" || { echo "usage: make paper-check DEST=path/to/manuscript [PRESET=journal|thesis]"; exit 2; }
	$(PAPER) --check

## The workflow as a picture: reports/dag.svg (graphviz dot), or reports/dag.dot when dot is not installed
dag: $(INSTALLED)
	$(SNAKEMAKE) --dag $(SNAKEMAKE_CONFIG) > reports/dag.dot
	@if command -v dot >/dev/null; then dot -Tsvg reports/dag.dot -o reports/dag.svg && rm reports/dag.dot \
	  && echo "wrote reports/dag.svg"; \
	else echo "graphviz 'dot' is not installed: wrote reports/dag.dot (draw it with: dot -Tsvg reports/dag.dot -o reports/dag.svg)"; fi

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

## Remove Snakemake's records, data/interim and the executed notebooks and HTML report (runs/ stays)
clean:
	rm -rf .snakemake data/interim reports/*.ipynb reports/*.html reports/logs reports/dag.*

## Remove runs/, every run of other data or settings (asks nothing)
clean-runs:
	rm -rf runs

## This list: every target and variable, from the `## ` line above it
help:
	@awk '/^## / { doc = doc (doc == "" ? "" : " ") substr($$0, 4); next } \
	  doc != "" && /^[A-Z_]+ \?=/ { v = $$0; sub(/^[A-Z_]+ \?= ?/, "", v); \
	    vars = vars sprintf("  %-14s %s (default: %s)\n", $$1, doc, v == "" ? "empty" : v) } \
	  doc != "" && /^[a-z][a-z-]*:/ { t = $$1; sub(/:.*/, "", t); targets = targets sprintf("  %-14s %s\n", t, doc) } \
	  { doc = "" } \
	  END { printf "Targets (make TARGET):\n%s\nVariables (make TARGET VAR=value):\n%s", targets, vars }' Makefile
