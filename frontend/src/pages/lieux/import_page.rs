//! `/lieux/import`: ANCT, or a coordinator for its perimeter, loads a file of lieux de médiation numérique
//! in the national standard's flat CSV (the open-data files). The upload shows its progress; each refused
//! line is listed with its number and reason; the good lines are kept, or nothing if the person chooses.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::format::{nombre, pluriel};
use maillage_shared::role::Role;

use crate::api::comptes::Moi;
use crate::api::lieux::importer;
use crate::components::acces::reserve_au_role;
use crate::components::chargement::titre;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, Case, fichier_choisi};
use crate::components::tableau::Tableau;

/// The page's title.
const TITRE: &str = "Importer des lieux de médiation numérique";

/// Largest file the server takes (`lieu::televersement::TAILLE_MAX`).
const TAILLE_MAX: f64 = 32.0 * 1024.0 * 1024.0;

/// Refused lines listed on the page (the count says how many more).
const LIGNES_MONTREES: usize = 200;

#[component]
pub fn ImportLieuxPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Anct, Role::Coordinateur], |moi: Moi| {
        let portee = if moi.role() == Some(Role::Coordinateur) {
            "Seuls les lieux des communes de votre périmètre sont importés ; les autres lignes sont refusées. \
             Un identifiant déjà connu est mis à jour."
        } else {
            "Les lieux importés s’ajoutent à ceux connus ; un identifiant déjà connu est mis à jour."
        };
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">{portee}</p>
            <Import/>
        }
    })
}

#[component]
fn Import() -> impl IntoView {
    let fichier = NodeRef::<leptos::html::Input>::new();
    let tout_ou_rien = RwSignal::new(false);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let refusees = RwSignal::new(Vec::new());
    // Share of the file sent, 0 to 100, while an import runs.
    let envoi = RwSignal::new(None::<u32>);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if envoi.get_untracked().is_some() {
            return;
        }
        erreur.set(None);
        succes.set(None);
        refusees.set(Vec::new());
        let choisi = match fichier_choisi(
            fichier,
            TAILLE_MAX,
            "Ce fichier dépasse 32 Mo : découpez-le par département.",
        ) {
            Ok(choisi) => choisi,
            Err(probleme) => {
                erreur.set(Some(probleme));
                return;
            }
        };
        envoi.set(Some(0));
        let tout_ou_rien = tout_ou_rien.get_untracked();
        spawn_local(async move {
            let suivi = move |part: f64| envoi.set(Some((part * 100.0).round().clamp(0.0, 100.0) as u32));
            match importer(choisi, tout_ou_rien, suivi).await {
                Ok(bilan) => {
                    let refus = bilan.erreurs.len() as i64;
                    let importes = pluriel(bilan.importes as i64, "lieu importé", "lieux importés");
                    succes.set(Some(match (refus, tout_ou_rien) {
                        (0, _) => format!("{importes}."),
                        (_, true) => format!(
                            "Rien n’est importé : {} à corriger.",
                            pluriel(refus, "ligne refusée", "lignes refusées")
                        ),
                        _ => format!(
                            "{importes} ; {} à corriger.",
                            pluriel(refus, "ligne refusée", "lignes refusées")
                        ),
                    }));
                    refusees.set(bilan.erreurs);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            envoi.set(None);
        });
    };
    let lignes = move || {
        refusees
            .get()
            .into_iter()
            .take(LIGNES_MONTREES)
            .map(|e| view! { <tr><td>{e.ligne}</td><td>{e.motif}</td></tr> })
            .collect_view()
    };
    view! {
        <p>
            "Le fichier suit le format CSV « à plat » du standard national des lieux de médiation numérique "
            "(colonnes et valeurs du paquet "
            <code>"@gouvfr-anct/lieux-de-mediation-numerique"</code>
            ", listes séparées par |), comme les fichiers ouverts et le téléchargement "
            <a href="/donnees/lieux.csv">"de tous les lieux"</a>
            "."
        </p>
        <form on:submit=envoyer novalidate>
            <div class="fr-upload-group fr-mb-2w">
                <label class="fr-label" for="lieux-fichier">
                    "Fichier des lieux"
                    <span class="fr-hint-text">"Format CSV du standard, 32 Mo au plus."</span>
                </label>
                <input class="fr-upload" type="file" id="lieux-fichier" accept=".csv,text/csv" node_ref=fichier/>
            </div>
            <Case id="lieux-tout-ou-rien" libelle="Ne rien importer si une ligne est refusée" cochee=tout_ou_rien/>
            <div role="status">
                {move || envoi.get().map(|pourcent| view! {
                    <p class="fr-mb-1w" id="lieux-progression-libelle">
                        {if pourcent < 100 {
                            format!("Envoi du fichier : {pourcent} %")
                        } else {
                            "Fichier envoyé, import en cours…".to_owned()
                        }}
                    </p>
                    <progress class="maillage-progression" max="100" value=pourcent
                        aria-labelledby="lieux-progression-libelle">{format!("{pourcent} %")}</progress>
                })}
            </div>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <button class="fr-btn" type="submit" disabled=move || envoi.get().is_some()>"Importer"</button>
        </form>
        {move || {
            let nombre_refus = refusees.with(Vec::len);
            (nombre_refus > 0).then(|| view! {
                <section class="fr-my-4w" aria-labelledby="titre-refus">
                    <h2 id="titre-refus" class="fr-h5">"Lignes refusées"</h2>
                    {(nombre_refus > LIGNES_MONTREES).then(|| view! {
                        <p>{format!("Les {LIGNES_MONTREES} premières sur {} :", nombre(nombre_refus as i64))}</p>
                    })}
                    <Tableau legende="Lignes refusées du fichier" colonnes=vec![("Ligne", true), ("Motif", false)]>
                        {lignes}
                    </Tableau>
                </section>
            })
        }}
    }
}
