//! The documents and the conversation of a candidature, under its form or its reading: the documents
//! attached and those its call still requires, then the messages between the structure, the préfecture and
//! ANCT with their documents. A file is checked in the browser with the server's own rule (its format read
//! from its content, 10 Mo at most) before it is sent, and the upload shows its progress.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::candidature::pieces::{
    Echange, LONGUEUR_MESSAGE_MAX, NaturePiece, TAILLE_MAX_PIECE, echange_permis, verifier_fichier,
};
use maillage_shared::format::taille;
use maillage_shared::role::Role;

use crate::api::ErreurApi;
use crate::api::candidatures::Candidature;
use crate::api::dossier::{Dossier, Piece, dossier, envoyer_message, joindre, retirer_piece};
use crate::components::confirmation::Confirmation;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, Liste, ZoneTexte, octets_du_fichier};
use crate::components::tableau::Tableau;
use crate::format::horodatage;

/// The formats the file fields offer (the server reads the real one from the content).
const FORMATS_ACCEPTES: &str = ".pdf,.odt,.docx,.png,.jpg,.jpeg,application/pdf,application/vnd.oasis.opendocument.text,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg";

/// The section, read again whenever the candidature's statut moves (what may be written changes with it).
/// The documents still required, once read, are given to the candidature the page holds: its « Avant de
/// déposer » list follows the attachments.
#[component]
pub fn PiecesEtEchanges(donnees: RwSignal<Candidature>, role: Option<Role>) -> impl IntoView {
    let statut = Memo::new(move |_| donnees.with(|c| c.statut));
    let id = donnees.with_untracked(|c| c.id.clone());
    let ressource = LocalResource::new(move || {
        statut.track();
        let id = id.clone();
        async move { dossier(&id).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(lu)) = ressource.get()
            && donnees.with_untracked(|c| c.pieces_manquantes != lu.pieces_manquantes)
        {
            donnees.update(|c| c.pieces_manquantes = lu.pieces_manquantes);
        }
    });
    // Outside what is drawn again once read: the news of the last action stays on screen.
    let annonce = RwSignal::new(None::<String>);
    let recharger = Callback::new(move |nouvelle: String| {
        annonce.set(Some(nouvelle));
        ressource.refetch();
    });
    view! {
        <AlerteSucces message=annonce/>
        {crate::components::chargement::afficher(ressource, move |lu| view! { <Contenu dossier=lu role recharger/> })}
    }
}

#[component]
fn Contenu(dossier: Dossier, role: Option<Role>, recharger: Callback<String>) -> impl IntoView {
    let statut = dossier.statut;
    let permis = |echange| role.is_some_and(|role| echange_permis(role, statut, echange).is_ok());
    let brouillon = statut == StatutCandidature::Brouillon;
    let retirable = brouillon && role == Some(Role::Structure);
    let manquantes = dossier.pieces_manquantes.clone();
    let candidature = dossier.id.clone();
    let pieces = dossier.pieces.clone();
    let a_retirer = RwSignal::new(None::<Piece>);
    let erreur = RwSignal::new(None::<String>);
    let retirer = move |()| {
        let Some(piece) = a_retirer.get_untracked() else {
            return;
        };
        a_retirer.set(None);
        spawn_local(async move {
            match retirer_piece(&piece.id).await {
                Ok(()) => recharger.run(format!("« {} » est retirée du dossier.", piece.nom)),
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    let lignes = pieces
        .into_iter()
        .map(|piece| {
            let a_confirmer = piece.clone();
            view! {
                <tr>
                    <td>{piece.libelle_nature.clone()}</td>
                    <td><LienPiece piece=piece.clone()/></td>
                    <td>{piece.role_deposant.libelle()}</td>
                    <td>{horodatage(&piece.deposee_le)}</td>
                    {retirable.then(|| view! {
                        <td>
                            <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm"
                                on:click=move |_| a_retirer.set(Some(a_confirmer.clone()))>
                                "Retirer"
                                <span class="fr-sr-only">{format!(" « {} »", piece.nom)}</span>
                            </button>
                        </td>
                    })}
                </tr>
            }
        })
        .collect_view();
    let vide = dossier.pieces.is_empty();
    let mut colonnes = vec![
        ("Pièce", false),
        ("Document", false),
        ("Jointe par", false),
        ("Le", false),
    ];
    if retirable {
        colonnes.push(("Action", false));
    }
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-pieces">
            <h2 id="titre-pieces" class="fr-h5">"Pièces du dossier"</h2>
            {(!manquantes.is_empty() && brouillon).then(|| view! {
                <div class="fr-callout fr-mb-3w">
                    <p class="fr-callout__text">"L’appel demande encore, avant le dépôt :"</p>
                    <ul>
                        {manquantes.iter().map(|nature| view! { <li>{nature.libelle()}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            {if vide {
                view! { <p>"Aucune pièce jointe pour l’instant."</p> }.into_any()
            } else {
                view! { <Tableau legende="Pièces jointes au dossier" colonnes>{lignes}</Tableau> }.into_any()
            }}
            <AlerteErreur message=erreur/>
            {(brouillon && permis(Echange::Piece)).then(|| view! {
                <AjoutPiece candidature=candidature.clone() manquantes=manquantes.clone() recharger/>
            })}
            {move || a_retirer.get().map(|piece| view! {
                <Confirmation
                    id="confirmation-retrait-piece"
                    titre=format!("Retirer « {} » du dossier ?", piece.nom)
                    explication="Le fichier sera supprimé ; vous pourrez en joindre un autre avant le dépôt."
                    oui="Oui, retirer"
                    confirmer=Callback::new(retirer)
                    annuler=Callback::new(move |()| a_retirer.set(None))
                />
            })}
        </section>
        {(!brouillon).then(|| view! {
            <Echanges dossier=dossier.clone() ecrire=permis(Echange::Message) role recharger/>
        })}
    }
}

/// A document to download: its name, format and size.
#[component]
fn LienPiece(piece: Piece) -> impl IntoView {
    let format = piece.format.as_str();
    let poids = taille(u64::try_from(piece.taille).unwrap_or_default());
    view! {
        <a class="fr-link fr-link--download" href=piece.url.clone() download=piece.nom.clone()>
            {piece.nom.clone()}
            <span class="fr-link__detail">{format!("{format} – {poids}")}</span>
        </a>
    }
}

/// The messages, oldest first, and the form to write one.
#[component]
fn Echanges(
    dossier: Dossier,
    ecrire: bool,
    role: Option<Role>,
    recharger: Callback<String>,
) -> impl IntoView {
    let messages = dossier.messages.clone();
    let vide = messages.is_empty();
    let fil = messages
        .into_iter()
        .map(|message| {
            let auteur = message
                .auteur
                .clone()
                .map(|nom| format!(" — {nom}"))
                .unwrap_or_default();
            view! {
                <li class="maillage-historique__etape">
                    <p class="fr-text--xs fr-mb-0">
                        {horodatage(&message.envoye_le)} " — " {message.role.libelle()} {auteur}
                    </p>
                    <p class="fr-mb-1w maillage-texte">{message.texte.clone()}</p>
                    {(!message.pieces.is_empty()).then(|| view! {
                        <ul class="fr-mb-1w">
                            {message.pieces.iter().map(|piece| view! {
                                <li><LienPiece piece=piece.clone()/></li>
                            }).collect_view()}
                        </ul>
                    })}
                </li>
            }
        })
        .collect_view();
    let destinataires = match role {
        Some(Role::Structure) => {
            "la préfecture de votre département et les agents de l’ANCT qui suivent le dossier"
        }
        Some(Role::Prefecture) => "la structure et les agents de l’ANCT qui suivent le dossier",
        _ => "la structure et la préfecture de son département",
    };
    view! {
        <section id="messages" class="fr-mb-4w" aria-labelledby="titre-messages" tabindex="-1">
            <h2 id="titre-messages" class="fr-h5">"Échanges"</h2>
            {if vide {
                view! { <p>"Aucun message pour l’instant."</p> }.into_any()
            } else {
                view! { <ol class="maillage-historique">{fil}</ol> }.into_any()
            }}
            {ecrire.then(|| view! {
                <NouveauMessage candidature=dossier.id.clone() destinataires recharger/>
            })}
        </section>
    }
}

/// Reads the chosen file and checks it with the server's rule; the file and its bytes' check, or why not.
async fn fichier_verifie(champ: NodeRef<leptos::html::Input>) -> Result<Option<web_sys::File>, String> {
    let Some(fichier) = champ
        .get_untracked()
        .and_then(|c| c.files())
        .and_then(|l| l.get(0))
    else {
        return Ok(None);
    };
    if fichier.size() > TAILLE_MAX_PIECE as f64 {
        return Err(format!(
            "« {} » pèse {} : 10 Mo au plus.",
            fichier.name(),
            taille(fichier.size() as u64)
        ));
    }
    let octets = octets_du_fichier(&fichier)
        .await
        .ok_or_else(|| format!("« {} » n’a pas pu être lu.", fichier.name()))?;
    verifier_fichier(&octets).map_err(|refus| format!("« {} » : {}", fichier.name(), refus.message()))?;
    Ok(Some(fichier))
}

/// The upload's progress, announced.
#[component]
fn Progression(id: &'static str, envoi: RwSignal<Option<u32>>) -> impl IntoView {
    view! {
        <div role="status">
            {move || envoi.get().map(|pourcent| view! {
                <p class="fr-mb-1w" id=id>{format!("Envoi du fichier : {pourcent} %")}</p>
                <progress class="maillage-progression" max="100" value=pourcent aria-labelledby=id>
                    {format!("{pourcent} %")}
                </progress>
            })}
        </div>
    }
}

/// The natures a structure attaches to its draft, those the call still requires first.
fn natures_proposees(manquantes: &[NaturePiece]) -> Vec<(String, String)> {
    let mut natures: Vec<NaturePiece> = manquantes.to_vec();
    natures.extend(
        NaturePiece::ALL
            .into_iter()
            .filter(|n| *n != NaturePiece::Courrier && !manquantes.contains(n)),
    );
    natures
        .into_iter()
        .map(|n| (n.as_str().to_owned(), n.libelle().to_owned()))
        .collect()
}

/// Sends a checked file as a document of the candidature, reporting the upload's share in `envoi`.
async fn envoyer_fichier(
    candidature: &str,
    nature: NaturePiece,
    fichier: web_sys::File,
    envoi: RwSignal<Option<u32>>,
) -> Result<String, ErreurApi> {
    envoi.set(Some(0));
    let suivi = move |part: f64| envoi.set(Some((part * 100.0).round().clamp(0.0, 100.0) as u32));
    let resultat = joindre(candidature, nature, fichier, suivi).await;
    envoi.set(None);
    resultat.map(|piece| piece.id)
}

/// The structure attaches a document to its draft.
#[component]
fn AjoutPiece(
    candidature: String,
    manquantes: Vec<NaturePiece>,
    recharger: Callback<String>,
) -> impl IntoView {
    let nature = RwSignal::new(
        manquantes
            .first()
            .map(|n| n.as_str().to_owned())
            .unwrap_or_default(),
    );
    let fichier = NodeRef::<leptos::html::Input>::new();
    let erreur = RwSignal::new(None::<String>);
    let envoi = RwSignal::new(None::<u32>);
    let candidature = StoredValue::new(candidature);
    let soumettre = move |ev: SubmitEvent| {
        ev.prevent_default();
        if envoi.get_untracked().is_some() {
            return;
        }
        erreur.set(None);
        let Some(choisie) = NaturePiece::parse(&nature.get_untracked()) else {
            erreur.set(Some("Choisissez ce qu’est la pièce.".to_owned()));
            return;
        };
        spawn_local(async move {
            let fichier = match fichier_verifie(fichier).await {
                Ok(Some(f)) => f,
                Ok(None) => {
                    erreur.set(Some("Choisissez le fichier à joindre.".to_owned()));
                    return;
                }
                Err(probleme) => {
                    erreur.set(Some(probleme));
                    return;
                }
            };
            let nom = fichier.name();
            match envoyer_fichier(&candidature.get_value(), choisie, fichier, envoi).await {
                Ok(_) => recharger.run(format!(
                    "« {nom} » est jointe au dossier ({}).",
                    choisie.libelle().to_lowercase()
                )),
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <form on:submit=soumettre novalidate class="fr-mt-3w">
            <h3 class="fr-h6">"Joindre une pièce"</h3>
            <Liste id="piece-nature" libelle="Ce qu’est la pièce" options=natures_proposees(&manquantes) valeur=nature/>
            <div class="fr-upload-group fr-mb-2w">
                <label class="fr-label" for="piece-fichier">
                    "Fichier"
                    <span class="fr-hint-text">"PDF, ODT, DOCX, PNG ou JPEG, 10 Mo au plus."</span>
                </label>
                <input class="fr-upload" type="file" id="piece-fichier" accept=FORMATS_ACCEPTES node_ref=fichier/>
            </div>
            <Progression id="piece-progression" envoi/>
            <AlerteErreur message=erreur/>
            <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || envoi.get().is_some()>
                "Joindre la pièce"
            </button>
        </form>
    }
}

/// A message, with a document if the writer attaches one.
#[component]
fn NouveauMessage(
    candidature: String,
    destinataires: &'static str,
    recharger: Callback<String>,
) -> impl IntoView {
    let texte = RwSignal::new(String::new());
    let nature = RwSignal::new(NaturePiece::Autre.as_str().to_owned());
    let fichier = NodeRef::<leptos::html::Input>::new();
    let erreur = RwSignal::new(None::<String>);
    let envoi = RwSignal::new(None::<u32>);
    let en_cours = RwSignal::new(false);
    let candidature = StoredValue::new(candidature);
    let natures: Vec<(String, String)> = NaturePiece::ALL
        .into_iter()
        .map(|n| (n.as_str().to_owned(), n.libelle().to_owned()))
        .collect();
    let soumettre = move |ev: SubmitEvent| {
        ev.prevent_default();
        if en_cours.get_untracked() {
            return;
        }
        erreur.set(None);
        let message = texte.get_untracked().trim().to_owned();
        if message.is_empty() {
            erreur.set(Some("Écrivez votre message.".to_owned()));
            return;
        }
        let choisie = NaturePiece::parse(&nature.get_untracked()).unwrap_or(NaturePiece::Autre);
        en_cours.set(true);
        spawn_local(async move {
            let candidature = candidature.get_value();
            let resultat = async {
                let mut pieces = Vec::new();
                if let Some(f) = fichier_verifie(fichier).await? {
                    pieces.push(
                        envoyer_fichier(&candidature, choisie, f, envoi)
                            .await
                            .map_err(|refus| refus.message())?,
                    );
                }
                envoyer_message(&candidature, &message, pieces)
                    .await
                    .map_err(|refus| refus.message())
            };
            match resultat.await {
                Ok(()) => {
                    texte.set(String::new());
                    recharger.run(format!("Votre message est envoyé à {destinataires}."));
                }
                Err(probleme) => erreur.set(Some(probleme)),
            }
            en_cours.set(false);
        });
    };
    view! {
        <form on:submit=soumettre novalidate class="fr-mt-3w">
            <h3 class="fr-h6">"Écrire un message"</h3>
            <p class="fr-text--sm">{format!("Il est envoyé à {destinataires}, avec un courriel.")}</p>
            <ZoneTexte id="message-texte" libelle="Votre message"
                indice=format!("{LONGUEUR_MESSAGE_MAX} caractères au plus.")
                valeur=texte lignes=4 longueur_max=LONGUEUR_MESSAGE_MAX requis=true/>
            <div class="fr-upload-group fr-mb-2w">
                <label class="fr-label" for="message-fichier">
                    "Joindre un document (facultatif)"
                    <span class="fr-hint-text">"PDF, ODT, DOCX, PNG ou JPEG, 10 Mo au plus."</span>
                </label>
                <input class="fr-upload" type="file" id="message-fichier" accept=FORMATS_ACCEPTES node_ref=fichier/>
            </div>
            <Liste id="message-nature" libelle="Ce qu’est le document joint" options=natures valeur=nature/>
            <Progression id="message-progression" envoi/>
            <AlerteErreur message=erreur/>
            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>"Envoyer le message"</button>
        </form>
    }
}
