//! Lieux people find and keep current, on SQLite and PostgreSQL: a page per lieu (hours in French, open
//! now, what the record lacks), the search near a postal code, a commune, an address or a position with its
//! filters, editing by form in each one's perimeter with its history, and reports of errors that reach the
//! lieu's keepers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::fixtures::{ANCT, StructureBuilder};
use common::geocodage::{ADRESSE_BREST, EN_PANNE};
use common::parcours::coordinateur_de_brest;
use serde_json::{Value, json};

const FIXTURE: &str = include_str!("fixtures/lieux.csv");

const FICHE: &str =
    "query($id: String!) { lieu(id: $id) { conseillersPresents peutModifier signalementsEnAttente
    lieu { id nom departementCode horaires ouvertMaintenant manquants fermeLe telephone
        semaine { jours { jour horaires } particularites } } } }";
const CHERCHER: &str = "query($p: String, $lat: Float, $lon: Float, $f: FiltresDeLieux = {}, $n: Int = 20) {
    rechercherDesLieux(pres: $p, latitude: $lat, longitude: $lon, filtres: $f, premiers: $n) {
        repere { libelle latitude longitude } lieux { distanceKm lieu { id nom commune } } } }";
const ENREGISTRER: &str = "mutation($l: LieuSaisi!) { enregistrerUnLieu(lieu: $l) { id pivot nom horaires dateMaj departementCode } }";
const HISTORIQUE: &str = "query($id: String!) { modificationsDuLieu(id: $id) { nature auteur changements { champ avant apres } } }";
const SIGNALER: &str = "mutation($l: String!, $m: String!, $c: String) { signalerUneErreurSurUnLieu(lieuId: $l, message: $m, courriel: $c) }";
const SIGNALEMENTS: &str = "query($r: Boolean = false) { signalementsDeLieux(resolus: $r) { id lieuId lieuNom message courriel reponse resoluLe } }";
const RESOUDRE: &str = "mutation($id: ID!, $r: String) { resoudreUnSignalement(id: $id, reponse: $r) }";

async fn importer(app: &common::TestApp, csv: &str) {
    let txn = maillage::database::ecriture(&app.db).await.unwrap();
    let bilan = maillage::lieu::service::importer(&txn, csv.as_bytes(), true, |_, _| {})
        .await
        .unwrap();
    assert_eq!(bilan.erreurs, vec![]);
    txn.commit().await.unwrap();
}

/// A line of the standard (its 32 columns) with these values.
fn ligne(paires: &[(&str, &str)]) -> String {
    maillage_shared::lieu::COLONNES
        .iter()
        .map(|colonne| {
            let valeur = paires.iter().find(|(c, _)| c == colonne).map_or("", |(_, v)| *v);
            format!("\"{}\"", valeur.replace('"', "\"\""))
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn fichier(lignes: &[Vec<(&str, &str)>]) -> String {
    let mut csv = maillage_shared::lieu::COLONNES.join(",");
    for paires in lignes {
        csv.push('\n');
        csv.push_str(&ligne(paires));
    }
    csv
}

fn lieu(
    id: &'static str,
    commune: &'static str,
    cp: &'static str,
    insee: &'static str,
    lat: &'static str,
    lon: &'static str,
) -> Vec<(&'static str, &'static str)> {
    vec![
        ("id", id),
        ("pivot", "13002603200016"),
        ("nom", id),
        ("adresse", "1 place de la Mairie"),
        ("commune", commune),
        ("code_postal", cp),
        ("code_insee", insee),
        ("latitude", lat),
        ("longitude", lon),
        ("date_maj", "2026-01-05"),
        ("services", "Aide aux démarches administratives"),
    ]
}

fn ids_trouves(reponse: &Value) -> Vec<String> {
    reponse["rechercherDesLieux"]["lieux"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lieu"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The form's fields of the fixture's Brest lieu, with these changes.
fn saisie_brest(changements: Value) -> Value {
    let mut saisie = json!({
        "id": "demo-lieu-brest-1", "pivot": "13002603200016", "nom": "Médiathèque des Capucins",
        "adresse": "25 rue de Pontaniou", "complementAdresse": "2e étage", "commune": "Brest", "codePostal": "29200",
        "codeInsee": "29019", "latitude": 48.3853, "longitude": -4.5008, "typologies": ["BIB", "MUNI"],
        "telephone": "+33298000000", "courriels": ["mediatheque@exemple.fr"], "siteWeb": ["https://exemple.fr/mediatheque"],
        "horaires": "Mo 09:00-12:00,14:00-18:00; Sa 10:00-17:00", "presentationResume": "Ateliers numériques pour tous",
        "presentationDetail": "Le lieu accueille \"tous publics\", sans rendez-vous.",
        "services": ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"],
        "publicsSpecifiquementAdresses": ["Seniors", "Jeunes"], "priseEnChargeSpecifique": ["Surdité"],
        "fraisACharge": ["Gratuit"], "itinerance": ["Fixe"], "modalitesAcces": ["Se présenter", "Téléphoner"],
        "modalitesAccompagnement": ["Accompagnement individuel", "Dans un atelier collectif"],
        "priseRdv": "https://exemple.fr/rdv", "dispositifProgrammesNationaux": ["Conseillers numériques", "France Services"],
        "formationsLabels": ["Formé à « Mon Espace Santé »"], "autresFormationsLabels": ["Label local"],
    });
    for (cle, valeur) in changements.as_object().unwrap() {
        saisie[cle] = valeur.clone();
    }
    saisie
}

on_both_engines! {
    async fn lieux_page_reads_its_hours_as_a_french_week_and_names_what_its_record_lacks(app) {
        importer(&app, FIXTURE).await;
        let anonyme = app.navigateur();
        let fiche = anonyme.data(FICHE, json!({ "id": "demo-lieu-brest-1" })).await["lieu"].clone();
        let lieu = &fiche["lieu"];
        assert_eq!(lieu["departementCode"], "29");
        assert_eq!(lieu["semaine"]["jours"][0], json!({ "jour": "Lundi", "horaires": "9 h – 12 h, 14 h – 18 h" }));
        assert_eq!(lieu["semaine"]["jours"][5], json!({ "jour": "Samedi", "horaires": "10 h – 17 h" }));
        assert_eq!(lieu["semaine"]["jours"][6], json!({ "jour": "Dimanche", "horaires": "Fermé" }));
        assert!(lieu["ouvertMaintenant"].is_boolean(), "readable hours say open or closed: {lieu}");
        assert_eq!(lieu["manquants"], json!(["la fiche d’accessibilité (Acceslibre)"]));
        assert_eq!([&fiche["peutModifier"], &fiche["conseillersPresents"], &fiche["signalementsEnAttente"]], [&json!(false), &json!(0), &json!(0)]);

        // A lieu without hours: no week, "open now" unknown, much to complete.
        let quimper = anonyme.data(FICHE, json!({ "id": "demo-lieu-quimper-1" })).await["lieu"]["lieu"].clone();
        assert_eq!([&quimper["semaine"], &quimper["ouvertMaintenant"]], [&Value::Null, &Value::Null]);
        assert!(quimper["manquants"].as_array().unwrap().contains(&json!("les horaires d’ouverture")));
        assert_eq!(anonyme.data(FICHE, json!({ "id": "inconnu" })).await["lieu"], Value::Null);

        // "Open now" depends on the time: the answer is a ready one only until its minute ends (the expiry is
        // proven in http::reponses_pretes), public, revalidated by its ETag.
        let reponse = anonyme
            .http
            .post(format!("{}/graphql", anonyme.address))
            .json(&json!({ "query": "{ lieu(id: \"demo-lieu-brest-1\") { lieu { ouvertMaintenant } } }" }))
            .send()
            .await
            .unwrap();
        assert_eq!(reponse.headers()["cache-control"], "no-cache");
        assert!(reponse.headers().contains_key("etag"), "kept as a ready answer");
    }

    async fn lieux_search_near_a_postal_code_a_commune_an_address_or_a_position_nearest_first(app) {
        importer(&app, FIXTURE).await;
        importer(&app, &fichier(&[
            lieu("plougastel", "Plougastel-Daoulas", "29470", "29189", "48.3727", "-4.3697"),
            lieu("morlaix", "Morlaix", "29600", "29151", "48.5776", "-3.8280"),
        ])).await;
        let anonyme = app.navigateur();
        let reponse = anonyme.data(CHERCHER, json!({ "p": "29200" })).await;
        assert_eq!(reponse["rechercherDesLieux"]["repere"]["libelle"], "29200 Brest");
        assert_eq!(ids_trouves(&reponse), ["demo-lieu-brest-1", "plougastel", "morlaix", "demo-lieu-quimper-1"]);
        let distances: Vec<f64> = reponse["rechercherDesLieux"]["lieux"].as_array().unwrap().iter()
            .map(|l| l["distanceKm"].as_f64().unwrap()).collect();
        assert!(distances.windows(2).all(|d| d[0] <= d[1]), "nearest first: {distances:?}");
        assert!(distances[0] < 3.0 && (45.0..60.0).contains(&distances[2]), "{distances:?}");

        let quimper = anonyme.data(CHERCHER, json!({ "p": "quimper", "n": 2 })).await;
        assert_eq!(quimper["rechercherDesLieux"]["repere"]["libelle"], "Quimper (29)");
        assert_eq!(ids_trouves(&quimper), ["demo-lieu-quimper-1", "plougastel"], "two asked, two given");

        // An address goes to the national address search.
        let adresse = anonyme.data(CHERCHER, json!({ "p": ADRESSE_BREST, "n": 1 })).await;
        assert_eq!(adresse["rechercherDesLieux"]["repere"]["libelle"], "1 Rue de Siam 29200 Brest");
        assert_eq!(ids_trouves(&adresse), ["demo-lieu-brest-1"]);
        let position = anonyme.data(CHERCHER, json!({ "lat": 48.58, "lon": -3.83, "n": 1 })).await;
        assert_eq!(position["rechercherDesLieux"]["repere"]["libelle"], "Votre position");
        assert_eq!(ids_trouves(&position), ["morlaix"]);

        // What cannot be placed is said, in French, with a stable code.
        for (pres, motif) in [
            ("29999", "Aucune commune n’a le code postal 29999."),
            ("rue de la mer", "aucune commune ni adresse trouvée"),
            (EN_PANNE, "Le service des adresses ne répond pas"),
            ("x", "2 à 200 caractères"),
        ] {
            let erreur = anonyme.graphql(CHERCHER, json!({ "p": pres })).await;
            assert_eq!(erreur["errors"][0]["extensions"]["code"], "INVALID_INPUT", "{pres}: {erreur}");
            assert!(erreur["errors"][0]["message"].as_str().unwrap().contains(motif), "{pres}: {erreur}");
        }
        assert_eq!(anonyme.error_code(CHERCHER, json!({})).await, "INVALID_INPUT");
        assert_eq!(anonyme.error_code(CHERCHER, json!({ "p": "29200", "n": 101 })).await, "INVALID_INPUT");
    }

    async fn lieux_search_filters_by_service_public_support_accessibility_and_open_now(app) {
        importer(&app, FIXTURE).await;
        let mut toujours = lieu("toujours-ouvert", "Brest", "29200", "29019", "48.39", "-4.49");
        toujours.extend([("horaires", "24/7"), ("fiche_acces_libre", "https://acceslibre.beta.gouv.fr/app/erp/x/")]);
        let mut jamais = lieu("jamais-ouvert", "Brest", "29200", "29019", "48.39", "-4.48");
        jamais.push(("horaires", "Mo-Su off"));
        importer(&app, &fichier(&[toujours, jamais, lieu("sans-horaires", "Brest", "29200", "29019", "48.38", "-4.49")])).await;
        let anonyme = app.navigateur();
        let avec = |filtres: Value| {
            let anonyme = &anonyme;
            async move {
                let mut ids = ids_trouves(&anonyme.data(CHERCHER, json!({ "p": "29200", "f": filtres })).await);
                ids.sort();
                ids
            }
        };
        // The fixture's Brest lieu is open or not depending on when the test runs: its hours decide.
        let brest_ouvert = maillage_shared::horaires::Horaires::lire("Mo 09:00-12:00,14:00-18:00; Sa 10:00-17:00")
            .unwrap()
            .ouverture(chrono::Utc::now(), "29")
            == maillage_shared::horaires::Ouverture::Ouvert;
        let mut ouverts = avec(json!({ "ouvertMaintenant": true })).await;
        if brest_ouvert {
            assert_eq!(ouverts.remove(0), "demo-lieu-brest-1");
        }
        assert_eq!(ouverts, ["toujours-ouvert"], "unknown hours are not open");
        assert_eq!(avec(json!({ "ficheAccessibilite": true })).await, ["toujours-ouvert"]);
        assert_eq!(avec(json!({ "publics": ["Seniors"], "prisesEnCharge": ["Surdité"] })).await, ["demo-lieu-brest-1"]);
        assert_eq!(avec(json!({ "services": ["Accès internet et matériel informatique"] })).await, ["demo-lieu-quimper-1"]);
        assert_eq!(
            avec(json!({ "services": ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"] })).await,
            ["demo-lieu-brest-1"],
            "every service asked"
        );
        let erreur = anonyme.graphql(CHERCHER, json!({ "p": "29200", "f": { "services": ["Aide aux demarches"] } })).await;
        assert_eq!(erreur["errors"][0]["extensions"]["code"], "INVALID_INPUT");
        assert!(erreur["errors"][0]["message"].as_str().unwrap().contains("« Aide aux demarches »"), "{erreur}");
    }

    async fn lieux_are_corrected_by_form_in_each_ones_perimeter_and_every_change_is_in_their_history(app) {
        importer(&app, FIXTURE).await;
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let nouvelles = "Mo-Fr 10:00-12:00,14:00-17:00; PH off";
        let corrige = coordinateur.data(ENREGISTRER, json!({ "l": saisie_brest(json!({ "horaires": nouvelles })) })).await["enregistrerUnLieu"].clone();
        assert_eq!(corrige["horaires"], nouvelles);
        assert_eq!(corrige["dateMaj"], maillage_shared::jour::jour_en_metropole(chrono::Utc::now()).to_string());
        let fiche = app.navigateur().data(FICHE, json!({ "id": "demo-lieu-brest-1" })).await["lieu"].clone();
        assert_eq!(fiche["lieu"]["semaine"]["jours"][0]["horaires"], "10 h – 12 h, 14 h – 17 h");
        assert_eq!(fiche["lieu"]["semaine"]["particularites"], json!(["Les jours fériés : fermé"]));
        assert_eq!(coordinateur.data(FICHE, json!({ "id": "demo-lieu-brest-1" })).await["lieu"]["peutModifier"], true);
        let historique = coordinateur.data(HISTORIQUE, json!({ "id": "demo-lieu-brest-1" })).await["modificationsDuLieu"].clone();
        assert_eq!(historique[0]["nature"], "CORRECTION");
        assert_eq!(historique[0]["auteur"], "Yann Conseiller-Iroise (Coordinateur)");
        assert_eq!(
            historique[0]["changements"],
            json!([{ "champ": "horaires", "avant": "Mo 09:00-12:00,14:00-18:00; Sa 10:00-17:00", "apres": nouvelles }])
        );

        // Checked as the import checks: a bad field is named and nothing changes.
        let erreur = coordinateur.graphql(ENREGISTRER, json!({ "l": saisie_brest(json!({ "horaires": "lundi 9h-12h", "telephone": "02 98" })) })).await;
        assert_eq!(erreur["errors"][0]["extensions"]["code"], "INVALID_INPUT");
        let message = erreur["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("horaires « lundi 9h-12h »") && message.contains("telephone « 02 98 »"), "{message}");
        assert_eq!(coordinateur.data(HISTORIQUE, json!({ "id": "demo-lieu-brest-1" })).await["modificationsDuLieu"].as_array().unwrap().len(), 1);

        // Outside its perimeter (Quimper is not in Brest Métropole), a coordinator neither corrects nor creates.
        let quimper = json!({ "id": "demo-lieu-quimper-1", "pivot": "W291000123", "nom": "France services Quimper", "adresse": "3 place Saint-Corentin",
            "commune": "Quimper", "codePostal": "29000", "services": ["Accès internet et matériel informatique"] });
        assert_eq!(coordinateur.error_code(ENREGISTRER, json!({ "l": quimper })).await, "FORBIDDEN");
        let mut ailleurs = quimper.clone();
        ailleurs.as_object_mut().unwrap().remove("id");
        assert_eq!(coordinateur.error_code(ENREGISTRER, json!({ "l": ailleurs })).await, "FORBIDDEN");
        assert_eq!(coordinateur.error_code(HISTORIQUE, json!({ "id": "demo-lieu-quimper-1" })).await, "FORBIDDEN");
        assert_eq!(app.navigateur().error_code(ENREGISTRER, json!({ "l": ailleurs })).await, "UNAUTHENTICATED");
        assert_eq!(app.connecte(common::fixtures::PREFECTURE_29).await.error_code(ENREGISTRER, json!({ "l": ailleurs })).await, "FORBIDDEN");

        // A structure creates its own lieu (its SIRET as pivot, whatever the form says) and keeps it; it does
        // not touch another's.
        let structure = StructureBuilder::new().siret(common::registre::SIRET_ASSOCIATION).inscrire(&app).await;
        let siret = structure.data("{ maStructure { siret } }", json!({})).await["maStructure"]["siret"].as_str().unwrap().to_owned();
        let cree = structure.data(ENREGISTRER, json!({ "l": ailleurs })).await["enregistrerUnLieu"].clone();
        assert_eq!([&cree["pivot"], &cree["departementCode"]], [&json!(siret), &json!("29")]);
        let id = cree["id"].as_str().unwrap();
        assert_eq!(structure.data(HISTORIQUE, json!({ "id": id })).await["modificationsDuLieu"][0]["nature"], "CREATION");
        assert_eq!(structure.error_code(ENREGISTRER, json!({ "l": saisie_brest(json!({})) })).await, "FORBIDDEN");

        // ANCT closes it: it leaves the search and the open data, its page says so; then reopens it.
        let anct = app.connecte(ANCT).await;
        let fermer = "mutation($id: String!, $m: String!) { fermerUnLieu(id: $id, motif: $m) { fermeLe } }";
        assert!(anct.data(fermer, json!({ "id": id, "m": "Déménagement de la structure" })).await["fermerUnLieu"]["fermeLe"].is_string());
        assert_eq!(anct.error_code(fermer, json!({ "id": id, "m": "Encore" })).await, "CONFLICT");
        let anonyme = app.navigateur();
        assert!(!ids_trouves(&anonyme.data(CHERCHER, json!({ "p": "29000" })).await).contains(&id.to_owned()));
        let ouverts = anonyme.data("{ lieux(departement: \"29\") { id } }", json!({})).await;
        assert!(!ouverts["lieux"].as_array().unwrap().iter().any(|l| l["id"] == id), "{ouverts}");
        assert!(anonyme.data(FICHE, json!({ "id": id })).await["lieu"]["lieu"]["fermeLe"].is_string());
        anct.data("mutation($id: String!) { rouvrirUnLieu(id: $id) { id } }", json!({ "id": id })).await;
        assert!(ids_trouves(&anonyme.data(CHERCHER, json!({ "p": "29000" })).await).contains(&id.to_owned()));
        let natures: Vec<Value> = structure.data(HISTORIQUE, json!({ "id": id })).await["modificationsDuLieu"]
            .as_array().unwrap().iter().map(|m| m["nature"].clone()).collect();
        assert_eq!(natures, [json!("REOUVERTURE"), json!("FERMETURE"), json!("CREATION")]);

        // Its change is in the structure's data export; once the account is erased, the history keeps the
        // change, not the name.
        let donnees = structure.data("{ mesDonnees }", json!({})).await["mesDonnees"].clone();
        assert_eq!(donnees["modifications_de_lieux"][0]["lieu_id"], id);
        structure.data("mutation($m: String!) { effacerMonCompte(motDePasse: $m) }", json!({ "m": "un mot de passe long" })).await;
        let historique = anct.data(HISTORIQUE, json!({ "id": id })).await["modificationsDuLieu"].clone();
        assert_eq!(historique[2]["auteur"], "Personne effacée");
        assert!(historique[0]["auteur"].as_str().unwrap().ends_with("(ANCT)"), "{historique}");
    }

    async fn lieux_errors_reported_by_anyone_reach_their_keepers_who_resolve_them(app) {
        importer(&app, FIXTURE).await;
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let anonyme = app.navigateur();
        let message = "Le lieu n’ouvre plus le samedi depuis septembre.";
        assert_eq!(
            anonyme.data(SIGNALER, json!({ "l": "demo-lieu-brest-1", "m": message, "c": "Usager@Exemple.fr" })).await["signalerUneErreurSurUnLieu"],
            true
        );
        let notifications = coordinateur.data("{ mesNotifications { titre lien } }", json!({})).await;
        assert!(
            notifications["mesNotifications"].as_array().unwrap().iter()
                .any(|n| n["lien"] == "/lieux/demo-lieu-brest-1" && n["titre"] == "Erreur signalée sur « Médiathèque des Capucins »"),
            "{notifications}"
        );
        assert!(app.dernier_courriel("conseiller.iroise@demo.maillage.fr").await.contains(message));
        let attente = coordinateur.data(SIGNALEMENTS, json!({})).await["signalementsDeLieux"].clone();
        assert_eq!(attente.as_array().unwrap().len(), 1);
        assert_eq!([&attente[0]["message"], &attente[0]["courriel"], &attente[0]["lieuNom"]], [&json!(message), &json!("usager@exemple.fr"), &json!("Médiathèque des Capucins")]);
        assert_eq!(coordinateur.data(FICHE, json!({ "id": "demo-lieu-brest-1" })).await["lieu"]["signalementsEnAttente"], 1);

        // Nobody else keeps this lieu: another structure reads no report and resolves none.
        let autre = StructureBuilder::new().siret(common::registre::SIRET_ASSOCIATION).inscrire(&app).await;
        assert_eq!(autre.data(SIGNALEMENTS, json!({})).await["signalementsDeLieux"], json!([]));
        let id = attente[0]["id"].clone();
        assert_eq!(autre.error_code(RESOUDRE, json!({ "id": id })).await, "FORBIDDEN");
        assert_eq!(anonyme.error_code(SIGNALEMENTS, json!({})).await, "UNAUTHENTICATED");

        // Resolved: the reporter is told, their address is gone, the report moves to the resolved ones.
        coordinateur.data(RESOUDRE, json!({ "id": id, "r": "Horaires corrigés, merci !" })).await;
        let courriel = app.dernier_courriel("usager@exemple.fr").await;
        assert!(courriel.contains("Réponse : Horaires corrigés, merci !") && courriel.contains("/lieux/demo-lieu-brest-1"), "{courriel}");
        assert_eq!(coordinateur.data(SIGNALEMENTS, json!({})).await["signalementsDeLieux"], json!([]));
        let resolus = coordinateur.data(SIGNALEMENTS, json!({ "r": true })).await["signalementsDeLieux"].clone();
        assert_eq!([&resolus[0]["courriel"], &resolus[0]["reponse"]], [&Value::Null, &json!("Horaires corrigés, merci !")]);
        assert_eq!(coordinateur.error_code(RESOUDRE, json!({ "id": id })).await, "CONFLICT");

        // Bad input changes nothing; one client sends five reports an hour.
        for (lieu, texte, adresse) in [("demo-lieu-brest-1", "court", None), ("inconnu", message, None), ("demo-lieu-brest-1", message, Some("pas une adresse"))] {
            let code = anonyme.error_code(SIGNALER, json!({ "l": lieu, "m": texte, "c": adresse })).await;
            assert!(["INVALID_INPUT", "NOT_FOUND"].contains(&code.as_str()), "{lieu} {texte}: {code}");
        }
        for _ in 0..4 {
            anonyme.data(SIGNALER, json!({ "l": "demo-lieu-quimper-1", "m": message })).await;
        }
        assert_eq!(anonyme.error_code(SIGNALER, json!({ "l": "demo-lieu-quimper-1", "m": message })).await, "RATE_LIMITED");
        assert_eq!(app.connecte(ANCT).await.data(SIGNALEMENTS, json!({})).await["signalementsDeLieux"].as_array().unwrap().len(), 4);
    }

    async fn lieux_to_complete_are_those_of_the_coordinators_perimeter_whose_record_lacks_something(app) {
        importer(&app, FIXTURE).await;
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let a_completer = coordinateur.data("{ lieuxACompleter { id manquants } }", json!({})).await["lieuxACompleter"].clone();
        assert_eq!(a_completer, json!([{ "id": "demo-lieu-brest-1", "manquants": ["la fiche d’accessibilité (Acceslibre)"] }]));
        coordinateur
            .data(ENREGISTRER, json!({ "l": saisie_brest(json!({ "ficheAccesLibre": "https://acceslibre.beta.gouv.fr/app/erp/capucins/" })) }))
            .await;
        assert_eq!(coordinateur.data("{ lieuxACompleter { id } }", json!({})).await["lieuxACompleter"], json!([]));
        let anct = app.connecte(ANCT).await.data("{ lieuxACompleter { id } }", json!({})).await;
        assert_eq!(anct["lieuxACompleter"], json!([{ "id": "demo-lieu-quimper-1" }]));
    }
}

on_both_engines! {
    async fn lieux_search_without_an_address_service_still_finds_communes_and_postal_codes(app) with |settings| {
        settings.geocodage.url = String::new();
    } {
        importer(&app, FIXTURE).await;
        let anonyme = app.navigateur();
        assert_eq!(ids_trouves(&anonyme.data(CHERCHER, json!({ "p": "Brest", "n": 1 })).await), ["demo-lieu-brest-1"]);
        let erreur = anonyme.graphql(CHERCHER, json!({ "p": ADRESSE_BREST })).await;
        assert!(erreur["errors"][0]["message"].as_str().unwrap().contains("la recherche par adresse n’est pas disponible"), "{erreur}");
    }
}
