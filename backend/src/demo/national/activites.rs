//! The national demo's accompaniments: a year of activity per conseiller, written in bulk with their
//! monthly rollup.

use chrono::{Days, NaiveDate, Utc};
use maillage_shared::activite::{Canal, THEMES, TypeAccompagnement};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, EntityTrait, TransactionSession, TransactionTrait};

use super::Hasard;
use crate::activite::cumul::{Compte, Cumuls};
use crate::error::AppError;

/// A year of accompaniments for every conseiller, committed every 200 000 rows.
pub(super) async fn generer_activites<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    par_conseiller: usize,
    aujourd_hui: NaiveDate,
    graine: u64,
) -> Result<(), AppError> {
    let conseillers = crate::poste::entity::conseiller::Entity::find().all(db).await?;
    // Each conseiller's accompaniments count for the département of its commune.
    let communes: std::collections::HashMap<String, (String, Option<String>)> =
        crate::territoire::entity::commune::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|commune| (commune.code, (commune.departement_code, commune.epci_code)))
            .collect();
    let total = conseillers.len() * par_conseiller;
    let mut hasard = Hasard(graine ^ 0xC0FF_EE00);
    let maintenant = Utc::now();
    let mut progression = crate::progression::Progression::default();
    let colonnes = [
        "conseiller_id",
        "date",
        "type",
        "canal",
        "themes",
        "duree_minutes",
        "participants",
        "commune_code",
        "cree_le",
        "structure_id",
    ];
    let lot = 30_000 / colonnes.len();
    let mut fait = 0;
    let mut txn = crate::database::ecriture(db).await?;
    let mut dans_la_transaction = 0;
    let mut lignes: Vec<Vec<sea_orm::Value>> = Vec::with_capacity(lot);
    // The monthly rollup of what each transaction writes, added in that transaction.
    let mut cumul = Cumuls::default();
    for conseiller in &conseillers {
        let territoire = communes.get(&conseiller.commune_code);
        for _ in 0..par_conseiller {
            let collectif = hasard.sous(10) < 2;
            let type_accompagnement = if collectif {
                TypeAccompagnement::Collectif
            } else {
                TypeAccompagnement::Individuel
            };
            let jour = aujourd_hui
                .checked_sub_days(Days::new(hasard.sous(365) as u64))
                .unwrap_or(aujourd_hui);
            let canal = hasard.choisir(&Canal::ALL).as_str();
            let theme = *hasard.choisir(&THEMES);
            let minutes = 15 + 15 * hasard.sous(8) as i32;
            let participants = if collectif { 2 + hasard.sous(12) as i32 } else { 1 };
            cumul.compter(&Compte {
                conseiller_id: conseiller.id,
                departement: territoire.map(|(departement, _)| departement.as_str()),
                structure_id: Some(conseiller.structure_id),
                epci: territoire.and_then(|(_, epci)| epci.as_deref()),
                date: jour,
                type_accompagnement: type_accompagnement.as_str(),
                canal,
                themes: theme,
                commune: Some(&conseiller.commune_code),
                participants: i64::from(participants),
                minutes: i64::from(minutes),
            });
            lignes.push(vec![
                conseiller.id.into(),
                jour.into(),
                type_accompagnement.as_str().into(),
                canal.into(),
                theme.into(),
                minutes.into(),
                participants.into(),
                conseiller.commune_code.clone().into(),
                maintenant.into(),
                conseiller.structure_id.into(),
            ]);
            if lignes.len() == lot {
                ecrire_activites(&txn, &colonnes, std::mem::take(&mut lignes)).await?;
                fait += lot;
                dans_la_transaction += lot;
                if dans_la_transaction >= 200_000 {
                    std::mem::take(&mut cumul).ajouter_a(&txn).await?;
                    txn.commit().await?;
                    txn = crate::database::ecriture(db).await?;
                    dans_la_transaction = 0;
                }
                progression.signaler("activités", fait, total);
            }
        }
    }
    fait += lignes.len();
    ecrire_activites(&txn, &colonnes, lignes).await?;
    cumul.ajouter_a(&txn).await?;
    txn.commit().await?;
    progression.signaler("activités", fait, total);
    Ok(())
}

async fn ecrire_activites(
    db: &impl ConnectionTrait,
    colonnes: &[&str],
    lignes: Vec<Vec<sea_orm::Value>>,
) -> Result<(), AppError> {
    if lignes.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new("activite"))
        .columns(colonnes.iter().map(|c| Alias::new(*c)));
    for ligne in lignes {
        insert.values_panic(ligne.into_iter().map(Expr::value));
    }
    db.execute(&insert).await?;
    Ok(())
}
