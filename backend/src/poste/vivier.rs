//! The national pool of candidates (vivier): a candidate's profile, consented visibility, and the search
//! of structures with a validated candidature.

use chrono::{NaiveDate, Utc};
use maillage_shared::poste::StatutRecrutement;
use maillage_shared::role::Role;
use maillage_shared::territoire::CodeCommune;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::entity::{profil_candidat, recrutement};
use super::perimetre::candidature_validee;
use crate::candidature::brouillon;
use crate::candidature::entity::candidature;
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
            let epcis = brouillon::epcis_du_perimetre(db, poste.id).await?;
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

/// A contact as the person contacted sees it: which structure, for which post, where it stands.
#[derive(Debug, Clone)]
pub struct ContactRecu {
    pub recrutement: recrutement::Model,
    pub structure: String,
}

/// The contacts made with the caller's profile (role CANDIDAT), newest first.
pub async fn mes_contacts(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Vec<ContactRecu>, AppError> {
    acteur.exiger(Role::Candidat)?;
    let Some(profil) = profil_candidat::Entity::find()
        .filter(profil_candidat::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let contacts = recrutement::Entity::find()
        .filter(recrutement::Column::ProfilCandidatId.eq(profil.id))
        .order_by_desc(recrutement::Column::Id)
        .all(db)
        .await?;
    let postes = candidature::Entity::find()
        .filter(candidature::Column::Id.is_in(contacts.iter().map(|c| c.candidature_id)))
        .all(db)
        .await?;
    let noms = crate::structure::service::noms(db, postes.iter().map(|p| p.structure_id)).await?;
    Ok(contacts
        .into_iter()
        .map(|recrutement| {
            let structure = postes
                .iter()
                .find(|poste| poste.id == recrutement.candidature_id)
                .and_then(|poste| noms.get(&poste.structure_id).cloned())
                .unwrap_or_default();
            ContactRecu {
                recrutement,
                structure,
            }
        })
        .collect())
}

/// The contacted person's answer: she accepts the contact (the recruitment may then go on) or declines it.
/// Only she answers, and only a contact still awaiting her answer; the structure is told.
pub async fn repondre_au_contact(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    recrutement_id: i64,
    accepte: bool,
) -> Result<ContactRecu, AppError> {
    acteur.exiger(Role::Candidat)?;
    let introuvable = || AppError::Introuvable("Cette prise de contact n’existe pas.".to_owned());
    let contact = recrutement::Entity::find_by_id(recrutement_id)
        .one(db)
        .await?
        .ok_or_else(introuvable)?;
    let a_elle = profil_candidat::Entity::find_by_id(contact.profil_candidat_id)
        .one(db)
        .await?
        .is_some_and(|profil| profil.utilisateur_id == acteur.utilisateur_id);
    if !a_elle {
        return Err(introuvable());
    }
    let de = StatutRecrutement::parse(&contact.statut).unwrap_or(StatutRecrutement::Nouvelle);
    if de != StatutRecrutement::Nouvelle {
        return Err(AppError::Conflit(format!(
            "Vous avez déjà répondu à cette prise de contact (« {} »).",
            de.libelle()
        )));
    }
    let vers = if accepte {
        StatutRecrutement::Interessee
    } else {
        StatutRecrutement::NonInteressee
    };
    let poste = candidature::Entity::find_by_id(contact.candidature_id)
        .one(db)
        .await?
        .ok_or_else(introuvable)?;
    let porteurs =
        notification::titulaires(db, Role::Structure, Some(poste.structure_id), None, None).await?;
    let personne = format!("{} {}", acteur.prenom, acteur.nom);
    let (titre, message) = if accepte {
        (
            "Prise de contact acceptée",
            format!("{personne} accepte votre prise de contact : le recrutement peut se poursuivre."),
        )
    } else {
        (
            "Prise de contact déclinée",
            format!("{personne} décline votre prise de contact."),
        )
    };
    notification::notifier(
        db,
        &porteurs,
        titre,
        &message,
        &format!("/candidatures/{}", poste.id),
    )
    .await?;
    let recrutement = recrutement::ActiveModel {
        id: Set(contact.id),
        statut: Set(vers.as_str().to_owned()),
        modifie_le: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    let structure = crate::structure::service::par_id(db, poste.structure_id)
        .await?
        .nom;
    Ok(ContactRecu {
        recrutement,
        structure,
    })
}
