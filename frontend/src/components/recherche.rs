//! Territory search with suggestions as the person types: an ARIA 1.2 combobox (arrow keys, Enter,
//! Escape), whose suggestions open the territory's page, or are handed to a form (the perimeter of a
//! candidature picks its intercommunalités with it, every commune field is one).

use gloo_timers::future::TimeoutFuture;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use maillage_shared::territoire::NatureTerritoire;

use super::formulaire::{Message, Messages, est_erreur, est_valide};
use crate::api::territoires::{Suggestion, rechercher, rechercher_parmi};

/// The search as a field of a form rather than the site's search: its own label and hint, no search
/// landmark nor button, the chosen territory stays written in the field, and the form's message (the
/// territory chosen, or what is wrong) shows under it.
pub struct ChampDeFormulaire {
    pub libelle: String,
    pub indice: &'static str,
    pub requis: bool,
    pub message: Signal<Option<Message>>,
    /// What the person typed, so the form can tell a field left empty from a choice not made.
    pub texte: RwSignal<String>,
}

/// Pause after the last keystroke before asking the server, so typing "Brest" sends one request.
const DELAI_MS: u32 = 150;

/// A search field for communes, EPCI, départements and régions by name, code or postal code.
#[component]
pub fn RechercheTerritoire(
    /// The input's id (also the prefix of the suggestions' ids); must be unique in the page.
    #[prop(into)]
    id: String,
    /// Large variant, for the home page.
    #[prop(optional)]
    grande: bool,
    /// Only territories of this level are suggested.
    #[prop(optional)]
    nature: Option<NatureTerritoire>,
    /// What to do with the chosen territory; without it, its page opens.
    #[prop(optional)]
    choisir: Option<Callback<Suggestion>>,
    /// The label of the field, and the name of the search landmark (unique in the page), when not the
    /// territory search of the header or the home page.
    #[prop(optional)]
    libelle: Option<(&'static str, &'static str)>,
    /// Makes it a field of a form.
    #[prop(optional)]
    champ: Option<ChampDeFormulaire>,
) -> impl IntoView {
    let texte = champ
        .as_ref()
        .map_or_else(|| RwSignal::new(String::new()), |c| c.texte);
    let dans_un_formulaire = champ.is_some();
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    let ouverte = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let annonce = RwSignal::new(String::new());
    let aucune = RwSignal::new(false);
    // Each keystroke starts a new generation; an older answer arriving late is dropped.
    let generation = StoredValue::new(0_u64);
    let navigate = use_navigate();

    let liste_id = format!("{id}-suggestions");
    let option_id = {
        let id = id.clone();
        move |index: usize| format!("{id}-option-{index}")
    };

    let verbe = if choisir.is_some() { "choisir" } else { "ouvrir" };
    let chercher = move |valeur: String| {
        let courante = generation.get_value() + 1;
        generation.set_value(courante);
        if valeur.trim().chars().count() < 2 {
            aucune.set(false);
            suggestions.set(Vec::new());
            ouverte.set(false);
            annonce.set(String::new());
            return;
        }
        spawn_local(async move {
            TimeoutFuture::new(DELAI_MS).await;
            if generation.get_value() != courante {
                return;
            }
            let resultat = match nature {
                Some(nature) => rechercher_parmi(&valeur, nature).await,
                None => rechercher(&valeur).await,
            };
            if generation.get_value() != courante {
                return;
            }
            match resultat {
                Ok(trouvees) => {
                    aucune.set(trouvees.is_empty());
                    annonce.set(match trouvees.len() {
                        0 => format!("Aucun territoire ne correspond à « {} ».", valeur.trim()),
                        1 => {
                            format!("1 suggestion. Flèches haut et bas pour parcourir, Entrée pour {verbe}.")
                        }
                        n => format!(
                            "{n} suggestions. Flèches haut et bas pour parcourir, Entrée pour {verbe}."
                        ),
                    });
                    active.set(None);
                    ouverte.set(true);
                    suggestions.set(trouvees);
                }
                Err(erreur) => {
                    ouverte.set(false);
                    annonce.set(erreur.message());
                }
            }
        });
    };

    let ouvrir = {
        let navigate = navigate.clone();
        move |suggestion: &Suggestion| {
            texte.set(if dans_un_formulaire {
                suggestion.nom.clone()
            } else {
                String::new()
            });
            suggestions.set(Vec::new());
            ouverte.set(false);
            annonce.set(String::new());
            match choisir {
                Some(choisir) => choisir.run(suggestion.clone()),
                None => navigate(&suggestion.chemin(), Default::default()),
            }
        }
    };

    let touche = {
        let ouvrir = ouvrir.clone();
        move |ev: KeyboardEvent| {
            let nombre = suggestions.with(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" if nombre > 0 => {
                    ev.prevent_default();
                    ouverte.set(true);
                    active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % nombre)));
                }
                "ArrowUp" if nombre > 0 => {
                    ev.prevent_default();
                    ouverte.set(true);
                    active.update(|a| *a = Some(a.map_or(nombre - 1, |i| (i + nombre - 1) % nombre)));
                }
                "Enter" => {
                    ev.prevent_default();
                    let choisie = suggestions.with(|s| s.get(active.get_untracked().unwrap_or(0)).cloned());
                    if let Some(suggestion) = choisie {
                        ouvrir(&suggestion);
                    }
                }
                "Escape" => {
                    ouverte.set(false);
                    active.set(None);
                }
                _ => {}
            }
        }
    };

    let valider = {
        let ouvrir = ouvrir.clone();
        move |_| {
            let choisie = suggestions.with(|s| s.get(active.get_untracked().unwrap_or(0)).cloned());
            match choisie {
                Some(suggestion) => ouvrir(&suggestion),
                None => chercher(texte.get_untracked()),
            }
        }
    };

    let option_active = {
        let option_id = option_id.clone();
        move || active.get().filter(|_| ouverte.get()).map(&option_id)
    };

    // Two search landmarks may share a page (header and home): each needs its own name.
    let (texte_label, etiquette) = libelle.unwrap_or(if grande {
        ("Rechercher un territoire", "Recherche de territoire")
    } else {
        ("Rechercher un territoire", "Recherche rapide de territoire")
    });
    let classes_barre = if grande {
        "fr-search-bar fr-search-bar--lg"
    } else {
        "fr-search-bar"
    };
    let indication = match nature {
        Some(NatureTerritoire::Epci) => "Nom ou SIREN de l’intercommunalité…",
        Some(NatureTerritoire::Commune) => "Nom, code postal ou code INSEE…",
        _ => "Commune, intercommunalité, département, code postal…",
    };
    let id_champ = id.clone();
    let id_annonce = format!("{id}-annonce");
    let id_messages = format!("{id}-messages");
    let liste_id_options = liste_id.clone();
    let message = champ
        .as_ref()
        .map_or_else(|| Signal::derive(|| None), |c| c.message);
    let erreur = est_erreur(message);
    let valide = est_valide(message);
    let (role, nom_du_repere, classes_barre, decrit_par) = if dans_un_formulaire {
        (None, None, "", format!("{id_annonce} {id_messages}"))
    } else {
        (Some("search"), Some(etiquette), classes_barre, id_annonce.clone())
    };
    let requis = champ.as_ref().is_some_and(|c| c.requis);
    let (texte_label, indice) = match &champ {
        Some(c) => (c.libelle.clone(), Some(c.indice)),
        None => (texte_label.to_owned(), None),
    };
    view! {
        <div
            class="maillage-recherche"
            class:fr-input-group=dans_un_formulaire
            class:fr-input-group--error=erreur
            class:fr-input-group--valid=valide
            role=role
            aria-label=nom_du_repere
        >
            <div class=classes_barre>
                <label class="fr-label" for=id_champ.clone()>
                    {texte_label}
                    {indice.map(|indice| view! { <span class="fr-hint-text">{indice}</span> })}
                </label>
                <input
                    class="fr-input"
                    type="text"
                    id=id_champ
                    name="texte"
                    autocomplete="off"
                    placeholder=indication
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls=liste_id.clone()
                    aria-expanded=move || (ouverte.get() && !suggestions.with(Vec::is_empty)).to_string()
                    aria-activedescendant=option_active
                    aria-describedby=decrit_par
                    class:fr-input--error=erreur
                    class:fr-input--valid=valide
                    required=requis
                    aria-required=requis.then_some("true")
                    prop:value=move || texte.get()
                    on:input=move |ev| {
                        let valeur = event_target_value(&ev);
                        texte.set(valeur.clone());
                        chercher(valeur);
                    }
                    on:keydown=touche
                    on:blur=move |_| ouverte.set(false)
                    on:focus=move |_| ouverte.set(!suggestions.with(Vec::is_empty))
                />
                {(!dans_un_formulaire).then(|| view! {
                    <button class="fr-btn" title="Rechercher" type="button" on:click=valider>
                        "Rechercher"
                    </button>
                })}
            </div>
            <ul
                class="maillage-suggestions"
                id=liste_id_options
                role="listbox"
                aria-label="Suggestions de territoires"
                hidden=move || !ouverte.get() || suggestions.with(Vec::is_empty)
            >
                {move || {
                    suggestions
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, suggestion)| {
                            let ouvrir = ouvrir.clone();
                            let choisie = suggestion.clone();
                            view! {
                                <li
                                    id=option_id(index)
                                    role="option"
                                    aria-selected=move || (active.get() == Some(index)).to_string()
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        ouvrir(&choisie);
                                    }
                                >
                                    <span class="fr-text--bold">{suggestion.nom.clone()}</span>
                                    " "
                                    <span class="fr-badge fr-badge--sm fr-badge--no-icon">
                                        {suggestion.nature.libelle()}
                                    </span>
                                    <span class="maillage-suggestion__contexte">{suggestion.contexte.clone()}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                aucune.get().then(|| view! {
                    <p class="fr-error-text">
                        "Aucun territoire ne correspond : essayez un autre nom, un code postal ou un code INSEE."
                    </p>
                })
            }}
            <p id=id_annonce class="fr-sr-only" aria-live="polite">
                {move || annonce.get()}
            </p>
            {dans_un_formulaire.then(|| view! { <Messages id=id_messages message/> })}
        </div>
    }
}
