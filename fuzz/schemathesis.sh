#!/usr/bin/env bash
# Schemathesis (PyPI) against the API's own /api/openapi.json with an authenticated administrator
# session: every operation, positive and negative data; fails on any 5xx and on any response
# outside the documented schema (status code, content type, body).
#
#   bash fuzz/schemathesis.sh            # full: 50 examples per operation
#   bash fuzz/schemathesis.sh --quick    # CI: 5 examples per operation
# Installs schemathesis into .tools/venv when missing. Report: fuzz/results/schemathesis-*.
set -euo pipefail
cd "$(dirname "$0")/.."

EXAMPLES=50
MAXTIME=900
if [ "${1:-}" = "--quick" ]; then EXAMPLES=5; MAXTIME=240; fi

VENV=.tools/venv
if [ ! -x "$VENV/bin/schemathesis" ]; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q schemathesis
fi

INFO=$(mktemp)
LOG=$(mktemp)
node --import tsx fuzz/serve.ts "$INFO" >"$LOG" 2>&1 &
SERVE_PID=$!
cleanup() {
  kill -TERM "$SERVE_PID" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
  rm -f "$INFO" "$LOG"
}
trap cleanup EXIT
for _ in $(seq 1 240); do
  [ -s "$INFO" ] && break
  if ! kill -0 "$SERVE_PID" 2>/dev/null; then cat "$LOG"; echo "fuzz/serve.ts exited"; exit 1; fi
  sleep 1
done
[ -s "$INFO" ] || { cat "$LOG"; echo "the API did not come up"; exit 1; }
URL=$(grep '^URL=' "$INFO" | cut -d= -f2-)
COOKIE=$(grep '^COOKIE=' "$INFO" | cut -d= -f2-)
echo "schemathesis: $URL/api/openapi.json, $EXAMPLES examples per operation"

mkdir -p fuzz/results
# Operations that would end the fuzzer's own session or change its password are left out.
"$VENV/bin/schemathesis" run "$URL/api/openapi.json" \
  --header "Cookie: $COOKIE" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --exclude-path /api/auth/logout --exclude-path /api/auth/password \
  --phases examples,coverage,fuzzing \
  --max-examples "$EXAMPLES" --max-time "$MAXTIME" --workers 2 \
  --seed 20261122 --generation-database none --no-color \
  --report junit --report-junit-path fuzz/results/schemathesis-junit.xml
