//! Logging in with ProConnect, against a real OpenID provider configured like it (`oidc-provider` on
//! loopback, see `maillage_harness::proconnect`), on SQLite and PostgreSQL: the first login of an invited
//! agent, an account bound by its proven address and never by an unproven one, an identity without an
//! account, a return with another state or twice, a replayed code, a token for another nonce, an expired
//! token, the logout through the provider with the ID token, a conseiller the programme's file brought in,
//! and a person asking to join the structure of their SIRET.

use maillage_harness::proconnect::{Navigateur, app_avec_proconnect, personne};
use maillage_harness::{Engine, parcours};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::{Value, json};

/// Runs a test written as `async fn(Engine)` on both engines.
macro_rules! sur_les_deux_moteurs {
    ($($nom:ident;)*) => {$(
        mod $nom {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$nom(maillage_harness::Engine::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$nom(maillage_harness::Engine::Postgres).await
            }
        }
    )*};
}

const MOI: &str = "{ moi { email prenom nom viaProConnect roleActif { role departementCode } } }";

fn comptes() -> Value {
    json!({
        "agnes": personne("agnes.martin@ille-et-vilaine.gouv.fr", "Agnès", "Martin", "17350001800014"),
        "paul": personne("prefecture29@demo.maillage.fr", "Paul", "Préfecture-Finistère", "17290001800014"),
        "lea": personne("lea@exemple.fr", "Léa", "Martin", "13002603200016"),
        "inconnue": personne("personne@ailleurs.gouv.fr", "Ines", "Ailleurs", "17750001800014"),
        "yannick": personne("yannick.le-gall@exemple.fr", "Yannick", "Le Gall", "90000000000019"),
        "tom": personne("tom@iroise-numerique.fr", "Tom", "Kerjean", "90000000000019"),
        "zoe": personne("zoe@iroise-numerique.fr", "Zoé", "Abgrall", "90000000000019"),
    })
}

async fn an_invited_agent_logs_in_with_proconnect_and_holds_her_role(engine: Engine) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    assert_eq!(
        app.data("{ proConnect }", json!({})).await["proConnect"],
        true,
        "the button is shown"
    );
    app.connecte(parcours::ANCT)
        .await
        .data(
            "mutation { inviterAgent(email: \"agnes.martin@ille-et-vilaine.gouv.fr\", role: PREFECTURE, departementCode: \"35\") { id } }",
            json!({}),
        )
        .await;

    let navigateur = Navigateur::new(&app);
    assert_eq!(
        navigateur.se_connecter("agnes").await,
        format!("{}/espace", app.address),
        "her space, logged in"
    );
    let moi = navigateur.client().data(MOI, json!({})).await;
    assert_eq!(
        moi["moi"],
        json!({ "email": "agnes.martin@ille-et-vilaine.gouv.fr", "prenom": "Agnès", "nom": "Martin", "viaProConnect": true,
            "roleActif": { "role": "PREFECTURE", "departementCode": "35" } })
    );
    // The assurance level is recorded with the session and in the audit log; the account has no password.
    let ligne = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT s.acr, u.mot_de_passe, u.proconnect_sub FROM session s JOIN utilisateur u ON u.id = s.utilisateur_id \
             WHERE u.email = 'agnes.martin@ille-et-vilaine.gouv.fr'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ligne.try_get::<Option<String>>("", "acr").unwrap().as_deref(),
        Some("eidas1")
    );
    assert_eq!(ligne.try_get::<String>("", "mot_de_passe").unwrap(), "");
    assert_eq!(
        ligne
            .try_get::<Option<String>>("", "proconnect_sub")
            .unwrap()
            .as_deref(),
        Some("agnes")
    );
    let journal =
        navigateur.client().data("{ mesDonnees }", json!({})).await["mesDonnees"]["journal"].to_string();
    assert!(
        journal.contains("connexionProConnect") && journal.contains("acr=eidas1"),
        "{journal}"
    );

    // The second time, the identity finds its account (no invitation needed any more).
    let encore = Navigateur::new(&app);
    encore.se_connecter("agnes").await;
    assert_eq!(
        encore.client().data(MOI, json!({})).await["moi"]["roleActif"]["role"],
        "PREFECTURE"
    );

    // Logging in from a page reserved to connected people comes back to it; never to another site.
    assert_eq!(
        Navigateur::new(&app)
            .se_connecter_pour("agnes", "/tableau-de-bord?departement=35")
            .await,
        format!("{}/tableau-de-bord?departement=35", app.address)
    );
    for ailleurs in [
        "//ailleurs.example/piege",
        "https://ailleurs.example/",
        "/connexion",
    ] {
        assert_eq!(
            Navigateur::new(&app).se_connecter_pour("agnes", ailleurs).await,
            format!("{}/espace", app.address),
            "{ailleurs}"
        );
    }
}

async fn an_account_with_a_proven_address_is_bound_and_one_never_proven_is_not(engine: Engine) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    // The demo préfecture agent proved her address: ProConnect's identity with it is bound to her account.
    let navigateur = Navigateur::new(&app);
    navigateur.se_connecter("paul").await;
    let moi = navigateur.client().data(MOI, json!({})).await;
    assert_eq!(
        moi["moi"]["roleActif"],
        json!({ "role": "PREFECTURE", "departementCode": "29" })
    );

    // Léa registered with a password and never opened the link sent to her: her address binds nothing.
    parcours::StructureBuilder::new()
        .email("lea@exemple.fr")
        .inscrire_sans_verifier(&app)
        .await;
    let intruse = Navigateur::new(&app);
    assert!(
        intruse
            .se_connecter("lea")
            .await
            .ends_with("/connexion?proconnect=sans-compte")
    );
    assert_eq!(
        intruse.client().data("{ moi { email } }", json!({})).await["moi"],
        Value::Null
    );
    let lea = maillage::compte::entity::utilisateur::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "lea@exemple.fr")
        .unwrap();
    assert_eq!(lea.proconnect_sub, None, "not bound");
}

async fn an_identity_without_account_nor_invitation_is_refused_and_creates_nothing(engine: Engine) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    let avant = maillage::compte::entity::utilisateur::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();
    let navigateur = Navigateur::new(&app);
    assert!(
        navigateur
            .se_connecter("inconnue")
            .await
            .ends_with("/connexion?proconnect=sans-compte")
    );
    assert_eq!(
        navigateur.client().data("{ moi { email } }", json!({})).await["moi"],
        Value::Null
    );
    let apres = maillage::compte::entity::utilisateur::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(avant, apres);
}

async fn a_return_with_another_state_from_another_browser_or_twice_is_refused(engine: Engine) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    let navigateur = Navigateur::new(&app);
    let retour = navigateur.jusqu_au_retour("paul").await;
    let (_, ailleurs) = Navigateur::new(&app).aller(&retour).await;
    assert!(
        ailleurs.ends_with("/connexion?proconnect=etat"),
        "another browser: {ailleurs}"
    );
    let etat = retour
        .split("state=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let faux = retour.replace(&etat, &"0".repeat(64));
    assert!(
        navigateur
            .aller(&faux)
            .await
            .1
            .ends_with("/connexion?proconnect=etat"),
        "another state"
    );

    // The state is taken at the first return: the same return again is refused.
    let navigateur = Navigateur::new(&app);
    let retour = navigateur.jusqu_au_retour("paul").await;
    assert_eq!(
        navigateur.aller(&retour).await.1,
        format!("{}/espace", app.address)
    );
    navigateur
        .client()
        .data("mutation { deconnexion }", json!({}))
        .await;
    assert!(
        navigateur
            .aller(&retour)
            .await
            .1
            .ends_with("/connexion?proconnect=etat"),
        "twice"
    );
    assert_eq!(
        navigateur.client().data("{ moi { email } }", json!({})).await["moi"],
        Value::Null
    );
}

async fn a_replayed_code_is_refused(engine: Engine) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    let navigateur = Navigateur::new(&app);
    let premier = navigateur.jusqu_au_retour("paul").await;
    assert_eq!(
        navigateur.aller(&premier).await.1,
        format!("{}/espace", app.address)
    );
    navigateur
        .client()
        .data("mutation { deconnexion }", json!({}))
        .await;
    // A new login of the same browser (a fresh state), returning with the first, spent, code.
    let second = navigateur.jusqu_au_retour("paul").await;
    let code = |url: &str| {
        url.split("code=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_owned()
    };
    let rejoue = second.replace(&code(&second), &code(&premier));
    assert!(
        navigateur
            .aller(&rejoue)
            .await
            .1
            .ends_with("/connexion?proconnect=verification")
    );
    assert_eq!(
        navigateur.client().data("{ moi { email } }", json!({})).await["moi"],
        Value::Null
    );
}

async fn a_token_issued_for_another_nonce_is_refused(engine: Engine) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    let navigateur = Navigateur::new(&app);
    let retour = navigateur.jusqu_au_retour("paul").await;
    // As if the code had been injected into another login: the login's nonce is not the token's.
    app.db
        .execute_unprepared(&format!(
            "UPDATE connexion_proconnect SET nonce = '{}'",
            "a".repeat(64)
        ))
        .await
        .unwrap();
    assert!(
        navigateur
            .aller(&retour)
            .await
            .1
            .ends_with("/connexion?proconnect=verification")
    );
    assert_eq!(
        navigateur.client().data("{ moi { email } }", json!({})).await["moi"],
        Value::Null
    );
}

async fn an_expired_id_token_is_refused(engine: Engine) {
    // The provider's clock is five minutes behind: its ID tokens (a minute long) expired by Maillage's clock,
    // while its own cookies (ten minutes) still hold.
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), true, |_| {}).await;
    let navigateur = Navigateur::new(&app);
    let retour = navigateur.jusqu_au_retour("paul").await;
    assert!(
        navigateur
            .aller(&retour)
            .await
            .1
            .ends_with("/connexion?proconnect=verification")
    );
}

async fn logging_out_ends_the_session_here_then_at_proconnect_with_the_id_token(engine: Engine) {
    let (app, fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    let navigateur = Navigateur::new(&app);
    navigateur.se_connecter("paul").await;
    let (statut, fin) = navigateur
        .aller(&format!("{}/auth/proconnect/deconnexion", app.address))
        .await;
    assert_eq!(statut, 303);
    assert!(
        fin.starts_with(&format!("{}/session/end?", fournisseur.issuer)),
        "{fin}"
    );
    for parametre in ["id_token_hint=", "post_logout_redirect_uri=", "state="] {
        assert!(fin.contains(parametre), "{parametre} in {fin}");
    }
    assert_eq!(
        navigateur.client().data("{ moi { email } }", json!({})).await["moi"],
        Value::Null,
        "ended here at once"
    );

    // The provider asks to confirm, then comes back with the state.
    let page = navigateur
        .http
        .get(&fin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let xsrf = page
        .split("name=\"xsrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let reponse = navigateur
        .http
        .post(format!("{}/session/end/confirm", fournisseur.issuer))
        .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!("xsrf={xsrf}&logout=yes"))
        .send()
        .await
        .unwrap();
    let retour = reponse.headers()[reqwest::header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        retour.starts_with(&format!("{}/auth/proconnect/deconnecte?state=", app.address)),
        "{retour}"
    );
    assert_eq!(navigateur.aller(&retour).await.1, format!("{}/", app.address));
}

async fn without_settings_there_is_no_button_and_no_route(engine: Engine) {
    let app = maillage_harness::TestApp::spawn(engine).await;
    assert_eq!(app.data("{ proConnect }", json!({})).await["proConnect"], false);
    let (statut, _) = Navigateur::new(&app)
        .aller(&format!("{}/auth/proconnect", app.address))
        .await;
    assert_eq!(statut, 404);
}

sur_les_deux_moteurs! {
    an_invited_agent_logs_in_with_proconnect_and_holds_her_role;
    an_account_with_a_proven_address_is_bound_and_one_never_proven_is_not;
    an_identity_without_account_nor_invitation_is_refused_and_creates_nothing;
    a_return_with_another_state_from_another_browser_or_twice_is_refused;
    a_replayed_code_is_refused;
    a_token_issued_for_another_nonce_is_refused;
    an_expired_id_token_is_refused;
    logging_out_ends_the_session_here_then_at_proconnect_with_the_id_token;
    without_settings_there_is_no_button_and_no_route;
}

async fn a_deactivated_account_does_not_log_in_with_proconnect(engine: Engine) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    let anct = app.connecte(parcours::ANCT).await;
    let roles = anct
        .data("{ rolesAdministres { email compteId } }", json!({}))
        .await;
    let compte = roles["rolesAdministres"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == parcours::PREFECTURE_29)
        .unwrap()["compteId"]
        .clone();
    anct.data(
        "mutation($c: ID!) { desactiverCompte(compteId: $c) }",
        json!({ "c": compte }),
    )
    .await;
    let navigateur = Navigateur::new(&app);
    assert!(
        navigateur
            .se_connecter("paul")
            .await
            .ends_with("/connexion?proconnect=desactive")
    );
    assert_eq!(
        navigateur.client().data("{ moi { email } }", json!({})).await["moi"],
        Value::Null
    );
}

async fn a_conseiller_the_programme_imported_logs_in_with_proconnect_at_the_address_of_the_file(
    engine: Engine,
) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    let fichier = "email;prenom;nom;siret_employeur;type_contrat;debut_contrat;fin_contrat;commune_insee\n\
                   yannick.le-gall@exemple.fr;Yannick;Le Gall;90000000000019;CDI de droit privé;01/03/2026;;29019\n";
    let (statut, _, corps) = app
        .connecte(parcours::ANCT)
        .await
        .televerser("/imports/conseillers", "text/csv", fichier)
        .await;
    assert_eq!(statut, 200, "{corps}");

    // The account the file opened has no password and an address nobody proved yet: ProConnect vouches for
    // the address, and nobody could have used the account before, so it is bound.
    let navigateur = Navigateur::new(&app);
    assert_eq!(
        navigateur.se_connecter("yannick").await,
        format!("{}/espace", app.address)
    );
    let moi = navigateur.client().data(MOI, json!({})).await;
    assert_eq!(moi["moi"]["roleActif"]["role"], "CONSEILLER");
    assert_eq!(moi["moi"]["viaProConnect"], true);
    let compte = maillage::compte::entity::utilisateur::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "yannick.le-gall@exemple.fr")
        .unwrap();
    assert!(
        compte.proconnect_sub.is_some() && compte.adresse_verifiee_le.is_some(),
        "{compte:?}"
    );
}

const DEMANDES: &str = "{ demandesDeRattachement { id email prenom nom } }";
const REPONDRE: &str =
    "mutation($d: ID!, $a: Boolean!) { repondreAUneDemandeDeRattachement(demandeId: $d, accepter: $a) }";

async fn a_person_of_a_registered_structure_asks_to_join_it_and_holds_its_role_once_a_member_accepts(
    engine: Engine,
) {
    let (app, _fournisseur) = app_avec_proconnect(engine, &comptes(), false, |_| {}).await;
    let comptes_avant = maillage::compte::entity::utilisateur::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();

    // Tom has no account nor invitation; ProConnect gives the SIRET of Iroise Numérique: he asks to join it.
    let tom = Navigateur::new(&app);
    assert!(
        tom.se_connecter("tom")
            .await
            .ends_with("/connexion?proconnect=demande-envoyee")
    );
    assert_eq!(
        tom.client().data("{ moi { email } }", json!({})).await["moi"],
        Value::Null
    );
    let membre = app.connecte(parcours::STRUCTURE).await;
    let demandes = membre.data(DEMANDES, json!({})).await;
    assert_eq!(
        demandes["demandesDeRattachement"][0]
            .as_object()
            .map(|d| (d["email"].clone(), d["prenom"].clone())),
        Some((json!("tom@iroise-numerique.fr"), json!("Tom")))
    );
    let notifications = membre
        .data("{ mesNotifications { titre lien } }", json!({}))
        .await;
    assert!(
        notifications["mesNotifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["lien"] == "/agents"
                && n["titre"].as_str().unwrap().contains("rejoindre votre structure")),
        "{notifications}"
    );
    // Asking again while it waits adds nothing.
    Navigateur::new(&app).se_connecter("tom").await;
    assert_eq!(
        membre.data(DEMANDES, json!({})).await["demandesDeRattachement"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Another structure cannot answer it; a member of Iroise accepts: Tom's next login opens his account.
    let id = demandes["demandesDeRattachement"][0]["id"].clone();
    let ailleurs = parcours::StructureBuilder::new()
        .email("autre@ailleurs.fr")
        .inscrire(&app)
        .await;
    assert_eq!(
        ailleurs.graphql(REPONDRE, json!({ "d": id, "a": true })).await["errors"][0]["extensions"]["code"],
        "NOT_FOUND"
    );
    assert_eq!(
        membre.data(REPONDRE, json!({ "d": id, "a": true })).await["repondreAUneDemandeDeRattachement"],
        true
    );
    assert_eq!(
        membre.graphql(REPONDRE, json!({ "d": id, "a": false })).await["errors"][0]["extensions"]["code"],
        "CONFLICT",
        "answered once"
    );
    let encore = Navigateur::new(&app);
    assert_eq!(
        encore.se_connecter("tom").await,
        format!("{}/espace", app.address)
    );
    let moi = encore
        .client()
        .data("{ moi { email roleActif { role structureId } } }", json!({}))
        .await;
    assert_eq!(moi["moi"]["roleActif"]["role"], "STRUCTURE");
    let sienne = membre
        .data("{ moi { roleActif { structureId } } }", json!({}))
        .await;
    assert_eq!(
        moi["moi"]["roleActif"]["structureId"],
        sienne["moi"]["roleActif"]["structureId"]
    );

    // Zoé asks too; refused, her request does not come back, and no account is made for her.
    let zoe = Navigateur::new(&app);
    zoe.se_connecter("zoe").await;
    let demandes = membre.data(DEMANDES, json!({})).await;
    let id = demandes["demandesDeRattachement"][0]["id"].clone();
    membre.data(REPONDRE, json!({ "d": id, "a": false })).await;
    assert!(
        Navigateur::new(&app)
            .se_connecter("zoe")
            .await
            .ends_with("/connexion?proconnect=demande-refusee")
    );
    assert_eq!(
        membre.data(DEMANDES, json!({})).await["demandesDeRattachement"],
        json!([])
    );
    let comptes_apres = maillage::compte::entity::utilisateur::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        comptes_apres.len(),
        comptes_avant + 2,
        "Tom's and the other structure's, not Zoé's"
    );
    assert!(!comptes_apres.iter().any(|u| u.email == "zoe@iroise-numerique.fr"));
}

sur_les_deux_moteurs! {
    a_person_of_a_registered_structure_asks_to_join_it_and_holds_its_role_once_a_member_accepts;
    a_deactivated_account_does_not_log_in_with_proconnect;
    a_conseiller_the_programme_imported_logs_in_with_proconnect_at_the_address_of_the_file;
}
