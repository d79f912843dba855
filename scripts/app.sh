#!/usr/bin/env bash
# Sets up and runs Maillage on its embedded default: SQLite under ./data, the territorial referential and the demo accounts
# loaded on first start, http://localhost:8080. Run from anywhere in the repository: bash scripts/app.sh
set -euo pipefail
source "$(dirname "$0")/setup.sh"
setup_toolchain
build_web_app

etape "Construction du serveur (cargo build --release)"
cargo build --release -p maillage

etape "Démarrage : http://localhost:8080 (ctrl-c pour arrêter)"
info "base SQLite : data/maillage.sqlite, données de démonstration (comptes dans le README) ; API : http://localhost:8080/graphql"
exec ./target/release/maillage serve --demo --addr 127.0.0.1:8080
