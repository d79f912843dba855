#!/usr/bin/env bash
# The browser's figures of Maillage: Lighthouse (npm, the version below) in Debian's Chromium against the
# release build serving the demo data on SQLite, simulated mobile (Lighthouse's default: a mid-range phone
# on a slow 4G link, its processor four times slower) then desktop: performance score, first and largest
# contentful paint, total blocking time, cumulative layout shift, and the bytes of the page's load as sent
# (brotli). Four pages: the home page, the national map, the Finistère's map and a logged-in page (the
# Finistère préfecture's space). Printed as a Markdown table (copied into docs/benchmarks.md).
#   bash scripts/lighthouse.sh
# Environment: PAGES (space-separated paths, default below), CONNEXION (the account of the logged-in pages).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
readonly LIGHTHOUSE_VERSION="12.8.2"

setup_toolchain
setup_browser
build_web_app
etape "Serveur (cargo build --release)"
cargo build --release -q -p maillage

outils="$PWD/target/lighthouse"
if [ "$("$outils/node_modules/.bin/lighthouse" --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  etape "Lighthouse $LIGHTHOUSE_VERSION (npm, dans target/lighthouse)"
  mkdir -p "$outils"
  npm install --prefix "$outils" --no-save --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi

etape "Démarrage sur une base de démonstration neuve"
donnees="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
MAILLAGE_DATABASE__DATA_DIR="$donnees" MAILLAGE_APPLICATION__REQUETES_PAR_MINUTE=0 RUST_LOG=warn \
  ./target/release/maillage serve --demo --addr "127.0.0.1:$port" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$donnees"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.2; done
compte="${CONNEXION:-prefecture29@demo.maillage.fr}"
cookie="$(curl -s -c - -H 'Content-Type: application/json' \
  -d "{\"query\":\"mutation { connexion(email: \\\"$compte\\\", motDePasse: \\\"maillage-demo-2026\\\") { email } }\"}" \
  "$base/graphql" | awk '$6 == "maillage_session" { print "maillage_session=" $7 }')"
[ -n "$cookie" ] || echec "connexion impossible pour $compte"

rapports="target/lighthouse/rapports"
mkdir -p "$rapports"
lignes=()
for appareil in mobile desktop; do
  for page in ${PAGES:-/ /carte /carte/29 /espace}; do
    entetes="{}"
    case "$page" in /espace* | /tableau-de-bord* | /coordination*) entetes="{\"Cookie\":\"$cookie\"}" ;; esac
    preset=""
    [ "$appareil" = desktop ] && preset="--preset=desktop"
    fichier="$rapports/$appareil$(tr '/' '_' <<<"$page").json"
    info "$appareil $page"
    CHROME_PATH=/usr/bin/chromium "$outils/node_modules/.bin/lighthouse" "$base$page" $preset \
      --only-categories=performance --output=json --output-path="$fichier" --quiet \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" --extra-headers="$entetes"
    lignes+=("$(node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const a = r.audits, ms = (k) => Math.round(a[k].numericValue);
      const octets = a["network-requests"].details.items.reduce((s, i) => s + (i.transferSize || 0), 0);
      const lcp = (a["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.selector) || "-";
      console.log(`| ${process.argv[2]} | ${process.argv[3]} | ${Math.round(r.categories.performance.score * 100)} | ${ms("first-contentful-paint")} | ${ms("largest-contentful-paint")} | ${ms("total-blocking-time")} | ${a["cumulative-layout-shift"].numericValue.toFixed(3)} | ${Math.round(octets / 1024)} | \`${lcp}\` |`);
    ' "$fichier" "$appareil" "$page")")
  done
done

etape "Résultats (à reporter dans docs/benchmarks.md ; rapports complets dans $rapports)"
echo "| appareil | page | performance | FCP (ms) | LCP (ms) | TBT (ms) | CLS | Kio transférés | élément du LCP |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${lignes[@]}"
