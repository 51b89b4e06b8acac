# The two commands: `make run` serves the app, `make test` runs the whole suite.
# Both create .venv and install the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; production sets DEBUG off and SECRET_KEY itself. Variables given on the
# command line (make run HEALTH_MODEL=tiny) reach the app's environment as well.
export DEBUG ?= true

.PHONY: run test lint format e2e-browser pdf-libs migrate bench-inference bench-chat bench-engines bench-privacy bench-safety bench-retrieval bench-reports download-model createsuperuser manage clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

run: migrate pdf-libs
	$(VENV)/bin/daphne --bind $(HOST) --port $(PORT) healthassistant.asgi:application

# The browser tests use Debian's chromium; install it where we can (root with apt),
# otherwise they are skipped with a printed reason.
e2e-browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Could not install chromium: the browser tests will be skipped."; \
	  else echo "chromium is not installed and apt is not available: the browser tests will be skipped."; fi; }

# WeasyPrint (chat transcripts as PDF) draws with Pango; install Debian's libraries where we can.
pdf-libs:
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null) \
	      || echo "Could not install Pango: PDF export will answer 503 until libpango-1.0-0 and libpangoft2-1.0-0 are installed."; \
	  else echo "Pango is not installed and apt is not available: install libpango-1.0-0 and libpangoft2-1.0-0 for PDF export."; fi; }

test: $(VENV)/.installed e2e-browser pdf-libs
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench-inference: $(VENV)/.installed
	$(PY) manage.py bench_inference --json bench-inference.json

bench-chat: $(VENV)/.installed
	$(PY) manage.py bench_chat --json bench-chat.json

# ENGINE_URL=http://gpu-host:8001/v1 ENGINE_MODEL=google/medgemma-4b-it measures a real server instead.
bench-engines: $(VENV)/.installed
	$(PY) manage.py bench_engines --json bench-engines.json $(if $(ENGINE_URL),--engine-url $(ENGINE_URL)) $(if $(ENGINE_MODEL),--engine-model $(ENGINE_MODEL))

bench-safety: $(VENV)/.installed
	$(PY) manage.py bench_safety --json bench-safety.json

bench-privacy: $(VENV)/.installed
	$(PY) manage.py bench_privacy --json bench-privacy.json

bench-retrieval: $(VENV)/.installed
	$(PY) manage.py bench_retrieval --json bench-retrieval.json

bench-reports: $(VENV)/.installed pdf-libs
	$(PY) manage.py bench_reports --json bench-reports.json

download-model: $(VENV)/.installed
	$(PY) manage.py download_model

createsuperuser: migrate
	$(PY) manage.py createsuperuser

# Any other management command, in the same development environment: make manage ARGS="cleanup_uploads --dry-run"
manage: migrate
	$(PY) manage.py $(ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
