//! Finding the lieux near a place: a postal code or a commune (from the referential, whose communes carry
//! their centre), an address (through the geocoding service, when one is set), or a position (the
//! browser's). Results are the open lieux sorted by distance, filtered by service, public, specific support,
//! accessibility record and "open now" (in each lieu's own time). The search widens its square around the
//! place until it has enough results, so a dense city reads a few dozen rows and an isolated commune a few
//! hundred, never the whole country when a nearer answer exists.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use maillage_shared::horaires::{Horaires, Ouverture};
use maillage_shared::lieu::{PRISES_EN_CHARGE, PUBLICS, SEPARATEUR, SERVICES, distance_km};
use maillage_shared::territoire::cle_recherche;
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, Query};
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

    /// Narrows `select` to the rows that may pass: each wanted value is a substring of its cell (the cells
    /// are lists separated by `|`); [`Filtres::retient`] then checks the whole values. The values are the
    /// standard's (checked by [`Filtres::verifier`]), so none holds a `LIKE` wildcard.
    fn restreindre(&self, select: &mut sea_orm::sea_query::SelectStatement) {
        for (colonne, voulus) in [
            ("services", &self.services),
            ("publics_specifiquement_adresses", &self.publics),
            ("prise_en_charge_specifique", &self.prises_en_charge),
        ] {
            for voulu in voulus {
                select.and_where(Expr::col(Alias::new(colonne)).like(format!("%{voulu}%")));
            }
        }
        if self.fiche_accessibilite {
            select.and_where(Expr::col(Alias::new("fiche_acces_libre")).ne(""));
        }
    }

    fn retient(
        &self,
        candidat: &Candidat,
        ouvert_maintenant: &mut impl FnMut(&Candidat) -> Option<bool>,
    ) -> bool {
        let tous = |cellule: &str, voulus: &[String]| {
            let offerts: Vec<&str> = cellule.split(SEPARATEUR).map(str::trim).collect();
            voulus.iter().all(|v| offerts.contains(&v.as_str()))
        };
        tous(&candidat.services, &self.services)
            && tous(&candidat.publics, &self.publics)
            && tous(&candidat.prises_en_charge, &self.prises_en_charge)
            && (!self.fiche_accessibilite || !candidat.fiche_acces_libre.is_empty())
            && (!self.ouvert_maintenant || ouvert_maintenant(candidat) == Some(true))
    }
}

/// What the search reads of a lieu to choose it: its position and the cells the filters look at. The chosen
/// ones only are then read whole.
struct Candidat {
    id: String,
    position: (f64, f64),
    services: String,
    publics: String,
    prises_en_charge: String,
    fiche_acces_libre: String,
    horaires: String,
    departement_code: Option<String>,
}

/// The columns a [`Candidat`] is read from.
const COLONNES_CANDIDAT: [&str; 9] = [
    "id",
    "position_latitude",
    "position_longitude",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "fiche_acces_libre",
    "horaires",
    "departement_code",
];

impl Candidat {
    fn lire(ligne: &sea_orm::QueryResult) -> Result<Self, AppError> {
        Ok(Self {
            id: ligne.try_get("", "id")?,
            position: (
                ligne.try_get("", "position_latitude")?,
                ligne.try_get("", "position_longitude")?,
            ),
            services: ligne.try_get("", "services")?,
            publics: ligne.try_get("", "publics_specifiquement_adresses")?,
            prises_en_charge: ligne.try_get("", "prise_en_charge_specifique")?,
            fiche_acces_libre: ligne.try_get("", "fiche_acces_libre")?,
            horaires: ligne.try_get("", "horaires")?,
            departement_code: ligne.try_get("", "departement_code")?,
        })
    }
}

/// Whether `lieu` is open at `maintenant` in its own time: `None` when its hours are unknown or unreadable.
pub fn ouvert(lieu: &LieuEnregistre, maintenant: DateTime<Utc>) -> Option<bool> {
    ouvert_selon(
        lieu.ligne.get("horaires"),
        lieu.departement_code.as_deref(),
        maintenant,
    )
}

/// Whether hours written `horaires` are open at `maintenant` in the time of `departement` (whose public
/// holidays they may name).
fn ouvert_selon(horaires: &str, departement: Option<&str>, maintenant: DateTime<Utc>) -> Option<bool> {
    let horaires = Horaires::lire(horaires).ok()?;
    match horaires.ouverture(maintenant, departement.unwrap_or("75")) {
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
///
/// Each square reads only what chooses a lieu (position and filtered cells, narrowed by the database) in
/// the ring the previous square did not cover; the chosen lieux are then read whole in one query; "open
/// now" is computed once per distinct hours and département, since many lieux write the same hours.
pub async fn rechercher(
    db: &impl ConnectionTrait,
    depart: (f64, f64),
    filtres: &Filtres,
    premiers: usize,
    maintenant: DateTime<Utc>,
) -> Result<Vec<Trouve>, AppError> {
    filtres.verifier()?;
    let (latitude, longitude) = depart;
    let mut ouvertures: HashMap<(String, Option<String>), Option<bool>> = HashMap::new();
    let mut ouvert_maintenant = |candidat: &Candidat| {
        *ouvertures
            .entry((candidat.horaires.clone(), candidat.departement_code.clone()))
            .or_insert_with(|| {
                ouvert_selon(
                    &candidat.horaires,
                    candidat.departement_code.as_deref(),
                    maintenant,
                )
            })
    };
    // Every lieu read so far that passes the filters, with its distance. Each square reads only the ring
    // around the previous one, so no row is read twice however far the search widens.
    let mut retenus: Vec<(String, f64)> = Vec::new();
    let mut precedent: Option<(f64, f64)> = None;
    for rayon in RAYONS_KM {
        let dlat = rayon / 111.0;
        let dlon = rayon / (111.0 * latitude.to_radians().cos().abs().max(0.01));
        let mut select = Query::select()
            .from(Alias::new("lieu"))
            .columns(COLONNES_CANDIDAT.map(Alias::new))
            .and_where(Expr::col(Alias::new("ferme_le")).is_null())
            .and_where(Expr::col(Alias::new("position_latitude")).between(latitude - dlat, latitude + dlat))
            .and_where(
                Expr::col(Alias::new("position_longitude")).between(longitude - dlon, longitude + dlon),
            )
            .to_owned();
        if let Some((plat, plon)) = precedent {
            select.cond_where(
                Cond::any()
                    .add(Expr::col(Alias::new("position_latitude")).lt(latitude - plat))
                    .add(Expr::col(Alias::new("position_latitude")).gt(latitude + plat))
                    .add(Expr::col(Alias::new("position_longitude")).lt(longitude - plon))
                    .add(Expr::col(Alias::new("position_longitude")).gt(longitude + plon)),
            );
        }
        precedent = Some((dlat, dlon));
        filtres.restreindre(&mut select);
        for ligne in db.query_all(&select).await? {
            let candidat = Candidat::lire(&ligne)?;
            if filtres.retient(&candidat, &mut ouvert_maintenant) {
                let distance = distance_km(depart, candidat.position);
                retenus.push((candidat.id, distance));
            }
        }
        // The square's corners are farther than its side: only the circle is sure to hold the nearest.
        let dans_le_cercle = retenus.iter().filter(|(_, d)| *d <= rayon).count();
        if dans_le_cercle >= premiers || rayon == RAYONS_KM[RAYONS_KM.len() - 1] {
            let mut choisis: Vec<(String, f64)> = retenus.into_iter().filter(|(_, d)| *d <= rayon).collect();
            choisis.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
            choisis.truncate(premiers);
            return lire_les_choisis(db, choisis).await;
        }
    }
    Ok(Vec::new())
}

/// The chosen lieux read whole, in the order chosen.
async fn lire_les_choisis(
    db: &impl ConnectionTrait,
    choisis: Vec<(String, f64)>,
) -> Result<Vec<Trouve>, AppError> {
    if choisis.is_empty() {
        return Ok(Vec::new());
    }
    let select = Query::select()
        .from(Alias::new("lieu"))
        .columns(colonnes_enregistrees())
        .and_where(Expr::col(Alias::new("id")).is_in(choisis.iter().map(|(id, _)| id.clone())))
        .to_owned();
    let mut lus: HashMap<String, LieuEnregistre> = HashMap::new();
    for ligne in db.query_all(&select).await? {
        let lieu = enregistre(&ligne)?;
        lus.insert(lieu.ligne.get("id").to_owned(), lieu);
    }
    Ok(choisis
        .into_iter()
        .filter_map(|(id, distance_km)| lus.remove(&id).map(|lieu| Trouve { lieu, distance_km }))
        .collect())
}
