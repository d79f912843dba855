//! The candidature workflow through the API, on SQLite and PostgreSQL: every allowed move, and every
//! forbidden one with its error code and no change in the database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::{Client, TestApp};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use common::parcours::*;

/// What a forbidden move must leave untouched: candidatures and their statuts, history, notifications, emails.
async fn etat(app: &TestApp) -> Vec<String> {
    let rows = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT id, statut, avis_commentaire, decision_motif FROM candidature ORDER BY id".to_owned(),
        ))
        .await
        .unwrap();
    let mut etat: Vec<String> = rows
        .into_iter()
        .map(|row| {
            let id: i64 = row.try_get("", "id").unwrap();
            let statut: String = row.try_get("", "statut").unwrap();
            let avis: Option<String> = row.try_get("", "avis_commentaire").unwrap();
            let decision: Option<String> = row.try_get("", "decision_motif").unwrap();
            format!("{id}:{statut}:{avis:?}:{decision:?}")
        })
        .collect();
    use maillage::candidature::entity::historique_candidature;
    use maillage::notification::entity::{email_sortant, notification};
    etat.push(format!(
        "historique={}",
        historique_candidature::Entity::find()
            .count(&app.db)
            .await
            .unwrap()
    ));
    etat.push(format!(
        "notifications={}",
        notification::Entity::find().count(&app.db).await.unwrap()
    ));
    etat.push(format!(
        "emails={}",
        email_sortant::Entity::find().count(&app.db).await.unwrap()
    ));
    etat
}

async fn inscrire(app: &TestApp, email: &str, siret: &str, categorie: Value) -> (Client, Value) {
    let (client, reponse) = StructureBuilder::new()
        .email(email)
        .siret(siret)
        .categorie(categorie.as_str())
        .essayer(app, "email roleActif { role }")
        .await;
    if reponse.get("errors").is_none() {
        app.verifier_l_adresse(&client, email).await;
    }
    (client, reponse)
}

on_both_engines! {
    async fn workflow_structure_files_prefecture_gives_avis_anct_validates_and_everyone_is_notified(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_complet(&structure).await;
        let data = structure.data(FORMULAIRE, json!({ "id": id, "f": formulaire_complet(&[BREST_METROPOLE]) })).await;
        assert_eq!(data["modifierCandidature"]["montantSubventionEuros"], 40_000, "private CDI: 40 000 €");
        assert_eq!(data["modifierCandidature"]["dureeSubventionMois"], 24);
        assert_eq!(data["modifierCandidature"]["champsManquants"], json!([]));
        consulter_tout(&structure, &id).await;
        joindre_pieces_requises(&structure, &id).await;
        let depot = structure.data(DEPOSER, json!({ "id": id })).await;
        assert_eq!(depot["deposerCandidature"]["statut"], "DEPOSEE");
        let today = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
        assert_eq!(depot["deposerCandidature"]["deposeLe"], today.to_string());

        let prefecture = app.connecte(PREFECTURE_29).await;
        let liste = prefecture.data("{ candidatures { total elements { id statut } } }", json!({})).await;
        assert_eq!(liste["candidatures"]["total"], 1);
        let avis = prefecture.data(AVIS, json!({ "id": id, "f": true, "c": "Projet articulé avec la gouvernance" })).await;
        assert_eq!(avis["donnerAvis"]["statut"], "AVIS_RENDU");

        let anct = app.connecte(ANCT).await;
        let vue = anct.data("query($id: ID!) { candidature(id: $id) { avis { favorable commentaire } } }", json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["avis"]["commentaire"], "Projet articulé avec la gouvernance");
        let decision = anct.data(DECIDER, json!({ "id": id, "d": "VALIDEE", "m": "Territoire prioritaire et projet coordonné" })).await;
        assert_eq!(decision["deciderCandidature"]["statut"], "VALIDEE");

        let vue = structure
            .data(
                "query($id: ID!) { candidature(id: $id) { statut avis { favorable } montantSubventionEuros
                    decision { validee motif echeanceRecrutement }
                    historique { deStatut versStatut role commentaire } } }",
                json!({ "id": id }),
            )
            .await;
        let candidature = &vue["candidature"];
        assert_eq!(candidature["statut"], "VALIDEE");
        assert_eq!(candidature["avis"], Value::Null, "the préfecture's avis is internal to the instruction");
        let commentaire_prefecture = candidature["historique"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["role"] == "PREFECTURE")
            .unwrap()["commentaire"]
            .clone();
        assert_eq!(commentaire_prefecture, Value::Null, "nor through the history");
        assert_eq!(candidature["decision"]["validee"], true);
        let historique: Vec<(Value, Value)> = candidature["historique"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["versStatut"].clone(), e["role"].clone()))
            .collect();
        assert_eq!(
            historique,
            vec![
                (json!("BROUILLON"), json!("STRUCTURE")),
                (json!("DEPOSEE"), json!("STRUCTURE")),
                (json!("AVIS_RENDU"), json!("PREFECTURE")),
                (json!("VALIDEE"), json!("ANCT")),
            ]
        );
        let notifications = structure.data("{ mesNotifications { titre lien } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Candidature validée");
        assert_eq!(notifications["mesNotifications"][0]["lien"], format!("/candidatures/{id}"));
        let prefecture_notifications = prefecture.data("{ mesNotifications { titre } }", json!({})).await;
        let titres: Vec<&str> = prefecture_notifications["mesNotifications"].as_array().unwrap().iter().map(|n| n["titre"].as_str().unwrap()).collect();
        assert!(titres.contains(&"Candidature validée") && titres.contains(&"Nouvelle candidature à examiner"), "{titres:?}");
        use maillage::notification::entity::email_sortant;
        let emails = email_sortant::Entity::find().all(&app.db).await.unwrap();
        assert!(emails.iter().any(|e| e.destinataire == STRUCTURE && e.sujet.contains("Candidature validée")), "outbox: {emails:?}");

        // The deadlines, on days chosen for their month ends: two months to decide after a filing on
        // 31 December, six months to recruit after a decision on 31 August.
        app.db
            .execute_unprepared(&format!(
                "UPDATE candidature SET depose_le = '2025-12-31', decide_le = '2026-08-31' WHERE id = {id}"
            ))
            .await
            .unwrap();
        let echeances = anct
            .data("query($id: ID!) { candidature(id: $id) { echeanceDecision decision { echeanceRecrutement } } }", json!({ "id": id }))
            .await;
        assert_eq!(echeances["candidature"]["echeanceDecision"], "2026-02-28");
        assert_eq!(echeances["candidature"]["decision"]["echeanceRecrutement"], "2027-02-28");
    }

    async fn prefecture_cannot_give_avis_outside_its_departement(app) {
        let (_, id) = candidature_deposee(&app).await;
        let avant = etat(&app).await;
        let prefecture = app.connecte(PREFECTURE_35).await;
        let code = prefecture.error_code(AVIS, json!({ "id": id, "f": false, "c": "Je ne devrais pas pouvoir." })).await;
        assert_eq!(code, "FORBIDDEN");
        assert_eq!(etat(&app).await, avant);
    }

    async fn prefecture_cannot_read_another_departements_candidatures(app) {
        let (_, id) = candidature_deposee(&app).await;
        let prefecture = app.connecte(PREFECTURE_35).await;
        let liste = prefecture.data("{ candidatures { total elements { id } } }", json!({})).await;
        assert_eq!(liste["candidatures"]["total"], 0);
        let code = prefecture.error_code("query($id: ID!) { candidature(id: $id) { id diagnostic } }", json!({ "id": id })).await;
        assert_eq!(code, "FORBIDDEN");
    }

    async fn sgar_reads_its_region_but_cannot_give_avis(app) {
        let (_, id) = candidature_deposee(&app).await;
        let sgar = app.connecte(SGAR_53).await;
        let liste = sgar.data("{ candidatures { total } }", json!({})).await;
        assert_eq!(liste["candidatures"]["total"], 1, "Finistère is in Bretagne");
        let avant = etat(&app).await;
        assert_eq!(sgar.error_code(AVIS, json!({ "id": id, "f": true, "c": "Le SGAR est consultatif." })).await, "FORBIDDEN");
        assert_eq!(etat(&app).await, avant);
    }

    async fn structure_cannot_read_or_edit_another_structures_candidature(app) {
        let (_, id) = candidature_deposee(&app).await;
        let (autre, reponse) = inscrire(&app, "autre@exemple.fr", "13002603200016", json!("ASSOCIATION")).await;
        assert!(reponse.get("errors").is_none(), "{reponse}");
        let code = autre.error_code("query($id: ID!) { candidature(id: $id) { diagnostic } }", json!({ "id": id })).await;
        assert_eq!(code, "FORBIDDEN");
        let avant = etat(&app).await;
        let code = autre.error_code(FORMULAIRE, json!({ "id": id, "f": formulaire_complet(&[]) })).await;
        assert_eq!(code, "FORBIDDEN");
        assert_eq!(etat(&app).await, avant);
    }

    async fn wrong_roles_cannot_give_avis_or_decide(app) {
        let (structure, id) = candidature_deposee(&app).await;
        let avant = etat(&app).await;
        assert_eq!(structure.error_code(AVIS, json!({ "id": id, "f": true, "c": "Auto-évaluation favorable" })).await, "FORBIDDEN");
        let prefecture = app.connecte(PREFECTURE_29).await;
        assert_eq!(
            prefecture.error_code(DECIDER, json!({ "id": id, "d": "VALIDEE", "m": "La préfecture ne décide pas" })).await,
            "FORBIDDEN"
        );
        let anct = app.connecte(ANCT).await;
        assert_eq!(anct.error_code(AVIS, json!({ "id": id, "f": true, "c": "L’ANCT ne donne pas l’avis" })).await, "FORBIDDEN");
        assert_eq!(etat(&app).await, avant);
    }

    async fn anct_cannot_decide_before_the_prefecture_avis(app) {
        let (_, id) = candidature_deposee(&app).await;
        let avant = etat(&app).await;
        let anct = app.connecte(ANCT).await;
        let code = anct.error_code(DECIDER, json!({ "id": id, "d": "VALIDEE", "m": "Trop tôt pour décider" })).await;
        assert_eq!(code, "INVALID_TRANSITION");
        assert_eq!(etat(&app).await, avant);
    }

    async fn a_candidature_cannot_be_filed_twice_nor_edited_after_filing(app) {
        let (structure, id) = candidature_deposee(&app).await;
        let avant = etat(&app).await;
        assert_eq!(structure.error_code(DEPOSER, json!({ "id": id })).await, "INVALID_TRANSITION");
        assert_eq!(structure.error_code(FORMULAIRE, json!({ "id": id, "f": formulaire_complet(&[]) })).await, "INVALID_TRANSITION");
        assert_eq!(etat(&app).await, avant);
    }

    async fn filing_is_refused_when_the_call_is_closed(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_complet(&structure).await;
        consulter_tout(&structure, &id).await;
        use maillage::candidature::entity::appel;
        use sea_orm::sea_query::Expr;
        let hier = maillage_shared::jour::jour_en_metropole(chrono::Utc::now()).pred_opt().unwrap();
        appel::Entity::update_many().col_expr(appel::Column::Cloture, Expr::value(hier)).exec(&app.db).await.unwrap();
        let avant = etat(&app).await;
        assert_eq!(structure.error_code(DEPOSER, json!({ "id": id })).await, "CALL_CLOSED");
        assert_eq!(etat(&app).await, avant);
    }

    async fn filing_is_refused_when_the_form_is_incomplete(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = structure.data("mutation { creerCandidature { id } }", json!({})).await["creerCandidature"]["id"].clone();
        let mut formulaire = formulaire_complet(&[BREST_METROPOLE]);
        formulaire["diagnostic"] = json!("trop court");
        structure.data(FORMULAIRE, json!({ "id": id, "f": formulaire })).await;
        let avant = etat(&app).await;
        let answer = structure.graphql(DEPOSER, json!({ "id": id })).await;
        assert_eq!(answer["errors"][0]["extensions"]["code"], "FORM_INCOMPLETE");
        assert!(answer["errors"][0]["message"].as_str().unwrap().contains("le diagnostic des besoins"), "{answer}");
        assert_eq!(etat(&app).await, avant);
    }

    async fn filing_is_refused_until_every_employer_of_the_perimeter_is_consulted(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_complet(&structure).await;
        let data = structure
            .data("query($id: ID!) { candidature(id: $id) { structuresAConsulter { structure { id nom } } } }", json!({ "id": id }))
            .await;
        let a_consulter = data["candidature"]["structuresAConsulter"].as_array().unwrap().clone();
        assert_eq!(a_consulter.len(), 2, "the two demo employers of conseillers numériques in Brest Métropole");
        let avant = etat(&app).await;
        let answer = structure.graphql(DEPOSER, json!({ "id": id })).await;
        assert_eq!(answer["errors"][0]["extensions"]["code"], "CONSULTATION_MISSING");
        assert!(answer["errors"][0]["message"].as_str().unwrap().contains(a_consulter[0]["structure"]["nom"].as_str().unwrap()));
        assert_eq!(etat(&app).await, avant);
        consulter_tout(&structure, &id).await;
        joindre_pieces_requises(&structure, &id).await;
        assert_eq!(structure.data(DEPOSER, json!({ "id": id })).await["deposerCandidature"]["statut"], "DEPOSEE");
    }

    async fn an_ineligible_structure_is_told_why_and_cannot_start_a_candidature(app) {
        let (client, reponse) = inscrire(&app, "sarl@exemple.fr", "13002603200016", Value::Null).await;
        assert!(reponse.get("errors").is_none(), "{reponse}");
        let data = client.data("{ maStructure { eligibilite { eligible motif } } }", json!({})).await;
        assert_eq!(data["maStructure"]["eligibilite"]["eligible"], false);
        assert!(data["maStructure"]["eligibilite"]["motif"].as_str().unwrap().contains("dix catégories"));
        let avant = etat(&app).await;
        assert_eq!(client.error_code("mutation { creerCandidature { id } }", json!({})).await, "STRUCTURE_INELIGIBLE");
        assert_eq!(etat(&app).await, avant);
    }

    async fn avis_comment_out_of_bounds_is_refused_and_changes_nothing(app) {
        let (_, id) = candidature_deposee(&app).await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let avant = etat(&app).await;
        for commentaire in ["court".to_owned(), "x".repeat(1001)] {
            assert_eq!(prefecture.error_code(AVIS, json!({ "id": id, "f": true, "c": commentaire })).await, "INVALID_COMMENT");
        }
        assert_eq!(etat(&app).await, avant);
    }

    async fn two_prefecture_agents_giving_avis_at_once_leave_one_history_entry_per_avis_kept(app) {
        // The first avis moves the candidature; the other one, sent at the same moment, either fails (it
        // still saw it filed) or changes the first (it saw the avis given): never two « first » avis.
        let (_, id) = candidature_deposee(&app).await;
        let (a, b) = (app.connecte(PREFECTURE_29).await, app.connecte(PREFECTURE_29).await);
        let (ra, rb) = tokio::join!(
            a.graphql(AVIS, json!({ "id": id, "f": true, "c": "Premier avis, favorable." })),
            b.graphql(AVIS, json!({ "id": id, "f": false, "c": "Second avis, défavorable." }))
        );
        let reussites: Vec<&Value> = [&ra, &rb].into_iter().filter(|r| r.get("errors").is_none()).collect();
        assert!(!reussites.is_empty(), "{ra} / {rb}");
        use maillage::candidature::entity::historique_candidature;
        let historique = historique_candidature::Entity::find().all(&app.db).await.unwrap();
        let avis = historique.iter().filter(|h| h.vers_statut == "AVIS_RENDU").count();
        assert_eq!(avis, reussites.len(), "one history entry per avis kept");
        let premiers = historique.iter().filter(|h| h.de_statut.as_deref() == Some("DEPOSEE") && h.vers_statut == "AVIS_RENDU").count();
        assert_eq!(premiers, 1, "one first avis");
    }

    async fn drafts_are_invisible_to_the_prefecture_and_anct(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_complet(&structure).await;
        for email in [PREFECTURE_29, ANCT] {
            let agent = app.connecte(email).await;
            assert_eq!(agent.data("{ candidatures { total } }", json!({})).await["candidatures"]["total"], 0);
            assert_eq!(agent.error_code("query($id: ID!) { candidature(id: $id) { id } }", json!({ "id": id })).await, "FORBIDDEN");
        }
    }

    async fn overlapping_candidatures_on_the_same_epci_are_shown_to_anct(app) {
        let (_, premiere) = candidature_deposee(&app).await;
        let (autre, _) = inscrire(&app, "autre@exemple.fr", "13002603200016", json!("ASSOCIATION")).await;
        let seconde = brouillon_complet(&autre).await;
        consulter_tout(&autre, &seconde).await;
        joindre_pieces_requises(&autre, &seconde).await;
        autre.data(DEPOSER, json!({ "id": seconde })).await;
        let anct = app.connecte(ANCT).await;
        let data = anct
            .data("query($id: ID!) { candidature(id: $id) { chevauchements { candidatureId structure epcisCommuns } } }", json!({ "id": premiere }))
            .await;
        let chevauchements = data["candidature"]["chevauchements"].as_array().unwrap();
        assert_eq!(chevauchements.len(), 1);
        assert_eq!(chevauchements[0]["candidatureId"], seconde.as_str());
        assert_eq!(chevauchements[0]["epcisCommuns"], json!([BREST_METROPOLE]));
        let structure_vue = autre.data("query($id: ID!) { candidature(id: $id) { chevauchements { structure } } }", json!({ "id": seconde })).await;
        assert_eq!(structure_vue["candidature"]["chevauchements"], json!([]), "a structure does not see others' candidatures");
    }

    async fn anct_filters_candidatures_by_status_region_and_case(app) {
        let (_, _id) = candidature_deposee(&app).await;
        let anct = app.connecte(ANCT).await;
        let query = "query($f: FiltreCandidatures) { candidatures(filtre: $f) { total } }";
        for (filtre, attendu) in [
            (json!({ "statut": "DEPOSEE" }), 1),
            (json!({ "statut": "VALIDEE" }), 0),
            (json!({ "region": "53" }), 1),
            (json!({ "region": "11" }), 0),
            (json!({ "departement": "29", "cas": "B1" }), 1),
            (json!({ "cas": "A2" }), 0),
            (json!({ "enRetard": true }), 0),
        ] {
            assert_eq!(anct.data(query, json!({ "f": filtre })).await["candidatures"]["total"], attendu, "{filtre}");
        }
        let code = anct.error_code("{ candidatures(premiers: 101) { total } }", json!({})).await;
        assert_eq!(code, "INVALID_INPUT");
    }

    async fn overdue_decisions_are_flagged_not_hidden(app) {
        let (_, id) = candidature_deposee(&app).await;
        use maillage::candidature::entity::candidature;
        use sea_orm::sea_query::Expr;
        let il_y_a_trois_mois = maillage_shared::jour::jour_en_metropole(chrono::Utc::now()) - chrono::Days::new(92);
        candidature::Entity::update_many().col_expr(candidature::Column::DeposeLe, Expr::value(il_y_a_trois_mois)).exec(&app.db).await.unwrap();
        let anct = app.connecte(ANCT).await;
        let data = anct.data("query($id: ID!) { candidature(id: $id) { decisionEnRetard joursAvantDecision } }", json!({ "id": id })).await;
        assert_eq!(data["candidature"]["decisionEnRetard"], true);
        assert!(data["candidature"]["joursAvantDecision"].as_i64().unwrap() < 0);
        let liste = anct.data("{ candidatures(filtre: { enRetard: true }) { total } }", json!({})).await;
        assert_eq!(liste["candidatures"]["total"], 1);
    }

    async fn registration_refuses_a_siret_with_a_wrong_key_and_creates_nothing(app) {
        let (_, reponse) = inscrire(&app, "lea@exemple.fr", "13002603200019", json!("ASSOCIATION")).await;
        assert_eq!(reponse["errors"][0]["extensions"]["code"], "INVALID_SIRET");
        use maillage::compte::entity::utilisateur;
        use sea_orm::{ColumnTrait, QueryFilter};
        let cree = utilisateur::Entity::find().filter(utilisateur::Column::Email.eq("lea@exemple.fr")).count(&app.db).await.unwrap();
        assert_eq!(cree, 0);
    }

    async fn registration_refuses_an_email_already_used(app) {
        let (_, reponse) = inscrire(&app, STRUCTURE, "13002603200016", json!("ASSOCIATION")).await;
        assert_eq!(reponse["errors"][0]["extensions"]["code"], "EMAIL_TAKEN");
    }

    async fn login_with_a_wrong_password_is_refused(app) {
        let client = app.navigateur();
        let code = client
            .error_code(
                "mutation { connexion(email: \"anct@demo.maillage.fr\", motDePasse: \"pas le bon mot de passe\") { email } }",
                json!({}),
            )
            .await;
        assert_eq!(code, "INVALID_CREDENTIALS");
        assert_eq!(client.data("{ moi { email } }", json!({})).await["moi"], Value::Null);
    }

    async fn anonymous_callers_cannot_reach_candidatures(app) {
        let anonyme = app.navigateur();
        assert_eq!(anonyme.error_code("{ candidatures { total } }", json!({})).await, "UNAUTHENTICATED");
        assert_eq!(anonyme.error_code("mutation { creerCandidature { id } }", json!({})).await, "UNAUTHENTICATED");
    }

    async fn logout_ends_the_session_on_the_server(app) {
        let anct = app.connecte(ANCT).await;
        let cookie = anct.http.get(format!("{}/healthz", app.address)).send().await.unwrap();
        drop(cookie);
        assert_eq!(anct.data("{ moi { email } }", json!({})).await["moi"]["email"], ANCT);
        anct.data("mutation { deconnexion }", json!({})).await;
        assert_eq!(anct.data("{ moi { email } }", json!({})).await["moi"], Value::Null);
        use maillage::compte::entity::session;
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0, "the session row is gone");
    }

    async fn a_person_with_several_roles_switches_between_them(app) {
        let personne = app.connecte("conseiller@demo.maillage.fr").await;
        let moi = personne.data("{ moi { roleActif { role } roles { id role } } }", json!({})).await;
        assert_eq!(moi["moi"]["roleActif"]["role"], "CONSEILLER");
        let coordinateur = moi["moi"]["roles"].as_array().unwrap().iter().find(|r| r["role"] == "COORDINATEUR").unwrap()["id"].clone();
        let moi = personne.data("mutation($r: ID!) { choisirRole(roleId: $r) { roleActif { role } } }", json!({ "r": coordinateur })).await;
        assert_eq!(moi["choisirRole"]["roleActif"]["role"], "COORDINATEUR");
        assert_eq!(personne.data("{ moi { roleActif { role } } }", json!({})).await["moi"]["roleActif"]["role"], "COORDINATEUR");
        let anct_role = app.connecte(ANCT).await.data("{ moi { roleActif { id } } }", json!({})).await["moi"]["roleActif"]["id"].clone();
        assert_eq!(personne.error_code("mutation($r: ID!) { choisirRole(roleId: $r) { email } }", json!({ "r": anct_role })).await, "FORBIDDEN");
    }

    async fn mutations_refuse_bodies_that_are_not_json(app) {
        let anct = app.connecte(ANCT).await;
        let reponse = anct
            .http
            .post(format!("{}/graphql", app.address))
            .header("content-type", "text/plain")
            .body(r#"{"query":"mutation { deconnexion }"}"#)
            .send()
            .await
            .unwrap();
        assert_ne!(reponse.status(), 200);
        assert_eq!(anct.data("{ moi { email } }", json!({})).await["moi"]["email"], ANCT, "still logged in");
    }

    async fn subsidy_simulator_answers_without_login(app) {
        let anonyme = app.navigateur();
        let query = "query($e: SimulationSubventionEntree!) { simulerSubvention(entree: $e) { eligible montantEuros dureeMois motif avertissements } }";
        let data = anonyme.data(query, json!({ "e": { "categorie": "COLLECTIVITE", "statutPublic": true, "contrat": "TITULAIRE", "departement": "971" } })).await;
        assert_eq!(data["simulerSubvention"]["montantEuros"], 70_000);
        let data = anonyme.data(query, json!({ "e": { "categorie": "ASSOCIATION", "statutPublic": false, "contrat": "CONTRAT_PROJET_DROIT_PRIVE", "departement": "29" } })).await;
        assert_eq!(data["simulerSubvention"]["montantEuros"], 40_000);
        assert!(data["simulerSubvention"]["avertissements"][0].as_str().unwrap().contains("accord de branche"));
        let data = anonyme.data(query, json!({ "e": { "categorie": "ASSOCIATION", "statutPublic": true, "contrat": "CDI_DROIT_PRIVE", "departement": "29" } })).await;
        assert_eq!(data["simulerSubvention"]["eligible"], false);
        assert!(data["simulerSubvention"]["motif"].as_str().unwrap().contains("statut"));
        let data = anonyme.data(query, json!({ "e": { "categorie": "COLLECTIVITE", "statutPublic": true, "contrat": "TITULAIRE", "departement": "975" } })).await;
        assert_eq!(data["simulerSubvention"]["eligible"], false, "Saint-Pierre-et-Miquelon is outside the programme");
        let code = anonyme.error_code(query, json!({ "e": { "categorie": "COLLECTIVITE", "statutPublic": true, "contrat": "TITULAIRE", "departement": "20" } })).await;
        assert_eq!(code, "INVALID_INPUT");
    }
}

on_both_engines! {
    async fn the_prefecture_changes_its_avis_until_anct_decides(app) {
        let (_, id) = candidature_deposee(&app).await;
        let prefecture = app.connecte(common::fixtures::PREFECTURE_29).await;
        prefecture.data(AVIS, json!({ "id": id, "f": false, "c": "Le projet ne dit rien des aidants." })).await;
        // The same form again changes it: ANCT is told, the history keeps both.
        let modifie = prefecture.data(AVIS, json!({ "id": id, "f": true, "c": "Complété en réunion : avis favorable." })).await;
        assert_eq!(modifie["donnerAvis"]["statut"], "AVIS_RENDU");
        let anct = app.connecte(common::fixtures::ANCT).await;
        let lue = anct.data("query($id: ID!) { candidature(id: $id) { avis { favorable commentaire } historique { versStatut commentaire } } }", json!({ "id": id })).await;
        assert_eq!(lue["candidature"]["avis"]["favorable"], true);
        assert_eq!(lue["candidature"]["avis"]["commentaire"], "Complété en réunion : avis favorable.");
        let historique = lue["candidature"]["historique"].as_array().unwrap();
        assert_eq!(historique.iter().filter(|e| e["versStatut"] == "AVIS_RENDU").count(), 2, "{historique:?}");
        let notifications = anct.data("{ mesNotifications { titre } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Avis de la préfecture modifié");
        // Once ANCT has decided, the avis stays as it was when it decided.
        anct.data(DECIDER, json!({ "id": id, "d": "VALIDEE", "m": "Avis favorable, territoire prioritaire." })).await;
        let avant = etat(&app).await;
        let refus = prefecture.error_code(AVIS, json!({ "id": id, "f": false, "c": "Finalement défavorable." })).await;
        assert_eq!(refus, "INVALID_TRANSITION");
        assert_eq!(etat(&app).await, avant);
    }

    async fn anct_decides_without_avis_once_the_prefecture_had_a_month(app) {
        let (structure, id) = candidature_deposee(&app).await;
        let anct = app.connecte(common::fixtures::ANCT).await;
        let lire = "query($id: ID!) { candidature(id: $id) { statut decisionSansAvisLe decision { validee sansAvis } historique { versStatut commentaire } } }";
        let depose = chrono::NaiveDate::parse_from_str(
            structure.data("query($id: ID!) { candidature(id: $id) { deposeLe } }", json!({ "id": id })).await["candidature"]["deposeLe"].as_str().unwrap(),
            "%Y-%m-%d",
        ).unwrap();
        let des_le = maillage_shared::candidature::decision_sans_avis_des_le(depose, 1);
        assert_eq!(anct.data(lire, json!({ "id": id })).await["candidature"]["decisionSansAvisLe"], des_le.to_string());
        // Within the month, refused with the day it becomes possible; nothing changes.
        let avant = etat(&app).await;
        let refus = anct.graphql(DECIDER, json!({ "id": id, "d": "REFUSEE", "m": "Pas de nouvelles de la préfecture." })).await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "INVALID_TRANSITION");
        assert!(refus["errors"][0]["message"].as_str().unwrap().contains("jusqu’au"), "{refus}");
        assert_eq!(etat(&app).await, avant);
        // A month and more after filing, ANCT decides; the decision says it was taken without avis.
        let il_y_a_deux_mois = (chrono::Utc::now().date_naive() - chrono::Days::new(62)).to_string();
        app.db
            .execute_unprepared(&format!("UPDATE candidature SET depose_le = '{il_y_a_deux_mois}' WHERE id = {id}"))
            .await
            .unwrap();
        let decidee = anct.data(DECIDER, json!({ "id": id, "d": "REFUSEE", "m": "Pas de nouvelles de la préfecture." })).await;
        assert_eq!(decidee["deciderCandidature"]["statut"], "REFUSEE");
        let lue = anct.data(lire, json!({ "id": id })).await["candidature"].clone();
        assert_eq!(lue["decision"], json!({ "validee": false, "sansAvis": true }));
        assert_eq!(lue["decisionSansAvisLe"], Value::Null);
        let derniere = lue["historique"].as_array().unwrap().last().unwrap().clone();
        assert!(derniere["commentaire"].as_str().unwrap().starts_with("Décision sans avis de la préfecture"), "{derniere}");
        // The préfecture can no longer give it.
        let prefecture = app.connecte(common::fixtures::PREFECTURE_29).await;
        assert_eq!(prefecture.error_code(AVIS, json!({ "id": id, "f": true, "c": "Avis favorable, en retard." })).await, "INVALID_TRANSITION");
        // A decision after an avis is not « sans avis ».
        let (_, validee) = candidature_validee_par_un_autre(&app).await;
        let avec = anct.data(lire, json!({ "id": validee })).await;
        assert_eq!(avec["candidature"]["decision"]["sansAvis"], false);
    }
}

/// A second structure's candidature, validated after a favorable avis.
async fn candidature_validee_par_un_autre(app: &TestApp) -> (Client, String) {
    let structure = StructureBuilder::new()
        .email("seconde@exemple.fr")
        .inscrire(app)
        .await;
    let depot =
        common::fixtures::CandidatureDeposee::sur(structure, &[common::fixtures::BREST_METROPOLE]).await;
    let prefecture = app.connecte(common::fixtures::PREFECTURE_29).await;
    prefecture
        .data(
            AVIS,
            json!({ "id": depot.id, "f": true, "c": "Avis favorable, projet solide." }),
        )
        .await;
    let anct = app.connecte(common::fixtures::ANCT).await;
    anct.data(
        DECIDER,
        json!({ "id": depot.id, "d": "VALIDEE", "m": "Validée après avis favorable." }),
    )
    .await;
    (depot.structure, depot.id)
}

const CLASSER: &str =
    "mutation($id: ID!, $m: String!) { classerSansSuite(candidatureId: $id, motif: $m) { statut } }";
const RETIRER: &str =
    "mutation($id: ID!, $m: String!) { retirerCandidature(candidatureId: $id, motif: $m) { statut } }";

on_both_engines! {
    async fn until_the_decision_anct_closes_a_candidature_without_follow_up(app) {
        let (structure, id) = candidature_deposee(&app).await;
        let anct = app.connecte(common::fixtures::ANCT).await;
        // Its reason is checked, and only ANCT closes.
        let avant = etat(&app).await;
        assert_eq!(anct.error_code(CLASSER, json!({ "id": id, "m": "Non." })).await, "INVALID_COMMENT");
        let prefecture = app.connecte(common::fixtures::PREFECTURE_29).await;
        assert_eq!(prefecture.error_code(CLASSER, json!({ "id": id, "m": "La préfecture ne classe pas." })).await, "FORBIDDEN");
        assert_eq!(etat(&app).await, avant);
        // After the avis too: closed, the structure and the préfecture told why, the history keeps it.
        prefecture.data(AVIS, json!({ "id": id, "f": true, "c": "Avis favorable au projet." })).await;
        let close = anct.data(CLASSER, json!({ "id": id, "m": "La structure a fusionné avec une autre candidate." })).await;
        assert_eq!(close["classerSansSuite"]["statut"], "CLASSEE_SANS_SUITE");
        let notifications = structure.data("{ mesNotifications { titre message } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Candidature classée sans suite");
        assert!(notifications["mesNotifications"][0]["message"].as_str().unwrap().contains("fusionné"));
        let historique = anct.data("query($id: ID!) { candidature(id: $id) { historique { versStatut commentaire } } }", json!({ "id": id })).await;
        let derniere = historique["candidature"]["historique"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(derniere, json!({ "versStatut": "CLASSEE_SANS_SUITE", "commentaire": "La structure a fusionné avec une autre candidate." }));
        // Nothing more happens to it: no decision, no avis, no second closing, no withdrawal.
        let avant = etat(&app).await;
        assert_eq!(anct.error_code(DECIDER, json!({ "id": id, "d": "VALIDEE", "m": "Trop tard pour valider." })).await, "INVALID_TRANSITION");
        assert_eq!(prefecture.error_code(AVIS, json!({ "id": id, "f": false, "c": "Trop tard pour l’avis." })).await, "INVALID_TRANSITION");
        assert_eq!(anct.error_code(CLASSER, json!({ "id": id, "m": "Une seconde fois." })).await, "INVALID_TRANSITION");
        assert_eq!(structure.error_code(RETIRER, json!({ "id": id, "m": "Nous retirons la candidature." })).await, "INVALID_TRANSITION");
        assert_eq!(etat(&app).await, avant);
    }

    async fn before_the_decision_the_structure_withdraws_its_candidature(app) {
        let (structure, id) = candidature_deposee(&app).await;
        // Another structure cannot; nor can ANCT withdraw it for the structure.
        let autre = StructureBuilder::new().email("autre-structure@exemple.fr").siret(common::registre::SIRET_ASSOCIATION).inscrire(&app).await;
        let avant = etat(&app).await;
        assert_eq!(autre.error_code(RETIRER, json!({ "id": id, "m": "Nous retirons la candidature." })).await, "FORBIDDEN");
        let anct = app.connecte(common::fixtures::ANCT).await;
        assert_eq!(anct.error_code(RETIRER, json!({ "id": id, "m": "Nous retirons la candidature." })).await, "FORBIDDEN");
        assert_eq!(etat(&app).await, avant);
        let retiree = structure.data(RETIRER, json!({ "id": id, "m": "Notre conseil d’administration a changé de projet." })).await;
        assert_eq!(retiree["retirerCandidature"]["statut"], "RETIREE");
        let notifications = anct.data("{ mesNotifications { titre } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Candidature retirée");
        // A withdrawn candidature no longer claims its territory: it overlaps nothing.
        let (_, seconde) = candidature_validee_par_un_autre(&app).await;
        let chevauchements = anct.data("query($id: ID!) { candidature(id: $id) { chevauchements { candidatureId } } }", json!({ "id": seconde })).await;
        assert!(chevauchements["candidature"]["chevauchements"].as_array().unwrap().iter().all(|c| c["candidatureId"] != id.as_str()), "{chevauchements}");
        // After a decision, withdrawing is refused.
        let avant = etat(&app).await;
        let (structure_validee, validee) = (app.connecte_avec("seconde@exemple.fr", common::fixtures::StructureBuilder::MOT_DE_PASSE).await, seconde);
        assert_eq!(structure_validee.error_code(RETIRER, json!({ "id": validee, "m": "Nous voulons retirer." })).await, "INVALID_TRANSITION");
        assert_eq!(etat(&app).await, avant);
    }
}
