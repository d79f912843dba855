//! The employers of the coordinator's territory: the structures that employ the conseillers under contract
//! in its perimeter, with those conseillers and the structure's accounts to reach (the coordinator is the
//! relay between employers and conseillers).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use maillage_shared::equipe as regles;
use maillage_shared::role::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::membres::conseillers_du_perimetre;
use crate::compte::acteur::Acteur;
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::error::AppError;
use crate::poste::entity::conseiller;
use crate::poste::perimetre::mon_poste;
use crate::structure::entity as structure;

/// An employer of the territory.
#[derive(Debug, Clone)]
pub struct Employeur {
    pub structure: structure::Model,
    /// The name of its commune.
    pub commune: String,
    /// Its conseillers under contract in the perimeter, by name.
    pub conseillers: Vec<(conseiller::Model, utilisateur::Model)>,
    /// The people who act for the structure in Maillage, by name.
    pub contacts: Vec<utilisateur::Model>,
}

/// The employers of the calling coordinator's perimeter, by name.
pub async fn employeurs(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<Vec<Employeur>, AppError> {
    let (_, validee) = mon_poste(db, acteur).await?;
    let conseillers: Vec<conseiller::Model> = conseillers_du_perimetre(db, &validee)
        .await?
        .into_iter()
        .filter(|c| regles::sous_contrat(c.contrat_fin, aujourd_hui))
        .collect();
    let structures = structure::Entity::find()
        .filter(structure::Column::Id.is_in(conseillers.iter().map(|c| c.structure_id)))
        .all(db)
        .await?;
    let roles = role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::Role.eq(Role::Structure.as_str()))
        .filter(role_utilisateur::Column::StructureId.is_in(structures.iter().map(|s| s.id)))
        .all(db)
        .await?;
    let ids: BTreeSet<i64> = conseillers
        .iter()
        .map(|c| c.utilisateur_id)
        .chain(roles.iter().map(|r| r.utilisateur_id))
        .collect();
    let personnes: BTreeMap<i64, utilisateur::Model> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let codes: Vec<String> = structures.iter().map(|s| s.commune_code.clone()).collect();
    let communes = crate::territoire::service::communes_par_code(db, &codes).await?;
    let par_nom = |u: &utilisateur::Model| (u.nom.clone(), u.prenom.clone());
    let mut employeurs: Vec<Employeur> = structures
        .into_iter()
        .map(|structure| {
            let mut siens: Vec<(conseiller::Model, utilisateur::Model)> = conseillers
                .iter()
                .filter(|c| c.structure_id == structure.id)
                .filter_map(|c| Some((c.clone(), personnes.get(&c.utilisateur_id)?.clone())))
                .collect();
            siens.sort_by_key(|(_, u)| par_nom(u));
            let mut contacts: Vec<utilisateur::Model> = roles
                .iter()
                .filter(|r| r.structure_id == Some(structure.id))
                .filter_map(|r| personnes.get(&r.utilisateur_id).cloned())
                .collect();
            contacts.sort_by_key(par_nom);
            contacts.dedup_by_key(|u| u.id);
            Employeur {
                commune: communes
                    .get(&structure.commune_code)
                    .map(|c| c.nom.clone())
                    .unwrap_or_default(),
                structure,
                conseillers: siens,
                contacts,
            }
        })
        .collect();
    employeurs.sort_by(|a, b| a.structure.nom.cmp(&b.structure.nom));
    Ok(employeurs)
}
