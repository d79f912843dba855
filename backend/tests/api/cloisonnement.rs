//! Tenant isolation, generated from the schema, on SQLite and PostgreSQL. A whole tenant is built in the
//! Finistère (the demo structure's validated candidature on Brest Métropole, its coordinator and team, a
//! recruited candidate, a convention, a médiateur invited, a meeting day, the préfecture's API token), with
//! texts that only its readers may see. Then every field of `Query`, with everything below it, is asked by
//! every role of other tenants (another structure of the same département, a candidate, a coordinator and
//! a conseillère of no post of theirs, a médiateur, the préfecture of the 35, a SGAR and a hub of another
//! région, the 35's API token, anyone) with the tenant's ids and territory as arguments: none of those texts
//! may come back. The same queries asked by the tenant's own readers bring each of them back, which proves
//! the queries reach them. Every mutation that takes an id is then called by each of those roles with each of
//! the tenant's ids: each is refused, and the tenant's readers see exactly what they saw before.
//!
//! Nothing here lists fields: a field added to the schema is asked by every role at once.

use maillage_harness::schema::Schema;
use maillage_harness::{self as common, on_both_engines};

use common::fixtures::creer_jeton_api;
use common::parcours::*;
use common::{Client, TestApp};
use serde_json::{Value, json};

/// How deep below a root field the generated queries go.
const PROFONDEUR: usize = 4;

/// Someone who asks: a browser's session, or a third party's API token.
enum Appelant {
    Session(Client),
    Jeton(String),
}

impl Appelant {
    async fn demander(&self, app: &TestApp, document: &str) -> Value {
        match self {
            Self::Session(client) => client.graphql(document, json!({})).await,
            Self::Jeton(secret) => app.avec_jeton(secret, document).await,
        }
    }
}

/// The tenant's ids, by the name of the arguments that take them.
struct Tenant {
    candidature: String,
    structure: String,
    coordinateur: String,
    conseillers: Vec<String>,
    profil: String,
    recrutement: String,
    convention: String,
    invitation: String,
    action: String,
    roles: Vec<String>,
    notifications: Vec<String>,
    comptes: Vec<String>,
    jeton: String,
    demande: String,
    /// The people its conseillère follows by name.
    beneficiaires: Vec<String>,
    /// The documents of its candidature.
    pieces: Vec<String>,
    /// The instalments of its convention.
    versements: Vec<String>,
    /// The gouvernance of its département: a member, a comité, a feuille de route and its action.
    membre: String,
    comite: String,
    feuille: String,
    action_feuille: String,
    /// A training session the hub of its région announced, relayed to the team: its conseillère registered.
    rencontre: String,
    /// A structure its préfecture identifies as able to host.
    structure_d_accueil: String,
    /// An error someone reported on a lieu of its perimeter, leaving an address.
    signalement: String,
}

impl Tenant {
    /// The ids an argument named `argument` may take.
    fn ids(&self, argument: &str) -> Vec<String> {
        let un = |id: &String| vec![id.clone()];
        match argument {
            "candidatureId" | "autreCandidatureId" => un(&self.candidature),
            "structureId" => un(&self.structure),
            "coordinateurId" => un(&self.coordinateur),
            "conseillerId" => self.conseillers.clone(),
            "profilId" => un(&self.profil),
            "recrutementId" => un(&self.recrutement),
            "conventionId" => un(&self.convention),
            "actionId" => vec![self.action.clone(), self.action_feuille.clone()],
            "membreId" => un(&self.membre),
            "comiteId" => un(&self.comite),
            "feuilleDeRouteId" => un(&self.feuille),
            "rencontreId" => un(&self.rencontre),
            "structureDAccueilId" => un(&self.structure_d_accueil),
            "roleId" => self.roles.clone(),
            "compteId" | "personneId" | "destinataires" => self.comptes.clone(),
            "demandeId" => un(&self.demande),
            "garde" | "doublon" => self.beneficiaires.clone(),
            "pieces" => self.pieces.clone(),
            "versementId" => self.versements.clone(),
            "structure" => un(&self.structure),
            // An `id` names the field's own kind of object: try every id of the tenant.
            "id" => {
                let mut tous = vec![
                    self.candidature.clone(),
                    self.structure.clone(),
                    self.coordinateur.clone(),
                    self.profil.clone(),
                    self.recrutement.clone(),
                    self.convention.clone(),
                    self.invitation.clone(),
                    self.action.clone(),
                    self.jeton.clone(),
                    self.demande.clone(),
                    self.membre.clone(),
                    self.comite.clone(),
                    self.feuille.clone(),
                    self.action_feuille.clone(),
                    self.rencontre.clone(),
                    self.structure_d_accueil.clone(),
                    self.signalement.clone(),
                ];
                tous.extend(self.conseillers.iter().cloned());
                tous.extend(self.roles.iter().cloned());
                tous.extend(self.notifications.iter().cloned());
                tous.extend(self.comptes.iter().cloned());
                tous.extend(self.beneficiaires.iter().cloned());
                tous.extend(self.pieces.iter().cloned());
                tous.extend(self.versements.iter().cloned());
                tous.sort();
                tous.dedup();
                tous
            }
            autre => panic!("an ID argument `{autre}`: say which of the tenant's ids it takes"),
        }
    }
}

/// What only the tenant's readers may see: personal data, the préfecture's avis, ANCT's motive, the form.
const SECRETS: [&str; 14] = [
    "morgane.canari@exemple.fr",
    "Huit ans d’animation numérique au Relecq-Kerhuon",
    "lou@exemple.fr",
    "Kerouac",
    "conseiller.iroise@demo.maillage.fr",
    "Projet articulé avec la gouvernance",
    "Territoire prioritaire et projet coordonné",
    "Une réponse détaillée et argumentée pour cette question.",
    "gwen.canari@exemple.fr",
    "Journée des aidants de l’Iroise",
    "demandeuse.canari@exemple.fr",
    "Secrète-Iroise",
    "signaleur.canari@exemple.fr",
    "Les horaires des Capucins sont faux",
];

fn id(valeur: &Value) -> String {
    valeur
        .as_str()
        .unwrap_or_else(|| panic!("an id: {valeur}"))
        .to_owned()
}

async fn roles(client: &Client) -> Vec<String> {
    client.data("{ moi { roles { id } } }", json!({})).await["moi"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| id(&r["id"]))
        .collect()
}

async fn notifications(client: &Client) -> Vec<String> {
    client.data("{ mesNotifications { id } }", json!({})).await["mesNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| id(&n["id"]))
        .collect()
}

/// Builds the tenant through the API, as its people would; returns its ids and its readers.
async fn construire(app: &TestApp) -> (Tenant, Vec<(&'static str, Appelant)>) {
    let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
    let (coordinateur, conseillere) = equipe_de_brest(app).await;
    let structure = app.connecte(STRUCTURE).await;
    let candidature = id(&structure
        .data("{ candidatures { elements { id } } }", json!({}))
        .await["candidatures"]["elements"][0]["id"]);

    let morgane = app.navigateur();
    morgane
        .data(
            "mutation($e: InscriptionCandidatEntree!) { inscriptionCandidat(entree: $e) { email } }",
            json!({ "e": { "email": "morgane.canari@exemple.fr", "motDePasse": "un mot de passe long", "prenom": "Morgane",
                "nom": "Le Goff", "profil": { "communeCode": "29019", "rayonKm": 30,
                "experience": "Huit ans d’animation numérique au Relecq-Kerhuon", "visible": true } } }),
        )
        .await;
    app.verifier_l_adresse(&morgane, "morgane.canari@exemple.fr")
        .await;
    let trouves = structure
        .data(
            "query($c: ID!) { rechercherCandidats(candidatureId: $c, filtre: { proximite: PERIMETRE }) { id prenom } }",
            json!({ "c": candidature }),
        )
        .await;
    let profil = id(&trouves["rechercherCandidats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prenom"] == "Morgane")
        .expect("Morgane lives in Brest")["id"]);
    let recrutement = id(&structure
        .data(
            "mutation($c: ID!, $p: ID!) { contacterCandidat(candidatureId: $c, profilId: $p) { id } }",
            json!({ "c": candidature, "p": profil }),
        )
        .await["contacterCandidat"]["id"]);
    accepter_le_contact(&morgane, &json!(recrutement)).await;

    let convention = id(&structure
        .data(
            "mutation($c: ID!) { demanderConvention(candidatureId: $c) { id } }",
            json!({ "c": candidature }),
        )
        .await["demanderConvention"]["id"]);
    // Signed by ANCT: its instalments are scheduled.
    let versements: Vec<String> = app
        .connecte(ANCT)
        .await
        .data(
            "mutation($v: ID!, $d: NaiveDate!) { signerConvention(conventionId: $v, signeeLe: $d) { versements { id } } }",
            json!({ "v": convention, "d": aujourd_hui.to_string() }),
        )
        .await["signerConvention"]["versements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| id(&v["id"]))
        .collect();
    let vue = structure
        .data(
            "query($c: ID!) { maStructure { id } candidature(id: $c) { coordinateurs { id } pieces { id } } mesConseillers { id } }",
            json!({ "c": candidature }),
        )
        .await;
    let invitation = id(&coordinateur
        .data(
            "mutation($i: InvitationEntree!) { inviterMediateur(invitation: $i) { id } }",
            json!({ "i": { "email": "gwen.canari@exemple.fr", "prenom": "Gwen", "nom": "Le Bris", "structure": "Médiathèque de Brest" } }),
        )
        .await["inviterMediateur"]["id"]);
    let action = id(&coordinateur
        .data(
            "mutation($a: ActionEntree!) { enregistrerActionDeCoordination(action: $a) { id } }",
            json!({ "a": { "nature": "JOURNEE_RENCONTRE", "axe": "COLLABORATIONS", "titre": "Journée des aidants de l’Iroise",
                "date": (aujourd_hui + chrono::Days::new(10)).to_string() } }),
        )
        .await["enregistrerActionDeCoordination"]["id"]);
    conseillere
        .data(
            "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }",
            json!({ "a": { "date": aujourd_hui.to_string(), "typeAccompagnement": "INDIVIDUEL", "canal": "LIEU_DE_PERMANENCE",
                "themes": ["Aide aux démarches administratives"], "dureeMinutes": 45, "communeCode": "29019",
                "beneficiaire": { "prenom": "Rozenn", "nom": "Secrète-Iroise", "consentement": true } } }),
        )
        .await;
    let beneficiaires = conseillere.data("{ mesBeneficiaires { id } }", json!({})).await["mesBeneficiaires"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| id(&b["id"]))
        .collect();
    coordinateur
        .data(
            "mutation($a: Int!) { envoyerRapportAnnuel(annee: $a) }",
            json!({ "a": chrono::Datelike::year(&aujourd_hui) }),
        )
        .await;
    let anct = app.connecte(ANCT).await;
    let (jeton_29, jeton) = creer_jeton_api(&anct, Some("29"), &[]).await;
    let prefecture = app.connecte(PREFECTURE_29).await;
    prefecture
        .data(
            "mutation { ajouterMembreDeGouvernance(departementCode: \"29\", membre: { siret: \"90000000000019\" }) { departementCode } }",
            json!({}),
        )
        .await;
    prefecture
        .data(
            "mutation { enregistrerComiteDeGouvernance(departementCode: \"29\", comite: { type: TECHNIQUE, frequence: MENSUELLE }) { departementCode } }",
            json!({}),
        )
        .await;
    let gouvernance = prefecture
        .data(
            "mutation { enregistrerFeuilleDeRoute(departementCode: \"29\", feuille: { nom: \"Feuille du Finistère\", perimetre: DEPARTEMENTAL }) { membres { id } comites { id } feuillesDeRoute { id } } }",
            json!({}),
        )
        .await["enregistrerFeuilleDeRoute"]
        .clone();
    let feuille = id(&gouvernance["feuillesDeRoute"][0]["id"]);
    let action_feuille = id(&prefecture
        .data(
            "mutation($f: ID!, $d: NaiveDate!) { enregistrerActionDeFeuilleDeRoute(feuilleDeRouteId: $f, action: { nom: \"Former les aidants\", besoins: [APPUI_JURIDIQUE], budget: 1000, debut: $d, fin: $d }) { feuillesDeRoute { actions { id } } } }",
            json!({ "f": feuille, "d": aujourd_hui.to_string() }),
        )
        .await["enregistrerActionDeFeuilleDeRoute"]["feuillesDeRoute"][0]["actions"][0]["id"]);
    let structure_d_accueil = id(&prefecture
        .data(
            "mutation { designerStructureDAccueil(departementCode: \"29\", siret: \"13002526500013\", nom: \"Centre social de Quimper\") { structuresDAccueil { id } } }",
            json!({}),
        )
        .await["designerStructureDAccueil"]["structuresDAccueil"][0]["id"]);

    let mut ids_de_roles = Vec::new();
    let mut ids_de_notifications = Vec::new();
    for personne in [&structure, &coordinateur, &conseillere, &morgane] {
        ids_de_roles.extend(roles(personne).await);
        ids_de_notifications.extend(notifications(personne).await);
    }
    // The accounts of its people.
    let mut comptes = Vec::new();
    for email in [
        STRUCTURE,
        "conseiller.iroise@demo.maillage.fr",
        "lou@exemple.fr",
        "morgane.canari@exemple.fr",
    ] {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let compte = maillage::compte::entity::utilisateur::Entity::find()
            .filter(maillage::compte::entity::utilisateur::Column::Email.eq(email))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        comptes.push(compte.id.to_string());
    }
    // Someone who logged in with ProConnect with the structure's SIRET and asks to join it.
    let demande = {
        use sea_orm::{ActiveModelTrait, Set};
        maillage::structure::rattachement::entity::ActiveModel {
            id: sea_orm::NotSet,
            structure_id: Set(vue["maStructure"]["id"].as_str().unwrap().parse().unwrap()),
            email: Set("demandeuse.canari@exemple.fr".to_owned()),
            prenom: Set("Nolwenn".to_owned()),
            nom: Set("Demandeuse".to_owned()),
            cree_le: Set(chrono::Utc::now()),
            repondu_le: Set(None),
            acceptee: Set(None),
            repondu_par: Set(None),
        }
        .insert(&app.db)
        .await
        .unwrap()
        .id
        .to_string()
    };
    let hub = app.connecte("hub53@demo.maillage.fr").await;
    let rencontre = id(&hub
        .data(
            "mutation($r: RencontreEntree!) { annoncerUneRencontre(rencontre: $r) { id } }",
            json!({ "r": { "nature": "FORMATION_CONTINUE", "titre": "Formation continue de Bretagne",
                "date": (aujourd_hui + chrono::Days::new(12)).to_string() } }),
        )
        .await["annoncerUneRencontre"]["id"]);
    coordinateur
        .data(
            "mutation($id: ID!) { relayerUneFormation(rencontreId: $id) { id } }",
            json!({ "id": rencontre }),
        )
        .await;
    conseillere
        .data(
            "mutation($id: ID!) { sInscrireAUneRencontre(rencontreId: $id, inscrit: true) { id } }",
            json!({ "id": rencontre }),
        )
        .await;
    // A lieu of Brest (the demo structure's), an error reported on it by someone who left an address, and
    // the coordinator's correction in its history.
    maillage::demo::semer_lieux(&app.db).await.unwrap();
    app.navigateur()
        .data(
            "mutation { signalerUneErreurSurUnLieu(lieuId: \"demo-brest-capucins\", message: \"Les horaires des Capucins sont faux\", courriel: \"signaleur.canari@exemple.fr\") }",
            json!({}),
        )
        .await;
    let signalement = id(&coordinateur
        .data("{ signalementsDeLieux { id } }", json!({}))
        .await["signalementsDeLieux"][0]["id"]);
    let tenant = Tenant {
        signalement,
        rencontre,
        structure_d_accueil,
        membre: id(&gouvernance["membres"][0]["id"]),
        comite: id(&gouvernance["comites"][0]["id"]),
        feuille,
        action_feuille,
        versements,
        pieces: vue["candidature"]["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| id(&p["id"]))
            .collect(),
        demande,
        beneficiaires,
        structure: id(&vue["maStructure"]["id"]),
        coordinateur: id(&vue["candidature"]["coordinateurs"][0]["id"]),
        conseillers: vue["mesConseillers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| id(&c["id"]))
            .collect(),
        candidature,
        profil,
        recrutement,
        convention,
        invitation,
        action,
        roles: ids_de_roles,
        notifications: ids_de_notifications,
        comptes,
        jeton,
    };
    let lecteurs = vec![
        ("ANCT", Appelant::Session(anct)),
        (
            "la préfecture du 29",
            Appelant::Session(app.connecte(PREFECTURE_29).await),
        ),
        (
            "le SGAR de Bretagne",
            Appelant::Session(app.connecte(SGAR_53).await),
        ),
        (
            "le hub de Bretagne",
            Appelant::Session(app.connecte("hub53@demo.maillage.fr").await),
        ),
        ("le jeton du 29", Appelant::Jeton(jeton_29)),
        ("la structure", Appelant::Session(structure)),
        ("son coordinateur", Appelant::Session(coordinateur)),
        ("sa conseillère", Appelant::Session(conseillere)),
        ("la candidate recrutée", Appelant::Session(morgane)),
    ];
    (tenant, lecteurs)
}

/// A person of the given role and scope, address verified, logged in.
async fn agent(
    app: &TestApp,
    email: &str,
    role: maillage_shared::role::Role,
    region: Option<&str>,
) -> Client {
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
        region.map(str::to_owned),
    )
    .await
    .unwrap();
    app.connecte_avec(email, "un mot de passe long").await
}

/// Logged in as `email`, acting in `role` (a person with several roles).
async fn dans_le_role(app: &TestApp, email: &str, role: &str) -> Client {
    let client = app.connecte(email).await;
    client.choisir_role(role).await;
    client
}

/// The roles of other tenants.
async fn etrangers(app: &TestApp) -> Vec<(&'static str, Appelant)> {
    use maillage_shared::role::Role;
    let (jeton_35, _) = creer_jeton_api(&app.connecte(ANCT).await, Some("35"), &[]).await;
    vec![
        ("une personne anonyme", Appelant::Session(app.navigateur())),
        (
            "une autre structure du 29",
            Appelant::Session(StructureBuilder::new().inscrire(app).await),
        ),
        (
            "une candidate du vivier",
            Appelant::Session(app.connecte("candidat@demo.maillage.fr").await),
        ),
        (
            "une coordinatrice sans ce poste",
            Appelant::Session(dans_le_role(app, "conseiller@demo.maillage.fr", "COORDINATEUR").await),
        ),
        (
            "une conseillère d’ailleurs",
            Appelant::Session(dans_le_role(app, "conseiller@demo.maillage.fr", "CONSEILLER").await),
        ),
        (
            "un médiateur d’une autre équipe",
            Appelant::Session(agent(app, "mediateur@exemple.fr", Role::Mediateur, None).await),
        ),
        (
            "la préfecture du 35",
            Appelant::Session(app.connecte(PREFECTURE_35).await),
        ),
        (
            "le SGAR d’Auvergne-Rhône-Alpes",
            Appelant::Session(agent(app, "sgar84@exemple.fr", Role::Sgar, Some("84")).await),
        ),
        (
            "le hub d’Auvergne-Rhône-Alpes",
            Appelant::Session(agent(app, "hub84@exemple.fr", Role::Hub, Some("84")).await),
        ),
        ("le jeton du 35", Appelant::Jeton(jeton_35)),
    ]
}

/// One query per field of `Query`, everything below it selected, its arguments the tenant's.
fn requetes(schema: &Schema, tenant: &Tenant) -> Vec<(String, String)> {
    schema
        .champs("Query")
        .iter()
        .map(|champ| {
            let document = schema.requete(champ, PROFONDEUR, |_, argument| match argument {
                "id" | "candidatureId" => Some(format!("\"{}\"", tenant.candidature)),
                "coordinateurId" => Some(format!("\"{}\"", tenant.coordinateur)),
                "rencontreId" => Some(format!("\"{}\"", tenant.rencontre)),
                // The search near the tenant's lieux: public, with no one's data.
                "pres" => Some("\"29200\"".to_owned()),
                _ => None,
            });
            (champ.nom.clone(), document)
        })
        .collect()
}

/// Every answer of `appelant` to `requetes`, by field.
async fn lire(app: &TestApp, appelant: &Appelant, requetes: &[(String, String)]) -> Vec<(String, Value)> {
    let mut reponses = Vec::new();
    for (champ, document) in requetes {
        let reponse = appelant.demander(app, document).await;
        let erreurs = reponse["errors"].as_array().cloned().unwrap_or_default();
        // Refused or not found (or, for a link's secret nobody has, not valid), never a query the server
        // could not run: that would test nothing.
        let lien = document.contains("jeton:");
        assert!(
            erreurs.iter().all(|e| match e["extensions"]["code"].as_str() {
                Some("UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "ADDRESS_UNVERIFIED" | "NO_POST") =>
                    true,
                Some("INVALID_INPUT") => lien,
                _ => false,
            }),
            "Query.{champ}: {reponse:#}"
        );
        reponses.push((champ.clone(), reponse));
    }
    reponses
}

/// Every mutation that takes an id, once per id of the tenant its arguments may take.
fn mutations(schema: &Schema, tenant: &Tenant) -> Vec<(String, String)> {
    let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
    let mut appels = Vec::new();
    for champ in schema.champs("Mutation") {
        let ids: Vec<_> = champ.arguments.iter().filter(|a| a.type_nom == "ID").collect();
        if ids.is_empty() {
            continue;
        }
        // Every combination of the tenant's ids for the id arguments.
        let mut combinaisons: Vec<Vec<String>> = vec![Vec::new()];
        for argument in &ids {
            combinaisons = combinaisons
                .into_iter()
                .flat_map(|debut| {
                    tenant.ids(&argument.nom).into_iter().map(move |id| {
                        let mut suite = debut.clone();
                        suite.push(format!("{}: \"{id}\"", argument.nom));
                        suite
                    })
                })
                .collect();
        }
        let autres: Vec<String> = champ
            .arguments
            .iter()
            .filter(|a| a.requis && a.type_nom != "ID")
            .map(|a| match a.nom.as_str() {
                // The tenant's département: what another role must not change there.
                "departementCode" => "departementCode: \"29\"".to_owned(),
                _ => format!("{}: {}", a.nom, schema.litteral(a, aujourd_hui)),
            })
            .collect();
        let selection = if schema.est_objet(&champ.rendu) {
            " { __typename }"
        } else {
            ""
        };
        for mut arguments in combinaisons {
            arguments.extend(autres.iter().cloned());
            appels.push((
                champ.nom.clone(),
                format!(
                    "mutation {{ {}({}){selection} }}",
                    champ.nom,
                    arguments.join(", ")
                ),
            ));
        }
    }
    appels
}

/// The secrets found in `reponses`, with the field that gave each.
fn fuites(reponses: &[(String, Value)]) -> Vec<(String, &'static str)> {
    let mut trouvees = Vec::new();
    for (champ, reponse) in reponses {
        let texte = reponse.to_string();
        for secret in SECRETS {
            if texte.contains(secret) {
                trouvees.push((champ.clone(), secret));
            }
        }
    }
    trouvees
}

/// The first place where two answers differ, with both values.
fn difference(avant: &Value, apres: &Value, chemin: &str) -> Option<String> {
    match (avant, apres) {
        (Value::Object(a), Value::Object(b)) if a.len() == b.len() => a.iter().find_map(|(cle, valeur)| {
            difference(
                valeur,
                b.get(cle).unwrap_or(&Value::Null),
                &format!("{chemin}.{cle}"),
            )
        }),
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| difference(x, y, &format!("{chemin}[{i}]"))),
        (Value::Array(a), Value::Array(b)) if a.len() < b.len() && b.starts_with(a) => Some(format!(
            "{chemin} (added: {})",
            Value::from(b[a.len()..].to_vec())
        )),
        _ if avant == apres => None,
        _ => Some(format!("{chemin} ({avant} → {apres})")),
    }
}

on_both_engines! {
    async fn no_role_of_another_tenant_reads_or_changes_anything_of_it_through_any_field(app) with |settings| {
        // Thousands of requests from one address in a minute: the per-address quota is tested elsewhere.
        settings.application.requetes_par_minute = 0;
        settings.application.requetes_par_minute_jeton = 0;
        settings.graphql.max_complexity = usize::MAX / 2;
    } {
        let schema = Schema::du_serveur();
        let oublies = schema.hors_des_selections(PROFONDEUR);
        assert!(oublies.is_empty(), "fields no generated query asks: {oublies:?}");
        let (tenant, lecteurs) = construire(&app).await;
        let requetes = requetes(&schema, &tenant);
        let etrangers = etrangers(&app).await;

        // Its own readers see every secret through the generated queries: the queries reach them.
        let mut vu_par_les_siens = Vec::new();
        for (_, lecteur) in &lecteurs {
            vu_par_les_siens.push(lire(&app, lecteur, &requetes).await);
        }
        let atteints: Vec<&str> = vu_par_les_siens.iter().flat_map(|r| fuites(r)).map(|(_, s)| s).collect();
        for secret in SECRETS {
            assert!(atteints.contains(&secret), "no reader of the tenant sees « {secret} »: the queries miss it");
        }

        let mut refus = Vec::new();
        for (qui, etranger) in &etrangers {
            for (champ, secret) in fuites(&lire(&app, etranger, &requetes).await) {
                refus.push(format!("{qui} reads « {secret} » through Query.{champ}"));
            }
        }
        assert!(refus.is_empty(), "{}", refus.join("\n"));

        for (qui, etranger) in &etrangers {
            for (_, document) in mutations(&schema, &tenant) {
                let reponse = etranger.demander(&app, &document).await;
                let code = reponse["errors"][0]["extensions"]["code"].as_str().unwrap_or("");
                if !matches!(code, "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "ADDRESS_UNVERIFIED" | "NO_POST") {
                    refus.push(format!("{qui}: {document} → {reponse}"));
                }
            }
        }
        assert!(refus.is_empty(), "mutations not refused:\n{}", refus.join("\n"));

        for ((qui, lecteur), avant) in lecteurs.iter().zip(&vu_par_les_siens) {
            let apres = lire(&app, lecteur, &requetes).await;
            for ((champ, avant), (_, apres)) in avant.iter().zip(&apres) {
                // What the readers' and strangers' own requests change: a data export's audit log gains the
                // reader's own reads (its export, its searches of the pool) and keeps the rest as it was; a
                // token's last use changes as its holder uses it.
                let sans_usage = |reponse: &Value, journal_avant: usize| {
                    let mut reponse = reponse.clone();
                    if let Some(journal) = reponse["data"]["mesDonnees"]["journal"].as_array_mut() {
                        journal.truncate(journal_avant);
                    }
                    if let Some(jetons) = reponse["data"]["jetonsApi"].as_array_mut() {
                        for jeton in jetons {
                            jeton["derniereUtilisation"] = Value::Null;
                        }
                    }
                    reponse
                };
                let journal_avant = avant["data"]["mesDonnees"]["journal"].as_array().map_or(0, Vec::len);
                let (avant, apres) = (&sans_usage(avant, journal_avant), &sans_usage(apres, journal_avant));
                if let Some(ecart) = difference(avant, apres, &format!("Query.{champ}")) {
                    panic!("{qui} sees {ecart} changed by another tenant's mutations");
                }
            }
        }
    }
}
