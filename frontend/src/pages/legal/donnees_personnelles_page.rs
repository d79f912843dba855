//! `/donnees-personnelles`: what Maillage does with personal data: purposes, legal basis, recipients,
//! retention periods (read from the running settings), the rights and how to use them.

use leptos::prelude::*;
use maillage_shared::format::pluriel;

use crate::api::informations_legales::informations_legales;
use crate::components::chargement::{afficher, titre};

/// The personal data notice.
#[component]
pub fn DonneesPersonnellesPage() -> impl IntoView {
    titre("Données personnelles");
    let informations = LocalResource::new(informations_legales);
    let jours = |n: i64| pluriel(n, "jour", "jours");
    view! {
        <div class="fr-grid-row fr-my-6w">
            <div class="fr-col-12 fr-col-lg-9">
                <h1>"Données personnelles"</h1>
                <h2>"Responsable du traitement"</h2>
                <p>
                    "L’Agence nationale de la cohésion des territoires (ANCT), 20 avenue de Ségur, 75007 Paris. "
                    "Délégué à la protection des données : "
                    <a href="mailto:dpo@anct.gouv.fr">"dpo@anct.gouv.fr"</a> "."
                </p>
                <h2>"Pourquoi, et sur quelle base"</h2>
                <p>
                    "Maillage sert à instruire les candidatures des structures qui portent un poste de conseiller "
                    "numérique coordinateur, à suivre les postes financés, et à permettre aux coordinateurs "
                    "d’animer le réseau de leur territoire. Ces traitements relèvent d’une mission d’intérêt public "
                    "(article 6.1.e du RGPD). La présence d’une candidate ou d’un candidat dans le vivier, et d’un "
                    "coordinateur sur la carte publique, repose sur son consentement, qu’elle ou il peut retirer à "
                    "tout moment depuis son espace."
                </p>
                <h2>"Données traitées"</h2>
                <ul>
                    <li>"Le compte : nom, prénom, adresse électronique, mot de passe (seule son empreinte est conservée), rôles."</li>
                    <li>"Pour une structure : son identité (SIRET, commune) et ses candidatures."</li>
                    <li>"Pour une candidate ou un candidat du vivier : le profil qu’elle ou il saisit (commune, disponibilité, expérience, diplômes)."</li>
                    <li>"Pour un conseiller ou un coordinateur : son poste, sa formation et ses accompagnements (chiffrés, sans les personnes accompagnées)."</li>
                    <li>"Le journal de sécurité : qui a fait quelle action, et quand (jamais le texte saisi)."</li>
                </ul>
                <h2>"Destinataires"</h2>
                <p>
                    "Les agents habilités de l’ANCT, et, pour leur territoire, ceux des préfectures, des SGAR et des "
                    "hubs France Numérique Ensemble ; les structures pour les personnes qu’elles ont contactées. "
                    "Aucune donnée n’est vendue ni cédée. Les données ouvertes publiées (lieux, indicateurs "
                    "agrégés) ne contiennent pas de données personnelles, hormis les coordinateurs qui ont accepté "
                    "d’apparaître sur la carte."
                </p>
                <h2>"Durées de conservation"</h2>
                {afficher(informations, move |informations| {
                    let durees = informations.durees_de_conservation;
                    view! {
                        <ul>
                            <li>{format!("Sessions : supprimées {} après leur expiration (une session dure 12 heures).", jours(durees.sessions_jours))}</li>
                            <li>{format!("Notifications : {}.", jours(durees.notifications_jours))}</li>
                            <li>{format!("Copies des courriels envoyés : {}.", jours(durees.courriels_envoyes_jours))}</li>
                            <li>{format!("Tentatives de connexion échouées : {}.", jours(durees.tentatives_connexion_jours))}</li>
                            <li>{format!(
                                "Liens envoyés par courriel : utilisables {} heures pour confirmer une adresse, {} heure pour choisir un nouveau mot de passe.",
                                informations.validite_lien_adresse_heures, informations.validite_lien_mot_de_passe_heures
                            )}</li>
                            <li>
                                "Compte et profil : jusqu’à leur effacement par la personne. Ce que la comptabilité "
                                "du programme impose de garder (postes financés, chiffres d’activité, journal de "
                                "sécurité) reste alors, rattaché à une personne anonyme."
                            </li>
                        </ul>
                    }
                })}
                <h2>"Vos droits"</h2>
                <p>
                    "Vous disposez d’un droit d’accès, de rectification, d’effacement, de limitation et d’opposition. "
                    "Depuis votre espace, vous pouvez télécharger tout ce que Maillage détient sur vous, corriger "
                    "votre adresse et votre mot de passe (" <a href="/compte">"Mon compte"</a> ") et effacer votre "
                    "compte. Pour toute autre demande, écrivez au délégué à la protection des données. Si vous "
                    "estimez que vos droits ne sont pas respectés, vous pouvez saisir la "
                    <a href="https://www.cnil.fr/fr/plaintes" target="_blank" rel="noopener"
                        title="Plainte auprès de la CNIL — nouvelle fenêtre">"CNIL"</a> "."
                </p>
                <h2>"Cookies"</h2>
                <p>
                    "Maillage n’utilise qu’un cookie, nécessaire à la session d’une personne connectée : aucun "
                    "cookie de mesure d’audience ni de publicité, donc aucun consentement à recueillir."
                </p>
            </div>
        </div>
    }
}
