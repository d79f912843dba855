#!/usr/bin/env bash
# Sets up and runs every check and test of Maillage: formatting, clippy, the WASM build, unit and
# integration tests on SQLite and PostgreSQL, and browser tests in headless Chromium with axe-core.
# Run from anywhere in the repository: bash scripts/test.sh
set -euo pipefail
source "$(dirname "$0")/setup.sh"
setup_toolchain
setup_browser
setup_faketime
setup_relais_smtp
setup_s3
setup_deploiement

etape "PostgreSQL pour les tests"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  # MAILLAGE_OWN_POSTGRES=1 forces the throwaway cluster even when a local server answers.
  if [ -z "${MAILLAGE_OWN_POSTGRES:-}" ] \
    && psql "postgres://postgres@127.0.0.1:5432/postgres" -tAc "select 1" >/dev/null 2>&1; then
    export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
    info "serveur local sur 127.0.0.1:5432"
  else
    if [ -z "$pg_bin" ]; then
      apt_install postgresql
      pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    # A throwaway cluster of our own, trust auth on a free port, removed when the tests end.
    pg_dir="$(mktemp -d /tmp/maillage-pg.XXXXXX)"
    pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    as_pg=()
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$pg_dir"
      as_pg=(runuser -u postgres --)
    fi
    info "cluster jetable dans $pg_dir, port $pg_port"
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" --auth=trust -U postgres >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" \
      -l "$pg_dir/log" -w start >/dev/null
    trap '"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"' EXIT
    export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
  fi
else
  info "TEST_DATABASE_URL fourni"
fi
# The backup tests run pg_dump, pg_restore and psql, as `maillage sauvegarde` does in production.
if ! command -v pg_dump >/dev/null || ! command -v pg_restore >/dev/null || ! command -v psql >/dev/null; then
  apt_install postgresql-client
fi
info "client PostgreSQL : $(pg_dump --version)"

etape "Formatage (cargo fmt --check)"
cargo fmt --all -- --check

etape "Lints (cargo clippy -D warnings), serveur et WASM"
cargo clippy --all-targets -- -D warnings
cargo clippy -p frontend -p maillage-shared --target wasm32-unknown-unknown -- -D warnings

build_web_app

etape "Tests : unitaires, intégration sur SQLite et PostgreSQL, navigateur (cargo test)"
cargo test --workspace
etape "Terminé : tous les contrôles et tests sont passés"
