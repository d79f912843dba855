//! `/lieux/import`: ANCT, or a coordinator for its perimeter, loads a file of lieux de médiation numérique
//! in the national standard's flat CSV (the open-data files). The upload shows its progress; each refused
//! line is listed with its number and reason; the good lines are kept, or nothing if the person chooses.

use leptos::prelude::*;
use maillage_shared::format::pluriel;
use maillage_shared::role::Role;

use crate::api::comptes::Moi;
use crate::api::lieux::importer;
use crate::components::acces::reserve_au_role;
use crate::components::chargement::titre;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::Case;
use crate::components::import_csv::ImportCsv;

/// The page's title.
const TITRE: &str = "Importer des lieux de médiation numérique";

/// Largest file the server takes (`lieu::televersement::TAILLE_MAX`).
const TAILLE_MAX: f64 = 32.0 * 1024.0 * 1024.0;

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
    let tout_ou_rien = RwSignal::new(false);
    let envoyer = move |fichier: web_sys::File, suivi: Box<dyn Fn(f64)>| {
        let tout_ou_rien = tout_ou_rien.get_untracked();
        async move {
            let bilan = importer(fichier, tout_ou_rien, suivi).await?;
            let refus = bilan.erreurs.len() as i64;
            let importes = pluriel(bilan.importes as i64, "lieu importé", "lieux importés");
            let phrase = match (refus, tout_ou_rien) {
                (0, _) => format!("{importes}."),
                (_, true) => format!(
                    "Rien n’est importé : {} à corriger.",
                    pluriel(refus, "ligne refusée", "lignes refusées")
                ),
                _ => format!(
                    "{importes} ; {} à corriger.",
                    pluriel(refus, "ligne refusée", "lignes refusées")
                ),
            };
            Ok((phrase, bilan.erreurs))
        }
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
        <ImportCsv id="lieux-fichier" libelle="Fichier des lieux" indice="Format CSV du standard, 32 Mo au plus."
            taille_max=TAILLE_MAX trop_gros="Ce fichier dépasse 32 Mo : découpez-le par département." envoyer>
            <Case id="lieux-tout-ou-rien" libelle="Ne rien importer si une ligne est refusée" cochee=tout_ou_rien/>
        </ImportCsv>
    }
}
