#!/bin/sh
# One-shot job (image temporalio/admin-tools; natively, `npm run prod:up` runs it with the project's
# `temporal` CLI): waits for the Temporal frontend, registers the namespace and the custom search
# attributes of workflows/search-attributes.ts. Idempotent: existing namespace and attributes are
# left as they are. Checked against server 1.32.2 with CLI 1.9:
#   - `search-attribute create` has no `--yes` (it never asks);
#   - `--type` is one value per call, so each attribute gets its own call (`--type Keyword --name A
#     --name B` silently registers only A);
#   - a new namespace is unknown to the frontend's namespace cache for ~2 s: `namespace describe`
#     answers at once, but `search-attribute create/list` fail until the cache refreshes, so wait
#     for `search-attribute list`;
#   - at the end every attribute is checked in the list with its type.
# KEEP IN SYNC with workflows/search-attributes.ts (tests/unit/deploy-compose.test.ts checks it).
set -eu

NS="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-3650d}"
say() { echo "[temporal-namespace] $*"; }

# Retries a check every second, at most $1 times; prints the last error when it gives up.
retry() {
  n="$1"; shift
  i=0
  until err=$("$@" 2>&1 >/dev/null); do
    i=$((i + 1))
    if [ "$i" -ge "$n" ]; then
      echo "$err" | tail -n 3 >&2
      return 1
    fi
    sleep 1
  done
}

say "waiting for Temporal at ${TEMPORAL_ADDRESS:-127.0.0.1:7233} …"
health() { temporal operator cluster health | grep -q SERVING; }
retry 120 health || { say "Temporal is not serving" >&2; exit 1; }

if temporal operator namespace describe --namespace "$NS" >/dev/null 2>&1; then
  say "namespace $NS exists"
else
  temporal operator namespace create --namespace "$NS" --retention "$RETENTION" \
    --description "基层流程 Jiceng Flow cases"
fi
retry 60 temporal operator search-attribute list --namespace "$NS" || { say "namespace $NS is not usable" >&2; exit 1; }

ATTRS=$(cat <<'LIST'
JcProcedure Keyword
JcDefinitionVersion Int
JcOrgUnit Keyword
JcOrgPath KeywordList
JcAssignees KeywordList
JcCandidateRoles KeywordList
JcNextDue Datetime
JcHealth Keyword
JcStage Keyword
JcStatus Keyword
JcOutcome Keyword
JcInitiator Keyword
JcTitle Text
JcLastProgress Datetime
JcOverdueCount Int
LIST
)

existing=$(temporal operator search-attribute list --namespace "$NS")
while read -r name type; do
  [ -z "$name" ] && continue
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    say "search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$NS" --name "$name" --type "$type"
    say "search attribute $name ($type) created"
  fi
done <<EOF
$ATTRS
EOF

# Every attribute listed with its type (a create that registered something else shows here).
listed=$(temporal operator search-attribute list --namespace "$NS")
missing=""
while read -r name type; do
  [ -z "$name" ] && continue
  printf '%s\n' "$listed" | grep -w "$name" | grep -qw "$type" || missing="$missing $name($type)"
done <<EOF
$ATTRS
EOF
[ -z "$missing" ] || { say "not registered as expected:$missing" >&2; exit 1; }
say "done"
