//! The national demo's lieux de médiation numérique, placed inside their commune's département.

use chrono::NaiveDate;
use maillage_shared::lieu::{COLONNES, DISPOSITIFS, SERVICES};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};

use super::siret;
use super::{Hasard, Tirage};
use crate::error::AppError;

/// A point drawn uniformly inside a département's shape, in degrees: for the few communes of the referential
/// without a centre, so their lieux are at least in their département on the map.
fn point_dans(
    formes: &maillage_shared::carte::Formes,
    departement: &str,
    hasard: &mut Hasard,
) -> Option<(f64, f64)> {
    let (cadre, forme) = formes.cadre_du_departement(departement)?;
    let boite = forme.boite();
    for _ in 0..100 {
        let x = boite.x_min + (boite.x_max - boite.x_min) * (hasard.suivant() as f64 / u64::MAX as f64);
        let y = boite.y_min + (boite.y_max - boite.y_min) * (hasard.suivant() as f64 / u64::MAX as f64);
        if forme.contient(x, y) {
            return Some(cadre.projection_de(forme).inverser(x, y));
        }
    }
    None
}

/// A drawn offset of at most a hundredth of a degree either way (about a kilometre).
fn ecart(hasard: &mut Hasard) -> f64 {
    (hasard.suivant() as f64 / u64::MAX as f64 - 0.5) / 50.0
}

/// Opening hours in the standard's syntax, as lieux write them: the search's "open now" filter reads them.
const HORAIRES: [&str; 5] = [
    "Mo-Fr 09:00-12:00,14:00-17:30",
    "Tu-Sa 10:00-18:00",
    "Mo,We,Fr 09:00-12:30; PH off",
    "Mo-Th 13:30-17:00; Sa[1] 09:00-12:00",
    "Mo-Fr 08:30-12:00; We off",
];

/// Lieux in the national standard, in communes drawn by population, through the standard's importer.
pub(super) async fn generer_lieux<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    nombre: usize,
    tirage: &Tirage,
    aujourd_hui: NaiveDate,
    hasard: &mut Hasard,
) -> Result<(), AppError> {
    let formes = maillage_shared::carte::Formes::depuis_json(crate::demo::FORMES)
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    let mut ecrivain = csv::Writer::from_writer(Vec::new());
    ecrivain
        .write_record(COLONNES)
        .map_err(|e| AppError::Internal(e.into()))?;
    for numero in 0..nombre {
        let commune = tirage.tirer(hasard);
        // Near the commune's centre (within about a kilometre, so a town's lieux are not one dot): a search
        // near a postal code finds the lieux of its communes first.
        let position = match (commune.latitude, commune.longitude) {
            (Some(lat), Some(lon)) => Some((lat + ecart(hasard), lon + ecart(hasard))),
            _ => point_dans(&formes, &commune.departement_code, hasard),
        };
        let (latitude, longitude) = position.map_or((String::new(), String::new()), |(lat, lon)| {
            (format!("{lat:.5}"), format!("{lon:.5}"))
        });
        let code_postal = crate::territoire::entity::commune_code_postal::Entity::find()
            .filter(
                crate::territoire::entity::commune_code_postal::Column::CommuneCode.eq(commune.code.clone()),
            )
            .one(db)
            .await?
            .map_or_else(|| "00000".to_owned(), |c| c.code_postal);
        let services = [*hasard.choisir(&SERVICES), *hasard.choisir(&SERVICES)];
        let mut services: Vec<&str> = services.to_vec();
        services.dedup();
        let dispositifs = if numero % 3 == 0 {
            DISPOSITIFS[3]
        } else {
            DISPOSITIFS[5]
        };
        let mut valeurs = vec![String::new(); COLONNES.len()];
        for (colonne, valeur) in [
            ("id", format!("demo-national-{numero:05}")),
            ("pivot", siret(100_000 + numero)),
            (
                "nom",
                format!("Lieu de médiation numérique n° {numero} — {}", commune.nom),
            ),
            ("adresse", format!("{} place de la Mairie", 1 + numero % 40)),
            ("commune", commune.nom.clone()),
            ("code_postal", code_postal),
            ("code_insee", commune.code.clone()),
            ("latitude", latitude),
            ("longitude", longitude),
            ("date_maj", aujourd_hui.to_string()),
            ("services", services.join("|")),
            ("horaires", HORAIRES[numero % HORAIRES.len()].to_owned()),
            ("dispositif_programmes_nationaux", dispositifs.to_owned()),
            ("source", "Maillage — jeu de démonstration national".to_owned()),
        ] {
            if let Some(i) = COLONNES.iter().position(|c| *c == colonne) {
                valeurs[i] = valeur;
            }
        }
        ecrivain
            .write_record(&valeurs)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let contenu = ecrivain
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let txn = crate::database::ecriture(db).await?;
    let mut progression = crate::progression::Progression::default();
    let bilan = crate::lieu::service::importer(&txn, &contenu, true, |fait, total| {
        progression.signaler("lieux", fait, total);
    })
    .await?;
    txn.commit().await?;
    if !bilan.erreurs.is_empty() {
        return Err(AppError::Internal(anyhow::anyhow!(
            "lieux générés refusés : {:?}",
            bilan.erreurs.first()
        )));
    }
    Ok(())
}
