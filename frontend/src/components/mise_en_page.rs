//! The page frame of every screen: skip links, DSFR header with the session's tools, the main navigation
//! and search, footer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use maillage_shared::role::Role;

use super::recherche::RechercheTerritoire;
use super::verification::BandeauVerification;
use crate::api::comptes::{Moi, choisir_role, deconnexion};
use crate::session::session;

/// Skip links, header, the page in `<main id="contenu">`, footer.
#[component]
pub fn MiseEnPage(children: Children) -> impl IntoView {
    let session = session();
    let location = use_location();
    // Once the person is known, and at each move (a notification may have arrived meanwhile): count again.
    Effect::new(move |_| {
        location.pathname.track();
        session.moi.track();
        session.actualiser_notifications();
    });
    view! {
        <LiensDEvitement recherche=true/>
        <Entete/>
        <main id="contenu" role="main" tabindex="-1">
            <div class="fr-container fr-mb-8w">
                <BandeauVerification/>
                {children()}
            </div>
        </main>
        <PiedDePage/>
    }
}

/// The skip links; `recherche` when the page has the header's search.
#[component]
fn LiensDEvitement(recherche: bool) -> impl IntoView {
    view! {
        <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label="Accès rapide">
                <ul class="fr-skiplinks__list">
                    <li><a class="fr-link" href="#contenu">"Contenu"</a></li>
                    <li><a class="fr-link" href="#navigation-principale">"Menu"</a></li>
                    {recherche.then(|| view! { <li><a class="fr-link" href="#recherche-entete">"Recherche"</a></li> })}
                    <li><a class="fr-link" href="#pied-de-page">"Pied de page"</a></li>
                </ul>
            </nav>
        </div>
    }
}

/// The header's territory search, for the map's frame.
pub fn recherche_de_territoire() -> AnyView {
    view! { <RechercheTerritoire id="recherche-entete"/> }.into_any()
}

/// The service's name and tagline in the header, a link home.
#[component]
fn NomDuService() -> impl IntoView {
    view! {
        <div class="fr-header__service">
            <a href="/" title="Accueil — Maillage">
                <p class="fr-header__service-title">"Maillage"</p>
            </a>
            <p class="fr-header__service-tagline">
                "Conseillers numériques coordinateurs — France Numérique Ensemble"
            </p>
        </div>
    }
}

/// The session's tools: log in, register a structure or join the candidate pool when anonymous; otherwise the person, the role switcher, the
/// notifications and log out. Rendered twice (header and mobile menu), told apart by `suffixe` on the ids.
#[component]
fn OutilsSession(suffixe: &'static str) -> impl IntoView {
    let session = session();
    let navigate = use_navigate();
    let changer_role = {
        let navigate = navigate.clone();
        move |role_id: String| {
            let navigate = navigate.clone();
            spawn_local(async move {
                match choisir_role(&role_id).await {
                    Ok(personne) => {
                        session.ouvrir(personne);
                        navigate("/espace", Default::default());
                    }
                    // The session may have expired: show what the server knows.
                    Err(_) => session.recharger(),
                }
            });
        }
    };
    let se_deconnecter = move |_: leptos::ev::MouseEvent| {
        // A session opened through ProConnect ends at ProConnect too (the server's route ends it here first),
        // or the next click on its button would log the person back in without asking.
        if session
            .moi
            .get_untracked()
            .is_some_and(|personne| personne.via_pro_connect)
        {
            session.fermer();
            if let Some(fenetre) = web_sys::window() {
                let _ = fenetre.location().assign("/auth/proconnect/deconnexion");
            }
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            // Even if the server cannot be reached, the person asked to leave: forget the session here.
            let _ = deconnexion().await;
            session.fermer();
            navigate("/", Default::default());
        });
    };
    move || {
        if !session.chargee.get() {
            return ().into_any();
        }
        let Some(personne) = session.moi.get() else {
            return view! {
                <ul class="fr-btns-group">
                    <li>
                        <a class="fr-btn fr-icon-lock-line" href="/connexion">"Se connecter"</a>
                    </li>
                    <li>
                        <a class="fr-btn fr-icon-add-circle-line" href="/inscription">"Inscrire ma structure"</a>
                    </li>
                    <li>
                        <a class="fr-btn fr-icon-user-add-line" href="/vivier/inscription">"Rejoindre le vivier"</a>
                    </li>
                </ul>
            }
            .into_any();
        };
        let actif = personne.role_actif.as_ref().map(|role| role.id.clone());
        let libelle_actif = personne.role_actif.as_ref().map(|role| role.libelle.clone());
        let plusieurs = personne.roles.len() > 1;
        let changer_role = changer_role.clone();
        let se_deconnecter = se_deconnecter.clone();
        view! {
            <ul class="fr-btns-group">
                <li>
                    <p class="maillage-personne fr-icon-account-circle-line">
                        {personne.nom_complet()}
                        {(!plusieurs).then(|| libelle_actif.map(|libelle| view! {
                            <span class="maillage-personne__role">{libelle}</span>
                        }))}
                    </p>
                </li>
                {plusieurs.then(|| view! {
                    <li>
                        <label class="fr-label maillage-choix-role">
                            <span class="fr-sr-only">"Agir en tant que"</span>
                            <select
                                class="fr-select"
                                id=format!("choix-role{suffixe}")
                                on:change=move |ev| changer_role(event_target_value(&ev))
                            >
                                {personne
                                    .roles
                                    .iter()
                                    .map(|role| {
                                        let choisi = actif.as_deref() == Some(role.id.as_str());
                                        view! {
                                            <option value=role.id.clone() prop:selected=choisi>
                                                {role.libelle.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                    </li>
                })}
                <li>
                    <a class="fr-btn fr-icon-user-setting-line" href="/compte">"Mon compte"</a>
                </li>
                <li>
                    <a class="fr-btn fr-icon-notification-3-line" href="/notifications">
                        "Notifications"
                        {move || match session.non_lues.get() {
                            0 => String::new(),
                            1 => " (1 non lue)".to_owned(),
                            n => format!(" ({n} non lues)"),
                        }}
                    </a>
                </li>
                <li>
                    <button class="fr-btn fr-icon-logout-box-r-line" type="button" on:click=se_deconnecter>
                        "Se déconnecter"
                    </button>
                </li>
            </ul>
        }
        .into_any()
    }
}

#[component]
fn Entete() -> impl IntoView {
    let session = session();
    view! {
        <header role="banner" class="fr-header">
            <div class="fr-header__body">
                <div class="fr-container">
                    <div class="fr-header__body-row">
                        <div class="fr-header__brand fr-enlarge-link">
                            <div class="fr-header__brand-top">
                                <div class="fr-header__logo">
                                    <p class="fr-logo">"République" <br/> "Française"</p>
                                </div>
                                <div class="fr-header__navbar">
                                    <button
                                        class="fr-btn--search fr-btn"
                                        data-fr-opened="false"
                                        aria-controls="modal-recherche"
                                        title="Rechercher un territoire"
                                    >
                                        "Rechercher"
                                    </button>
                                    <button
                                        class="fr-btn--menu fr-btn"
                                        data-fr-opened="false"
                                        aria-controls="modal-menu"
                                        aria-haspopup="menu"
                                        id="bouton-menu"
                                        title="Menu"
                                    >
                                        "Menu"
                                    </button>
                                </div>
                            </div>
                            <NomDuService/>
                        </div>
                        <div class="fr-header__tools">
                            <div class="fr-header__tools-links">
                                <OutilsSession suffixe=""/>
                            </div>
                            <div
                                class="fr-header__search fr-modal"
                                id="modal-recherche"
                                aria-label="Recherche de territoire"
                            >
                                <div class="fr-container fr-container-lg--fluid">
                                    <button class="fr-btn--close fr-btn" aria-controls="modal-recherche" title="Fermer">
                                        "Fermer"
                                    </button>
                                    <RechercheTerritoire id="recherche-entete"/>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <div class="fr-header__menu fr-modal" id="modal-menu" aria-labelledby="bouton-menu">
                <div class="fr-container">
                    <button class="fr-btn--close fr-btn" aria-controls="modal-menu" title="Fermer">
                        "Fermer"
                    </button>
                    // The DSFR script copies the tools into the mobile menu (ids suffixed with "-mobile") unless
                    // that copy is already there: it is, rendered by leptos so it stays live.
                    <div class="fr-header__menu-links">
                        <OutilsSession suffixe="-mobile"/>
                    </div>
                    <nav class="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
                        <ul class="fr-nav__list">
                            <li class="fr-nav__item">
                                <A href="/" exact=true attr:class="fr-nav__link">"Accueil"</A>
                            </li>
                            <li class="fr-nav__item">
                                <A href="/territoires" attr:class="fr-nav__link">"Territoires"</A>
                            </li>
                            <li class="fr-nav__item">
                                <A href="/carte" attr:class="fr-nav__link">"Carte"</A>
                            </li>
                            <li class="fr-nav__item">
                                <A href="/lieux" exact=true attr:class="fr-nav__link">"Trouver un lieu"</A>
                            </li>
                            {move || {
                                session.moi.with(Option::is_some).then(|| view! {
                                    <li class="fr-nav__item">
                                        <A href="/espace" attr:class="fr-nav__link">"Mon espace"</A>
                                    </li>
                                })
                            }}
                            {move || match session.moi.with(|moi| moi.as_ref().and_then(Moi::role)) {
                                Some(Role::Coordinateur) => Some(view! {
                                    <SousMenu id="menu-coordination" titre="Coordination" liens=&COORDINATION/>
                                }.into_any()),
                                Some(Role::Conseiller) => Some(view! {
                                    <SousMenu id="menu-conseiller" titre="Mon activité" liens=&CONSEILLER/>
                                }.into_any()),
                                _ => None,
                            }}
                            {move || {
                                session.moi.with(|moi| moi.as_ref().is_some_and(Moi::est_agent)).then(|| view! {
                                    <li class="fr-nav__item">
                                        <A href="/tableau-de-bord" attr:class="fr-nav__link">"Tableau de bord"</A>
                                    </li>
                                })
                            }}
                            {move || {
                                // The préfecture keeps its département's gouvernance.
                                session.moi.with(|moi| {
                                    let role = moi.as_ref()?.role_actif.as_ref()?;
                                    (role.role == Role::Prefecture).then(|| role.departement_code.clone()).flatten()
                                })
                                .map(|departement| view! {
                                    <li class="fr-nav__item">
                                        <A href=format!("/gouvernances/{departement}") attr:class="fr-nav__link">"Gouvernance locale"</A>
                                    </li>
                                })
                            }}
                            {move || {
                                session.moi.with(|moi| moi.as_ref().and_then(Moi::role).is_some_and(|role| !role.roles_invitables().is_empty())).then(|| view! {
                                    <li class="fr-nav__item">
                                        <A href="/agents" attr:class="fr-nav__link">"Agents et collègues"</A>
                                    </li>
                                })
                            }}
                            <li class="fr-nav__item">
                                <a class="fr-nav__link" href="/graphql" rel="external">"API ouverte"</a>
                            </li>
                        </ul>
                    </nav>
                </div>
            </div>
        </header>
    }
}

/// The coordinator's pages, from the main navigation.
const COORDINATION: [(&str, &str); 11] = [
    ("/coordination", "Coordination de mon équipe"),
    ("/mes-statistiques", "Statistiques de mon équipe"),
    ("/coordination/equipe", "Médiateurs, employeurs et historique"),
    ("/coordination/animation", "Entretiens et messages à l’équipe"),
    ("/coordination/diagnostic", "Diagnostic du territoire"),
    ("/coordination/actions", "Actions de coordination"),
    ("/journees", "Journées de rencontre"),
    ("/rencontres", "Rencontres du réseau"),
    ("/coordination/rapport", "Rapport d’activité annuel"),
    ("/lieux/import", "Lieux de médiation numérique"),
    ("/signalements-de-lieux", "Signalements sur les lieux"),
];

/// The conseiller's pages, from the main navigation.
const CONSEILLER: [(&str, &str); 6] = [
    ("/activites", "Saisir un accompagnement"),
    ("/mes-statistiques", "Mes statistiques"),
    ("/mes-beneficiaires", "Personnes suivies"),
    ("/formation", "Ma formation"),
    ("/mes-equipes", "Mes équipes"),
    ("/rencontres", "Formations continues relayées"),
];

/// An entry of the main navigation that opens a list of pages, as the DSFR draws it (`fr-nav__btn`,
/// `fr-menu`). Opened and closed here rather than by the DSFR's script, which does not follow entries that
/// appear with the session: a click or Enter toggles it, Escape closes it and gives the focus back to its
/// button, choosing a page closes it.
#[component]
fn SousMenu(
    id: &'static str,
    titre: &'static str,
    liens: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    let ouvert = RwSignal::new(false);
    let bouton = NodeRef::<leptos::html::Button>::new();
    // Another page closes it, however it was reached.
    let chemin = use_location().pathname;
    Effect::watch(move || chemin.get(), move |_, _, _| ouvert.set(false), false);
    let touche = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && ouvert.get_untracked() {
            ouvert.set(false);
            if let Some(bouton) = bouton.get_untracked() {
                let _ = bouton.focus();
            }
        }
    };
    view! {
        <li class="fr-nav__item" on:keydown=touche>
            <button class="fr-nav__btn" type="button" node_ref=bouton aria-controls=id
                aria-expanded=move || ouvert.get().to_string()
                on:click=move |_| ouvert.update(|o| *o = !*o)>
                {titre}
            </button>
            <div class="fr-menu maillage-menu" id=id hidden=move || !ouvert.get()>
                <ul class="fr-menu__list">
                    {liens.iter().map(|(chemin, libelle)| view! {
                        <li>
                            <A href=*chemin exact=true attr:class="fr-nav__link" on:click=move |_| ouvert.set(false)>
                                {*libelle}
                            </A>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        </li>
    }
}

/// The frame of the light public entry points (the map, the lieux' pages): the DSFR header with `recherche`
/// when given (the map's territory search; the lieux' pages are a search themselves), a link to log in or to
/// the person's space, and the main navigation (folded behind « Menu » on a phone), the page, the footer.
/// It loads no DSFR script (so it is drawn without one). Every link leaves for another entry point, except
/// those between the pages of the same one. `recherche` is a function, so an entry point that gives none
/// carries none of its code.
#[component]
pub fn CadreSimple(
    children: Children,
    #[prop(optional)] recherche: Option<fn() -> AnyView>,
) -> impl IntoView {
    let session = session();
    let chemin = use_location().pathname;
    let sur_les_lieux = move || chemin.with(|c| c.starts_with("/lieux"));
    let menu_ouvert = RwSignal::new(false);
    view! {
        <LiensDEvitement recherche=recherche.is_some()/>
        <header role="banner" class="fr-header maillage-entete-carte">
            <div class="fr-header__body">
                <div class="fr-container">
                    <div class="fr-header__body-row">
                        <div class="fr-header__brand fr-enlarge-link">
                            <div class="fr-header__brand-top">
                                <div class="fr-header__logo">
                                    <p class="fr-logo">"République" <br/> "Française"</p>
                                </div>
                            </div>
                            <NomDuService/>
                        </div>
                        <div class="fr-header__tools maillage-outils-carte">
                            <div class="fr-header__tools-links">
                                <ul class="fr-btns-group">
                                    <li>
                                        {move || if session.moi.with(Option::is_some) {
                                            view! { <a class="fr-btn fr-icon-account-circle-line" href="/espace">"Mon espace"</a> }.into_any()
                                        } else {
                                            view! { <a class="fr-btn fr-icon-lock-line" href="/connexion">"Se connecter"</a> }.into_any()
                                        }}
                                    </li>
                                    <li>
                                        <button class="fr-btn fr-icon-menu-fill maillage-bouton-menu" type="button"
                                            aria-controls="navigation-principale"
                                            aria-expanded=move || menu_ouvert.get().to_string()
                                            on:click=move |_| menu_ouvert.update(|o| *o = !*o)>
                                            "Menu"
                                        </button>
                                    </li>
                                </ul>
                            </div>
                            {recherche.map(|recherche| view! { <div class="fr-header__search">{recherche()}</div> })}
                        </div>
                    </div>
                </div>
            </div>
            <div class="fr-container">
                <nav class="fr-nav maillage-nav-carte" class:maillage-nav-carte--ouverte=move || menu_ouvert.get()
                    id="navigation-principale" role="navigation" aria-label="Menu principal">
                    <ul class="fr-nav__list">
                        <li class="fr-nav__item"><a class="fr-nav__link" href="/">"Accueil"</a></li>
                        <li class="fr-nav__item"><a class="fr-nav__link" href="/territoires">"Territoires"</a></li>
                        <li class="fr-nav__item">
                            <a class="fr-nav__link" href="/carte" aria-current=move || (!sur_les_lieux()).then_some("page")>"Carte"</a>
                        </li>
                        <li class="fr-nav__item">
                            <a class="fr-nav__link" href="/lieux" aria-current=move || sur_les_lieux().then_some("page")>"Trouver un lieu"</a>
                        </li>
                        {move || session.moi.with(Option::is_some).then(|| view! {
                            <li class="fr-nav__item"><a class="fr-nav__link" href="/espace">"Mon espace"</a></li>
                        })}
                        <li class="fr-nav__item">
                            <a class="fr-nav__link" href="/graphql" rel="external">"API ouverte"</a>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
        // No DSFR script here: what it would open on small screens (the breadcrumb) is shown (style.css).
        <main id="contenu" role="main" tabindex="-1" class="maillage-sans-script">
            <div class="fr-container fr-mb-8w">{children()}</div>
        </main>
        <PiedDePage/>
    }
}

#[component]
fn PiedDePage() -> impl IntoView {
    view! {
        <footer class="fr-footer" role="contentinfo" id="pied-de-page">
            <div class="fr-container">
                <div class="fr-footer__body">
                    <div class="fr-footer__brand fr-enlarge-link">
                        <a href="/" title="Retour à l’accueil du site — Maillage — République Française">
                            <p class="fr-logo">"République" <br/> "Française"</p>
                        </a>
                    </div>
                    <div class="fr-footer__content">
                        <p class="fr-footer__content-desc">
                            "Maillage est la plateforme du programme Conseiller numérique coordinateur, "
                            "porté par l’Agence nationale de la cohésion des territoires dans le cadre de "
                            "la feuille de route France Numérique Ensemble."
                        </p>
                        <ul class="fr-footer__content-list">
                            <li class="fr-footer__content-item">
                                <a
                                    class="fr-footer__content-link"
                                    target="_blank"
                                    rel="noopener"
                                    href="https://agence-cohesion-territoires.gouv.fr"
                                    title="agence-cohesion-territoires.gouv.fr — nouvelle fenêtre"
                                >
                                    "agence-cohesion-territoires.gouv.fr"
                                </a>
                            </li>
                            <li class="fr-footer__content-item">
                                <a
                                    class="fr-footer__content-link"
                                    target="_blank"
                                    rel="noopener"
                                    href="https://www.service-public.fr"
                                    title="service-public.fr — nouvelle fenêtre"
                                >
                                    "service-public.fr"
                                </a>
                            </li>
                        </ul>
                    </div>
                </div>
                <div class="fr-footer__bottom">
                    <ul class="fr-footer__bottom-list">
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/plan-du-site">"Plan du site"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/accessibilite">"Accessibilité : partiellement conforme"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/mentions-legales">"Mentions légales"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/donnees-personnelles">"Données personnelles"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/graphql" rel="external">"API GraphQL"</a>
                        </li>
                    </ul>
                    <div class="fr-footer__bottom-copy">
                        <p>
                            "Référentiel des territoires : @etalab/decoupage-administratif, sous "
                            <a
                                href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
                                target="_blank"
                                rel="noopener"
                                title="Licence Ouverte 2.0 — nouvelle fenêtre"
                            >
                                "Licence Ouverte 2.0"
                            </a>
                            "."
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}
