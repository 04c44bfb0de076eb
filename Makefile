# Everthread: `make demo` to run it with demo data, `make test` to run every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Local, throwaway values: the demo runs with DEBUG on, the tests with a test-only secret.
DEMO_ENV := EVERTHREAD_DEBUG=true
TEST_ENV := EVERTHREAD_SECRET_KEY=tests-only-not-a-secret

.PHONY: demo test lint lock chromium clean

$(VENV)/.installed-app: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-app
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

demo: $(VENV)/.installed-app
	$(DEMO_ENV) $(BIN)/everthread migrate --noinput
	$(DEMO_ENV) $(BIN)/everthread demo
	@echo ""
	@echo "Everthread is starting at http://$(HOST):$(PORT)/ (sign in with a log-in above; Ctrl+C stops it)"
	@# The background worker (uploaded imports) runs beside the server and stops with it.
	$(DEMO_ENV) $(BIN)/everthread worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/everthread runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test chromium
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(TEST_ENV) $(BIN)/mypy
	$(TEST_ENV) $(BIN)/everthread makemigrations --check --dry-run

# The browser tests drive Debian's Chromium (Playwright's own download does not work offline).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    echo "Installing Debian's chromium for the browser tests"; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "No /usr/bin/chromium and no apt-get: the browser tests will be skipped"; \
	  fi; \
	fi

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) var
