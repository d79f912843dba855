//! `/compte/adresse?jeton=…`: the link sent to an address, opened. The address is proven (or the account
//! takes its new address), from any browser, logged in or not.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api::comptes::verifier_adresse;
use crate::components::chargement::titre;
use crate::session::session;

/// Where the link stands.
#[derive(Debug, Clone, PartialEq)]
enum Etat {
    EnCours,
    Confirmee,
    Refusee(String),
}

/// Opens the link once the page is shown, and says what it did.
#[component]
pub fn AdressePage() -> impl IntoView {
    titre("Confirmer mon adresse électronique");
    let session = session();
    let jeton = use_query_map().with_untracked(|query| query.get("jeton").unwrap_or_default());
    let etat = RwSignal::new(Etat::EnCours);
    spawn_local(async move {
        match verifier_adresse(&jeton).await {
            Ok(()) => {
                // The banner and the address shown in the header follow.
                session.recharger();
                etat.set(Etat::Confirmee);
            }
            Err(erreur) => etat.set(Etat::Refusee(erreur.message())),
        }
    });
    view! {
        <div class="fr-grid-row fr-grid-row--center fr-my-6w">
            <div class="fr-col-12 fr-col-md-8">
                <h1>"Confirmer mon adresse électronique"</h1>
                {move || match etat.get() {
                    Etat::EnCours => view! { <p role="status">"Chargement… confirmation en cours."</p> }.into_any(),
                    Etat::Confirmee => view! {
                        <div class="fr-alert fr-alert--success" role="status">
                            <h2 class="fr-alert__title">"Votre adresse est confirmée"</h2>
                            <p>"Vous pouvez utiliser Maillage."</p>
                        </div>
                        <p class="fr-mt-3w">
                            {move || if session.moi.get().is_some() {
                                view! { <a class="fr-btn" href="/espace">"Aller à mon espace"</a> }.into_any()
                            } else {
                                view! { <a class="fr-btn" href="/connexion">"Se connecter"</a> }.into_any()
                            }}
                        </p>
                    }
                    .into_any(),
                    Etat::Refusee(message) => view! {
                        <div class="fr-alert fr-alert--error" role="alert">
                            <h2 class="fr-alert__title">"Ce lien ne confirme rien"</h2>
                            <p>{message}</p>
                        </div>
                        <p class="fr-mt-3w">
                            "Connectez-vous : une bannière en haut de chaque page vous permet de recevoir un nouveau "
                            "lien. Si votre mot de passe est perdu, "
                            <a href="/mot-de-passe/oublie">"choisissez-en un nouveau"</a>
                            " : ce lien-là confirme aussi votre adresse."
                        </p>
                    }
                    .into_any(),
                }}
            </div>
        </div>
    }
}
