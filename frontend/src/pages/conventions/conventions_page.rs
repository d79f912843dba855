//! `/conventions`: the conventions and avenants requested by structures and not signed yet, for ANCT to
//! record their signature from the candidature's page.

use std::collections::HashMap;

use leptos::prelude::*;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::poste::TypeActe;
use maillage_shared::role::Role;

use crate::api::ErreurApi;
use crate::api::candidatures::{Filtre, lister};
use crate::api::postes::{Convention, conventions_a_signer};
use crate::components::acces::reserve;
use crate::components::chargement::{afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::tableau::Tableau;
use crate::format::{date, euros};

/// How many validated candidatures are read to name the structures of the conventions (the server's page
/// limit); a convention of an older one is listed by its number.
const CANDIDATURES_LUES: i64 = 100;

/// The page of the conventions to sign.
#[component]
pub fn ConventionsPage() -> impl IntoView {
    titre("Conventions à signer");
    reserve("Conventions à signer", |moi| {
        if moi.role() != Some(Role::Anct) {
            return view! {
                <h1 class="fr-mt-4w">"Conventions à signer"</h1>
                <p>"Cette page est réservée à l’ANCT."</p>
            }
            .into_any();
        }
        let ressource = LocalResource::new(|| async {
            let conventions = conventions_a_signer().await?;
            // A convention only knows its candidature: the validated candidatures name the structures.
            let filtre = Filtre {
                statut: Some(StatutCandidature::Validee),
                ..Filtre::default()
            };
            let structures = lister(&filtre, CANDIDATURES_LUES, 0)
                .await?
                .elements
                .into_iter()
                .map(|ligne| (ligne.id, ligne.structure.nom))
                .collect::<HashMap<_, _>>();
            Ok::<_, ErreurApi>((conventions, structures))
        });
        afficher_page(ressource, |(conventions, structures)| {
            view! { <Liste conventions structures/> }
        })
        .into_any()
    })
}

/// The table of the conventions to sign, oldest request first.
#[component]
fn Liste(conventions: Vec<Convention>, structures: HashMap<String, String>) -> impl IntoView {
    let nombre = conventions.len();
    view! {
        <FilAriane
            parents=vec![("Mon espace".to_owned(), "/espace".to_owned())]
            actuel="Conventions à signer"
        />
        <h1>"Conventions à signer"</h1>
        <p class="fr-text--lead">
            "Les conventions et avenants demandés par les structures dont le coordinateur est en poste. "
            "Ouvrez la candidature pour enregistrer la signature : la subvention est versée le mois suivant."
        </p>
        {if conventions.is_empty() {
            view! { <p>"Aucune convention n’attend de signature."</p> }.into_any()
        } else {
            view! {
                <Tableau
                    legende=format!(
                        "{nombre} convention{} à signer",
                        if nombre > 1 { "s" } else { "" }
                    )
                    colonnes=vec![
                        ("Structure", false),
                        ("Acte", false),
                        ("Subvention", true),
                        ("Demandée le", false),
                    ]
                >
                    {conventions
                        .into_iter()
                        .map(|convention| {
                            let structure = structures
                                .get(&convention.candidature_id)
                                .cloned()
                                .unwrap_or_else(|| format!("Candidature n° {}", convention.candidature_id));
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/candidatures/{}", convention.candidature_id)>{structure}</a>
                                    </td>
                                    <td>{libelle_acte(convention.type_acte)}</td>
                                    <td class="maillage-chiffres">{euros(convention.montant_euros)}</td>
                                    <td>{date(convention.demandee_le)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </Tableau>
            }
            .into_any()
        }}
    }
}

/// "Convention", or "Avenant" for a substitution.
pub fn libelle_acte(acte: TypeActe) -> &'static str {
    match acte {
        TypeActe::Convention => "Convention",
        TypeActe::Avenant => "Avenant à la première convention",
    }
}
