//! The field of a commune, found as the header's search finds it: by name, postal code or INSEE code, with
//! suggestions as the person types. The form receives the INSEE code of the commune chosen (or typed), and
//! the field names the commune under it, so a wrong choice shows at once.

use leptos::prelude::*;
use maillage_shared::territoire::{CodeCommune, NatureTerritoire};

use super::formulaire::Message;
use super::recherche::{ChampDeFormulaire, RechercheTerritoire};
use crate::api::territoires::{Suggestion, commune};

/// A commune field whose value (`valeur`) is the INSEE code of the commune chosen.
#[component]
pub fn ChampCommune(
    /// Unique in the page.
    #[prop(into)]
    id: String,
    #[prop(into)] libelle: String,
    valeur: RwSignal<String>,
    /// Whether a commune must be given; an optional one is only checked when typed.
    #[prop(default = true)]
    requis: bool,
) -> impl IntoView {
    let texte = RwSignal::new(String::new());
    // The name written in the field by the last choice: typing anything else undoes the choice.
    let nom_choisi = StoredValue::new(None::<String>);
    let trouvee = LocalResource::new(move || {
        let code = valeur.get();
        async move {
            match CodeCommune::parse(&code) {
                Ok(code) => Some(commune(code.as_str()).await),
                Err(_) => None,
            }
        }
    });
    // A commune given by the form (a saved one, or one the company register found) shows its name, not
    // its code, unless the person has typed something.
    Effect::new(move |_| {
        if let Some(Some(Ok(Some(trouvee)))) = trouvee.get()
            && texte.get_untracked().is_empty()
        {
            nom_choisi.set_value(Some(trouvee.nom.clone()));
            texte.set(trouvee.nom);
        }
    });
    // What the person types (not the field as first drawn, which would forget a saved commune).
    Effect::watch(
        move || texte.get(),
        move |saisi: &String, _, _| {
            if nom_choisi.with_value(|nom| nom.as_deref() == Some(saisi.as_str())) {
                return;
            }
            nom_choisi.set_value(None);
            // An INSEE code typed in full stands for its commune; anything else waits for a choice.
            let code = CodeCommune::parse(saisi)
                .map(|code| code.as_str().to_owned())
                .unwrap_or_default();
            if valeur.get_untracked() != code {
                valeur.set(code);
            }
        },
        false,
    );
    let choisir = Callback::new(move |suggestion: Suggestion| {
        nom_choisi.set_value(Some(suggestion.nom.clone()));
        valeur.set(suggestion.code.clone());
    });
    let message = Signal::derive(move || {
        if valeur.with(String::is_empty) {
            let saisi = texte.get();
            return (saisi.trim().chars().count() >= 2)
                .then(|| Message::Info("Choisissez la commune parmi les suggestions.".to_owned()));
        }
        match trouvee.get().flatten() {
            None => None,
            Some(Ok(Some(trouvee))) => Some(Message::Valide(format!(
                "{} ({}, {}) — code INSEE {}",
                trouvee.nom, trouvee.departement.nom, trouvee.departement.code, trouvee.code
            ))),
            Some(Ok(None)) => Some(Message::Erreur(format!(
                "Aucune commune n’a le code INSEE {} : cherchez-la par son nom ou son code postal.",
                valeur.get()
            ))),
            Some(Err(refus)) => Some(Message::Erreur(refus.message())),
        }
    });
    view! {
        <RechercheTerritoire
            id
            nature=NatureTerritoire::Commune
            choisir
            champ=ChampDeFormulaire {
                libelle,
                indice: "Nom, code postal ou code INSEE, puis choisissez dans la liste.",
                requis,
                message,
                texte,
            }
        />
    }
}
