//! A structure's registration filled from the company register (« Recherche d’entreprises »), read through
//! a local server speaking the API's JSON: an open establishment fills the form and proposes the category
//! its legal form implies; a closed one is refused; an unknown SIRET or a register that does not answer
//! leaves the registration to the person; a SIRET already registered is offered to join.

use maillage_harness::{self as common, on_both_engines};

use common::fixtures::StructureBuilder;
use common::registre::{SIRET_ASSOCIATION, SIRET_BREST_METROPOLE, SIRET_EN_PANNE, SIRET_FERME};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

const FICHE: &str = "query($s: String!) { registreEntreprises(siret: $s) {
    etat siret nom adresse communeCode libelleCommune natureJuridique categorieProposee statutPublic dejaInscrite message
} }";

on_both_engines! {
    async fn an_open_establishment_fills_the_registration_and_proposes_its_category(app) {
        let fiche = app.data(FICHE, json!({ "s": SIRET_BREST_METROPOLE })).await["registreEntreprises"].clone();
        assert_eq!(fiche["etat"], "OUVERT");
        assert_eq!(fiche["nom"], "BREST METROPOLE");
        assert_eq!(fiche["adresse"], "24 RUE COAT AR GUEVEN 29200 BREST");
        assert_eq!(fiche["communeCode"], "29019");
        assert_eq!(fiche["natureJuridique"], "7344");
        assert_eq!(fiche["categorieProposee"], "COLLECTIVITE", "a métropole");
        assert_eq!(fiche["statutPublic"], true);
        assert_eq!(fiche["dejaInscrite"], false);
        // Spaces as people type them; an association's category.
        let espacee = format!("{} {} {}", &SIRET_ASSOCIATION[..3], &SIRET_ASSOCIATION[3..9], &SIRET_ASSOCIATION[9..]);
        let association = app.data(FICHE, json!({ "s": espacee })).await["registreEntreprises"].clone();
        assert_eq!(association["categorieProposee"], "ASSOCIATION");
        assert_eq!(association["statutPublic"], false);
        // Registered with what the register gave, the structure is eligible.
        let structure = StructureBuilder::new().siret(SIRET_ASSOCIATION).inscrire(&app).await;
        let moi = structure.data("{ maStructure { siret eligibilite { eligible } } }", json!({})).await;
        assert_eq!(moi["maStructure"]["eligibilite"]["eligible"], true);
        // The same SIRET again: the register's answer says it is registered, and registering is refused.
        let deja = app.data(FICHE, json!({ "s": SIRET_ASSOCIATION })).await["registreEntreprises"].clone();
        assert_eq!(deja["dejaInscrite"], true);
        assert!(deja["message"].as_str().unwrap().contains("rejoindre"), "{deja}");
        let (_, refus) = StructureBuilder::new().siret(SIRET_ASSOCIATION).email("seconde@exemple.fr").essayer(&app, "email").await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "CONFLICT");
    }

    async fn a_closed_establishment_cannot_register_and_nothing_is_written(app) {
        let fiche = app.data(FICHE, json!({ "s": SIRET_FERME })).await["registreEntreprises"].clone();
        assert_eq!(fiche["etat"], "FERME");
        assert!(fiche["message"].as_str().unwrap().contains("fermé"), "{fiche}");
        let avant = maillage::compte::entity::utilisateur::Entity::find().count(&app.db).await.unwrap();
        let (_, refus) = StructureBuilder::new().siret(SIRET_FERME).essayer(&app, "email").await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "ESTABLISHMENT_CLOSED", "{refus}");
        assert!(refus["errors"][0]["message"].as_str().unwrap().contains("ASSOCIATION LE CYBER DU PORT"), "{refus}");
        assert_eq!(maillage::compte::entity::utilisateur::Entity::find().count(&app.db).await.unwrap(), avant, "no account");
        assert_eq!(maillage::structure::entity::Entity::find().all(&app.db).await.unwrap().iter().filter(|s| s.siret == SIRET_FERME).count(), 0);
    }

    async fn another_category_than_the_legal_form_implies_needs_a_reason_that_instructors_read(app) {
        // Brest Métropole's legal form (7344) implies a collectivité: registering it as an association is
        // refused without a reason, and nothing is written.
        let avant = maillage::compte::entity::utilisateur::Entity::find().count(&app.db).await.unwrap();
        let (_, refus) = StructureBuilder::new().siret(SIRET_BREST_METROPOLE).essayer(&app, "email").await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "INVALID_INPUT", "{refus}");
        assert!(refus["errors"][0]["message"].as_str().unwrap().contains("Collectivité territoriale"), "{refus}");
        let (_, court) = StructureBuilder::new().siret(SIRET_BREST_METROPOLE).motif_categorie("Parce que").essayer(&app, "email").await;
        assert_eq!(court["errors"][0]["extensions"]["code"], "INVALID_INPUT", "a reason of 10 characters at least");
        assert_eq!(maillage::compte::entity::utilisateur::Entity::find().count(&app.db).await.unwrap(), avant, "no account");
        // With its reason, it registers; the structure and the instructors read what the register said.
        let motif = "Le service numérique de la métropole est porté par son association de préfiguration.";
        let structure = StructureBuilder::new().siret(SIRET_BREST_METROPOLE).motif_categorie(motif).inscrire(&app).await;
        let forme = "formeJuridique { natureJuridique categorieProposee motifCategorie }";
        let lue = structure.data(&format!("{{ maStructure {{ {forme} }} }}"), json!({})).await["maStructure"]["formeJuridique"].clone();
        assert_eq!(lue, json!({ "natureJuridique": "7344", "categorieProposee": "COLLECTIVITE", "motifCategorie": motif }));
        let depot = common::fixtures::CandidatureDeposee::sur(structure, &[common::fixtures::BREST_METROPOLE]).await;
        let anct = app.connecte(common::fixtures::ANCT).await;
        let vue = anct.data(&format!("query($id: ID!) {{ candidature(id: $id) {{ structure {{ {forme} }} }} }}"), json!({ "id": depot.id })).await;
        assert_eq!(vue["candidature"]["structure"]["formeJuridique"]["motifCategorie"], motif);
        // The category the legal form implies needs no reason; a structure registered by hand has no form.
        let association = StructureBuilder::new().siret(SIRET_ASSOCIATION).email("asso@exemple.fr").inscrire(&app).await;
        let lue = association.data(&format!("{{ maStructure {{ {forme} }} }}"), json!({})).await["maStructure"]["formeJuridique"].clone();
        assert_eq!(lue, json!({ "natureJuridique": "9220", "categorieProposee": "ASSOCIATION", "motifCategorie": null }));
        let a_la_main = StructureBuilder::new().email("main@exemple.fr").inscrire(&app).await;
        assert_eq!(a_la_main.data(&format!("{{ maStructure {{ {forme} }} }}"), json!({})).await["maStructure"]["formeJuridique"], serde_json::Value::Null);
    }

    async fn without_the_registers_answer_registration_goes_on_by_hand(app) {
        // Down (HTTP 503), and a SIRET it does not know: the person fills the form.
        let panne = app.data(FICHE, json!({ "s": SIRET_EN_PANNE })).await["registreEntreprises"].clone();
        assert_eq!(panne["etat"], "SANS_REPONSE");
        assert_eq!(panne["nom"], serde_json::Value::Null);
        assert!(panne["message"].as_str().unwrap().contains("vous-même"), "{panne}");
        StructureBuilder::new().siret(SIRET_EN_PANNE).inscrire(&app).await;
        let inconnu = app.data(FICHE, json!({ "s": "13002603200016" })).await["registreEntreprises"].clone();
        assert_eq!(inconnu["etat"], "INCONNU");
        StructureBuilder::new().email("b@exemple.fr").inscrire(&app).await;
        // Nor does a register that cannot be reached at all block anyone.
        assert_eq!(app.error_code(FICHE, json!({ "s": "1234" })).await, "INVALID_SIRET");
    }
}

#[tokio::test]
async fn a_register_that_cannot_be_reached_is_an_answer_to_go_on_by_hand() {
    let ecoute = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let adresse = format!("http://{}", ecoute.local_addr().unwrap());
    drop(ecoute);
    let registre =
        maillage::structure::registre::Registre::new(&maillage::settings::RegistreEntreprisesSettings {
            url: adresse,
            delai_secondes: 1,
        });
    let siret = maillage_shared::structure::Siret::parse(SIRET_BREST_METROPOLE).unwrap();
    assert!(matches!(
        registre.consulter(&siret).await,
        maillage::structure::registre::Consultation::SansReponse(_)
    ));
}
