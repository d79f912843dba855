#!/usr/bin/env bash
# Sets up and runs Maillage on its embedded default: SQLite under ./data, the territorial referential and the demo accounts
# loaded on first start, http://localhost:8080. Run from anywhere in the repository: bash scripts/app.sh
# The server is the development build (the one the tests use, built in a third of the time of --release on two
# cores); production and the benchmarks build it with --release (README, « Exploitation »).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
setup_toolchain

etape "Outil de construction de l’application web (cargo build -p xtask)"
cargo build -p xtask

# The web app (WebAssembly, in target/wasm-release) and the server (target/debug) build side by side: each
# has its own build directory, and the WebAssembly's last, single-threaded steps leave a core to the server.
etape "Construction de l’application web (WASM, dans dist/) et, à côté, du serveur (cargo build -p maillage)"
node scripts/dsfr-sous-ensemble.mjs
journal_serveur="target/construction-du-serveur.log"
cargo build -p maillage >"$journal_serveur" 2>&1 &
serveur=$!
target/debug/xtask web
finish_web_app
etape "Fin de la construction du serveur"
if ! wait "$serveur"; then
  cat "$journal_serveur" >&2
  echec "la construction du serveur a échoué (ci-dessus)"
fi
tail -n 1 "$journal_serveur" | sed 's/^ */    /'

etape "Démarrage : http://localhost:8080 (ctrl-c pour arrêter)"
info "base SQLite : data/maillage.sqlite, données de démonstration (comptes dans le README) ; API : http://localhost:8080/graphql"
exec ./target/debug/maillage serve --demo --addr 127.0.0.1:8080
