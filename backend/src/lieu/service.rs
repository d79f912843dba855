//! Import and export of the standard's flat CSV. Columns are addressed by the standard's names
//! (`maillage_shared::lieu::COLONNES`), the one list the table, the parser and the writer share.

use std::collections::HashMap;

use chrono::Utc;
use maillage_shared::lieu::{COLONNES, COLONNES_REQUISES, ErreurLigne, LigneLieu, verifier};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Order, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::cellule::{ligne_du_fichier, ouvrir_csv};
use crate::error::AppError;
use crate::territoire::entity::{commune, commune_code_postal};

/// Rows per INSERT (37 parameters each: below SQLite’s limit of 32 766).
const LOT: usize = 300;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BilanImport {
    /// Lines written (created or updated).
    pub importes: usize,
    /// Lines refused, with their line number and reason.
    pub erreurs: Vec<ErreurLigne>,
}

/// The lines read from a file (with their line number) and the lines that could not be read.
pub type Lecture = (Vec<(usize, LigneLieu)>, Vec<ErreurLigne>);

/// Reads a CSV of the standard: columns by header name (any order, unknown ones ignored), one
/// [`LigneLieu`] per record with its line number, and the refusals of malformed lines.
pub fn lire_csv(contenu: &[u8]) -> Result<Lecture, AppError> {
    let texte = crate::cellule::decoder(contenu)?;
    let (contenu, mut lecteur, positions) = ouvrir_csv(&texte)?;
    let manquantes: Vec<&str> = COLONNES_REQUISES
        .iter()
        .copied()
        .filter(|c| !positions.contains_key(*c))
        .collect();
    if !manquantes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Ce fichier ne suit pas le standard des lieux de médiation numérique : colonnes manquantes {}.",
            manquantes.join(", ")
        )));
    }
    let mut lignes = Vec::new();
    let mut erreurs = Vec::new();
    for (index, enregistrement) in lecteur.records().enumerate() {
        let numero = ligne_du_fichier(
            contenu,
            match &enregistrement {
                Ok(e) => e.position(),
                Err(erreur) => erreur.position(),
            },
            index + 2,
        );
        match enregistrement {
            Ok(enregistrement) => {
                let valeurs = COLONNES
                    .iter()
                    .map(|colonne| {
                        positions
                            .get(*colonne)
                            .and_then(|i| enregistrement.get(*i))
                            .unwrap_or_default()
                            .trim()
                            .to_owned()
                    })
                    .collect();
                lignes.push((numero, LigneLieu { valeurs }));
            }
            Err(error) => erreurs.push(ErreurLigne {
                ligne: numero,
                motif: format!("ligne illisible : {error}"),
            }),
        }
    }
    Ok((lignes, erreurs))
}

/// Imports a CSV of the standard in one transaction (run inside it). Bad lines are reported with their
/// number and reason; with `tout_ou_rien` a single bad line imports nothing, otherwise the good lines are
/// kept. A line whose `id` exists replaces it.
pub async fn importer(
    db: &impl ConnectionTrait,
    contenu: &[u8],
    tout_ou_rien: bool,
    progression: impl FnMut(usize, usize),
) -> Result<BilanImport, AppError> {
    importer_dans(db, contenu, tout_ou_rien, None, progression).await
}

/// [`importer`], keeping only the lieux of the communes of `perimetre` when given (a coordinator imports
/// its territory's lieux: a line elsewhere is refused with its number, like any bad line).
pub async fn importer_dans(
    db: &impl ConnectionTrait,
    contenu: &[u8],
    tout_ou_rien: bool,
    perimetre: Option<&std::collections::BTreeSet<String>>,
    mut progression: impl FnMut(usize, usize),
) -> Result<BilanImport, AppError> {
    let (lignes, mut erreurs) = lire_csv(contenu)?;
    let mut vues: HashMap<String, usize> = HashMap::new();
    let mut valides = Vec::new();
    for (numero, ligne) in lignes {
        let mut problemes = verifier(&ligne);
        if let Some(premiere) = vues.insert(ligne.get("id").to_owned(), numero) {
            problemes.push(format!(
                "identifiant « {} » déjà présent ligne {premiere}",
                ligne.get("id")
            ));
        }
        if problemes.is_empty() {
            valides.push((numero, ligne));
        } else {
            erreurs.push(ErreurLigne {
                ligne: numero,
                motif: problemes.join(" ; "),
            });
        }
    }
    let communes = if perimetre.is_some() || erreurs.is_empty() || !tout_ou_rien {
        rattacher(db, valides.iter().map(|(_, ligne)| ligne)).await?
    } else {
        HashMap::new()
    };
    let valides: Vec<LigneLieu> = valides
        .into_iter()
        .filter_map(|(numero, ligne)| {
            let Some(perimetre) = perimetre else {
                return Some(ligne);
            };
            match communes.get(ligne.get("id")) {
                Some((commune, _)) if perimetre.contains(commune) => Some(ligne),
                Some((commune, _)) => {
                    erreurs.push(ErreurLigne {
                        ligne: numero,
                        motif: format!("la commune {commune} n’est pas dans votre périmètre"),
                    });
                    None
                }
                None => {
                    erreurs.push(ErreurLigne {
                        ligne: numero,
                        motif: "aucune commune ne correspond au code INSEE ni au code postal".to_owned(),
                    });
                    None
                }
            }
        })
        .collect();
    // A line whose id is an existing lieu replaces it: in a perimeter, only a lieu already inside it.
    let valides = match perimetre {
        Some(perimetre) => {
            let ailleurs = deja_hors_du_perimetre(db, &valides, perimetre).await?;
            valides
                .into_iter()
                .filter(|ligne| match ailleurs.get(ligne.get("id")) {
                    Some(commune) => {
                        erreurs.push(ErreurLigne {
                            ligne: vues.get(ligne.get("id")).copied().unwrap_or_default(),
                            motif: format!(
                                "le lieu « {} » existe déjà hors de votre périmètre (commune {commune}) : \
                                 seule l’ANCT ou un coordinateur de ce territoire le modifie",
                                ligne.get("id")
                            ),
                        });
                        false
                    }
                    None => true,
                })
                .collect()
        }
        None => valides,
    };
    erreurs.sort_by_key(|erreur| erreur.ligne);
    if tout_ou_rien && !erreurs.is_empty() {
        return Ok(BilanImport { importes: 0, erreurs });
    }
    let total = valides.len();
    let maintenant = Utc::now();
    let centres = centres_des_communes(db, communes.values().map(|(commune, _)| commune.clone())).await?;
    for (lot_index, lot) in valides.chunks(LOT).enumerate() {
        let mut insert = Query::insert();
        insert.into_table(Alias::new("lieu"));
        let mut colonnes: Vec<Alias> = COLONNES.iter().map(|c| Alias::new(*c)).collect();
        colonnes.extend([
            Alias::new("commune_code"),
            Alias::new("departement_code"),
            Alias::new("importe_le"),
            Alias::new("position_latitude"),
            Alias::new("position_longitude"),
        ]);
        insert.columns(colonnes);
        for ligne in lot {
            let mut valeurs: Vec<Expr> = ligne.valeurs.iter().map(|v| Expr::value(v.clone())).collect();
            let rattachement = communes.get(ligne.get("id"));
            valeurs.push(Expr::value(rattachement.map(|(commune, _)| commune.clone())));
            valeurs.push(Expr::value(
                rattachement.map(|(_, departement)| departement.clone()),
            ));
            valeurs.push(Expr::value(maintenant));
            let (latitude, longitude) = position(ligne)
                .or_else(|| rattachement.and_then(|(commune, _)| centres.get(commune).copied()))
                .unzip();
            valeurs.push(Expr::value(latitude));
            valeurs.push(Expr::value(longitude));
            insert.values_panic(valeurs);
        }
        let mut mises_a_jour: Vec<Alias> = COLONNES.iter().skip(1).map(|c| Alias::new(*c)).collect();
        mises_a_jour.extend([
            Alias::new("commune_code"),
            Alias::new("departement_code"),
            Alias::new("importe_le"),
            Alias::new("position_latitude"),
            Alias::new("position_longitude"),
        ]);
        insert.on_conflict(
            OnConflict::column(Alias::new("id"))
                .update_columns(mises_a_jour)
                .to_owned(),
        );
        db.execute(&insert).await?;
        progression(((lot_index + 1) * LOT).min(total), total);
    }
    // The lieux counts of the départements, in the import's transaction.
    crate::territoire::etendue::figures_modifiees(db, &crate::territoire::etendue::Etendue::Nationale)
        .await?;
    Ok(BilanImport {
        importes: total,
        erreurs,
    })
}

/// A line's position as numbers, when both its coordinates read (the standard's columns are text, checked
/// by `verifier`).
pub fn position(ligne: &LigneLieu) -> Option<(f64, f64)> {
    let nombre = |colonne: &str| {
        ligne
            .get(colonne)
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    };
    Some((nombre("latitude")?, nombre("longitude")?))
}

/// The centre of each of these communes that has one, by code: where a lieu without coordinates is searched
/// from (its commune, to a few kilometres).
pub(super) async fn centres_des_communes(
    db: &impl ConnectionTrait,
    codes: impl IntoIterator<Item = String>,
) -> Result<HashMap<String, (f64, f64)>, AppError> {
    let codes: std::collections::BTreeSet<String> = codes.into_iter().collect();
    let codes: Vec<String> = codes.into_iter().collect();
    let mut centres = HashMap::new();
    for paquet in codes.chunks(1000) {
        for commune in commune::Entity::find()
            .filter(commune::Column::Code.is_in(paquet.to_vec()))
            .all(db)
            .await?
        {
            if let (Some(latitude), Some(longitude)) = (commune.latitude, commune.longitude) {
                centres.insert(commune.code, (latitude, longitude));
            }
        }
    }
    Ok(centres)
}

/// The existing lieux among `lignes` whose commune is outside `perimetre`, by id, with that commune.
async fn deja_hors_du_perimetre(
    db: &impl ConnectionTrait,
    lignes: &[LigneLieu],
    perimetre: &std::collections::BTreeSet<String>,
) -> Result<HashMap<String, String>, AppError> {
    let mut ailleurs = HashMap::new();
    for lot in lignes.chunks(1000) {
        let mut select = Query::select();
        select
            .from(Alias::new("lieu"))
            .columns([Alias::new("id"), Alias::new("commune_code")])
            .and_where(Expr::col(Alias::new("id")).is_in(lot.iter().map(|ligne| ligne.get("id").to_owned())));
        for existant in db.query_all(&select).await? {
            let commune: Option<String> = existant.try_get("", "commune_code")?;
            let commune = commune.unwrap_or_default();
            if !perimetre.contains(&commune) {
                ailleurs.insert(existant.try_get("", "id")?, commune);
            }
        }
    }
    Ok(ailleurs)
}

/// The commune and département of each line: by its INSEE code, else the most populated commune of its
/// postal code.
pub(super) async fn rattacher<'a>(
    db: &impl ConnectionTrait,
    lignes: impl Iterator<Item = &'a LigneLieu>,
) -> Result<HashMap<String, (String, String)>, AppError> {
    let lignes: Vec<&LigneLieu> = lignes.collect();
    let codes_insee: Vec<String> = lignes
        .iter()
        .map(|l| l.get("code_insee").to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let codes_postaux: Vec<String> = lignes.iter().map(|l| l.get("code_postal").to_owned()).collect();
    let mut par_insee: HashMap<String, String> = HashMap::new();
    for chunk in codes_insee.chunks(1000) {
        for commune in commune::Entity::find()
            .filter(commune::Column::Code.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            par_insee.insert(commune.code, commune.departement_code);
        }
    }
    let mut par_postal: HashMap<String, (String, String, i64)> = HashMap::new();
    for chunk in codes_postaux.chunks(1000) {
        let liens = commune_code_postal::Entity::find()
            .filter(commune_code_postal::Column::CodePostal.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        let communes = commune::Entity::find()
            .filter(commune::Column::Code.is_in(liens.iter().map(|l| l.commune_code.clone())))
            .all(db)
            .await?;
        for lien in liens {
            if let Some(commune) = communes.iter().find(|c| c.code == lien.commune_code) {
                let meilleur = par_postal
                    .get(&lien.code_postal)
                    .is_none_or(|(_, _, population)| commune.population > *population);
                if meilleur {
                    par_postal.insert(
                        lien.code_postal.clone(),
                        (
                            commune.code.clone(),
                            commune.departement_code.clone(),
                            commune.population,
                        ),
                    );
                }
            }
        }
    }
    Ok(lignes
        .iter()
        .filter_map(|ligne| {
            let insee = ligne.get("code_insee");
            let rattachement = match par_insee.get(insee) {
                Some(departement) => Some((insee.to_owned(), departement.clone())),
                None => par_postal
                    .get(ligne.get("code_postal"))
                    .map(|(commune, departement, _)| (commune.clone(), departement.clone())),
            };
            rattachement.map(|r| (ligne.get("id").to_owned(), r))
        })
        .collect())
}

/// A lieu as stored: the standard's line, where it was matched, whether it was closed.
#[derive(Debug, Clone, PartialEq)]
pub struct LieuEnregistre {
    pub ligne: LigneLieu,
    pub commune_code: Option<String>,
    pub departement_code: Option<String>,
    pub ferme_le: Option<chrono::DateTime<Utc>>,
}

/// The columns a [`LieuEnregistre`] is read from.
pub(super) fn colonnes_enregistrees() -> Vec<Alias> {
    COLONNES
        .iter()
        .copied()
        .chain(["commune_code", "departement_code", "ferme_le"])
        .map(Alias::new)
        .collect()
}

/// Reads a row selected with [`colonnes_enregistrees`].
pub(super) fn enregistre(row: &sea_orm::QueryResult) -> Result<LieuEnregistre, AppError> {
    let valeurs = COLONNES
        .iter()
        .map(|c| row.try_get::<String>("", c))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LieuEnregistre {
        ligne: LigneLieu { valeurs },
        commune_code: row.try_get("", "commune_code")?,
        departement_code: row.try_get("", "departement_code")?,
        ferme_le: row.try_get("", "ferme_le")?,
    })
}

/// The lieu `id`, open or closed.
pub async fn lire(db: &impl ConnectionTrait, id: &str) -> Result<Option<LieuEnregistre>, AppError> {
    let select = Query::select()
        .from(Alias::new("lieu"))
        .columns(colonnes_enregistrees())
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    db.query_one(&select).await?.as_ref().map(enregistre).transpose()
}

/// The open lieux, by id, optionally of one département.
pub async fn lister(
    db: &impl ConnectionTrait,
    departement: Option<&str>,
    premiers: u64,
    apres: Option<&str>,
) -> Result<Vec<LieuEnregistre>, AppError> {
    let mut select = Query::select();
    select
        .from(Alias::new("lieu"))
        .columns(colonnes_enregistrees())
        .and_where(Expr::col(Alias::new("ferme_le")).is_null())
        .order_by(Alias::new("id"), Order::Asc)
        .limit(premiers);
    if let Some(departement) = departement {
        select.and_where(ExprTrait::eq(
            Expr::col(Alias::new("departement_code")),
            departement,
        ));
    }
    if let Some(apres) = apres {
        select.and_where(ExprTrait::gt(Expr::col(Alias::new("id")), apres));
    }
    db.query_all(&select).await?.iter().map(enregistre).collect()
}

/// A lieu de médiation numérique as a point of the map.
#[derive(async_graphql::SimpleObject)]
pub struct PointLieu {
    pub id: String,
    pub nom: String,
    pub commune_code: Option<String>,
    /// SIREN of the commune's EPCI, to highlight the lieux inside a coordinator's perimeter.
    pub epci_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// Every open lieu of a département as a map point, by id: the standard's columns are text, so coordinates are
/// parsed here and an unreadable one is left out rather than misplaced.
pub async fn points(db: &impl ConnectionTrait, departement: &str) -> Result<Vec<PointLieu>, AppError> {
    let mut select = Query::select();
    select
        .from(Alias::new("lieu"))
        .columns(
            ["id", "nom", "commune_code", "latitude", "longitude"]
                .map(|c| (Alias::new("lieu"), Alias::new(c))),
        )
        .expr_as(
            Expr::col((Alias::new("commune"), Alias::new("epci_code"))),
            Alias::new("epci_code"),
        )
        .left_join(
            Alias::new("commune"),
            Expr::col((Alias::new("commune"), Alias::new("code")))
                .equals((Alias::new("lieu"), Alias::new("commune_code"))),
        )
        .and_where(ExprTrait::eq(
            Expr::col((Alias::new("lieu"), Alias::new("departement_code"))),
            departement,
        ))
        .and_where(Expr::col((Alias::new("lieu"), Alias::new("ferme_le"))).is_null())
        .order_by((Alias::new("lieu"), Alias::new("id")), Order::Asc);
    let mut points = Vec::new();
    for ligne in db.query_all(&select).await? {
        let latitude: String = ligne.try_get("", "latitude")?;
        let longitude: String = ligne.try_get("", "longitude")?;
        points.push(PointLieu {
            id: ligne.try_get("", "id")?,
            nom: ligne.try_get("", "nom")?,
            commune_code: ligne.try_get("", "commune_code")?,
            epci_code: ligne.try_get("", "epci_code")?,
            latitude: latitude.trim().parse().ok(),
            longitude: longitude.trim().parse().ok(),
        });
    }
    Ok(points)
}

/// Writes every lieu as a CSV of the standard, by id, page by page, every cell neutralised for spreadsheets
/// (`cellule::neutraliser`: a name starting with `=` is written `'=`; coordinates stay numbers).
pub async fn exporter(
    db: &impl ConnectionTrait,
    departement: Option<&str>,
    sortie: impl std::io::Write,
) -> Result<usize, AppError> {
    let mut ecrivain = csv::Writer::from_writer(sortie);
    ecrivain
        .write_record(COLONNES)
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut apres: Option<String> = None;
    let mut total = 0;
    loop {
        let page = lister(db, departement, 5000, apres.as_deref()).await?;
        let Some(derniere) = page.last() else { break };
        apres = Some(derniere.ligne.get("id").to_owned());
        for ligne in page.iter().map(|lieu| &lieu.ligne) {
            ecrivain
                .write_record(
                    ligne
                        .valeurs
                        .iter()
                        .map(|valeur| crate::cellule::neutraliser(valeur).into_owned()),
                )
                .map_err(|e| AppError::Internal(e.into()))?;
        }
        total += page.len();
    }
    ecrivain.flush().map_err(|e| AppError::Internal(e.into()))?;
    Ok(total)
}

/// How many conseillers recorded accompaniments at lieu `id` since `depuis`: the presence a person reads
/// on the lieu's page (a number, never who).
pub async fn conseillers_presents(
    db: &impl ConnectionTrait,
    id: &str,
    depuis: chrono::NaiveDate,
) -> Result<i64, AppError> {
    let select = Query::select()
        .expr_as(Expr::cust("COUNT(DISTINCT conseiller_id)"), Alias::new("n"))
        .from(Alias::new("activite"))
        .and_where(Expr::col(Alias::new("lieu_id")).eq(id))
        .and_where(Expr::col(Alias::new("date")).gte(depuis))
        .to_owned();
    Ok(match db.query_one(&select).await? {
        Some(ligne) => ligne.try_get("", "n")?,
        None => 0,
    })
}

/// Places the lieux without a position at their commune's centre (lieux imported before the referential
/// held the communes' centres); returns how many were placed.
pub async fn placer_au_centre_de_leur_commune(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    let centre = |colonne: &str| {
        Expr::cust(format!(
            "(SELECT commune.{colonne} FROM commune WHERE commune.code = lieu.commune_code)"
        ))
    };
    let mise_a_jour = Query::update()
        .table(Alias::new("lieu"))
        .value(Alias::new("position_latitude"), centre("latitude"))
        .value(Alias::new("position_longitude"), centre("longitude"))
        .and_where(Expr::col(Alias::new("position_latitude")).is_null())
        .and_where(Expr::col(Alias::new("commune_code")).is_not_null())
        .to_owned();
    Ok(db.execute(&mise_a_jour).await?.rows_affected())
}
