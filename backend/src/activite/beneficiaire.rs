//! The people a conseiller follows across accompaniments. An accompaniment is anonymous unless the person
//! agreed to be named; a named person's accompaniments can be read together, two records of one person are
//! proposed for merging, and a person's record is erased at their request (their accompaniments stay in the
//! figures, anonymous).

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use maillage_shared::activite::{BeneficiaireNomme, cle_de_doublon, verifier_beneficiaire};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::error::AppError;

pub mod entity {
    //! A followed person, named with consent.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "beneficiaire")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// The conseiller who follows the person: the only one who reads the name.
        pub conseiller_id: i64,
        pub prenom: String,
        pub nom: String,
        pub annee_naissance: Option<i32>,
        pub commune_code: Option<String>,
        /// When the person agreed to be named.
        pub consentement_le: DateTimeUtc,
        pub cree_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Who an accompaniment was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonneSuivie {
    /// A person the conseiller already follows.
    Existante(i64),
    /// A person named for the first time, with their consent.
    Nouvelle {
        prenom: String,
        nom: String,
        annee_naissance: Option<i32>,
        consentement: bool,
    },
}

impl PersonneSuivie {
    /// What is wrong with it, in French (the rules of `maillage_shared::activite`).
    pub fn problemes(&self, annee: i32) -> Vec<String> {
        match self {
            PersonneSuivie::Existante(_) => Vec::new(),
            PersonneSuivie::Nouvelle {
                prenom,
                nom,
                annee_naissance,
                consentement,
            } => verifier_beneficiaire(
                &BeneficiaireNomme {
                    prenom,
                    nom,
                    annee_naissance: *annee_naissance,
                    consentement: *consentement,
                },
                annee,
            ),
        }
    }
}

/// The id of the person an accompaniment of conseiller `conseiller_id` is for: the existing record, which
/// must be one of the conseiller's, or a new one.
pub async fn retenir(
    db: &impl ConnectionTrait,
    conseiller_id: i64,
    personne: &PersonneSuivie,
) -> Result<i64, AppError> {
    match personne {
        PersonneSuivie::Existante(id) => Ok(des_miens(db, conseiller_id, &[*id]).await?[0].id),
        PersonneSuivie::Nouvelle {
            prenom,
            nom,
            annee_naissance,
            ..
        } => {
            let maintenant = Utc::now();
            let cree = entity::ActiveModel {
                conseiller_id: Set(conseiller_id),
                prenom: Set(prenom.trim().to_owned()),
                nom: Set(nom.trim().to_owned()),
                annee_naissance: Set(*annee_naissance),
                commune_code: Set(None),
                consentement_le: Set(maintenant),
                cree_le: Set(maintenant),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(cree.id)
        }
    }
}

/// The records `ids`, each one of conseiller `conseiller_id`'s (`NOT_FOUND` otherwise: another conseiller's
/// followed people do not exist for it), in the order asked.
async fn des_miens(
    db: &impl ConnectionTrait,
    conseiller_id: i64,
    ids: &[i64],
) -> Result<Vec<entity::Model>, AppError> {
    let trouves: BTreeMap<i64, entity::Model> = entity::Entity::find()
        .filter(entity::Column::Id.is_in(ids.iter().copied()))
        .filter(entity::Column::ConseillerId.eq(conseiller_id))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    ids.iter()
        .map(|id| {
            trouves.get(id).cloned().ok_or_else(|| {
                AppError::Introuvable("Cette personne ne fait pas partie de vos bénéficiaires.".to_owned())
            })
        })
        .collect()
}

/// A followed person with their accompaniments so far.
#[derive(Debug, Clone)]
pub struct Suivi {
    pub personne: entity::Model,
    pub accompagnements: i64,
    pub dernier: Option<NaiveDate>,
    /// The conseiller's other records that are probably the same person: proposed for merging.
    pub doublons: Vec<i64>,
}

/// The people conseiller `conseiller_id` follows, by name, with their accompaniment counts (one statement
/// over its accompaniments with a person, by the index on `beneficiaire_id`) and their likely duplicates.
pub async fn suivis(db: &impl ConnectionTrait, conseiller_id: i64) -> Result<Vec<Suivi>, AppError> {
    let personnes = entity::Entity::find()
        .filter(entity::Column::ConseillerId.eq(conseiller_id))
        .order_by_asc(entity::Column::Nom)
        .order_by_asc(entity::Column::Prenom)
        .order_by_asc(entity::Column::Id)
        .all(db)
        .await?;
    let mut comptes: BTreeMap<i64, (i64, Option<NaiveDate>)> = BTreeMap::new();
    if !personnes.is_empty() {
        let select = Query::select()
            .column(Alias::new("beneficiaire_id"))
            .expr_as(Func::count(Expr::col(Alias::new("id"))), Alias::new("nombre"))
            .expr_as(Func::max(Expr::col(Alias::new("date"))), Alias::new("dernier"))
            .from(Alias::new("activite"))
            .and_where(Expr::col(Alias::new("conseiller_id")).eq(conseiller_id))
            .and_where(Expr::col(Alias::new("beneficiaire_id")).is_not_null())
            .group_by_col(Alias::new("beneficiaire_id"))
            .to_owned();
        for ligne in db.query_all(&select).await? {
            comptes.insert(
                ligne.try_get("", "beneficiaire_id")?,
                (ligne.try_get("", "nombre")?, ligne.try_get("", "dernier")?),
            );
        }
    }
    let mut par_cle: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for personne in &personnes {
        par_cle
            .entry(cle_de_doublon(&personne.prenom, &personne.nom))
            .or_default()
            .push(personne.id);
    }
    Ok(personnes
        .into_iter()
        .map(|personne| {
            let (accompagnements, dernier) = comptes.get(&personne.id).copied().unwrap_or((0, None));
            let doublons = par_cle[&cle_de_doublon(&personne.prenom, &personne.nom)]
                .iter()
                .copied()
                .filter(|id| *id != personne.id)
                .collect();
            Suivi {
                personne,
                accompagnements,
                dernier,
                doublons,
            }
        })
        .collect())
}

/// Merges record `doublon` into `garde` (both conseiller `conseiller_id`'s): its accompaniments move over, a
/// birth year `garde` lacks is taken from it, and it disappears.
pub async fn fusionner(
    db: &impl ConnectionTrait,
    conseiller_id: i64,
    garde: i64,
    doublon: i64,
) -> Result<(), AppError> {
    if garde == doublon {
        return Err(AppError::InvalidInput(
            "Choisissez deux fiches différentes à fusionner.".to_owned(),
        ));
    }
    let fiches = des_miens(db, conseiller_id, &[garde, doublon]).await?;
    let update = Query::update()
        .table(Alias::new("activite"))
        .value(Alias::new("beneficiaire_id"), garde)
        .and_where(Expr::col(Alias::new("beneficiaire_id")).eq(doublon))
        .to_owned();
    db.execute(&update).await?;
    if fiches[0].annee_naissance.is_none() && fiches[1].annee_naissance.is_some() {
        let mut gardee: entity::ActiveModel = fiches[0].clone().into();
        gardee.annee_naissance = Set(fiches[1].annee_naissance);
        gardee.update(db).await?;
    }
    entity::Entity::delete_by_id(doublon).exec(db).await?;
    Ok(())
}

/// Erases record `id` (conseiller `conseiller_id`'s) at the person's request: the name is gone, the
/// accompaniments stay in the figures without it.
pub async fn effacer(db: &impl ConnectionTrait, conseiller_id: i64, id: i64) -> Result<(), AppError> {
    des_miens(db, conseiller_id, &[id]).await?;
    let update = Query::update()
        .table(Alias::new("activite"))
        .value(Alias::new("beneficiaire_id"), Option::<i64>::None)
        .and_where(Expr::col(Alias::new("beneficiaire_id")).eq(id))
        .to_owned();
    db.execute(&update).await?;
    entity::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// One accompaniment of a followed person, as its conseiller reads it.
#[derive(Debug, Clone)]
pub struct Passage {
    pub date: NaiveDate,
    pub themes: Vec<String>,
    pub duree_minutes: i32,
    pub autonomie: Option<String>,
    pub orientation: Option<String>,
}

/// The accompaniments of person `id` (conseiller `conseiller_id`'s), latest first.
pub async fn passages(
    db: &impl ConnectionTrait,
    conseiller_id: i64,
    id: i64,
) -> Result<Vec<Passage>, AppError> {
    des_miens(db, conseiller_id, &[id]).await?;
    let select = Query::select()
        .columns(["date", "themes", "duree_minutes", "autonomie", "orientation"].map(Alias::new))
        .from(Alias::new("activite"))
        .and_where(Expr::col(Alias::new("beneficiaire_id")).eq(id))
        .order_by(Alias::new("date"), sea_orm::Order::Desc)
        .order_by(Alias::new("id"), sea_orm::Order::Desc)
        .to_owned();
    let mut liste = Vec::new();
    for ligne in db.query_all(&select).await? {
        let themes: String = ligne.try_get("", "themes")?;
        liste.push(Passage {
            date: ligne.try_get("", "date")?,
            themes: themes.split('|').map(str::to_owned).collect(),
            duree_minutes: ligne.try_get("", "duree_minutes")?,
            autonomie: ligne.try_get("", "autonomie")?,
            orientation: ligne.try_get("", "orientation")?,
        });
    }
    Ok(liste)
}
