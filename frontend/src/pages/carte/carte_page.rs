//! `/carte`: the 101 départements of the programme on a map coloured by a figure chosen in a list, the
//! figures of the département under the pointer or the focus beside it, and all of them in a sortable
//! table with its downloads. Public, like the open data it shows.

use leptos::prelude::*;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::format::{nombre, pluriel};
use maillage_shared::premier_rendu::CARTE;

use crate::api::carte::{formes, indicateurs_departements};
use crate::api::tableau_de_bord::{Indicateurs, LigneDepartement};
use crate::components::carte_france::{CarteFrance, LegendeCarte, Zone};
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::tableau_triable::{TableauTriable, Tri};
use crate::components::telechargements::Telechargements;
use crate::format::decimal;

/// A figure the map can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mesure {
    Coordinateurs,
    Candidatures,
    Validees,
    Conseillers,
    Lieux,
    Couverture,
}

impl Mesure {
    /// In the order of the list and of the table's columns.
    const ALL: [Mesure; 6] = [
        Self::Coordinateurs,
        Self::Candidatures,
        Self::Validees,
        Self::Conseillers,
        Self::Lieux,
        Self::Couverture,
    ];

    fn libelle(self) -> &'static str {
        match self {
            Self::Coordinateurs => "Coordinateurs en poste",
            Self::Candidatures => "Candidatures déposées",
            Self::Validees => "Candidatures validées",
            Self::Conseillers => "Conseillers numériques pour 10 000 habitants",
            Self::Lieux => "Lieux de médiation numérique pour 10 000 habitants",
            Self::Couverture => "Part de la population couverte par un coordinateur",
        }
    }

    /// Whether it counts something (whole numbers), rather than a ratio.
    fn entiere(self) -> bool {
        matches!(self, Self::Coordinateurs | Self::Candidatures | Self::Validees)
    }

    /// The figure of a département, a share in percent.
    fn valeur(self, indicateurs: &Indicateurs) -> f64 {
        match self {
            Self::Coordinateurs => indicateurs.coordinateurs as f64,
            Self::Candidatures => indicateurs.candidatures as f64,
            Self::Validees => f64::from(indicateurs.candidatures_au_statut(StatutCandidature::Validee)),
            Self::Conseillers => indicateurs.conseillers_pour_dix_mille,
            Self::Lieux => indicateurs.lieux_pour_dix_mille,
            Self::Couverture => indicateurs.part_population_couverte * 100.0,
        }
    }

    /// "3", "2,4", "45,3 %": the figure as a table cell shows it.
    fn chiffre(self, valeur: f64, decimales: usize) -> String {
        match self {
            _ if self.entiere() => nombre(valeur as i64),
            Self::Couverture => format!("{}\u{a0}%", decimal(valeur, decimales)),
            _ => decimal(valeur, decimales),
        }
    }

    /// The figure as the table and the details show it: ratios per 10 000 inhabitants are often below
    /// one, so with two decimals.
    fn texte(self, valeur: f64) -> String {
        self.chiffre(valeur, if self == Self::Couverture { 1 } else { 2 })
    }

    /// "3 coordinateurs en poste": the figure in a sentence.
    fn phrase(self, valeur: f64) -> String {
        let n = valeur as i64;
        match self {
            Self::Coordinateurs => pluriel(n, "coordinateur en poste", "coordinateurs en poste"),
            Self::Candidatures => pluriel(n, "candidature déposée", "candidatures déposées"),
            Self::Validees => pluriel(n, "candidature validée", "candidatures validées"),
            Self::Conseillers | Self::Lieux => {
                format!("{} {}", self.texte(valeur), self.libelle().to_lowercase())
            }
            Self::Couverture => format!(
                "{} de la population couverte par un coordinateur",
                self.texte(valeur)
            ),
        }
    }
}

/// The five classes of the map: 0 alone (the lightest), then four equal intervals from 0 to the largest
/// figure, their width rounded up to a whole number for counts and to two significant digits otherwise,
/// so that the bounds read simply.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Classes {
    mesure: Mesure,
    pas: f64,
    maximum: f64,
}

impl Classes {
    fn de(mesure: Mesure, lignes: &[LigneDepartement]) -> Self {
        let maximum = lignes
            .iter()
            .map(|ligne| mesure.valeur(&ligne.indicateurs))
            .fold(0.0, f64::max);
        let quart = maximum / 4.0;
        let pas = if mesure.entiere() {
            quart.ceil().max(1.0)
        } else if quart > 0.0 {
            let unite = 10f64.powi(quart.log10().floor() as i32 - 1);
            (quart / unite).ceil() * unite
        } else {
            1.0
        };
        Self { mesure, pas, maximum }
    }

    /// The class of a figure, 0 to 4.
    fn classe(&self, valeur: f64) -> usize {
        if valeur <= 0.0 {
            0
        } else {
            ((valeur / self.pas).ceil() as usize).clamp(1, 4)
        }
    }

    /// Digits after the comma of the bounds: two significant digits.
    fn decimales(&self) -> usize {
        if self.mesure.entiere() {
            0
        } else {
            (1 - self.pas.log10().floor() as i32).max(0) as usize
        }
    }

    /// The label of each class up to the largest figure's: "0", "1 à 3", "plus de 2,5 à 5,0"…
    fn libelles(&self) -> Vec<String> {
        let borne = |rang: usize| self.mesure.chiffre(rang as f64 * self.pas, self.decimales());
        (0..=self.classe(self.maximum))
            .map(|rang| match rang {
                0 => borne(0),
                _ if self.mesure.entiere() => {
                    let (bas, haut) = ((rang - 1) as f64 * self.pas + 1.0, rang as f64 * self.pas);
                    if bas == haut {
                        borne(rang)
                    } else {
                        format!("{} à {}", nombre(bas as i64), borne(rang))
                    }
                }
                _ => format!("plus de {} à {}", borne(rang - 1), borne(rang)),
            })
            .collect()
    }
}

/// The map page.
#[component]
pub fn CartePage() -> impl IntoView {
    titre(CARTE.titre);
    let lignes = LocalResource::new(indicateurs_departements);
    // The title and lead at once, as the server's first paint shows them (`maillage_shared::premier_rendu`);
    // the map under them once the figures are there.
    view! {
        <FilAriane parents=vec![] actuel=CARTE.titre/>
        <h1>{CARTE.titre}</h1>
        <p class="fr-text--lead">{CARTE.texte}</p>
        {afficher(lignes, |lignes| view! { <Carte lignes/> })}
    }
}

/// The page once the figures are loaded.
#[component]
fn Carte(lignes: Vec<LigneDepartement>) -> impl IntoView {
    let lignes = StoredValue::new(lignes);
    let mesure = RwSignal::new(Mesure::Coordinateurs);
    let actif = RwSignal::new(None::<String>);
    let classes = Memo::new(move |_| lignes.with_value(|lignes| Classes::de(mesure.get(), lignes)));
    let zones = Memo::new(move |_| {
        let classes = classes.get();
        lignes.with_value(|lignes| {
            lignes
                .iter()
                .map(|ligne| {
                    let valeur = classes.mesure.valeur(&ligne.indicateurs);
                    Zone {
                        code: ligne.departement.code.clone(),
                        nom: ligne.departement.nom.clone(),
                        classe: Some(classes.classe(valeur)),
                        libelle: format!("{} : {}", ligne.departement.nom, classes.mesure.phrase(valeur)),
                    }
                })
                .collect()
        })
    });
    let formes = LocalResource::new(formes);
    let carte = afficher(formes, move |formes| {
        let source = formes.source().to_owned();
        // A shape the figures do not name is hatched, and the legend says so.
        let sans_donnee = formes
            .cadres()
            .iter()
            .flat_map(|cadre| cadre.departements())
            .any(|forme| {
                lignes.with_value(|lignes| lignes.iter().all(|l| l.departement.code != forme.code().as_str()))
            });
        view! {
            <CarteFrance formes zones actif
                titre=Signal::derive(move || format!("Carte des départements : {}", mesure.get().libelle()))/>
            <LegendeCarte titre=Signal::derive(move || mesure.get().libelle().to_owned())
                classes=Signal::derive(move || classes.get().libelles()) sans_donnee/>
            <p class="fr-text--xs fr-mt-1w">
                "Classes : 0, puis quatre intervalles égaux jusqu’au plus grand chiffre. Contours : " {source} "."
            </p>
        }
    });
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for="carte-indicateur">"Indicateur représenté"</label>
            <select class="fr-select" id="carte-indicateur"
                on:change=move |ev| {
                    let rang = event_target_value(&ev).parse::<usize>().unwrap_or_default();
                    mesure.set(Mesure::ALL.get(rang).copied().unwrap_or(Mesure::Coordinateurs));
                }>
                {Mesure::ALL
                    .iter()
                    .enumerate()
                    .map(|(rang, choix)| {
                        view! {
                            <option value=rang.to_string() prop:selected=move || mesure.get() == *choix>
                                {choix.libelle()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
            <div class="fr-col-12 fr-col-lg-8">{carte}</div>
            <div class="fr-col-12 fr-col-lg-4">
                <div class="maillage-carte__details" aria-live="polite">
                    {move || match actif.get().and_then(|code| {
                        lignes.with_value(|lignes| lignes.iter().find(|l| l.departement.code == code).cloned())
                    }) {
                        Some(ligne) => view! { <Details ligne/> }.into_any(),
                        None => view! {
                            <p class="fr-text--sm">
                                "Survolez un département, ou parcourez la carte avec la touche Tab, pour voir ses "
                                "chiffres ici ; les mêmes chiffres sont dans le tableau sous la carte."
                            </p>
                        }
                        .into_any(),
                    }}
                </div>
            </div>
        </div>
        <TableDepartements lignes/>
    }
}

/// The figures of the active département.
#[component]
fn Details(ligne: LigneDepartement) -> impl IntoView {
    let LigneDepartement {
        departement,
        indicateurs,
    } = ligne;
    view! {
        <h2 class="fr-h5">{format!("{} ({})", departement.nom, departement.code)}</h2>
        <dl>
            <dt>"Population"</dt>
            <dd>{nombre(indicateurs.population)}</dd>
            {Mesure::ALL
                .into_iter()
                .map(|mesure| {
                    view! {
                        <dt>{mesure.libelle()}</dt>
                        <dd>{mesure.texte(mesure.valeur(&indicateurs))}</dd>
                    }
                })
                .collect_view()}
        </dl>
        <a class="fr-link" href=format!("/carte/{}", departement.code)>
            {format!("Carte détaillée : {}", departement.nom)}
        </a>
    }
}

/// Every département's figures, sortable by any column, and their downloads.
#[component]
fn TableDepartements(lignes: StoredValue<Vec<LigneDepartement>>) -> impl IntoView {
    let tri = RwSignal::new(Tri {
        colonne: 0,
        croissant: true,
    });
    let colonnes = std::iter::once(("Département", false))
        .chain(Mesure::ALL.iter().map(|mesure| (mesure.libelle(), true)))
        .collect();
    let rangees = move || {
        let Tri { colonne, croissant } = tri.get();
        lignes.with_value(|lignes| {
            // The server gives them in code order: the first column keeps it.
            let mut ordre: Vec<&LigneDepartement> = lignes.iter().collect();
            if let Some(mesure) = colonne.checked_sub(1).and_then(|rang| Mesure::ALL.get(rang)) {
                // An insertion sort: stable, quick enough for 101 rows, and far smaller in the WASM than
                // the standard library's sorts.
                let valeur = |ligne: &LigneDepartement| mesure.valeur(&ligne.indicateurs);
                for rang in 1..ordre.len() {
                    let mut position = rang;
                    while position > 0 && valeur(ordre[position - 1]) > valeur(ordre[position]) {
                        ordre.swap(position - 1, position);
                        position -= 1;
                    }
                }
            }
            if !croissant {
                ordre.reverse();
            }
            ordre
                .into_iter()
                .map(|ligne| {
                    let code = &ligne.departement.code;
                    view! {
                        <tr>
                            <th scope="row">
                                <a href=format!("/carte/{code}")>
                                    {format!("{code} — {}", ligne.departement.nom)}
                                </a>
                            </th>
                            {Mesure::ALL
                                .into_iter()
                                .map(|mesure| {
                                    view! {
                                        <td class="maillage-chiffres">
                                            {mesure.texte(mesure.valeur(&ligne.indicateurs))}
                                        </td>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="titre-tableau-carte">
            <h2 id="titre-tableau-carte" class="fr-h4">"Les chiffres de chaque département"</h2>
            <TableauTriable legende="Indicateurs des 101 départements du programme" colonnes tri>
                {rangees}
            </TableauTriable>
            <Telechargements table="indicateurs-departements"/>
        </section>
    }
}
