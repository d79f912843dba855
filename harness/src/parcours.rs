//! Journeys shared by the test files, from the demo accounts: a filed, then validated, candidature of the
//! demo structure, its coordinator, its team. The steps and builders they use are in [`super::fixtures`],
//! re-exported here.

use chrono::Utc;
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use serde_json::{Value, json};

pub use super::fixtures::{
    ANCT, AVIS, BREST_METROPOLE, CandidatureDeposee, CandidatureValidee, DECIDER, DEPOSER, FORMULAIRE,
    PREFECTURE_29, PREFECTURE_35, SGAR_53, STRUCTURE, StructureBuilder, brouillon_complet,
    brouillon_complet_sur, consulter_tout, formulaire_complet, joindre_pieces_requises,
};
use super::{Client, TestApp};

/// A candidature of `structure` on Brest Métropole, form complete, every employer consulted, filed.
pub async fn deposer_sur_brest_metropole(structure: &Client) -> String {
    let id = brouillon_complet(structure).await;
    consulter_tout(structure, &id).await;
    joindre_pieces_requises(structure, &id).await;
    structure.data(DEPOSER, json!({ "id": id })).await;
    id
}

/// A filed candidature of the demo structure (département 29).
pub async fn candidature_deposee(app: &TestApp) -> (Client, String) {
    let CandidatureDeposee { structure, id } =
        CandidatureDeposee::sur(app.connecte(STRUCTURE).await, &[BREST_METROPOLE]).await;
    (structure, id)
}

/// A candidature of the demo structure validated by ANCT after a favorable avis.
pub async fn candidature_validee(app: &TestApp) -> (Client, String) {
    let CandidatureValidee { structure, id } =
        CandidatureValidee::sur(app, app.connecte(STRUCTURE).await, &[BREST_METROPOLE]).await;
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
    coordinateur.choisir_role("COORDINATEUR").await;
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
    maillage::compte::liens::marquer_verifiee(&app.db, lou.id)
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
        type_contrat: Set(None),
        importe_le: Set(None),
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
