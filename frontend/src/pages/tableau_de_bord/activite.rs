//! The dashboard's activity section: the accompaniments recorded by the territory's conseillers over a
//! period the agent chooses (twelve months by default), in key figures, charts and their tables. Figures
//! about fewer than five people come from the server as withheld and read "< 5".

use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::format::nombre;

use crate::api::activite::relancer_sans_compte_rendu;
use crate::api::tableau_de_bord::{
    ARelancer, Activite, ActiviteDEquipe, ActiviteEtSuivi, ChiffresActivite, FiltresActivite, GroupeSuivi,
    StructureSansCompteRendu, SuiviComptesRendus, activite_du_territoire, sans_compte_rendu,
};
use crate::components::chargement::afficher;
use crate::components::confirmation::Confirmation;
use crate::components::formulaire::Liste;
use crate::components::formulaire::{AlerteErreur, AlerteSucces};
use crate::components::graphique_barres::GraphiqueBarres;
use crate::components::indicateur::Indicateur;
use crate::components::tableau::Tableau;

/// Grid columns of a key figure: three a row on a wide screen.
const TUILE: &str = "fr-col-12 fr-col-sm-4";

/// How a withheld figure reads.
const MOINS_DE_CINQ: &str = "< 5";

/// A figure, or "< 5" when withheld.
fn chiffre(valeur: Option<i64>) -> String {
    valeur.map_or_else(|| MOINS_DE_CINQ.to_owned(), nombre)
}

/// Minutes as hours to the tenth ("1,5").
fn heures(minutes: Option<i64>) -> String {
    minutes.map_or_else(
        || MOINS_DE_CINQ.to_owned(),
        |m| match (m * 10 / 60) % 10 {
            0 => nombre(m / 60),
            dixiemes => format!("{},{dixiemes}", nombre(m / 60)),
        },
    )
}

/// The accompaniments of the territory chosen on the dashboard (`region`, `departement`: empty for the
/// agent's own); for a préfecture, the conseillers to relaunch.
#[component]
pub fn ActiviteDuTerritoire(
    region: Signal<String>,
    departement: Signal<String>,
    /// The agent is a préfecture's: it sees who recorded nothing this month and relaunches them.
    prefecture: bool,
) -> impl IntoView {
    let de = RwSignal::new(String::new());
    let a = RwSignal::new(String::new());
    let structure = RwSignal::new(String::new());
    let equipe = RwSignal::new(String::new());
    let par = RwSignal::new("DEPARTEMENT".to_owned());
    // What is asked: changed by the form's button, not at each keystroke.
    let demande = RwSignal::new(Demande::default());
    // The coordinators' teams of the territory.
    let equipes = RwSignal::new(Vec::<(String, String)>::new());
    // The employers to filter on: those of the territory's figures without a filter, kept while one is set.
    let employeurs = RwSignal::new(Vec::<(String, String)>::new());
    let filtres = move || {
        let Demande {
            de,
            a,
            structure,
            equipe,
            par,
        } = demande.get();
        FiltresActivite {
            region: Some(region.get()).filter(|code| !code.is_empty()),
            departement: Some(departement.get()).filter(|code| !code.is_empty()),
            de,
            a,
            structure,
            equipe,
            par: Some(match par.as_str() {
                "STRUCTURE" => GroupeSuivi::STRUCTURE,
                "EPCI" => GroupeSuivi::EPCI,
                _ => GroupeSuivi::DEPARTEMENT,
            }),
        }
    };
    let donnees = LocalResource::new(move || {
        let filtres = filtres();
        async move {
            let filtre = filtres.structure.is_some() || filtres.equipe.is_some();
            let lu = activite_du_territoire(filtres).await;
            if let Ok(lu) = &lu {
                equipes.set(
                    lu.equipes
                        .iter()
                        .map(|e| (e.id.clone(), e.libelle.clone()))
                        .collect(),
                );
            }
            if let (Ok(lu), false) = (&lu, filtre) {
                employeurs.set(
                    lu.activite
                        .par_structure
                        .iter()
                        .map(|s| (s.cle.clone(), s.libelle.clone()))
                        .collect(),
                );
            }
            lu
        }
    });
    let afficher_periode = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lire = |valeur: String| Some(valeur).filter(|v| !v.is_empty());
        demande.set(Demande {
            de: lire(de.get_untracked()),
            a: lire(a.get_untracked()),
            structure: lire(structure.get_untracked()),
            equipe: lire(equipe.get_untracked()),
            par: par.get_untracked(),
        });
    };
    let regroupements = vec![
        ("DEPARTEMENT".to_owned(), "Par département".to_owned()),
        ("STRUCTURE".to_owned(), "Par structure employeuse".to_owned()),
        ("EPCI".to_owned(), "Par intercommunalité (EPCI)".to_owned()),
    ];
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-activite">
            <h3 id="titre-activite" class="fr-h4">"Activité des conseillers numériques"</h3>
            <form class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w" on:submit=afficher_periode>
                <ChampMois id="activite-de" libelle="Du mois" aide="Par défaut, les douze derniers mois" valeur=de/>
                <ChampMois id="activite-a" libelle="Au mois" aide="Inclus, au plus 36 mois après le premier" valeur=a/>
                <Filtre id="activite-structure" libelle="Structure employeuse" choix=employeurs valeur=structure/>
                <Filtre id="activite-equipe" libelle="Équipe d’un coordinateur" choix=equipes valeur=equipe/>
                <div class="fr-col-12 fr-col-sm-4">
                    <Liste id="activite-suivi-par" libelle="Comptes rendus du mois" options=regroupements valeur=par/>
                </div>
                <div class="fr-col-12 fr-col-sm-4">
                    <button type="submit" class="fr-btn fr-mb-3v">"Afficher"</button>
                </div>
            </form>
            {afficher(donnees, move |donnees: ActiviteEtSuivi| {
                let fichiers = filtres();
                let colonne = match fichiers.par {
                    Some(GroupeSuivi::STRUCTURE) => "Structure employeuse",
                    Some(GroupeSuivi::EPCI) => "Intercommunalité (EPCI)",
                    _ => "Territoire",
                };
                let sans_filtre = fichiers.structure.is_none() && fichiers.equipe.is_none();
                let par_equipe = (sans_filtre && !donnees.activite_par_equipe.is_empty()).then(|| {
                    let periode = format!("de {} à {}", donnees.activite.de, donnees.activite.a);
                    view! { <TableauEquipes periode lignes=donnees.activite_par_equipe/> }
                });
                view! {
                    <Suivi lignes=donnees.suivi_des_comptes_rendus colonne/>
                    <Statistiques activite=donnees.activite/>
                    {par_equipe}
                    <Telechargements csv=fichiers.telechargement("csv") xlsx=fichiers.telechargement("xlsx")/>
                }
            })}
            {prefecture.then(|| view! { <ARelancer/> })}
        </section>
    }
}

/// A filter of the activity section: « Toutes », or one of `choix` (id, name).
#[component]
fn Filtre(
    id: &'static str,
    libelle: &'static str,
    choix: RwSignal<Vec<(String, String)>>,
    valeur: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="fr-col-12 fr-col-sm-4">
            {move || {
                let options: Vec<(String, String)> = std::iter::once((String::new(), "Toutes".to_owned()))
                    .chain(choix.get())
                    .collect();
                view! { <Liste id libelle options valeur/> }
            }}
        </div>
    }
}

/// What the activity section asks, once the form is sent.
#[derive(Debug, Clone, PartialEq)]
struct Demande {
    de: Option<String>,
    a: Option<String>,
    structure: Option<String>,
    equipe: Option<String>,
    /// `GroupeSuivi`'s name.
    par: String,
}

impl Default for Demande {
    fn default() -> Self {
        Self {
            de: None,
            a: None,
            structure: None,
            equipe: None,
            par: "DEPARTEMENT".to_owned(),
        }
    }
}

/// The préfecture's list of the employers of its département whose conseillers include some with nothing
/// recorded this month, each with its button, one for the whole département, and the history of relaunches.
/// Each relaunch is confirmed first: every conseiller concerned gets a notification and an email.
#[component]
fn ARelancer() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let liste = LocalResource::new(move || {
        version.track();
        sans_compte_rendu()
    });
    // The target to confirm: `Some(None)` the whole département, `Some(Some((id, name)))` one structure.
    let a_confirmer = RwSignal::new(None::<Option<(String, String)>>);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let confirmer = move |()| {
        let Some(cible) = a_confirmer.get_untracked() else {
            return;
        };
        a_confirmer.set(None);
        erreur.set(None);
        succes.set(None);
        spawn_local(async move {
            match relancer_sans_compte_rendu(cible.map(|(id, _)| id)).await {
                Ok(nombre) => {
                    succes.set(Some(if nombre > 1 {
                        format!("{nombre} conseillers relancés, dans Maillage et par courriel.")
                    } else {
                        format!("{nombre} conseiller relancé, dans Maillage et par courriel.")
                    }));
                    version.update(|v| *v += 1);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-a-relancer">
            <h4 id="titre-a-relancer" class="fr-h5">"Structures avec des conseillers sans compte rendu ce mois"</h4>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            {move || a_confirmer.get().map(|cible| {
                let titre = match &cible {
                    Some((_, nom)) => format!("Relancer les conseillers de « {nom} » sans compte rendu ce mois ?"),
                    None => "Relancer tous les conseillers du département sans compte rendu ce mois ?".to_owned(),
                };
                view! {
                    <Confirmation id="titre-relance" titre
                        explication="Chacun reçoit une notification dans Maillage et un courriel. Vous pouvez relancer une même cible deux fois par jour."
                        oui="Oui, relancer" confirmer=Callback::new(confirmer)
                        annuler=Callback::new(move |()| a_confirmer.set(None))/>
                }
            })}
            {afficher(liste, move |donnees: ARelancer| {
                let relances = donnees.relances;
                let structures = donnees.structures_sans_compte_rendu;
                let liste = if structures.is_empty() {
                    view! {
                        <p>"Tous les conseillers sous contrat du département ont saisi des accompagnements ce mois-ci."</p>
                    }
                    .into_any()
                } else {
                    let nombre: usize = structures.iter().map(|s| s.conseillers.len()).sum();
                    view! {
                        <Tableau legende=format!("{} structure(s), {nombre} conseiller(s) sans compte rendu ce mois", structures.len())
                            colonnes=vec![("Structure employeuse", false), ("Conseillers sans compte rendu", false),
                                ("Sous contrat", true), ("Relance", false)]>
                            {structures.into_iter().map(|s| view! { <LigneStructure structure=s a_confirmer/> }).collect_view()}
                        </Tableau>
                        <button type="button" class="fr-btn fr-btn--secondary" on:click=move |_| a_confirmer.set(Some(None))>
                            {format!("Relancer tout le département ({nombre})")}
                        </button>
                    }
                    .into_any()
                };
                let historique = (!relances.is_empty()).then(|| view! {
                    <Tableau legende="Relances envoyées" colonnes=vec![("Date", false), ("Par", false),
                        ("Cible", false), ("Conseillers relancés", true)]>
                        {relances.into_iter().map(|r| view! {
                            <tr>
                                <td>{crate::format::horodatage(&r.le)}</td>
                                <td>{r.auteur}</td>
                                <td>{r.structure.unwrap_or_else(|| "Tout le département".to_owned())}</td>
                                <td class="maillage-chiffres">{nombre(r.personnes)}</td>
                            </tr>
                        }).collect_view()}
                    </Tableau>
                });
                view! { {liste} {historique} }
            })}
        </section>
    }
}

/// One employer with its conseillers who recorded nothing this month, and its relaunch button.
#[component]
fn LigneStructure(
    structure: StructureSansCompteRendu,
    a_confirmer: RwSignal<Option<Option<(String, String)>>>,
) -> impl IntoView {
    let noms: Vec<String> = structure
        .conseillers
        .iter()
        .map(|c| format!("{} {}", c.prenom, c.nom))
        .collect();
    let cible = (structure.id.clone(), structure.nom.clone());
    let libelle = format!("Relancer {}", structure.nom);
    view! {
        <tr>
            <td>{structure.nom.clone()}</td>
            <td>{noms.join(", ")}</td>
            <td class="maillage-chiffres">{nombre(structure.sous_contrat)}</td>
            <td>
                <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=libelle
                    on:click=move |_| a_confirmer.set(Some(Some(cible.clone())))>
                    "Relancer"
                </button>
            </td>
        </tr>
    }
}

/// The downloads of the figures on screen, as CSV and as Excel.
#[component]
pub fn Telechargements(csv: String, xlsx: String) -> impl IntoView {
    view! {
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
                <a class="fr-btn fr-btn--secondary fr-icon-download-line" href=csv download>
                    "Télécharger ces chiffres (CSV)"
                </a>
            </li>
            <li>
                <a class="fr-btn fr-btn--secondary fr-icon-download-line" href=xlsx download>
                    "Télécharger ces chiffres (Excel)"
                </a>
            </li>
        </ul>
    }
}

/// The form of a period, first and last month (`AAAA-MM`, empty for the default), applied to `periode` by
/// its button rather than at each keystroke. Fields `{prefixe}-de` and `{prefixe}-a`.
#[component]
pub fn ChoixPeriode(
    prefixe: &'static str,
    periode: RwSignal<(Option<String>, Option<String>)>,
) -> impl IntoView {
    let de = RwSignal::new(String::new());
    let a = RwSignal::new(String::new());
    let appliquer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lire = |valeur: String| Some(valeur).filter(|v| !v.is_empty());
        periode.set((lire(de.get_untracked()), lire(a.get_untracked())));
    };
    view! {
        <form class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w" on:submit=appliquer>
            <ChampMois id=format!("{prefixe}-de") libelle="Du mois" aide="Par défaut, les douze derniers mois" valeur=de/>
            <ChampMois id=format!("{prefixe}-a") libelle="Au mois" aide="Inclus, au plus 36 mois après le premier" valeur=a/>
            <div class="fr-col-12 fr-col-sm-4">
                <button type="submit" class="fr-btn fr-mb-3v">"Afficher la période"</button>
            </div>
        </form>
    }
}

/// A month field of the period's form, with its label and hint.
#[component]
pub fn ChampMois(
    #[prop(into)] id: String,
    libelle: &'static str,
    aide: &'static str,
    valeur: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="fr-col-12 fr-col-sm-4">
            <div class="fr-input-group">
                <label class="fr-label" for=id.clone()>
                    {libelle}
                    <span class="fr-hint-text">{aide}</span>
                </label>
                <input class="fr-input" type="month" id=id.clone() name=id bind:value=valeur/>
            </div>
        </div>
    }
}

/// This month's reporting: the conseillers under contract, those who recorded something, those to relaunch.
#[component]
fn Suivi(
    lignes: Vec<SuiviComptesRendus>,
    /// What the lines are: « Département », « Structure employeuse »…
    colonne: &'static str,
) -> impl IntoView {
    // One département: its line is the total.
    let lignes = if lignes.len() == 2 {
        lignes[1..].to_vec()
    } else {
        lignes
    };
    let colonnes = vec![
        (colonne, false),
        ("Conseillers sous contrat", true),
        ("Ont saisi ce mois", true),
        ("Sans compte rendu ce mois", true),
        ("Taux de complétion", true),
    ];
    view! {
        <Tableau legende="Comptes rendus d’activité du mois en cours" colonnes>
            {lignes
                .into_iter()
                .map(|ligne| {
                    let taux = format!("{} %", (ligne.taux_completion * 100.0).round());
                    view! {
                        <tr>
                            <td>{ligne.libelle}</td>
                            <td class="maillage-chiffres">{nombre(ligne.sous_contrat)}</td>
                            <td class="maillage-chiffres">{nombre(ligne.actifs_ce_mois)}</td>
                            <td class="maillage-chiffres">{nombre(ligne.sans_compte_rendu)}</td>
                            <td class="maillage-chiffres">{taux}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Tableau>
    }
}

/// (label, value) pairs of a chart; a withheld value counts as none and says so in its label.
fn barres(lignes: &[ChiffresActivite]) -> Vec<(String, i32)> {
    lignes
        .iter()
        .map(|ligne| match ligne.accompagnements {
            Some(valeur) => (ligne.libelle.clone(), i32::try_from(valeur).unwrap_or(i32::MAX)),
            None => (
                format!("{} (moins de 5 personnes, non affiché)", ligne.libelle),
                0,
            ),
        })
        .collect()
}

/// The figures of one period.
#[component]
pub fn Statistiques(activite: Activite) -> impl IntoView {
    let periode = format!("{} à {}", activite.de, activite.a);
    let total = activite.total.clone();
    let par_departement = (activite.par_departement.len() > 1).then(|| {
        view! {
            <TableauActivite legende=format!("Accompagnements par département, {periode}")
                colonne="Département" lignes=activite.par_departement.clone()/>
        }
    });
    let par_structure = (!activite.par_structure.is_empty()).then(|| {
        view! {
            <TableauActivite legende=format!("Accompagnements par structure employeuse, {periode}")
                colonne="Structure employeuse" lignes=activite.par_structure.clone()/>
        }
    });
    let par_epci = (!activite.par_epci.is_empty()).then(|| {
        view! {
            <TableauActivite legende=format!("Accompagnements par intercommunalité, {periode}")
                colonne="EPCI" lignes=activite.par_epci.clone()/>
        }
    });
    let mut repartition = activite.par_type.clone();
    repartition.extend(activite.par_canal.clone());
    repartition.extend(activite.par_duree.clone());
    view! {
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
            <Indicateur classe=TUILE valeur=chiffre(total.accompagnements) libelle="Accompagnements"/>
            <Indicateur classe=TUILE valeur=chiffre(total.participants) libelle="Personnes accompagnées"/>
            <Indicateur classe=TUILE valeur=heures(total.minutes) libelle="Heures d’accompagnement"/>
        </ul>
        <GraphiqueBarres id="graphique-activite-mois" titre=format!("Accompagnements par mois, {periode}")
            libelle_colonne="Mois" libelle_valeur="Accompagnements" donnees=barres(&activite.par_mois)/>
        <GraphiqueBarres id="graphique-activite-themes" titre=format!("Accompagnements par thème, {periode}")
            libelle_colonne="Thème" libelle_valeur="Accompagnements" donnees=barres(&activite.par_theme)/>
        <TableauActivite legende=format!("Accompagnements par type, lieu et durée, {periode}")
            colonne="Type, lieu ou durée" lignes=repartition/>
        {par_departement}
        {par_structure}
        {par_epci}
        <p class="fr-text--sm">
            "Un accompagnement compte pour chacun de ses thèmes. Les chiffres qui concernent moins de cinq "
            "personnes ne sont pas affichés (« < 5 ») : on pourrait reconnaître ces personnes."
        </p>
    }
}

/// Each coordinator's team of the territory: this month's reporting and the accompaniments of the period.
#[component]
fn TableauEquipes(periode: String, lignes: Vec<ActiviteDEquipe>) -> impl IntoView {
    let colonnes = vec![
        ("Équipe", false),
        ("Conseillers sous contrat", true),
        ("Ont saisi ce mois", true),
        ("Taux de complétion", true),
        ("Accompagnements", true),
        ("Personnes accompagnées", true),
        ("Heures", true),
    ];
    view! {
        <Tableau legende=format!("Équipes des coordinateurs : comptes rendus du mois, accompagnements {periode}") colonnes>
            {lignes
                .into_iter()
                .map(|ligne| {
                    let (chiffres, suivi) = (ligne.chiffres, ligne.suivi);
                    view! {
                        <tr>
                            <td>{chiffres.libelle}</td>
                            <td class="maillage-chiffres">{nombre(suivi.sous_contrat)}</td>
                            <td class="maillage-chiffres">{nombre(suivi.actifs_ce_mois)}</td>
                            <td class="maillage-chiffres">{format!("{} %", (suivi.taux_completion * 100.0).round())}</td>
                            <td class="maillage-chiffres">{chiffre(chiffres.accompagnements)}</td>
                            <td class="maillage-chiffres">{chiffre(chiffres.participants)}</td>
                            <td class="maillage-chiffres">{heures(chiffres.minutes)}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Tableau>
    }
}

/// A table of groups of accompaniments with their three figures.
#[component]
fn TableauActivite(legende: String, colonne: &'static str, lignes: Vec<ChiffresActivite>) -> impl IntoView {
    let colonnes = vec![
        (colonne, false),
        ("Accompagnements", true),
        ("Personnes accompagnées", true),
        ("Heures", true),
    ];
    view! {
        <Tableau legende colonnes>
            {lignes
                .into_iter()
                .map(|ligne| {
                    view! {
                        <tr>
                            <td>{ligne.libelle}</td>
                            <td class="maillage-chiffres">{chiffre(ligne.accompagnements)}</td>
                            <td class="maillage-chiffres">{chiffre(ligne.participants)}</td>
                            <td class="maillage-chiffres">{heures(ligne.minutes)}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Tableau>
    }
}
