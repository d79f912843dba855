//! The coordinator's team, on SQLite and PostgreSQL: Yann, coordinator on Brest Métropole, invites
//! médiateurs numériques from outside the programme by email; they accept (creating their account, or with
//! the one they have), decline, are sent the invitation again, leave or are taken off the team, and the
//! team's history keeps it all. A conseiller whose contract ended leaves the team and its past activity
//! stays in the figures. No person appears twice.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::{Duration, Utc};
use common::TestApp;
use common::parcours::*;
use maillage::equipe::entity::invitation;
use maillage::notification::entity::email_sortant;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

const INVITER: &str = "mutation($i: InvitationEntree!) { inviterMediateur(invitation: $i) {
    id email statut envois expiree } }";
const INVITATIONS: &str = "{ mesInvitations { id email statut envois expiree partiLe motifDepart } }";
const EQUIPE: &str =
    "{ monEquipe { origine prenom nom structure communeCode conseillerId invitationId arriveLe } }";
const HISTORIQUE: &str = "{ historiqueEquipe { date personne origine arrivee motif } }";
const LIRE: &str = "query($j: String!) { invitation(jeton: $j) {
    prenom email statut expiree coordinateur porteuse departementCode compteExistant } }";
const ACCEPTER: &str =
    "mutation($j: String!, $c: CompteInviteEntree) { accepterInvitation(jeton: $j, compte: $c) {
    email roleActif { role } } }";
const REFUSER: &str = "mutation($j: String!) { refuserInvitation(jeton: $j) }";
const RENVOYER: &str = "mutation($id: ID!) { renvoyerInvitation(id: $id) { statut envois } }";

fn mediateur(email: &str, prenom: &str) -> Value {
    json!({ "i": { "email": email, "prenom": prenom, "nom": "Le Bris", "structure": "Médiathèque de Brest",
        "communeCode": "29019" } })
}

/// The secret of the latest invitation link emailed to `email` (the person opens the email).
async fn lien_recu(app: &TestApp, email: &str) -> String {
    let courriel = email_sortant::Entity::find()
        .filter(email_sortant::Column::Destinataire.eq(email))
        .order_by_desc(email_sortant::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no email to {email}"));
    let debut = courriel.corps.find("/invitation/").expect("a link in the email") + "/invitation/".len();
    courriel.corps[debut..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// Moves an invitation's last sending back in time (its link's age and the resend delay count from it).
async fn vieillir(app: &TestApp, email: &str, jours: i64) {
    let ligne = invitation::Entity::find()
        .filter(invitation::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let envoyee_le = ligne.envoyee_le - Duration::days(jours);
    let mut ligne = ligne.into_active_model();
    ligne.envoyee_le = Set(envoyee_le);
    ligne.update(&app.db).await.unwrap();
}

fn prenoms(equipe: &Value) -> Vec<String> {
    equipe["monEquipe"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["prenom"].as_str().unwrap().to_owned())
        .collect()
}

on_both_engines! {
    async fn a_mediateur_invited_by_email_creates_an_account_and_joins_the_team(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let envoyee = coordinateur.data(INVITER, mediateur("Gwen@Exemple.fr", "Gwen")).await["inviterMediateur"].clone();
        assert_eq!([&envoyee["email"], &envoyee["statut"], &envoyee["envois"]], [&json!("gwen@exemple.fr"), &json!("ENVOYEE"), &json!(1)]);

        // The link of the email, whole (it is opened from a mailbox), read without an account.
        let jeton = lien_recu(&app, "gwen@exemple.fr").await;
        let courriel = email_sortant::Entity::find()
            .filter(email_sortant::Column::Destinataire.eq("gwen@exemple.fr"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(courriel.corps.contains(&format!("http://localhost:8080/invitation/{jeton}")), "{}", courriel.corps);
        let lue = app.data(LIRE, json!({ "j": jeton })).await["invitation"].clone();
        assert_eq!(lue["coordinateur"], "Yann Conseiller-Iroise");
        assert_eq!([&lue["statut"], &lue["expiree"], &lue["compteExistant"]], [&json!("ENVOYEE"), &json!(false), &json!(false)]);
        assert_eq!(lue["departementCode"], "29");
        // A made-up link reads nothing.
        assert_eq!(app.error_code(LIRE, json!({ "j": "0123456789abcdef" })).await, "NOT_FOUND");

        // Accepting creates the account of the invited address, logged in as médiateur.
        let gwen = app.navigateur();
        assert_eq!(gwen.error_code(ACCEPTER, json!({ "j": jeton })).await, "UNAUTHENTICATED", "an account is needed");
        assert_eq!(
            gwen.error_code(ACCEPTER, json!({ "j": jeton, "c": { "prenom": "Gwen", "nom": "Le Bris", "motDePasse": "court" } })).await,
            "INVALID_INPUT"
        );
        let moi = gwen
            .data(ACCEPTER, json!({ "j": jeton, "c": { "prenom": "Gwen", "nom": "Le Bris", "motDePasse": "un mot de passe long" } }))
            .await["accepterInvitation"].clone();
        assert_eq!([&moi["email"], &moi["roleActif"]["role"]], [&json!("gwen@exemple.fr"), &json!("MEDIATEUR")]);
        let equipes = gwen.data("{ mesEquipes { coordinateur porteuse statut arriveLe } }", json!({})).await;
        assert_eq!(equipes["mesEquipes"][0]["coordinateur"], "Yann Conseiller-Iroise");
        assert_eq!(equipes["mesEquipes"][0]["statut"], "ACCEPTEE");
        // The link works once.
        assert_eq!(app.error_code(LIRE, json!({ "j": jeton })).await, "NOT_FOUND");

        // Gwen is in the team, as médiatrice, beside the two conseillers; the coordinator was told.
        let equipe = coordinateur.data(EQUIPE, json!({})).await;
        assert_eq!(prenoms(&equipe), ["Yann", "Gwen"], "by name: Conseiller-Iroise, Le Bris");
        let gwen_membre = &equipe["monEquipe"][1];
        assert_eq!([&gwen_membre["origine"], &gwen_membre["structure"], &gwen_membre["communeCode"]],
            [&json!("MEDIATEUR"), &json!("Médiathèque de Brest"), &json!("29019")]);
        assert_eq!(gwen_membre["conseillerId"], Value::Null);
        assert_eq!(gwen_membre["arriveLe"], maillage_shared::jour::jour_en_metropole(Utc::now()).to_string());
        let notifications = coordinateur.data("{ mesNotifications { titre } }", json!({})).await;
        assert!(notifications.to_string().contains("Gwen Le Bris a rejoint votre équipe"), "{notifications}");
        let invitations = coordinateur.data(INVITATIONS, json!({})).await;
        assert_eq!(invitations["mesInvitations"][0]["statut"], "ACCEPTEE");

        // The team export has her too.
        let (statut, _, csv) = coordinateur.telecharger("/exports/equipe.csv").await;
        assert_eq!(statut, 200);
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("Gwen;Le Bris;Médiateur numérique (hors dispositif);Médiathèque de Brest;Brest;29019"), "{csv}");

        // Reminders go to conseillers only: a médiateur owes the programme no activity report.
        assert_eq!(coordinateur.data("mutation { relancerEquipe }", json!({})).await["relancerEquipe"], 1);
        let rappels = gwen.data("{ mesNotifications { titre } }", json!({})).await;
        assert_eq!(rappels["mesNotifications"], json!([]));
    }

    async fn an_invitation_declined_is_resent_once_a_day_with_a_new_link_and_expires_after_thirty_days(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let id = coordinateur.data(INVITER, mediateur("erwan@exemple.fr", "Erwan")).await["inviterMediateur"]["id"].clone();
        let premier = lien_recu(&app, "erwan@exemple.fr").await;
        assert_eq!(app.data(REFUSER, json!({ "j": premier })).await["refuserInvitation"], true);
        assert_eq!(app.error_code(REFUSER, json!({ "j": premier })).await, "NOT_FOUND", "answered once");
        let invitations = coordinateur.data(INVITATIONS, json!({})).await;
        assert_eq!(invitations["mesInvitations"][0]["statut"], "REFUSEE");
        let notifications = coordinateur.data("{ mesNotifications { titre } }", json!({})).await;
        assert!(notifications.to_string().contains("Erwan Le Bris a décliné votre invitation"), "{notifications}");
        assert_eq!(prenoms(&coordinateur.data(EQUIPE, json!({})).await), ["Yann"]);

        // Resent: not twice the same day, then with a new link.
        let reponse = coordinateur.graphql(RENVOYER, json!({ "id": id })).await;
        assert_eq!(reponse["errors"][0]["extensions"]["code"], "RATE_LIMITED", "{reponse}");
        assert!(reponse["errors"][0]["extensions"]["retryAfter"].as_u64().unwrap() > 23 * 3600);
        vieillir(&app, "erwan@exemple.fr", 1).await;
        let renvoyee = coordinateur.data(RENVOYER, json!({ "id": id })).await["renvoyerInvitation"].clone();
        assert_eq!([&renvoyee["statut"], &renvoyee["envois"]], [&json!("ENVOYEE"), &json!(2)]);
        let second = lien_recu(&app, "erwan@exemple.fr").await;
        assert_ne!(second, premier);
        assert_eq!(app.error_code(LIRE, json!({ "j": premier })).await, "NOT_FOUND", "the old link is dead");

        // Thirty days later the link has expired: it says so, and accepting is refused.
        vieillir(&app, "erwan@exemple.fr", 31).await;
        assert_eq!(app.data(LIRE, json!({ "j": second })).await["invitation"]["expiree"], true);
        assert_eq!(coordinateur.data(INVITATIONS, json!({})).await["mesInvitations"][0]["expiree"], true);
        let erwan = app.navigateur();
        assert_eq!(
            erwan.error_code(ACCEPTER, json!({ "j": second, "c": { "prenom": "Erwan", "nom": "Le Bris", "motDePasse": "un mot de passe long" } })).await,
            "INVALID_INPUT"
        );
        use maillage::compte::entity::utilisateur;
        let comptes = utilisateur::Entity::find().filter(utilisateur::Column::Email.eq("erwan@exemple.fr")).count(&app.db).await.unwrap();
        assert_eq!(comptes, 0, "a refused acceptance creates no account");
    }

    async fn no_person_appears_twice_and_bad_invitations_change_nothing(app) {
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        drop(conseillere);
        coordinateur.data(INVITER, mediateur("gwen@exemple.fr", "Gwen")).await;
        let avant = invitation::Entity::find().count(&app.db).await.unwrap();
        // Lou is a conseillère of the perimeter: already in the team.
        assert_eq!(coordinateur.error_code(INVITER, mediateur("lou@exemple.fr", "Lou")).await, "CONFLICT");
        // The same address again: resend instead.
        assert_eq!(coordinateur.error_code(INVITER, mediateur("GWEN@exemple.fr", "Gwen")).await, "CONFLICT");
        assert_eq!(coordinateur.error_code(INVITER, mediateur("conseiller.iroise@demo.maillage.fr", "Yann")).await, "INVALID_INPUT");
        assert_eq!(coordinateur.error_code(INVITER, mediateur("pas-une-adresse", "X")).await, "INVALID_INPUT");
        let mut rennes = mediateur("anne@exemple.fr", "Anne");
        rennes["i"]["communeCode"] = json!("35238");
        assert_eq!(coordinateur.error_code(INVITER, rennes).await, "INVALID_INPUT", "Rennes is not in Brest Métropole");
        let mut sans_structure = mediateur("anne@exemple.fr", "Anne");
        sans_structure["i"]["structure"] = json!("  ");
        assert_eq!(coordinateur.error_code(INVITER, sans_structure).await, "INVALID_INPUT");
        assert_eq!(invitation::Entity::find().count(&app.db).await.unwrap(), avant, "nothing written");

        // Only a coordinator invites; only the invited address accepts.
        let structure = app.connecte(STRUCTURE).await;
        assert_eq!(structure.error_code(INVITER, mediateur("anne@exemple.fr", "Anne")).await, "FORBIDDEN");
        assert_eq!(structure.error_code(INVITATIONS, json!({})).await, "FORBIDDEN");
        let jeton = lien_recu(&app, "gwen@exemple.fr").await;
        assert_eq!(structure.error_code(ACCEPTER, json!({ "j": jeton })).await, "FORBIDDEN");
        assert_eq!(app.data(LIRE, json!({ "j": jeton })).await["invitation"]["statut"], "ENVOYEE", "still awaiting");
        // Another coordinator's invitation cannot be resent from here.
        assert_eq!(coordinateur.error_code(RENVOYER, json!({ "id": "999999" })).await, "NOT_FOUND");
    }

    async fn a_person_with_an_account_logs_in_to_accept_and_acts_as_mediateur(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        // The préfecture's agent also runs a médiation workshop on her own time.
        coordinateur.data(INVITER, mediateur(PREFECTURE_29, "Morgane")).await;
        let jeton = lien_recu(&app, PREFECTURE_29).await;
        assert_eq!(app.data(LIRE, json!({ "j": jeton })).await["invitation"]["compteExistant"], true);
        let anonyme = app.navigateur();
        assert_eq!(
            anonyme.error_code(ACCEPTER, json!({ "j": jeton, "c": { "prenom": "M", "nom": "X", "motDePasse": "un mot de passe long" } })).await,
            "EMAIL_TAKEN"
        );
        let agent = app.connecte(PREFECTURE_29).await;
        let moi = agent.data(ACCEPTER, json!({ "j": jeton })).await["accepterInvitation"].clone();
        assert_eq!(moi["roleActif"]["role"], "MEDIATEUR");
        let roles = agent.data("{ moi { roles { role } } }", json!({})).await;
        assert_eq!(roles["moi"]["roles"].as_array().unwrap().len(), 2, "{roles}");
        assert_eq!(prenoms(&coordinateur.data(EQUIPE, json!({})).await).len(), 2);
    }

    async fn members_leave_with_the_history_kept_and_their_past_activity_counted(app) {
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        for (email, prenom) in [("gwen@exemple.fr", "Gwen"), ("erwan@exemple.fr", "Erwan")] {
            coordinateur.data(INVITER, mediateur(email, prenom)).await;
            let jeton = lien_recu(&app, email).await;
            app.navigateur()
                .data(ACCEPTER, json!({ "j": jeton, "c": { "prenom": prenom, "nom": "Le Bris", "motDePasse": "un mot de passe long" } }))
                .await;
        }
        assert_eq!(prenoms(&coordinateur.data(EQUIPE, json!({})).await), ["Yann", "Lou", "Erwan", "Gwen"], "by name");

        // Gwen leaves on her own, with a word; the coordinator takes Erwan off.
        let gwen = app.navigateur();
        gwen.data(
            "mutation { connexion(email: \"gwen@exemple.fr\", motDePasse: \"un mot de passe long\") { email } }",
            json!({}),
        )
        .await;
        let son_equipe = gwen.data("{ mesEquipes { id } }", json!({})).await["mesEquipes"][0]["id"].clone();
        assert_eq!(
            gwen.data("mutation($id: ID!) { quitterLEquipe(id: $id, motif: \"Départ de Brest\") }", json!({ "id": son_equipe })).await["quitterLEquipe"],
            true
        );
        let erwan_id = coordinateur.data(EQUIPE, json!({})).await["monEquipe"][2]["invitationId"].clone();
        coordinateur
            .data("mutation($id: ID!) { retirerDeLEquipe(id: $id, motif: \"Fin du partenariat\") { statut partiLe } }", json!({ "id": erwan_id }))
            .await;
        assert_eq!(
            coordinateur.error_code("mutation($id: ID!) { retirerDeLEquipe(id: $id) { statut } }", json!({ "id": erwan_id })).await,
            "INVALID_INPUT",
            "already gone"
        );
        let notifications = coordinateur.data("{ mesNotifications { titre } }", json!({})).await;
        assert!(notifications.to_string().contains("Gwen Le Bris a quitté votre équipe"), "{notifications}");

        // Lou records an accompaniment, then her contract ends yesterday.
        conseillere
            .data(
                "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }",
                json!({ "a": { "date": maillage_shared::jour::jour_en_metropole(Utc::now()).to_string(), "typeAccompagnement": "INDIVIDUEL",
                    "canal": "LIEU_DE_PERMANENCE", "themes": ["Aide aux démarches administratives"], "dureeMinutes": 30 } }),
            )
            .await;
        use maillage::poste::entity::conseiller;
        let hier = maillage_shared::jour::jour_en_metropole(Utc::now()) - Duration::days(1);
        let lou = conseiller::Entity::find().filter(conseiller::Column::CommuneCode.eq("29019")).all(&app.db).await.unwrap()
            .into_iter().max_by_key(|c| c.id).unwrap();
        let mut fin = lou.into_active_model();
        fin.contrat_fin = Set(Some(hier));
        fin.update(&app.db).await.unwrap();

        assert_eq!(prenoms(&coordinateur.data(EQUIPE, json!({})).await), ["Yann"]);
        let historique = coordinateur.data(HISTORIQUE, json!({})).await["historiqueEquipe"].clone();
        let departs: Vec<(String, String)> = historique.as_array().unwrap().iter()
            .filter(|m| m["arrivee"] == false)
            .map(|m| (m["personne"].as_str().unwrap().to_owned(), m["motif"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(departs.len(), 3, "{historique}");
        assert!(departs.contains(&("Gwen Le Bris".to_owned(), "Départ de Brest".to_owned())));
        assert!(departs.contains(&("Erwan Le Bris".to_owned(), "Fin du partenariat".to_owned())));
        assert!(departs.contains(&("Lou Kerouac".to_owned(), String::new())));
        let lou_part = historique.as_array().unwrap().iter().find(|m| m["personne"] == "Lou Kerouac").unwrap();
        assert_eq!(lou_part["date"], maillage_shared::jour::jour_en_metropole(Utc::now()).to_string(), "the day after her contract's last day");
        let arrivees = historique.as_array().unwrap().iter().filter(|m| m["arrivee"] == true).count();
        assert_eq!(arrivees, 3, "Gwen, Erwan, and Yann's contract start (Lou's is unknown): {historique}");

        // Lou's accompaniment of this year still counts; the completion rate is over who is in post.
        let agregats = coordinateur.data("{ activiteEquipe { parConseiller { accompagnements } tauxCompletionMois } }", json!({})).await;
        assert_eq!(agregats["activiteEquipe"]["parConseiller"], json!([{ "accompagnements": 1 }]));
        assert_eq!(agregats["activiteEquipe"]["tauxCompletionMois"], 0.0, "Yann, the one in post, has not reported");

        // A former member is invited back.
        vieillir(&app, "gwen@exemple.fr", 1).await;
        let id = gwen.data("{ mesEquipes { id } }", json!({})).await["mesEquipes"][0]["id"].clone();
        assert_eq!(coordinateur.data(RENVOYER, json!({ "id": id })).await["renvoyerInvitation"]["statut"], "ENVOYEE");
    }

    async fn a_mediateur_erasing_its_account_leaves_an_anonymous_trace_in_the_history(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        coordinateur.data(INVITER, mediateur("gwen@exemple.fr", "Gwen")).await;
        let jeton = lien_recu(&app, "gwen@exemple.fr").await;
        let gwen = app.navigateur();
        gwen.data(ACCEPTER, json!({ "j": jeton, "c": { "prenom": "Gwen", "nom": "Le Bris", "motDePasse": "un mot de passe long" } }))
            .await;
        let donnees = gwen.data("{ mesDonnees }", json!({})).await;
        assert!(donnees.to_string().contains("Médiathèque de Brest"), "the invitation is in the export: {donnees}");
        gwen.data("mutation { effacerMonCompte(motDePasse: \"un mot de passe long\") }", json!({})).await;
        let ligne = invitation::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert!(!ligne.email.contains("gwen"), "{ligne:?}");
        assert_eq!(ligne.prenom, "Personne");
        let historique = coordinateur.data(HISTORIQUE, json!({})).await;
        assert!(!historique.to_string().contains("Gwen"), "{historique}");
    }

    async fn email_sending_actions_are_limited_per_coordinator_and_day(app) {
        use maillage::activite::service::RELANCES_PAR_JOUR;
        use maillage::equipe::invitations::ENVOIS_PAR_JOUR;
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        for n in 0..ENVOIS_PAR_JOUR {
            coordinateur.data(INVITER, mediateur(&format!("mediateur{n}@exemple.fr"), "Morgane")).await;
        }
        let refus = coordinateur.graphql(INVITER, mediateur("une-de-trop@exemple.fr", "Trop")).await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "RATE_LIMITED", "{refus}");
        let attente = refus["errors"][0]["extensions"]["retryAfter"].as_u64().unwrap();
        assert!(attente > 86_000 && attente <= 86_400, "{attente}");
        let envoyes = email_sortant::Entity::find()
            .filter(email_sortant::Column::Destinataire.eq("une-de-trop@exemple.fr"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(envoyes, 0, "the refused invitation sends nothing");

        for _ in 0..RELANCES_PAR_JOUR {
            coordinateur.data("mutation { relancerEquipe }", json!({})).await;
        }
        assert_eq!(coordinateur.error_code("mutation { relancerEquipe }", json!({})).await, "RATE_LIMITED");
    }

    async fn reminders_sent_at_once_cannot_pass_the_limit_together(app) {
        use maillage::activite::service::RELANCES_PAR_JOUR;
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let reponses = futures::future::join_all(
            (0..RELANCES_PAR_JOUR + 4).map(|_| coordinateur.graphql("mutation { relancerEquipe }", json!({}))),
        )
        .await;
        let passees = reponses.iter().filter(|reponse| reponse.get("errors").is_none()).count();
        assert_eq!(passees, RELANCES_PAR_JOUR, "{reponses:?}");
        assert!(reponses.iter().filter(|r| r.get("errors").is_some()).all(|r| r["errors"][0]["extensions"]["code"] == "RATE_LIMITED"), "{reponses:?}");
    }

    async fn the_data_export_of_an_invited_address_never_hands_out_its_link(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        coordinateur.data(INVITER, mediateur("gwen@exemple.fr", "Gwen")).await;
        let courriel = email_sortant::Entity::find()
            .filter(email_sortant::Column::Destinataire.eq("gwen@exemple.fr"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let jeton = courriel.corps.split("/invitation/").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
        assert!(jeton.len() >= 32, "{jeton}");
        // Someone registers an account with the invited address and asks for its data.
        let inconnu = app.navigateur();
        inconnu
            .data(
                "mutation($e: InscriptionCandidatEntree!) { inscriptionCandidat(entree: $e) { email } }",
                json!({ "e": { "email": "gwen@exemple.fr", "motDePasse": "un mot de passe long", "prenom": "Gwen", "nom": "X",
                    "profil": { "communeCode": "29019", "rayonKm": 10, "visible": false } } }),
            )
            .await;
        let donnees = inconnu.data("{ mesDonnees }", json!({})).await["mesDonnees"].to_string();
        assert!(donnees.contains("[lien personnel retiré]"), "{donnees}");
        assert!(!donnees.contains(&jeton), "the invitation's token is not in the export");
    }
}

/// Sets the end of Lou's contract (the conseillère of Brest of `equipe_de_brest`).
async fn fin_du_contrat_de_lou(app: &TestApp, fin: chrono::NaiveDate) {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
    let lou = maillage::compte::entity::utilisateur::Entity::find()
        .filter(maillage::compte::entity::utilisateur::Column::Email.eq("lou@exemple.fr"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let contrat = maillage::poste::entity::conseiller::Entity::find()
        .filter(maillage::poste::entity::conseiller::Column::UtilisateurId.eq(lou.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut contrat: maillage::poste::entity::conseiller::ActiveModel = contrat.into();
    contrat.contrat_fin = Set(Some(fin));
    contrat.update(&app.db).await.unwrap();
}

async fn alertes_de_fin(coordinateur: &common::Client) -> Vec<String> {
    coordinateur
        .data("{ mesNotifications { titre message } }", json!({}))
        .await["mesNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["titre"] == "Fin de contrat dans deux mois")
        .map(|n| n["message"].as_str().unwrap().to_owned())
        .collect()
}

on_both_engines! {
    async fn the_coordinator_is_warned_once_two_months_before_a_conseillers_contract_ends(app) {
        let (coordinateur, _) = equipe_de_brest(&app).await;
        let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now());
        // Three months ahead: not yet.
        fin_du_contrat_de_lou(&app, aujourd_hui + chrono::Days::new(90)).await;
        assert_eq!(maillage::equipe::fins_de_contrat::signaler(&app.db, aujourd_hui).await.unwrap(), 0);
        assert!(alertes_de_fin(&coordinateur).await.is_empty());

        // Within two months: the coordinator of Brest Métropole is told, once however often the job runs.
        let fin = aujourd_hui + chrono::Days::new(50);
        fin_du_contrat_de_lou(&app, fin).await;
        assert_eq!(maillage::equipe::fins_de_contrat::signaler(&app.db, aujourd_hui).await.unwrap(), 1);
        assert_eq!(maillage::equipe::fins_de_contrat::signaler(&app.db, aujourd_hui).await.unwrap(), 0);
        assert_eq!(
            maillage::equipe::fins_de_contrat::signaler(&app.db, aujourd_hui + chrono::Days::new(10)).await.unwrap(),
            0
        );
        let alertes = alertes_de_fin(&coordinateur).await;
        assert_eq!(alertes.len(), 1, "{alertes:?}");
        assert!(alertes[0].contains("Lou Kerouac"), "{}", alertes[0]);
        assert!(alertes[0].contains(&fin.format("%d/%m/%Y").to_string()), "{}", alertes[0]);
        assert!(app.dernier_courriel("conseiller.iroise@demo.maillage.fr").await.contains("Lou Kerouac"));

        // A renewed contract that ends again is warned about again; a past end is not.
        fin_du_contrat_de_lou(&app, aujourd_hui + chrono::Days::new(20)).await;
        assert_eq!(maillage::equipe::fins_de_contrat::signaler(&app.db, aujourd_hui).await.unwrap(), 1);
        fin_du_contrat_de_lou(&app, aujourd_hui - chrono::Days::new(1)).await;
        assert_eq!(maillage::equipe::fins_de_contrat::signaler(&app.db, aujourd_hui).await.unwrap(), 0);
        assert_eq!(alertes_de_fin(&coordinateur).await.len(), 2);
    }
}

const EMPLOYEURS: &str = "{ employeursDeMonTerritoire { nom siret communeCode commune
    conseillers { prenom nom email communeCode contratFin } contacts { email } } }";

on_both_engines! {
    async fn a_coordinator_lists_the_employers_of_its_territory_with_their_conseillers(app) {
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        let employeurs = coordinateur.data(EMPLOYEURS, json!({})).await["employeursDeMonTerritoire"].clone();
        assert_eq!(employeurs.as_array().unwrap().len(), 1, "{employeurs}");
        let iroise = &employeurs[0];
        assert_eq!(iroise["nom"], "Association Iroise Numérique (démo)");
        assert_eq!(iroise["siret"], "90000000000019");
        assert_eq!(iroise["commune"], "Brest");
        let noms: Vec<&str> = iroise["conseillers"].as_array().unwrap().iter().map(|c| c["nom"].as_str().unwrap()).collect();
        assert_eq!(noms, ["Conseiller-Iroise", "Kerouac"], "by name");
        assert!(iroise["contacts"].as_array().unwrap().iter().any(|c| c["email"] == STRUCTURE), "{iroise}");

        // A conseillère whose contract ended is no longer listed.
        fin_du_contrat_de_lou(&app, maillage_shared::jour::jour_en_metropole(Utc::now()) - chrono::Days::new(1)).await;
        let employeurs = coordinateur.data(EMPLOYEURS, json!({})).await["employeursDeMonTerritoire"].clone();
        assert_eq!(employeurs[0]["conseillers"].as_array().unwrap().len(), 1);

        // Only a coordinator in post reads them.
        assert_eq!(conseillere.error_code(EMPLOYEURS, json!({})).await, "FORBIDDEN");
        assert_eq!(app.connecte(STRUCTURE).await.error_code(EMPLOYEURS, json!({})).await, "FORBIDDEN");
        assert_eq!(app.connecte(PREFECTURE_29).await.error_code(EMPLOYEURS, json!({})).await, "FORBIDDEN");
    }
}
