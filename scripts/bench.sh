#!/usr/bin/env bash
# Load benchmarks of Maillage on the national demo dataset, on SQLite and/or PostgreSQL: a fixed mix of real
# operations sent by wrk (Debian package) over loopback at 32 connections, throughput and latency
# percentiles printed as a Markdown table (copied into docs/benchmarks.md), each beside its floor: the same
# server sending the same bytes as a static file, without GraphQL nor database, and the ratio of the two.
#   bash scripts/bench.sh [sqlite|postgres|tous]   (default: tous)
# Environment: DUREE (seconds per operation, default 15), CONNEXIONS (default 32), BENCH_DIR (where the
# datasets are kept between runs, default /tmp/maillage-bench), BENCH_DATABASE_URL (PostgreSQL server,
# default the local one on 127.0.0.1:5432), OPERATIONS (a regular expression: only the operations whose
# name matches, e.g. OPERATIONS=statistiques).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

moteurs="${1:-tous}"
duree="${DUREE:-15}"
connexions="${CONNEXIONS:-32}"
dossier="${BENCH_DIR:-/tmp/maillage-bench}"
pg_serveur="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432}"
mkdir -p "$dossier"

etape "Outils : wrk, binaire maillage (release)"
command -v wrk >/dev/null || apt_install wrk
cargo build --release -q -p maillage
bin="$PWD/target/release/maillage"

# One GraphQL operation per line: name|role to log in as (or -)|query.
operations=(
  "indicateurs nationaux|-|{ indicateursDepartements { departement { code nom } population coordinateurs conseillers lieux candidatures candidaturesParStatut { statut nombre } partPopulationCouverte conseillersPourDixMille lieuxPourDixMille } }"
  "vue département (29)|-|{ departement(code: \\\"29\\\") { nom } indicateursEpci(departement: \\\"29\\\") { epci { code nom } population lieux conseillers nombreCandidatures nombreCoordinateurs couvert chevauchement } pointsLieux(departement: \\\"29\\\") { id nom latitude longitude epciCode } coordinateursCarte(departement: \\\"29\\\") { prenom nom structure epcis } }"
  "100 candidatures (ANCT)|anct@demo.maillage.fr|{ candidatures(premiers: 100) { total elements { id statut cas deposeLe structure { nom siret } departement { code nom } avis { favorable le } } } }"
  "tableau de bord national (ANCT)|anct@demo.maillage.fr|{ tableauDeBord { libelle total { population coordinateurs conseillers lieux candidatures partPopulationCouverte } parDepartement { departement { code nom } coordinateurs conseillers candidatures } candidaturesParCas { cas nombre } avisAttendus decisionsEnRetard recrutementsEnRetard budgetEngage } }"
  "équipe et activité (coordinateur)|coordinateur1@national.demo.maillage.fr|{ monEquipe { prenom nom communeCode derniereActivite } activiteEquipe { parMois { cle accompagnements } parTheme { cle accompagnements } parConseiller { cle accompagnements } tauxCompletionMois } }"
  "agrégats annuels (coordinateur)|coordinateur1@national.demo.maillage.fr|{ activiteEquipe { parMois { cle accompagnements participants minutes } parTheme { cle accompagnements } parConseiller { cle accompagnements } parCommune { cle accompagnements } tauxCompletionMois } }"
  "équipes des coordinateurs, France (ANCT)|anct@demo.maillage.fr|{ tableauDeBord { activiteParEquipe { chiffres { cle libelle accompagnements participants minutes } suivi { sousContrat actifsCeMois tauxCompletion } } } }"
  "équipes des coordinateurs, Finistère (préfecture 29)|prefecture29@demo.maillage.fr|{ tableauDeBord { activiteParEquipe { chiffres { cle libelle accompagnements participants minutes } suivi { sousContrat actifsCeMois tauxCompletion } } } }"
  "recherche de lieux près de 29200 (20 plus proches)|-|{ rechercherDesLieux(pres: \\\"29200\\\") { repere { libelle latitude longitude } lieux { distanceKm lieu { id nom adresse commune codePostal departementCode latitude longitude services horaires ouvertMaintenant } } } }"
  "recherche de lieux ouverts maintenant près d’une position (Paris)|-|{ rechercherDesLieux(latitude: 48.8566, longitude: 2.3522, filtres: { ouvertMaintenant: true }) { repere { libelle } lieux { distanceKm lieu { id nom adresse commune codePostal latitude longitude services horaires ouvertMaintenant } } } }"
  "recherche sans réponse près de Tulle (prise en charge absente du jeu, ouverts maintenant : les 10 000 lieux parcourus)|-|{ rechercherDesLieux(pres: \\\"19000\\\", filtres: { prisesEnCharge: [\\\"Surdité\\\"], ouvertMaintenant: true }) { repere { libelle } lieux { distanceKm lieu { id nom } } } }"
  "page d’un lieu|-|{ lieu(id: \\\"demo-national-00042\\\") { conseillersPresents lieu { id nom adresse commune codePostal horaires ouvertMaintenant manquants services semaine { jours { jour horaires } particularites } } } }"
  "requête publique (régions)|-|{ regions { code nom population } }"
  "statistiques d’activité nationales (ANCT)|anct@demo.maillage.fr|{ tableauDeBord { activite { total { accompagnements participants minutes } parMois { cle accompagnements participants } parDepartement { cle accompagnements participants moinsDeCinq } parTheme { cle accompagnements } parType { cle accompagnements } parCanal { cle accompagnements } parDuree { cle accompagnements } parStructure { cle libelle accompagnements } parEpci { cle libelle accompagnements } } } }"
  "statistiques d’activité d’un département (préfecture 29)|prefecture29@demo.maillage.fr|{ tableauDeBord { activite { total { accompagnements participants minutes } parMois { cle accompagnements participants } parDepartement { cle accompagnements participants moinsDeCinq } parTheme { cle accompagnements } parType { cle accompagnements } parCanal { cle accompagnements } parDuree { cle accompagnements } parStructure { cle libelle accompagnements } parEpci { cle libelle accompagnements } } suiviDesComptesRendus(par: STRUCTURE) { cle libelle sousContrat actifsCeMois } } }"
  "données ouvertes d’activité (France, 12 mois)|-|{ activiteOuverte { departementCode mois chiffres { accompagnements participants minutes moinsDeCinq } } }"
)

resultats=()

mesurer() { # name url lua-body-file; sets rps p50 p95 p99 erreurs
  local nom="$1" url="$2" script="$3"
  local ligne total
  ligne="$(wrk -t2 -c"$connexions" -d"${duree}s" -s "$script" "$url" | grep '^RESULT|' | tail -n1)"
  IFS='|' read -r _ rps p50 p95 p99 erreurs total <<<"$ligne"
  info "$nom : $rps req/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms ($total requêtes, $erreurs erreurs)"
}

script_wrk() { # file method body cookie
  local corps_lua="${3//\\/\\\\}"
  cat >"$1" <<EOF
wrk.method = "$2"
wrk.body = '$corps_lua'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$4"
done = function(summary, latency, requests)
  local erreurs = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT|%.0f|%.2f|%.2f|%.2f|%d|%d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, erreurs, summary.requests))
end
EOF
}

banc() { # engine database-url
  moteur="$1"
  local url="$2" port statique pid
  etape "Jeu national sur $moteur"
  if [ ! -f "$dossier/$moteur.pret" ]; then
    DATABASE_URL="$url" "$bin" demo --scale national
    touch "$dossier/$moteur.pret"
  else
    info "déjà chargé ($dossier/$moteur.pret)"
  fi
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  statique="$(mktemp -d)"
  echo '<!doctype html><title>Maillage</title>' >"$statique/index.html"
  DATABASE_URL="$url" MAILLAGE_APPLICATION__STATIC_DIR="$statique" MAILLAGE_APPLICATION__REQUETES_PAR_MINUTE=0 \
    MAILLAGE_DATABASE__MAX_CONNECTIONS=16 RUST_LOG=warn "$bin" serve --addr "127.0.0.1:$port" &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  local base="http://127.0.0.1:$port"
  etape "Mesures sur $moteur ($connexions connexions, ${duree} s par opération)"
  for operation in "${operations[@]}"; do
    IFS='|' read -r nom compte requete <<<"$operation"
    [[ "$nom" =~ ${OPERATIONS:-.} ]] || continue
    local cookie=""
    if [ "$compte" != "-" ]; then
      cookie="$(curl -s -c - -H 'Content-Type: application/json' \
        -d "{\"query\":\"mutation { connexion(email: \\\"$compte\\\", motDePasse: \\\"maillage-demo-2026\\\") { email } }\"}" \
        "$base/graphql" | awk '$6 == "maillage_session" { print "maillage_session=" $7 }')"
      [ -n "$cookie" ] || echec "connexion impossible pour $compte"
    fi
    local corps="{\"query\":\"$requete\"}"
    # The answer must be data, not errors: a benchmark of refusals would measure nothing.
    local reponse
    reponse="$(curl -s -H 'Content-Type: application/json' -H "Cookie: $cookie" -d "$corps" "$base/graphql")"
    if grep -q '"errors"' <<<"$reponse"; then echec "$nom : $reponse"; fi
    info "$nom : réponse de $(printf '%s' "$reponse" | wc -c) octets"
    script_wrk "$dossier/op.lua" POST "$corps" "$cookie"
    mesurer "$nom" "$base/graphql" "$dossier/op.lua"
    local op_rps="$rps" op_p95="$p95" op_erreurs="$erreurs"
    # Its floor: the same bytes as a static file, served by the same server.
    printf '%s' "$reponse" >"$statique/plancher.json"
    script_wrk "$dossier/plancher.lua" GET "" ""
    mesurer "plancher de « $nom »" "$base/plancher.json" "$dossier/plancher.lua"
    local ratio octets
    octets="$(printf '%s' "$reponse" | wc -c)"
    ratio="$(awk -v a="$op_rps" -v b="$rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    resultats+=("| $moteur | $nom | $octets | $op_rps | $op_p95 | $rps | $p95 | $ratio | $op_erreurs |")
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$statique"
}

case "$moteurs" in
  sqlite|tous) banc SQLite "sqlite://$dossier/maillage.sqlite?mode=rwc" ;;&
  postgres|tous)
    psql "$pg_serveur/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'maillage_bench'" | grep -q 1 \
      || { psql "$pg_serveur/postgres" -qc "CREATE DATABASE maillage_bench"; rm -f "$dossier/PostgreSQL.pret"; }
    banc PostgreSQL "$pg_serveur/maillage_bench" ;;
  sqlite) ;;
  *) echec "usage : bash scripts/bench.sh [sqlite|postgres|tous]" ;;
esac

etape "Résultats (à reporter dans docs/benchmarks.md)"
echo "| Moteur | Opération | octets | req/s | p95 (ms) | plancher req/s | plancher p95 (ms) | ratio | erreurs |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${resultats[@]}"
