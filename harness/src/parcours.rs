//! Steps of the candidature workflow shared by the test files: a complete draft, the consultations, a
//! filed, then validated, candidature of the demo structure.

use chrono::Utc;
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use serde_json::{Value, json};

use super::{Client, TestApp};

pub const STRUCTURE: &str = "structure@demo.maillage.fr";
pub const PREFECTURE_29: &str = "prefecture29@demo.maillage.fr";
pub const PREFECTURE_35: &str = "prefecture35@demo.maillage.fr";
pub const ANCT: &str = "anct@demo.maillage.fr";
pub const SGAR_53: &str = "sgar53@demo.maillage.fr";
pub const BREST_METROPOLE: &str = "242900314";

pub const FORMULAIRE: &str = "mutation($id: ID!, $f: FormulaireCandidatureEntree!) {
    modifierCandidature(id: $id, formulaire: $f) { id montantSubventionEuros dureeSubventionMois champsManquants } }";
pub const DEPOSER: &str =
    "mutation($id: ID!) { deposerCandidature(id: $id) { statut deposeLe echeanceDecision } }";
pub const AVIS: &str = "mutation($id: ID!, $f: Boolean!, $c: String!) {
    donnerAvis(candidatureId: $id, favorable: $f, commentaire: $c) { statut } }";
pub const DECIDER: &str = "mutation($id: ID!, $d: DecisionAnct!, $m: String!) {
    deciderCandidature(candidatureId: $id, decision: $d, motif: $m) { statut } }";

pub fn formulaire_complet(epcis: &[&str]) -> Value {
    let texte = "Une réponse détaillée et argumentée pour cette question.";
    json!({
        "cas": "B1", "contrat": "CDI_DROIT_PRIVE", "perimetreEpcis": epcis,
        "diagnostic": texte, "partenaires": texte, "articulationGouvernance": texte,
        "missionsMaillage": texte, "missionsRelais": texte, "missionsCollaborations": texte,
        "candidatIdentifie": false, "datePrisePoste": "2027-03-01"
    })
}

/// A draft with a complete form on Brest Métropole, not yet consulted nor filed.
pub async fn brouillon_complet(structure: &Client) -> String {
    let id = structure
        .data("mutation { creerCandidature { id } }", json!({}))
        .await["creerCandidature"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    structure
        .data(
            FORMULAIRE,
            json!({ "id": id, "f": formulaire_complet(&[BREST_METROPOLE]) }),
        )
        .await;
    id
}

/// Records the consultation of every structure to consult.
pub async fn consulter_tout(structure: &Client, id: &str) {
    let data = structure
        .data(
            "query($id: ID!) { candidature(id: $id) { structuresAConsulter { structure { id } } } }",
            json!({ "id": id }),
        )
        .await;
    for a_consulter in data["candidature"]["structuresAConsulter"].as_array().unwrap() {
        structure
            .data(
                "mutation($c: ID!, $s: ID!, $d: NaiveDate!) {
                    enregistrerConsultation(candidatureId: $c, structureId: $s, consulteeLe: $d, reponse: FAVORABLE) { id } }",
                json!({ "c": id, "s": a_consulter["structure"]["id"], "d": "2026-01-05" }),
            )
            .await;
    }
}

/// A candidature of `structure` on Brest Métropole, form complete, every employer consulted, filed.
pub async fn deposer_sur_brest_metropole(structure: &Client) -> String {
    let id = brouillon_complet(structure).await;
    consulter_tout(structure, &id).await;
    structure.data(DEPOSER, json!({ "id": id })).await;
    id
}

/// A filed candidature of the demo structure (département 29).
pub async fn candidature_deposee(app: &TestApp) -> (Client, String) {
    let structure = app.connecte(STRUCTURE).await;
    let id = deposer_sur_brest_metropole(&structure).await;
    (structure, id)
}

/// A candidature of the demo structure validated by ANCT after a favorable avis.
pub async fn candidature_validee(app: &TestApp) -> (Client, String) {
    let (structure, id) = candidature_deposee(app).await;
    app.connecte(PREFECTURE_29)
        .await
        .data(
            AVIS,
            json!({ "id": id, "f": true, "c": "Projet articulé avec la gouvernance" }),
        )
        .await;
    app.connecte(ANCT)
        .await
        .data(
            DECIDER,
            json!({ "id": id, "d": "VALIDEE", "m": "Territoire prioritaire et projet coordonné" }),
        )
        .await;
    (structure, id)
}

/// The validated candidature on Brest Métropole with Yann (the demo structure's conseiller, in Brest) made
/// its coordinator; returns Yann logged in and acting as coordinator, and the candidature's id.
pub async fn coordinateur_de_brest(app: &TestApp) -> (Client, String) {
    let (structure, id) = candidature_validee(app).await;
    let yann =
        structure.data("{ mesConseillers { id } }", json!({})).await["mesConseillers"][0]["id"].clone();
    structure
        .data(
            "mutation($c: ID!, $k: ID!) { attribuerRoleCoordinateur(candidatureId: $c, conseillerId: $k) { id } }",
            json!({ "c": id, "k": yann }),
        )
        .await;
    let coordinateur = app.connecte("conseiller.iroise@demo.maillage.fr").await;
    let roles = coordinateur
        .data("{ moi { roles { id role } } }", json!({}))
        .await;
    let role = roles["moi"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "COORDINATEUR")
        .unwrap()["id"]
        .clone();
    coordinateur
        .data(
            "mutation($r: ID!) { choisirRole(roleId: $r) { email } }",
            json!({ "r": role }),
        )
        .await;
    (coordinateur, id)
}

/// Makes Yann (the demo structure's conseiller, in Brest) coordinator of a validated candidature on Brest
/// Métropole, adds a second conseillère in Brest, and returns both logged in (Yann acting as coordinator).
pub async fn equipe_de_brest(app: &TestApp) -> (Client, Client) {
    let (coordinateur, _) = coordinateur_de_brest(app).await;
    let lou = maillage::compte::service::creer_utilisateur(
        &app.db,
        "lou@exemple.fr",
        "mot de passe long",
        "Lou",
        "Kerouac",
    )
    .await
    .unwrap();
    maillage::compte::service::attribuer_role(
        &app.db,
        lou.id,
        maillage_shared::role::Role::Conseiller,
        None,
        None,
        None,
    )
    .await
    .unwrap();
    use sea_orm::EntityTrait;
    // Employed by the same structure as Yann.
    let structure_id = maillage::poste::entity::conseiller::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .structure_id;
    maillage::poste::entity::conseiller::ActiveModel {
        id: NotSet,
        utilisateur_id: Set(lou.id),
        structure_id: Set(structure_id),
        commune_code: Set("29019".to_owned()),
        contrat_debut: Set(None),
        contrat_fin: Set(None),
        fin_financement_initial: Set(None),
        cree_le: Set(Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let conseillere = app.navigateur();
    conseillere
        .data(
            "mutation { connexion(email: \"lou@exemple.fr\", motDePasse: \"mot de passe long\") { email } }",
            json!({}),
        )
        .await;
    (coordinateur, conseillere)
}

/// The contacted person accepts a structure's contact: only she can, from her own session.
pub async fn accepter_le_contact(candidate: &Client, recrutement: &Value) {
    let reponse = candidate
        .data(
            "mutation($r: ID!) { repondreAUnContact(recrutementId: $r, accepte: true) { statut } }",
            json!({ "r": recrutement }),
        )
        .await;
    assert_eq!(reponse["repondreAUnContact"]["statut"], "INTERESSEE", "{reponse}");
}
