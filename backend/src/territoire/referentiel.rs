//! The territorial referential shipped with the app (`backend/data/territoires.json`, derived from npm
//! `@etalab/decoupage-administratif` by `backend/data/generer-territoires.mjs`) and its import.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, bail};
use maillage_shared::territoire::{Zone, cle_recherche};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, TransactionSession, TransactionTrait,
};
use serde::Deserialize;

use super::entity::{commune, commune_code_postal, departement, epci, epci_departement, region};

/// The referential embedded in the binary, so the app needs neither npm nor network to run.
pub const EMBARQUE: &str = include_str!("../../data/territoires.json");

/// Rows per INSERT: below SQLite's and PostgreSQL's bound on bound parameters for the widest table.
const LOT: usize = 500;

/// The referential file: one array per level, as written by the generator.
#[derive(Debug, Deserialize)]
pub struct Referentiel {
    /// Package and version the data comes from.
    pub source: String,
    pub regions: Vec<RegionSource>,
    pub departements: Vec<DepartementSource>,
    pub epcis: Vec<EpciSource>,
    pub communes: Vec<CommuneSource>,
}

/// `[code, nom, zone]`
#[derive(Debug, Deserialize)]
pub struct RegionSource(pub String, pub String, pub String);

/// `[code, nom, région, zone]`
#[derive(Debug, Deserialize)]
pub struct DepartementSource(pub String, pub String, pub String, pub String);

/// `[siren, nom, nature]`
#[derive(Debug, Deserialize)]
pub struct EpciSource(pub String, pub String, pub String);

/// `[code, nom, département, région, zone, siren, population, epci, codes postaux, [latitude, longitude]]`
#[derive(Debug, Deserialize)]
pub struct CommuneSource(
    pub String,
    pub String,
    pub String,
    pub String,
    pub String,
    pub Option<String>,
    pub i64,
    pub Option<String>,
    pub Vec<String>,
    #[serde(default)] pub Option<(f64, f64)>,
);

/// How many rows of each level an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bilan {
    pub regions: usize,
    pub departements: usize,
    pub epcis: usize,
    pub communes: usize,
    pub codes_postaux: usize,
}

impl Referentiel {
    /// Parses a referential file and checks that every zone is known.
    pub fn lire(json: &str) -> anyhow::Result<Self> {
        let referentiel: Referentiel =
            serde_json::from_str(json).context("fichier de territoires illisible")?;
        for zone in referentiel
            .regions
            .iter()
            .map(|r| &r.2)
            .chain(referentiel.departements.iter().map(|d| &d.3))
            .chain(referentiel.communes.iter().map(|c| &c.4))
        {
            if Zone::parse(zone).is_none() {
                bail!("zone inconnue dans le fichier de territoires : {zone}");
            }
        }
        Ok(referentiel)
    }

    /// The referential embedded in the binary.
    pub fn embarque() -> anyhow::Result<Self> {
        Self::lire(EMBARQUE)
    }
}

/// Whether the referential has never been loaded into this database.
async fn est_vide(db: &impl ConnectionTrait) -> Result<bool, sea_orm::DbErr> {
    Ok(region::Entity::find().count(db).await? == 0)
}

/// Whether the referential should be written at start: never loaded, or loaded before the communes had
/// their centre (a database migrated from then gets them at its next start, by the same upsert).
pub async fn a_charger(db: &impl ConnectionTrait) -> Result<bool, sea_orm::DbErr> {
    use sea_orm::QueryFilter;
    Ok(est_vide(db).await?
        || commune::Entity::find()
            .filter(sea_orm::ColumnTrait::is_not_null(&commune::Column::Latitude))
            .count(db)
            .await?
            == 0)
}

/// Writes the referential in one transaction: territories are upserted by code (so running it again
/// changes nothing, and rows referenced elsewhere stay), and the membership tables are rewritten.
/// Populations and counts are summed upwards from the communes. `progression(étape, fait, total)` is
/// called as rows are written.
pub async fn importer<C: TransactionTrait>(
    db: &C,
    referentiel: &Referentiel,
    mut progression: impl FnMut(&str, usize, usize),
) -> anyhow::Result<Bilan> {
    let mut population_departement: BTreeMap<&str, i64> = BTreeMap::new();
    let mut communes_departement: BTreeMap<&str, i64> = BTreeMap::new();
    let mut population_region: BTreeMap<&str, i64> = BTreeMap::new();
    let mut communes_region: BTreeMap<&str, i64> = BTreeMap::new();
    let mut population_epci: BTreeMap<&str, i64> = BTreeMap::new();
    let mut communes_epci: BTreeMap<&str, i64> = BTreeMap::new();
    let mut epci_departements: BTreeSet<(&str, &str)> = BTreeSet::new();
    for CommuneSource(_, _, departement, region, _, _, population, epci, _, _) in &referentiel.communes {
        *population_departement.entry(departement).or_default() += population;
        *communes_departement.entry(departement).or_default() += 1;
        *population_region.entry(region).or_default() += population;
        *communes_region.entry(region).or_default() += 1;
        if let Some(epci) = epci {
            *population_epci.entry(epci).or_default() += population;
            *communes_epci.entry(epci).or_default() += 1;
            epci_departements.insert((epci, departement));
        }
    }
    let mut epcis_departement: BTreeMap<&str, i64> = BTreeMap::new();
    for (_, departement) in &epci_departements {
        *epcis_departement.entry(departement).or_default() += 1;
    }

    let txn = crate::database::ecriture(db).await?;
    let regions: Vec<region::ActiveModel> = referentiel
        .regions
        .iter()
        .map(|RegionSource(code, nom, zone)| region::ActiveModel {
            code: Set(code.clone()),
            nom: Set(nom.clone()),
            cle_recherche: Set(cle_recherche(nom)),
            zone: Set(zone.clone()),
            population: Set(population_region.get(code.as_str()).copied().unwrap_or(0)),
            nombre_communes: Set(communes_region.get(code.as_str()).copied().unwrap_or(0)),
        })
        .collect();
    ecrire_par_lots::<region::Entity, _>(
        &txn,
        regions,
        Some((
            region::Column::Code,
            &[
                region::Column::Nom,
                region::Column::CleRecherche,
                region::Column::Zone,
                region::Column::Population,
                region::Column::NombreCommunes,
            ],
        )),
        "régions",
        &mut progression,
    )
    .await?;

    let departements: Vec<departement::ActiveModel> = referentiel
        .departements
        .iter()
        .map(
            |DepartementSource(code, nom, region, zone)| departement::ActiveModel {
                code: Set(code.clone()),
                nom: Set(nom.clone()),
                cle_recherche: Set(cle_recherche(nom)),
                region_code: Set(region.clone()),
                zone: Set(zone.clone()),
                population: Set(population_departement.get(code.as_str()).copied().unwrap_or(0)),
                nombre_communes: Set(communes_departement.get(code.as_str()).copied().unwrap_or(0)),
                nombre_epcis: Set(epcis_departement.get(code.as_str()).copied().unwrap_or(0)),
            },
        )
        .collect();
    ecrire_par_lots::<departement::Entity, _>(
        &txn,
        departements,
        Some((
            departement::Column::Code,
            &[
                departement::Column::Nom,
                departement::Column::CleRecherche,
                departement::Column::RegionCode,
                departement::Column::Zone,
                departement::Column::Population,
                departement::Column::NombreCommunes,
                departement::Column::NombreEpcis,
            ],
        )),
        "départements",
        &mut progression,
    )
    .await?;

    let epcis: Vec<epci::ActiveModel> = referentiel
        .epcis
        .iter()
        .map(|EpciSource(code, nom, nature)| epci::ActiveModel {
            code: Set(code.clone()),
            nom: Set(nom.clone()),
            cle_recherche: Set(cle_recherche(nom)),
            nature: Set(nature.clone()),
            population: Set(population_epci.get(code.as_str()).copied().unwrap_or(0)),
            nombre_communes: Set(communes_epci.get(code.as_str()).copied().unwrap_or(0)),
        })
        .collect();
    ecrire_par_lots::<epci::Entity, _>(
        &txn,
        epcis,
        Some((
            epci::Column::Code,
            &[
                epci::Column::Nom,
                epci::Column::CleRecherche,
                epci::Column::Nature,
                epci::Column::Population,
                epci::Column::NombreCommunes,
            ],
        )),
        "EPCI",
        &mut progression,
    )
    .await?;

    let communes: Vec<commune::ActiveModel> = referentiel
        .communes
        .iter()
        .map(
            |CommuneSource(code, nom, departement, region, zone, siren, population, epci, _, centre)| {
                commune::ActiveModel {
                    code: Set(code.clone()),
                    nom: Set(nom.clone()),
                    cle_recherche: Set(cle_recherche(nom)),
                    departement_code: Set(departement.clone()),
                    region_code: Set(region.clone()),
                    epci_code: Set(epci.clone()),
                    siren: Set(siren.clone()),
                    zone: Set(zone.clone()),
                    population: Set(*population),
                    latitude: Set(centre.map(|(latitude, _)| latitude)),
                    longitude: Set(centre.map(|(_, longitude)| longitude)),
                }
            },
        )
        .collect();
    ecrire_par_lots::<commune::Entity, _>(
        &txn,
        communes,
        Some((
            commune::Column::Code,
            &[
                commune::Column::Nom,
                commune::Column::CleRecherche,
                commune::Column::DepartementCode,
                commune::Column::RegionCode,
                commune::Column::EpciCode,
                commune::Column::Siren,
                commune::Column::Zone,
                commune::Column::Population,
                commune::Column::Latitude,
                commune::Column::Longitude,
            ],
        )),
        "communes",
        &mut progression,
    )
    .await?;

    // Membership tables are derived data that nothing references: rewrite them.
    epci_departement::Entity::delete_many().exec(&txn).await?;
    let liens: Vec<epci_departement::ActiveModel> = epci_departements
        .iter()
        .map(|(epci, departement)| epci_departement::ActiveModel {
            epci_code: Set((*epci).to_owned()),
            departement_code: Set((*departement).to_owned()),
        })
        .collect();
    ecrire_par_lots::<epci_departement::Entity, _>(
        &txn,
        liens,
        None,
        "EPCI × départements",
        &mut progression,
    )
    .await?;

    commune_code_postal::Entity::delete_many().exec(&txn).await?;
    let codes_postaux: Vec<commune_code_postal::ActiveModel> = referentiel
        .communes
        .iter()
        .flat_map(|commune| {
            // A few communes list a postal code twice; the pair is the key.
            let uniques: BTreeSet<&String> = commune.8.iter().collect();
            uniques
                .into_iter()
                .map(|code_postal| commune_code_postal::ActiveModel {
                    commune_code: Set(commune.0.clone()),
                    code_postal: Set(code_postal.clone()),
                })
        })
        .collect();
    let nombre_codes_postaux = codes_postaux.len();
    ecrire_par_lots::<commune_code_postal::Entity, _>(
        &txn,
        codes_postaux,
        None,
        "codes postaux",
        &mut progression,
    )
    .await?;
    // Populations and communes may have changed: the covered population with them.
    super::etendue::figures_modifiees(&txn, &super::etendue::Etendue::Nationale).await?;
    txn.commit().await?;

    Ok(Bilan {
        regions: referentiel.regions.len(),
        departements: referentiel.departements.len(),
        epcis: referentiel.epcis.len(),
        communes: referentiel.communes.len(),
        codes_postaux: nombre_codes_postaux,
    })
}

/// Inserts `rows` in batches of [`LOT`], upserting on `key` when given, and reports progress.
async fn ecrire_par_lots<E, A>(
    txn: &impl ConnectionTrait,
    rows: Vec<A>,
    upsert: Option<(E::Column, &[E::Column])>,
    etape: &str,
    progression: &mut impl FnMut(&str, usize, usize),
) -> Result<(), sea_orm::DbErr>
where
    E: EntityTrait,
    A: sea_orm::ActiveModelTrait<Entity = E> + Send,
{
    let total = rows.len();
    let mut fait = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let lot: Vec<A> = rows.by_ref().take(LOT).collect();
        fait += lot.len();
        let mut insert = E::insert_many(lot);
        if let Some((key, update)) = upsert {
            insert = insert.on_conflict(
                OnConflict::column(key)
                    .update_columns(update.iter().copied())
                    .to_owned(),
            );
        }
        insert.exec_without_returning(txn).await?;
        progression(etape, fait, total);
    }
    Ok(())
}
