#!/bin/sh
# One-shot schema job (image temporalio/admin-tools). Creates the `temporal` and
# `temporal_visibility` databases on first run and applies every versioned migration shipped
# with the admin-tools version, so re-running it after bumping TEMPORAL_VERSION upgrades the
# schema. Idempotent: an existing database is never re-initialised.
set -eu

SCHEMA_ROOT="${TEMPORAL_HOME:-/etc/temporal}/schema/postgresql/v12"
export SQL_PASSWORD="$POSTGRES_PWD"

sqltool() {
  temporal-sql-tool --plugin "$DB" --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

until sqltool --db postgres validate-health >/dev/null 2>&1; do
  echo "[temporal-schema] waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT …"
  sleep 2
done

migrate() {
  db="$1"; dir="$2"
  if sqltool --db "$db" create-database 2>/dev/null; then
    echo "[temporal-schema] created database $db"
    sqltool --db "$db" setup-schema -v 0.0
  else
    echo "[temporal-schema] database $db exists"
  fi
  # A database created by a run that died before setup-schema has no schema_version table:
  # update-schema says so, and only then is setup-schema safe to run.
  if ! out=$(sqltool --db "$db" update-schema -d "$dir" 2>&1); then
    echo "$out"
    case "$out" in
      *schema_version*)
        echo "[temporal-schema] $db has no schema yet: setting it up"
        sqltool --db "$db" setup-schema -v 0.0
        sqltool --db "$db" update-schema -d "$dir"
        ;;
      *) exit 1 ;;
    esac
  else
    echo "$out" | tail -n 3
  fi
}

migrate "$DBNAME" "$SCHEMA_ROOT/temporal/versioned"
migrate "$VISIBILITY_DBNAME" "$SCHEMA_ROOT/visibility/versioned"
echo "[temporal-schema] done"
