//! Journey: a new structure of Brest registers, prepares its candidature over Brest Métropole, consults
//! the two employers of conseillers numériques there and files it; the préfecture of Finistère gives a
//! favorable avis; ANCT validates it; the structure sees it validated with its subsidy and notification.
//! Three people, three browsers on the same app (demo mode); every page visited passes axe-core.

use std::time::{Duration, Instant};

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur, normaliser};
use fantoccini::Locator;
use fantoccini::key::Key;

const STRUCTURE: &str = "Association Brest Numérique";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn structure_files_prefecture_gives_its_avis_anct_validates_structure_sees_its_subsidy() {
    let serveur = Serveur::demarrer(true).await;
    let structure = Navigateur::sur(&serveur).await;

    // (a) The structure registers.
    structure.ouvrir("/").await;
    structure.attendre_titre("Maillage").await;
    structure
        .attendre_texte(".fr-header__tools-links", "Inscrire ma structure")
        .await;
    structure.verifier_accessibilite("l’accueil, anonyme").await;
    structure
        .client
        .find(Locator::Css(".fr-header__tools-links a[href='/inscription']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    structure.attendre_titre("Inscrire ma structure").await;
    structure.verifier_accessibilite("l’inscription, vide").await;

    structure.saisir("prenom", "Léa").await;
    structure.saisir("nom", "Martin").await;
    structure.saisir("email", "lea.martin@brest-numerique.fr").await;
    structure.saisir("mot-de-passe", "court").await;
    structure
        .attendre_texte("#mot-de-passe-messages", "sur les 12 demandés")
        .await;
    structure
        .saisir("mot-de-passe", "une phrase de passe solide")
        .await;
    structure.saisir("siret", "13002603200019").await;
    structure
        .attendre_texte("#siret-messages", "clé de contrôle est fausse")
        .await;
    structure.saisir("siret", "782 900 120 00018").await;
    structure
        .attendre_texte("#siret-messages", "SIRET valide (SIREN 782900120)")
        .await;
    // The company register knows it: the form fills in what it says, which she checks and corrects.
    structure
        .attendre_texte("#registre-entreprises", "Établissement trouvé")
        .await;
    structure
        .attendre_texte("#commune-messages", "Brest (Finistère, 29)")
        .await;
    let nom_lu = structure
        .attendre_element("#nom-structure")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(nom_lu.as_deref(), Some("ASSOCIATION NUMERIQUE EN RADE"));
    structure
        .verifier_accessibilite("l’inscription, remplie par le répertoire des entreprises")
        .await;
    structure.saisir("nom-structure", STRUCTURE).await;
    structure.choisir("categorie", "ASSOCIATION").await;
    structure.cocher("statut-prive").await;
    structure.saisir("commune", "29019").await;
    structure
        .attendre_texte("#commune-messages", "Brest (Finistère, 29)")
        .await;
    structure
        .attendre_texte("main [aria-live]", "votre structure peut porter")
        .await;
    // A public status contradicts the category: the same rule as the server says why, before sending.
    structure.cocher("statut-public").await;
    structure
        .attendre_texte("main [aria-live]", "ne correspond pas à la catégorie")
        .await;
    structure.cocher("statut-prive").await;
    structure
        .attendre_texte("main [aria-live]", "votre structure peut porter")
        .await;
    structure.verifier_accessibilite("l’inscription, remplie").await;
    structure.capture("inscription").await;
    structure.cliquer_bouton("Créer le compte de ma structure").await;

    // Until she opens the link sent to her address, she can only look at her account: her space says so.
    structure
        .attendre_texte("main .fr-alert--warning", "Confirmez votre adresse électronique")
        .await;
    structure
        .attendre_texte("main", "Confirmez d’abord votre adresse électronique")
        .await;
    structure
        .verifier_accessibilite("l’espace d’une structure dont l’adresse est à confirmer")
        .await;
    let lien = serveur
        .lien_du_dernier_courriel("lea.martin@brest-numerique.fr")
        .await;
    assert!(lien.starts_with("/compte/adresse?jeton="), "{lien}");
    structure.ouvrir(&lien).await;
    structure
        .attendre_texte("main .fr-alert--success", "Votre adresse est confirmée")
        .await;
    structure.verifier_accessibilite("l’adresse confirmée").await;
    structure.cliquer_lien("Aller à mon espace").await;

    structure.attendre_titre("Mon espace").await;
    assert_eq!(structure.chemin().await, "/espace");
    structure.attendre_texte("main dl", "Association déclarée").await;
    structure
        .attendre_texte(".fr-header__tools-links", "Léa Martin")
        .await;
    structure.attendre_texte(".fr-nav", "Mon espace").await;
    structure
        .verifier_accessibilite("l’espace d’une structure sans candidature")
        .await;
    structure.cliquer_bouton("Préparer une candidature").await;

    structure
        .attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    let chemin = structure.chemin().await;
    assert!(chemin.starts_with("/candidatures/"), "{chemin}");
    structure
        .verifier_accessibilite("le brouillon d’une candidature")
        .await;

    // The whole form.
    structure.cocher("cas-B1").await;
    // A private association is offered only the private-law contracts it is funded for.
    let offerts = structure
        .client
        .execute(
            "return [...document.querySelectorAll('#contrat option')].map(o => o.value).filter(v => v);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        offerts,
        serde_json::json!(["CDI_DROIT_PRIVE", "CDD_DROIT_PRIVE", "CONTRAT_PROJET_DROIT_PRIVE"])
    );
    structure.choisir("contrat", "CDI_DROIT_PRIVE").await;
    let subvention = structure
        .attendre_texte(".fr-callout", "40 000 € sur 24 mois")
        .await;
    assert!(subvention.contains("Subvention prévue"), "{subvention}");
    structure.capture("brouillon-subvention").await;
    structure.cocher("candidat-non").await;
    structure.cocher("gouvernance-NON_MEMBRE").await;
    structure.definir("date-prise-poste", "2027-03-01").await;

    let recherche = structure
        .client
        .find(Locator::Id("recherche-epci"))
        .await
        .unwrap();
    recherche.send_keys("Brest Métropole").await.unwrap();
    let suggestion = structure
        .client
        .wait()
        .for_element(Locator::Css("#recherche-epci-suggestions li[role=option]"))
        .await
        .unwrap();
    assert!(
        suggestion.text().await.unwrap().contains("Brest Métropole"),
        "the first suggestion is the EPCI"
    );
    structure
        .verifier_accessibilite("la recherche d’une intercommunalité")
        .await;
    recherche
        .send_keys(&format!("{}{}", char::from(Key::Down), char::from(Key::Enter)))
        .await
        .unwrap();
    structure
        .attendre_texte(".maillage-perimetre", "Brest Métropole (SIREN 242900314)")
        .await;

    let projet = "Un texte assez long pour répondre vraiment à la question posée.";
    for id in [
        "diagnostic",
        "partenaires",
        "articulation-gouvernance",
        "missions-maillage",
        "missions-relais",
        "missions-collaborations",
    ] {
        structure.saisir(id, projet).await;
    }
    // The form is complete; the call still asks an association for two documents.
    let avant_depot = structure
        .attendre_texte(".fr-callout", "la pièce « Budget prévisionnel du poste »")
        .await;
    assert!(
        avant_depot.contains("la pièce « Statuts de la structure »"),
        "{avant_depot}"
    );
    structure.cliquer_bouton("Enregistrer le brouillon").await;
    structure
        .attendre_texte("main [role=status]", "Brouillon enregistré.")
        .await;

    // The perimeter saved, the two employers of conseillers numériques of Brest Métropole are listed.
    let consultations = structure
        .attendre_texte("main section", "Centre social de Recouvrance (démo)")
        .await;
    assert!(
        consultations.contains("Médiathèque de Guipavas (démo)"),
        "{consultations}"
    );
    structure
        .attendre_texte(
            ".fr-callout",
            "la consultation de Centre social de Recouvrance (démo)",
        )
        .await;
    structure
        .verifier_accessibilite("le brouillon complet, consultations à faire")
        .await;
    for fait in 1..=2 {
        let formulaire = premier_a_consulter(&structure).await;
        formulaire
            .find(Locator::Css("select"))
            .await
            .unwrap()
            .select_by_value("FAVORABLE")
            .await
            .unwrap();
        formulaire
            .find(Locator::Css("textarea"))
            .await
            .unwrap()
            .send_keys("D’accord pour travailler ensemble.")
            .await
            .unwrap();
        formulaire
            .find(Locator::Css("button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        attendre_consultations(&structure, fait).await;
    }

    // Her documents. A program renamed as a PDF is refused in the browser, by the server's own rule,
    // before anything is sent; the statutes (ODT) and the budget (PDF) are attached, each announced.
    let fichiers = tempfile::tempdir().unwrap();
    let deguise = fichiers.path().join("statuts.pdf");
    std::fs::write(&deguise, maillage_harness::documents::executable()).unwrap();
    structure.choisir("piece-nature", "STATUTS").await;
    structure.choisir_fichier("piece-fichier", &deguise).await;
    structure.cliquer_bouton("Joindre la pièce").await;
    structure
        .attendre_texte("main [role=alert]", "n’est ni un PDF")
        .await;
    structure
        .verifier_accessibilite("une pièce refusée avant l’envoi")
        .await;
    let statuts = fichiers.path().join("Statuts de l’association.odt");
    std::fs::write(&statuts, maillage_harness::documents::odt()).unwrap();
    structure.choisir_fichier("piece-fichier", &statuts).await;
    structure.cliquer_bouton("Joindre la pièce").await;
    structure
        .attendre_texte("main table", "Statuts de l’association.odt")
        .await;
    structure
        .attendre_texte("main [role=status]", "est jointe au dossier")
        .await;
    let budget = fichiers.path().join("budget.pdf");
    std::fs::write(&budget, maillage_harness::documents::pdf("Budget prévisionnel")).unwrap();
    structure.choisir("piece-nature", "BUDGET_PREVISIONNEL").await;
    structure.choisir_fichier("piece-fichier", &budget).await;
    structure.cliquer_bouton("Joindre la pièce").await;
    structure.attendre_texte("main table", "budget.pdf").await;
    structure
        .attendre_texte(".fr-callout", "Tout est renseigné")
        .await;
    structure
        .verifier_accessibilite("le brouillon prêt à déposer")
        .await;
    structure.capture("brouillon").await;
    structure.cliquer_bouton("Déposer la candidature").await;
    structure
        .attendre_texte(".maillage-annonce", "Votre candidature est déposée")
        .await;
    structure.attendre_texte("main .fr-badge", "Déposée").await;
    structure
        .verifier_accessibilite("la candidature déposée, vue par la structure")
        .await;
    // Until the decision she could withdraw it: the form unfolds, asks a reason, then a confirmation she
    // declines.
    structure.cliquer_bouton("Retirer la candidature").await;
    structure
        .saisir("retrait-motif", "Nous préférons attendre le prochain appel.")
        .await;
    structure
        .verifier_accessibilite("le retrait de la candidature, déplié")
        .await;
    structure
        .client
        .find(Locator::Css("#retrait-contenu button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    structure
        .attendre_texte("dialog[open]", "Ce ne pourra pas être annulé")
        .await;
    structure.cliquer_bouton("Non, annuler").await;
    structure.attendre_texte("main .fr-badge", "Déposée").await;

    // (b) The préfecture of Finistère gives a favorable avis.
    let prefecture = Navigateur::sur(&serveur).await;
    prefecture
        .se_connecter("prefecture29@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    prefecture.attendre_texte("main table", STRUCTURE).await;
    prefecture
        .verifier_accessibilite("l’espace de la préfecture")
        .await;
    prefecture
        .client
        .find(Locator::LinkText(STRUCTURE))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    prefecture
        .attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    prefecture
        .attendre_texte("main h2", "Donner l’avis de la préfecture")
        .await;
    prefecture
        .attendre_texte(
            "main section",
            "Centre social de Recouvrance (démo), consultée le",
        )
        .await;
    prefecture
        .verifier_accessibilite("une candidature déposée, vue par la préfecture")
        .await;
    // She opens the statutes, then asks by message for a letter of support.
    prefecture
        .attendre_texte("main table", "Statuts de l’association.odt")
        .await;
    let (statut, type_recu, octets) = prefecture
        .telecharger_le_lien("Statuts de l’association.odt")
        .await;
    assert_eq!(
        (statut, type_recu.as_str()),
        (200, "application/vnd.oasis.opendocument.text")
    );
    assert_eq!(octets, maillage_harness::documents::odt().len() as u64);
    prefecture
        .saisir(
            "message-texte",
            "Pouvez-vous joindre la lettre de soutien du CCAS de Brest ?",
        )
        .await;
    prefecture.cliquer_bouton("Envoyer le message").await;
    prefecture
        .attendre_texte("main [role=status]", "Votre message est envoyé")
        .await;
    prefecture
        .attendre_texte("#messages", "Pouvez-vous joindre la lettre de soutien")
        .await;
    prefecture
        .verifier_accessibilite("l’échange sur une candidature, vu par la préfecture")
        .await;

    // The structure answers with the letter.
    structure.ouvrir(&chemin).await;
    structure
        .attendre_texte("#messages", "Pouvez-vous joindre la lettre de soutien")
        .await;
    let lettre = fichiers.path().join("soutien CCAS.pdf");
    std::fs::write(&lettre, maillage_harness::documents::pdf("Lettre de soutien")).unwrap();
    structure
        .saisir(
            "message-texte",
            "Voici la lettre du CCAS, signée de sa présidente.",
        )
        .await;
    structure.choisir_fichier("message-fichier", &lettre).await;
    structure.choisir("message-nature", "LETTRE_DE_SOUTIEN").await;
    structure.cliquer_bouton("Envoyer le message").await;
    structure
        .attendre_texte("main [role=status]", "Votre message est envoyé")
        .await;
    structure.attendre_texte("#messages", "soutien CCAS.pdf").await;
    structure
        .verifier_accessibilite("la réponse de la structure, avec sa pièce")
        .await;
    structure.capture("echanges").await;

    // The préfecture reads the answer and downloads the letter.
    prefecture.ouvrir(&chemin).await;
    prefecture
        .attendre_texte("#messages", "Voici la lettre du CCAS")
        .await;
    let (statut, type_recu, _) = prefecture.telecharger_le_lien("soutien CCAS.pdf").await;
    assert_eq!((statut, type_recu.as_str()), (200, "application/pdf"));
    // The dossier as filed, as a PDF for the préfecture's records.
    let (statut, type_recu, octets) = prefecture.telecharger_le_lien("Télécharger le dossier").await;
    assert_eq!((statut, type_recu.as_str()), (200, "application/pdf"));
    assert!(
        octets > 10_000,
        "a laid-out document with its fonts: {octets} bytes"
    );
    prefecture.cocher("avis-choix-oui").await;
    prefecture.saisir("avis-texte", "Bref.").await;
    prefecture.cliquer_bouton("Rendre l’avis").await;
    prefecture
        .attendre_texte("main [role=alert]", "entre 10 et 1000 caractères")
        .await;
    prefecture
        .saisir(
            "avis-texte",
            "Projet solide, bien articulé avec le réseau des conseillers de Brest Métropole.",
        )
        .await;
    prefecture.cliquer_bouton("Rendre l’avis").await;
    prefecture
        .confirmer(
            &format!("Donner un avis favorable à la candidature de « {STRUCTURE} » ?"),
            "Oui, rendre l’avis",
        )
        .await;
    prefecture
        .attendre_texte(".maillage-annonce", "Votre avis est rendu")
        .await;
    prefecture.attendre_texte("main section", "Favorable").await;
    // Until ANCT decides, she may change it.
    prefecture
        .attendre_texte("main h2", "Modifier l’avis de la préfecture")
        .await;
    prefecture
        .verifier_accessibilite("la candidature après l’avis")
        .await;
    prefecture.capture("avis").await;
    prefecture.fermer().await;

    // (c) ANCT finds it with its filters and validates it.
    let anct = Navigateur::sur(&serveur).await;
    anct.se_connecter("anct@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    anct.attendre_texte("main table", STRUCTURE).await;
    anct.choisir("filtre-statut", "AVIS_RENDU").await;
    anct.choisir("filtre-departement", "29").await;
    anct.attendre_texte("main table caption", "1 candidature").await;
    anct.verifier_accessibilite("l’espace de l’ANCT, filtré").await;
    anct.capture("espace-anct").await;
    anct.client
        .find(Locator::LinkText(STRUCTURE))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    anct.attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    anct.attendre_texte("main section", "Projet solide").await;
    anct.attendre_texte("main h2", "Autres candidatures sur ce territoire")
        .await;
    anct.verifier_accessibilite("une candidature à décider, vue par l’ANCT")
        .await;
    anct.cocher("decision-choix-oui").await;
    anct.saisir(
        "decision-texte",
        "Candidature complète, territoire non couvert, avis favorable de la préfecture.",
    )
    .await;
    anct.cliquer_bouton("Enregistrer la décision").await;
    anct.confirmer(
        &format!("Valider la candidature de « {STRUCTURE} » ?"),
        "Oui, enregistrer la décision",
    )
    .await;
    anct.attendre_texte(".maillage-annonce", "La candidature est validée")
        .await;
    anct.attendre_texte("main .fr-badge", "Validée").await;
    anct.verifier_accessibilite("la candidature validée, vue par l’ANCT")
        .await;
    anct.fermer().await;

    // (d) The structure sees the decision, its subsidy and its notification.
    structure.ouvrir(&chemin).await;
    structure
        .attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    let decision = structure
        .attendre_texte("main .fr-alert--success", "Votre candidature est validée")
        .await;
    assert!(decision.contains("40 000 € sur 24 mois"), "{decision}");
    assert!(
        decision.contains("Recrutez votre coordinateur au plus tard le"),
        "{decision}"
    );
    structure.attendre_texte("main .fr-badge", "Validée").await;
    let historique = structure
        .attendre_texte(".maillage-historique", "Avis rendu → Validée")
        .await;
    assert!(
        !historique.contains("Projet solide"),
        "the préfecture's avis is not shown to the structure: {historique}"
    );
    structure
        .verifier_accessibilite("la candidature validée, vue par la structure")
        .await;
    structure.capture("validee").await;
    structure
        .attendre_texte(".fr-header__tools-links", "non lue")
        .await;
    structure
        .client
        .find(Locator::Css(".fr-header__tools-links a[href='/notifications']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    structure.attendre_titre("Notifications").await;
    structure.attendre_texte("main li", "Candidature validée").await;
    structure.verifier_accessibilite("les notifications").await;
    let avant = non_lues(&structure).await;
    structure
        .client
        .find(Locator::XPath(
            "//li[.//h2[contains(., 'Candidature validée')]]//button",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let debut = Instant::now();
    while non_lues(&structure).await != avant - 1 {
        assert!(
            debut.elapsed() < Duration::from_secs(15),
            "notification still unread"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    structure.capture("notifications").await;

    // (e) Later, the structure gives its post back: the day it ends, its reason, a confirmation; the page
    // then says the post has ended and offers no recruitment any more.
    structure.ouvrir(&chemin).await;
    structure.attendre_texte("main .fr-badge", "Validée").await;
    structure.cliquer_bouton("Rendre le poste").await;
    structure
        .saisir(
            "rendu-poste-motif",
            "Le conseil d’administration a décidé d’arrêter le projet de coordination.",
        )
        .await;
    structure
        .verifier_accessibilite("le rendu du poste, déplié")
        .await;
    structure
        .client
        .find(Locator::Css("#rendu-poste-contenu button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    structure
        .confirmer(
            &format!("Rendre le poste de coordinateur de « {STRUCTURE} » ?"),
            "Oui, rendre le poste",
        )
        .await;
    structure
        .attendre_texte(".maillage-annonce", "Le poste est rendu")
        .await;
    let fin = structure
        .attendre_texte("main .fr-alert--info", "Poste rendu par la structure")
        .await;
    assert!(fin.contains("arrêter le projet de coordination"), "{fin}");
    assert!(
        structure
            .client
            .find(Locator::Id("titre-recrutement"))
            .await
            .is_err(),
        "a post that ended takes no recruitment"
    );
    structure
        .verifier_accessibilite("le poste rendu, vu par la structure")
        .await;
    structure.capture("poste-rendu").await;
    structure.fermer().await;
}

/// The consultation form of the first employer not consulted yet.
async fn premier_a_consulter(nav: &Navigateur) -> fantoccini::elements::Element {
    for formulaire in nav
        .client
        .find_all(Locator::Css("form.maillage-consultation"))
        .await
        .unwrap()
    {
        let bouton = formulaire
            .find(Locator::Css("button[type=submit]"))
            .await
            .unwrap();
        if bouton.text().await.unwrap() == "Enregistrer la consultation" {
            return formulaire;
        }
    }
    panic!("no employer left to consult");
}

/// Waits until `nombre` consultations are recorded.
async fn attendre_consultations(nav: &Navigateur, nombre: usize) {
    let debut = Instant::now();
    loop {
        let faites = nav
            .client
            .find_all(Locator::XPath(
                "//form[contains(@class, 'maillage-consultation')]//button[normalize-space()='Corriger la consultation']",
            ))
            .await
            .unwrap()
            .len();
        if faites == nombre {
            return;
        }
        assert!(
            debut.elapsed() < Duration::from_secs(15),
            "{nombre} consultation(s) attendue(s), {faites} enregistrée(s)"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The unread count the notifications page states.
async fn non_lues(nav: &Navigateur) -> usize {
    let texte = normaliser(
        &nav.client
            .find(Locator::Css("main p[role=status]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    if texte.starts_with("Aucune") {
        return 0;
    }
    texte
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unread count: {texte}"))
}
