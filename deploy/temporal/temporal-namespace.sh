#!/bin/sh
# One-shot job (image temporalio/admin-tools): waits for the Temporal frontend, registers the
# namespace and the custom search attributes of workflows/search-attributes.ts.
# Idempotent: existing namespace and attributes are left as they are.
# KEEP IN SYNC with workflows/search-attributes.ts (tests/unit/deploy-compose.test.ts checks it).
set -eu

NS="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-3650d}"

until temporal operator cluster health 2>/dev/null | grep -q SERVING; do
  echo "[temporal-namespace] waiting for Temporal at $TEMPORAL_ADDRESS …"
  sleep 2
done

if temporal operator namespace describe --namespace "$NS" >/dev/null 2>&1; then
  echo "[temporal-namespace] namespace $NS exists"
else
  temporal operator namespace create --namespace "$NS" --retention "$RETENTION" \
    --description "基层流程 Jiceng Flow cases"
  # The frontend caches namespaces: wait until it can be described.
  until temporal operator namespace describe --namespace "$NS" >/dev/null 2>&1; do sleep 1; done
fi

existing=$(temporal operator search-attribute list --namespace "$NS" 2>/dev/null || true)
while read -r name type; do
  [ -z "$name" ] && continue
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "[temporal-namespace] search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$NS" --name "$name" --type "$type" --yes
  fi
done <<'LIST'
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
echo "[temporal-namespace] done"
