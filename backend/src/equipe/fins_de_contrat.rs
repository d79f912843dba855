//! Two months before a conseiller's contract ends, the coordinators whose perimeter holds its post are
//! warned, in the app and by email, so they can help with what comes next (the call's « faciliter la
//! transition professionnelle »). Once per contract end: the row of `alerte_fin_contrat` is the claim, so
//! several instances running this job send it once, and a renewed contract that ends again is warned
//! about again.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, Utc};
use maillage_shared::equipe::{ALERTE_FIN_CONTRAT_MOIS, fin_de_contrat_a_signaler};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::compte::entity::utilisateur;
use crate::error::AppError;
use crate::notification::service as notification;
use crate::poste::entity::conseiller;
use crate::structure::entity as structure;

/// Claims the warning of this contract end; `false` when another run already sent it.
async fn reclamer(db: &impl ConnectionTrait, conseiller_id: i64, fin: NaiveDate) -> Result<bool, AppError> {
    let mut insertion = Query::insert();
    insertion
        .into_table(Alias::new("alerte_fin_contrat"))
        .columns([
            Alias::new("conseiller_id"),
            Alias::new("contrat_fin"),
            Alias::new("signalee_le"),
        ])
        .values_panic([conseiller_id.into(), fin.into(), Utc::now().into()])
        .on_conflict(
            OnConflict::columns([Alias::new("conseiller_id"), Alias::new("contrat_fin")])
                .do_nothing()
                .to_owned(),
        );
    Ok(db.execute(&insertion).await?.rows_affected() == 1)
}

/// Warns the coordinators of every contract ending within two months not warned about yet; returns how
/// many contract ends were warned about.
pub async fn signaler(db: &impl ConnectionTrait, aujourd_hui: NaiveDate) -> Result<usize, AppError> {
    let limite = aujourd_hui
        .checked_add_months(chrono::Months::new(ALERTE_FIN_CONTRAT_MOIS))
        .unwrap_or(NaiveDate::MAX);
    let deja = Query::select()
        .expr(Expr::val(1))
        .from(Alias::new("alerte_fin_contrat"))
        .and_where(
            Expr::col((Alias::new("alerte_fin_contrat"), Alias::new("conseiller_id")))
                .equals((conseiller::Entity, conseiller::Column::Id)),
        )
        .and_where(
            Expr::col((Alias::new("alerte_fin_contrat"), Alias::new("contrat_fin")))
                .equals((conseiller::Entity, conseiller::Column::ContratFin)),
        )
        .to_owned();
    let a_signaler: Vec<conseiller::Model> = conseiller::Entity::find()
        .filter(conseiller::Column::ContratFin.between(aujourd_hui, limite))
        .filter(Expr::exists(deja).not())
        .all(db)
        .await?
        .into_iter()
        .filter(|c| {
            c.contrat_fin
                .is_some_and(|fin| fin_de_contrat_a_signaler(fin, aujourd_hui))
        })
        .collect();
    if a_signaler.is_empty() {
        return Ok(0);
    }
    let communes: BTreeSet<String> = a_signaler.iter().map(|c| c.commune_code.clone()).collect();
    let coordinateurs = crate::poste::perimetre::coordinateurs_des_communes(db, &communes).await?;
    let personnes: BTreeMap<i64, utilisateur::Model> = utilisateur::Entity::find()
        .filter(
            utilisateur::Column::Id.is_in(
                a_signaler
                    .iter()
                    .map(|c| c.utilisateur_id)
                    .chain(coordinateurs.values().flatten().copied()),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let employeurs: BTreeMap<i64, String> = structure::Entity::find()
        .filter(structure::Column::Id.is_in(a_signaler.iter().map(|c| c.structure_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.nom))
        .collect();
    let mut signales = 0;
    for conseiller in a_signaler {
        let Some(fin) = conseiller.contrat_fin else {
            continue;
        };
        if !reclamer(db, conseiller.id, fin).await? {
            continue;
        }
        signales += 1;
        let destinataires: Vec<utilisateur::Model> = coordinateurs
            .get(&conseiller.commune_code)
            .into_iter()
            .flatten()
            .filter_map(|id| personnes.get(id).cloned())
            .collect();
        let nom = personnes
            .get(&conseiller.utilisateur_id)
            .map(|p| format!("{} {}", p.prenom, p.nom))
            .unwrap_or_default();
        notification::notifier(
            db,
            &destinataires,
            "Fin de contrat dans deux mois",
            &format!(
                "Le contrat de {nom}, conseiller numérique chez {}, se termine le {}. Préparez avec lui la suite \
                 de son parcours professionnel.",
                employeurs.get(&conseiller.structure_id).map_or("son employeur", String::as_str),
                fin.format("%d/%m/%Y")
            ),
            "/coordination/equipe",
        )
        .await?;
    }
    Ok(signales)
}
