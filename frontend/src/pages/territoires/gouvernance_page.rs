//! `/gouvernances/:code`: the local gouvernance of a département as its préfecture registers it — members
//! and co-porteurs, comités, feuilles de route and their actions. Anyone reads it; the préfecture of the
//! département keeps it current here; the State's agents read its history.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::gouvernance::{
    ActionFeuilleDeRoute, BesoinAction, FrequenceComite, NatureCollectivite, PerimetreFeuilleDeRoute,
    TypeComite, verifier_action_feuille, verifier_comite, verifier_feuille_de_route,
};
use maillage_shared::role::Role;
use maillage_shared::structure::Siret;

use super::code_de_la_route;
use crate::api::ErreurApi;
use crate::api::gouvernance::{
    self as api, FeuilleDeRoute, Gouvernance, Membre, NouveauMembre, besoins_lisibles,
};
use crate::components::chargement::{afficher_page, titre};
use crate::components::confirmation::Confirmation;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, Case, ChampTexte, Liste, Radios, ZoneTexte};
use crate::components::tableau::Tableau;
use crate::format::{date, euros, horodatage};
use crate::session::session;

/// The gouvernance page of a département.
#[component]
pub fn GouvernancePage() -> impl IntoView {
    let code = code_de_la_route();
    let ressource = LocalResource::new({
        let code = code.clone();
        move || {
            let code = code();
            async move { api::lire(&code).await }
        }
    });
    afficher_page(ressource, move |(gouvernance, nom)| {
        let code = code();
        let nom = nom.unwrap_or_else(|| code.clone());
        view! { <Contenu gouvernance nom/> }
    })
}

/// What the page holds, and who may change it.
#[component]
fn Contenu(gouvernance: Gouvernance, nom: String) -> impl IntoView {
    let intitule = format!("Gouvernance locale — {nom} ({})", gouvernance.departement_code);
    titre(&intitule);
    let departement = gouvernance.departement_code.clone();
    let session = session();
    let (prefecture, agent) = session.moi.with_untracked(|moi| {
        let role = moi.as_ref().and_then(|moi| moi.role_actif.clone());
        let prefecture = role.as_ref().is_some_and(|r| {
            r.role == Role::Prefecture && r.departement_code.as_deref() == Some(departement.as_str())
        });
        let agent = role
            .as_ref()
            .is_some_and(|r| matches!(r.role, Role::Prefecture | Role::Sgar | Role::Hub | Role::Anct));
        (prefecture, agent)
    });
    let donnees = RwSignal::new(gouvernance);
    let erreur = RwSignal::new(None::<String>);
    let annonce = RwSignal::new(None::<String>);
    // A change sent: the answer replaces the gouvernance, or its refusal is said where the eye is.
    let envoyer = Callback::new(move |(requete, message): Changement| {
        erreur.set(None);
        spawn_local(async move {
            match requete.await {
                Ok(nouvelle) => {
                    donnees.set(nouvelle);
                    annonce.set(Some(message));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    });
    let retrait = RwSignal::new(None::<Retrait>);
    let ctx = Edition {
        departement: StoredValue::new(departement.clone()),
        donnees,
        envoyer,
        prefecture,
        retrait,
    };
    let confirmer = move |()| {
        let Some(Retrait { objet, fait, .. }) = retrait.get_untracked() else {
            return;
        };
        retrait.set(None);
        ctx.envoyer(
            async move {
                match objet {
                    Objet::Membre(id) => api::retirer_membre(&id).await,
                    Objet::Comite(id) => api::retirer_comite(&id).await,
                    Objet::Feuille(id) => api::retirer_feuille(&id).await,
                    Objet::Action(id) => api::retirer_action(&id).await,
                    Objet::Accueil(id) => api::retirer_structure_d_accueil(&id).await,
                }
            },
            fait,
        );
    };

    view! {
        <FilAriane
            parents=vec![
                ("Territoires".to_owned(), "/territoires".to_owned()),
                (nom.clone(), format!("/territoires/departements/{departement}")),
            ]
            actuel="Gouvernance locale".to_owned()
        />
        <h1>{intitule}</h1>
        <p class="fr-text--lead">
            "La gouvernance France Numérique Ensemble du département, telle que la préfecture l’enregistre : "
            "ses membres et co-porteurs, ses comités, ses feuilles de route. Les candidatures s’y articulent."
        </p>
        <p class="fr-text--sm">
            {move || donnees.with(|g| match &g.modifiee_le {
                Some(le) => format!("Mise à jour le {}.", horodatage(le)),
                None => "La préfecture n’a encore rien enregistré.".to_owned(),
            })}
        </p>
        <div role="status">
            {move || annonce.get().map(|texte| view! {
                <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w"><p>{texte}</p></div>
            })}
        </div>
        <AlerteErreur message=erreur/>
        <Note ctx/>
        <Membres ctx/>
        <Comites ctx/>
        <Feuilles ctx/>
        {agent.then(|| view! { <StructuresDAccueil ctx/> })}
        {agent.then(|| view! { <Historique departement=departement.clone() donnees/> })}
        {move || retrait.get().map(|Retrait { question, .. }| view! {
            <Confirmation
                id="confirmation-retrait"
                titre=question
                explication="Le retrait figure à l’historique de la gouvernance ; il ne s’annule pas."
                oui="Oui, retirer"
                confirmer=Callback::new(confirmer)
                annuler=Callback::new(move |()| retrait.set(None))
            />
        })}
    }
}

/// A change on its way to the server, and what to say once it is done.
type Changement = (
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Gouvernance, ErreurApi>>>>,
    String,
);

/// What every part of the page shares: the gouvernance, how a change is sent, whether the caller keeps it.
#[derive(Clone, Copy)]
struct Edition {
    departement: StoredValue<String>,
    donnees: RwSignal<Gouvernance>,
    envoyer: Callback<Changement>,
    prefecture: bool,
    /// A removal waiting for its confirmation.
    retrait: RwSignal<Option<Retrait>>,
}

/// What a removal takes away, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Objet {
    Membre(String),
    Comite(String),
    Feuille(String),
    Action(String),
    Accueil(String),
}

/// A removal the préfecture asked for: the question naming what goes, then what is said once done.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Retrait {
    objet: Objet,
    question: String,
    fait: String,
}

impl Edition {
    /// Asks for the confirmation of a removal.
    fn retirer(&self, objet: Objet, question: String, fait: String) {
        self.retrait.set(Some(Retrait {
            objet,
            question,
            fait,
        }));
    }

    fn envoyer(
        &self,
        requete: impl std::future::Future<Output = Result<Gouvernance, ErreurApi>> + 'static,
        message: impl Into<String>,
    ) {
        self.envoyer.run((Box::pin(requete), message.into()));
    }
}

/// The note of context.
#[component]
fn Note(ctx: Edition) -> impl IntoView {
    let texte = RwSignal::new(ctx.donnees.with_untracked(|g| g.note_de_contexte.clone()));
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-note">
            <h2 id="titre-note" class="fr-h4">"Contexte"</h2>
            {if ctx.prefecture {
                view! {
                    <form on:submit=move |ev| {
                        ev.prevent_default();
                        let departement = ctx.departement.get_value();
                        let note = texte.get_untracked();
                        ctx.envoyer(async move { api::modifier_note(&departement, &note).await }, "Note de contexte enregistrée.");
                    } novalidate>
                        <ZoneTexte
                            id="gouvernance-note"
                            libelle="Note de contexte"
                            indice="Ce qui situe la gouvernance : son histoire, ses priorités. 5 000 caractères au plus."
                            valeur=texte
                            longueur_max=maillage_shared::gouvernance::TEXTE_MAX
                        />
                        <button class="fr-btn fr-btn--secondary" type="submit">"Enregistrer la note"</button>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    <p class="maillage-texte">
                        {move || ctx.donnees.with(|g| if g.note_de_contexte.is_empty() {
                            "Aucune note de contexte.".to_owned()
                        } else {
                            g.note_de_contexte.clone()
                        })}
                    </p>
                }
                .into_any()
            }}
        </section>
    }
}

fn identite(membre: &Membre) -> String {
    match (&membre.siret, membre.nature_collectivite, &membre.code_territoire) {
        (Some(siret), _, _) => format!("Structure — SIRET {siret}"),
        (None, Some(nature), Some(code)) => format!("{} — {code}", nature.libelle()),
        _ => "—".to_owned(),
    }
}

/// The members, co-porteurs first; the préfecture adds, designates and removes them.
#[component]
fn Membres(ctx: Edition) -> impl IntoView {
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-membres">
            <h2 id="titre-membres" class="fr-h4">"Membres"</h2>
            {move || {
                let membres = ctx.donnees.with(|g| g.membres.clone());
                if membres.is_empty() {
                    return view! { <p>"Aucun membre enregistré."</p> }.into_any();
                }
                let mut colonnes = vec![("Membre", false), ("Identifiant", false), ("Rôle", false)];
                if ctx.prefecture {
                    colonnes.push(("Actions", false));
                }
                view! {
                    <Tableau legende="Membres de la gouvernance" colonnes>
                        {membres.into_iter().map(|membre| {
                            let id = membre.id.clone();
                            let nom = membre.nom.clone();
                            let co_porteur = membre.co_porteur;
                            view! {
                                <tr>
                                    <td>{membre.nom.clone()}</td>
                                    <td>{identite(&membre)}</td>
                                    <td>{if co_porteur { "Co-porteur" } else { "Membre" }}</td>
                                    {ctx.prefecture.then(|| {
                                        let (id_retrait, nom_retrait) = (id.clone(), nom.clone());
                                        view! {
                                            <td>
                                                <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary fr-mr-1w"
                                                    on:click=move |_| {
                                                        let id = id.clone();
                                                        let message = if co_porteur {
                                                            format!("{nom} n’est plus co-porteur.")
                                                        } else {
                                                            format!("{nom} est désormais co-porteur.")
                                                        };
                                                        ctx.envoyer(async move { api::designer_co_porteur(&id, !co_porteur).await }, message);
                                                    }>
                                                    {if co_porteur { "Ne plus désigner co-porteur" } else { "Désigner co-porteur" }}
                                                    <span class="fr-sr-only">{format!(" : {}", membre.nom)}</span>
                                                </button>
                                                <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary"
                                                    on:click=move |_| ctx.retirer(
                                                        Objet::Membre(id_retrait.clone()),
                                                        format!("Retirer {nom_retrait} de la gouvernance ?"),
                                                        format!("{nom_retrait} est retiré de la gouvernance."),
                                                    )>
                                                    "Retirer"
                                                    <span class="fr-sr-only">{format!(" {}", membre.nom)}</span>
                                                </button>
                                            </td>
                                        }
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </Tableau>
                }
                .into_any()
            }}
            {ctx.prefecture.then(|| view! { <AjoutMembre ctx/> })}
        </section>
    }
}

/// The structures the préfecture identifies as able to host a coordinator, for the agents of the
/// territory (an agent of another one reads nothing here); the préfecture adds and removes them.
#[component]
fn StructuresDAccueil(ctx: Edition) -> impl IntoView {
    let liste = LocalResource::new(move || {
        let departement = ctx.departement.get_value();
        // Each change of the gouvernance reads the list again.
        ctx.donnees.track();
        async move { api::structures_d_accueil(&departement).await }
    });
    let siret = RwSignal::new(String::new());
    let nom = RwSignal::new(String::new());
    let commentaire = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let designer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let choisi = match Siret::parse(&siret.get_untracked()) {
            Ok(choisi) => choisi.as_str().to_owned(),
            Err(refus) => {
                erreur.set(Some(refus.to_string()));
                return;
            }
        };
        erreur.set(None);
        let (departement, nom_saisi, pourquoi) = (
            ctx.departement.get_value(),
            nom.get_untracked(),
            commentaire.get_untracked(),
        );
        siret.set(String::new());
        nom.set(String::new());
        commentaire.set(String::new());
        ctx.envoyer(
            async move { api::designer_structure_d_accueil(&departement, &choisi, &nom_saisi, &pourquoi).await },
            "Structure identifiée ; si elle est inscrite sur Maillage, elle en est prévenue.",
        );
    };
    view! {
        {move || match liste.get() {
            Some(Ok(structures)) => Some(view! {
                <section class="fr-mb-4w" aria-labelledby="titre-accueil">
                    <h2 id="titre-accueil" class="fr-h4">"Structures pouvant accueillir un coordinateur"</h2>
                    <p>
                        "Les structures que la préfecture identifie pour accueillir un conseiller numérique "
                        "coordinateur. Lue par la préfecture, le SGAR, le hub et l’ANCT ; chaque candidature indique "
                        "si sa structure y figure."
                    </p>
                    {if structures.is_empty() {
                        view! { <p>"Aucune structure identifiée."</p> }.into_any()
                    } else {
                        let mut colonnes = vec![("Structure", false), ("SIRET", false), ("Pourquoi", false), ("Identifiée le", false)];
                        if ctx.prefecture {
                            colonnes.push(("Actions", false));
                        }
                        view! {
                            <Tableau legende="Structures pouvant accueillir un coordinateur" colonnes>
                                {structures.into_iter().map(|s| {
                                    let (id, nom_retrait) = (s.id.clone(), s.nom.clone());
                                    view! {
                                        <tr>
                                            <td>{s.nom.clone()}</td>
                                            <td>{s.siret.clone()}</td>
                                            <td>{s.commentaire.clone()}</td>
                                            <td>{horodatage(&s.designee_le)}</td>
                                            {ctx.prefecture.then(|| view! {
                                                <td>
                                                    <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary"
                                                        on:click=move |_| ctx.retirer(
                                                            Objet::Accueil(id.clone()),
                                                            format!("Retirer {nom_retrait} des structures pouvant accueillir ?"),
                                                            format!("{nom_retrait} n’est plus identifiée."),
                                                        )>
                                                        "Retirer"
                                                        <span class="fr-sr-only">{format!(" {}", s.nom)}</span>
                                                    </button>
                                                </td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </Tableau>
                        }.into_any()
                    }}
                    {ctx.prefecture.then(|| view! {
                        <form on:submit=designer novalidate>
                            <div class="fr-grid-row fr-grid-row--gutters">
                                <div class="fr-col-12 fr-col-md-6">
                                    <ChampTexte id="accueil-siret" libelle="SIRET de la structure" valeur=siret requis=true
                                        indice="14 chiffres ; le nom est repris de Maillage si elle y est inscrite."/>
                                </div>
                                <div class="fr-col-12 fr-col-md-6">
                                    <ChampTexte id="accueil-nom" libelle="Nom (si elle n’est pas inscrite)" valeur=nom/>
                                </div>
                            </div>
                            <ZoneTexte id="accueil-commentaire" libelle="Pourquoi (facultatif)" valeur=commentaire lignes=2
                                longueur_max=2000/>
                            <AlerteErreur message=erreur/>
                            <button class="fr-btn fr-btn--secondary" type="submit">"Identifier la structure"</button>
                        </form>
                    })}
                </section>
            }),
            // An agent of another territory: nothing to read here.
            _ => None,
        }}
    }
}

/// Adds a structure by SIRET or a collectivité by its territory.
#[component]
fn AjoutMembre(ctx: Edition) -> impl IntoView {
    let sorte = RwSignal::new(Some("structure".to_owned()));
    let siret = RwSignal::new(String::new());
    let nom = RwSignal::new(String::new());
    let nature = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let co_porteur = RwSignal::new(false);
    let erreur = RwSignal::new(None::<String>);
    let ajouter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let membre = if sorte.get_untracked().as_deref() == Some("structure") {
            match Siret::parse(&siret.get_untracked()) {
                Ok(siret) => NouveauMembre::Structure {
                    siret: siret.as_str().to_owned(),
                    nom: nom.get_untracked(),
                },
                Err(refus) => {
                    erreur.set(Some(refus.to_string()));
                    return;
                }
            }
        } else {
            let Some(nature) = NatureCollectivite::parse(&nature.get_untracked()) else {
                erreur.set(Some("Choisissez la nature de la collectivité.".to_owned()));
                return;
            };
            let texte = code.get_untracked();
            if texte.trim().is_empty() {
                erreur.set(Some("Indiquez le code de son territoire.".to_owned()));
                return;
            }
            NouveauMembre::Collectivite {
                nature,
                code: texte.trim().to_owned(),
            }
        };
        erreur.set(None);
        let departement = ctx.departement.get_value();
        let co = co_porteur.get_untracked();
        siret.set(String::new());
        nom.set(String::new());
        code.set(String::new());
        co_porteur.set(false);
        ctx.envoyer(
            async move { api::ajouter_membre(&departement, membre, co).await },
            "Membre ajouté.",
        );
    };
    view! {
        <form on:submit=ajouter novalidate class="fr-mt-3w">
            <h3 class="fr-h5">"Ajouter un membre"</h3>
            <Radios
                nom="membre-sorte"
                legende="Le membre est"
                options=vec![
                    ("structure".to_owned(), "Une structure (par son SIRET)".to_owned()),
                    ("collectivite".to_owned(), "Une collectivité (par son territoire)".to_owned()),
                ]
                choix=sorte
                en_ligne=true
            />
            {move || if sorte.get().as_deref() == Some("structure") {
                view! {
                    <ChampTexte id="membre-siret" libelle="SIRET" indice="14 chiffres" valeur=siret/>
                    <ChampTexte id="membre-nom" libelle="Nom" indice="Seulement si la structure n’est pas inscrite sur Maillage." valeur=nom/>
                }
                .into_any()
            } else {
                view! {
                    <Liste
                        id="membre-nature"
                        libelle="Nature de la collectivité"
                        options=NatureCollectivite::ALL.into_iter().map(|n| (n.as_str().to_owned(), n.libelle().to_owned())).collect()
                        valeur=nature
                    />
                    <ChampTexte
                        id="membre-code"
                        libelle="Code du territoire"
                        indice="Code INSEE de la commune, du département ou de la région ; SIREN de l’intercommunalité (9 chiffres)."
                        valeur=code
                    />
                }
                .into_any()
            }}
            <Case id="membre-co-porteur" libelle="Co-porteur de la gouvernance" cochee=co_porteur/>
            <AlerteErreur message=erreur/>
            <button class="fr-btn" type="submit">"Ajouter le membre"</button>
        </form>
    }
}

/// The comités; the préfecture adds and removes them.
#[component]
fn Comites(ctx: Edition) -> impl IntoView {
    let type_comite = RwSignal::new(String::new());
    let frequence = RwSignal::new(String::new());
    let prochaine = RwSignal::new(String::new());
    let commentaire = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let ajouter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(t), Some(f)) = (
            TypeComite::parse(&type_comite.get_untracked()),
            FrequenceComite::parse(&frequence.get_untracked()),
        ) else {
            erreur.set(Some("Choisissez le type et la fréquence du comité.".to_owned()));
            return;
        };
        let date = NaiveDate::parse_from_str(&prochaine.get_untracked(), "%Y-%m-%d").ok();
        let texte = commentaire.get_untracked();
        if let Some(aujourd_hui) = crate::format::aujourd_hui() {
            let problemes = verifier_comite(date, &texte, aujourd_hui);
            if !problemes.is_empty() {
                erreur.set(Some(format!("Comité refusé : {}.", problemes.join(" ; "))));
                return;
            }
        }
        erreur.set(None);
        let departement = ctx.departement.get_value();
        ctx.envoyer(
            async move { api::ajouter_comite(&departement, t, f, date, &texte).await },
            "Comité ajouté.",
        );
    };
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-comites">
            <h2 id="titre-comites" class="fr-h4">"Comités"</h2>
            {move || {
                let comites = ctx.donnees.with(|g| g.comites.clone());
                if comites.is_empty() {
                    return view! { <p>"Aucun comité enregistré."</p> }.into_any();
                }
                view! {
                    <ul>
                        {comites.into_iter().map(|comite| {
                            let id = comite.id.clone();
                            let libelle = format!("Comité {}", comite.type_.libelle().to_lowercase());
                            view! {
                                <li>
                                    <span class="fr-text--bold">{libelle.clone()}</span>
                                    {format!(
                                        " — {}{}",
                                        comite.frequence.libelle().to_lowercase(),
                                        comite.prochaine_reunion.map(|d| format!(", prochaine réunion le {}", date(d))).unwrap_or_default()
                                    )}
                                    {(!comite.commentaire.is_empty()).then(|| view! { <p class="fr-text--sm fr-mb-0">{comite.commentaire.clone()}</p> })}
                                    {ctx.prefecture.then(|| view! {
                                        <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary fr-ml-1w"
                                            on:click={
                                                let libelle = libelle.clone();
                                                move |_| ctx.retirer(
                                                    Objet::Comite(id.clone()),
                                                    format!("Retirer le {} ?", libelle.to_lowercase()),
                                                    "Comité retiré.".to_owned(),
                                                )
                                            }>
                                            "Retirer"
                                            <span class="fr-sr-only">{format!(" le {}", libelle.to_lowercase())}</span>
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {ctx.prefecture.then(|| view! {
                <form on:submit=ajouter novalidate class="fr-mt-3w">
                    <h3 class="fr-h5">"Ajouter un comité"</h3>
                    <Liste id="comite-type" libelle="Type" valeur=type_comite
                        options=TypeComite::ALL.into_iter().map(|t| (t.as_str().to_owned(), t.libelle().to_owned())).collect()/>
                    <Liste id="comite-frequence" libelle="Fréquence" valeur=frequence
                        options=FrequenceComite::ALL.into_iter().map(|f| (f.as_str().to_owned(), f.libelle().to_owned())).collect()/>
                    <ChampTexte id="comite-date" libelle="Prochaine réunion" indice="Facultatif ; à venir." type_="date" valeur=prochaine/>
                    <ZoneTexte id="comite-commentaire" libelle="Commentaire" valeur=commentaire longueur_max=maillage_shared::gouvernance::TEXTE_MAX/>
                    <AlerteErreur message=erreur/>
                    <button class="fr-btn" type="submit">"Ajouter le comité"</button>
                </form>
            })}
        </section>
    }
}

/// The feuilles de route and their actions.
#[component]
fn Feuilles(ctx: Edition) -> impl IntoView {
    let nom = RwSignal::new(String::new());
    let perimetre = RwSignal::new(String::new());
    let porteur = RwSignal::new(String::new());
    let contexte = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let ajouter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(p) = PerimetreFeuilleDeRoute::parse(&perimetre.get_untracked()) else {
            erreur.set(Some("Choisissez le périmètre de la feuille de route.".to_owned()));
            return;
        };
        let (n, c) = (nom.get_untracked(), contexte.get_untracked());
        let problemes = verifier_feuille_de_route(&n, &c);
        if !problemes.is_empty() {
            erreur.set(Some(format!(
                "Feuille de route refusée : {}.",
                problemes.join(" ; ")
            )));
            return;
        }
        erreur.set(None);
        let porteur = Some(porteur.get_untracked()).filter(|p| !p.is_empty());
        let departement = ctx.departement.get_value();
        nom.set(String::new());
        ctx.envoyer(
            async move { api::ajouter_feuille(&departement, &n, p, porteur, &c).await },
            "Feuille de route ajoutée.",
        );
    };
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-feuilles">
            <h2 id="titre-feuilles" class="fr-h4">"Feuilles de route"</h2>
            {move || {
                let feuilles = ctx.donnees.with(|g| g.feuilles_de_route.clone());
                if feuilles.is_empty() {
                    return view! { <p>"Aucune feuille de route enregistrée."</p> }.into_any();
                }
                feuilles.into_iter().map(|feuille| view! { <Feuille ctx feuille/> }).collect_view().into_any()
            }}
            {ctx.prefecture.then(|| view! {
                <form on:submit=ajouter novalidate class="fr-mt-3w">
                    <h3 class="fr-h5">"Ajouter une feuille de route"</h3>
                    <ChampTexte id="feuille-nom" libelle="Nom" valeur=nom/>
                    <Liste id="feuille-perimetre" libelle="Périmètre" valeur=perimetre
                        options=PerimetreFeuilleDeRoute::ALL.into_iter().map(|p| (p.as_str().to_owned(), p.libelle().to_owned())).collect()/>
                    {move || view! {
                        <Liste id="feuille-porteur" libelle="Membre porteur" invite="Aucun" vide_permis=true valeur=porteur
                            options=ctx.donnees.with(|g| g.membres.iter().map(|m| (m.id.clone(), m.nom.clone())).collect())/>
                    }}
                    <ZoneTexte id="feuille-contexte" libelle="Note de contextualisation" valeur=contexte longueur_max=maillage_shared::gouvernance::TEXTE_MAX/>
                    <AlerteErreur message=erreur/>
                    <button class="fr-btn" type="submit">"Ajouter la feuille de route"</button>
                </form>
            })}
        </section>
    }
}

/// One feuille de route, its actions, and for the préfecture the form of a new action.
#[component]
fn Feuille(ctx: Edition, feuille: FeuilleDeRoute) -> impl IntoView {
    let id_feuille = feuille.id.clone();
    let titre_id = format!("feuille-{}", feuille.id);
    let etiquette = titre_id.clone();
    view! {
        <article class="fr-mb-3w" aria-labelledby=etiquette>
            <h3 id=titre_id class="fr-h5">{feuille.nom.clone()}</h3>
            <p class="fr-text--sm">
                {format!(
                    "Périmètre {} — porteur : {} — budget des actions : {}",
                    feuille.perimetre.libelle().to_lowercase(),
                    feuille.porteur.clone().unwrap_or_else(|| "aucun".to_owned()),
                    euros(feuille.budget)
                )}
            </p>
            {(!feuille.contexte.is_empty()).then(|| view! { <p class="maillage-texte">{feuille.contexte.clone()}</p> })}
            {if feuille.actions.is_empty() {
                view! { <p>"Aucune action."</p> }.into_any()
            } else {
                let mut colonnes = vec![("Action", false), ("Besoins", false), ("Période", false), ("Budget", true)];
                if ctx.prefecture {
                    colonnes.push(("Actions", false));
                }
                view! {
                    <Tableau legende=format!("Actions de « {} »", feuille.nom) colonnes>
                        {feuille.actions.into_iter().map(|action| {
                            let id = action.id.clone();
                            view! {
                                <tr>
                                    <td>{action.nom.clone()}</td>
                                    <td>{besoins_lisibles(&action.besoins)}</td>
                                    <td>{format!("du {} au {}", date(action.debut), date(action.fin))}</td>
                                    <td class="maillage-chiffres">{euros(action.budget)}</td>
                                    {ctx.prefecture.then(|| view! {
                                        <td>
                                            <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary"
                                                on:click={
                                                    let nom = action.nom.clone();
                                                    move |_| ctx.retirer(
                                                        Objet::Action(id.clone()),
                                                        format!("Retirer l’action « {nom} » ?"),
                                                        "Action retirée.".to_owned(),
                                                    )
                                                }>
                                                "Retirer"
                                                <span class="fr-sr-only">{format!(" l’action {}", action.nom)}</span>
                                            </button>
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </Tableau>
                }
                .into_any()
            }}
            {ctx.prefecture.then(|| {
                let id_feuille = id_feuille.clone();
                view! {
                    <NouvelleAction ctx feuille=id_feuille.clone()/>
                    <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w"
                        on:click={
                            let nom = feuille.nom.clone();
                            move |_| ctx.retirer(
                                Objet::Feuille(id_feuille.clone()),
                                format!("Retirer la feuille de route « {nom} » et ses actions ?"),
                                "Feuille de route retirée.".to_owned(),
                            )
                        }>
                        {format!("Retirer la feuille de route « {} »", feuille.nom)}
                    </button>
                }
            })}
        </article>
    }
}

/// The form of a new action of a feuille de route, checked by the shared rule before it is sent.
#[component]
fn NouvelleAction(ctx: Edition, feuille: String) -> impl IntoView {
    let prefixe = format!("action-{feuille}");
    let nom = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let budget = RwSignal::new(String::new());
    let debut = RwSignal::new(String::new());
    let fin = RwSignal::new(String::new());
    let besoins: Vec<(BesoinAction, RwSignal<bool>)> = BesoinAction::ALL
        .into_iter()
        .map(|b| (b, RwSignal::new(false)))
        .collect();
    let cases = besoins.clone();
    let erreur = RwSignal::new(None::<String>);
    let ajouter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let jour = |s: RwSignal<String>| NaiveDate::parse_from_str(&s.get_untracked(), "%Y-%m-%d").ok();
        let (Some(d), Some(f)) = (jour(debut), jour(fin)) else {
            erreur.set(Some("Indiquez le début et la fin de l’action.".to_owned()));
            return;
        };
        let Ok(montant) = budget.get_untracked().trim().parse::<i64>() else {
            erreur.set(Some(
                "Le budget est un montant en euros, sans centimes.".to_owned(),
            ));
            return;
        };
        let action = ActionFeuilleDeRoute {
            nom: nom.get_untracked(),
            description: description.get_untracked(),
            besoins: besoins
                .iter()
                .filter(|(_, c)| c.get_untracked())
                .map(|(b, _)| *b)
                .collect(),
            budget: montant,
            debut: d,
            fin: f,
        };
        let problemes = verifier_action_feuille(&action);
        if !problemes.is_empty() {
            erreur.set(Some(format!("Action refusée : {}.", problemes.join(" ; "))));
            return;
        }
        erreur.set(None);
        let feuille = feuille.clone();
        ctx.envoyer(
            async move { api::ajouter_action(&feuille, &action).await },
            "Action ajoutée.",
        );
    };
    view! {
        <details class="fr-mt-2w">
            <summary>"Ajouter une action"</summary>
            <form on:submit=ajouter novalidate class="fr-mt-2w">
                <ChampTexte id=format!("{prefixe}-nom") libelle="Nom de l’action" valeur=nom/>
                <ZoneTexte id=format!("{prefixe}-description") libelle="Description" valeur=description longueur_max=maillage_shared::gouvernance::TEXTE_MAX/>
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">"Besoins"</legend>
                    {cases.into_iter().map(|(besoin, cochee)| view! {
                        <div class="fr-fieldset__element">
                            <Case id=format!("{prefixe}-{}", besoin.as_str().to_lowercase()) libelle=besoin.libelle() cochee/>
                        </div>
                    }).collect_view()}
                </fieldset>
                <ChampTexte id=format!("{prefixe}-budget") libelle="Budget (euros)" type_="number" valeur=budget/>
                <ChampTexte id=format!("{prefixe}-debut") libelle="Début" type_="date" valeur=debut/>
                <ChampTexte id=format!("{prefixe}-fin") libelle="Fin" type_="date" valeur=fin/>
                <AlerteErreur message=erreur/>
                <button class="fr-btn fr-btn--secondary" type="submit">"Ajouter l’action"</button>
            </form>
        </details>
    }
}

/// What changed, by whom, when (the State's agents), read again after each change.
#[component]
fn Historique(departement: String, donnees: RwSignal<Gouvernance>) -> impl IntoView {
    let ressource = LocalResource::new(move || {
        let departement = departement.clone();
        // Each change of the gouvernance reads the history again.
        donnees.track();
        async move { api::historique(&departement).await }
    });
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-historique-gouvernance">
            <h2 id="titre-historique-gouvernance" class="fr-h4">"Historique"</h2>
            {crate::components::chargement::afficher(ressource, |lignes| {
                if lignes.is_empty() {
                    return view! { <p>"Aucun changement."</p> }.into_any();
                }
                view! {
                    <ol class="maillage-historique">
                        {lignes.into_iter().map(|ligne| view! {
                            <li class="maillage-historique__etape">
                                <p class="fr-text--xs fr-mb-0">
                                    {horodatage(&ligne.le)} " — " {ligne.auteur.unwrap_or_else(|| "compte supprimé".to_owned())}
                                </p>
                                <p class="fr-mb-0">{ligne.texte}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            })}
        </section>
    }
}
