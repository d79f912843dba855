//! GDPR rights on SQLite and PostgreSQL: a person downloads what is held about them, erases their account
//! (what the programme must keep stays, anonymous), and data past its retention period is purged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::{Duration, Utc};
use common::TestApp;
use maillage::compte::entity::{session, utilisateur};
use maillage::notification::entity::notification;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const INES: &str = "candidat@demo.maillage.fr";
const YANN: &str = "conseiller.iroise@demo.maillage.fr";
const CONNEXION: &str =
    "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }";
const EFFACER: &str = "mutation($m: String!) { effacerMonCompte(motDePasse: $m) }";

/// Rows of `table` matching `condition` (SQL).
async fn compter_ou(app: &TestApp, table: &str, condition: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let ligne = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table} WHERE {condition}"),
        ))
        .await
        .unwrap()
        .unwrap();
    ligne.try_get("", "n").unwrap()
}

/// The id of the account of `email`.
async fn id_de(app: &TestApp, email: &str) -> i64 {
    utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn compter(app: &TestApp, table: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let ligne = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    ligne.try_get("", "n").unwrap()
}

on_both_engines! {
    async fn a_person_downloads_everything_held_about_them_and_nothing_else(app) {
        let ines = app.connecte(INES).await;
        let id = id_de(&app, INES).await;
        let donnees = ines.data("{ mesDonnees }", json!({})).await["mesDonnees"].clone();
        let mut rubriques: Vec<&str> = donnees.as_object().unwrap().keys().map(String::as_str).collect();
        rubriques.sort_unstable();
        assert_eq!(
            rubriques,
            [
                "accompagnements", "compte", "courriels", "formation", "formations_relayees", "inscriptions_aux_journees",
                "inscriptions_aux_rencontres_regionales", "invitations_dans_une_equipe",
                "journal", "liens_envoyes", "modifications_de_lieux", "notifications", "postes_de_conseiller",
                "postes_de_coordinateur", "profil_candidat", "roles", "sessions", "signalements_de_lieux_resolus",
            ]
        );
        assert_eq!(donnees["compte"]["email"], INES);
        assert_eq!(donnees["roles"][0]["role"], "CANDIDAT");
        assert_eq!(donnees["profil_candidat"]["commune_code"], "29075");
        assert!(donnees["journal"].as_array().unwrap().iter().any(|a| a["action"] == "connexion"));
        // Every row held about her, and only hers: as many as the database holds for her account.
        let nombre = |rubrique: &str| i64::try_from(donnees[rubrique].as_array().unwrap().len()).unwrap();
        assert_eq!(nombre("sessions"), compter_ou(&app, "session", &format!("utilisateur_id = {id}")).await);
        assert_eq!(nombre("roles"), compter_ou(&app, "role_utilisateur", &format!("utilisateur_id = {id}")).await);
        assert_eq!(nombre("notifications"), compter_ou(&app, "notification", &format!("utilisateur_id = {id}")).await);
        assert_eq!(nombre("courriels"), compter_ou(&app, "email_sortant", &format!("destinataire = '{INES}'")).await);
        // The export's own reading is logged after it was made: one entry more in the database.
        assert_eq!(nombre("journal") + 1, compter_ou(&app, "journal", &format!("acteur_id = {id}")).await);
        // No other person's address, whoever they are.
        let texte = donnees.to_string();
        for autre in utilisateur::Entity::find().all(&app.db).await.unwrap() {
            if autre.id != id {
                assert!(!texte.contains(&autre.email), "{} leaked into her export", autre.email);
            }
        }
        assert_eq!(app.error_code("{ mesDonnees }", json!({})).await, "UNAUTHENTICATED");
    }

    async fn erasure_deletes_the_account_and_its_profile_and_logs_out(app) {
        let ines = app.connecte(INES).await;
        let id = id_de(&app, INES).await;
        assert_eq!(ines.error_code(EFFACER, json!({ "m": "pas le bon mot de passe" })).await, "INVALID_CREDENTIALS");
        assert_eq!(compter(&app, "profil_candidat").await, 1, "a wrong password changes nothing");

        assert_eq!(ines.data(EFFACER, json!({ "m": maillage::demo::MOT_DE_PASSE })).await["effacerMonCompte"], true);
        assert_eq!(compter(&app, "profil_candidat").await, 0);
        assert_eq!(ines.error_code("{ mesDonnees }", json!({})).await, "UNAUTHENTICATED", "logged out everywhere");
        assert_eq!(
            app.error_code(CONNEXION, json!({ "e": INES, "m": maillage::demo::MOT_DE_PASSE })).await,
            "INVALID_CREDENTIALS"
        );
        let restants = utilisateur::Entity::find().filter(utilisateur::Column::Email.eq(INES)).count(&app.db).await.unwrap();
        assert_eq!(restants, 0, "no trace of the address");
        for table in ["session", "role_utilisateur", "notification"] {
            assert_eq!(compter_ou(&app, table, &format!("utilisateur_id = {id}")).await, 0, "{table}");
        }
        assert_eq!(compter_ou(&app, "email_sortant", &format!("destinataire = '{INES}'")).await, 0, "her emails");
        let personne = utilisateur::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
        assert_eq!((personne.prenom.as_str(), personne.nom.as_str()), ("Personne", "effacée"), "the account is anonymous");
        assert!(matches!(maillage::journal::verifier(&app.db).await.unwrap(), maillage::journal::Verification::Intacte { .. }));
    }

    async fn erasure_keeps_what_the_programme_accounts_need_anonymously(app) {
        let yann = app.connecte(YANN).await;
        let activite = json!({ "a": {
            "date": maillage_shared::jour::jour_en_metropole(Utc::now()).to_string(), "typeAccompagnement": "INDIVIDUEL", "canal": "LIEU_DE_PERMANENCE",
            "themes": ["Aide aux démarches administratives"], "dureeMinutes": 45, "participants": 1, "communeCode": "29019"
        } });
        yann.data("mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }", activite).await;
        let (conseillers, activites) = (compter(&app, "conseiller").await, compter(&app, "activite").await);
        yann.data(EFFACER, json!({ "m": maillage::demo::MOT_DE_PASSE })).await;
        assert_eq!(compter(&app, "conseiller").await, conseillers, "the funded post stays");
        assert_eq!(compter(&app, "activite").await, activites, "the activity figures stay");
        let poste = maillage::poste::entity::conseiller::Entity::find().one(&app.db).await.unwrap().unwrap();
        let personne = utilisateur::Entity::find_by_id(poste.utilisateur_id).one(&app.db).await.unwrap().unwrap();
        assert_eq!((personne.prenom.as_str(), personne.nom.as_str()), ("Personne", "effacée"));
        assert!(!personne.email.contains("iroise"));
    }

    async fn data_past_its_retention_period_is_purged(app) {
        let ines = utilisateur::Entity::find().filter(utilisateur::Column::Email.eq(INES)).one(&app.db).await.unwrap().unwrap();
        let maintenant = Utc::now();
        for (id, expire) in [("vieille", maintenant - Duration::days(40)), ("recente", maintenant - Duration::days(2))] {
            session::ActiveModel {
                id: Set(id.to_owned()),
                utilisateur_id: Set(ines.id),
                role_utilisateur_id: Set(None),
                cree_le: Set(expire - Duration::hours(12)),
                expire_le: Set(expire),
                id_token_proconnect: Set(None),
                acr: Set(None),
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
        for cree in [maintenant - Duration::days(400), maintenant - Duration::days(3)] {
            notification::ActiveModel {
                id: NotSet,
                utilisateur_id: Set(ines.id),
                titre: Set("Titre".to_owned()),
                message: Set("Message".to_owned()),
                lien: Set("/".to_owned()),
                lue: Set(true),
                cree_le: Set(cree),
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
        let retention = maillage::settings::Settings::defaults().unwrap().retention;
        // The server's hourly job purges at start too and may get there first: check what is left.
        maillage::rgpd::service::purger(&app.db, &retention, maintenant).await.unwrap();
        assert!(session::Entity::find_by_id("vieille".to_owned()).one(&app.db).await.unwrap().is_none());
        assert!(session::Entity::find_by_id("recente".to_owned()).one(&app.db).await.unwrap().is_some());
        let restantes = notification::Entity::find()
            .filter(notification::Column::UtilisateurId.eq(ines.id))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(restantes.len(), 1, "the 400-day-old notification is gone, the recent one stays");
        assert!(restantes[0].cree_le > maintenant - Duration::days(10));
        let encore = maillage::rgpd::service::purger(&app.db, &retention, maintenant).await.unwrap();
        assert_eq!(encore, maillage::rgpd::service::Purge::default(), "run again, nothing more");
    }
}

on_both_engines! {
    async fn the_legal_pages_read_this_instances_host_and_retention_periods_from_its_settings(app) with |settings| {
        settings.retention.sessions_jours = 7;
        settings.retention.courriels_envoyes_jours = 45;
        settings.mentions.hebergeur = "Hébergeur d’essai, 1 rue de l’Exemple, 29200 Brest".to_owned();
    } {
        let informations = app
            .data(
                "{ informationsLegales { hebergeur validiteLienAdresseHeures validiteLienMotDePasseHeures
                    dureesDeConservation { sessionsJours notificationsJours courrielsEnvoyesJours tentativesConnexionJours } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            informations["informationsLegales"],
            json!({
                "hebergeur": "Hébergeur d’essai, 1 rue de l’Exemple, 29200 Brest",
                "validiteLienAdresseHeures": 24,
                "validiteLienMotDePasseHeures": 1,
                "dureesDeConservation": { "sessionsJours": 7, "notificationsJours": 365, "courrielsEnvoyesJours": 45, "tentativesConnexionJours": 1 }
            })
        );
    }
}
