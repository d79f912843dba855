//! Finding the lieux near a place: a postal code or a commune (from the referential, whose communes carry
//! their centre), an address (through the geocoding service, when one is set), or a position (the
//! browser's). Results are the open lieux sorted by distance, filtered by service, public, specific support,
//! accessibility record and "open now" (in each lieu's own time). The search widens its square around the
//! place until it has enough results, so a dense city reads a few dozen rows and an isolated commune a few
//! hundred, never the whole country when a nearer answer exists.

use chrono::{DateTime, Utc};
use maillage_shared::horaires::{Horaires, Ouverture};
use maillage_shared::lieu::{PRISES_EN_CHARGE, PUBLICS, SERVICES, distance_km};
use maillage_shared::territoire::cle_recherche;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::service::{LieuEnregistre, colonnes_enregistrees, enregistre};
use crate::error::AppError;
use crate::territoire::entity::{commune, commune_code_postal};
use crate::territoire::geocodage::{Echec, Geocodeur};

/// The half-sides of the successive squares searched, in kilometres: the last covers every lieu, overseas
/// included.
const RAYONS_KM: [f64; 6] = [5.0, 15.0, 50.0, 150.0, 500.0, 20_000.0];

/// Where a search starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Repere {
    /// What was found, to show: « 29200 Brest », « Quimper (29) », « 1 Rue de Siam 29200 Brest ».
    pub libelle: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// What the lieux must offer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filtres {
    /// Every one of these services (the standard's strings).
    pub services: Vec<String>,
    /// Every one of these publics.
    pub publics: Vec<String>,
    /// Every one of these specific supports (deafness, motor disability…).
    pub prises_en_charge: Vec<String>,
    /// An Acceslibre record.
    pub fiche_accessibilite: bool,
    /// Open at the time of the search.
    pub ouvert_maintenant: bool,
}

impl Filtres {
    /// Refuses a value that is not the standard's, naming it.
    pub fn verifier(&self) -> Result<(), AppError> {
        for (valeurs, liste, nom) in [
            (&self.services, &SERVICES[..], "service"),
            (&self.publics, &PUBLICS[..], "public"),
            (&self.prises_en_charge, &PRISES_EN_CHARGE[..], "prise en charge"),
        ] {
            if let Some(inconnue) = valeurs.iter().find(|v| !liste.contains(&v.as_str())) {
                return Err(AppError::InvalidInput(format!(
                    "{nom} « {inconnue} » : ce n’est pas une valeur du standard des lieux"
                )));
            }
        }
        Ok(())
    }

    fn retient(&self, lieu: &LieuEnregistre, maintenant: DateTime<Utc>) -> bool {
        let tous = |colonne: &str, voulus: &[String]| {
            let offerts = lieu.ligne.liste(colonne);
            voulus.iter().all(|v| offerts.contains(&v.as_str()))
        };
        tous("services", &self.services)
            && tous("publics_specifiquement_adresses", &self.publics)
            && tous("prise_en_charge_specifique", &self.prises_en_charge)
            && (!self.fiche_accessibilite || !lieu.ligne.get("fiche_acces_libre").is_empty())
            && (!self.ouvert_maintenant || ouvert(lieu, maintenant) == Some(true))
    }
}

/// Whether `lieu` is open at `maintenant` in its own time: `None` when its hours are unknown or unreadable.
pub fn ouvert(lieu: &LieuEnregistre, maintenant: DateTime<Utc>) -> Option<bool> {
    let horaires = Horaires::lire(lieu.ligne.get("horaires")).ok()?;
    let departement = lieu.departement_code.as_deref().unwrap_or("75");
    match horaires.ouverture(maintenant, departement) {
        Ouverture::Ouvert => Some(true),
        Ouverture::Ferme => Some(false),
        Ouverture::Inconnue => None,
    }
}

/// The place `texte` names: a postal code, a commune's name, else an address through `geocodeur`.
pub async fn situer(
    db: &impl ConnectionTrait,
    geocodeur: &Geocodeur,
    texte: &str,
) -> Result<Repere, AppError> {
    let texte = texte.trim();
    if texte.chars().count() < 2 || texte.chars().count() > 200 {
        return Err(AppError::InvalidInput(
            "Saisissez une commune, un code postal ou une adresse (2 à 200 caractères).".to_owned(),
        ));
    }
    if texte.len() == 5 && texte.bytes().all(|b| b.is_ascii_digit()) {
        let codes: Vec<String> = commune_code_postal::Entity::find()
            .filter(commune_code_postal::Column::CodePostal.eq(texte))
            .all(db)
            .await?
            .into_iter()
            .map(|lien| lien.commune_code)
            .collect();
        // The most populated commune of the code is where its people mostly are.
        let principale = commune::Entity::find()
            .filter(commune::Column::Code.is_in(codes))
            .filter(commune::Column::Latitude.is_not_null())
            .order_by_desc(commune::Column::Population)
            .one(db)
            .await?
            .ok_or_else(|| AppError::InvalidInput(format!("Aucune commune n’a le code postal {texte}.")))?;
        return Ok(repere(format!("{texte} {}", principale.nom), &principale));
    }
    if let Some(commune) = commune::Entity::find()
        .filter(commune::Column::CleRecherche.eq(cle_recherche(texte)))
        .filter(commune::Column::Latitude.is_not_null())
        .order_by_desc(commune::Column::Population)
        .one(db)
        .await?
    {
        return Ok(repere(
            format!("{} ({})", commune.nom, commune.departement_code),
            &commune,
        ));
    }
    match geocodeur.chercher(texte).await {
        Ok(trouve) => Ok(Repere {
            libelle: trouve.libelle,
            latitude: trouve.latitude,
            longitude: trouve.longitude,
        }),
        Err(Echec::Introuvable) => Err(AppError::InvalidInput(format!(
            "« {texte} » : aucune commune ni adresse trouvée. Essayez un code postal ou le nom d’une commune."
        ))),
        Err(Echec::Indisponible) => Err(AppError::InvalidInput(format!(
            "« {texte} » n’est ni une commune ni un code postal (la recherche par adresse n’est pas disponible ici)."
        ))),
        Err(Echec::SansReponse(raison)) => {
            tracing::warn!(%raison, "service de géocodage sans réponse");
            Err(AppError::InvalidInput(
                "Le service des adresses ne répond pas : saisissez une commune ou un code postal.".to_owned(),
            ))
        }
    }
}

fn repere(libelle: String, commune: &commune::Model) -> Repere {
    Repere {
        libelle,
        latitude: commune.latitude.unwrap_or_default(),
        longitude: commune.longitude.unwrap_or_default(),
    }
}

/// A lieu found, with its distance from the place searched.
#[derive(Debug, Clone, PartialEq)]
pub struct Trouve {
    pub lieu: LieuEnregistre,
    pub distance_km: f64,
}

/// The `premiers` open lieux nearest to `depart` that pass `filtres`, nearest first.
pub async fn rechercher(
    db: &impl ConnectionTrait,
    depart: (f64, f64),
    filtres: &Filtres,
    premiers: usize,
    maintenant: DateTime<Utc>,
) -> Result<Vec<Trouve>, AppError> {
    filtres.verifier()?;
    let (latitude, longitude) = depart;
    for rayon in RAYONS_KM {
        let dlat = rayon / 111.0;
        let dlon = rayon / (111.0 * latitude.to_radians().cos().abs().max(0.01));
        let select = Query::select()
            .from(Alias::new("lieu"))
            .columns(colonnes_enregistrees())
            .columns([Alias::new("position_latitude"), Alias::new("position_longitude")])
            .and_where(Expr::col(Alias::new("ferme_le")).is_null())
            .and_where(Expr::col(Alias::new("position_latitude")).between(latitude - dlat, latitude + dlat))
            .and_where(
                Expr::col(Alias::new("position_longitude")).between(longitude - dlon, longitude + dlon),
            )
            .order_by(Alias::new("id"), Order::Asc)
            .to_owned();
        let mut trouves = Vec::new();
        for ligne in db.query_all(&select).await? {
            let position: (f64, f64) = (
                ligne.try_get("", "position_latitude")?,
                ligne.try_get("", "position_longitude")?,
            );
            let distance = distance_km(depart, position);
            // The square's corners are farther than its side: only the circle is sure to hold the nearest.
            if distance > rayon {
                continue;
            }
            let lieu = enregistre(&ligne)?;
            if filtres.retient(&lieu, maintenant) {
                trouves.push(Trouve {
                    lieu,
                    distance_km: distance,
                });
            }
        }
        if trouves.len() >= premiers || rayon == RAYONS_KM[RAYONS_KM.len() - 1] {
            trouves.sort_by(|a, b| a.distance_km.total_cmp(&b.distance_km));
            trouves.truncate(premiers);
            return Ok(trouves);
        }
    }
    Ok(Vec::new())
}
