# Two commands matter: `make app` (serve the workbook) and `make test` (run every test).
# Each target creates .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
AXE    := node_modules/axe-core/axe.min.js
PORT   ?= 8866
# Extra flags for the server commands, e.g. `make app NO_BROWSER=1 ARGS=--workshop`.
NO_BROWSER ?=
ARGS   ?=
SERVER_FLAGS = $(if $(NO_BROWSER),--no-browser) $(ARGS)
# `make lab` leaves the port to JupyterLab unless PORT is given on the command line or in the environment.
LAB_PORT = $(if $(filter command line environment,$(origin PORT)),--port $(PORT))

.PHONY: app lab test test-unit test-notebooks test-e2e test-hub bench mutate lint format clean help system-packages

help:
	@echo "make app    serve the workbook as a Voila web app (http://127.0.0.1:$(PORT)/)"
	@echo "make lab    open the workbook in JupyterLab"
	@echo "            both take PORT=N, NO_BROWSER=1 and ARGS='...' (more oneonone flags)"
	@echo "make test   run unit, notebook (nbval), browser (Voila + Chromium) and JupyterHub tests"
	@echo "make bench  print speed and memory figures"
	@echo "make mutate mutation testing of the privacy-critical core (slow; not part of make test)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]" ruff
	@touch $(STAMP)

# Chromium, Node.js/npm, hunspell-nl, pdftotext: installed when we may (root or sudo on Debian),
# otherwise the script stops with the command to run (tools/system-packages.sh --check only looks).
system-packages:
	@bash tools/system-packages.sh

# axe-core, for the accessibility audit in the browser tests, and configurable-http-proxy, for the
# JupyterHub tier (package.json, package-lock.json).
# npm unpacks files with a date in 1985, so the file is touched to make it newer than its sources.
$(AXE): package.json $(wildcard package-lock.json) | system-packages
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js (Debian: nodejs npm)"; exit 1; }
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	 else npm install --no-audit --no-fund; fi
	@touch $(AXE)

$(VENV)/.lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	@touch $(VENV)/.lab

app: $(STAMP)
	$(BIN)/oneonone app --port $(PORT) $(SERVER_FLAGS)

lab: $(VENV)/.lab
	$(BIN)/oneonone lab $(LAB_PORT) $(SERVER_FLAGS)

test: system-packages $(STAMP) $(AXE)
	$(BIN)/python -m pytest -p no:cacheprovider tests

test-unit: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests/unit

test-notebooks: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests/notebooks

test-e2e: system-packages $(STAMP) $(AXE)
	$(BIN)/python -m pytest -p no:cacheprovider tests/e2e

# A real JupyterHub (proxy from node_modules, two users' servers) driven in Chromium.
test-hub: system-packages $(STAMP) $(AXE)
	$(BIN)/python -m pytest -p no:cacheprovider tests/hub

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# Mutation testing of the modules in [tool.mutmut] only_mutate (pyproject.toml): each mutant runs
# only the unit tests that reach the mutated function. Slow, so not part of `make test`; it
# resumes where it stopped. MUTANTS='oneonone_kit.insight.cadence*' runs a part.
# By default it runs the functions where a silent bug hurts a user (the whole list takes well
# over an hour here; benchmarks/README.md says what is scoped out and why). Named mutants are
# rerun each time; `make mutate MUTANTS=` runs every mutant and resumes a stopped run.
M := oneonone_kit
MUTATE_SCOPE := \
  '$(M).log.transfer.x_read_json__*' '$(M).log.transfer.x__read_item__*' \
  '$(M).log.transfer.x__duplicates__*' '$(M).log.csvio.x_meetings_from_csv__*' \
  '$(M).log.csvio.x__safe_cell__*' '$(M).log.csvio.x__unsafe_cell__*' \
  '$(M).log.store.xǁStoreǁforget_person__*' '$(M).log.store.xǁStoreǁ_replace_backups__*' \
  '$(M).log.store.xǁStoreǁ_scrub__*' '$(M).log.store.xǁStoreǁdelete_everything__*' \
  '$(M).log.store.xǁStoreǁbackup_daily__*' \
  '$(M).log.store.xǁStoreǁremove_demo__*' '$(M).log.backup.x_daily__*' \
  '$(M).log.backup.x_latest_backup__*' '$(M).log.backup.x_all_backups__*' \
  '$(M).log.backup.x_is_good__*' '$(M).log.backup.x_corrupt__*' \
  '$(M).log.backup.x_refuse_emptied__*' '$(M).log.backup.x_holds_anything__*' \
  '$(M).log.backup.x_copy_to__*' '$(M).log.backup.x_drop_all__*' '$(M).web.workshop.*' \
  '$(M).web.guard.*' '$(M).insight.cohort.x_aggregate__*' '$(M).insight.cohort.x__spread__*' \
  '$(M).insight.cohort.x__median__*' '$(M).insight.cohort.x__mean__*' \
  '$(M).insight.cohort.x_unique_participants__*' '$(M).insight.cohort.x_most_neglected__*' \
  '$(M).insight.cadence.*' '$(M).insight.needs.x_needs_rotation__*' \
  '$(M).insight.agenda.x_least_recent_need__*' '$(M).insight.outcomes.x_commitment_state__*' \
  '$(M).insight.outcomes.x__tally__*' '$(M).insight.outcomes.x__judged_points__*' \
  '$(M).insight.outcomes.x_follow_through__*' '$(M).insight.outcomes.x__on_time_points__*' \
  '$(M).coach.questions.*' '$(M).ui.common.x_esc__*' '$(M).ui.common.xǁMessageǁ*' \
  '$(M).ui.common.x_table_html__*' '$(M).ui.common.x_copy_button__*' \
  '$(M).ui.common.x_figure_html__*'
MUTANTS ?= $(MUTATE_SCOPE)
$(VENV)/.mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[mutate]"
	@touch $(VENV)/.mutate

mutate: $(VENV)/.mutate
	@# mutmut regenerates changed modules in mutants/, not the data files it copied: refresh those
	@test ! -d mutants/oneonone_kit || $(BIN)/python -c "import shutil; shutil.copytree('oneonone_kit', 'mutants/oneonone_kit', dirs_exist_ok=True, ignore=shutil.ignore_patterns('*.py', '__pycache__'))"
	$(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/python tools/mutation_report.py

lint: $(STAMP)
	$(BIN)/ruff check oneonone_kit tests benchmarks tools
	$(BIN)/ruff format --check oneonone_kit tests benchmarks tools

format: $(STAMP)
	$(BIN)/ruff format oneonone_kit tests benchmarks tools
	$(BIN)/ruff check --fix oneonone_kit tests benchmarks tools

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache node_modules mutants
