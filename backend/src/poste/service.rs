//! Recruitment of the coordinator on a validated candidature, within its quota of posts; the convention
//! (or avenant) and its payment; the coordinator's obligations. Every function checks role and territory.

use chrono::{NaiveDate, Utc};
use maillage_shared::candidature::{CasDeFigure, StatutCandidature, echeance_recrutement, en_retard};
use maillage_shared::poste::{
    Obligations, StatutRecrutement, TypeActe, debut_financement, fin_financement, mois_de_paiement,
    type_d_acte,
};
use maillage_shared::role::Role;
use maillage_shared::territoire::CodeCommune;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::{Expr, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::entity::{conseiller, convention, coordinateur, profil_candidat, recrutement};
use crate::candidature::entity::candidature;
use crate::candidature::service as candidatures;
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::compte::service as compte;
use crate::error::AppError;
use crate::notification::service as notification;
use crate::territoire::entity::commune;

/// What a candidate says about themself.
#[derive(Debug, Clone)]
pub struct Profil {
    pub commune_code: String,
    pub rayon_km: i32,
    pub disponible_le: Option<NaiveDate>,
    pub experience: String,
    pub diplomes: String,
    pub pix: bool,
    pub ccp1: bool,
    /// Consent to be seen by structures with a validated candidature.
    pub visible: bool,
}

/// Longest free text of a profile.
const TEXTE_MAX: usize = 3000;

async fn ecrire_profil(
    db: &impl ConnectionTrait,
    utilisateur_id: i64,
    existant: Option<i64>,
    profil: &Profil,
) -> Result<profil_candidat::Model, AppError> {
    let code = CodeCommune::parse(&profil.commune_code)?;
    let commune = commune::Entity::find_by_id(code.as_str().to_owned())
        .one(db)
        .await?
        .ok_or_else(|| AppError::InvalidInput(format!("Aucune commune n’a le code INSEE {code}.")))?;
    if !(0..=1000).contains(&profil.rayon_km) {
        return Err(AppError::InvalidInput(
            "Le rayon de mobilité doit être compris entre 0 et 1000 km.".to_owned(),
        ));
    }
    if profil.experience.chars().count() > TEXTE_MAX || profil.diplomes.chars().count() > TEXTE_MAX {
        return Err(AppError::InvalidInput(format!(
            "L’expérience et les diplômes comptent au plus {TEXTE_MAX} caractères."
        )));
    }
    let maintenant = Utc::now();
    let modele = profil_candidat::ActiveModel {
        id: existant.map_or(NotSet, Set),
        utilisateur_id: Set(utilisateur_id),
        commune_code: Set(commune.code),
        departement_code: Set(commune.departement_code),
        region_code: Set(commune.region_code),
        rayon_km: Set(profil.rayon_km),
        disponible_le: Set(profil.disponible_le),
        experience: Set(profil.experience.trim().to_owned()),
        diplomes: Set(profil.diplomes.trim().to_owned()),
        pix: Set(profil.pix),
        ccp1: Set(profil.ccp1),
        visible: Set(profil.visible),
        cree_le: if existant.is_some() {
            NotSet
        } else {
            Set(maintenant)
        },
        modifie_le: Set(maintenant),
    };
    Ok(if existant.is_some() {
        modele.update(db).await?
    } else {
        modele.insert(db).await?
    })
}

/// Registers a person in the national pool: account, role and profile.
pub async fn inscrire_candidat(
    db: &impl ConnectionTrait,
    email: &str,
    mot_de_passe: &str,
    prenom: &str,
    nom: &str,
    profil: &Profil,
) -> Result<utilisateur::Model, AppError> {
    let personne = compte::creer_utilisateur(db, email, mot_de_passe, prenom, nom).await?;
    compte::attribuer_role(db, personne.id, Role::Candidat, None, None, None).await?;
    ecrire_profil(db, personne.id, None, profil).await?;
    Ok(personne)
}

/// The caller's own profile (role CANDIDAT).
pub async fn mon_profil(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<Option<profil_candidat::Model>, AppError> {
    acteur.exiger(Role::Candidat)?;
    Ok(profil_candidat::Entity::find()
        .filter(profil_candidat::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .one(db)
        .await?)
}

/// Updates (or recreates) the caller's profile; `visible: false` withdraws it from searches.
pub async fn modifier_profil(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    profil: &Profil,
) -> Result<profil_candidat::Model, AppError> {
    let existant = mon_profil(db, acteur).await?.map(|p| p.id);
    ecrire_profil(db, acteur.utilisateur_id, existant, profil).await
}

/// Deletes the caller's profile and its recruitment contacts (the account stays, to log in).
pub async fn supprimer_profil(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<(), AppError> {
    if let Some(profil) = mon_profil(db, acteur).await? {
        // A recruitment in progress holds a post and is the structure's record: it must end first.
        let en_cours = recrutement::Entity::find()
            .filter(recrutement::Column::ProfilCandidatId.eq(profil.id))
            .filter(recrutement::Column::Statut.is_in([
                StatutRecrutement::Recrutee.as_str(),
                StatutRecrutement::Finalisee.as_str(),
            ]))
            .count(db)
            .await?;
        if en_cours > 0 {
            return Err(AppError::Conflit(
                "Vous êtes recruté·e sur un poste : votre profil ne peut être supprimé qu’après la fin du contrat \
                 (rupture enregistrée par la structure)."
                    .to_owned(),
            ));
        }
        recrutement::Entity::delete_many()
            .filter(recrutement::Column::ProfilCandidatId.eq(profil.id))
            .exec(db)
            .await?;
        profil_candidat::Entity::delete_by_id(profil.id).exec(db).await?;
    }
    Ok(())
}

/// A validated candidature of the caller's structure.
pub async fn candidature_validee(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
) -> Result<candidature::Model, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let row = candidatures::lire(db, acteur, candidature_id).await?;
    if role.structure_id != Some(row.structure_id) {
        return Err(AppError::Interdit(
            "Cette candidature n’est pas celle de votre structure.".to_owned(),
        ));
    }
    if candidatures::statut(&row) != StatutCandidature::Validee {
        return Err(AppError::Interdit(
            "Le recrutement n’est ouvert qu’aux candidatures validées par l’ANCT.".to_owned(),
        ));
    }
    Ok(row)
}

/// How far from the post a candidate may live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proximite {
    /// In a commune of the perimeter to coordinate.
    Perimetre,
    Departement,
    Region,
    National,
}

/// Criteria of a pool search.
#[derive(Debug, Clone, Copy)]
pub struct Recherche {
    pub proximite: Proximite,
    pub pix: bool,
    pub ccp1: bool,
    /// Only those available on or before this day.
    pub disponible_avant: Option<NaiveDate>,
}

/// Candidates who consented to be seen, near the post, most recently updated first.
pub async fn rechercher(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    recherche: &Recherche,
    premiers: u64,
) -> Result<Vec<(profil_candidat::Model, utilisateur::Model)>, AppError> {
    let poste = candidature_validee(db, acteur, candidature_id).await?;
    let mut condition = Condition::all().add(profil_candidat::Column::Visible.eq(true));
    condition = match recherche.proximite {
        Proximite::Perimetre => {
            let epcis = candidatures::epcis_du_perimetre(db, poste.id).await?;
            let mut perimetre = Condition::any();
            if !epcis.is_empty() {
                let communes: Vec<String> = commune::Entity::find()
                    .filter(commune::Column::EpciCode.is_in(epcis))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|c| c.code)
                    .collect();
                perimetre = perimetre.add(profil_candidat::Column::CommuneCode.is_in(communes));
            }
            if let Some(departement) = &poste.perimetre_departement_code {
                perimetre = perimetre.add(profil_candidat::Column::DepartementCode.eq(departement.as_str()));
            }
            condition.add(perimetre)
        }
        Proximite::Departement => {
            condition.add(profil_candidat::Column::DepartementCode.eq(poste.departement_code.as_str()))
        }
        Proximite::Region => {
            condition.add(profil_candidat::Column::RegionCode.eq(poste.region_code.as_str()))
        }
        Proximite::National => condition,
    };
    if recherche.pix {
        condition = condition.add(profil_candidat::Column::Pix.eq(true));
    }
    if recherche.ccp1 {
        condition = condition.add(profil_candidat::Column::Ccp1.eq(true));
    }
    if let Some(jour) = recherche.disponible_avant {
        condition = condition.add(
            Condition::any()
                .add(profil_candidat::Column::DisponibleLe.is_null())
                .add(profil_candidat::Column::DisponibleLe.lte(jour)),
        );
    }
    let profils = profil_candidat::Entity::find()
        .filter(condition)
        .order_by_desc(profil_candidat::Column::ModifieLe)
        .limit(premiers)
        .all(db)
        .await?;
    let personnes = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(profils.iter().map(|p| p.utilisateur_id)))
        .all(db)
        .await?;
    Ok(profils
        .into_iter()
        .filter_map(|profil| {
            let personne = personnes.iter().find(|u| u.id == profil.utilisateur_id)?.clone();
            Some((profil, personne))
        })
        .collect())
}

/// The structure contacts a visible candidate for its validated post.
pub async fn contacter(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    profil_id: i64,
) -> Result<recrutement::Model, AppError> {
    let poste = candidature_validee(db, acteur, candidature_id).await?;
    let profil = profil_candidat::Entity::find_by_id(profil_id)
        .one(db)
        .await?
        .filter(|p| p.visible)
        .ok_or_else(|| AppError::Introuvable("Ce profil n’existe pas ou n’est plus visible.".to_owned()))?;
    let deja = recrutement::Entity::find()
        .filter(recrutement::Column::CandidatureId.eq(poste.id))
        .filter(recrutement::Column::ProfilCandidatId.eq(profil.id))
        .one(db)
        .await?;
    if deja.is_some() {
        return Err(AppError::Conflit(
            "Ce candidat a déjà été contacté pour ce poste.".to_owned(),
        ));
    }
    let maintenant = Utc::now();
    let contact = recrutement::ActiveModel {
        id: NotSet,
        candidature_id: Set(poste.id),
        profil_candidat_id: Set(profil.id),
        statut: Set(StatutRecrutement::Nouvelle.as_str().to_owned()),
        contrat: Set(None),
        debut: Set(None),
        fin: Set(None),
        cree_le: Set(maintenant),
        modifie_le: Set(maintenant),
    }
    .insert(db)
    .await?;
    let structure = crate::structure::service::par_id(db, poste.structure_id).await?;
    let candidat = utilisateur::Entity::find_by_id(profil.utilisateur_id)
        .all(db)
        .await?;
    notification::notifier(
        db,
        &candidat,
        "Une structure vous contacte",
        &format!(
            "{} souhaite vous rencontrer pour un poste de conseiller numérique coordinateur.",
            structure.nom
        ),
        "/candidat",
    )
    .await?;
    Ok(contact)
}

/// Locks the candidature row until the end of the transaction (PostgreSQL), so two requests counting the
/// posts cannot both see a free one. SQLite needs no lock: write transactions begin IMMEDIATE and run one
/// at a time.
async fn verrouiller_poste(db: &impl ConnectionTrait, candidature_id: i64) -> Result<(), AppError> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        candidature::Entity::find_by_id(candidature_id)
            .lock(LockType::Update)
            .one(db)
            .await?;
    }
    Ok(())
}

/// Posts occupied: coordinators in post, plus candidates recruited whose contract is not signed yet.
pub async fn postes_occupes(db: &impl ConnectionTrait, candidature_id: i64) -> Result<u64, AppError> {
    let en_poste = coordinateur::Entity::find()
        .filter(coordinateur::Column::CandidatureId.eq(candidature_id))
        .filter(coordinateur::Column::PartiLe.is_null())
        .count(db)
        .await?;
    let recrutes = recrutement::Entity::find()
        .filter(recrutement::Column::CandidatureId.eq(candidature_id))
        .filter(recrutement::Column::Statut.eq(StatutRecrutement::Recrutee.as_str()))
        .count(db)
        .await?;
    Ok(en_poste + recrutes)
}

async fn verifier_quota(db: &impl ConnectionTrait, poste: &candidature::Model) -> Result<(), AppError> {
    verrouiller_poste(db, poste.id).await?;
    if postes_occupes(db, poste.id).await? >= u64::try_from(poste.postes_valides.max(0)).unwrap_or(0) {
        return Err(AppError::Conflit(format!(
            "Tous les postes validés ({}) sont pourvus : aucun coordinateur de plus ne peut être recruté.",
            poste.postes_valides
        )));
    }
    Ok(())
}

async fn installer_coordinateur(
    db: &impl ConnectionTrait,
    poste: &candidature::Model,
    utilisateur_id: i64,
    mode: &str,
    conseiller_id: Option<i64>,
    debut: NaiveDate,
) -> Result<coordinateur::Model, AppError> {
    let deja = coordinateur::Entity::find()
        .filter(coordinateur::Column::UtilisateurId.eq(utilisateur_id))
        .one(db)
        .await?;
    if deja.is_some() {
        return Err(AppError::Conflit(
            "Cette personne est déjà coordinatrice.".to_owned(),
        ));
    }
    let nouveau = coordinateur::ActiveModel {
        id: NotSet,
        candidature_id: Set(poste.id),
        utilisateur_id: Set(utilisateur_id),
        mode: Set(mode.to_owned()),
        conseiller_id: Set(conseiller_id),
        en_poste_depuis: Set(debut),
        parti_le: Set(None),
        temps_plein: Set(true),
        formation_initiale_le: Set(None),
        formations_continues: Set(String::new()),
        pix_demande: Set(false),
        pix_obtenu: Set(false),
        ccp1_demande: Set(false),
        ccp1_obtenu: Set(false),
        visible_carte: Set(true),
    }
    .insert(db)
    .await
    .map_err(|error| match error.sql_err() {
        // Two requests raced past the check above: the unique index decided.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Conflit("Cette personne est déjà coordinatrice.".to_owned())
        }
        _ => AppError::Database(error),
    })?;
    compte::attribuer_role(
        db,
        utilisateur_id,
        Role::Coordinateur,
        None,
        Some(poste.departement_code.clone()),
        Some(poste.region_code.clone()),
    )
    .await?;
    recalculer_indicateurs(db).await?;
    Ok(nouveau)
}

/// A coordinator taking or leaving a post moves its département's count and the covered population of
/// every département its perimeter's EPCI reach: all are counted again (a few such changes a day).
async fn recalculer_indicateurs(db: &impl ConnectionTrait) -> Result<(), AppError> {
    crate::indicateur::cumul::recalculer(
        db,
        &crate::indicateur::service::Etendue::Nationale,
        chrono::Utc::now().date_naive(),
    )
    .await?;
    Ok(())
}

/// What changes with a recruitment step.
#[derive(Debug, Clone, Default)]
pub struct Etape {
    pub contrat: Option<String>,
    pub debut: Option<NaiveDate>,
    pub fin: Option<NaiveDate>,
}

/// Moves a recruitment one step. Recruiting takes a post (within the quota); signing the contract puts the
/// coordinator in post; a rupture frees the post.
pub async fn faire_avancer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    recrutement_id: i64,
    vers: StatutRecrutement,
    etape: &Etape,
    aujourd_hui: NaiveDate,
) -> Result<recrutement::Model, AppError> {
    let actuel = recrutement::Entity::find_by_id(recrutement_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Recrutement introuvable.".to_owned()))?;
    let poste = candidature_validee(db, acteur, actuel.candidature_id).await?;
    let de = StatutRecrutement::parse(&actuel.statut).unwrap_or(StatutRecrutement::Nouvelle);
    if let Some(contrat) = &etape.contrat
        && maillage_shared::subvention::TypeContrat::parse(contrat).is_none()
    {
        return Err(AppError::InvalidInput(format!(
            "Type de contrat inconnu : « {contrat} »."
        )));
    }
    if let (Some(debut), Some(fin)) = (etape.debut, etape.fin)
        && fin < debut
    {
        return Err(AppError::InvalidInput(
            "La fin du contrat précède son début.".to_owned(),
        ));
    }
    if !de.peut_passer_a(vers) {
        return Err(AppError::InvalidInput(format!(
            "Un recrutement « {} » ne peut pas passer à « {} ».",
            de.libelle(),
            vers.libelle()
        )));
    }
    if vers == StatutRecrutement::Recrutee {
        verifier_quota(db, &poste).await?;
    }
    let profil = profil_candidat::Entity::find_by_id(actuel.profil_candidat_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Profil introuvable.".to_owned()))?;
    match vers {
        StatutRecrutement::Finalisee => {
            installer_coordinateur(
                db,
                &poste,
                profil.utilisateur_id,
                "RECRUTEMENT",
                None,
                etape.debut.unwrap_or(aujourd_hui),
            )
            .await?;
        }
        StatutRecrutement::Rupture => {
            coordinateur::Entity::update_many()
                .col_expr(coordinateur::Column::PartiLe, Expr::value(aujourd_hui))
                .filter(coordinateur::Column::CandidatureId.eq(poste.id))
                .filter(coordinateur::Column::UtilisateurId.eq(profil.utilisateur_id))
                .exec(db)
                .await?;
            recalculer_indicateurs(db).await?;
            // The person no longer acts as coordinator; sessions in that role fall back to another one.
            use crate::compte::entity::{role_utilisateur, session};
            let roles: Vec<i64> = role_utilisateur::Entity::find()
                .filter(role_utilisateur::Column::UtilisateurId.eq(profil.utilisateur_id))
                .filter(role_utilisateur::Column::Role.eq(Role::Coordinateur.as_str()))
                .all(db)
                .await?
                .into_iter()
                .map(|role| role.id)
                .collect();
            session::Entity::update_many()
                .col_expr(
                    session::Column::RoleUtilisateurId,
                    Expr::value(Option::<i64>::None),
                )
                .filter(session::Column::RoleUtilisateurId.is_in(roles.clone()))
                .exec(db)
                .await?;
            role_utilisateur::Entity::delete_many()
                .filter(role_utilisateur::Column::Id.is_in(roles))
                .exec(db)
                .await?;
        }
        _ => {}
    }
    Ok(recrutement::ActiveModel {
        id: Set(actuel.id),
        statut: Set(vers.as_str().to_owned()),
        contrat: Set(etape.contrat.clone().or(actuel.contrat)),
        debut: Set(etape.debut.or(actuel.debut)),
        fin: Set(etape.fin.or(actuel.fin)),
        modifie_le: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?)
}

/// The conseillers numériques employed by the caller's structure.
pub async fn mes_conseillers(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<Vec<(conseiller::Model, utilisateur::Model)>, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let conseillers = conseiller::Entity::find()
        .filter(conseiller::Column::StructureId.eq(role.structure_id.unwrap_or(-1)))
        .order_by_asc(conseiller::Column::Id)
        .all(db)
        .await?;
    let personnes = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(conseillers.iter().map(|c| c.utilisateur_id)))
        .all(db)
        .await?;
    Ok(conseillers
        .into_iter()
        .filter_map(|c| {
            let personne = personnes.iter().find(|p| p.id == c.utilisateur_id)?.clone();
            Some((c, personne))
        })
        .collect())
}

/// "Attribuer un rôle de coordinateur": the structure gives the role to one of its conseillers in post,
/// within the quota checked in the same transaction.
pub async fn attribuer_role(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    conseiller_id: i64,
    aujourd_hui: NaiveDate,
) -> Result<coordinateur::Model, AppError> {
    let poste = candidature_validee(db, acteur, candidature_id).await?;
    let conseiller = conseiller::Entity::find_by_id(conseiller_id)
        .one(db)
        .await?
        .filter(|c| c.structure_id == poste.structure_id)
        .ok_or_else(|| {
            AppError::Interdit("Ce conseiller numérique n’est pas employé par votre structure.".to_owned())
        })?;
    verifier_quota(db, &poste).await?;
    let nouveau = installer_coordinateur(
        db,
        &poste,
        conseiller.utilisateur_id,
        "ATTRIBUTION",
        Some(conseiller.id),
        aujourd_hui,
    )
    .await?;
    let personne = utilisateur::Entity::find_by_id(conseiller.utilisateur_id)
        .all(db)
        .await?;
    notification::notifier(
        db,
        &personne,
        "Rôle de coordinateur attribué",
        "Votre structure vous a attribué le rôle de conseiller numérique coordinateur.",
        "/espace",
    )
    .await?;
    Ok(nouveau)
}

/// The coordinators of a post, in post first.
pub async fn coordinateurs(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<coordinateur::Model>, AppError> {
    Ok(coordinateur::Entity::find()
        .filter(coordinateur::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(coordinateur::Column::Id)
        .all(db)
        .await?)
}

/// The recruitments of a post.
pub async fn recrutements(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<recrutement::Model>, AppError> {
    Ok(recrutement::Entity::find()
        .filter(recrutement::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(recrutement::Column::Id)
        .all(db)
        .await?)
}

/// The convention of a post, if requested.
pub async fn convention_du_poste(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Option<convention::Model>, AppError> {
    Ok(convention::Entity::find()
        .filter(convention::Column::CandidatureId.eq(candidature_id))
        .one(db)
        .await?)
}

/// The structure requests its convention (an avenant in substitution cases) once a coordinator is in post.
pub async fn demander_convention(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    aujourd_hui: NaiveDate,
) -> Result<convention::Model, AppError> {
    let poste = candidature_validee(db, acteur, candidature_id).await?;
    let en_poste = coordinateur::Entity::find()
        .filter(coordinateur::Column::CandidatureId.eq(poste.id))
        .filter(coordinateur::Column::PartiLe.is_null())
        .count(db)
        .await?;
    if en_poste == 0 {
        return Err(AppError::InvalidInput(
            "La convention se demande une fois le coordinateur en poste.".to_owned(),
        ));
    }
    if convention_du_poste(db, poste.id).await?.is_some() {
        return Err(AppError::Conflit(
            "La convention de ce poste est déjà demandée.".to_owned(),
        ));
    }
    let cas = poste
        .cas
        .as_deref()
        .and_then(CasDeFigure::parse)
        .unwrap_or(CasDeFigure::B1);
    let demandee = convention::ActiveModel {
        id: NotSet,
        candidature_id: Set(poste.id),
        r#type: Set(type_d_acte(cas).as_str().to_owned()),
        montant: Set(poste.montant_subvention.unwrap_or(0)),
        demandee_le: Set(aujourd_hui),
        signee_le: Set(None),
        debut_financement: Set(None),
        fin_financement: Set(None),
        paiement_prevu: Set(None),
        paye_le: Set(None),
        suspendu_le: Set(None),
        motif_suspension: Set(None),
        remboursement_demande_le: Set(None),
        motif_remboursement: Set(None),
    }
    .insert(db)
    .await?;
    let anct = notification::titulaires(db, Role::Anct, None, None, None).await?;
    notification::notifier(
        db,
        &anct,
        "Convention demandée",
        "Une structure demande la convention de son poste de coordinateur.",
        &format!("/candidatures/{}", poste.id),
    )
    .await?;
    Ok(demandee)
}

async fn convention_pour_anct(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
) -> Result<(convention::Model, candidature::Model), AppError> {
    acteur.exiger(Role::Anct)?;
    let acte = convention::Entity::find_by_id(convention_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Convention introuvable.".to_owned()))?;
    let poste = candidatures::lire(db, acteur, acte.candidature_id).await?;
    Ok((acte, poste))
}

async fn prevenir_structure(
    db: &impl ConnectionTrait,
    poste: &candidature::Model,
    titre: &str,
    message: &str,
) -> Result<(), AppError> {
    let porteurs =
        notification::titulaires(db, Role::Structure, Some(poste.structure_id), None, None).await?;
    notification::notifier(
        db,
        &porteurs,
        titre,
        message,
        &format!("/candidatures/{}", poste.id),
    )
    .await
}

/// ANCT records the signature (on behalf of the Banque des Territoires): the funding period and the
/// payment month follow from the rules.
pub async fn signer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
    signee_le: NaiveDate,
    aujourd_hui: NaiveDate,
) -> Result<convention::Model, AppError> {
    let (acte, poste) = convention_pour_anct(db, acteur, convention_id).await?;
    if acte.signee_le.is_some() {
        return Err(AppError::Conflit("Cette convention est déjà signée.".to_owned()));
    }
    if signee_le > aujourd_hui || signee_le < acte.demandee_le {
        return Err(AppError::InvalidInput(
            "La date de signature doit être entre la demande et aujourd’hui.".to_owned(),
        ));
    }
    let type_acte = TypeActe::parse(&acte.r#type).unwrap_or(TypeActe::Convention);
    // For an avenant, the initial funding that ends first is that of the conseiller who became coordinator.
    let fin_initiale = match coordinateurs(db, poste.id)
        .await?
        .into_iter()
        .find_map(|c| c.conseiller_id)
    {
        Some(conseiller_id) => conseiller::Entity::find_by_id(conseiller_id)
            .one(db)
            .await?
            .and_then(|c| c.fin_financement_initial),
        None => None,
    };
    let debut = debut_financement(type_acte, signee_le, fin_initiale);
    let duree = u32::try_from(poste.duree_mois.unwrap_or(24)).unwrap_or(24);
    let signee = convention::ActiveModel {
        id: Set(acte.id),
        signee_le: Set(Some(signee_le)),
        debut_financement: Set(Some(debut)),
        fin_financement: Set(Some(fin_financement(debut, duree))),
        paiement_prevu: Set(Some(mois_de_paiement(signee_le))),
        ..Default::default()
    }
    .update(db)
    .await?;
    prevenir_structure(
        db,
        &poste,
        "Convention signée",
        &format!(
            "Votre convention est signée : la subvention de {} € sera versée en {}.",
            maillage_shared::format::nombre(i64::from(signee.montant)),
            mois_en_francais(mois_de_paiement(signee_le))
        ),
    )
    .await?;
    Ok(signee)
}

/// "mars 2024".
pub fn mois_en_francais(jour: NaiveDate) -> String {
    use chrono::Datelike;
    const MOIS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    format!("{} {}", MOIS[jour.month0() as usize], jour.year())
}

/// ANCT records the payment of the whole subsidy.
pub async fn enregistrer_paiement(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
    paye_le: NaiveDate,
    aujourd_hui: NaiveDate,
) -> Result<convention::Model, AppError> {
    let (acte, poste) = convention_pour_anct(db, acteur, convention_id).await?;
    let Some(signee_le) = acte.signee_le else {
        return Err(AppError::InvalidInput(
            "Une convention non signée ne peut pas être payée.".to_owned(),
        ));
    };
    if paye_le < signee_le || paye_le > aujourd_hui {
        return Err(AppError::InvalidInput(
            "La date de paiement doit être entre la signature et aujourd’hui.".to_owned(),
        ));
    }
    if acte.suspendu_le.is_some() {
        return Err(AppError::InvalidInput(
            "Le paiement de cette convention est suspendu.".to_owned(),
        ));
    }
    if acte.paye_le.is_some() {
        return Err(AppError::Conflit("Cette subvention est déjà payée.".to_owned()));
    }
    let payee = convention::ActiveModel {
        id: Set(acte.id),
        paye_le: Set(Some(paye_le)),
        ..Default::default()
    }
    .update(db)
    .await?;
    prevenir_structure(
        db,
        &poste,
        "Subvention versée",
        &format!(
            "La subvention de {} € a été versée.",
            maillage_shared::format::nombre(i64::from(payee.montant))
        ),
    )
    .await?;
    Ok(payee)
}

/// ANCT suspends the payment (obligations not met) or asks for reimbursement (coordinator used for other
/// missions), with the reason the structure sees.
pub async fn sanctionner(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
    remboursement: bool,
    motif: &str,
    aujourd_hui: NaiveDate,
) -> Result<convention::Model, AppError> {
    let (acte, poste) = convention_pour_anct(db, acteur, convention_id).await?;
    let motif = maillage_shared::candidature::Commentaire::parse(motif)?;
    // A payment is suspended before it is made; once made, ANCT asks for the money back instead.
    let possible = if remboursement {
        acte.paye_le.is_some() && acte.remboursement_demande_le.is_none()
    } else {
        acte.signee_le.is_some() && acte.paye_le.is_none() && acte.suspendu_le.is_none()
    };
    if !possible {
        return Err(AppError::InvalidInput(
            if remboursement {
                "Un remboursement ne se demande qu’une fois, après le paiement."
            } else {
                "Un paiement se suspend une fois la convention signée et avant qu’il soit fait, une seule fois."
            }
            .to_owned(),
        ));
    }
    let mut modele = convention::ActiveModel {
        id: Set(acte.id),
        ..Default::default()
    };
    let titre = if remboursement {
        modele.remboursement_demande_le = Set(Some(aujourd_hui));
        modele.motif_remboursement = Set(Some(motif.as_str().to_owned()));
        "Remboursement demandé"
    } else {
        modele.suspendu_le = Set(Some(aujourd_hui));
        modele.motif_suspension = Set(Some(motif.as_str().to_owned()));
        "Paiement suspendu"
    };
    let modifiee = modele.update(db).await?;
    prevenir_structure(
        db,
        &poste,
        titre,
        &format!("{titre} par l’ANCT. Motif : {}", motif.as_str()),
    )
    .await?;
    Ok(modifiee)
}

/// Records a coordinator's obligations (the structure employing them, or ANCT).
pub async fn enregistrer_obligations(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    coordinateur_id: i64,
    obligations: &Obligations,
) -> Result<coordinateur::Model, AppError> {
    let actuel = coordinateur::Entity::find_by_id(coordinateur_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Coordinateur introuvable.".to_owned()))?;
    let poste = candidatures::lire(db, acteur, actuel.candidature_id).await?;
    let role = acteur.role()?;
    let autorise = match role.role {
        Role::Anct => true,
        Role::Structure => role.structure_id == Some(poste.structure_id),
        _ => false,
    };
    if !autorise {
        return Err(AppError::Interdit(
            "Seuls la structure employeuse et l’ANCT renseignent les obligations.".to_owned(),
        ));
    }
    let annees: Vec<String> = obligations
        .formations_continues
        .iter()
        .map(i32::to_string)
        .collect();
    Ok(coordinateur::ActiveModel {
        id: Set(actuel.id),
        temps_plein: Set(obligations.temps_plein),
        formation_initiale_le: Set(obligations.formation_initiale_le),
        formations_continues: Set(annees.join(",")),
        pix_demande: Set(obligations.pix_demande),
        pix_obtenu: Set(obligations.pix_obtenu),
        ccp1_demande: Set(obligations.ccp1_demande),
        ccp1_obtenu: Set(obligations.ccp1_obtenu),
        ..Default::default()
    }
    .update(db)
    .await?)
}

/// The obligations as stored.
pub fn obligations(row: &coordinateur::Model) -> Obligations {
    Obligations {
        temps_plein: row.temps_plein,
        formation_initiale_le: row.formation_initiale_le,
        formations_continues: row
            .formations_continues
            .split(',')
            .filter_map(|a| a.trim().parse().ok())
            .collect(),
        pix_demande: row.pix_demande,
        pix_obtenu: row.pix_obtenu,
        ccp1_demande: row.ccp1_demande,
        ccp1_obtenu: row.ccp1_obtenu,
    }
}

/// The recruitment deadline of a validated candidature and whether it is overdue (no coordinator in post
/// six months after notification); `None` before a validation.
pub fn retard(poste: &candidature::Model, pourvu: bool, aujourd_hui: NaiveDate) -> Option<(NaiveDate, bool)> {
    let notifiee = poste.decide_le.filter(|_| poste.decision_validee == Some(true))?;
    let echeance = echeance_recrutement(notifiee);
    Some((echeance, !pourvu && en_retard(echeance, aujourd_hui)))
}

/// Sends the five-month reminder to the structures of validated posts still without a coordinator, and to
/// their préfecture; each post is reminded once, even with several instances running this job (the
/// conditional update decides who sends). Returns how many posts were reminded.
pub async fn rappeler_recrutements(
    db: &impl ConnectionTrait,
    aujourd_hui: NaiveDate,
) -> Result<usize, AppError> {
    // Notified on or before this day: five months have passed.
    let limite = aujourd_hui
        .checked_sub_months(chrono::Months::new(5))
        .unwrap_or(NaiveDate::MIN);
    let candidates = candidature::Entity::find()
        .filter(candidature::Column::Statut.eq(StatutCandidature::Validee.as_str()))
        .filter(candidature::Column::DecideLe.lte(limite))
        .filter(candidature::Column::RappelRecrutementLe.is_null())
        .all(db)
        .await?;
    let mut rappeles = 0;
    for poste in candidates {
        if coordinateur::Entity::find()
            .filter(coordinateur::Column::CandidatureId.eq(poste.id))
            .count(db)
            .await?
            > 0
        {
            continue;
        }
        let reclame = candidature::Entity::update_many()
            .col_expr(candidature::Column::RappelRecrutementLe, Expr::value(aujourd_hui))
            .filter(candidature::Column::Id.eq(poste.id))
            .filter(candidature::Column::RappelRecrutementLe.is_null())
            .exec(db)
            .await?;
        if reclame.rows_affected != 1 {
            continue;
        }
        let echeance = poste.decide_le.map(echeance_recrutement).unwrap_or(aujourd_hui);
        let message = format!(
            "Le poste de conseiller numérique coordinateur validé n’est pas encore pourvu : le recrutement doit \
             intervenir avant le {}.",
            echeance.format("%d/%m/%Y")
        );
        let mut destinataires =
            notification::titulaires(db, Role::Structure, Some(poste.structure_id), None, None).await?;
        destinataires.extend(
            notification::titulaires(db, Role::Prefecture, None, Some(&poste.departement_code), None).await?,
        );
        notification::notifier(
            db,
            &destinataires,
            "Recrutement à finaliser",
            &message,
            &format!("/candidatures/{}", poste.id),
        )
        .await?;
        rappeles += 1;
    }
    Ok(rappeles)
}
