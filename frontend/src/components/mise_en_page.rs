//! The page frame of every screen: skip links, DSFR header with the main navigation and search, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::recherche::RechercheTerritoire;

/// Skip links, header, the page in `<main id="contenu">`, footer.
#[component]
pub fn MiseEnPage(children: Children) -> impl IntoView {
    view! {
        <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label="Accès rapide">
                <ul class="fr-skiplinks__list">
                    <li><a class="fr-link" href="#contenu">"Contenu"</a></li>
                    <li><a class="fr-link" href="#navigation-principale">"Menu"</a></li>
                    <li><a class="fr-link" href="#recherche-entete">"Recherche"</a></li>
                    <li><a class="fr-link" href="#pied-de-page">"Pied de page"</a></li>
                </ul>
            </nav>
        </div>
        <Entete/>
        <main id="contenu" role="main" tabindex="-1">
            <div class="fr-container fr-mb-8w">{children()}</div>
        </main>
        <PiedDePage/>
    }
}

#[component]
fn Entete() -> impl IntoView {
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
                            <div class="fr-header__service">
                                <a href="/" title="Accueil — Maillage">
                                    <p class="fr-header__service-title">"Maillage"</p>
                                </a>
                                <p class="fr-header__service-tagline">
                                    "Conseillers numériques coordinateurs — France Numérique Ensemble"
                                </p>
                            </div>
                        </div>
                        <div class="fr-header__tools">
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
                    <div class="fr-header__menu-links"></div>
                    <nav class="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
                        <ul class="fr-nav__list">
                            <li class="fr-nav__item">
                                <A href="/" exact=true attr:class="fr-nav__link">"Accueil"</A>
                            </li>
                            <li class="fr-nav__item">
                                <A href="/territoires" attr:class="fr-nav__link">"Territoires"</A>
                            </li>
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
