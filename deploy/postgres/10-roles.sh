#!/bin/sh
# Runs once, when the postgres volume is empty (docker-entrypoint-initdb.d).
# Two login roles with their own passwords: `temporal` may create its two databases
# (done by the temporal-schema job with temporal-sql-tool); `jiceng` owns the app database.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_pw="$TEMPORAL_DB_PASSWORD" -v jiceng_pw="$JICENG_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_pw';
CREATE ROLE jiceng LOGIN PASSWORD :'jiceng_pw';
CREATE DATABASE jiceng OWNER jiceng ENCODING 'UTF8' TEMPLATE template0;
SQL
