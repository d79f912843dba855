//! Demo mode: accounts for every role, employers of conseillers numériques and an open call, so a newcomer
//! can play the whole workflow. Created at start-up when `application.demo` is set, never in production.
//! The data is synthetic; the territories are real. `national` generates the national-scale dataset.

pub mod coordination;
pub mod documents;
pub mod national;

use chrono::{Days, NaiveDate, Utc};
use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession,
    TransactionTrait,
};

use crate::candidature::appels::appel_ouvert;
use crate::compte::entity::utilisateur;
use crate::compte::service as compte;
use crate::error::AppError;
use crate::structure::entity as structure;

/// The password of every demo account (listed in the README).
pub const MOT_DE_PASSE: &str = "maillage-demo-2026";

/// The shapes of the départements (to place generated lieux inside them).
pub const FORMES: &str = include_str!("../../../shared/data/formes-departements.json");

/// A dozen lieux de médiation numérique in Bretagne, in the standard's flat format, with the coordinates of
/// their town centres: the demo map has something to show.
const LIEUX: &str = include_str!("../../data/lieux-demo.csv");

/// A demo account: email, first name, last name, role, structure (by SIRET), département, région.
struct CompteDemo {
    email: &'static str,
    prenom: &'static str,
    nom: &'static str,
    roles: &'static [(Role, Option<&'static str>, Option<&'static str>)],
    structure: Option<&'static str>,
    /// Her roles read in the feminine.
    au_feminin: bool,
}

/// The demo structures: SIRET (synthetic, valid key), name, category, public, commune, conseiller posts.
const STRUCTURES: [(&str, &str, CategorieStructure, bool, &str, i32); 4] = [
    (
        "90000000000019",
        "Association Iroise Numérique (démo)",
        CategorieStructure::Association,
        false,
        "29019",
        0,
    ),
    (
        "90000000000027",
        "Centre social de Recouvrance (démo)",
        CategorieStructure::Association,
        false,
        "29019",
        2,
    ),
    (
        "90000000000035",
        "Médiathèque de Guipavas (démo)",
        CategorieStructure::Collectivite,
        true,
        "29075",
        1,
    ),
    (
        "90000000000043",
        "Espace numérique de Quimper (démo)",
        CategorieStructure::Association,
        false,
        "29232",
        3,
    ),
];

const COMPTES: [CompteDemo; 9] = [
    CompteDemo {
        email: "anct@demo.maillage.fr",
        prenom: "Anne",
        nom: "Instructrice",
        roles: &[(Role::Anct, None, None)],
        structure: None,
        au_feminin: true,
    },
    CompteDemo {
        email: "prefecture29@demo.maillage.fr",
        prenom: "Paul",
        nom: "Préfecture-Finistère",
        roles: &[(Role::Prefecture, Some("29"), None)],
        structure: None,
        au_feminin: false,
    },
    CompteDemo {
        email: "prefecture35@demo.maillage.fr",
        prenom: "Pauline",
        nom: "Préfecture-Ille-et-Vilaine",
        roles: &[(Role::Prefecture, Some("35"), None)],
        structure: None,
        au_feminin: true,
    },
    CompteDemo {
        email: "sgar53@demo.maillage.fr",
        prenom: "Sophie",
        nom: "SGAR-Bretagne",
        roles: &[(Role::Sgar, None, Some("53"))],
        structure: None,
        au_feminin: true,
    },
    CompteDemo {
        email: "hub53@demo.maillage.fr",
        prenom: "Hugo",
        nom: "Hub-Bretagne",
        roles: &[(Role::Hub, None, Some("53"))],
        structure: None,
        au_feminin: false,
    },
    CompteDemo {
        email: "structure@demo.maillage.fr",
        prenom: "Sarah",
        nom: "Porteuse",
        roles: &[(Role::Structure, None, None)],
        structure: Some("90000000000019"),
        au_feminin: true,
    },
    CompteDemo {
        email: "conseiller.iroise@demo.maillage.fr",
        prenom: "Yann",
        nom: "Conseiller-Iroise",
        roles: &[(Role::Conseiller, None, None)],
        structure: None,
        au_feminin: false,
    },
    CompteDemo {
        email: "candidat@demo.maillage.fr",
        prenom: "Inès",
        nom: "Candidate",
        roles: &[(Role::Candidat, None, None)],
        structure: None,
        au_feminin: true,
    },
    CompteDemo {
        email: "conseiller@demo.maillage.fr",
        prenom: "Camille",
        nom: "Conseillère",
        roles: &[(Role::Conseiller, None, None), (Role::Coordinateur, None, None)],
        structure: None,
        au_feminin: true,
    },
];

/// Imports the demo lieux when no lieu exists yet (kept apart from [`semer`] so the tests' template has no
/// lieux of its own); returns how many were imported.
pub async fn semer_lieux<C: TransactionTrait + ConnectionTrait>(db: &C) -> Result<usize, AppError> {
    use sea_orm::sea_query::{Alias, Expr, Query};
    let mut compte = Query::select();
    compte
        .from(Alias::new("lieu"))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"));
    let existants: i64 = match db.query_one(&compte).await? {
        Some(ligne) => ligne.try_get("", "n")?,
        None => 0,
    };
    if existants > 0 {
        return Ok(0);
    }
    let txn = crate::database::ecriture(db).await?;
    let bilan = crate::lieu::service::importer(&txn, LIEUX.as_bytes(), true, |_, _| {}).await?;
    txn.commit().await?;
    if let Some(erreur) = bilan.erreurs.first() {
        return Err(AppError::Internal(anyhow::anyhow!(
            "lieux de démonstration refusés : {erreur:?}"
        )));
    }
    Ok(bilan.importes)
}

/// Creates what is missing of the demo data (run again, it changes nothing).
pub async fn semer<C: TransactionTrait>(db: &C, aujourd_hui: NaiveDate) -> Result<(), AppError> {
    let txn = crate::database::ecriture(db).await?;
    if appel_ouvert(&txn, aujourd_hui).await?.is_none() {
        crate::candidature::appels::creer(
            &txn,
            "Appel à candidatures de démonstration",
            aujourd_hui.checked_sub_days(Days::new(30)).unwrap_or(aujourd_hui),
            aujourd_hui
                .checked_add_days(Days::new(180))
                .unwrap_or(aujourd_hui),
        )
        .await?;
    }
    for (siret, nom, categorie, public, commune, conseillers) in STRUCTURES {
        if structure::Entity::find()
            .filter(structure::Column::Siret.eq(siret))
            .one(&txn)
            .await?
            .is_some()
        {
            continue;
        }
        structure::ActiveModel {
            id: NotSet,
            siret: Set(siret.to_owned()),
            nom: Set(nom.to_owned()),
            categorie: Set(Some(categorie.as_str().to_owned())),
            statut_public: Set(public),
            mission_interet_general: Set(true),
            commune_code: Set(commune.to_owned()),
            departement_code: Set(commune[..2].to_owned()),
            conseillers_numeriques: Set(conseillers),
            cree_le: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let hash = compte::hacher(MOT_DE_PASSE)?;
    for demo in &COMPTES {
        if utilisateur::Entity::find()
            .filter(utilisateur::Column::Email.eq(demo.email))
            .one(&txn)
            .await?
            .is_some()
        {
            continue;
        }
        let personne = utilisateur::ActiveModel {
            id: NotSet,
            email: Set(demo.email.to_owned()),
            mot_de_passe: Set(hash.clone()),
            prenom: Set(demo.prenom.to_owned()),
            nom: Set(demo.nom.to_owned()),
            cree_le: Set(Utc::now()),
            // The demo's addresses are fictitious: nobody could open a link sent there.
            adresse_verifiee_le: Set(Some(Utc::now())),
            proconnect_sub: Set(None),
            desactive_le: Set(None),
            au_feminin: Set(Some(demo.au_feminin)),
        }
        .insert(&txn)
        .await?;
        let structure_id = match demo.structure {
            Some(siret) => structure::Entity::find()
                .filter(structure::Column::Siret.eq(siret))
                .one(&txn)
                .await?
                .map(|s| s.id),
            None => None,
        };
        for (role, departement, region) in demo.roles {
            let structure_id = if *role == Role::Structure {
                structure_id
            } else {
                None
            };
            compte::attribuer_role(
                &txn,
                personne.id,
                *role,
                structure_id,
                departement.map(str::to_owned),
                region.map(str::to_owned),
            )
            .await?;
        }
    }
    semer_conseiller_et_candidat(&txn, aujourd_hui).await?;
    // Yann's post counts among the Finistère's conseillers.
    crate::indicateur::cumul::recalculer(&txn, &crate::territoire::etendue::Etendue::Nationale, aujourd_hui)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Yann, conseiller numérique of the demo structure (to give the coordinator role to), and Inès, in the
/// candidate pool near Brest (to recruit).
async fn semer_conseiller_et_candidat(
    db: &impl ConnectionTrait,
    aujourd_hui: NaiveDate,
) -> Result<(), AppError> {
    use crate::poste::entity::{conseiller, profil_candidat};
    if let (Some(yann), Some(iroise)) = (
        personne(db, "conseiller.iroise@demo.maillage.fr").await?,
        structure::Entity::find()
            .filter(structure::Column::Siret.eq(STRUCTURES[0].0))
            .one(db)
            .await?,
    ) && conseiller::Entity::find()
        .filter(conseiller::Column::UtilisateurId.eq(yann.id))
        .one(db)
        .await?
        .is_none()
    {
        conseiller::ActiveModel {
            id: NotSet,
            utilisateur_id: Set(yann.id),
            structure_id: Set(iroise.id),
            commune_code: Set("29019".to_owned()),
            contrat_debut: Set(aujourd_hui.checked_sub_days(Days::new(400))),
            contrat_fin: Set(None),
            fin_financement_initial: Set(aujourd_hui.checked_add_days(Days::new(60))),
            cree_le: Set(Utc::now()),
            type_contrat: Set(None),
            importe_le: Set(None),
        }
        .insert(db)
        .await?;
    }
    if let Some(ines) = personne(db, "candidat@demo.maillage.fr").await?
        && profil_candidat::Entity::find()
            .filter(profil_candidat::Column::UtilisateurId.eq(ines.id))
            .one(db)
            .await?
            .is_none()
    {
        profil_candidat::ActiveModel {
            id: NotSet,
            utilisateur_id: Set(ines.id),
            commune_code: Set("29075".to_owned()),
            departement_code: Set("29".to_owned()),
            region_code: Set("53".to_owned()),
            rayon_km: Set(40),
            disponible_le: Set(Some(aujourd_hui)),
            experience: Set(
                "Six ans de médiation numérique en médiathèque, animation d’un réseau d’aidants.".to_owned(),
            ),
            diplomes: Set("Titre professionnel Responsable d’Espace de Médiation Numérique".to_owned()),
            pix: Set(true),
            ccp1: Set(true),
            visible: Set(true),
            cree_le: Set(Utc::now()),
            modifie_le: Set(Utc::now()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The demo account of `email`, if it exists.
async fn personne(db: &impl ConnectionTrait, email: &str) -> Result<Option<utilisateur::Model>, AppError> {
    Ok(utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(email))
        .one(db)
        .await?)
}

/// Whether the demo data exists in this database.
pub async fn est_semee(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    Ok(personne(db, COMPTES[0].email).await?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use maillage_shared::structure::Siret;

    #[test]
    fn demo_sirets_have_a_valid_key() {
        for (siret, ..) in STRUCTURES {
            assert!(Siret::parse(siret).is_ok(), "{siret}");
        }
    }
}
