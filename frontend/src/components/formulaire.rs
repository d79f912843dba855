//! DSFR form fields, each with its label, hint and messages wired for assistive technologies, and the
//! alert that announces what went wrong.

use leptos::prelude::*;

/// A message under a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// What is wrong with the value.
    Erreur(String),
    /// The value is checked and right.
    Valide(String),
    /// Something to know about the value.
    Info(String),
}

/// The error of an action (a refused form, a server error), announced as soon as it appears: the live
/// region is always in the page, only its content changes. It takes the focus when an error appears, so
/// the page scrolls to it and a keyboard user goes on from there: place it by the button that acts.
#[component]
pub fn AlerteErreur(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    let zone = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if message.with(Option::is_some) {
            // After the message is drawn, so the focus lands on what is read.
            request_animation_frame(move || {
                if let Some(zone) = zone.get_untracked() {
                    let _ = zone.focus();
                }
            });
        }
    });
    view! {
        <div role="alert" tabindex="-1" node_ref=zone class="maillage-alerte">
            {move || {
                message.get().map(|texte| view! {
                    <div class="fr-alert fr-alert--error fr-alert--sm fr-my-2w">
                        <p>{texte}</p>
                    </div>
                })
            }}
        </div>
    }
}

/// A success, announced politely.
#[component]
pub fn AlerteSucces(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div role="status">
            {move || {
                message.get().map(|texte| view! {
                    <div class="fr-alert fr-alert--success fr-alert--sm fr-my-2w">
                        <p>{texte}</p>
                    </div>
                })
            }}
        </div>
    }
}

/// The messages group of a field, referenced by its `aria-describedby`. Errors and confirmations are
/// announced as they appear; an information (a character count) is read with the field only, not at
/// every keystroke.
#[component]
pub(crate) fn Messages(id: String, message: Signal<Option<Message>>) -> impl IntoView {
    let annonce = move || {
        if message.with(|m| matches!(m, Some(Message::Info(_)))) {
            "off"
        } else {
            "polite"
        }
    };
    view! {
        <div class="fr-messages-group" id=id aria-live=annonce>
            {move || {
                message.get().map(|message| match message {
                    Message::Erreur(texte) => view! { <p class="fr-message fr-message--error">{texte}</p> }.into_any(),
                    Message::Valide(texte) => view! { <p class="fr-message fr-message--valid">{texte}</p> }.into_any(),
                    Message::Info(texte) => view! { <p class="fr-message fr-message--info">{texte}</p> }.into_any(),
                })
            }}
        </div>
    }
}

pub(crate) fn est_erreur(message: Signal<Option<Message>>) -> impl Fn() -> bool + Copy {
    move || message.with(|m| matches!(m, Some(Message::Erreur(_))))
}

pub(crate) fn est_valide(message: Signal<Option<Message>>) -> impl Fn() -> bool + Copy {
    move || message.with(|m| matches!(m, Some(Message::Valide(_))))
}

/// A one-line input.
#[component]
pub fn ChampTexte(
    /// Unique in the page.
    #[prop(into)]
    id: String,
    #[prop(into)] libelle: String,
    /// Format or example, under the label.
    #[prop(optional, into)]
    indice: Option<String>,
    /// `text`, `email`, `password`, `number`, `date`…
    #[prop(default = "text")]
    type_: &'static str,
    /// The `autocomplete` token, so browsers and password managers can help.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    valeur: RwSignal<String>,
    #[prop(optional, into)] message: Signal<Option<Message>>,
    #[prop(optional)] requis: bool,
    /// Extra attributes of the input, e.g. `min`/`max` of a date.
    #[prop(optional)]
    min: Option<String>,
    #[prop(optional)] max: Option<String>,
    #[prop(optional)] on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let id_messages = format!("{id}-messages");
    let erreur = est_erreur(message);
    let valide = est_valide(message);
    view! {
        <div class="fr-input-group" class:fr-input-group--error=erreur class:fr-input-group--valid=valide>
            <label class="fr-label" for=id.clone()>
                {libelle}
                {indice.map(|indice| view! { <span class="fr-hint-text">{indice}</span> })}
            </label>
            <input
                class="fr-input"
                class:fr-input--error=erreur
                class:fr-input--valid=valide
                type=type_
                id=id.clone()
                name=id
                autocomplete=autocomplete
                required=requis
                min=min
                max=max
                aria-invalid=move || erreur().then_some("true")
                aria-describedby=id_messages.clone()
                prop:value=move || valeur.get()
                on:input=move |ev| valeur.set(event_target_value(&ev))
                on:blur=move |_| {
                    if let Some(rappel) = on_blur {
                        rappel.run(());
                    }
                }
            />
            <Messages id=id_messages message/>
        </div>
    }
}

/// A multi-line answer.
#[component]
pub fn ZoneTexte(
    #[prop(into)] id: String,
    #[prop(into)] libelle: String,
    #[prop(optional, into)] indice: Option<String>,
    valeur: RwSignal<String>,
    #[prop(optional, into)] message: Signal<Option<Message>>,
    #[prop(default = 5)] lignes: u32,
    /// Longest answer accepted, also enforced by the browser.
    #[prop(optional)]
    longueur_max: Option<usize>,
    #[prop(optional)] requis: bool,
) -> impl IntoView {
    let id_messages = format!("{id}-messages");
    let erreur = est_erreur(message);
    let valide = est_valide(message);
    view! {
        <div class="fr-input-group" class:fr-input-group--error=erreur class:fr-input-group--valid=valide>
            <label class="fr-label" for=id.clone()>
                {libelle}
                {indice.map(|indice| view! { <span class="fr-hint-text">{indice}</span> })}
            </label>
            <textarea
                class="fr-input"
                class:fr-input--error=erreur
                id=id.clone()
                name=id
                rows=lignes
                maxlength=longueur_max
                required=requis
                aria-invalid=move || erreur().then_some("true")
                aria-describedby=id_messages.clone()
                prop:value=move || valeur.get()
                on:input=move |ev| valeur.set(event_target_value(&ev))
            ></textarea>
            <Messages id=id_messages message/>
        </div>
    }
}

/// A choice among a few options, as radio buttons in a `fieldset`.
#[component]
pub fn Radios(
    /// Prefix of the ids and the `name` of the buttons; unique in the page.
    #[prop(into)]
    nom: String,
    #[prop(into)] legende: String,
    #[prop(optional, into)] indice: Option<String>,
    /// (value, label) of each button.
    options: Vec<(String, String)>,
    choix: RwSignal<Option<String>>,
    /// Side by side rather than stacked.
    #[prop(optional)]
    en_ligne: bool,
    #[prop(optional, into)] message: Signal<Option<Message>>,
) -> impl IntoView {
    let id_legende = format!("{nom}-legende");
    let id_messages = format!("{nom}-messages");
    let etiquettes = format!("{id_legende} {id_messages}");
    let erreur = est_erreur(message);
    let classe_element = if en_ligne {
        "fr-fieldset__element fr-fieldset__element--inline"
    } else {
        "fr-fieldset__element"
    };
    view! {
        <fieldset
            class="fr-fieldset"
            class:fr-fieldset--error=erreur
            id=nom.clone()
            aria-labelledby=etiquettes
        >
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id=id_legende>
                {legende}
                {indice.map(|indice| view! { <span class="fr-hint-text">{indice}</span> })}
            </legend>
            {options
                .into_iter()
                .map(|(valeur, libelle)| {
                    let id = format!("{nom}-{valeur}");
                    let coche = valeur.clone();
                    view! {
                        <div class=classe_element>
                            <div class="fr-radio-group">
                                <input
                                    type="radio"
                                    id=id.clone()
                                    name=nom.clone()
                                    value=valeur.clone()
                                    prop:checked=move || choix.with(|c| c.as_deref() == Some(coche.as_str()))
                                    on:change=move |_| choix.set(Some(valeur.clone()))
                                />
                                <label class="fr-label" for=id>{libelle}</label>
                            </div>
                        </div>
                    }
                })
                .collect_view()}
            <Messages id=id_messages message/>
        </fieldset>
    }
}

/// A choice in a long list, as a DSFR select.
#[component]
pub fn Liste(
    #[prop(into)] id: String,
    #[prop(into)] libelle: String,
    #[prop(optional, into)] indice: Option<String>,
    /// (value, label) of each option.
    options: Vec<(String, String)>,
    /// The chosen value; empty: none yet.
    valeur: RwSignal<String>,
    /// The first, empty option: "Sélectionner une option", or "Tous" for a filter.
    #[prop(default = "Sélectionner une option")]
    invite: &'static str,
    /// Whether the empty option can be chosen back (filters).
    #[prop(optional)]
    vide_permis: bool,
    #[prop(optional, into)] message: Signal<Option<Message>>,
) -> impl IntoView {
    let id_messages = format!("{id}-messages");
    let erreur = est_erreur(message);
    view! {
        <div class="fr-select-group" class:fr-select-group--error=erreur>
            <label class="fr-label" for=id.clone()>
                {libelle}
                {indice.map(|indice| view! { <span class="fr-hint-text">{indice}</span> })}
            </label>
            <select
                class="fr-select"
                class:fr-select--error=erreur
                id=id.clone()
                name=id
                aria-invalid=move || erreur().then_some("true")
                aria-describedby=id_messages.clone()
                on:change=move |ev| valeur.set(event_target_value(&ev))
            >
                <option
                    value=""
                    disabled=!vide_permis
                    hidden=!vide_permis
                    prop:selected=move || valeur.with(String::is_empty)
                >
                    {invite}
                </option>
                {options
                    .into_iter()
                    .map(|(option, libelle)| {
                        let choisie = option.clone();
                        view! {
                            <option value=option prop:selected=move || valeur.with(|v| *v == choisie)>
                                {libelle}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <Messages id=id_messages message/>
        </div>
    }
}

/// A single checkbox.
#[component]
pub fn Case(
    #[prop(into)] id: String,
    #[prop(into)] libelle: String,
    #[prop(optional, into)] indice: Option<String>,
    cochee: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="fr-checkbox-group fr-mb-3w">
            <input
                type="checkbox"
                id=id.clone()
                name=id.clone()
                prop:checked=move || cochee.get()
                on:change=move |ev| cochee.set(event_target_checked(&ev))
            />
            <label class="fr-label" for=id>
                {libelle}
                {indice.map(|indice| view! { <span class="fr-hint-text">{indice}</span> })}
            </label>
        </div>
    }
}

/// A group of checkboxes, one per value of a list (the standard's services, publics…): the values chosen.
#[component]
pub fn Cases(
    nom: &'static str,
    legende: &'static str,
    valeurs: &'static [&'static str],
    choisies: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="fr-fieldset" id=nom aria-labelledby=format!("{nom}-legende")>
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id=format!("{nom}-legende")>{legende}</legend>
            {valeurs.iter().enumerate().map(|(i, valeur)| {
                let id = format!("{nom}-{i}");
                let libelle = *valeur;
                let valeur = (*valeur).to_owned();
                let cochee = valeur.clone();
                view! {
                    <div class="fr-fieldset__element">
                        <div class="fr-checkbox-group fr-checkbox-group--sm">
                            <input type="checkbox" id=id.clone() name=nom
                                prop:checked=move || choisies.with(|c| c.contains(&cochee))
                                on:change=move |ev| {
                                    let coche = event_target_checked(&ev);
                                    choisies.update(|c| {
                                        c.retain(|v| *v != valeur);
                                        if coche {
                                            c.push(valeur.clone());
                                        }
                                    });
                                }/>
                            <label class="fr-label" for=id>{libelle}</label>
                        </div>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The account fields of a registration form: first and last name, email, password (with its length
/// shown as the person types, by the same minimum the server applies).
#[component]
pub fn ChampsCompte(
    prenom: RwSignal<String>,
    nom: RwSignal<String>,
    email: RwSignal<String>,
    mot_de_passe: RwSignal<String>,
) -> impl IntoView {
    use maillage_shared::compte::MOT_DE_PASSE_MIN;
    let message_mot_de_passe = Signal::derive(move || {
        let longueur = mot_de_passe.with(|m| m.chars().count());
        match longueur {
            0 => None,
            n if n < MOT_DE_PASSE_MIN => Some(Message::Info(format!(
                "{n} caractères sur les {MOT_DE_PASSE_MIN} demandés au minimum."
            ))),
            _ => Some(Message::Valide("Longueur suffisante.".to_owned())),
        }
    });
    view! {
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
                <ChampTexte id="prenom" libelle="Prénom" autocomplete="given-name" valeur=prenom requis=true/>
            </div>
            <div class="fr-col-12 fr-col-md-6">
                <ChampTexte id="nom" libelle="Nom" autocomplete="family-name" valeur=nom requis=true/>
            </div>
        </div>
        <ChampTexte
            id="email"
            libelle="Adresse électronique"
            indice="Format attendu : nom@domaine.fr. Elle vous servira à vous connecter."
            type_="email"
            autocomplete="email"
            valeur=email
            requis=true
        />
        <ChampTexte
            id="mot-de-passe"
            libelle="Mot de passe"
            indice=format!("{MOT_DE_PASSE_MIN} caractères au minimum.")
            type_="password"
            autocomplete="new-password"
            valeur=mot_de_passe
            message=message_mot_de_passe
            requis=true
        />
    }
}

/// The file chosen in a file input, at most `taille_max` bytes; otherwise the French sentence to show
/// (`trop_gros` says what to do with a file too large).
pub fn fichier_choisi(
    champ: NodeRef<leptos::html::Input>,
    taille_max: f64,
    trop_gros: &str,
) -> Result<web_sys::File, String> {
    let choisi = champ
        .get()
        .and_then(|champ| champ.files())
        .and_then(|liste| liste.get(0))
        .ok_or_else(|| "Choisissez un fichier CSV à importer.".to_owned())?;
    if choisi.size() > taille_max {
        return Err(trop_gros.to_owned());
    }
    Ok(choisi)
}

/// The bytes of a chosen file; `None` when the browser could not read it.
pub async fn octets_du_fichier(fichier: &web_sys::File) -> Option<Vec<u8>> {
    let tampon = wasm_bindgen_futures::JsFuture::from(fichier.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&tampon).to_vec())
}

/// The text of a chosen file, decoded as its spreadsheet wrote it (`maillage_shared::tableur::encodage`: a
/// French Excel saves Windows-1252 or UTF-16, not UTF-8) by the browser's own decoder; `None` when it is not
/// text in that encoding.
pub async fn texte_du_fichier(fichier: &web_sys::File) -> Option<String> {
    let octets = octets_du_fichier(fichier).await?;
    let (encodage, marque) = maillage_shared::tableur::encodage(&octets);
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decodeur = web_sys::TextDecoder::new_with_label_and_options(encodage.etiquette(), &options).ok()?;
    decodeur.decode_with_u8_array(&octets[marque..]).ok()
}
