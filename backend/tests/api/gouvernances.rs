//! The gouvernances the préfectures register, on SQLite and PostgreSQL: the préfecture of the Finistère
//! registers members (Brest Métropole as co-porteur, the demo structure by SIRET), a comité, a feuille de
//! route and its action, each change with its line of history; anyone reads the gouvernance (open data), the
//! history is the agents'; another préfecture, a structure, SGAR or ANCT change nothing; bad input changes
//! nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::parcours::*;
use serde_json::{Value, json};

const CHAMPS: &str = "departementCode noteDeContexte modifieeLe
    membres { id nom siret natureCollectivite codeTerritoire coPorteur }
    comites { id type frequence prochaineReunion commentaire }
    feuillesDeRoute { id nom perimetre porteur porteurId budget actions { id nom besoins budget debut fin } }";

fn mutation(nom: &str, arguments: &str, parametres: &str) -> String {
    format!("mutation({parametres}) {{ {nom}({arguments}) {{ {CHAMPS} }} }}")
}

fn ajouter() -> String {
    mutation(
        "ajouterMembreDeGouvernance",
        "departementCode: $d, membre: $m, coPorteur: $c",
        "$d: String!, $m: NouveauMembreEntree!, $c: Boolean! = false",
    )
}

fn lire() -> String {
    format!("query($d: String!) {{ gouvernance(departementCode: $d) {{ {CHAMPS} }} }}")
}

const HISTORIQUE: &str =
    "query($d: String!) { gouvernance(departementCode: $d) { historique { auteur texte } } }";

const SIRET_IROISE: &str = "90000000000019";

fn brest_metropole(co_porteur: bool) -> Value {
    json!({ "d": "29", "m": { "nature": "EPCI", "code": BREST_METROPOLE }, "c": co_porteur })
}

async fn gouvernance_du_finistere(prefecture: &common::Client) -> Value {
    prefecture.data(&ajouter(), brest_metropole(true)).await;
    prefecture
        .data(&ajouter(), json!({ "d": "29", "m": { "siret": SIRET_IROISE } }))
        .await["ajouterMembreDeGouvernance"]
        .clone()
}

on_both_engines! {
    async fn the_prefecture_registers_its_gouvernance_and_anyone_reads_it(app) {
        let prefecture = app.connecte(PREFECTURE_29).await;
        // Before anything is registered, the gouvernance reads empty.
        let vide = app.navigateur().data(&lire(), json!({ "d": "29" })).await["gouvernance"].clone();
        assert_eq!(vide["membres"], json!([]));
        assert_eq!(vide["modifieeLe"], Value::Null);

        let g = gouvernance_du_finistere(&prefecture).await;
        let membres = g["membres"].as_array().unwrap();
        assert_eq!(membres.len(), 2);
        // Co-porteurs first; the EPCI named from the referential, the structure from Maillage.
        assert_eq!(membres[0]["nom"], "Brest Métropole", "{g}");
        assert_eq!(membres[0]["coPorteur"], true);
        assert_eq!(membres[0]["natureCollectivite"], "EPCI");
        assert_eq!(membres[1]["nom"], "Association Iroise Numérique (démo)");
        assert_eq!(membres[1]["siret"], SIRET_IROISE);
        assert_eq!(membres[1]["coPorteur"], false);

        // A structure Maillage does not know is named by the préfecture.
        let sans_nom = json!({ "d": "29", "m": { "siret": "22901900000012" } });
        assert_eq!(prefecture.error_code(&ajouter(), sans_nom).await, "INVALID_INPUT");
        let nommee = json!({ "d": "29", "m": { "siret": "22901900000012", "nom": "Commune de Brest (CCAS)" } });
        prefecture.data(&ajouter(), nommee).await;

        let comite = prefecture.data(
            &mutation("enregistrerComiteDeGouvernance", "departementCode: $d, comite: $c", "$d: String!, $c: ComiteEntree!"),
            json!({ "d": "29", "c": { "type": "STRATEGIQUE", "frequence": "TRIMESTRIELLE", "commentaire": "Présidé par le préfet" } }),
        ).await["enregistrerComiteDeGouvernance"]["comites"][0].clone();
        assert_eq!(comite["type"], "STRATEGIQUE");
        let porteur = membres[0]["id"].clone();
        let feuille = prefecture.data(
            &mutation("enregistrerFeuilleDeRoute", "departementCode: $d, feuille: $f", "$d: String!, $f: FeuilleDeRouteEntree!"),
            json!({ "d": "29", "f": { "nom": "Inclusion numérique du Finistère", "perimetre": "DEPARTEMENTAL", "porteurId": porteur } }),
        ).await["enregistrerFeuilleDeRoute"]["feuillesDeRoute"][0].clone();
        assert_eq!(feuille["porteur"], "Brest Métropole");
        let g = prefecture.data(
            &mutation("enregistrerActionDeFeuilleDeRoute", "feuilleDeRouteId: $f, action: $a", "$f: ID!, $a: ActionDeFeuilleDeRouteEntree!"),
            json!({ "f": feuille["id"], "a": { "nom": "Former les aidants numériques", "besoins": ["ANIMER_LA_GOUVERNANCE", "APPUI_JURIDIQUE"],
                "budget": 15000, "debut": "2027-01-01", "fin": "2027-12-31" } }),
        ).await["enregistrerActionDeFeuilleDeRoute"].clone();
        assert_eq!(g["feuillesDeRoute"][0]["budget"], 15000);
        assert_eq!(g["feuillesDeRoute"][0]["actions"][0]["besoins"], json!(["ANIMER_LA_GOUVERNANCE", "APPUI_JURIDIQUE"]));

        // Anyone reads it, every gouvernance at once too (open data).
        let publique = app.navigateur().data(&lire(), json!({ "d": "29" })).await["gouvernance"].clone();
        assert_eq!(publique, g);
        let toutes = app.navigateur().data("{ gouvernances { departementCode membres { nom } } }", json!({})).await;
        assert_eq!(toutes["gouvernances"].as_array().unwrap().len(), 1, "{toutes}");

        // The history names the agent, newest first; it is not open data.
        let historique = prefecture.data(HISTORIQUE, json!({ "d": "29" })).await["gouvernance"]["historique"].clone();
        let lignes: Vec<&str> = historique.as_array().unwrap().iter().map(|l| l["texte"].as_str().unwrap()).collect();
        assert_eq!(lignes.len(), 6, "{historique}");
        assert!(lignes[0].starts_with("Action « Former les aidants numériques »"), "{lignes:?}");
        assert_eq!(lignes[5], "Brest Métropole ajouté comme co-porteur");
        assert_eq!(historique[0]["auteur"], "Paul Préfecture-Finistère");
        // A nested field refused by its rule reads empty, as the pages show it.
        let anonyme = app.navigateur().data(HISTORIQUE, json!({ "d": "29" })).await;
        assert_eq!(anonyme["gouvernance"]["historique"], json!([]));
        let sgar = app.connecte(SGAR_53).await;
        assert_eq!(sgar.data(HISTORIQUE, json!({ "d": "29" })).await["gouvernance"]["historique"].as_array().unwrap().len(), 6);
        let autre = app.connecte(PREFECTURE_35).await;
        assert_eq!(autre.error_code(HISTORIQUE, json!({ "d": "29" })).await, "FORBIDDEN");
    }

    async fn only_the_prefecture_of_the_departement_changes_its_gouvernance(app) {
        let prefecture = app.connecte(PREFECTURE_29).await;
        let g = gouvernance_du_finistere(&prefecture).await;
        let membre = g["membres"][1]["id"].clone();
        let designer = mutation("designerCoPorteur", "membreId: $m, coPorteur: $c", "$m: ID!, $c: Boolean!");
        let retirer = mutation("retirerMembreDeGouvernance", "membreId: $m", "$m: ID!");
        for email in [PREFECTURE_35, SGAR_53, ANCT, STRUCTURE] {
            let autre = app.connecte(email).await;
            assert_eq!(autre.error_code(&ajouter(), brest_metropole(false)).await, "FORBIDDEN", "{email}");
            assert_eq!(autre.error_code(&designer, json!({ "m": membre, "c": true })).await, "FORBIDDEN", "{email}");
            assert_eq!(autre.error_code(&retirer, json!({ "m": membre })).await, "FORBIDDEN", "{email}");
        }
        assert_eq!(app.navigateur().error_code(&ajouter(), brest_metropole(false)).await, "UNAUTHENTICATED");

        // The préfecture changes its own.
        let g = prefecture.data(&designer, json!({ "m": membre, "c": true })).await["designerCoPorteur"].clone();
        assert!(g["membres"].as_array().unwrap().iter().all(|m| m["coPorteur"] == true), "{g}");
        let g = prefecture.data(&retirer, json!({ "m": membre })).await["retirerMembreDeGouvernance"].clone();
        assert_eq!(g["membres"].as_array().unwrap().len(), 1);
    }

    async fn bad_input_to_a_gouvernance_is_refused_and_changes_nothing(app) {
        let prefecture = app.connecte(PREFECTURE_29).await;
        let avant = gouvernance_du_finistere(&prefecture).await;
        let cas = [
            // The same member twice.
            (ajouter(), brest_metropole(false), "CONFLICT"),
            // A territory outside the département (Rennes Métropole is in Ille-et-Vilaine).
            (ajouter(), json!({ "d": "29", "m": { "nature": "EPCI", "code": "243500139" } }), "INVALID_INPUT"),
            (ajouter(), json!({ "d": "29", "m": { "nature": "REGION", "code": "11" } }), "INVALID_INPUT"),
            // A structure and a collectivité at once, or neither.
            (ajouter(), json!({ "d": "29", "m": { "siret": "90000000000019", "nature": "COMMUNE", "code": "29019" } }), "INVALID_INPUT"),
            (ajouter(), json!({ "d": "29", "m": { "nom": "Personne" } }), "INVALID_INPUT"),
            // A SIRET whose key is wrong.
            (ajouter(), json!({ "d": "29", "m": { "siret": "90000000000018", "nom": "X" } }), "INVALID_SIRET"),
            // A comité whose next meeting is past.
            (
                mutation("enregistrerComiteDeGouvernance", "departementCode: $d, comite: $c", "$d: String!, $c: ComiteEntree!"),
                json!({ "d": "29", "c": { "type": "TECHNIQUE", "frequence": "MENSUELLE", "prochaineReunion": "2020-01-01" } }),
                "INVALID_INPUT",
            ),
            // A feuille de route carried by a member of another gouvernance.
            (
                mutation("enregistrerFeuilleDeRoute", "departementCode: $d, feuille: $f", "$d: String!, $f: FeuilleDeRouteEntree!"),
                json!({ "d": "29", "f": { "nom": "Feuille", "perimetre": "REGIONAL", "porteurId": "999999" } }),
                "INVALID_INPUT",
            ),
            (
                mutation("enregistrerFeuilleDeRoute", "departementCode: $d, feuille: $f", "$d: String!, $f: FeuilleDeRouteEntree!"),
                json!({ "d": "29", "f": { "nom": " ", "perimetre": "REGIONAL" } }),
                "INVALID_INPUT",
            ),
            (
                mutation("modifierNoteDeGouvernance", "departementCode: $d, note: $n", "$d: String!, $n: String!"),
                json!({ "d": "29", "n": "x".repeat(5001) }),
                "INVALID_INPUT",
            ),
            (
                mutation("modifierNoteDeGouvernance", "departementCode: $d, note: $n", "$d: String!, $n: String!"),
                json!({ "d": "2C", "n": "Note" }),
                "INVALID_TERRITORY_CODE",
            ),
        ];
        for (requete, variables, code) in cas {
            assert_eq!(prefecture.error_code(&requete, variables.clone()).await, code, "{variables}");
        }
        let apres = prefecture.data(&lire(), json!({ "d": "29" })).await["gouvernance"].clone();
        assert_eq!(apres, avant);
        let historique = prefecture.data(HISTORIQUE, json!({ "d": "29" })).await["gouvernance"]["historique"].clone();
        assert_eq!(historique.as_array().unwrap().len(), 2, "a refused change writes no history");
    }
}

const DESIGNER: &str = "mutation($d: String!, $s: String!, $n: String! = \"\", $c: String! = \"\") {
    designerStructureDAccueil(departementCode: $d, siret: $s, nom: $n, commentaire: $c) {
        structuresDAccueil { id siret nom commentaire } } }";
const ACCUEIL: &str =
    "query($d: String!) { gouvernance(departementCode: $d) { structuresDAccueil { id nom } } }";
const RETIRER_ACCUEIL: &str = "mutation($id: ID!) { retirerStructureDAccueil(structureDAccueilId: $id) {
    structuresDAccueil { id } } }";
const PLACE: &str =
    "query($id: ID!) { candidature(id: $id) { gouvernanceLocale { identifieePourAccueillir } } }";

on_both_engines! {
    async fn the_prefecture_identifies_the_structures_able_to_host_and_each_candidature_says_so(app) {
        let (_, candidature) = candidature_deposee(&app).await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let place = |client: common::Client| {
            let candidature = candidature.clone();
            async move {
                client.data(PLACE, json!({ "id": candidature })).await["candidature"]["gouvernanceLocale"]
                    ["identifieePourAccueillir"].clone()
            }
        };
        assert_eq!(place(prefecture.clone()).await, false);

        let liste = prefecture
            .data(DESIGNER, json!({ "d": "29", "s": SIRET_IROISE, "c": "Porte déjà trois conseillers du Pays d’Iroise" }))
            .await["designerStructureDAccueil"]["structuresDAccueil"].clone();
        assert_eq!(liste[0]["nom"], "Association Iroise Numérique (démo)", "named from Maillage");
        assert_eq!(liste[0]["commentaire"], "Porte déjà trois conseillers du Pays d’Iroise");
        // A structure Maillage does not know is named by the préfecture.
        prefecture
            .data(DESIGNER, json!({ "d": "29", "s": "13002526500013", "n": "Centre social de Quimper" }))
            .await;
        assert_eq!(place(prefecture.clone()).await, true);
        assert_eq!(place(app.connecte(ANCT).await).await, true);

        // The structure's people are told, in the app and by email.
        let structure = app.connecte(STRUCTURE).await;
        let notifications = structure.data("{ mesNotifications { titre } }", json!({})).await;
        assert!(
            notifications["mesNotifications"].as_array().unwrap().iter()
                .any(|n| n["titre"] == "Votre structure peut accueillir un coordinateur"),
            "{notifications}"
        );
        assert!(app.dernier_courriel(STRUCTURE).await.contains("comme structure pouvant accueillir"));

        // The agents of the territory read the list; another préfecture does not; anonymous reads nothing.
        let sgar = app.connecte(SGAR_53).await;
        assert_eq!(sgar.data(ACCUEIL, json!({ "d": "29" })).await["gouvernance"]["structuresDAccueil"].as_array().unwrap().len(), 2);
        let autre = app.connecte(PREFECTURE_35).await;
        assert_eq!(autre.error_code(ACCUEIL, json!({ "d": "29" })).await, "FORBIDDEN");
        let anonyme = app.navigateur().graphql(ACCUEIL, json!({ "d": "29" })).await;
        assert!(!anonyme.to_string().contains("Iroise"), "{anonyme}");

        // Only the préfecture of the département designates; twice, a bad SIRET or an unnamed unknown
        // structure is refused and writes nothing.
        assert_eq!(autre.error_code(DESIGNER, json!({ "d": "29", "s": "13002526500021", "n": "Intrus" })).await, "FORBIDDEN");
        assert_eq!(structure.error_code(DESIGNER, json!({ "d": "29", "s": "13002526500021", "n": "Intrus" })).await, "FORBIDDEN");
        assert_eq!(prefecture.error_code(DESIGNER, json!({ "d": "29", "s": SIRET_IROISE })).await, "CONFLICT");
        assert_eq!(prefecture.error_code(DESIGNER, json!({ "d": "29", "s": "90000000000018" })).await, "INVALID_SIRET");
        assert_eq!(prefecture.error_code(DESIGNER, json!({ "d": "29", "s": "13002526500021" })).await, "INVALID_INPUT");
        let liste = prefecture.data(ACCUEIL, json!({ "d": "29" })).await["gouvernance"]["structuresDAccueil"].clone();
        assert_eq!(liste.as_array().unwrap().len(), 2);
        let tableau = prefecture
            .data("{ tableauDeBord { gouvernances { departement structuresDAccueil membres } } }", json!({}))
            .await;
        assert_eq!(
            tableau["tableauDeBord"]["gouvernances"],
            json!([{ "departement": "Finistère", "structuresDAccueil": 2, "membres": 0 }])
        );

        // Taken off the list, in the history; the candidature no longer says so.
        let iroise = liste.as_array().unwrap().iter().find(|s| s["nom"] == "Association Iroise Numérique (démo)").unwrap()["id"].clone();
        assert_eq!(autre.error_code(RETIRER_ACCUEIL, json!({ "id": iroise })).await, "FORBIDDEN");
        let reste = prefecture.data(RETIRER_ACCUEIL, json!({ "id": iroise })).await;
        assert_eq!(reste["retirerStructureDAccueil"]["structuresDAccueil"].as_array().unwrap().len(), 1);
        assert_eq!(place(prefecture.clone()).await, false);
        let historique = prefecture.data(HISTORIQUE, json!({ "d": "29" })).await.to_string();
        assert!(historique.contains("Association Iroise Numérique (démo) retirée des structures pouvant accueillir"), "{historique}");
        assert!(historique.contains("Centre social de Quimper identifiée comme structure pouvant accueillir"), "{historique}");
    }
}
