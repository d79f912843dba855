//! The draft: created by a structure, filled in step by step, its history kept.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use maillage_shared::candidature::{Action, Formulaire, StatutCandidature, transition};
use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use maillage_shared::subvention::{Bareme, simuler};
use maillage_shared::territoire::{CodeDepartement, SirenEpci};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::acces::{lire, statut};
use super::appels::appel_ouvert;
use super::entity::{candidature, candidature_epci, historique_candidature};
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::structure::service as structures;
use crate::territoire::entity::{departement, epci};

/// Longest answer to a question of the form.
const REPONSE_MAX: usize = 5000;

pub(super) fn structure_de(acteur: &Acteur, row: &candidature::Model) -> Result<i64, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    match role.structure_id {
        Some(id) if id == row.structure_id => Ok(id),
        _ => Err(AppError::Interdit(
            "Cette candidature n’est pas celle de votre structure.".to_owned(),
        )),
    }
}

pub(super) async fn historiser(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    role: Role,
    candidature_id: i64,
    de: Option<StatutCandidature>,
    vers: StatutCandidature,
    commentaire: Option<&str>,
) -> Result<(), AppError> {
    historique_candidature::ActiveModel {
        id: NotSet,
        candidature_id: Set(candidature_id),
        utilisateur_id: Set(acteur.utilisateur_id),
        role: Set(role.as_str().to_owned()),
        de_statut: Set(de.map(|s| s.as_str().to_owned())),
        vers_statut: Set(vers.as_str().to_owned()),
        commentaire: Set(commentaire.map(str::to_owned)),
        horodatage: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Starts the draft of the structure's candidature to the open call.
pub async fn creer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<candidature::Model, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let structure = structures::par_id(db, role.structure_id.unwrap_or(-1)).await?;
    structures::eligibilite(&structure)?;
    let appel = appel_ouvert(db, aujourd_hui)
        .await?
        .ok_or_else(|| AppError::AppelClos("aucun appel en cours".to_owned()))?;
    let existante = candidature::Entity::find()
        .filter(candidature::Column::StructureId.eq(structure.id))
        .filter(candidature::Column::AppelId.eq(appel.id))
        .one(db)
        .await?;
    if existante.is_some() {
        return Err(AppError::Conflit(
            "Votre structure a déjà une candidature à cet appel.".to_owned(),
        ));
    }
    let departement = departement::Entity::find_by_id(structure.departement_code.clone())
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!(
                "département {} absent",
                structure.departement_code
            ))
        })?;
    let maintenant = Utc::now();
    let row = candidature::ActiveModel {
        id: NotSet,
        structure_id: Set(structure.id),
        appel_id: Set(appel.id),
        departement_code: Set(departement.code),
        region_code: Set(departement.region_code),
        statut: Set(StatutCandidature::Brouillon.as_str().to_owned()),
        cas: Set(None),
        contrat: Set(None),
        perimetre_departement_code: Set(None),
        diagnostic: Set(String::new()),
        partenaires: Set(String::new()),
        articulation_gouvernance: Set(String::new()),
        missions_maillage: Set(String::new()),
        missions_relais: Set(String::new()),
        missions_collaborations: Set(String::new()),
        candidat_identifie: Set(None),
        date_prise_poste: Set(None),
        montant_subvention: Set(None),
        duree_mois: Set(None),
        depose_le: Set(None),
        avis_favorable: Set(None),
        avis_commentaire: Set(None),
        avis_le: Set(None),
        decision_validee: Set(None),
        decision_motif: Set(None),
        decide_le: Set(None),
        cree_le: Set(maintenant),
        modifie_le: Set(maintenant),
        postes_valides: Set(1),
        rappel_recrutement_le: Set(None),
        poste_clos_le: Set(None),
        poste_clos_par: Set(None),
        poste_clos_motif: Set(None),
        preavis_retrait_le: Set(None),
        preavis_retrait_motif: Set(None),
        gouvernance_declaree: Set(None),
        avis_sgar_favorable: Set(None),
        avis_sgar_commentaire: Set(None),
        avis_sgar_le: Set(None),
        avis_sgar_par: Set(None),
    }
    .insert(db)
    .await?;
    historiser(
        db,
        acteur,
        Role::Structure,
        row.id,
        None,
        StatutCandidature::Brouillon,
        None,
    )
    .await?;
    Ok(row)
}

/// The EPCI (SIREN) of a candidature's perimeter.
pub async fn epcis_du_perimetre(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<String>, AppError> {
    Ok(epcis_des_perimetres(db, [candidature_id])
        .await?
        .remove(&candidature_id)
        .unwrap_or_default())
}

/// The EPCI of the perimeters of several candidatures in one statement, by candidature (absent: none).
pub async fn epcis_des_perimetres(
    db: &impl ConnectionTrait,
    candidatures: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Vec<String>>, AppError> {
    let mut epcis: HashMap<i64, Vec<String>> = HashMap::new();
    for row in candidature_epci::Entity::find()
        .filter(candidature_epci::Column::CandidatureId.is_in(candidatures))
        .order_by_asc(candidature_epci::Column::EpciCode)
        .all(db)
        .await?
    {
        epcis.entry(row.candidature_id).or_default().push(row.epci_code);
    }
    Ok(epcis)
}

/// Saves the draft's form (every field replaced). Text answers are bounded; the perimeter must exist.
pub async fn modifier(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    formulaire: &Formulaire,
) -> Result<candidature::Model, AppError> {
    let row = lire(db, acteur, id).await?;
    structure_de(acteur, &row)?;
    transition(statut(&row), Action::Modifier, Role::Structure)?;
    for (texte, nom) in [
        (&formulaire.diagnostic, "Le diagnostic"),
        (&formulaire.partenaires, "Les partenaires"),
        (
            &formulaire.articulation_gouvernance,
            "L’articulation avec la gouvernance",
        ),
        (&formulaire.missions_maillage, "Les missions de l’axe 1"),
        (&formulaire.missions_relais, "Les missions de l’axe 2"),
        (&formulaire.missions_collaborations, "Les missions de l’axe 3"),
    ] {
        if texte.chars().count() > REPONSE_MAX {
            return Err(AppError::InvalidInput(format!(
                "{nom} dépasse {REPONSE_MAX} caractères."
            )));
        }
    }
    let mut epcis = Vec::new();
    for code in &formulaire.perimetre_epcis {
        epcis.push(SirenEpci::parse(code)?.as_str().to_owned());
    }
    epcis.sort();
    epcis.dedup();
    if epcis.len() > 50 {
        return Err(AppError::InvalidInput(
            "Un périmètre compte au plus 50 intercommunalités.".to_owned(),
        ));
    }
    let connus = epci::Entity::find()
        .filter(epci::Column::Code.is_in(epcis.clone()))
        .count(db)
        .await?;
    if connus as usize != epcis.len() {
        return Err(AppError::InvalidInput(
            "Une intercommunalité du périmètre n’existe pas.".to_owned(),
        ));
    }
    let perimetre_departement = match &formulaire.perimetre_departement {
        Some(code) => {
            let code = CodeDepartement::parse(code)?;
            departement::Entity::find_by_id(code.as_str().to_owned())
                .one(db)
                .await?
                .ok_or_else(|| AppError::InvalidInput(format!("Le département {code} n’existe pas.")))?;
            Some(code.as_str().to_owned())
        }
        None => None,
    };
    if perimetre_departement.is_some() && !epcis.is_empty() {
        return Err(AppError::InvalidInput(
            "Le territoire à coordonner est soit des intercommunalités, soit un département entier."
                .to_owned(),
        ));
    }
    let structure = structures::par_id(db, row.structure_id).await?;
    let subvention = match (
        formulaire.contrat,
        structure.categorie.as_deref().and_then(CategorieStructure::parse),
    ) {
        (Some(contrat), Some(categorie)) => {
            let departement = CodeDepartement::parse(&row.departement_code)?;
            let simulation = simuler(
                &Bareme::APPEL_2023,
                categorie,
                structure.statut_public,
                contrat,
                &departement,
            );
            simulation.montant_euros.zip(simulation.duree_mois)
        }
        _ => None,
    };
    let mis_a_jour = candidature::ActiveModel {
        id: Set(row.id),
        cas: Set(formulaire.cas.map(|cas| cas.as_str().to_owned())),
        contrat: Set(formulaire.contrat.map(|contrat| contrat.as_str().to_owned())),
        perimetre_departement_code: Set(perimetre_departement),
        diagnostic: Set(formulaire.diagnostic.trim().to_owned()),
        partenaires: Set(formulaire.partenaires.trim().to_owned()),
        articulation_gouvernance: Set(formulaire.articulation_gouvernance.trim().to_owned()),
        gouvernance_declaree: Set(formulaire.gouvernance.map(|place| place.as_str().to_owned())),
        missions_maillage: Set(formulaire.missions_maillage.trim().to_owned()),
        missions_relais: Set(formulaire.missions_relais.trim().to_owned()),
        missions_collaborations: Set(formulaire.missions_collaborations.trim().to_owned()),
        candidat_identifie: Set(formulaire.candidat_identifie),
        date_prise_poste: Set(formulaire.date_prise_poste),
        montant_subvention: Set(subvention.and_then(|(montant, _)| i32::try_from(montant).ok())),
        duree_mois: Set(subvention.and_then(|(_, duree)| i32::try_from(duree).ok())),
        modifie_le: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    candidature_epci::Entity::delete_many()
        .filter(candidature_epci::Column::CandidatureId.eq(row.id))
        .exec(db)
        .await?;
    if !epcis.is_empty() {
        candidature_epci::Entity::insert_many(epcis.into_iter().map(|epci_code| {
            candidature_epci::ActiveModel {
                candidature_id: Set(row.id),
                epci_code: Set(epci_code),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(mis_a_jour)
}
