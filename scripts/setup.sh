# Installs what Maillage needs to build, idempotently, saying what it does. Sourced by app.sh and test.sh
# (`source scripts/setup.sh [--browser]`); everything comes from crates.io, npm or Debian's packages.
# shellcheck shell=bash

WASM_OPT_VERSION="version_132"

# Each step says when it starts, counted from the command's start (the README's times are read from these).
etape() { printf '\n==> %s  [%d min %02d s]\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }
info() { printf '    %s\n' "$*"; }
echec() { printf '\nERREUR : %s\n' "$*" >&2; exit 1; }

apt_install() {
  command -v apt-get >/dev/null || echec "installez $* (paquets Debian/Ubuntu) puis relancez"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "${MAILLAGE_APT_UPDATED:-}" ]; then
    info "apt-get update"
    $sudo apt-get update -qq
    export MAILLAGE_APT_UPDATED=1
  fi
  info "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

setup_toolchain() {
  local root
  root="$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
  cd "$root" || exit 1
  export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

  etape "Rust"
  command -v cargo >/dev/null || echec "cargo introuvable : installez Rust avec rustup (https://rustup.rs)"
  info "$(rustc --version)"
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    info "cible wasm32-unknown-unknown : présente"
  else
    info "ajout de la cible wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  etape "Paquets npm (DSFR, référentiel des territoires, axe-core, wasm-opt)"
  command -v npm >/dev/null || apt_install nodejs npm
  # The DSFR's terms of use are accepted by the committed .dsfr.yml (see README): its install script checks it.
  info "conditions d’utilisation du DSFR : acceptées par .dsfr.yml ($(grep accept-license .dsfr.yml))"
  if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    info "node_modules à jour"
  else
    info "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  wasm-opt --version 2>/dev/null | grep -q "$WASM_OPT_VERSION" \
    || echec "wasm-opt $WASM_OPT_VERSION attendu dans node_modules/.bin (npm binaryen@132)"
  info "wasm-opt : $(wasm-opt --version)"
}

setup_browser() {
  etape "Chromium et ChromeDriver (tests dans le navigateur)"
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    info "présents : $(chromium --version 2>/dev/null | head -n 1)"
  else
    apt_install chromium chromium-driver
  fi
}

setup_faketime() {
  etape "faketime (le fournisseur OpenID de test, horloge en retard : jeton expiré)"
  if command -v faketime >/dev/null; then
    info "présent : $(command -v faketime)"
  else
    apt_install faketime
  fi
}

setup_relais_smtp() {
  etape "Relais SMTP de test (aiosmtpd et trustme de PyPI, dans target/smtp-python)"
  if target/smtp-python/bin/python -c "import aiosmtpd, trustme" 2>/dev/null; then
    info "présent"
  else
    command -v python3 >/dev/null || apt_install python3
    python3 -m venv target/smtp-python 2>/dev/null || { apt_install python3-venv; python3 -m venv target/smtp-python; }
    info "pip install aiosmtpd 1.4.6, trustme 1.2.1"
    target/smtp-python/bin/pip install -q --disable-pip-version-check aiosmtpd==1.4.6 trustme==1.2.1
  fi
}

setup_s3() {
  etape "Stockage S3 de test (moto de PyPI, dans target/s3-python)"
  if target/s3-python/bin/python -c "import moto.server" 2>/dev/null; then
    info "présent"
  else
    command -v python3 >/dev/null || apt_install python3
    python3 -m venv target/s3-python 2>/dev/null || { apt_install python3-venv; python3 -m venv target/s3-python; }
    info "pip install moto[server] 5.2.6"
    target/s3-python/bin/pip install -q --disable-pip-version-check "moto[server]==5.2.6"
  fi
}

setup_deploiement() {
  etape "Le déploiement documenté (nginx de Debian, openssl, PostgreSQL que le test redémarre)"
  local paquets=()
  [ -x /usr/sbin/nginx ] || paquets+=(nginx-light)
  command -v openssl >/dev/null || paquets+=(openssl)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || paquets+=(postgresql)
  if [ "${#paquets[@]}" -eq 0 ]; then
    info "présents : $(/usr/sbin/nginx -v 2>&1), $(openssl version | cut -d' ' -f1-2)"
    return
  fi
  # Installed for the test only: their services are not started (the test runs its own).
  local politique=/usr/sbin/policy-rc.d sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ ! -e "$politique" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$politique" >/dev/null
    $sudo chmod +x "$politique"
    apt_install "${paquets[@]}"
    $sudo rm -f "$politique"
  else
    apt_install "${paquets[@]}"
  fi
}

build_web_app() {
  etape "Construction de l’application web (cargo xtask web : WASM, wasm-bindgen, wasm-opt, dans dist/)"
  node scripts/dsfr-sous-ensemble.mjs
  cargo xtask web
  finish_web_app
}

# Compresses dist/ once for all and prints what a first load weighs, against the budgets.
finish_web_app() {
  node scripts/precompresser.mjs dist
  # What a browser receives: each file's brotli copy, as the server sends it; the light public pages' budget
  # is written in gzip (the copy a browser without brotli receives, a fifth larger), so both are printed.
  br() { local total=0 f; for f in "$@"; do total=$((total + $(wc -c <"$f.br"))); done; echo "$total"; }
  gz() { local total=0 f; for f in "$@"; do total=$((total + $(wc -c <"$f.gz"))); done; echo "$total"; }
  local wasm js css total
  wasm="$(br dist/*.wasm)"
  js="$(br dist/frontend-*.js dist/dsfr.module.min.js)"
  css="$(br dist/*.css)"
  total=$((wasm + js + css))
  # The budgets of a first load, written here and in docs/benchmarks.md: the whole app, and each light
  # public entry point (the map, the lieux' pages), with the départements' shapes their maps fetch.
  info "application entière (brotli) : WASM $((wasm / 1024)) Kio, JS $((js / 1024)) Kio, CSS $((css / 1024)) Kio, total $((total / 1024)) Kio (budget 500 Kio)"
  if [ "$total" -gt $((500 * 1024)) ]; then
    info "ATTENTION : budget de l’application entière dépassé de $(((total - 500 * 1024) / 1024)) Kio (voir docs/benchmarks.md)"
  fi
  local dossier libelle budget=$((350 * 1024)) gwasm gjs gcss gformes gtotal btotal
  for dossier in carte-seule lieux-seuls; do
    case "$dossier" in carte-seule) libelle="page carte" ;; *) libelle="pages des lieux" ;; esac
    gwasm="$(gz dist/$dossier/*.wasm)"
    gjs="$(gz dist/$dossier/*.js)"
    gcss="$(gz dist/$dossier/*.css)"
    gformes="$(gz dist/formes-departements.json)"
    gtotal=$((gwasm + gjs + gcss + gformes))
    btotal="$(br dist/$dossier/*.wasm dist/$dossier/*.js dist/$dossier/*.css dist/formes-departements.json)"
    info "$libelle (gzip) : WASM $((gwasm / 1024)) Kio, JS $((gjs / 1024)) Kio, CSS $((gcss / 1024)) Kio, formes des départements $((gformes / 1024)) Kio, total $((gtotal / 1024)) Kio (budget $((budget / 1024)) Kio) ; $((btotal / 1024)) Kio en brotli"
    if [ "$gtotal" -gt "$budget" ]; then
      info "ATTENTION : budget de la $libelle dépassé de $(((gtotal - budget) / 1024)) Kio (voir docs/benchmarks.md)"
    fi
  done
}
