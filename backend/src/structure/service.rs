//! Registration of structures, their eligibility, and the employers of conseillers numériques of a
//! territory (the structures a candidate must consult).

use chrono::Utc;
use maillage_shared::role::Role;
use maillage_shared::structure::{CategorieStructure, Ineligibilite, Siret, verifier_eligibilite};
use maillage_shared::territoire::CodeCommune;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::entity as structure;
use crate::compte::entity::utilisateur;
use crate::compte::service as compte;
use crate::error::AppError;
use crate::territoire::entity::commune;

/// What a structure gives when it registers.
#[derive(Debug, Clone)]
pub struct Inscription {
    pub email: String,
    pub mot_de_passe: String,
    pub prenom: String,
    pub nom: String,
    pub siret: String,
    pub nom_structure: String,
    pub categorie: Option<CategorieStructure>,
    pub statut_public: bool,
    pub mission_interet_general: bool,
    pub commune_code: String,
    pub conseillers_numeriques: i32,
}

/// Creates the account, the structure and the role linking them; all or nothing (run in a transaction).
pub async fn inscrire(
    db: &impl ConnectionTrait,
    inscription: &Inscription,
) -> Result<(utilisateur::Model, structure::Model), AppError> {
    let siret = Siret::parse(&inscription.siret)?;
    let code_commune = CodeCommune::parse(&inscription.commune_code)?;
    let nom_structure = inscription.nom_structure.trim();
    if nom_structure.is_empty() {
        return Err(AppError::InvalidInput(
            "Le nom de la structure est obligatoire.".to_owned(),
        ));
    }
    if !(0..=500).contains(&inscription.conseillers_numeriques) {
        return Err(AppError::InvalidInput(
            "Le nombre de postes de conseiller numérique doit être compris entre 0 et 500.".to_owned(),
        ));
    }
    let commune = commune::Entity::find_by_id(code_commune.as_str().to_owned())
        .one(db)
        .await?
        .ok_or_else(|| AppError::InvalidInput(format!("Aucune commune n’a le code INSEE {code_commune}.")))?;
    if structure::Entity::find()
        .filter(structure::Column::Siret.eq(siret.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::Conflit(format!(
            "La structure de SIRET {} est déjà inscrite : demandez à son gestionnaire de vous ajouter.",
            siret.as_str()
        )));
    }
    let compte = compte::creer_utilisateur(
        db,
        &inscription.email,
        &inscription.mot_de_passe,
        &inscription.prenom,
        &inscription.nom,
    )
    .await?;
    let structure = structure::ActiveModel {
        id: NotSet,
        siret: Set(siret.as_str().to_owned()),
        nom: Set(nom_structure.to_owned()),
        categorie: Set(inscription
            .categorie
            .map(|categorie| categorie.as_str().to_owned())),
        statut_public: Set(inscription.statut_public),
        mission_interet_general: Set(inscription.mission_interet_general),
        commune_code: Set(commune.code),
        departement_code: Set(commune.departement_code),
        conseillers_numeriques: Set(inscription.conseillers_numeriques),
        cree_le: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    compte::attribuer_role(db, compte.id, Role::Structure, Some(structure.id), None, None).await?;
    Ok((compte, structure))
}

/// Whether the structure may host a coordinator post, and why not.
pub fn eligibilite(structure: &structure::Model) -> Result<(), Ineligibilite> {
    let categorie = structure.categorie.as_deref().and_then(CategorieStructure::parse);
    verifier_eligibilite(
        categorie,
        structure.statut_public,
        structure.mission_interet_general,
    )
}

/// A structure by id.
pub async fn par_id(db: &impl ConnectionTrait, id: i64) -> Result<structure::Model, AppError> {
    structure::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Structure introuvable.".to_owned()))
}

/// The names of these structures, by id (one query).
pub async fn noms(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::BTreeMap<i64, String>, AppError> {
    Ok(structure::Entity::find()
        .filter(structure::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.nom))
        .collect())
}

/// The structures employing conseillers numériques whose commune is in the given EPCI or département,
/// except `sauf` (the candidate itself), by name.
pub async fn employeurs_de_conseillers(
    db: &impl ConnectionTrait,
    epcis: &[String],
    departement: Option<&str>,
    sauf: i64,
) -> Result<Vec<structure::Model>, AppError> {
    let mut territoire = Condition::any();
    if !epcis.is_empty() {
        let communes: Vec<String> = commune::Entity::find()
            .filter(commune::Column::EpciCode.is_in(epcis.iter().cloned()))
            .all(db)
            .await?
            .into_iter()
            .map(|commune| commune.code)
            .collect();
        territoire = territoire.add(structure::Column::CommuneCode.is_in(communes));
    }
    if let Some(departement) = departement {
        territoire = territoire.add(structure::Column::DepartementCode.eq(departement));
    }
    if epcis.is_empty() && departement.is_none() {
        return Ok(Vec::new());
    }
    Ok(structure::Entity::find()
        .filter(territoire)
        .filter(structure::Column::ConseillersNumeriques.gt(0))
        .filter(structure::Column::Id.ne(sauf))
        .order_by_asc(structure::Column::Nom)
        .all(db)
        .await?)
}
