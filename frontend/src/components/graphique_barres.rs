//! A bar chart drawn in SVG, each bar under its label, with the same figures in a table right under it
//! (beside it, long labels would make the table scroll): the chart helps to compare at a glance, the
//! table is how every reader (and a screen reader) gets the numbers.

use leptos::prelude::*;

use super::tableau::Tableau;

/// Width of the drawing, in SVG units (it scales to its column).
const LARGEUR: f64 = 600.0;
/// Height given to one bar and its label.
const HAUTEUR_LIGNE: f64 = 40.0;
/// Room kept right of the longest bar for its value.
const MARGE_VALEUR: f64 = 60.0;

/// A captioned bar chart of (label, value) pairs, and its table.
#[component]
pub fn GraphiqueBarres(
    /// Unique in the page: prefix of the ids of the chart's title and description.
    #[prop(into)]
    id: String,
    /// What the chart shows; the title of the drawing and the caption of the table.
    #[prop(into)]
    titre: String,
    /// Header of the labels' column, e.g. "Mois".
    libelle_colonne: &'static str,
    /// Header of the values' column, e.g. "Accompagnements".
    libelle_valeur: &'static str,
    donnees: Vec<(String, i32)>,
) -> impl IntoView {
    let id_titre = format!("{id}-titre");
    let id_description = format!("{id}-description");
    let etiquettes = format!("{id_titre} {id_description}");
    let maximum = donnees
        .iter()
        .map(|(_, valeur)| *valeur)
        .max()
        .unwrap_or(0)
        .max(1);
    let hauteur = HAUTEUR_LIGNE * donnees.len().max(1) as f64;
    let description = resume(&donnees, libelle_valeur);
    let barres = donnees
        .iter()
        .enumerate()
        .map(|(rang, (libelle, valeur))| {
            let haut = rang as f64 * HAUTEUR_LIGNE;
            let longueur = (LARGEUR - MARGE_VALEUR) * f64::from(*valeur) / f64::from(maximum);
            view! {
                <text x="0" y=haut + 14.0 class="maillage-graphique__libelle">{libelle.clone()}</text>
                <rect x="0" y=haut + 20.0 width=longueur height="14" class="maillage-graphique__barre"/>
                <text x=longueur + 6.0 y=haut + 32.0 class="maillage-graphique__valeur">{*valeur}</text>
            }
        })
        .collect_view();
    let lignes = donnees
        .into_iter()
        .map(|(libelle, valeur)| {
            view! {
                <tr>
                    <td>{libelle}</td>
                    <td class="maillage-chiffres">{valeur}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
            <div class="fr-col-12 fr-col-lg-8">
                <svg
                    class="maillage-graphique"
                    role="img"
                    aria-labelledby=etiquettes
                    viewBox=format!("0 0 {LARGEUR} {hauteur}")
                    width="100%"
                >
                    <title id=id_titre>{titre.clone()}</title>
                    <desc id=id_description>{description}</desc>
                    {barres}
                </svg>
            </div>
            <div class="fr-col-12 fr-col-lg-8">
                <Tableau legende=titre colonnes=vec![(libelle_colonne, false), (libelle_valeur, true)]>
                    {lignes}
                </Tableau>
            </div>
        </div>
    }
}

/// "Total : 12 accompagnements. Le plus : mars (5)." — what a reader takes from the chart.
fn resume(donnees: &[(String, i32)], libelle_valeur: &str) -> String {
    let total: i32 = donnees.iter().map(|(_, valeur)| valeur).sum();
    let libelle = libelle_valeur.to_lowercase();
    match donnees
        .iter()
        .filter(|(_, valeur)| *valeur > 0)
        .max_by_key(|(_, valeur)| *valeur)
    {
        Some((plus, valeur)) => format!("Total : {total} ({libelle}). Le plus : {plus} ({valeur})."),
        None => format!("Total : 0 ({libelle})."),
    }
}
