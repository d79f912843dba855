//! The rencontres a hub organises, on SQLite and PostgreSQL: the hub of Bretagne announces a working group to
//! the région's coordinators, who register; it writes the minutes once it took place, or cancels before; a
//! continuing-training session is relayed by Yann, coordinator on Brest Métropole, to Lou of its team, who
//! registers her interest; the préfecture of the Finistère organises a meeting day of its département, to
//! which Yann registers and of which the hub is told. Hubs of other régions, other préfectures and
//! structures neither read nor act.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::Utc;
use common::parcours::*;
use common::{Client, TestApp};
use serde_json::{Value, json};

const ANNONCER: &str = "mutation($r: RencontreEntree!) { annoncerUneRencontre(rencontre: $r) {
    id nature titre regionCode organisateur inscrits } }";
const LISTE: &str =
    "{ rencontresRegionales { id titre nature compteRendu inscrits inscrit relayeeA interesses } }";
const INSCRIRE: &str =
    "mutation($id: ID!, $i: Boolean!) { sInscrireAUneRencontre(rencontreId: $id, inscrit: $i) {
    inscrits inscrit } }";
const PARTICIPANTS: &str =
    "query($id: ID!) { participantsALaRencontre(rencontreId: $id) { prenom nom email parRelais } }";
const COMPTE_RENDU: &str = "mutation($id: ID!, $t: String!) {
    ecrireCompteRenduDeRencontre(rencontreId: $id, compteRendu: $t) { compteRendu } }";
const ANNULER: &str = "mutation($id: ID!) { annulerUneRencontre(rencontreId: $id) }";
const RELAYER: &str =
    "mutation($id: ID!, $d: [ID!]! = []) { relayerUneFormation(rencontreId: $id, destinataires: $d) {
    relayeeA interesses } }";
const HUB_53: &str = "hub53@demo.maillage.fr";
const YANN: &str = "conseiller.iroise@demo.maillage.fr";

fn rencontre(nature: &str, titre: &str, jours: i64) -> Value {
    let date = maillage_shared::jour::jour_en_metropole(Utc::now()) + chrono::Duration::days(jours);
    json!({ "r": { "nature": nature, "titre": titre, "date": date.to_string(), "lieu": "Rennes",
        "description": "Ordre du jour à venir." } })
}

async fn annoncer(hub: &Client, nature: &str, titre: &str, jours: i64) -> Value {
    hub.data(ANNONCER, rencontre(nature, titre, jours)).await["annoncerUneRencontre"]["id"].clone()
}

/// A person of a role and région, address verified, logged in.
async fn agent(app: &TestApp, email: &str, role: maillage_shared::role::Role, region: &str) -> Client {
    let personne =
        maillage::compte::service::creer_utilisateur(&app.db, email, "un mot de passe long", "Alex", "Autre")
            .await
            .unwrap();
    maillage::compte::liens::marquer_verifiee(&app.db, personne.id)
        .await
        .unwrap();
    maillage::compte::service::attribuer_role(
        &app.db,
        personne.id,
        role,
        None,
        None,
        Some(region.to_owned()),
    )
    .await
    .unwrap();
    app.connecte_avec(email, "un mot de passe long").await
}

/// Moves a rencontre to yesterday: it took place.
async fn tenue_hier(app: &TestApp, id: &Value) {
    use maillage::rencontre::entity::rencontre;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let hier = maillage_shared::jour::jour_en_metropole(Utc::now()) - chrono::Duration::days(1);
    rencontre::Entity::update_many()
        .col_expr(rencontre::Column::Date, Expr::value(hier))
        .filter(rencontre::Column::Id.eq(id.as_str().unwrap().parse::<i64>().unwrap()))
        .exec(&app.db)
        .await
        .unwrap();
}

fn titres(liste: &Value) -> Vec<String> {
    liste["rencontresRegionales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["titre"].as_str().unwrap().to_owned())
        .collect()
}

on_both_engines! {
    async fn the_hub_announces_a_working_group_its_regions_coordinators_register_and_read_its_minutes(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let hub = app.connecte(HUB_53).await;
        let annoncee = hub
            .data(ANNONCER, rencontre("GROUPE_DE_TRAVAIL", "Groupe de travail inclusion numérique", 10))
            .await["annoncerUneRencontre"].clone();
        assert_eq!(annoncee["regionCode"], "53");
        assert_eq!(annoncee["nature"], "GROUPE_DE_TRAVAIL");
        let id = annoncee["id"].clone();

        // The coordinators of the région are invited, in the app and by email.
        let notifications = coordinateur.data("{ mesNotifications { titre lien } }", json!({})).await;
        assert!(
            notifications["mesNotifications"].as_array().unwrap().iter()
                .any(|n| n["lien"] == "/rencontres" && n["titre"].as_str().unwrap().starts_with("Groupe de travail")),
            "{notifications}"
        );
        assert!(app.dernier_courriel(YANN).await.contains("Groupe de travail inclusion numérique"));

        let vue = coordinateur.data(INSCRIRE, json!({ "id": id, "i": true })).await["sInscrireAUneRencontre"].clone();
        assert_eq!([&vue["inscrits"], &vue["inscrit"]], [&json!(1), &json!(true)]);
        // Registering twice counts once.
        coordinateur.data(INSCRIRE, json!({ "id": id, "i": true })).await;
        let liste = hub.data(LISTE, json!({})).await;
        assert_eq!(liste["rencontresRegionales"][0]["inscrits"], 1);
        let participants = hub.data(PARTICIPANTS, json!({ "id": id })).await["participantsALaRencontre"].clone();
        assert_eq!(participants, json!([{ "prenom": "Yann", "nom": "Conseiller-Iroise", "email": YANN, "parRelais": false }]));

        // The SGAR of the région reads it, registers to nothing, reads no participant.
        let sgar = app.connecte(SGAR_53).await;
        assert_eq!(titres(&sgar.data(LISTE, json!({})).await), ["Groupe de travail inclusion numérique"]);
        assert_eq!(sgar.error_code(INSCRIRE, json!({ "id": id, "i": true })).await, "FORBIDDEN");
        assert_eq!(sgar.error_code(PARTICIPANTS, json!({ "id": id })).await, "FORBIDDEN");

        // Another région's hub neither reads nor acts; a préfecture and a structure are not in the network's
        // rencontres; a coordinator announces nothing.
        let autre_hub = agent(&app, "hub84@exemple.fr", maillage_shared::role::Role::Hub, "84").await;
        assert!(titres(&autre_hub.data(LISTE, json!({})).await).is_empty());
        assert_eq!(autre_hub.error_code(PARTICIPANTS, json!({ "id": id })).await, "FORBIDDEN");
        assert_eq!(autre_hub.error_code(ANNULER, json!({ "id": id })).await, "FORBIDDEN");
        assert!(titres(&app.connecte(PREFECTURE_29).await.data(LISTE, json!({})).await).is_empty(), "a préfecture reads its meeting days only");
        assert_eq!(app.connecte(STRUCTURE).await.error_code(INSCRIRE, json!({ "id": id, "i": true })).await, "FORBIDDEN");
        assert_eq!(
            coordinateur.error_code(ANNONCER, rencontre("EVENEMENT", "Pas mon rôle", 5)).await,
            "FORBIDDEN"
        );
        assert_eq!(hub.error_code(PARTICIPANTS, json!({ "id": "999999" })).await, "NOT_FOUND");

        // Bad input is refused and nothing is written.
        assert_eq!(hub.error_code(ANNONCER, rencontre("EVENEMENT", "Hier", -1)).await, "INVALID_INPUT");
        assert_eq!(hub.error_code(ANNONCER, rencontre("EVENEMENT", " ", 3)).await, "INVALID_INPUT");
        assert_eq!(hub.error_code(ANNONCER, rencontre("EVENEMENT", "Trop loin", 400)).await, "INVALID_INPUT");
        assert_eq!(titres(&hub.data(LISTE, json!({})).await).len(), 1);

        // The minutes wait for the day; once it is past, registering is closed and the hub writes them: the
        // registered are told, and read them.
        assert_eq!(hub.error_code(COMPTE_RENDU, json!({ "id": id, "t": "Trop tôt" })).await, "INVALID_INPUT");
        tenue_hier(&app, &id).await;
        assert_eq!(coordinateur.error_code(INSCRIRE, json!({ "id": id, "i": false })).await, "INVALID_INPUT");
        assert_eq!(hub.error_code(COMPTE_RENDU, json!({ "id": id, "t": "  " })).await, "INVALID_INPUT");
        assert_eq!(autre_hub.error_code(COMPTE_RENDU, json!({ "id": id, "t": "Intrus" })).await, "FORBIDDEN");
        hub.data(COMPTE_RENDU, json!({ "id": id, "t": "Douze coordinateurs ; décision : un atelier par trimestre." })).await;
        let lu = coordinateur.data(LISTE, json!({})).await;
        assert_eq!(lu["rencontresRegionales"][0]["compteRendu"], "Douze coordinateurs ; décision : un atelier par trimestre.");
        assert!(app.dernier_courriel(YANN).await.contains("compte rendu"));
        assert_eq!(hub.error_code(ANNULER, json!({ "id": id })).await, "INVALID_INPUT", "a past rencontre stays");

        // A rencontre to come is cancelled: the registered are told, it is gone.
        let evenement = annoncer(&hub, "EVENEMENT", "Forum régional", 20).await;
        coordinateur.data(INSCRIRE, json!({ "id": evenement, "i": true })).await;
        assert_eq!(hub.data(ANNULER, json!({ "id": evenement })).await["annulerUneRencontre"], evenement);
        assert!(app.dernier_courriel(YANN).await.contains("a annulé « Forum régional »"));
        assert_eq!(titres(&coordinateur.data(LISTE, json!({})).await), ["Groupe de travail inclusion numérique"]);

        // The registration is the person's data: in their export.
        let donnees = coordinateur.data("{ mesDonnees }", json!({})).await;
        assert_eq!(donnees["mesDonnees"]["inscriptions_aux_rencontres_regionales"].as_array().unwrap().len(), 1, "{donnees}");
    }

    async fn a_coordinator_relays_a_training_session_to_its_team_whose_members_register_their_interest(app) {
        let (coordinateur, lou) = equipe_de_brest(&app).await;
        let hub = app.connecte(HUB_53).await;
        let formation = annoncer(&hub, "FORMATION_CONTINUE", "Session « accompagner aux démarches en ligne »", 15).await;
        let groupe = annoncer(&hub, "GROUPE_DE_TRAVAIL", "Groupe de travail données", 15).await;

        // Not relayed yet: Lou neither reads nor registers.
        assert!(titres(&lou.data(LISTE, json!({})).await).is_empty());
        assert_eq!(lou.error_code(INSCRIRE, json!({ "id": formation, "i": true })).await, "FORBIDDEN");

        // Only training sessions are relayed, to members of the team.
        assert_eq!(coordinateur.error_code(RELAYER, json!({ "id": groupe })).await, "INVALID_INPUT");
        assert_eq!(coordinateur.error_code(RELAYER, json!({ "id": formation, "d": ["999999"] })).await, "NOT_FOUND");
        assert_eq!(lou.error_code(RELAYER, json!({ "id": formation })).await, "FORBIDDEN");
        let relayee = coordinateur.data(RELAYER, json!({ "id": formation })).await["relayerUneFormation"].clone();
        assert_eq!(relayee["relayeeA"], 1);
        assert!(app.dernier_courriel("lou@exemple.fr").await.contains("accompagner aux démarches en ligne"));
        // Everyone chosen has it already: nothing sent twice.
        assert_eq!(coordinateur.error_code(RELAYER, json!({ "id": formation })).await, "INVALID_INPUT");

        // Lou reads the relayed session, not the working group, and says her interest.
        assert_eq!(titres(&lou.data(LISTE, json!({})).await), ["Session « accompagner aux démarches en ligne »"]);
        assert_eq!(lou.error_code(INSCRIRE, json!({ "id": groupe, "i": true })).await, "FORBIDDEN");
        let vue = lou.data(INSCRIRE, json!({ "id": formation, "i": true })).await["sInscrireAUneRencontre"].clone();
        assert_eq!(vue["inscrit"], true);
        let vue = coordinateur.data(LISTE, json!({})).await;
        let session = vue["rencontresRegionales"].as_array().unwrap().iter().find(|r| r["id"] == formation).unwrap().clone();
        assert_eq!([&session["relayeeA"], &session["interesses"]], [&json!(1), &json!(1)]);
        let participants = hub.data(PARTICIPANTS, json!({ "id": formation })).await["participantsALaRencontre"].clone();
        assert_eq!(participants[0]["email"], "lou@exemple.fr");
        assert_eq!(participants[0]["parRelais"], true);

        let donnees = lou.data("{ mesDonnees }", json!({})).await["mesDonnees"].clone();
        assert_eq!(donnees["formations_relayees"].as_array().unwrap().len(), 1, "{donnees}");
        assert_eq!(donnees["inscriptions_aux_rencontres_regionales"].as_array().unwrap().len(), 1);
    }

    async fn announcing_and_relaying_email_many_people_and_are_limited_per_day(app) {
        let (coordinateur, _) = equipe_de_brest(&app).await;
        let hub = app.connecte(HUB_53).await;
        let mut sessions = Vec::new();
        for n in 1..=20 {
            sessions.push(annoncer(&hub, "FORMATION_CONTINUE", &format!("Session {n}"), 30).await);
        }
        assert_eq!(hub.error_code(ANNONCER, rencontre("EVENEMENT", "De trop", 30)).await, "RATE_LIMITED");
        assert_eq!(titres(&hub.data(LISTE, json!({})).await).len(), 20);

        for session in &sessions[..10] {
            coordinateur.data(RELAYER, json!({ "id": session })).await;
        }
        assert_eq!(coordinateur.error_code(RELAYER, json!({ "id": sessions[10] })).await, "RATE_LIMITED");
        let vue = coordinateur.data(LISTE, json!({})).await;
        let relayees = vue["rencontresRegionales"].as_array().unwrap().iter().filter(|r| r["relayeeA"] == 1).count();
        assert_eq!(relayees, 10, "the eleventh relayed nothing");
    }

    async fn the_prefecture_organises_a_meeting_day_of_its_departement_with_its_coordinators_and_tells_the_hub(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let journee = prefecture
            .data(ANNONCER, rencontre("JOURNEE_DEPARTEMENTALE", "Journée finistérienne de l’inclusion numérique", 12))
            .await["annoncerUneRencontre"].clone();
        assert_eq!(journee["regionCode"], "53");
        let id = journee["id"].clone();
        assert!(app.dernier_courriel(YANN).await.contains("La préfecture vous invite à « Journée finistérienne"));
        assert!(app.dernier_courriel(HUB_53).await.contains("Journée finistérienne"), "the hub is told");

        // The préfecture announces only its département's meeting days; the hub only its région's rencontres.
        assert_eq!(prefecture.error_code(ANNONCER, rencontre("GROUPE_DE_TRAVAIL", "Pas le sien", 5)).await, "FORBIDDEN");
        let hub = app.connecte(HUB_53).await;
        assert_eq!(hub.error_code(ANNONCER, rencontre("JOURNEE_DEPARTEMENTALE", "Pas la sienne", 5)).await, "FORBIDDEN");

        // Yann, coordinator in the 29, reads it and registers; the préfecture reads who.
        assert_eq!(titres(&coordinateur.data(LISTE, json!({})).await), ["Journée finistérienne de l’inclusion numérique"]);
        coordinateur.data(INSCRIRE, json!({ "id": id, "i": true })).await;
        let participants = prefecture.data(PARTICIPANTS, json!({ "id": id })).await["participantsALaRencontre"].clone();
        assert_eq!(participants[0]["email"], YANN);
        // The hub reads it with the région's rencontres, but organises nothing of it.
        assert_eq!(titres(&hub.data(LISTE, json!({})).await).len(), 1);
        assert_eq!(hub.error_code(ANNULER, json!({ "id": id })).await, "FORBIDDEN");
        assert_eq!(hub.error_code(PARTICIPANTS, json!({ "id": id })).await, "FORBIDDEN");

        // Another préfecture neither reads nor acts on it.
        let autre = app.connecte(PREFECTURE_35).await;
        assert!(titres(&autre.data(LISTE, json!({})).await).is_empty());
        assert_eq!(autre.error_code(ANNULER, json!({ "id": id })).await, "FORBIDDEN");
        assert_eq!(autre.error_code(PARTICIPANTS, json!({ "id": id })).await, "FORBIDDEN");

        // The préfecture cancels it: Yann is told.
        prefecture.data(ANNULER, json!({ "id": id })).await;
        assert!(app.dernier_courriel(YANN).await.contains("La préfecture a annulé"));
        assert!(titres(&prefecture.data(LISTE, json!({})).await).is_empty());
    }
}
