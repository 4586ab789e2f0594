#!/usr/bin/env bash
# make bench: the benchmarks of docs/benchmarks.md, on PostgreSQL and Redis started on
# loopback in a temporary folder (as for make test), stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"
# shellcheck source=scripts/services.sh
source scripts/services.sh
export SECRET_KEY="bench-only-secret" ALLOWED_HOSTS="testserver,127.0.0.1,localhost"
log "Migrations"
"$PY" manage.py migrate --noinput -v 0
ONLY=${BENCH_ONLY:-pages,meetings,counting,live,recommendations,lottery,booklets,pdf}
if [[ ,$ONLY, == *,pages,* ]]; then
  log "Pages on the demo data"
  "$PY" -m bench.pages "${BENCH_RUNS:-50}"
fi
if [[ ,$ONLY, == *,meetings,* ]]; then
  log "Meetings pages: 10 and 1,000 meetings"
  "$PY" -m bench.meetings
fi
if [[ ,$ONLY, == *,counting,* ]]; then
  log "Counting 10,000 ballots with 10 options"
  "$PY" -m bench.counting 10000
fi
if [[ ,$ONLY, == *,live,* ]]; then
  log "Live session: ${LIVE_CLIENTS:-300} websocket clients through channels-redis"
  "$PY" -m bench.live "${LIVE_CLIENTS:-300}" "${LIVE_ROUNDS:-20}"
fi
if [[ ,$ONLY, == *,recommendations,* ]]; then
  log "Public tracking page at 100 and 10,000 recommendations"
  "$PY" -m bench.recommendations
fi
if [[ ,$ONLY, == *,lottery,* ]]; then
  log "Panel lottery: LEXIMIN for 200 volunteers / 16 seats / 6 features, and 30 / 10"
  "$PY" -m bench.lottery
fi
if [[ ,$ONLY, == *,booklets,* ]]; then
  log "Public booklet page: 8 and 40 sections"
  "$PY" -m bench.booklets "${BENCH_RUNS:-50}"
fi
if [[ ,$ONLY, == *,pdf,* ]]; then
  log "Booklet PDF: a ${PDF_PAGES:-24}-page Arabic booklet, then the same from the cache"
  "$PY" -m bench.pdf "${PDF_PAGES:-24}"
fi
