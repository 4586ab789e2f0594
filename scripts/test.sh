#!/usr/bin/env bash
# make test: start what the tests need on loopback, in a temporary folder, run every check,
# and stop it all again, even on failure.
#   - installs PostgreSQL, Redis, Chromium, Noto fonts and gettext from Debian when root;
#   - installs axe-core (pinned, from the npm registry) for the accessibility tests;
#   - runs ruff, Django's checks, makemigrations --check and the whole pytest suite
#     against PostgreSQL and Redis.
# Under CI=true nothing may be missing: a missing service, browser or font fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"
CI=${CI:-false}


# --- 1-2. System packages, PostgreSQL and Redis -------------------------------------------
# shellcheck source=scripts/services.sh
source scripts/services.sh

# --- 3. axe-core for the accessibility tests (pinned in tests/browser/package-lock.json) ---
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  log "Installing axe-core"
  npm ci --prefix tests/browser --no-audit --no-fund --silent
fi

export CHROMIUM_PATH=/usr/bin/chromium
export AXE_JS="$PWD/tests/browser/node_modules/axe-core/axe.min.js"
export SECRET_KEY="test-only-secret"
export CI

# --- 4. The checks --------------------------------------------------------------------------
log "ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
log "Django checks"
"$PY" manage.py check --fail-level WARNING
"$PY" manage.py makemigrations --check --dry-run
"$PY" manage.py collectstatic --noinput -v 0
log "Migrations on PostgreSQL"
"$PY" manage.py migrate --noinput -v 0
log "pytest"
"$VENV/bin/pytest" "$@"
