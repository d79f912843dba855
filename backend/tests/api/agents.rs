//! The administration of roles, on SQLite and PostgreSQL: ANCT invites a préfecture agent who accepts with a
//! new account and acts in her département; a préfecture and a structure invite only their colleagues, in
//! their own scope; the roles of a scope are listed and withdrawn by those who administer it; invitations
//! are limited; the first ANCT agent of a new production is invited from the command line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::parcours::{ANCT, PREFECTURE_29, SGAR_53, STRUCTURE};
use common::{Client, TestApp};
use serde_json::{Value, json};

const INVITER: &str = "mutation($e: String!, $r: Role!, $d: String, $g: String) {
    inviterAgent(email: $e, role: $r, departementCode: $d, regionCode: $g) { id email role libelle } }";
const LIRE: &str = "query($j: String!) { invitationAgent(jeton: $j) { email libelle compteExistant } }";
const ACCEPTER: &str = "mutation($j: String!, $c: CompteInviteEntree) {
    accepterInvitationAgent(jeton: $j, compte: $c) { email adresseVerifiee roleActif { role departementCode structureId } } }";
const ROLES: &str = "{ rolesAdministres { id role libelle email } }";

/// `email` opens the link of their latest invitation and accepts it with a new account.
async fn accepter_avec_un_compte(app: &TestApp, email: &str) -> (Client, Value) {
    let jeton = app.jeton_du_dernier_courriel(email).await;
    let navigateur = app.navigateur();
    let compte = json!({ "prenom": "Agnès", "nom": "Le Roux", "motDePasse": "un mot de passe long" });
    let reponse = navigateur
        .data(ACCEPTER, json!({ "j": jeton, "c": compte }))
        .await;
    (navigateur, reponse["accepterInvitationAgent"].clone())
}

on_both_engines! {
    async fn a_structure_receives_at_most_ten_new_requests_to_join_it_a_day(app) {
        use maillage::structure::rattachement::{Issue, demander};
        let iroise = Some("90000000000019");
        for n in 0..10 {
            let issue = demander(&app.db, &format!("personne{n}@exemple.fr"), "Prénom", "Nom", iroise).await.unwrap();
            assert_eq!(issue, Some(Issue::Envoyee), "request {n}");
        }
        let onzieme = demander(&app.db, "personne10@exemple.fr", "Prénom", "Nom", iroise).await.unwrap();
        assert_eq!(onzieme, Some(Issue::Limitee));
        let encore = demander(&app.db, "personne0@exemple.fr", "Prénom", "Nom", iroise).await.unwrap();
        assert_eq!(encore, Some(Issue::Envoyee), "a waiting request is not a new one");
        let inconnue = demander(&app.db, "personne11@exemple.fr", "Prénom", "Nom", Some("13002603200016")).await.unwrap();
        assert_eq!(inconnue, None, "no registered structure has this SIRET");
    }
}

on_both_engines! {
    async fn anct_invites_a_prefecture_agent_who_accepts_with_a_new_account_and_acts_in_her_departement(app) {
        let anct = app.connecte(ANCT).await;
        let invitation = anct
            .data(INVITER, json!({ "e": "agnes@ille-et-vilaine.gouv.fr", "r": "PREFECTURE", "d": "35" }))
            .await;
        assert_eq!(invitation["inviterAgent"]["libelle"], "Préfecture — département 35");
        let courriel = app.dernier_courriel("agnes@ille-et-vilaine.gouv.fr").await;
        assert!(courriel.contains("/invitation-agent?jeton=") && courriel.contains("Préfecture — département 35"), "{courriel}");

        let jeton = app.jeton_du_dernier_courriel("agnes@ille-et-vilaine.gouv.fr").await;
        let lue = app.data(LIRE, json!({ "j": jeton })).await;
        assert_eq!(
            lue["invitationAgent"],
            json!({ "email": "agnes@ille-et-vilaine.gouv.fr", "libelle": "Préfecture — département 35", "compteExistant": false })
        );
        let (agnes, moi) = accepter_avec_un_compte(&app, "agnes@ille-et-vilaine.gouv.fr").await;
        assert_eq!(moi["adresseVerifiee"], true, "the link reached her address");
        assert_eq!(moi["roleActif"], json!({ "role": "PREFECTURE", "departementCode": "35", "structureId": null }));
        let tableau = agnes.data("{ tableauDeBord { libelle } }", json!({})).await;
        assert_eq!(tableau["tableauDeBord"]["libelle"], "Ille-et-Vilaine");
        let encore = json!({ "prenom": "Autre", "nom": "Personne", "motDePasse": "un mot de passe long" });
        assert_eq!(app.error_code(ACCEPTER, json!({ "j": jeton, "c": encore })).await, "INVALID_INPUT", "once");
        assert_eq!(app.error_code(LIRE, json!({ "j": jeton })).await, "INVALID_INPUT");
    }

    async fn a_prefecture_and_a_structure_invite_only_their_colleagues_in_their_own_scope(app) {
        // A préfecture invites to its own département, whatever it asks.
        let prefecture = app.connecte(PREFECTURE_29).await;
        let invitation = prefecture.data(INVITER, json!({ "e": "yves@finistere.gouv.fr", "r": "PREFECTURE", "d": "35" })).await;
        assert_eq!(invitation["inviterAgent"]["libelle"], "Préfecture — département 29");
        assert_eq!(prefecture.error_code(INVITER, json!({ "e": "x@exemple.fr", "r": "HUB", "g": "53" })).await, "FORBIDDEN");
        assert_eq!(prefecture.error_code(INVITER, json!({ "e": "x@exemple.fr", "r": "ANCT" })).await, "FORBIDDEN");
        for autre in [SGAR_53, "candidat@demo.maillage.fr"] {
            let code = app.connecte(autre).await.error_code(INVITER, json!({ "e": "x@exemple.fr", "r": "PREFECTURE", "d": "29" })).await;
            assert_eq!(code, "FORBIDDEN", "{autre}");
        }
        assert_eq!(app.error_code(INVITER, json!({ "e": "x@exemple.fr", "r": "PREFECTURE", "d": "29" })).await, "UNAUTHENTICATED");
        // ANCT names a valid territory.
        let anct = app.connecte(ANCT).await;
        assert_eq!(anct.error_code(INVITER, json!({ "e": "x@exemple.fr", "r": "PREFECTURE", "d": "ZZ" })).await, "INVALID_TERRITORY_CODE");
        assert_eq!(anct.error_code(INVITER, json!({ "e": "x@exemple.fr", "r": "STRUCTURE" })).await, "FORBIDDEN", "ANCT does not invite structures' staff");

        // A structure brings a colleague, who then acts for the same structure.
        let structure = app.connecte(STRUCTURE).await;
        structure.data(INVITER, json!({ "e": "collegue@brest-numerique.fr", "r": "STRUCTURE" })).await;
        let (collegue, moi) = accepter_avec_un_compte(&app, "collegue@brest-numerique.fr").await;
        assert_eq!(moi["roleActif"]["role"], "STRUCTURE");
        let la_sienne = structure.data("{ maStructure { nom } }", json!({})).await;
        assert_eq!(collegue.data("{ maStructure { nom } }", json!({})).await, la_sienne);
        assert_eq!(
            structure.error_code(INVITER, json!({ "e": "collegue@brest-numerique.fr", "r": "STRUCTURE" })).await,
            "CONFLICT",
            "she already holds it"
        );
    }

    async fn the_roles_of_a_scope_are_listed_and_withdrawn_by_those_who_administer_it(app) {
        let prefecture = app.connecte(PREFECTURE_29).await;
        prefecture.data(INVITER, json!({ "e": "yves@finistere.gouv.fr", "r": "PREFECTURE" })).await;
        let attente = prefecture.data("{ invitationsAgentsEnAttente { email libelle } }", json!({})).await;
        assert_eq!(attente["invitationsAgentsEnAttente"], json!([{ "email": "yves@finistere.gouv.fr", "libelle": "Préfecture — département 29" }]));
        let (yves, _) = accepter_avec_un_compte(&app, "yves@finistere.gouv.fr").await;
        assert_eq!(prefecture.data("{ invitationsAgentsEnAttente { email } }", json!({})).await["invitationsAgentsEnAttente"], json!([]));

        // The préfecture of the 29 sees the préfecture roles of the 29 only; ANCT sees every agent.
        let liste = prefecture.data(ROLES, json!({})).await;
        let emails: Vec<&str> = liste["rolesAdministres"].as_array().unwrap().iter().map(|r| r["email"].as_str().unwrap()).collect();
        assert!(emails.contains(&PREFECTURE_29) && emails.contains(&"yves@finistere.gouv.fr"), "{emails:?}");
        assert!(liste["rolesAdministres"].as_array().unwrap().iter().all(|r| r["libelle"] == "Préfecture — département 29"), "{liste}");
        let tout = app.connecte(ANCT).await.data(ROLES, json!({})).await.to_string();
        assert!(tout.contains("prefecture35@demo.maillage.fr") && tout.contains(SGAR_53) && tout.contains("yves@finistere.gouv.fr"));
        assert!(!tout.contains(STRUCTURE), "structures' staff are theirs to administer");

        let role_de = |liste: &Value, email: &str| {
            liste["rolesAdministres"].as_array().unwrap().iter().find(|r| r["email"] == email).unwrap()["id"].clone()
        };
        let retirer = "mutation($r: ID!) { retirerRole(roleId: $r) }";
        assert_eq!(prefecture.error_code(retirer, json!({ "r": role_de(&liste, PREFECTURE_29) })).await, "INVALID_INPUT", "not one's own");
        let ailleurs = app.connecte(ANCT).await.data(ROLES, json!({})).await;
        assert_eq!(
            prefecture.error_code(retirer, json!({ "r": role_de(&ailleurs, "prefecture35@demo.maillage.fr") })).await,
            "FORBIDDEN"
        );
        assert_eq!(prefecture.data(retirer, json!({ "r": role_de(&liste, "yves@finistere.gouv.fr") })).await["retirerRole"], true);
        let moi = yves.data("{ moi { email roleActif { role } roles { role } } }", json!({})).await;
        assert_eq!(moi["moi"], json!({ "email": "yves@finistere.gouv.fr", "roleActif": null, "roles": [] }), "his session lost it");
        assert_eq!(yves.error_code("{ tableauDeBord { libelle } }", json!({})).await, "FORBIDDEN");
        let export = yves.data("{ mesDonnees }", json!({})).await["mesDonnees"].clone();
        assert!(export["journal"].as_array().unwrap().iter().any(|a| a["action"] == "accepterInvitationAgent"), "the grant");
        assert!(export["notifications"].to_string().contains("Préfecture — département 29"), "the withdrawal: {export}");

        // A structure's last member stays.
        let structure = app.connecte(STRUCTURE).await;
        let siens = structure.data(ROLES, json!({})).await;
        assert_eq!(siens["rolesAdministres"].as_array().unwrap().len(), 1, "{siens}");
    }

    async fn invitations_are_limited_to_twenty_a_day_per_person(app) {
        let anct = app.connecte(ANCT).await;
        for n in 0..20 {
            anct.data(INVITER, json!({ "e": format!("agent{n}@exemple.gouv.fr"), "r": "ANCT" })).await;
        }
        assert_eq!(anct.error_code(INVITER, json!({ "e": "agent20@exemple.gouv.fr", "r": "ANCT" })).await, "RATE_LIMITED");
        assert_eq!(
            maillage::compte::invitations::role_demande(None, maillage_shared::role::Role::Prefecture, Some("29"), None)
                .unwrap_err()
                .to_string(),
            "La ligne de commande n’invite que des agents de l’ANCT."
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_anct_agent_of_a_new_production_is_invited_from_the_command_line() {
    let dossier = tempfile::tempdir().unwrap();
    let (url, _) = common::base_neuve(common::Engine::Sqlite, dossier.path()).await;
    let sortie = std::process::Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(["admin", "inviter-anct", "Premiere.Agente@anct.gouv.fr"])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(
        sortie.status.success(),
        "{}",
        String::from_utf8_lossy(&sortie.stderr)
    );
    let texte = String::from_utf8_lossy(&sortie.stdout);
    assert!(
        texte.contains("invitation ANCT envoyée à premiere.agente@anct.gouv.fr (valable 7 jours)"),
        "{texte}"
    );
    let jeton = texte.rsplit("jeton=").next().unwrap().trim().to_owned();
    let db = sea_orm::Database::connect(url).await.unwrap();
    let (invitation, compte_existant) = maillage::compte::invitations::lire(&db, &jeton).await.unwrap();
    assert_eq!(
        (invitation.role.as_str(), invitation.invite_par, compte_existant),
        ("ANCT", None, false)
    );
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let courriels = maillage::notification::entity::email_sortant::Entity::find()
        .filter(
            maillage::notification::entity::email_sortant::Column::Destinataire
                .eq("premiere.agente@anct.gouv.fr"),
        )
        .count(&db)
        .await
        .unwrap();
    assert_eq!(courriels, 1, "the invitation is emailed too");
}

const DESACTIVER: &str = "mutation($c: ID!) { desactiverCompte(compteId: $c) }";
const REACTIVER: &str = "mutation($c: ID!) { reactiverCompte(compteId: $c) }";

/// The account id of the holder of `email`'s role, as ANCT's list shows it, and whether it is deactivated.
async fn compte_de(anct: &Client, email: &str) -> (String, bool) {
    let roles = anct
        .data(
            "{ rolesAdministres { email compteId compteDesactive } }",
            json!({}),
        )
        .await;
    let tenu = roles["rolesAdministres"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == email)
        .unwrap()
        .clone();
    (
        tenu["compteId"].as_str().unwrap().to_owned(),
        tenu["compteDesactive"].as_bool().unwrap(),
    )
}

on_both_engines! {
    async fn anct_deactivates_an_account_which_loses_its_sessions_and_no_longer_logs_in_until_reactivated(app) {
        let anct = app.connecte(ANCT).await;
        let agente = app.connecte(common::parcours::PREFECTURE_35).await;
        let (compte, desactive) = compte_de(&anct, common::parcours::PREFECTURE_35).await;
        assert!(!desactive);
        assert_eq!(app.connecte(PREFECTURE_29).await.error_code(DESACTIVER, json!({ "c": compte })).await, "FORBIDDEN");
        let (le_sien, _) = compte_de(&anct, ANCT).await;
        assert_eq!(anct.error_code(DESACTIVER, json!({ "c": le_sien })).await, "INVALID_INPUT", "not one's own");

        assert_eq!(anct.data(DESACTIVER, json!({ "c": compte })).await["desactiverCompte"], true);
        assert_eq!(agente.data("{ moi { email } }", json!({})).await["moi"], Value::Null, "her session ended at once");
        let connexion = app
            .graphql(
                "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }",
                json!({ "e": common::parcours::PREFECTURE_35, "m": maillage::demo::MOT_DE_PASSE }),
            )
            .await;
        assert_eq!(connexion["errors"][0]["extensions"]["code"], "FORBIDDEN", "{connexion}");
        assert!(connexion["errors"][0]["message"].as_str().unwrap().contains("désactivé"), "{connexion}");
        assert!(compte_de(&anct, common::parcours::PREFECTURE_35).await.1, "shown as deactivated");
        let journal = anct.data("{ mesDonnees }", json!({})).await["mesDonnees"]["journal"].to_string();
        assert!(journal.contains("desactiverCompte"), "{journal}");

        anct.data(REACTIVER, json!({ "c": compte })).await;
        let revenue = app.connecte(common::parcours::PREFECTURE_35).await;
        assert_eq!(revenue.data("{ moi { email } }", json!({})).await["moi"]["email"], common::parcours::PREFECTURE_35);
    }
}
