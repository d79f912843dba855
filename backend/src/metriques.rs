//! What an instance counts for Prometheus (`/metrics`, rendered by `http::metriques`): GraphQL requests by
//! operation name and outcome, with their latency histogram; HTTP answers by status; runs of background
//! jobs by outcome. Counts are the instance's own, since Prometheus scrapes each instance and sums them;
//! nothing here matters to the service if an instance dies. The operation name comes from the caller: only
//! [`OPERATIONS_MAX`] distinct, well-formed names get their own series, the others count as `autre`, so a
//! caller cannot grow the server's memory by inventing names.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BORNES: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];
/// Operation names with series of their own.
pub const OPERATIONS_MAX: usize = 200;

#[derive(Default)]
struct Histogramme {
    /// Count per bucket (not cumulative), plus one for above the last bound.
    seaux: [u64; BORNES.len() + 1],
    somme: f64,
}

#[derive(Default)]
struct Compteurs {
    /// (operation, outcome) → count.
    graphql: BTreeMap<(String, String), u64>,
    /// operation → latencies.
    durees: BTreeMap<String, Histogramme>,
    /// HTTP status → count.
    http: BTreeMap<u16, u64>,
    /// (job, outcome) → runs.
    taches: BTreeMap<(&'static str, &'static str), u64>,
}

/// The counts of one instance.
#[derive(Default)]
pub struct Metriques(Mutex<Compteurs>);

impl Metriques {
    /// One GraphQL request: its operation name (`None` when unnamed), its outcome (`ok` or the first
    /// error's code) and how long it took.
    pub fn graphql(&self, operation: Option<&str>, issue: &str, duree: Duration) {
        let mut compteurs = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let operation = match operation {
            None => "anonyme".to_owned(),
            Some(nom)
                if !nom.is_empty()
                    && nom.len() <= 64
                    && nom.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && (compteurs.durees.contains_key(nom) || compteurs.durees.len() < OPERATIONS_MAX) =>
            {
                nom.to_owned()
            }
            Some(_) => "autre".to_owned(),
        };
        *compteurs
            .graphql
            .entry((operation.clone(), issue.to_owned()))
            .or_default() += 1;
        let histogramme = compteurs.durees.entry(operation).or_default();
        let secondes = duree.as_secs_f64();
        let seau = BORNES
            .iter()
            .position(|borne| secondes <= *borne)
            .unwrap_or(BORNES.len());
        histogramme.seaux[seau] += 1;
        histogramme.somme += secondes;
    }

    /// One HTTP answer.
    pub fn http(&self, statut: u16) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .http
            .entry(statut)
            .or_default() += 1;
    }

    /// One run of a background job (`courriels`, `rappels`, `purge`), successful or not.
    pub fn tache(&self, tache: &'static str, reussie: bool) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .taches
            .entry((tache, if reussie { "ok" } else { "erreur" }))
            .or_default() += 1;
    }

    /// The counts in Prometheus's text format.
    pub fn texte(&self) -> String {
        let compteurs = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut texte = String::new();
        let _ = writeln!(
            texte,
            "# HELP maillage_graphql_requetes_total Requêtes GraphQL par opération et issue (ok ou code d’erreur).\n\
             # TYPE maillage_graphql_requetes_total counter"
        );
        for ((operation, issue), n) in &compteurs.graphql {
            let _ = writeln!(
                texte,
                "maillage_graphql_requetes_total{{operation=\"{operation}\",issue=\"{issue}\"}} {n}"
            );
        }
        let _ = writeln!(
            texte,
            "# HELP maillage_graphql_duree_secondes Durée des requêtes GraphQL par opération.\n\
             # TYPE maillage_graphql_duree_secondes histogram"
        );
        for (operation, histogramme) in &compteurs.durees {
            let mut cumul = 0;
            for (borne, n) in BORNES.iter().zip(histogramme.seaux) {
                cumul += n;
                let _ = writeln!(
                    texte,
                    "maillage_graphql_duree_secondes_bucket{{operation=\"{operation}\",le=\"{borne}\"}} {cumul}"
                );
            }
            cumul += histogramme.seaux[BORNES.len()];
            let _ = writeln!(
                texte,
                "maillage_graphql_duree_secondes_bucket{{operation=\"{operation}\",le=\"+Inf\"}} {cumul}\n\
                 maillage_graphql_duree_secondes_sum{{operation=\"{operation}\"}} {}\n\
                 maillage_graphql_duree_secondes_count{{operation=\"{operation}\"}} {cumul}",
                histogramme.somme
            );
        }
        let _ = writeln!(
            texte,
            "# HELP maillage_http_reponses_total Réponses HTTP par statut.\n\
             # TYPE maillage_http_reponses_total counter"
        );
        for (statut, n) in &compteurs.http {
            let _ = writeln!(texte, "maillage_http_reponses_total{{statut=\"{statut}\"}} {n}");
        }
        let _ = writeln!(
            texte,
            "# HELP maillage_taches_total Exécutions des tâches de fond par issue.\n\
             # TYPE maillage_taches_total counter"
        );
        for ((tache, issue), n) in &compteurs.taches {
            let _ = writeln!(
                texte,
                "maillage_taches_total{{tache=\"{tache}\",issue=\"{issue}\"}} {n}"
            );
        }
        texte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_operation_names_cannot_grow_the_series_beyond_the_bound() {
        let metriques = Metriques::default();
        for n in 0..OPERATIONS_MAX + 50 {
            metriques.graphql(Some(&format!("Operation{n}")), "ok", Duration::from_millis(3));
        }
        metriques.graphql(Some("nom\"}avec{guillemets"), "ok", Duration::from_millis(3));
        let texte = metriques.texte();
        let series = texte
            .lines()
            .filter(|l| l.starts_with("maillage_graphql_requetes_total{"))
            .count();
        assert_eq!(series, OPERATIONS_MAX + 1, "the bound, and « autre »");
        assert!(texte.contains("maillage_graphql_requetes_total{operation=\"autre\",issue=\"ok\"} 51"));
        assert!(!texte.contains("guillemets"), "a name is never written as sent");
    }

    #[test]
    fn a_histogram_is_cumulative_with_its_sum_and_count() {
        let metriques = Metriques::default();
        metriques.graphql(Some("Regions"), "ok", Duration::from_millis(2));
        metriques.graphql(Some("Regions"), "FORBIDDEN", Duration::from_millis(30));
        let texte = metriques.texte();
        assert!(
            texte.contains("maillage_graphql_duree_secondes_bucket{operation=\"Regions\",le=\"0.0025\"} 1")
        );
        assert!(
            texte.contains("maillage_graphql_duree_secondes_bucket{operation=\"Regions\",le=\"0.05\"} 2")
        );
        assert!(
            texte.contains("maillage_graphql_duree_secondes_bucket{operation=\"Regions\",le=\"+Inf\"} 2")
        );
        assert!(texte.contains("maillage_graphql_duree_secondes_count{operation=\"Regions\"} 2"));
        assert!(
            texte.contains("maillage_graphql_requetes_total{operation=\"Regions\",issue=\"FORBIDDEN\"} 1")
        );
    }
}
