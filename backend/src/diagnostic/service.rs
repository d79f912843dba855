//! Computes the diagnosis from the perimeter's communes in four queries, whatever its size.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use maillage_shared::indicateur::habitants_par_conseiller;
use maillage_shared::lieu::services_manquants;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::poste::perimetre::{communes_du_perimetre, mon_poste};
use crate::territoire::entity::{commune, epci};

/// A commune of the perimeter and its offer.
#[derive(Debug, Clone)]
pub struct LigneCommune {
    pub commune: commune::Model,
    pub lieux: i64,
    pub conseillers: i64,
    /// The `services` cells of its lieux.
    pub services: Vec<String>,
}

impl LigneCommune {
    pub fn habitants_par_conseiller(&self) -> Option<i64> {
        habitants_par_conseiller(self.commune.population, self.conseillers)
    }
}

/// An EPCI of the perimeter (its communes inside the perimeter only).
#[derive(Debug, Clone)]
pub struct LigneEpci {
    pub epci: epci::Model,
    pub population: i64,
    pub communes: i64,
    pub lieux: i64,
    pub conseillers: i64,
    /// By decreasing population: the first to equip.
    pub communes_sans_lieu: Vec<LigneCommune>,
    pub services_manquants: Vec<&'static str>,
}

impl LigneEpci {
    pub fn habitants_par_conseiller(&self) -> Option<i64> {
        habitants_par_conseiller(self.population, self.conseillers)
    }
}

/// The diagnosis of a perimeter.
#[derive(Debug, Clone, Default)]
pub struct Diagnostic {
    /// The départements the perimeter lies in, to draw it.
    pub departements: Vec<String>,
    /// The EPCI of the perimeter, by name.
    pub epcis: Vec<LigneEpci>,
    /// Every commune of the perimeter, by code.
    pub communes: Vec<LigneCommune>,
}

impl Diagnostic {
    pub fn population(&self) -> i64 {
        self.communes.iter().map(|c| c.commune.population).sum()
    }

    pub fn lieux(&self) -> i64 {
        self.communes.iter().map(|c| c.lieux).sum()
    }

    pub fn conseillers(&self) -> i64 {
        self.communes.iter().map(|c| c.conseillers).sum()
    }

    pub fn communes_sans_lieu(&self) -> i64 {
        self.communes.iter().filter(|c| c.lieux == 0).count() as i64
    }

    pub fn services_manquants(&self) -> Vec<&'static str> {
        services_manquants(
            self.communes
                .iter()
                .flat_map(|c| c.services.iter().map(String::as_str)),
        )
    }
}

/// The diagnosis of the calling coordinator's perimeter (role COORDINATEUR).
pub async fn du_coordinateur(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<Diagnostic, AppError> {
    let (_, validee) = mon_poste(db, acteur).await?;
    let communes = communes_du_perimetre(db, &validee).await?;
    calculer(db, communes, aujourd_hui).await
}

/// The diagnosis of these communes.
pub async fn calculer(
    db: &impl ConnectionTrait,
    communes: Vec<commune::Model>,
    aujourd_hui: NaiveDate,
) -> Result<Diagnostic, AppError> {
    let codes: Vec<String> = communes.iter().map(|c| c.code.clone()).collect();
    let mut lieux: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut conseillers: BTreeMap<String, i64> = BTreeMap::new();
    for paquet in codes.chunks(1_000) {
        let mut select = Query::select();
        select
            .from(Alias::new("lieu"))
            .columns(["commune_code", "services"].map(Alias::new))
            .and_where(Expr::col(Alias::new("commune_code")).is_in(paquet.to_vec()))
            .and_where(Expr::col(Alias::new("ferme_le")).is_null());
        for ligne in db.query_all(&select).await? {
            let commune: String = ligne.try_get("", "commune_code")?;
            lieux
                .entry(commune)
                .or_default()
                .push(ligne.try_get("", "services")?);
        }
        let mut select = Query::select();
        select
            .from(Alias::new("conseiller"))
            .column(Alias::new("commune_code"))
            .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
            .and_where(Expr::col(Alias::new("commune_code")).is_in(paquet.to_vec()))
            .and_where(
                Expr::col(Alias::new("contrat_fin"))
                    .is_null()
                    .or(Expr::col(Alias::new("contrat_fin")).gte(aujourd_hui)),
            )
            .group_by_col(Alias::new("commune_code"));
        for ligne in db.query_all(&select).await? {
            conseillers.insert(ligne.try_get("", "commune_code")?, ligne.try_get("", "n")?);
        }
    }
    let mut codes_epci: Vec<String> = communes.iter().filter_map(|c| c.epci_code.clone()).collect();
    codes_epci.sort();
    codes_epci.dedup();
    let mut epcis = epci::Entity::find()
        .filter(epci::Column::Code.is_in(codes_epci))
        .all(db)
        .await?;
    epcis.sort_by(|a, b| a.nom.cmp(&b.nom));

    let mut departements: Vec<String> = communes.iter().map(|c| c.departement_code.clone()).collect();
    departements.sort();
    departements.dedup();
    let lignes: Vec<LigneCommune> = communes
        .into_iter()
        .map(|commune| {
            let services = lieux.remove(&commune.code).unwrap_or_default();
            LigneCommune {
                lieux: services.len() as i64,
                conseillers: conseillers.get(&commune.code).copied().unwrap_or(0),
                services,
                commune,
            }
        })
        .collect();
    let epcis = epcis
        .into_iter()
        .map(|epci| {
            let siennes: Vec<&LigneCommune> = lignes
                .iter()
                .filter(|l| l.commune.epci_code.as_deref() == Some(epci.code.as_str()))
                .collect();
            let mut sans_lieu: Vec<LigneCommune> = siennes
                .iter()
                .filter(|l| l.lieux == 0)
                .map(|l| (*l).clone())
                .collect();
            sans_lieu.sort_by(|a, b| {
                (b.commune.population, &a.commune.nom).cmp(&(a.commune.population, &b.commune.nom))
            });
            LigneEpci {
                population: siennes.iter().map(|l| l.commune.population).sum(),
                communes: siennes.len() as i64,
                lieux: siennes.iter().map(|l| l.lieux).sum(),
                conseillers: siennes.iter().map(|l| l.conseillers).sum(),
                services_manquants: services_manquants(
                    siennes.iter().flat_map(|l| l.services.iter().map(String::as_str)),
                ),
                communes_sans_lieu: sans_lieu,
                epci,
            }
        })
        .collect();
    Ok(Diagnostic {
        departements,
        epcis,
        communes: lignes,
    })
}
