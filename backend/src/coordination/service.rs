//! Recording actions, listing a coordinator's year, and the meeting days: the préfecture of the
//! coordinator's département, the hub of its région and the other coordinators of the département are
//! invited (in the app and by email, through the outbox) and register.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, Utc};
use maillage_shared::coordination::{AxeMission, NatureAction, verifier_action};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{action, inscription};
use crate::compte::acteur::Acteur;
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::error::AppError;
use crate::poste::perimetre::mon_poste;

/// An action as the coordinator fills it in.
#[derive(Debug, Clone)]
pub struct NouvelleAction {
    pub nature: NatureAction,
    pub axe: AxeMission,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
    pub partenaires: String,
}

/// An action with its registrations, as a reader sees it.
#[derive(Debug, Clone)]
pub struct ActionLue {
    pub action: action::Model,
    /// "Prénom Nom" of the coordinator who organises it.
    pub organisateur: String,
    pub inscrits: i64,
    /// The reader registered.
    pub inscrit: bool,
}

/// Records an action of the calling coordinator; a meeting day invites the préfecture, the hub and the
/// other coordinators of the département.
pub async fn enregistrer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    nouvelle: &NouvelleAction,
    aujourd_hui: NaiveDate,
) -> Result<action::Model, AppError> {
    let (poste, validee) = mon_poste(db, acteur).await?;
    let problemes = verifier_action(
        &nouvelle.titre,
        &nouvelle.lieu,
        &nouvelle.description,
        nouvelle.date,
        aujourd_hui,
    );
    if !problemes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Action refusée : {}.",
            problemes.join(" ; ")
        )));
    }
    let enregistree = action::ActiveModel {
        id: NotSet,
        coordinateur_id: Set(poste.id),
        utilisateur_id: Set(acteur.utilisateur_id),
        nature: Set(nouvelle.nature.as_str().to_owned()),
        axe: Set(nouvelle.axe.as_str().to_owned()),
        titre: Set(nouvelle.titre.trim().to_owned()),
        date: Set(nouvelle.date),
        lieu: Set(nouvelle.lieu.trim().to_owned()),
        description: Set(nouvelle.description.trim().to_owned()),
        partenaires: Set(nouvelle.partenaires.trim().to_owned()),
        departement_code: Set(validee.departement_code.clone()),
        region_code: Set(validee.region_code.clone()),
        cree_le: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    if nouvelle.nature == NatureAction::JourneeRencontre {
        let invites: Vec<utilisateur::Model> = invites(db, &enregistree)
            .await?
            .into_iter()
            .filter(|personne| personne.id != acteur.utilisateur_id)
            .collect();
        crate::notification::service::notifier(
            db,
            &invites,
            &format!("Journée de rencontre le {}", enregistree.date.format("%d/%m/%Y")),
            &format!(
                "{} {} vous invite à « {} »{}. Inscrivez-vous depuis Maillage.",
                acteur.prenom,
                acteur.nom,
                enregistree.titre,
                if enregistree.lieu.is_empty() {
                    String::new()
                } else {
                    format!(", à {}", enregistree.lieu)
                }
            ),
            "/journees",
        )
        .await?;
    }
    Ok(enregistree)
}

/// Whether a role is invited to the meeting days of this département and région.
fn invite(role: &crate::compte::acteur::RoleAttribue, departement: &str, region: &str) -> bool {
    match role.role {
        Role::Prefecture | Role::Coordinateur => role.departement_code.as_deref() == Some(departement),
        Role::Hub => role.region_code.as_deref() == Some(region),
        _ => false,
    }
}

/// The people invited to a meeting day: agents of the préfecture and coordinators of its département,
/// agents of the hub of its région.
async fn invites(
    db: &impl ConnectionTrait,
    journee: &action::Model,
) -> Result<Vec<utilisateur::Model>, AppError> {
    let roles = role_utilisateur::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(
                    sea_orm::Condition::all()
                        .add(
                            role_utilisateur::Column::Role
                                .is_in([Role::Prefecture.as_str(), Role::Coordinateur.as_str()]),
                        )
                        .add(role_utilisateur::Column::DepartementCode.eq(journee.departement_code.as_str())),
                )
                .add(
                    sea_orm::Condition::all()
                        .add(role_utilisateur::Column::Role.eq(Role::Hub.as_str()))
                        .add(role_utilisateur::Column::RegionCode.eq(journee.region_code.as_str())),
                ),
        )
        .all(db)
        .await?;
    let ids: BTreeSet<i64> = roles.iter().map(|r| r.utilisateur_id).collect();
    Ok(utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids))
        .order_by_asc(utilisateur::Column::Id)
        .all(db)
        .await?)
}

/// Registrations counted per action, and the reader's own.
async fn avec_inscriptions(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    actions: Vec<action::Model>,
) -> Result<Vec<ActionLue>, AppError> {
    let ids: Vec<i64> = actions.iter().map(|a| a.id).collect();
    let inscriptions = inscription::Entity::find()
        .filter(inscription::Column::ActionId.is_in(ids))
        .all(db)
        .await?;
    let mut par_action: BTreeMap<i64, (i64, bool)> = BTreeMap::new();
    for i in &inscriptions {
        let entree = par_action.entry(i.action_id).or_default();
        entree.0 += 1;
        entree.1 |= i.utilisateur_id == acteur.utilisateur_id;
    }
    let organisateurs = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(actions.iter().map(|a| a.utilisateur_id)))
        .all(db)
        .await?;
    Ok(actions
        .into_iter()
        .map(|action| {
            let (inscrits, inscrit) = par_action.get(&action.id).copied().unwrap_or_default();
            let organisateur = organisateurs
                .iter()
                .find(|u| u.id == action.utilisateur_id)
                .map(|u| format!("{} {}", u.prenom, u.nom))
                .unwrap_or_default();
            ActionLue {
                action,
                organisateur,
                inscrits,
                inscrit,
            }
        })
        .collect())
}

/// The calling coordinator's actions of a year, by date (its post's, whoever recorded them).
pub async fn de_l_annee(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    annee: i32,
) -> Result<Vec<ActionLue>, AppError> {
    let (poste, _) = mon_poste(db, acteur).await?;
    let (debut, fin) = (
        NaiveDate::from_ymd_opt(annee, 1, 1)
            .ok_or_else(|| AppError::InvalidInput("Année invalide.".to_owned()))?,
        NaiveDate::from_ymd_opt(annee, 12, 31)
            .ok_or_else(|| AppError::InvalidInput("Année invalide.".to_owned()))?,
    );
    let actions = action::Entity::find()
        .filter(action::Column::CoordinateurId.eq(poste.id))
        .filter(action::Column::Date.between(debut, fin))
        .order_by_asc(action::Column::Date)
        .order_by_asc(action::Column::Id)
        .all(db)
        .await?;
    avec_inscriptions(db, acteur, actions).await
}

/// The meeting days the caller is invited to, from `depuis` on, by date.
pub async fn journees(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    depuis: NaiveDate,
) -> Result<Vec<ActionLue>, AppError> {
    let role = acteur.role()?;
    let mut query = action::Entity::find()
        .filter(action::Column::Nature.eq(NatureAction::JourneeRencontre.as_str()))
        .filter(action::Column::Date.gte(depuis));
    query = match (role.role, &role.departement_code, &role.region_code) {
        (Role::Prefecture | Role::Coordinateur, Some(departement), _) => {
            query.filter(action::Column::DepartementCode.eq(departement.as_str()))
        }
        (Role::Hub, _, Some(region)) => query.filter(action::Column::RegionCode.eq(region.as_str())),
        _ => {
            return Err(AppError::Interdit(
                "Les journées de rencontre réunissent coordinateurs, préfectures et hubs.".to_owned(),
            ));
        }
    };
    let actions = query
        .order_by_asc(action::Column::Date)
        .order_by_asc(action::Column::Id)
        .all(db)
        .await?;
    avec_inscriptions(db, acteur, actions).await
}

/// Registers the caller to a meeting day it is invited to, or withdraws it; returns the registration.
pub async fn inscrire(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    action_id: i64,
    inscrit: bool,
    aujourd_hui: NaiveDate,
) -> Result<bool, AppError> {
    let journee = action::Entity::find_by_id(action_id)
        .one(db)
        .await?
        .filter(|a| a.nature == NatureAction::JourneeRencontre.as_str())
        .ok_or_else(|| AppError::Introuvable("Journée de rencontre introuvable.".to_owned()))?;
    if !invite(acteur.role()?, &journee.departement_code, &journee.region_code) {
        return Err(AppError::Interdit(
            "Vous n’êtes pas invité à cette journée de rencontre.".to_owned(),
        ));
    }
    if journee.date < aujourd_hui {
        return Err(AppError::InvalidInput(
            "Cette journée de rencontre est passée.".to_owned(),
        ));
    }
    inscription::Entity::delete_many()
        .filter(inscription::Column::ActionId.eq(action_id))
        .filter(inscription::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .exec(db)
        .await?;
    if inscrit {
        inscription::ActiveModel {
            action_id: Set(action_id),
            utilisateur_id: Set(acteur.utilisateur_id),
            inscrit_le: Set(Utc::now()),
        }
        .insert(db)
        .await?;
    }
    Ok(inscrit)
}
