//! `/conseillers`: ANCT (everywhere) or a préfecture (its département) imports the programme's file of
//! conseillers numériques — employer by SIRET, contract, commune of the post — and sees who is in
//! Maillage and who has opened their access. The upload shows its progress; each refused line is listed
//! with its number and reason; the good lines are kept. Each new person receives a link to choose a password.

use leptos::prelude::*;
use maillage_shared::conseiller::COLONNES;
use maillage_shared::format::pluriel;
use maillage_shared::role::Role;

use crate::api::comptes::Moi;
use crate::api::conseillers::{PageConseillers, importer, lister};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::import_csv::ImportCsv;
use crate::components::tableau::{Pagination, Tableau};
use crate::format::date;

/// The page's title.
const TITRE: &str = "Conseillers numériques du programme";

/// Largest file the server takes (`http::conseillers::TAILLE_MAX`).
const TAILLE_MAX: f64 = 4.0 * 1024.0 * 1024.0;

/// Conseillers per page of the list.
const PAR_PAGE: i64 = 50;

#[component]
pub fn ConseillersPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Anct, Role::Prefecture], |moi: Moi| {
        let portee = if moi.role() == Some(Role::Prefecture) {
            "Les conseillers dont le poste est dans votre département."
        } else {
            "Les conseillers de tout le programme."
        };
        // A new import changes the list: it is read again.
        let version = RwSignal::new(0_u32);
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">{portee}</p>
            <Import version/>
            <Liste version/>
        }
    })
}

#[component]
fn Import(version: RwSignal<u32>) -> impl IntoView {
    let envoyer = move |fichier: web_sys::File, suivi: Box<dyn Fn(f64)>| async move {
        let bilan = importer(fichier, suivi).await?;
        version.update(|v| *v += 1);
        let mut phrases = Vec::new();
        if bilan.crees > 0 {
            phrases.push(pluriel(
                bilan.crees as i64,
                "conseiller ajouté",
                "conseillers ajoutés",
            ));
        }
        if bilan.mis_a_jour > 0 {
            phrases.push(pluriel(
                bilan.mis_a_jour as i64,
                "conseiller mis à jour",
                "conseillers mis à jour",
            ));
        }
        if phrases.is_empty() {
            phrases.push("Aucun conseiller ajouté ni mis à jour".to_owned());
        }
        if !bilan.erreurs.is_empty() {
            phrases.push(format!(
                "{} à corriger",
                pluriel(bilan.erreurs.len() as i64, "ligne refusée", "lignes refusées")
            ));
        }
        Ok((format!("{}.", phrases.join(" ; ")), bilan.erreurs))
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-import">
            <h2 id="titre-import" class="fr-h4">"Importer le fichier du programme"</h2>
            <p>
                "Un fichier CSV (séparateur « ; » ou « , »), une ligne par conseiller, dont la première ligne nomme "
                "les colonnes :"
            </p>
            <pre><code>{COLONNES.join(";")}</code></pre>
            <p>
                "L’employeur est désigné par son SIRET et doit être inscrit sur Maillage ; le type de contrat s’écrit "
                "comme dans le formulaire de candidature (« CDD de droit privé »…) ; les dates au format JJ/MM/AAAA ; "
                "la fin reste vide pour un titulaire ou un CDI ; la commune du poste par son code INSEE. Une adresse "
                "déjà connue met à jour le poste de cette personne. Chaque nouvelle personne reçoit un lien pour "
                "choisir son mot de passe (valable 7 jours), ou se connecte avec ProConnect."
            </p>
            <ImportCsv id="conseillers-fichier" libelle="Fichier des conseillers" indice="Format CSV, 4 Mo au plus."
                taille_max=TAILLE_MAX trop_gros="Ce fichier dépasse 4 Mo : découpez-le." envoyer/>
        </section>
    }
}

#[component]
fn Liste(version: RwSignal<u32>) -> impl IntoView {
    let page = RwSignal::new(0_i64);
    let liste = LocalResource::new(move || {
        version.track();
        let decalage = page.get() * PAR_PAGE;
        async move { lister(None, PAR_PAGE, decalage).await }
    });
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-conseillers">
            <h2 id="titre-conseillers" class="fr-h4">"Conseillers dans Maillage"</h2>
            {afficher(liste, move |resultat: PageConseillers| view! { <Conseillers resultat page/> })}
        </section>
    }
}

#[component]
fn Conseillers(resultat: PageConseillers, page: RwSignal<i64>) -> impl IntoView {
    if resultat.elements.is_empty() {
        return view! {
            <p>"Aucun conseiller numérique pour l’instant : importez le fichier du programme ci-dessus."</p>
        }
        .into_any();
    }
    let total = resultat.total;
    let numero = page.get_untracked();
    let pages = (total + PAR_PAGE - 1) / PAR_PAGE;
    view! {
        <Tableau
            legende=format!(
                "{} — page {} sur {pages}",
                pluriel(total, "conseiller", "conseillers"),
                numero + 1
            )
            colonnes=vec![
                ("Conseiller", false),
                ("Employeur", false),
                ("Contrat", false),
                ("Commune du poste", false),
                ("Accès", false),
            ]
        >
            {resultat
                .elements
                .into_iter()
                .map(|c| {
                    let contrat = c.type_contrat.map(|t| t.libelle()).unwrap_or("—");
                    let periode = match (c.debut_contrat, c.fin_contrat) {
                        (Some(debut), Some(fin)) => format!("du {} au {}", date(debut), date(fin)),
                        (Some(debut), None) => format!("depuis le {}", date(debut)),
                        _ => String::new(),
                    };
                    view! {
                        <tr>
                            <td>{format!("{} {}", c.prenom, c.nom)}<br/><span class="fr-text--sm">{c.email}</span></td>
                            <td>{c.employeur}<br/><span class="fr-text--sm">{format!("SIRET {}", c.siret_employeur)}</span></td>
                            <td>{contrat}<br/><span class="fr-text--sm">{periode}</span></td>
                            <td>{c.commune.map(|commune| commune.nom).unwrap_or_default()}</td>
                            <td>
                                {if c.acces_ouvert {
                                    view! { <p class="fr-badge fr-badge--success fr-badge--sm">"Ouvert"</p> }
                                } else {
                                    view! { <p class="fr-badge fr-badge--info fr-badge--sm">"Lien envoyé"</p> }
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </Tableau>
        <Pagination page numero pages libelle="Pages de la liste des conseillers"/>
    }
    .into_any()
}
