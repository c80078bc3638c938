# The study, end to end:   make        (creates .venv, installs, runs notebooks 01 -> 05)
#                          make test   (the test suite and the linter)
# Other targets: lab, paper DEST=path [PRESET=journal|thesis], paper-check DEST=path, bench, check-outputs, clean, help.
#
# make RAW=path runs the chain on another compilation: a folder of CSV files or one .xlsx workbook.
# make OUT=path writes every output under path instead of the project (data/, reports/, figures/).

SHELL := /bin/bash
.SUFFIXES:
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RAW ?= data/raw
OUT ?= .
START_YEAR ?= 2015
END_YEAR ?= 2020
RU_REGION ?= Sverdlovsk
TIMEOUT ?= 900
DEST ?=
PRESET ?= journal

P := $(if $(filter .,$(OUT)),,$(OUT)/)
INTERIM := $(P)data/interim
PROCESSED := $(P)data/processed
TABLES := $(P)reports/tables
FIGURES := $(P)figures
REPORTS := $(P)reports
STAMPS := $(P).make

INSTALLED := $(VENV)/.installed
PACKAGE := $(wildcard src/regional_ties/*.py src/regional_ties/*.json)
NOTEBOOKS := 01_compile_events 02_clean_events 03_descriptive_stats 04_figures 05_findings
EXECUTED := $(foreach n,$(NOTEBOOKS),$(REPORTS)/$(n).ipynb)

# The raw input: every file of the folder, or the workbook itself. A missing RAW stops make here.
ifeq ($(wildcard $(RAW)),)
  ifneq ($(filter-out test lint help clean setup,$(or $(MAKECMDGOALS),all)),)
    $(error RAW=$(RAW) does not exist: give a folder of CSV files or an .xlsx workbook)
  endif
endif
RAW_FILES := $(if $(filter %.xlsx,$(RAW)),$(RAW),$(wildcard $(RAW)/*.csv))

# A change of RAW (or of the run's settings) must re-run the chain even if the files are older.
SETTINGS := $(RAW)|$(START_YEAR)|$(END_YEAR)|$(RU_REGION)
SETTINGS_STAMP := $(STAMPS)/settings
$(shell mkdir -p $(STAMPS) && (echo '$(SETTINGS)' | cmp -s - $(SETTINGS_STAMP) || echo '$(SETTINGS)' > $(SETTINGS_STAMP)))

# The verdict table goes into the README only for the study's own data and outputs.
README_PARAM := $(if $(and $(filter data/raw,$(RAW)),$(filter .,$(OUT))),-p readme_path README.md,)

PARAMS = -p raw_dir '$(RAW)' -p interim_dir '$(INTERIM)' -p processed_dir '$(PROCESSED)' \
	-p tables_dir '$(TABLES)' -p figures_dir '$(FIGURES)' -p reports_dir '$(REPORTS)' \
	-p start_year $(START_YEAR) -p end_year $(END_YEAR) -p ru_region '$(RU_REGION)'
RUN = $(BIN)/python -m regional_ties.run --timeout $(TIMEOUT)

.PHONY: all setup test lint lab paper paper-check bench check-outputs clean help
all: $(EXECUTED) $(REPORTS)/study.html

setup: $(INSTALLED)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name regional-ties --display-name "Python 3 (regional-ties)" >/dev/null
	touch $@

NB_DEPS := $(INSTALLED) $(PACKAGE) $(SETTINGS_STAMP)

$(REPORTS)/01_compile_events.ipynb: notebooks/01_compile_events.ipynb $(RAW_FILES) $(NB_DEPS)
	$(RUN) $< $@ $(PARAMS)
$(REPORTS)/02_clean_events.ipynb: notebooks/02_clean_events.ipynb $(REPORTS)/01_compile_events.ipynb $(NB_DEPS)
	$(RUN) $< $@ $(PARAMS) $(README_PARAM)
$(REPORTS)/03_descriptive_stats.ipynb: notebooks/03_descriptive_stats.ipynb $(REPORTS)/02_clean_events.ipynb $(NB_DEPS)
	$(RUN) $< $@ $(PARAMS)
$(REPORTS)/04_figures.ipynb: notebooks/04_figures.ipynb $(REPORTS)/02_clean_events.ipynb $(NB_DEPS)
	$(RUN) $< $@ $(PARAMS)
$(REPORTS)/05_findings.ipynb: notebooks/05_findings.ipynb $(REPORTS)/04_figures.ipynb $(NB_DEPS)
	$(RUN) $< $@ $(PARAMS) $(README_PARAM)

$(REPORTS)/study.html: $(EXECUTED)
	$(BIN)/python -c 'import sys; from regional_ties.report import study_html; study_html(sys.argv[2:], sys.argv[1])' $@ $^

test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .

lab: $(INSTALLED)
	$(BIN)/jupyter lab notebooks/

PAPER = $(BIN)/python -m regional_ties.paper --figures '$(FIGURES)' --tables '$(TABLES)' --dest '$(DEST)' \
	--preset '$(PRESET)' --start-year $(START_YEAR) --end-year $(END_YEAR) --ru-region '$(RU_REGION)'

# The figures, the tables, figures.tex and example.tex (every figure and table) for the page of PRESET.
paper: all
	@test -n "$(DEST)" || { echo "usage: make paper DEST=path/to/manuscript [PRESET=journal|thesis]"; exit 2; }
	$(PAPER)

# The same, then example.tex compiled with pdflatex: no error, no overfull box over 1 pt, every figure PDF checked.
paper-check: all
	@test -n "$(DEST)" || { echo "usage: make paper-check DEST=path/to/manuscript [PRESET=journal|thesis]"; exit 2; }
	$(PAPER) --check

bench: $(INSTALLED)
	$(BIN)/python -m regional_ties.bench --out reports/bench.json

# Rebuild every committed output from scratch in a temporary folder and compare it byte for byte.
check-outputs: $(INSTALLED)
	$(BIN)/python -m regional_ties.check_outputs

clean:
	rm -rf $(INTERIM) $(REPORTS)/*.ipynb $(REPORTS)/*.html $(STAMPS)

help:
	@sed -n '1,6p' Makefile
