//! Reads of the territorial referential. Every function takes any connection (pool or transaction).

use std::collections::HashMap;

use maillage_shared::territoire::{NatureTerritoire, SearchQuery, Zone};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::entity::{commune, commune_code_postal, departement, epci, epci_departement, region};

/// Régions, by name; overseas collectivités only when asked.
pub async fn regions(db: &impl ConnectionTrait, avec_com: bool) -> Result<Vec<region::Model>, DbErr> {
    let mut query = region::Entity::find().order_by_asc(region::Column::CleRecherche);
    if !avec_com {
        query = query.filter(region::Column::Zone.ne(Zone::Com.as_str()));
    }
    query.all(db).await
}

/// Départements, by code: the programme's 101, plus overseas collectivités only when asked.
pub async fn departements(
    db: &impl ConnectionTrait,
    avec_com: bool,
) -> Result<Vec<departement::Model>, DbErr> {
    let mut query = departement::Entity::find().order_by_asc(departement::Column::Code);
    if !avec_com {
        query = query.filter(departement::Column::Zone.ne(Zone::Com.as_str()));
    }
    query.all(db).await
}

/// Régions by code, for the loaders.
pub async fn regions_par_code(
    db: &impl ConnectionTrait,
    codes: &[String],
) -> Result<HashMap<String, region::Model>, DbErr> {
    let rows = region::Entity::find()
        .filter(region::Column::Code.is_in(codes.iter().cloned()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.code.clone(), row)).collect())
}

/// Départements by code, for the loaders.
pub async fn departements_par_code(
    db: &impl ConnectionTrait,
    codes: &[String],
) -> Result<HashMap<String, departement::Model>, DbErr> {
    let rows = departement::Entity::find()
        .filter(departement::Column::Code.is_in(codes.iter().cloned()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.code.clone(), row)).collect())
}

/// EPCI by SIREN, for the loaders.
pub async fn epcis_par_code(
    db: &impl ConnectionTrait,
    codes: &[String],
) -> Result<HashMap<String, epci::Model>, DbErr> {
    let rows = epci::Entity::find()
        .filter(epci::Column::Code.is_in(codes.iter().cloned()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.code.clone(), row)).collect())
}

/// Communes by INSEE code, for the loaders.
pub async fn communes_par_code(
    db: &impl ConnectionTrait,
    codes: &[String],
) -> Result<HashMap<String, commune::Model>, DbErr> {
    let rows = commune::Entity::find()
        .filter(commune::Column::Code.is_in(codes.iter().cloned()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.code.clone(), row)).collect())
}

/// The départements of each région, by code.
pub async fn departements_des_regions(
    db: &impl ConnectionTrait,
    regions: &[String],
) -> Result<HashMap<String, Vec<departement::Model>>, DbErr> {
    let rows = departement::Entity::find()
        .filter(departement::Column::RegionCode.is_in(regions.iter().cloned()))
        .order_by_asc(departement::Column::Code)
        .all(db)
        .await?;
    Ok(grouper(rows, |row| row.region_code.clone()))
}

/// The EPCI having member communes in each département, by name. An EPCI spanning several
/// départements is listed in each of them.
pub async fn epcis_des_departements(
    db: &impl ConnectionTrait,
    departements: &[String],
) -> Result<HashMap<String, Vec<epci::Model>>, DbErr> {
    let liens = epci_departement::Entity::find()
        .filter(epci_departement::Column::DepartementCode.is_in(departements.iter().cloned()))
        .all(db)
        .await?;
    let departements_par_epci = grouper(liens, |lien| lien.epci_code.clone());
    let epcis = epci::Entity::find()
        .filter(epci::Column::Code.is_in(departements_par_epci.keys().cloned()))
        .order_by_asc(epci::Column::CleRecherche)
        .all(db)
        .await?;
    let mut groupes: HashMap<String, Vec<epci::Model>> = HashMap::new();
    for epci in epcis {
        for lien in departements_par_epci.get(&epci.code).into_iter().flatten() {
            groupes
                .entry(lien.departement_code.clone())
                .or_default()
                .push(epci.clone());
        }
    }
    Ok(groupes)
}

/// The départements each EPCI has member communes in, by code.
pub async fn departements_des_epcis(
    db: &impl ConnectionTrait,
    epcis: &[String],
) -> Result<HashMap<String, Vec<departement::Model>>, DbErr> {
    let liens = epci_departement::Entity::find()
        .filter(epci_departement::Column::EpciCode.is_in(epcis.iter().cloned()))
        .all(db)
        .await?;
    let codes: Vec<String> = liens.iter().map(|lien| lien.departement_code.clone()).collect();
    let par_code = departements_par_code(db, &codes).await?;
    let mut groupes: HashMap<String, Vec<departement::Model>> = HashMap::new();
    for lien in liens {
        if let Some(departement) = par_code.get(&lien.departement_code) {
            groupes
                .entry(lien.epci_code)
                .or_default()
                .push(departement.clone());
        }
    }
    for departements in groupes.values_mut() {
        departements.sort_by(|a, b| a.code.cmp(&b.code));
    }
    Ok(groupes)
}

/// The member communes of each EPCI, by name.
pub async fn communes_des_epcis(
    db: &impl ConnectionTrait,
    epcis: &[String],
) -> Result<HashMap<String, Vec<commune::Model>>, DbErr> {
    let rows = commune::Entity::find()
        .filter(commune::Column::EpciCode.is_in(epcis.iter().cloned()))
        .order_by_asc(commune::Column::CleRecherche)
        .all(db)
        .await?;
    Ok(grouper(rows, |row| row.epci_code.clone().unwrap_or_default()))
}

/// The postal codes of each commune, in order.
pub async fn codes_postaux_des_communes(
    db: &impl ConnectionTrait,
    communes: &[String],
) -> Result<HashMap<String, Vec<String>>, DbErr> {
    let rows = commune_code_postal::Entity::find()
        .filter(commune_code_postal::Column::CommuneCode.is_in(communes.iter().cloned()))
        .order_by_asc(commune_code_postal::Column::CodePostal)
        .all(db)
        .await?;
    let mut groupes: HashMap<String, Vec<String>> = HashMap::new();
    for row in rows {
        groupes.entry(row.commune_code).or_default().push(row.code_postal);
    }
    Ok(groupes)
}

/// One suggestion of the territory search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trouvaille {
    pub nature: NatureTerritoire,
    pub code: String,
    pub nom: String,
    pub population: i64,
    /// Where it is, to tell homonyms apart: "Finistère (29)", "29200 · Finistère (29)".
    pub contexte: String,
    /// 0 exact name or code, 1 name starts with the text, 2 a word of the name does.
    pertinence: u8,
    /// For communes: their département, named in the context once the page is chosen.
    departement_code: Option<String>,
    /// For communes found by postal code: that code, shown in the context.
    code_postal: Option<String>,
}

/// Candidates fetched per level before ranking: enough for a page of suggestions.
const CANDIDATS: u64 = 50;

/// Finds territories by name (accents and case ignored, word prefixes), INSEE code, SIREN, postal code or
/// département code, best first: exact matches, then name prefixes, then larger levels and populations.
pub async fn rechercher(
    db: &impl ConnectionTrait,
    query: &SearchQuery,
    premiers: usize,
) -> Result<Vec<Trouvaille>, DbErr> {
    let mut trouvailles = Vec::new();
    match query {
        SearchQuery::CinqChiffres(code) => {
            let par_code_postal: Vec<String> = commune_code_postal::Entity::find()
                .filter(commune_code_postal::Column::CodePostal.eq(code.as_str()))
                .all(db)
                .await?
                .into_iter()
                .map(|row| row.commune_code)
                .collect();
            let communes = commune::Entity::find()
                .filter(
                    Condition::any()
                        .add(commune::Column::Code.eq(code.as_str()))
                        .add(commune::Column::Code.is_in(par_code_postal)),
                )
                .order_by_desc(commune::Column::Population)
                .limit(CANDIDATS)
                .all(db)
                .await?;
            for commune in communes {
                let prefixe = if commune.code == *code {
                    None
                } else {
                    Some(code.as_str())
                };
                trouvailles.push(trouvaille_commune(commune, 0, prefixe));
            }
        }
        SearchQuery::Siren(siren) => {
            if let Some(epci) = epci::Entity::find_by_id(siren.clone()).one(db).await? {
                trouvailles.push(trouvaille_epci(epci, 0));
            }
            let communes = commune::Entity::find()
                .filter(commune::Column::Siren.eq(siren.as_str()))
                .all(db)
                .await?;
            trouvailles.extend(
                communes
                    .into_iter()
                    .map(|commune| trouvaille_commune(commune, 0, None)),
            );
        }
        SearchQuery::Departement(code) => {
            if let Some(departement) = departement::Entity::find_by_id(code.as_str()).one(db).await? {
                trouvailles.push(trouvaille_departement(departement, 0));
            }
        }
        SearchQuery::Nom(cle) => {
            let debut = format!("{cle}%");
            let mot = format!("% {cle}%");
            let regions = region::Entity::find()
                .filter(
                    Condition::any()
                        .add(region::Column::CleRecherche.like(&debut))
                        .add(region::Column::CleRecherche.like(&mot)),
                )
                .limit(CANDIDATS)
                .all(db)
                .await?;
            trouvailles.extend(regions.into_iter().map(|r| {
                let pertinence = pertinence(&r.cle_recherche, cle);
                trouvaille_region(r, pertinence)
            }));
            let departements = departement::Entity::find()
                .filter(
                    Condition::any()
                        .add(departement::Column::CleRecherche.like(&debut))
                        .add(departement::Column::CleRecherche.like(&mot)),
                )
                .limit(CANDIDATS)
                .all(db)
                .await?;
            trouvailles.extend(departements.into_iter().map(|d| {
                let pertinence = pertinence(&d.cle_recherche, cle);
                trouvaille_departement(d, pertinence)
            }));
            let epcis = epci::Entity::find()
                .filter(
                    Condition::any()
                        .add(epci::Column::CleRecherche.like(&debut))
                        .add(epci::Column::CleRecherche.like(&mot)),
                )
                .order_by_desc(epci::Column::Population)
                .limit(CANDIDATS)
                .all(db)
                .await?;
            trouvailles.extend(epcis.into_iter().map(|e| {
                let pertinence = pertinence(&e.cle_recherche, cle);
                trouvaille_epci(e, pertinence)
            }));
            let communes = commune::Entity::find()
                .filter(
                    Condition::any()
                        .add(commune::Column::CleRecherche.like(&debut))
                        .add(commune::Column::CleRecherche.like(&mot)),
                )
                .order_by_desc(commune::Column::Population)
                .limit(CANDIDATS)
                .all(db)
                .await?;
            trouvailles.extend(communes.into_iter().map(|c| {
                let pertinence = pertinence(&c.cle_recherche, cle);
                trouvaille_commune(c, pertinence, None)
            }));
        }
    }
    trouvailles.sort_by(|a, b| {
        (
            a.pertinence,
            niveau(a.nature),
            std::cmp::Reverse(a.population),
            &a.code,
        )
            .cmp(&(
                b.pertinence,
                niveau(b.nature),
                std::cmp::Reverse(b.population),
                &b.code,
            ))
    });
    trouvailles.truncate(premiers);
    nommer_departements(db, &mut trouvailles).await?;
    Ok(trouvailles)
}

fn pertinence(cle_nom: &str, cle: &str) -> u8 {
    if cle_nom == cle {
        0
    } else if cle_nom.starts_with(cle) {
        1
    } else {
        2
    }
}

/// Larger levels first among equally relevant names: a person typing "Finistère" wants the département.
fn niveau(nature: NatureTerritoire) -> u8 {
    match nature {
        NatureTerritoire::Region => 0,
        NatureTerritoire::Departement => 1,
        NatureTerritoire::Epci => 2,
        NatureTerritoire::Commune => 3,
    }
}

fn trouvaille_region(region: region::Model, pertinence: u8) -> Trouvaille {
    Trouvaille {
        nature: NatureTerritoire::Region,
        contexte: format!("Région ({})", region.code),
        code: region.code,
        nom: region.nom,
        population: region.population,
        pertinence,
        departement_code: None,
        code_postal: None,
    }
}

fn trouvaille_departement(departement: departement::Model, pertinence: u8) -> Trouvaille {
    Trouvaille {
        nature: NatureTerritoire::Departement,
        contexte: format!("Département ({})", departement.code),
        code: departement.code,
        nom: departement.nom,
        population: departement.population,
        pertinence,
        departement_code: None,
        code_postal: None,
    }
}

fn trouvaille_epci(epci: epci::Model, pertinence: u8) -> Trouvaille {
    let nature = maillage_shared::territoire::NatureEpci::parse(&epci.nature)
        .map_or("Intercommunalité", |nature| nature.libelle());
    Trouvaille {
        nature: NatureTerritoire::Epci,
        contexte: format!("{nature} · {} communes", epci.nombre_communes),
        code: epci.code,
        nom: epci.nom,
        population: epci.population,
        pertinence,
        departement_code: None,
        code_postal: None,
    }
}

/// The context ("29200 · Finistère (29)") is written by [`nommer_departements`] once the page is chosen.
fn trouvaille_commune(commune: commune::Model, pertinence: u8, code_postal: Option<&str>) -> Trouvaille {
    Trouvaille {
        nature: NatureTerritoire::Commune,
        code: commune.code,
        nom: commune.nom,
        population: commune.population,
        contexte: String::new(),
        pertinence,
        departement_code: Some(commune.departement_code),
        code_postal: code_postal.map(str::to_owned),
    }
}

/// Writes each commune's context with its département's name, in one query for the page.
async fn nommer_departements(db: &impl ConnectionTrait, trouvailles: &mut [Trouvaille]) -> Result<(), DbErr> {
    let codes: Vec<String> = trouvailles
        .iter()
        .filter_map(|t| t.departement_code.clone())
        .collect();
    if codes.is_empty() {
        return Ok(());
    }
    let noms = departements_par_code(db, &codes).await?;
    for trouvaille in trouvailles.iter_mut() {
        let Some(code) = &trouvaille.departement_code else {
            continue;
        };
        let departement = noms
            .get(code)
            .map_or_else(|| code.clone(), |d| format!("{} ({code})", d.nom));
        trouvaille.contexte = match &trouvaille.code_postal {
            Some(code_postal) => format!("{code_postal} · {departement}"),
            None => departement,
        };
    }
    Ok(())
}

fn grouper<T>(rows: Vec<T>, key: impl Fn(&T) -> String) -> HashMap<String, Vec<T>> {
    let mut groups: HashMap<String, Vec<T>> = HashMap::new();
    for row in rows {
        groups.entry(key(&row)).or_default().push(row);
    }
    groups
}
