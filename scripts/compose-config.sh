#!/usr/bin/env bash
# Checks docker-compose.yml the way `docker compose config` does, on a machine without Docker too:
# with `docker compose` installed it runs that; otherwise it loads the file with compose-go (the
# loader docker compose itself uses; deploy/compose-check, fetched through the Go module proxy).
# Two runs: deploy/env.example as shipped (empty secrets) must be REFUSED, and the same file with
# every secret filled must be ACCEPTED (both profiles). Prints the resolved services.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$root/docker-compose.yml" "$tmp/"
ln -s "$root/deploy" "$tmp/deploy"
[ -f "$root/Dockerfile" ] && ln -s "$root/Dockerfile" "$tmp/Dockerfile"

if docker compose version >/dev/null 2>&1; then
  check() { (cd "$tmp" && COMPOSE_PROFILES=proxy docker compose --env-file "$1" -f docker-compose.yml config); }
  how="docker compose config"
else
  command -v go >/dev/null || { echo "neither docker compose nor go is installed" >&2; exit 2; }
  (cd "$root/deploy/compose-check" && go build -o "$tmp/compose-check" .)
  check() { CHECK_PROFILES=proxy "$tmp/compose-check" "$tmp" "$tmp/docker-compose.yml" "$1"; }
  how="compose-go $(grep -m1 'compose-spec/compose-go' "$root/deploy/compose-check/go.mod" | awk '{print $NF}')"
fi

cp "$root/deploy/env.example" "$tmp/empty.env"
if check "$tmp/empty.env" >/dev/null 2>"$tmp/err"; then
  echo "FAIL: docker-compose.yml accepted empty secrets" >&2; exit 1
fi
echo "empty secrets refused ($how): $(grep -o 'required variable [A-Z_]*[^,]*' "$tmp/err" | head -1)"

secret() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
sed -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(secret 18)|" \
    -e "s|^TEMPORAL_DB_PASSWORD=.*|TEMPORAL_DB_PASSWORD=$(secret 18)|" \
    -e "s|^JICENG_DB_PASSWORD=.*|JICENG_DB_PASSWORD=$(secret 18)|" \
    -e "s|^JICENG_CODEC_KEY=.*|JICENG_CODEC_KEY=$(secret 32)|" "$root/deploy/env.example" >"$tmp/filled.env"
check "$tmp/filled.env" >"$tmp/out.yml"
services=$(awk '/^services:/{s=1;next} s&&/^[a-z]/{s=0} s&&/^  [a-z0-9_-]+:$/{gsub(/[ :]/,"");printf "%s ",$0}' "$tmp/out.yml")
echo "filled secrets accepted ($how): services: $services"
