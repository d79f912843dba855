//! The national-scale demo dataset (`maillage demo --scale national`): on the real territories, generated
//! deterministically from a seed, about 2 500 structures, 4 000 conseillers, 1 000 coordinators in post on
//! validated candidatures, 10 000 lieux in the national standard and several million accompaniments.

mod activites;
mod lieux;
mod postes;

use std::time::Instant;

use chrono::{Days, NaiveDate, Utc};
use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use maillage_shared::territoire::Zone;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};

use self::activites::generer_activites;
use self::lieux::generer_lieux;
use self::postes::generer_postes;
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
pub(super) fn siret(numero: usize) -> String {
    let base = format!("8{numero:012}");
    for cle in 0..10 {
        let candidat = format!("{base}{cle}");
        if maillage_shared::structure::Siret::parse(&candidat).is_ok() {
            return candidat;
        }
    }
    base + "0"
}

/// Inserts rows of `colonnes` in batches, each batch one statement.
pub(super) async fn inserer(
    db: &impl ConnectionTrait,
    table: &str,
    colonnes: &[&str],
    lignes: Vec<Vec<sea_orm::Value>>,
    etape: &str,
) -> Result<(), AppError> {
    // Stay under SQLite's 32 766 bound parameters per statement.
    let lot = (30_000 / colonnes.len()).max(1);
    let total = lignes.len();
    let mut progression = crate::progression::Progression::default();
    for (index, paquet) in lignes.chunks(lot).enumerate() {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(table))
            .columns(colonnes.iter().map(|c| Alias::new(*c)));
        for ligne in paquet {
            insert.values_panic(ligne.iter().cloned().map(Expr::value));
        }
        db.execute(&insert).await?;
        progression.signaler(etape, ((index + 1) * lot).min(total), total);
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
        &[
            "email",
            "mot_de_passe",
            "prenom",
            "nom",
            "cree_le",
            "adresse_verifiee_le",
        ],
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
    crate::poste::conseillers::recompter(&txn, &ids_structures.iter().map(|s| s.id).collect()).await?;
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
