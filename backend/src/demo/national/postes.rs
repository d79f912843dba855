//! The national demo's coordinator posts: validated candidatures with their coordinators in post, and the
//! conseillers of their structures.

use chrono::{Days, NaiveDate, Utc};
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use maillage_shared::subvention::{Bareme, TypeContrat, simuler};
use maillage_shared::territoire::CodeDepartement;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};

use super::Hasard;
use super::inserer;
use crate::compte::entity::utilisateur;
use crate::error::AppError;
use crate::structure::entity as structure;
use crate::territoire::entity::commune;

/// Validated candidatures on the EPCI of their structure, each with its coordinator in post.
pub(super) async fn generer_postes<C: TransactionTrait + ConnectionTrait>(
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
