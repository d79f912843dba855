//! The national-scale demo dataset (`maillage demo --scale national`): on the real territories, generated
//! deterministically from a seed, about 2 500 structures, 4 000 conseillers, 1 000 coordinators in post on
//! validated candidatures, 10 000 lieux in the national standard and several million accompaniments.

use std::time::Instant;

use chrono::{Days, NaiveDate, Utc};
use maillage_shared::activite::{Canal, THEMES, TypeAccompagnement};
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::lieu::{COLONNES, DISPOSITIFS, SERVICES};
use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use maillage_shared::subvention::{Bareme, TypeContrat, simuler};
use maillage_shared::territoire::{CodeDepartement, Zone};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};

use crate::activite::cumul::Cumuls;
use crate::compte::entity::utilisateur;
use crate::compte::service as compte;
use crate::error::AppError;
use crate::structure::entity as structure;
use crate::territoire::entity::commune;

/// The sizes of a dataset.
#[derive(Debug, Clone, Copy)]
pub struct Echelle {
    pub structures: usize,
    pub conseillers: usize,
    pub coordinateurs: usize,
    pub lieux: usize,
    /// Accompaniments per conseiller over the last year.
    pub activites_par_conseiller: usize,
}

impl Echelle {
    /// The programme at national scale.
    pub const NATIONALE: Echelle = Echelle {
        structures: 2_500,
        conseillers: 4_000,
        coordinateurs: 1_000,
        lieux: 10_000,
        activites_par_conseiller: 750,
    };
}

/// SplitMix64: a tiny deterministic generator, so a seed always gives the same dataset on any machine.
struct Hasard(u64);

impl Hasard {
    fn suivant(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn sous(&mut self, n: usize) -> usize {
        (self.suivant() % n.max(1) as u64) as usize
    }

    fn choisir<'a, T>(&mut self, valeurs: &'a [T]) -> &'a T {
        &valeurs[self.sous(valeurs.len())]
    }
}

/// A commune drawn with a probability proportional to its population.
struct Tirage {
    communes: Vec<commune::Model>,
    cumul: Vec<i64>,
}

impl Tirage {
    fn tirer(&self, hasard: &mut Hasard) -> &commune::Model {
        let total = self.cumul.last().copied().unwrap_or(1).max(1);
        let cible = (hasard.suivant() % total as u64) as i64;
        let index = self
            .cumul
            .partition_point(|cumul| *cumul <= cible)
            .min(self.communes.len() - 1);
        &self.communes[index]
    }
}

/// A synthetic SIRET with a valid Luhn key, from a counter (prefix 8: no real SIREN is generated here).
fn siret(numero: usize) -> String {
    let base = format!("8{numero:012}");
    for cle in 0..10 {
        let candidat = format!("{base}{cle}");
        if maillage_shared::structure::Siret::parse(&candidat).is_ok() {
            return candidat;
        }
    }
    base + "0"
}

/// Reports progress on stderr: the step, how far, and the rate.
fn progression(etape: &str, fait: usize, total: usize, debut: Instant) {
    let secondes = debut.elapsed().as_secs_f64().max(0.001);
    eprint!(
        "\r  {etape} : {fait}/{total} ({} %) — {:.0}/s     ",
        fait * 100 / total.max(1),
        fait as f64 / secondes
    );
    if fait >= total {
        eprintln!();
    }
}

/// Inserts rows of `colonnes` in batches, each batch one statement.
async fn inserer(
    db: &impl ConnectionTrait,
    table: &str,
    colonnes: &[&str],
    lignes: Vec<Vec<sea_orm::Value>>,
    etape: &str,
) -> Result<(), AppError> {
    // Stay under SQLite's 32 766 bound parameters per statement.
    let lot = (30_000 / colonnes.len()).max(1);
    let total = lignes.len();
    let debut = Instant::now();
    for (index, paquet) in lignes.chunks(lot).enumerate() {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(table))
            .columns(colonnes.iter().map(|c| Alias::new(*c)));
        for ligne in paquet {
            insert.values_panic(ligne.iter().cloned().map(Expr::value));
        }
        db.execute(&insert).await?;
        progression(etape, ((index + 1) * lot).min(total), total, debut);
    }
    Ok(())
}

/// Generates the dataset. Refused when it already exists: it is meant for an empty (demo) database.
pub async fn generer<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    echelle: Echelle,
    graine: u64,
    aujourd_hui: NaiveDate,
) -> Result<(), AppError> {
    if structure::Entity::find()
        .filter(structure::Column::Siret.eq(siret(1)))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::Conflit(
            "Le jeu de données national est déjà chargé dans cette base.".to_owned(),
        ));
    }
    let debut_total = Instant::now();
    let mut hasard = Hasard(graine);
    let communes: Vec<commune::Model> = commune::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|c| Zone::parse(&c.zone).is_some_and(Zone::dans_le_programme) && c.population > 0)
        .collect();
    let mut cumul = Vec::with_capacity(communes.len());
    let mut somme = 0;
    for commune in &communes {
        somme += commune.population;
        cumul.push(somme);
    }
    let tirage = Tirage { communes, cumul };
    let maintenant = Utc::now();
    let hash = compte::hacher(super::MOT_DE_PASSE)?;

    let txn = crate::database::ecriture(db).await?;
    // Structures, each in a commune drawn by population.
    let categories = [
        (CategorieStructure::Collectivite, true),
        (CategorieStructure::Association, false),
        (CategorieStructure::EtablissementPublicRattache, true),
        (CategorieStructure::EntrepriseEss, false),
        (CategorieStructure::Gip, true),
    ];
    let mut structures = Vec::with_capacity(echelle.structures);
    for numero in 1..=echelle.structures {
        let commune = tirage.tirer(&mut hasard).clone();
        let (categorie, public) = *hasard.choisir(&categories);
        structures.push((numero, siret(numero), categorie, public, commune));
    }
    inserer(
        &txn,
        "structure",
        &[
            "siret",
            "nom",
            "categorie",
            "statut_public",
            "mission_interet_general",
            "commune_code",
            "departement_code",
            "conseillers_numeriques",
            "cree_le",
        ],
        structures
            .iter()
            .map(|(numero, siret, categorie, public, commune)| {
                vec![
                    siret.clone().into(),
                    format!("Structure de démonstration n° {numero} ({})", commune.nom).into(),
                    categorie.as_str().into(),
                    (*public).into(),
                    true.into(),
                    commune.code.clone().into(),
                    commune.departement_code.clone().into(),
                    0_i32.into(),
                    maintenant.into(),
                ]
            })
            .collect(),
        "structures",
    )
    .await?;
    let sirets: Vec<String> = structures.iter().map(|s| s.1.clone()).collect();
    let mut ids_structures = Vec::with_capacity(sirets.len());
    for paquet in sirets.chunks(1000) {
        ids_structures.extend(
            structure::Entity::find()
                .filter(structure::Column::Siret.is_in(paquet.to_vec()))
                .all(&txn)
                .await?,
        );
    }
    ids_structures.sort_by(|a, b| a.siret.cmp(&b.siret));

    // People: conseillers and coordinators, all with the demo password (hashed once).
    let personnes = echelle.conseillers + echelle.coordinateurs;
    inserer(
        &txn,
        "utilisateur",
        &["email", "mot_de_passe", "prenom", "nom", "cree_le"],
        (0..personnes)
            .map(|i| {
                let email = if i < echelle.conseillers {
                    format!("cn{i}@national.demo.maillage.fr")
                } else {
                    format!(
                        "coordinateur{}@national.demo.maillage.fr",
                        i - echelle.conseillers
                    )
                };
                vec![
                    email.into(),
                    hash.clone().into(),
                    "Prénom".into(),
                    format!("Personne {i}").into(),
                    maintenant.into(),
                ]
            })
            .collect(),
        "personnes",
    )
    .await?;
    let mut personnes_creees = Vec::new();
    for prefixe in [
        "cn%@national.demo.maillage.fr",
        "coordinateur%@national.demo.maillage.fr",
    ] {
        let mut lot = utilisateur::Entity::find()
            .filter(utilisateur::Column::Email.like(prefixe))
            .all(&txn)
            .await?;
        lot.sort_by_key(|u| u.id);
        personnes_creees.push(lot);
    }
    let (cns, coordinateurs) = (&personnes_creees[0], &personnes_creees[1]);

    // Conseillers, each employed by a structure; the structure's count follows.
    let mut employeur = Vec::with_capacity(cns.len());
    for cn in cns {
        let structure = hasard.choisir(&ids_structures).clone();
        employeur.push((cn.id, structure));
    }
    inserer(
        &txn,
        "conseiller",
        &[
            "utilisateur_id",
            "structure_id",
            "commune_code",
            "contrat_debut",
            "cree_le",
        ],
        employeur
            .iter()
            .map(|(utilisateur_id, s)| {
                let debut = aujourd_hui
                    .checked_sub_days(Days::new(400 + (utilisateur_id % 300) as u64))
                    .unwrap_or(aujourd_hui);
                vec![
                    (*utilisateur_id).into(),
                    s.id.into(),
                    s.commune_code.clone().into(),
                    debut.into(),
                    maintenant.into(),
                ]
            })
            .collect(),
        "conseillers",
    )
    .await?;
    txn.execute_unprepared(
        "UPDATE structure SET conseillers_numeriques = (SELECT COUNT(*) FROM conseiller WHERE conseiller.structure_id = structure.id) \
         WHERE siret LIKE '8%'",
    )
    .await?;
    inserer(
        &txn,
        "role_utilisateur",
        &["utilisateur_id", "role"],
        cns.iter()
            .map(|cn| vec![cn.id.into(), Role::Conseiller.as_str().into()])
            .collect(),
        "rôles de conseiller",
    )
    .await?;
    txn.commit().await?;

    generer_postes(db, &ids_structures, coordinateurs, aujourd_hui, &mut hasard).await?;
    generer_lieux(db, echelle.lieux, &tirage, aujourd_hui, &mut hasard).await?;
    generer_activites(db, echelle.activites_par_conseiller, aujourd_hui, graine).await?;
    crate::indicateur::cumul::recalculer(db, &crate::territoire::etendue::Etendue::Nationale, aujourd_hui)
        .await?;
    // PostgreSQL plans from statistics that autovacuum refreshes only later: without them, right after a
    // bulk load it takes the tables for nearly empty and scans them.
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        db.execute_unprepared("ANALYZE").await?;
    }
    eprintln!(
        "jeu de données national chargé en {:.0} s",
        debut_total.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Validated candidatures on the EPCI of their structure, each with its coordinator in post.
async fn generer_postes<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    structures: &[structure::Model],
    coordinateurs: &[utilisateur::Model],
    aujourd_hui: NaiveDate,
    hasard: &mut Hasard,
) -> Result<(), AppError> {
    let txn = crate::database::ecriture(db).await?;
    let appel = crate::candidature::entity::appel::Entity::find()
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("aucun appel")))?;
    let porteuses: Vec<&structure::Model> = structures.iter().take(coordinateurs.len()).collect();
    let communes = commune::Entity::find()
        .filter(commune::Column::Code.is_in(porteuses.iter().map(|s| s.commune_code.clone())))
        .all(&txn)
        .await?;
    let maintenant = Utc::now();
    let mut lignes = Vec::new();
    for structure in &porteuses {
        let commune = communes.iter().find(|c| c.code == structure.commune_code);
        let region = commune.map(|c| c.region_code.clone()).unwrap_or_default();
        let decide = aujourd_hui
            .checked_sub_days(Days::new(30 + hasard.sous(300) as u64))
            .unwrap_or(aujourd_hui);
        let depose = decide
            .checked_sub_days(Days::new(20 + hasard.sous(40) as u64))
            .unwrap_or(decide);
        let (categorie, contrat) = match structure.categorie.as_deref().and_then(CategorieStructure::parse) {
            Some(CategorieStructure::Collectivite) => {
                (CategorieStructure::Collectivite, TypeContrat::CddDroitPublic)
            }
            Some(categorie) if structure.statut_public => (categorie, TypeContrat::CddDroitPublic),
            Some(categorie) => (categorie, TypeContrat::CdiDroitPrive),
            None => (CategorieStructure::Association, TypeContrat::CdiDroitPrive),
        };
        let simulation = CodeDepartement::parse(&structure.departement_code)
            .map(|d| {
                simuler(
                    &Bareme::APPEL_2023,
                    categorie,
                    structure.statut_public,
                    contrat,
                    &d,
                )
            })
            .ok();
        let texte = "Réponse de démonstration générée pour le jeu de données national.";
        lignes.push(vec![
            structure.id.into(),
            appel.id.into(),
            structure.departement_code.clone().into(),
            region.into(),
            StatutCandidature::Validee.as_str().into(),
            "B1".into(),
            contrat.as_str().into(),
            texte.into(),
            texte.into(),
            texte.into(),
            texte.into(),
            texte.into(),
            texte.into(),
            false.into(),
            simulation
                .as_ref()
                .and_then(|s| s.montant_euros)
                .map(|m| m as i32)
                .into(),
            simulation
                .as_ref()
                .and_then(|s| s.duree_mois)
                .map(|m| m as i32)
                .into(),
            depose.into(),
            true.into(),
            texte.into(),
            true.into(),
            texte.into(),
            decide.into(),
            maintenant.into(),
            maintenant.into(),
            1_i32.into(),
        ]);
    }
    inserer(
        &txn,
        "candidature",
        &[
            "structure_id",
            "appel_id",
            "departement_code",
            "region_code",
            "statut",
            "cas",
            "contrat",
            "diagnostic",
            "partenaires",
            "articulation_gouvernance",
            "missions_maillage",
            "missions_relais",
            "missions_collaborations",
            "candidat_identifie",
            "montant_subvention",
            "duree_mois",
            "depose_le",
            "avis_favorable",
            "avis_commentaire",
            "decision_validee",
            "decision_motif",
            "decide_le",
            "cree_le",
            "modifie_le",
            "postes_valides",
        ],
        lignes,
        "candidatures validées",
    )
    .await?;
    let candidatures = crate::candidature::entity::candidature::Entity::find()
        .filter(
            crate::candidature::entity::candidature::Column::StructureId
                .is_in(porteuses.iter().map(|s| s.id)),
        )
        .all(&txn)
        .await?;
    let mut perimetres = Vec::new();
    let mut postes = Vec::new();
    let mut roles = Vec::new();
    for (candidature, coordinateur) in candidatures.iter().zip(coordinateurs) {
        let structure = porteuses.iter().find(|s| s.id == candidature.structure_id);
        if let Some(epci) = structure
            .and_then(|s| communes.iter().find(|c| c.code == s.commune_code))
            .and_then(|c| c.epci_code.clone())
        {
            perimetres.push(vec![candidature.id.into(), epci.into()]);
        }
        let debut = candidature
            .decide_le
            .unwrap_or(aujourd_hui)
            .checked_add_days(Days::new(60))
            .unwrap_or(aujourd_hui)
            .min(aujourd_hui);
        postes.push(vec![
            candidature.id.into(),
            coordinateur.id.into(),
            "RECRUTEMENT".into(),
            debut.into(),
            true.into(),
            "".into(),
        ]);
        roles.push(vec![
            coordinateur.id.into(),
            Role::Coordinateur.as_str().into(),
            candidature.departement_code.clone().into(),
            candidature.region_code.clone().into(),
        ]);
    }
    inserer(
        &txn,
        "candidature_epci",
        &["candidature_id", "epci_code"],
        perimetres,
        "périmètres",
    )
    .await?;
    inserer(
        &txn,
        "coordinateur",
        &[
            "candidature_id",
            "utilisateur_id",
            "mode",
            "en_poste_depuis",
            "temps_plein",
            "formations_continues",
        ],
        postes,
        "coordinateurs",
    )
    .await?;
    inserer(
        &txn,
        "role_utilisateur",
        &["utilisateur_id", "role", "departement_code", "region_code"],
        roles,
        "rôles de coordinateur",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A point drawn uniformly inside a département's shape, in degrees: the referential has no commune
/// coordinates, so generated lieux are at least in their département on the map.
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

/// Lieux in the national standard, in communes drawn by population, through the standard's importer.
async fn generer_lieux<C: TransactionTrait + ConnectionTrait>(
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
        let (latitude, longitude) = point_dans(&formes, &commune.departement_code, hasard)
            .map_or((String::new(), String::new()), |(lat, lon)| {
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
    let debut = Instant::now();
    let bilan = crate::lieu::service::importer(&txn, &contenu, true, |fait, total| {
        progression("lieux", fait, total, debut)
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

/// A year of accompaniments for every conseiller, committed every 200 000 rows.
async fn generer_activites<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    par_conseiller: usize,
    aujourd_hui: NaiveDate,
    graine: u64,
) -> Result<(), AppError> {
    let conseillers = crate::poste::entity::conseiller::Entity::find().all(db).await?;
    let total = conseillers.len() * par_conseiller;
    let mut hasard = Hasard(graine ^ 0xC0FF_EE00);
    let maintenant = Utc::now();
    let debut = Instant::now();
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
    ];
    let lot = 30_000 / colonnes.len();
    let mut fait = 0;
    let mut txn = crate::database::ecriture(db).await?;
    let mut dans_la_transaction = 0;
    let mut lignes: Vec<Vec<sea_orm::Value>> = Vec::with_capacity(lot);
    // The monthly rollup of what each transaction writes, added in that transaction.
    let mut cumul = Cumuls::default();
    for conseiller in &conseillers {
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
            cumul.compter(
                conseiller.id,
                jour,
                theme,
                Some(&conseiller.commune_code),
                i64::from(participants),
                i64::from(minutes),
            );
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
                progression("activités", fait, total, debut);
            }
        }
    }
    fait += lignes.len();
    ecrire_activites(&txn, &colonnes, lignes).await?;
    cumul.ajouter_a(&txn).await?;
    txn.commit().await?;
    progression("activités", fait, total, debut);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_sirets_are_valid_and_distinct() {
        let a = siret(1);
        assert!(maillage_shared::structure::Siret::parse(&a).is_ok(), "{a}");
        assert_ne!(a, siret(2));
        assert!(a.starts_with('8'));
    }

    #[test]
    fn the_same_seed_gives_the_same_draws() {
        let (mut a, mut b) = (Hasard(42), Hasard(42));
        let tirages_a: Vec<u64> = (0..5).map(|_| a.suivant()).collect();
        let tirages_b: Vec<u64> = (0..5).map(|_| b.suivant()).collect();
        assert_eq!(tirages_a, tirages_b);
        assert_ne!(Hasard(43).suivant(), tirages_a[0]);
    }
}
