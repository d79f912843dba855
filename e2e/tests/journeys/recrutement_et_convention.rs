//! Journey after the decision: the demo structure's candidature over Brest Métropole is validated (set up
//! through the API); a person joins the candidate pool from the header; the structure finds her in its
//! perimeter, contacts her, she accepts the contact from her space, and the structure moves her along until
//! the contract is signed, which makes her its
//! coordinator and fills the only post (giving the role to a conseiller is then refused, and said); it
//! records her obligations and requests its convention; ANCT finds it among the conventions to sign and
//! records the signature today; the structure reads the payment month (the next one), then the reason of a
//! suspension; the candidate sees the contact and withdraws her profile. Every page state passes axe-core.

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};
use chrono::{Datelike, Months, NaiveDate, Utc};
use fantoccini::Locator;
use maillage_harness::parcours::candidature_validee;
use serde_json::json;

/// The demo structure, in Brest.
pub(super) const STRUCTURE: &str = "Association Iroise Numérique (démo)";

/// The person who joins the pool.
const CANDIDATE: &str = "Nadia Kerhervé";

/// "décembre 2026": the month after `jour`, as the app announces the payment.
pub(super) fn mois_suivant(jour: NaiveDate) -> String {
    let suivant = jour.with_day(1).unwrap() + Months::new(1);
    format!(
        "{} {}",
        super::coordination::MOIS[suivant.month0() as usize],
        suivant.year()
    )
}

/// Clicks the element `xpath` designates.
async fn cliquer(nav: &Navigateur, xpath: &str) {
    nav.client
        .find(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|_| panic!("élément absent : {xpath}"))
        .click()
        .await
        .unwrap();
}

/// Scrolls the element of id `id` to the top of the window, for a screenshot of what matters.
pub(super) async fn montrer(nav: &Navigateur, id: &str) {
    nav.client
        .execute(
            "document.getElementById(arguments[0]).scrollIntoView();",
            vec![json!(id)],
        )
        .await
        .unwrap();
}

/// The XPath of a button of the recruitment card of `nom` whose text starts with `texte`.
fn bouton_du_recrutement(nom: &str, texte: &str) -> String {
    format!(
        "//div[contains(@class, 'maillage-encadre')][.//h4[normalize-space()='{nom}']]\
         //button[starts-with(normalize-space(), '{texte}')]"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn candidate_joins_the_pool_structure_recruits_her_and_anct_signs_the_convention() {
    let serveur = Serveur::demarrer(true).await;
    let (_, candidature) = candidature_validee(&serveur.app).await;
    let chemin = format!("/candidatures/{candidature}");
    let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now());

    // (a) A person joins the candidate pool from the header.
    let candidate = Navigateur::sur(&serveur).await;
    candidate.ouvrir("/").await;
    candidate.attendre_titre("Maillage").await;
    candidate
        .attendre_texte(".fr-header__tools-links", "Rejoindre le vivier")
        .await;
    candidate.capture("entete-anonyme").await;
    candidate
        .client
        .find(Locator::Css(
            ".fr-header__tools-links a[href='/vivier/inscription']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    candidate.attendre_titre("Rejoindre le vivier").await;
    candidate
        .verifier_accessibilite("l’inscription au vivier, vide")
        .await;
    candidate.cliquer_bouton("Rejoindre le vivier").await;
    candidate
        .attendre_texte("main [role=alert]", "le code INSEE de votre commune")
        .await;
    candidate
        .verifier_accessibilite("l’inscription au vivier, refusée")
        .await;
    candidate.saisir("prenom", "Nadia").await;
    candidate.saisir("nom", "Kerhervé").await;
    candidate.saisir("email", "nadia.kerherve@exemple.fr").await;
    candidate
        .saisir("mot-de-passe", "une phrase de passe solide")
        .await;
    candidate.saisir("commune", "29200").await;
    candidate
        .attendre_texte("#commune-messages", "Aucune commune n’a le code INSEE 29200")
        .await;
    // The postal code finds its commune among the suggestions.
    candidate.choisir_territoire("commune", "29200", "Brest").await;
    candidate
        .attendre_texte("#commune-messages", "Brest (Finistère, 29) — code INSEE 29019")
        .await;
    candidate.saisir("rayon", "40").await;
    candidate
        .saisir(
            "experience",
            "Conseillère numérique à Brest depuis 2021 : ateliers, accompagnement, animation du réseau local.",
        )
        .await;
    candidate.saisir("diplomes", "Titre professionnel REMN").await;
    candidate.cocher("ccp1").await;
    candidate.cocher("visible").await;
    candidate
        .verifier_accessibilite("l’inscription au vivier, remplie")
        .await;
    candidate.capture("vivier-inscription").await;
    candidate.cliquer_bouton("Rejoindre le vivier").await;
    candidate.attendre_titre("Mon profil de candidat").await;
    // Her profile is hers at once; answering a structure waits for the link sent to her address.
    let lien = serveur
        .lien_du_dernier_courriel("nadia.kerherve@exemple.fr")
        .await;
    candidate.ouvrir(&lien).await;
    candidate
        .attendre_texte("main .fr-alert--success", "Votre adresse est confirmée")
        .await;
    candidate.ouvrir("/candidat").await;
    candidate.attendre_titre("Mon profil de candidat").await;
    assert_eq!(candidate.chemin().await, "/candidat");
    candidate
        .attendre_texte("main section", "Visible des structures")
        .await;
    candidate
        .verifier_accessibilite("le profil d’une candidate")
        .await;

    // (b) The structure finds her in its perimeter, contacts her and recruits her.
    let structure = Navigateur::sur(&serveur).await;
    structure
        .se_connecter("structure@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    structure
        .client
        .find(Locator::LinkText(&format!(
            "Ouvrir la candidature n° {candidature}"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    structure
        .attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    structure
        .attendre_texte("main h2", "Recrutement du coordinateur")
        .await;
    let quota = structure
        .attendre_texte("main dl", "Postes pourvus 0 sur 1")
        .await;
    assert!(quota.contains("Recrutement attendu au plus tard le"), "{quota}");
    structure
        .verifier_accessibilite("une candidature validée, recrutement à faire")
        .await;
    structure.choisir("vivier-proximite", "PERIMETRE").await;
    structure.cliquer_bouton("Rechercher dans le vivier").await;
    let ligne = structure
        .attendre_texte("#titre-resultats-vivier + ul > li", CANDIDATE)
        .await;
    assert!(ligne.contains("Brest (29)"), "{ligne}");
    assert!(ligne.contains("40 km"), "{ligne}");
    assert!(ligne.contains("CCP1"), "{ligne}");
    structure
        .verifier_accessibilite("les résultats de la recherche dans le vivier")
        .await;
    structure
        .sans_defilement_horizontal("les résultats de la recherche dans le vivier")
        .await;
    montrer(&structure, "titre-recrutement").await;
    structure.capture("vivier-recherche").await;
    cliquer(
        &structure,
        &format!("//li[h5[normalize-space()='{CANDIDATE}']]//button"),
    )
    .await;
    structure
        .attendre_texte(
            ".maillage-annonce",
            &format!("Prise de contact avec {CANDIDATE} enregistrée"),
        )
        .await;
    structure
        .attendre_texte("main .maillage-encadre", "nadia.kerherve@exemple.fr")
        .await;
    structure
        .attendre_texte("#titre-resultats-vivier + ul > li", "Contact pris")
        .await;
    structure.verifier_accessibilite("une personne contactée").await;

    // She alone accepts the contact, from her own space; then the structure goes on.
    structure
        .attendre_texte("main .maillage-encadre", "En attente de la réponse de")
        .await;
    let candidature_de_la_structure = structure.chemin().await;
    candidate.ouvrir("/candidat").await;
    candidate.attendre_titre("Mon profil de candidat").await;
    candidate.attendre_texte("main section", STRUCTURE).await;
    candidate
        .verifier_accessibilite("une prise de contact à accepter")
        .await;
    candidate
        .cliquer_bouton(&format!("Accepter le contact de {STRUCTURE}"))
        .await;
    candidate
        .attendre_texte("main [role=status]", "Vous acceptez la prise de contact")
        .await;
    structure.ouvrir(&candidature_de_la_structure).await;
    structure
        .attendre_texte("main .maillage-encadre", "Intéressée")
        .await;
    cliquer(
        &structure,
        &bouton_du_recrutement(CANDIDATE, "Passer à « Recrutée »"),
    )
    .await;
    structure
        .attendre_texte("main form", "un des postes validés lui est réservé")
        .await;
    structure
        .verifier_accessibilite("la confirmation d’un recrutement, avec le contrat")
        .await;
    cliquer(
        &structure,
        &bouton_du_recrutement(CANDIDATE, "Confirmer : « Recrutée »"),
    )
    .await;
    structure
        .attendre_texte(".maillage-annonce", "« Recrutée »")
        .await;
    structure
        .attendre_texte("main dl", "Postes pourvus 1 sur 1")
        .await;
    structure
        .attendre_texte("main .maillage-encadre", "Contrat : CDI de droit privé")
        .await;
    cliquer(
        &structure,
        &bouton_du_recrutement(CANDIDATE, "Passer à « Contrat signé »"),
    )
    .await;
    cliquer(
        &structure,
        &bouton_du_recrutement(CANDIDATE, "Confirmer : « Contrat signé »"),
    )
    .await;
    structure
        .attendre_texte(".maillage-annonce", "« Contrat signé »")
        .await;
    let coordinatrice = structure
        .attendre_texte("main section", "Recrutement dans le vivier, en poste depuis le")
        .await;
    assert!(
        coordinatrice.contains("la formation initiale n’est pas suivie"),
        "{coordinatrice}"
    );
    structure
        .verifier_accessibilite("la coordinatrice en poste")
        .await;
    montrer(&structure, "titre-coordinateurs").await;
    structure.capture("recrutement").await;

    // The only post is filled: the server refuses the role to the demo conseiller, and the page says why.
    cliquer(
        &structure,
        "//button[starts-with(normalize-space(), 'Attribuer le rôle de coordinateur')]",
    )
    .await;
    structure
        .confirmer(
            "Attribuer le rôle de coordinateur à Yann Conseiller-Iroise ?",
            "Oui, attribuer le rôle",
        )
        .await;
    structure
        .attendre_texte("main [role=alert]", "Tous les postes validés (1) sont pourvus")
        .await;
    structure.verifier_accessibilite("le quota atteint").await;

    // Her obligations: the initial training done, nothing is missing any more.
    cliquer(
        &structure,
        "//button[starts-with(normalize-space(), 'Renseigner les obligations')]",
    )
    .await;
    let formulaire = structure
        .client
        .find(Locator::Css("form input[type=date][id$='-formation-initiale']"))
        .await
        .unwrap();
    let id_formation = formulaire.attr("id").await.unwrap().unwrap();
    structure.definir(&id_formation, &aujourd_hui.to_string()).await;
    structure
        .attendre_texte("main form", "les obligations sont remplies")
        .await;
    structure
        .verifier_accessibilite("les obligations de la coordinatrice")
        .await;
    structure.cliquer_bouton("Enregistrer les obligations").await;
    structure
        .attendre_texte(
            ".maillage-annonce",
            &format!("Les obligations de {CANDIDATE} sont enregistrées"),
        )
        .await;
    structure
        .attendre_texte("main .fr-badge", "Obligations remplies")
        .await;

    // The convention.
    structure.cliquer_bouton("Demander la convention").await;
    structure
        .attendre_texte(".maillage-annonce", "Votre demande de convention est envoyée")
        .await;
    let convention = structure
        .attendre_texte("main section", "En attente de la signature de l’ANCT")
        .await;
    assert!(
        convention.contains("Une convention propre au poste de coordinateur"),
        "{convention}"
    );
    structure
        .verifier_accessibilite("la convention demandée, vue par la structure")
        .await;
    montrer(&structure, "titre-convention").await;
    structure.capture("convention-demandee").await;

    // (c) ANCT finds it among the conventions to sign and records the signature today.
    let anct = Navigateur::sur(&serveur).await;
    anct.se_connecter("anct@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    anct.client
        .find(Locator::LinkText("Conventions à signer"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    anct.attendre_titre("Conventions à signer").await;
    let ligne = anct.attendre_texte("main table tr", STRUCTURE).await;
    assert!(ligne.contains("40 000 €"), "{ligne}");
    anct.verifier_accessibilite("les conventions à signer").await;
    anct.sans_defilement_horizontal("les conventions à signer").await;
    anct.capture("conventions-a-signer").await;
    anct.client
        .find(Locator::LinkText(STRUCTURE))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    anct.attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    let mois = mois_suivant(aujourd_hui);
    anct.attendre_texte("#signature-date-messages", &format!("Paiement prévu en {mois}"))
        .await;
    anct.attendre_texte("main .maillage-encadre", "nadia.kerherve@exemple.fr")
        .await;
    anct.verifier_accessibilite("une convention à signer, vue par l’ANCT")
        .await;
    anct.cliquer_bouton("Enregistrer la signature").await;
    anct.attendre_texte(".maillage-annonce", "La signature est enregistrée")
        .await;
    // The first funding is one instalment, the month after signature.
    anct.attendre_texte("main table", &mois).await;
    anct.attendre_texte("main .fr-callout", "reste à verser : 40 000 €")
        .await;
    anct.attendre_texte("main h3", "Suspendre le paiement").await;
    anct.verifier_accessibilite("la convention signée, vue par l’ANCT")
        .await;
    montrer(&anct, "titre-convention").await;
    anct.capture("convention-signee").await;

    // (d) The structure reads the payment month.
    structure.ouvrir(&chemin).await;
    structure
        .attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    let versement = structure.attendre_texte("main table", &mois).await;
    assert!(versement.contains("Prévu"), "{versement}");
    structure
        .verifier_accessibilite("la convention signée, vue par la structure")
        .await;
    montrer(&structure, "titre-convention").await;
    structure.capture("paiement-prevu").await;

    // ANCT suspends the payment, with a reason the structure reads.
    anct.saisir("suspension-motif", "Bref.").await;
    anct.cliquer_bouton("Suspendre le paiement").await;
    anct.attendre_texte("main [role=alert]", "entre 10 et 1000 caractères")
        .await;
    anct.verifier_accessibilite("une suspension refusée, motif trop court")
        .await;
    anct.saisir(
        "suspension-motif",
        "Le rapport d’activité annuel n’a pas été transmis à la préfecture.",
    )
    .await;
    anct.cliquer_bouton("Suspendre le paiement").await;
    anct.attendre_texte(".maillage-annonce", "Le paiement est suspendu")
        .await;
    anct.fermer().await;
    structure.ouvrir(&chemin).await;
    let suspension = structure
        .attendre_texte("main .fr-alert--warning", "suspendu")
        .await;
    assert!(
        suspension.contains("Le rapport d’activité annuel n’a pas été transmis"),
        "{suspension}"
    );
    structure
        .verifier_accessibilite("la suspension, vue par la structure")
        .await;
    montrer(&structure, "titre-convention").await;
    structure.capture("paiement-suspendu").await;
    structure.fermer().await;

    // (e) The candidate sees the contact, withdraws her profile, and backs out of deleting it.
    candidate.ouvrir("/candidat").await;
    candidate.attendre_titre("Mon profil de candidat").await;
    candidate.attendre_texte("main section", STRUCTURE).await;
    candidate.cliquer_bouton("Retirer mon profil du vivier").await;
    candidate
        .attendre_texte("main [role=status]", "aucune structure ne le voit plus")
        .await;
    candidate.attendre_texte("main section", "Retiré du vivier").await;
    candidate
        .verifier_accessibilite("le profil retiré du vivier")
        .await;
    candidate.cliquer_bouton("Supprimer mon profil").await;
    candidate
        .attendre_texte(
            "main .fr-alert--warning",
            "Supprimer définitivement votre profil ?",
        )
        .await;
    candidate
        .verifier_accessibilite("la confirmation de la suppression du profil")
        .await;
    montrer(&candidate, "titre-contacts").await;
    candidate.capture("profil-candidat").await;
    candidate.cliquer_bouton("Annuler").await;
    candidate
        .client
        .wait()
        .for_element(Locator::XPath(
            "//button[normalize-space()='Supprimer mon profil']",
        ))
        .await
        .unwrap();
    candidate.fermer().await;
}
