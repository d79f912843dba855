//! Calls for applications: data, not constants. The real 2023 call is ensured at start-up; a candidature is
//! filed only while a call is open.

use chrono::NaiveDate;
use maillage_shared::candidature::CasDeFigure;
use maillage_shared::candidature::pieces::{NaturePiece, PieceRequise};
use maillage_shared::structure::CategorieStructure;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{appel, piece_requise};
use crate::error::AppError;

const fn requise(
    nature: NaturePiece,
    cas: Option<CasDeFigure>,
    categorie: Option<CategorieStructure>,
) -> PieceRequise {
    PieceRequise {
        nature,
        cas,
        categorie,
    }
}

/// The documents a new call requires (docs/decisions.md): the provisional budget of the post from everyone;
/// the deliberation of its assembly from a public body that has one; the statutes from a private-law
/// structure; the employment contract of the coordinator in post when bringing a post into the programme.
pub const PIECES_DU_PROGRAMME: [PieceRequise; 9] = [
    requise(NaturePiece::BudgetPrevisionnel, None, None),
    requise(
        NaturePiece::Deliberation,
        None,
        Some(CategorieStructure::Collectivite),
    ),
    requise(
        NaturePiece::Deliberation,
        None,
        Some(CategorieStructure::EtablissementPublicRattache),
    ),
    requise(NaturePiece::Deliberation, None, Some(CategorieStructure::Gip)),
    requise(NaturePiece::Statuts, None, Some(CategorieStructure::Association)),
    requise(
        NaturePiece::Statuts,
        None,
        Some(CategorieStructure::EntrepriseEss),
    ),
    requise(
        NaturePiece::Statuts,
        None,
        Some(CategorieStructure::PersonneMoraleInteretGeneral),
    ),
    requise(NaturePiece::Statuts, None, Some(CategorieStructure::Hub)),
    requise(NaturePiece::ContratDeTravail, Some(CasDeFigure::B2), None),
];

/// Creates a call with the programme's list of required documents.
pub async fn creer(
    db: &impl ConnectionTrait,
    nom: &str,
    ouverture: NaiveDate,
    cloture: NaiveDate,
) -> Result<appel::Model, sea_orm::DbErr> {
    let appel = appel::ActiveModel {
        id: NotSet,
        nom: Set(nom.to_owned()),
        ouverture: Set(ouverture),
        cloture: Set(cloture),
    }
    .insert(db)
    .await?;
    piece_requise::Entity::insert_many(
        PIECES_DU_PROGRAMME
            .iter()
            .map(|piece| piece_requise::ActiveModel {
                id: NotSet,
                appel_id: Set(appel.id),
                nature: Set(piece.nature.as_str().to_owned()),
                cas: Set(piece.cas.map(|cas| cas.as_str().to_owned())),
                categorie: Set(piece.categorie.map(|categorie| categorie.as_str().to_owned())),
            }),
    )
    .exec_without_returning(db)
    .await?;
    Ok(appel)
}

/// The call for applications of 2023: it closed on 10 December 2023 (IV). Its opening date is not in the
/// call's text: its publication month is assumed (docs/decisions.md).
pub(super) const APPEL_2023: &str = "Appel à candidatures Conseillers numériques coordinateurs 2023";
const OUVERTURE_2023: NaiveDate = date(2023, 10, 1);
const CLOTURE_2023: NaiveDate = date(2023, 12, 10);

const fn date(annee: i32, mois: u32, jour: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(annee, mois, jour) {
        Some(date) => date,
        None => panic!("date invalide"),
    }
}

/// Inserts the calls that are reference data when missing (run after every migration).
pub async fn assurer_appels_de_reference(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    if appel::Entity::find()
        .filter(appel::Column::Nom.eq(APPEL_2023))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    creer(db, APPEL_2023, OUVERTURE_2023, CLOTURE_2023).await?;
    Ok(())
}

/// The open call of the day (the most recently opened one), if any.
pub async fn appel_ouvert(
    db: &impl ConnectionTrait,
    aujourd_hui: NaiveDate,
) -> Result<Option<appel::Model>, AppError> {
    Ok(appel::Entity::find()
        .filter(appel::Column::Ouverture.lte(aujourd_hui))
        .filter(appel::Column::Cloture.gte(aujourd_hui))
        .order_by_desc(appel::Column::Ouverture)
        .one(db)
        .await?)
}
