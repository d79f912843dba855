//! After the decision, on SQLite and PostgreSQL: the candidate pool and recruitment, the coordinator role
//! within the quota (also under concurrent requests), convention or avenant, payment and sanctions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::{Days, NaiveDate, Utc};
use common::parcours::*;
use common::{Client, TestApp};
use maillage::poste::entity::{conseiller, coordinateur};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

const CANDIDAT: &str = "candidat@demo.maillage.fr";
const RECHERCHE: &str = "query($c: ID!, $p: ProximiteRecherche!) { rechercherCandidats(candidatureId: $c, filtre: { proximite: $p }) { id prenom commune { nom } } }";
const CONTACTER: &str =
    "mutation($c: ID!, $p: ID!) { contacterCandidat(candidatureId: $c, profilId: $p) { id statut email } }";
const AVANCER: &str = "mutation($r: ID!, $s: StatutRecrutement!, $d: NaiveDate) {
    changerStatutRecrutement(recrutementId: $r, statut: $s, contrat: \"CDI_DROIT_PRIVE\", debut: $d) { statut } }";
const ATTRIBUER: &str = "mutation($c: ID!, $k: ID!) { attribuerRoleCoordinateur(candidatureId: $c, conseillerId: $k) { id mode } }";

fn aujourd_hui() -> NaiveDate {
    maillage_shared::jour::jour_en_metropole(Utc::now())
}

async fn premier_conseiller(structure: &Client) -> Value {
    structure
        .data("{ mesConseillers { id prenom } }", json!({}))
        .await["mesConseillers"][0]["id"]
        .clone()
}

/// Adds `n` conseillers numériques (accounts and posts) to the demo structure, straight in the database.
async fn ajouter_conseillers(app: &TestApp, n: usize) -> Vec<i64> {
    let structure_id = conseiller::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    let mut ids = Vec::new();
    for i in 0..n {
        let personne = maillage::compte::service::creer_utilisateur(
            &app.db,
            &format!("cn{i}@exemple.fr"),
            "mot de passe long",
            "Conseiller",
            &format!("N{i}"),
        )
        .await
        .unwrap();
        let ligne = conseiller::ActiveModel {
            id: NotSet,
            utilisateur_id: Set(personne.id),
            structure_id: Set(structure_id),
            commune_code: Set("29019".to_owned()),
            contrat_debut: Set(None),
            contrat_fin: Set(None),
            fin_financement_initial: Set(None),
            cree_le: Set(Utc::now()),
            type_contrat: Set(None),
            importe_le: Set(None),
        }
        .insert(&app.db)
        .await
        .unwrap();
        ids.push(ligne.id);
    }
    ids
}

on_both_engines! {
    async fn a_candidate_registers_and_the_structure_of_a_validated_candidature_recruits_them(app) {
        let candidat = app.navigateur();
        let inscription = candidat
            .data(
                "mutation($e: InscriptionCandidatEntree!) { inscriptionCandidat(entree: $e) { roleActif { role } } }",
                json!({ "e": { "email": "nina@exemple.fr", "motDePasse": "un mot de passe long", "prenom": "Nina", "nom": "Le Gall",
                    "profil": { "communeCode": "29019", "rayonKm": 30, "experience": "Conseillère numérique depuis 2021",
                                "diplomes": "CCP1 REMN", "pix": true, "ccp1": true, "visible": true } } }),
            )
            .await;
        assert_eq!(inscription["inscriptionCandidat"]["roleActif"]["role"], "CANDIDAT");
        app.verifier_l_adresse(&candidat, "nina@exemple.fr").await;

        let (structure, id) = candidature_validee(&app).await;
        let trouves = structure.data(RECHERCHE, json!({ "c": id, "p": "PERIMETRE" })).await;
        let trouves = trouves["rechercherCandidats"].as_array().unwrap();
        let nina = trouves.iter().find(|c| c["prenom"] == "Nina").expect("Nina lives in Brest, in the perimeter").clone();
        assert_eq!(nina["commune"]["nom"], "Brest");
        assert!(trouves.iter().any(|c| c["prenom"] == "Inès"), "Inès lives in Guipavas, a commune of Brest Métropole");

        let contact = structure.data(CONTACTER, json!({ "c": id, "p": nina["id"] })).await;
        assert_eq!(contact["contacterCandidat"]["email"], "nina@exemple.fr", "the email is given once contacted");
        let recrutement = contact["contacterCandidat"]["id"].clone();
        accepter_le_contact(&candidat, &recrutement).await;
        for statut in ["RECRUTEE", "FINALISEE"] {
            let etape = structure.data(AVANCER, json!({ "r": recrutement, "s": statut, "d": aujourd_hui().to_string() })).await;
            assert_eq!(etape["changerStatutRecrutement"]["statut"], statut);
        }
        let vue = structure
            .data("query($id: ID!) { candidature(id: $id) { postesValides postesOccupes recrutementEnRetard coordinateurs { prenom mode } } }", json!({ "id": id }))
            .await;
        assert_eq!(vue["candidature"]["postesOccupes"], 1);
        assert_eq!(vue["candidature"]["coordinateurs"], json!([{ "prenom": "Nina", "mode": "RECRUTEMENT" }]));
        assert_eq!(vue["candidature"]["recrutementEnRetard"], false);
        let roles = candidat.data("{ moi { roles { role } } }", json!({})).await;
        assert!(roles["moi"]["roles"].as_array().unwrap().iter().any(|r| r["role"] == "COORDINATEUR"), "{roles}");
        let notifications = candidat.data("{ mesNotifications { titre } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Une structure vous contacte");
    }

    async fn the_pool_shows_only_candidates_who_consented(app) {
        let (structure, id) = candidature_validee(&app).await;
        let avant = structure.data(RECHERCHE, json!({ "c": id, "p": "DEPARTEMENT" })).await;
        assert!(avant["rechercherCandidats"].as_array().unwrap().iter().any(|c| c["prenom"] == "Inès"));
        let ines = app.connecte(CANDIDAT).await;
        ines.data(
            "mutation { modifierProfilCandidat(profil: { communeCode: \"29075\", rayonKm: 40, visible: false }) }",
            json!({}),
        )
        .await;
        let apres = structure.data(RECHERCHE, json!({ "c": id, "p": "NATIONAL" })).await;
        assert!(apres["rechercherCandidats"].as_array().unwrap().iter().all(|c| c["prenom"] != "Inès"), "withdrawn");
        ines.data("mutation { supprimerProfilCandidat }", json!({})).await;
        assert_eq!(ines.data("{ monProfilCandidat { id } }", json!({})).await["monProfilCandidat"], Value::Null);
    }

    async fn only_the_structure_of_a_validated_candidature_searches_the_pool(app) {
        let (structure, id) = candidature_deposee(&app).await;
        assert_eq!(structure.error_code(RECHERCHE, json!({ "c": id, "p": "NATIONAL" })).await, "FORBIDDEN", "not validated yet");
        let prefecture = app.connecte(PREFECTURE_29).await;
        assert_eq!(prefecture.error_code(RECHERCHE, json!({ "c": id, "p": "NATIONAL" })).await, "FORBIDDEN");
    }

    async fn the_structure_gives_the_coordinator_role_to_its_conseiller(app) {
        let (structure, id) = candidature_validee(&app).await;
        let yann = premier_conseiller(&structure).await;
        let coordinateur = structure.data(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        assert_eq!(coordinateur["attribuerRoleCoordinateur"]["mode"], "ATTRIBUTION");
        let avant = coordinateur::Entity::find().count(&app.db).await.unwrap();
        let code = structure.error_code(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        assert_eq!(code, "CONFLICT", "a person never gets the role twice");
        assert_eq!(coordinateur::Entity::find().count(&app.db).await.unwrap(), avant);
    }

    async fn many_simultaneous_role_attributions_never_exceed_the_validated_posts(app) {
        let (structure, id) = candidature_validee(&app).await;
        let conseillers = ajouter_conseillers(&app, 8).await;
        let reponses = futures::future::join_all(
            conseillers.iter().map(|k| structure.graphql(ATTRIBUER, json!({ "c": id, "k": k.to_string() }))),
        )
        .await;
        let reussies = reponses.iter().filter(|r| r.get("errors").is_none()).count();
        assert_eq!(reussies, 1, "one validated post: {reponses:?}");
        assert!(reponses.iter().filter(|r| r.get("errors").is_some()).all(|r| r["errors"][0]["extensions"]["code"] == "CONFLICT"));
        assert_eq!(coordinateur::Entity::find().count(&app.db).await.unwrap(), 1);
    }

    async fn the_same_conseiller_attributed_twice_at_once_gets_the_role_once(app) {
        let (structure, id) = candidature_validee(&app).await;
        use maillage::candidature::entity::candidature;
        use sea_orm::sea_query::Expr;
        candidature::Entity::update_many().col_expr(candidature::Column::PostesValides, Expr::value(5)).exec(&app.db).await.unwrap();
        let yann = premier_conseiller(&structure).await;
        let reponses = futures::future::join_all((0..6).map(|_| structure.graphql(ATTRIBUER, json!({ "c": id, "k": yann })))).await;
        assert_eq!(reponses.iter().filter(|r| r.get("errors").is_none()).count(), 1, "{reponses:?}");
        assert_eq!(coordinateur::Entity::find().count(&app.db).await.unwrap(), 1);
    }

    async fn convention_signature_schedules_the_payment_for_the_next_month(app) {
        let (structure, id) = candidature_validee(&app).await;
        let code = structure.error_code("mutation($c: ID!) { demanderConvention(candidatureId: $c) { id } }", json!({ "c": id })).await;
        assert_eq!(code, "INVALID_INPUT", "no coordinator in post yet");
        let yann = premier_conseiller(&structure).await;
        structure.data(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        let demande = structure.data("mutation($c: ID!) { demanderConvention(candidatureId: $c) { id typeActe montantEuros } }", json!({ "c": id })).await;
        assert_eq!(demande["demanderConvention"]["typeActe"], "CONVENTION", "case B1: a new convention");
        assert_eq!(demande["demanderConvention"]["montantEuros"], 40_000);
        let convention = demande["demanderConvention"]["id"].clone();

        let anct = app.connecte(ANCT).await;
        let a_signer = anct.data("{ conventionsASigner { id } }", json!({})).await;
        assert_eq!(a_signer["conventionsASigner"][0]["id"], convention);
        assert_eq!(structure.error_code("mutation($v: ID!, $d: NaiveDate!) { signerConvention(conventionId: $v, signeeLe: $d) { id } }", json!({ "v": convention, "d": aujourd_hui().to_string() })).await, "FORBIDDEN");
        use sea_orm::ConnectionTrait;
        // Requested on 10 January 2026 (set here), signed on the 31st: paid in February, funded for 24
        // months to the day before the 31 January two years on.
        app.db
            .execute_unprepared(&format!("UPDATE convention SET demandee_le = '2026-01-10' WHERE id = {}", convention.as_str().unwrap()))
            .await
            .unwrap();
        let signee = anct
            .data("mutation($v: ID!, $d: NaiveDate!) { signerConvention(conventionId: $v, signeeLe: $d) {
                debutFinancement finFinancement versements { id financement rang montantEuros prevuLe mois statut } } }",
                json!({ "v": convention, "d": "2026-01-31" }))
            .await;
        let versement = signee["signerConvention"]["versements"][0]["id"].clone();
        assert_eq!(
            signee["signerConvention"],
            json!({ "debutFinancement": "2026-01-31", "finFinancement": "2028-01-30", "versements": [
                { "id": versement, "financement": "PREMIER", "rang": 1, "montantEuros": 40_000, "prevuLe": "2026-02-01",
                  "mois": "février 2026", "statut": "PREVU" }
            ] }),
            "the first funding in one payment the month after signature; the second's amounts are not set here"
        );
        anct.data("mutation($v: ID!, $d: NaiveDate!) { payerVersement(versementId: $v, payeLe: $d) { id } }", json!({ "v": versement, "d": aujourd_hui().to_string() })).await;
        let second = structure
            .data("query($id: ID!) { candidature(id: $id) { convention { finFinancement secondFinancement { eligibleLe eligible periodes { debut montantEuros } } } } }", json!({ "id": id }))
            .await;
        let second = &second["candidature"]["convention"]["secondFinancement"];
        assert_eq!(second["eligibleLe"], "2028-01-31", "eligible when the first funding ends");
        assert_eq!(second["eligible"], false);
        assert_eq!(second["periodes"].as_array().unwrap().len(), 3);
        let bilan = "query($id: ID!) { candidature(id: $id) { convention {
            versements { statut payeLe motif } bilanDesVersements { verseEuros resteAVerserEuros aRembourserEuros } } } }";
        let vue = structure.data(bilan, json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["convention"]["versements"][0]["payeLe"], aujourd_hui().to_string());
        assert_eq!(
            vue["candidature"]["convention"]["bilanDesVersements"],
            json!({ "verseEuros": 40_000, "resteAVerserEuros": 0, "aRembourserEuros": 0 })
        );

        anct.data("mutation($v: ID!, $m: String!) { reclamerVersement(versementId: $v, motif: $m) { id } }", json!({ "v": versement, "m": "Coordinateur affecté à d’autres missions" })).await;
        let vue = structure.data(bilan, json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["convention"]["versements"][0]["statut"], "A_REMBOURSER");
        assert_eq!(vue["candidature"]["convention"]["versements"][0]["motif"], "Coordinateur affecté à d’autres missions", "the structure sees the reason");
        assert_eq!(vue["candidature"]["convention"]["bilanDesVersements"]["aRembourserEuros"], 40_000);
        assert!(app.dernier_courriel(STRUCTURE).await.contains("L’ANCT demande le remboursement du versement de 40"));
    }

    async fn substitution_gets_an_avenant_funded_after_the_initial_period(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_complet(&structure).await;
        let mut formulaire = formulaire_complet(&[BREST_METROPOLE]);
        formulaire["cas"] = json!("A2");
        structure.data(FORMULAIRE, json!({ "id": id, "f": formulaire })).await;
        consulter_tout(&structure, &id).await;
        joindre_pieces_requises(&structure, &id).await;
        structure.data(DEPOSER, json!({ "id": id })).await;
        app.connecte(PREFECTURE_29).await.data(AVIS, json!({ "id": id, "f": true, "c": "Substitution cohérente" })).await;
        let anct = app.connecte(ANCT).await;
        anct.data(DECIDER, json!({ "id": id, "d": "VALIDEE", "m": "Validée en substitution" })).await;
        let yann = premier_conseiller(&structure).await;
        structure.data(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        let demande = structure.data("mutation($c: ID!) { demanderConvention(candidatureId: $c) { id typeActe } }", json!({ "c": id })).await;
        assert_eq!(demande["demanderConvention"]["typeActe"], "AVENANT");
        let signee = anct
            .data("mutation($v: ID!, $d: NaiveDate!) { signerConvention(conventionId: $v, signeeLe: $d) { debutFinancement } }",
                json!({ "v": demande["demanderConvention"]["id"], "d": aujourd_hui().to_string() }))
            .await;
        // The demo conseiller's initial funding ends 60 days from now: the coordinator funding starts the day after.
        assert_eq!(signee["signerConvention"]["debutFinancement"], (aujourd_hui() + Days::new(61)).to_string());
    }

    async fn recruitment_steps_out_of_order_are_refused(app) {
        let (structure, id) = candidature_validee(&app).await;
        let ines = structure.data(RECHERCHE, json!({ "c": id, "p": "DEPARTEMENT" })).await["rechercherCandidats"][0]["id"].clone();
        let contact = structure.data(CONTACTER, json!({ "c": id, "p": ines })).await["contacterCandidat"]["id"].clone();
        let code = structure.error_code(AVANCER, json!({ "r": contact, "s": "FINALISEE", "d": null })).await;
        assert_eq!(code, "INVALID_INPUT");
        assert_eq!(structure.error_code(CONTACTER, json!({ "c": id, "p": ines })).await, "CONFLICT", "contacted once");
    }

    async fn anct_sees_coordinators_already_in_post_on_an_overlapping_territory(app) {
        let (structure, id) = candidature_validee(&app).await;
        let yann = premier_conseiller(&structure).await;
        structure.data(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        let seconde = CandidatureDeposee::sur(StructureBuilder::new().inscrire(&app).await, &[BREST_METROPOLE]).await.id;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let vue = prefecture
            .data("query($id: ID!) { candidature(id: $id) { chevauchements { candidatureId statut coordinateursEnPoste } } }", json!({ "id": seconde }))
            .await;
        assert_eq!(vue["candidature"]["chevauchements"], json!([{ "candidatureId": id, "statut": "VALIDEE", "coordinateursEnPoste": 1 }]));
    }

    async fn each_instalment_is_paid_suspended_resumed_or_reclaimed_as_its_state_allows(app) {
        let (structure, id) = candidature_validee(&app).await;
        let yann = premier_conseiller(&structure).await;
        structure.data(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        let convention = structure.data("mutation($c: ID!) { demanderConvention(candidatureId: $c) { id } }", json!({ "c": id })).await["demanderConvention"]["id"].clone();
        let anct = app.connecte(ANCT).await;
        let suspendre = "mutation($v: ID!, $m: String!) { suspendreVersement(versementId: $v, motif: $m) { statut } }";
        let reprendre = "mutation($v: ID!) { reprendreVersement(versementId: $v) { statut } }";
        let reclamer = "mutation($v: ID!, $m: String!) { reclamerVersement(versementId: $v, motif: $m) { statut } }";
        let payer = "mutation($v: ID!, $d: NaiveDate!) { payerVersement(versementId: $v, payeLe: $d) { statut } }";
        let signee = anct
            .data("mutation($v: ID!, $d: NaiveDate!) { signerConvention(conventionId: $v, signeeLe: $d) { versements { id } } }", json!({ "v": convention, "d": aujourd_hui().to_string() }))
            .await;
        let v = signee["signerConvention"]["versements"][0]["id"].clone();
        let statut = async || structure.data("query($id: ID!) { candidature(id: $id) { convention { versements { statut } } } }", json!({ "id": id })).await["candidature"]["convention"]["versements"][0]["statut"].clone();
        assert_eq!(anct.error_code(reclamer, json!({ "v": v, "m": "Missions sans rapport" })).await, "INVALID_TRANSITION", "nothing paid yet");
        assert_eq!(anct.error_code(reprendre, json!({ "v": v })).await, "INVALID_TRANSITION", "not suspended");
        assert_eq!(anct.error_code(payer, json!({ "v": v, "d": "2000-01-01" })).await, "INVALID_INPUT", "before the signature");
        assert_eq!(anct.error_code(payer, json!({ "v": v, "d": (aujourd_hui() + Days::new(1)).to_string() })).await, "INVALID_INPUT", "in the future");
        assert_eq!(anct.error_code(suspendre, json!({ "v": v, "m": "Court" })).await, "INVALID_COMMENT");
        assert_eq!(structure.error_code(payer, json!({ "v": v, "d": aujourd_hui().to_string() })).await, "FORBIDDEN");
        assert_eq!(statut().await, "PREVU", "nothing changed");
        // Suspended: not paid until resumed.
        assert_eq!(anct.data(suspendre, json!({ "v": v, "m": "Obligations non remplies" })).await["suspendreVersement"]["statut"], "SUSPENDU");
        assert!(app.dernier_courriel(STRUCTURE).await.contains("Obligations non remplies"));
        assert_eq!(anct.error_code(payer, json!({ "v": v, "d": aujourd_hui().to_string() })).await, "INVALID_TRANSITION");
        assert_eq!(anct.data(reprendre, json!({ "v": v })).await["reprendreVersement"]["statut"], "PREVU");
        assert_eq!(anct.data(payer, json!({ "v": v, "d": aujourd_hui().to_string() })).await["payerVersement"]["statut"], "PAYE");
        assert_eq!(anct.error_code(suspendre, json!({ "v": v, "m": "Obligations non remplies" })).await, "INVALID_TRANSITION", "already paid");
        assert_eq!(anct.error_code(payer, json!({ "v": v, "d": aujourd_hui().to_string() })).await, "INVALID_TRANSITION", "paid once");
        assert_eq!(anct.data(reclamer, json!({ "v": v, "m": "Missions sans rapport" })).await["reclamerVersement"]["statut"], "A_REMBOURSER");
        assert_eq!(anct.error_code(reclamer, json!({ "v": v, "m": "Missions sans rapport" })).await, "INVALID_TRANSITION", "once");
        let liste = anct.data("{ conventionsASigner { id } }", json!({})).await;
        assert_eq!(liste["conventionsASigner"], json!([]));
    }

    async fn a_rupture_ends_the_coordinator_role_and_a_recruited_candidate_cannot_delete_their_profile(app) {
        let (structure, id) = candidature_validee(&app).await;
        let ines_id = structure.data(RECHERCHE, json!({ "c": id, "p": "DEPARTEMENT" })).await["rechercherCandidats"][0]["id"].clone();
        let contact = structure.data(CONTACTER, json!({ "c": id, "p": ines_id })).await["contacterCandidat"]["id"].clone();
        assert_eq!(
            structure.error_code("mutation($r: ID!) { changerStatutRecrutement(recrutementId: $r, statut: INTERESSEE, contrat: \"CDI en or\") { statut } }", json!({ "r": contact })).await,
            "INVALID_INPUT",
            "unknown contract type"
        );
        accepter_le_contact(&app.connecte(CANDIDAT).await, &contact).await;
        for statut in ["RECRUTEE", "FINALISEE"] {
            structure.data(AVANCER, json!({ "r": contact, "s": statut, "d": aujourd_hui().to_string() })).await;
        }
        let ines = app.connecte(CANDIDAT).await;
        assert_eq!(ines.error_code("mutation { supprimerProfilCandidat }", json!({})).await, "CONFLICT");
        let roles = ines.data("{ moi { roles { role } } }", json!({})).await;
        assert!(roles["moi"]["roles"].as_array().unwrap().iter().any(|r| r["role"] == "COORDINATEUR"));
        structure.data(AVANCER, json!({ "r": contact, "s": "RUPTURE", "d": null })).await;
        let roles = ines.data("{ moi { roles { role } roleActif { role } } }", json!({})).await;
        assert!(roles["moi"]["roles"].as_array().unwrap().iter().all(|r| r["role"] != "COORDINATEUR"), "{roles}");
        assert_eq!(roles["moi"]["roleActif"]["role"], "CANDIDAT");
        let vue = structure.data("query($id: ID!) { candidature(id: $id) { postesOccupes } }", json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["postesOccupes"], 0, "the post is free again");
        ines.data("mutation { supprimerProfilCandidat }", json!({})).await;
    }

    async fn the_recruitment_reminder_goes_out_once_five_months_after_notification(app) {
        let (structure, _) = candidature_validee(&app).await;
        use maillage::candidature::entity::candidature;
        use sea_orm::sea_query::Expr;
        let rappeler = async || {
            let txn = maillage::database::ecriture(&app.db).await.unwrap();
            let n = maillage::poste::obligations::rappeler_recrutements(&txn, aujourd_hui()).await.unwrap();
            txn.commit().await.unwrap();
            n
        };
        assert_eq!(rappeler().await, 0, "notified today: too early");
        let il_y_a_cinq_mois = aujourd_hui().checked_sub_months(chrono::Months::new(5)).unwrap();
        candidature::Entity::update_many().col_expr(candidature::Column::DecideLe, Expr::value(il_y_a_cinq_mois)).exec(&app.db).await.unwrap();
        assert_eq!(rappeler().await, 1);
        assert_eq!(rappeler().await, 0, "once");
        let notifications = structure.data("{ mesNotifications { titre } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Recrutement à finaliser");
        let prefecture = app.connecte(PREFECTURE_29).await.data("{ mesNotifications { titre } }", json!({})).await;
        assert_eq!(prefecture["mesNotifications"][0]["titre"], "Recrutement à finaliser");
    }

    async fn an_unfilled_post_is_flagged_six_months_after_notification(app) {
        let (structure, id) = candidature_validee(&app).await;
        use maillage::candidature::entity::candidature;
        use sea_orm::sea_query::Expr;
        let il_y_a_sept_mois = aujourd_hui().checked_sub_months(chrono::Months::new(7)).unwrap();
        candidature::Entity::update_many().col_expr(candidature::Column::DecideLe, Expr::value(il_y_a_sept_mois)).exec(&app.db).await.unwrap();
        let vue = structure.data("query($id: ID!) { candidature(id: $id) { recrutementEnRetard } }", json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["recrutementEnRetard"], true);
    }

    async fn a_rupture_on_another_post_leaves_the_coordinator_her_role_and_her_post(app) {
        // Inès becomes the coordinator of the demo structure's post.
        let (structure, id) = candidature_validee(&app).await;
        let ines = structure.data(RECHERCHE, json!({ "c": id, "p": "PERIMETRE" })).await["rechercherCandidats"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["prenom"] == "Inès")
            .unwrap()["id"]
            .clone();
        let recrutement = structure.data(CONTACTER, json!({ "c": id, "p": ines })).await["contacterCandidat"]["id"].clone();
        accepter_le_contact(&app.connecte(CANDIDAT).await, &recrutement).await;
        for statut in ["RECRUTEE", "FINALISEE"] {
            structure.data(AVANCER, json!({ "r": recrutement, "s": statut, "d": aujourd_hui().to_string() })).await;
        }

        // Another structure, with its own validated candidature, recruits her, then breaks its contract.
        let CandidatureValidee { structure: autre, id: sien } =
            CandidatureValidee::sur(&app, StructureBuilder::new().inscrire(&app).await, &[BREST_METROPOLE]).await;
        let ailleurs = autre.data(CONTACTER, json!({ "c": sien, "p": ines })).await["contacterCandidat"]["id"].clone();
        accepter_le_contact(&app.connecte(CANDIDAT).await, &ailleurs).await;
        for statut in ["RECRUTEE", "RUPTURE"] {
            autre.data(AVANCER, json!({ "r": ailleurs, "s": statut, "d": aujourd_hui().to_string() })).await;
        }

        let roles = app.connecte(CANDIDAT).await.data("{ moi { roles { role } } }", json!({})).await;
        assert!(roles["moi"]["roles"].as_array().unwrap().iter().any(|r| r["role"] == "COORDINATEUR"), "{roles}");
        let vue = structure
            .data("query($id: ID!) { candidature(id: $id) { coordinateurs { prenom partiLe } } }", json!({ "id": id }))
            .await;
        assert_eq!(vue["candidature"]["coordinateurs"], json!([{ "prenom": "Inès", "partiLe": null }]));
    }

    async fn only_the_contacted_person_accepts_a_contact_before_any_recruitment(app) {
        let (structure, id) = candidature_validee(&app).await;
        let ines = structure.data(RECHERCHE, json!({ "c": id, "p": "DEPARTEMENT" })).await["rechercherCandidats"][0]["id"].clone();
        let contact = structure.data(CONTACTER, json!({ "c": id, "p": ines })).await["contacterCandidat"]["id"].clone();
        // The structure cannot say she is interested, nor recruit her before she answers.
        for statut in ["INTERESSEE", "RECRUTEE"] {
            let refus = structure.error_code(AVANCER, json!({ "r": contact, "s": statut, "d": aujourd_hui().to_string() })).await;
            assert!(matches!(refus.as_str(), "FORBIDDEN" | "INVALID_INPUT"), "{statut}: {refus}");
        }
        // Nobody else answers for her: another candidate, a préfecture.
        let repondre = "mutation($r: ID!, $a: Boolean!) { repondreAUnContact(recrutementId: $r, accepte: $a) { statut } }";
        assert_eq!(app.connecte(PREFECTURE_29).await.error_code(repondre, json!({ "r": contact, "a": true })).await, "FORBIDDEN");
        let ines_client = app.connecte(CANDIDAT).await;
        let contacts = ines_client.data("{ mesContacts { id statut structure } }", json!({})).await;
        assert_eq!(contacts["mesContacts"][0]["statut"], "NOUVELLE", "{contacts}");
        assert_eq!(contacts["mesContacts"][0]["structure"], "Association Iroise Numérique (démo)", "{contacts}");
        let reponse = ines_client.data(repondre, json!({ "r": contact, "a": true })).await;
        assert_eq!(reponse["repondreAUnContact"]["statut"], "INTERESSEE");
        assert_eq!(ines_client.error_code(repondre, json!({ "r": contact, "a": false })).await, "CONFLICT", "she answers once");
        let etape = structure.data(AVANCER, json!({ "r": contact, "s": "RECRUTEE", "d": aujourd_hui().to_string() })).await;
        assert_eq!(etape["changerStatutRecrutement"]["statut"], "RECRUTEE");
        let notifications = structure.data("{ mesNotifications { titre } }", json!({})).await;
        assert!(notifications.to_string().contains("Prise de contact acceptée"), "{notifications}");
    }

    async fn a_structure_gives_its_post_back_its_coordinator_leaves_and_the_post_takes_no_recruitment(app) {
        let (structure, id) = candidature_validee(&app).await;
        let yann = premier_conseiller(&structure).await;
        structure.data(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        let rendre = "mutation($c: ID!, $l: NaiveDate!, $m: String!) {
            rendrePoste(candidatureId: $c, le: $l, motif: $m) { finDuPoste { le rendu motif } coordinateurs { partiLe } } }";
        let fin = (aujourd_hui() + Days::new(30)).to_string();
        // Refused: someone else's post, a date before the decision or beyond three months, a short reason.
        let autre = StructureBuilder::new().email("autre@exemple.fr").inscrire(&app).await;
        assert_eq!(autre.error_code(rendre, json!({ "c": id, "l": fin, "m": "Nous arrêtons le projet." })).await, "FORBIDDEN");
        assert_eq!(app.connecte(ANCT).await.error_code(rendre, json!({ "c": id, "l": fin, "m": "Nous arrêtons le projet." })).await, "FORBIDDEN");
        let hier = (aujourd_hui() - Days::new(1)).to_string();
        assert_eq!(structure.error_code(rendre, json!({ "c": id, "l": hier, "m": "Nous arrêtons le projet." })).await, "INVALID_INPUT");
        let loin = (aujourd_hui() + Days::new(120)).to_string();
        assert_eq!(structure.error_code(rendre, json!({ "c": id, "l": loin, "m": "Nous arrêtons le projet." })).await, "INVALID_INPUT");
        assert_eq!(structure.error_code(rendre, json!({ "c": id, "l": fin, "m": "Court" })).await, "INVALID_COMMENT");
        let vue = structure.data("query($id: ID!) { candidature(id: $id) { finDuPoste { le } coordinateurs { partiLe } } }", json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["finDuPoste"], Value::Null);
        assert_eq!(vue["candidature"]["coordinateurs"][0]["partiLe"], Value::Null);

        let rendu = structure
            .data(rendre, json!({ "c": id, "l": fin, "m": "Le conseil d’administration arrête le projet de coordination." }))
            .await;
        assert_eq!(
            rendu["rendrePoste"]["finDuPoste"],
            json!({ "le": fin, "rendu": true, "motif": "Le conseil d’administration arrête le projet de coordination." })
        );
        assert_eq!(rendu["rendrePoste"]["coordinateurs"][0]["partiLe"], fin, "the coordinator leaves the post that day");
        for agent in [PREFECTURE_29, ANCT] {
            let courriel = app.dernier_courriel(agent).await;
            assert!(courriel.contains("rend son poste de conseiller numérique coordinateur"), "{agent}: {courriel}");
            assert!(courriel.contains("Le conseil d’administration arrête le projet"), "{agent}: {courriel}");
        }
        // Once, and nothing more happens on the post.
        assert_eq!(structure.error_code(rendre, json!({ "c": id, "l": fin, "m": "Le conseil d’administration arrête." })).await, "INVALID_TRANSITION");
        assert_eq!(
            structure.error_code("mutation($c: ID!) { demanderConvention(candidatureId: $c) { id } }", json!({ "c": id })).await,
            "INVALID_TRANSITION"
        );
        assert_eq!(structure.error_code(ATTRIBUER, json!({ "c": id, "k": yann })).await, "INVALID_TRANSITION");
    }

    async fn anct_withdraws_an_unfilled_post_after_the_deadline_and_a_notice(app) {
        use maillage::candidature::entity::candidature;
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, QueryFilter};
        let (structure, id) = candidature_validee(&app).await;
        let anct = app.connecte(ANCT).await;
        let preavis = "mutation($c: ID!, $m: String!) {
            notifierPreavisDeRetrait(candidatureId: $c, motif: $m) { preavisDeRetrait { notifieLe motif retraitPossibleLe } } }";
        let retirer = "mutation($c: ID!, $m: String!) { retirerPoste(candidatureId: $c, motif: $m) { finDuPoste { le rendu motif } } }";
        let motif = "Aucun recrutement six mois après la décision.";
        // Within the six months of recruitment: refused, with the day it ends.
        let refus = anct.graphql(preavis, json!({ "c": id, "m": motif })).await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "INVALID_TRANSITION");
        assert!(refus["errors"][0]["message"].as_str().unwrap().contains("Le délai de recrutement court jusqu’au"), "{refus}");
        assert_eq!(structure.error_code(preavis, json!({ "c": id, "m": motif })).await, "FORBIDDEN");

        // Seven months after the decision, nobody recruited: the notice, then the withdrawal once it has run.
        let decide = aujourd_hui().checked_sub_months(chrono::Months::new(7)).unwrap();
        let id_num: i64 = id.parse().unwrap();
        candidature::Entity::update_many()
            .col_expr(candidature::Column::DecideLe, Expr::value(decide))
            .filter(candidature::Column::Id.eq(id_num))
            .exec(&app.db)
            .await
            .unwrap();
        assert_eq!(anct.error_code(retirer, json!({ "c": id, "m": motif })).await, "INVALID_TRANSITION", "no notice yet");
        let notifie = anct.data(preavis, json!({ "c": id, "m": motif })).await;
        let dans_un_mois = aujourd_hui().checked_add_months(chrono::Months::new(1)).unwrap();
        assert_eq!(
            notifie["notifierPreavisDeRetrait"]["preavisDeRetrait"],
            json!({ "notifieLe": aujourd_hui().to_string(), "motif": motif, "retraitPossibleLe": dans_un_mois.to_string() })
        );
        let courriel = app.dernier_courriel(STRUCTURE).await;
        assert!(courriel.contains("Sans recrutement d’ici le"), "{courriel}");
        assert_eq!(anct.error_code(preavis, json!({ "c": id, "m": motif })).await, "INVALID_TRANSITION", "once");
        let refus = anct.graphql(retirer, json!({ "c": id, "m": motif })).await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "INVALID_TRANSITION");
        assert!(refus["errors"][0]["message"].as_str().unwrap().contains("Le préavis court jusqu’au"), "{refus}");

        let il_y_a_deux_mois = aujourd_hui().checked_sub_months(chrono::Months::new(2)).unwrap();
        candidature::Entity::update_many()
            .col_expr(candidature::Column::PreavisRetraitLe, Expr::value(il_y_a_deux_mois))
            .filter(candidature::Column::Id.eq(id_num))
            .exec(&app.db)
            .await
            .unwrap();
        let retire = anct.data(retirer, json!({ "c": id, "m": motif })).await;
        assert_eq!(
            retire["retirerPoste"]["finDuPoste"],
            json!({ "le": aujourd_hui().to_string(), "rendu": false, "motif": motif })
        );
        assert!(app.dernier_courriel(STRUCTURE).await.contains("L’ANCT a retiré le poste"));
        assert_eq!(anct.error_code(retirer, json!({ "c": id, "m": motif })).await, "INVALID_TRANSITION");
        let vue = structure.data("query($id: ID!) { candidature(id: $id) { finDuPoste { rendu motif } } }", json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["finDuPoste"], json!({ "rendu": false, "motif": motif }), "the structure reads why");
    }

    async fn a_post_filled_during_its_notice_is_not_withdrawn(app) {
        use maillage::candidature::entity::candidature;
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, QueryFilter};
        let (structure, id) = candidature_validee(&app).await;
        let id_num: i64 = id.parse().unwrap();
        candidature::Entity::update_many()
            .col_expr(candidature::Column::DecideLe, Expr::value(aujourd_hui().checked_sub_months(chrono::Months::new(7)).unwrap()))
            .col_expr(candidature::Column::PreavisRetraitLe, Expr::value(aujourd_hui().checked_sub_months(chrono::Months::new(2)).unwrap()))
            .filter(candidature::Column::Id.eq(id_num))
            .exec(&app.db)
            .await
            .unwrap();
        let yann = premier_conseiller(&structure).await;
        structure.data(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        let anct = app.connecte(ANCT).await;
        let refus = anct
            .graphql("mutation($c: ID!) { retirerPoste(candidatureId: $c, motif: \"Aucun recrutement dans le délai.\") { id } }", json!({ "c": id }))
            .await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "INVALID_TRANSITION");
        assert!(refus["errors"][0]["message"].as_str().unwrap().contains("Le poste est pourvu"), "{refus}");
        // A candidature still in instruction has no post to withdraw.
        let deposee = CandidatureDeposee::sur(StructureBuilder::new().inscrire(&app).await, &[BREST_METROPOLE]).await.id;
        assert_eq!(
            anct.error_code("mutation($c: ID!) { retirerPoste(candidatureId: $c, motif: \"Aucun recrutement dans le délai.\") { id } }", json!({ "c": deposee })).await,
            "INVALID_INPUT"
        );
    }
}

on_both_engines! {
    async fn the_second_funding_is_scheduled_year_by_year_and_a_post_given_back_cancels_what_remains(app) with |settings| {
        settings.financement_perenne.montants_annuels_euros = vec![17_000, 13_000, 9_000];
    } {
        let (structure, id) = candidature_validee(&app).await;
        let yann = premier_conseiller(&structure).await;
        structure.data(ATTRIBUER, json!({ "c": id, "k": yann })).await;
        let convention = structure.data("mutation($c: ID!) { demanderConvention(candidatureId: $c) { id } }", json!({ "c": id })).await["demanderConvention"]["id"].clone();
        let anct = app.connecte(ANCT).await;
        let signee = anct
            .data("mutation($v: ID!, $d: NaiveDate!) { signerConvention(conventionId: $v, signeeLe: $d) {
                finFinancement versements { id financement rang montantEuros statut } } }", json!({ "v": convention, "d": aujourd_hui().to_string() }))
            .await;
        let versements = signee["signerConvention"]["versements"].as_array().unwrap().clone();
        let resume: Vec<(String, i64, i64)> = versements
            .iter()
            .map(|v| (v["financement"].as_str().unwrap().to_owned(), v["rang"].as_i64().unwrap(), v["montantEuros"].as_i64().unwrap()))
            .collect();
        assert_eq!(
            resume,
            [("PREMIER".to_owned(), 1, 40_000), ("SECOND".to_owned(), 1, 17_000), ("SECOND".to_owned(), 2, 13_000), ("SECOND".to_owned(), 3, 9_000)]
        );
        anct.data("mutation($v: ID!, $d: NaiveDate!) { payerVersement(versementId: $v, payeLe: $d) { id } }", json!({ "v": versements[0]["id"], "d": aujourd_hui().to_string() })).await;
        let bilan = "query($id: ID!) { candidature(id: $id) { convention { versements { statut } bilanDesVersements { verseEuros resteAVerserEuros aRembourserEuros } } } }";
        let vue = anct.data(bilan, json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["convention"]["bilanDesVersements"], json!({ "verseEuros": 40_000, "resteAVerserEuros": 39_000, "aRembourserEuros": 0 }));

        // The post given back: what remains is cancelled; what was paid stays paid.
        structure
            .data("mutation($c: ID!, $l: NaiveDate!, $m: String!) { rendrePoste(candidatureId: $c, le: $l, motif: $m) { id } }",
                json!({ "c": id, "l": aujourd_hui().to_string(), "m": "La structure arrête la coordination." }))
            .await;
        let vue = structure.data(bilan, json!({ "id": id })).await;
        let statuts: Vec<&str> = vue["candidature"]["convention"]["versements"].as_array().unwrap().iter().map(|v| v["statut"].as_str().unwrap()).collect();
        assert_eq!(statuts, ["PAYE", "ANNULE", "ANNULE", "ANNULE"]);
        assert_eq!(vue["candidature"]["convention"]["bilanDesVersements"], json!({ "verseEuros": 40_000, "resteAVerserEuros": 0, "aRembourserEuros": 0 }));
        let tableau = anct.data("{ tableauDeBord { budgetVerse } }", json!({})).await;
        assert_eq!(tableau["tableauDeBord"]["budgetVerse"], 40_000);
    }
}
