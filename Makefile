# Verbs shared by developers and CI (.ci/run calls install, lint, openapi-check, clients-check,
# test and test-embedded).
PYTHON ?= python3
VENV ?= .venv
# Two pytest workers (pytest-xdist): the suite is I/O-bound on sandboxes and PostgreSQL, and the
# machine has two cores; each worker has its own test database and Redis database.
PYTEST_ARGS ?= -n 2
PY := $(VENV)/bin/python
DEV_ENV := LEDGERLINK_ENV=development

.PHONY: install lint format test test-embedded test-fast openapi openapi-check clients \
	clients-check clients-python clients-python-check clients-typescript \
	clients-typescript-check demo bench clean

install: $(VENV)/.installed

# The Python SDK (clients/python) is installed too, editable: its tests and examples/ use it.
$(VENV)/.installed: pyproject.toml clients/python/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	$(VENV)/bin/pip install --quiet -e clients/python
	touch $@

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The whole suite. DATABASE_URL / REDIS_URL select PostgreSQL and Redis; SQLite otherwise.
test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The store's own queries (filters, order_by, search, totals, derived events) on the embedded
# SQLite, beside `make test` on PostgreSQL: the two databases answer them differently.
EMBEDDED_TESTS := tests/gateway/records/test_filters.py tests/gateway/records/test_aggregates.py \
	tests/gateway/records/test_store.py tests/gateway/records/test_api_reads.py \
	tests/gateway/events/test_invoice_events.py
test-embedded: install
	env -u DATABASE_URL -u CI $(VENV)/bin/pytest $(PYTEST_ARGS) $(EMBEDDED_TESTS)

openapi: install
	$(DEV_ENV) $(PY) manage.py spectacular --file openapi/ledgerlink.yaml --validate --fail-on-warn

# The committed spec is what the code generates, and it passes the OpenAPI 3.1 meta-schema.
openapi-check: install
	@mkdir -p var
	$(DEV_ENV) $(PY) manage.py spectacular --file var/openapi-check.yaml --validate --fail-on-warn
	@diff -u openapi/ledgerlink.yaml var/openapi-check.yaml \
		|| (echo "openapi/ledgerlink.yaml is stale: run 'make openapi'" && exit 1)
	$(PY) -m openapi_spec_validator --validation-errors all openapi/ledgerlink.yaml

# Both SDKs from the committed spec (after `make openapi`), and CI's check that neither drifts.
clients: clients-python clients-typescript
clients-check: clients-python-check clients-typescript-check

# The Python SDK's generated half (clients/python/ledgerlink_client/generated) from the spec; the
# check regenerates into a scratch directory and fails when the committed code differs.
SDK_PY := clients/python
SDK_PY_GENERATED := $(SDK_PY)/ledgerlink_client/generated
clients-python: install
	$(PY) $(SDK_PY)/generate.py --output $(SDK_PY_GENERATED)

clients-python-check: install
	@rm -rf var/clients-python-check && mkdir -p var
	$(PY) $(SDK_PY)/generate.py --output var/clients-python-check
	@diff -ru --exclude=__pycache__ $(SDK_PY_GENERATED) var/clients-python-check \
		|| (echo "$(SDK_PY_GENERATED) is stale: run 'make clients-python'" && exit 1)

# The TypeScript SDK (clients/typescript): the locked npm packages, its types regenerated from
# openapi/ledgerlink.yaml (openapi-typescript, pinned), then built to dist/ with tsc.
TS_CLIENT := clients/typescript
NPM ?= npm
clients-typescript:
	cd $(TS_CLIENT) && $(NPM) ci --no-audit --no-fund
	cd $(TS_CLIENT) && $(NPM) run --silent generate
	cd $(TS_CLIENT) && $(NPM) run --silent build

# Fails when the committed generated types differ from what the spec generates (run
# 'make clients-typescript' and commit), then builds and typechecks the SDK, its tests and
# examples/quickstart.ts. Its tests run against a live gateway from pytest
# (tests/clients/test_typescript_sdk.py).
clients-typescript-check:
	cd $(TS_CLIENT) && $(NPM) ci --no-audit --no-fund
	mkdir -p $(TS_CLIENT)/build
	cd $(TS_CLIENT) && $(NPM) run --silent generate:to -- build/schema-check.ts
	@diff -u $(TS_CLIENT)/src/generated/schema.ts $(TS_CLIENT)/build/schema-check.ts \
		|| (echo "$(TS_CLIENT)/src/generated/schema.ts is stale: run 'make clients-typescript'" && exit 1)
	cd $(TS_CLIENT) && $(NPM) run --silent build && $(NPM) run --silent typecheck

# Ports: `make demo PORT=8100` (or PORT=8100 in the environment), likewise XERO_SANDBOX_PORT and
# QUICKBOOKS_SANDBOX_PORT.
PORT ?= 8000
XERO_SANDBOX_PORT ?= 8765
QUICKBOOKS_SANDBOX_PORT ?= 8766
demo: install
	$(DEV_ENV) $(PY) scripts/demo.py --port $(PORT) --sandbox-port $(XERO_SANDBOX_PORT) \
		--quickbooks-sandbox-port $(QUICKBOOKS_SANDBOX_PORT)

# The benchmarks that print figures (see BENCHMARKS.md), on the machine's PostgreSQL and Redis;
# each drops and recreates its own database. Sizes are the issues' (100k invoices); the whole
# run takes about 10-15 minutes on 2 cores. Override BENCH_PG / BENCH_REDIS for other services.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_REDIS ?= redis://127.0.0.1:6379/0
bench: install
	@uptime
	$(PY) bench/connector_read.py
	BENCH_DATABASE_URL=$(BENCH_PG)/ledgerlink_bench \
		$(PY) bench/api_read.py --invoices 100000 --seconds 20 --connections 8
	DATABASE_URL=$(BENCH_PG)/ledgerlink_syncbench REDIS_URL=$(BENCH_REDIS) \
		$(PY) bench/sync.py --invoices 100000 --contacts 10000 --payments 20000 \
		--credit-notes 2000 --purchase-orders 1000 --journal-entries 1000 \
		--bank-transactions 2000 --expenses 2000 --bank-transfers 500 \
		--qbo-invoices 2500 --qbo-documents 1200
	DATABASE_URL=$(BENCH_PG)/ledgerlink_hookbench REDIS_URL=$(BENCH_REDIS) \
		$(PY) bench/webhooks.py --events 1000
	DATABASE_URL=$(BENCH_PG)/ledgerlink_mixedbench REDIS_URL=$(BENCH_REDIS) \
		$(PY) bench/mixed_load.py --seconds 30
	DATABASE_URL=$(BENCH_PG)/ledgerlink_tickbench REDIS_URL=$(BENCH_REDIS) \
		$(PY) bench/tick.py
	BENCH_DATABASE_URL=$(BENCH_PG)/ledgerlink_metricsbench \
		$(PY) bench/metrics_scrape.py --small 200 --accounts 2000
	@uptime

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
