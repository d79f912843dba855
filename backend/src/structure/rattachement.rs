//! Joining one's structure through ProConnect: a person who logs in for the first time, with no account nor
//! invitation, and whose ProConnect identity carries the SIRET of a structure registered here, asks to join
//! it. The structure's members see the request and answer it: accepted, the person is invited to the
//! structure's role (their next ProConnect login opens their account in it); refused, the same request
//! does not come back. ProConnect vouches for the address and the SIRET, the members for the person.

use chrono::{Duration, Utc};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::entity as structure;
use crate::compte::acteur::Acteur;
use crate::compte::invitations::{self, RoleDemande};
use crate::error::AppError;
use crate::notification::service::{notifier, titulaires};

pub mod entity {
    //! A request to join a structure.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "demande_rattachement")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub structure_id: i64,
        /// Lowercase, as ProConnect vouches for it.
        pub email: String,
        pub prenom: String,
        pub nom: String,
        pub cree_le: DateTimeUtc,
        pub repondu_le: Option<DateTimeUtc>,
        /// `None` while it waits.
        pub acceptee: Option<bool>,
        pub repondu_par: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// New requests a structure's members may receive in a day (each notifies them by email).
pub const DEMANDES_PAR_JOUR: u64 = 10;

/// Where a request stands, for the person who asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// Sent (or already waiting): the structure's members decide.
    Envoyee,
    /// The structure's members refused it.
    Refusee,
    /// The structure received too many requests today: try again tomorrow.
    Limitee,
}

/// The request of a person with no account who logs in with ProConnect: `None` when no registered
/// structure has the identity's SIRET (the login is then refused as before).
pub async fn demander(
    db: &impl ConnectionTrait,
    email: &str,
    prenom: &str,
    nom: &str,
    siret: Option<&str>,
) -> Result<Option<Issue>, AppError> {
    let Some(siret) = siret.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let Some(structure) = structure::Entity::find()
        .filter(structure::Column::Siret.eq(siret))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let existante = entity::Entity::find()
        .filter(entity::Column::StructureId.eq(structure.id))
        .filter(entity::Column::Email.eq(email))
        .one(db)
        .await?;
    match existante.map(|d| d.acceptee) {
        Some(Some(false)) => return Ok(Some(Issue::Refusee)),
        // Waiting, or accepted and the invitation then expired unused: the members were told once.
        Some(_) => return Ok(Some(Issue::Envoyee)),
        None => {}
    }
    let recentes = entity::Entity::find()
        .filter(entity::Column::StructureId.eq(structure.id))
        .filter(entity::Column::CreeLe.gt(Utc::now() - Duration::hours(24)))
        .count(db)
        .await?;
    if recentes >= DEMANDES_PAR_JOUR {
        return Ok(Some(Issue::Limitee));
    }
    entity::ActiveModel {
        id: NotSet,
        structure_id: Set(structure.id),
        email: Set(email.to_owned()),
        prenom: Set(prenom.chars().take(100).collect()),
        nom: Set(nom.chars().take(100).collect()),
        cree_le: Set(Utc::now()),
        repondu_le: Set(None),
        acceptee: Set(None),
        repondu_par: Set(None),
    }
    .insert(db)
    .await?;
    let membres = titulaires(db, Role::Structure, Some(structure.id), None, None).await?;
    notifier(
        db,
        &membres,
        "Une personne demande à rejoindre votre structure",
        &format!(
            "{prenom} {nom} ({email}) s’est connecté·e avec ProConnect au nom de {} : acceptez ou refusez sa \
             demande depuis la page « Agents et collègues ».",
            structure.nom
        ),
        "/agents",
    )
    .await?;
    Ok(Some(Issue::Envoyee))
}

/// The structure of a caller acting for one.
fn sa_structure(acteur: &Acteur) -> Result<i64, AppError> {
    let role = acteur.role()?;
    match (role.role, role.structure_id) {
        (Role::Structure, Some(id)) => Ok(id),
        _ => Err(AppError::Interdit(
            "Seuls les membres d’une structure répondent aux demandes de la rejoindre.".to_owned(),
        )),
    }
}

/// The requests waiting for the caller's structure, oldest first.
pub async fn en_attente(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Vec<entity::Model>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::StructureId.eq(sa_structure(acteur)?))
        .filter(entity::Column::Acceptee.is_null())
        .order_by_asc(entity::Column::Id)
        .all(db)
        .await?)
}

/// Answers a request of the caller's structure: accepted, the person is invited to the structure's role.
pub async fn repondre(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    accepter: bool,
) -> Result<entity::Model, AppError> {
    let structure_id = sa_structure(acteur)?;
    let demande = entity::Entity::find_by_id(id)
        .filter(entity::Column::StructureId.eq(structure_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Cette demande n’existe pas.".to_owned()))?;
    // Answered once, even by two members at the same moment.
    let prise = entity::Entity::update_many()
        .col_expr(
            entity::Column::Acceptee,
            sea_orm::sea_query::Expr::value(accepter),
        )
        .col_expr(
            entity::Column::ReponduLe,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .col_expr(
            entity::Column::ReponduPar,
            sea_orm::sea_query::Expr::value(acteur.utilisateur_id),
        )
        .filter(entity::Column::Id.eq(demande.id))
        .filter(entity::Column::Acceptee.is_null())
        .exec(db)
        .await?;
    if prise.rows_affected != 1 {
        return Err(AppError::Conflit(
            "Un autre membre de la structure a déjà répondu à cette demande.".to_owned(),
        ));
    }
    if accepter {
        let role = RoleDemande {
            role: Role::Structure,
            departement_code: None,
            region_code: None,
            structure_id: Some(structure_id),
        };
        invitations::inviter(db, Some(acteur), &demande.email, &role).await?;
    }
    Ok(entity::Entity::find_by_id(demande.id)
        .one(db)
        .await?
        .unwrap_or(demande))
}
