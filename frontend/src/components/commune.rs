//! The field of a commune given by its INSEE code: the code is checked with the server's rule as it is
//! typed, and the commune found is named under the field, so a postal code typed by mistake shows at once.

use leptos::prelude::*;
use maillage_shared::territoire::CodeCommune;

use super::formulaire::{ChampTexte, Message};
use crate::api::territoires::commune;

/// An INSEE code field that names the commune it designates.
#[component]
pub fn ChampCommune(
    /// Unique in the page.
    #[prop(into)]
    id: String,
    #[prop(into)] libelle: String,
    valeur: RwSignal<String>,
    /// Whether a code must be given; an optional one is only checked when typed.
    #[prop(default = true)]
    requis: bool,
) -> impl IntoView {
    let trouvee = LocalResource::new(move || {
        let saisi = valeur.get();
        async move {
            match CodeCommune::parse(&saisi) {
                Ok(code) => Some(commune(code.as_str()).await),
                Err(_) => None,
            }
        }
    });
    let message = Signal::derive(move || {
        let saisi = valeur.get();
        if saisi.trim().is_empty() {
            return None;
        }
        if let Err(refus) = CodeCommune::parse(&saisi) {
            return (saisi.trim().len() >= 5).then(|| Message::Erreur(format!("{refus}.")));
        }
        match trouvee.get().flatten() {
            None => None,
            Some(Ok(Some(trouvee))) => Some(Message::Valide(format!(
                "{} ({}, {})",
                trouvee.nom, trouvee.departement.nom, trouvee.departement.code
            ))),
            Some(Ok(None)) => Some(Message::Erreur(format!(
                "Aucune commune n’a le code INSEE {}.",
                saisi.trim()
            ))),
            Some(Err(refus)) => Some(Message::Erreur(refus.message())),
        }
    });
    view! {
        <ChampTexte
            id
            libelle
            indice="Code INSEE, ex. 29019 pour Brest (ce n’est pas le code postal)."
            autocomplete="off"
            valeur
            message
            requis
        />
    }
}
