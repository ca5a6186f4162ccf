#!/bin/sh
# One-shot schema job (image temporalio/admin-tools; natively, `npm run prod:up` runs it with the
# temporal-sql-tool built from the Go module). Creates the `temporal` and `temporal_visibility`
# databases on first run and applies every versioned migration shipped with that version, so
# re-running it after raising the Temporal version upgrades the schema.
# Idempotent: `create-database` succeeds on an existing database and `setup-schema -v 0.0` skips
# a database whose schema is newer (both checked with temporal-sql-tool 1.32.2), so every step
# simply runs every time.
# Env: DB (postgres12), POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, POSTGRES_PWD, DBNAME,
# VISIBILITY_DBNAME; TEMPORAL_HOME (holds schema/postgresql/v12; /etc/temporal in the image).
set -eu

SCHEMA_ROOT="${TEMPORAL_HOME:-/etc/temporal}/schema/postgresql/v12"
export SQL_PASSWORD="$POSTGRES_PWD"

sqltool() {
  temporal-sql-tool --plugin "$DB" --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

# Wait for PostgreSQL by creating the first database: temporal-sql-tool 1.32 has no health command
# (the `validate-health` this job used before is unknown to it, so its wait loop never ended).
tries=0
until out=$(sqltool --db "$DBNAME" create-database 2>&1); do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "[temporal-schema] PostgreSQL at $POSTGRES_SEEDS:$DB_PORT still refuses after $tries tries:" >&2
    echo "$out" | tail -n 3 >&2
    exit 1
  fi
  echo "[temporal-schema] waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT …"
  sleep 2
done

migrate() {
  db="$1"; dir="$2"
  [ -d "$dir" ] || { echo "[temporal-schema] no schema directory $dir" >&2; exit 1; }
  sqltool --db "$db" create-database >/dev/null 2>&1 || { sqltool --db "$db" create-database; exit 1; }
  sqltool --db "$db" setup-schema -v 0.0 >/dev/null 2>&1 || { sqltool --db "$db" setup-schema -v 0.0; exit 1; }
  if ! out=$(sqltool --db "$db" update-schema -d "$dir" 2>&1); then
    echo "$out" | tail -n 5 >&2
    exit 1
  fi
  to=$(echo "$out" | sed -n 's/.*updated from [0-9.]* to \([0-9.]*\).*/\1/p' | tail -n 1)
  at=$(echo "$out" | sed -n 's/.*from current version \([0-9.]*\).*/\1/p' | tail -n 1)
  if [ -n "$to" ]; then echo "[temporal-schema] database $db: schema migrated to $to"
  else echo "[temporal-schema] database $db: schema ${at:-?}, up to date"; fi
}

migrate "$DBNAME" "$SCHEMA_ROOT/temporal/versioned"
migrate "$VISIBILITY_DBNAME" "$SCHEMA_ROOT/visibility/versioned"
echo "[temporal-schema] done"
