//! Médiateurs numériques invited by the coordinator: the invitation by email (only the link's SHA-256 is
//! kept), its resending at most once a day, and its closing when a member leaves or is taken off.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::equipe::{self as regles, InvitationRefusee, StatutInvitation};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};

use super::entity::invitation;
use super::membres::conseillers_du_perimetre;
use crate::candidature::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::compte::service as comptes;
use crate::error::AppError;
use crate::poste::entity::coordinateur;
use crate::poste::perimetre::{communes_du_perimetre, mon_poste};

/// What the coordinator fills in to invite a médiateur.
#[derive(Debug, Clone)]
pub struct NouvelleInvitation {
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub structure: String,
    pub commune_code: Option<String>,
}

impl From<InvitationRefusee> for AppError {
    fn from(refus: InvitationRefusee) -> Self {
        match refus {
            InvitationRefusee::TropTot { secondes } => {
                Self::TropDeTentatives(u64::try_from(secondes).unwrap_or(1))
            }
            InvitationRefusee::DejaMembre => Self::Conflit(refus.to_string()),
            InvitationRefusee::DejaRepondue | InvitationRefusee::Expiree | InvitationRefusee::PasMembre => {
                Self::InvalidInput(refus.to_string())
            }
        }
    }
}

fn texte_requis(valeur: &str, quoi: &str, max: usize) -> Result<String, AppError> {
    let valeur = valeur.trim();
    if valeur.is_empty() {
        return Err(AppError::InvalidInput(format!("{quoi} est obligatoire.")));
    }
    if valeur.chars().count() > max {
        return Err(AppError::InvalidInput(format!(
            "{quoi} dépasse {max} caractères."
        )));
    }
    Ok(valeur.to_owned())
}

/// A new secret for an invitation link: the secret goes in the email, its SHA-256 in the database.
fn nouveau_jeton() -> (String, String) {
    let jeton = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let empreinte = comptes::empreinte(&jeton);
    (jeton, empreinte)
}

/// Invitations a coordinator may send in 24 hours, and likewise resendings: each one emails an address the
/// coordinator typed.
pub const ENVOIS_PAR_JOUR: usize = 20;

/// Invites a médiateur into the calling coordinator's team and emails the link. Refused when the person is
/// already in the team (as conseiller or médiateur) or already invited (resend instead).
pub async fn inviter(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    nouvelle: &NouvelleInvitation,
    maintenant: DateTime<Utc>,
) -> Result<invitation::Model, AppError> {
    let (poste, validee) = mon_poste(db, acteur).await?;
    crate::journal::limiter(
        db,
        acteur,
        "inviterMediateur",
        ENVOIS_PAR_JOUR,
        chrono::Duration::hours(24),
    )
    .await?;
    let email = comptes::normaliser_email(&nouvelle.email)?;
    let prenom = texte_requis(&nouvelle.prenom, "Le prénom", 100)?;
    let nom = texte_requis(&nouvelle.nom, "Le nom", 100)?;
    let structure = texte_requis(&nouvelle.structure, "La structure", regles::STRUCTURE_MAX)?;
    let commune_code = match nouvelle.commune_code.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => {
            let dans = communes_du_perimetre(db, &validee)
                .await?
                .into_iter()
                .any(|c| c.code == code);
            if !dans {
                return Err(AppError::InvalidInput(format!(
                    "La commune {code} n’est pas dans votre périmètre."
                )));
            }
            Some(code.to_owned())
        }
    };
    if email == acteur.email {
        return Err(AppError::InvalidInput(
            "Vous ne pouvez pas vous inviter vous-même.".to_owned(),
        ));
    }
    if let Some(compte) = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(&email))
        .one(db)
        .await?
    {
        let aujourd_hui = maillage_shared::jour::jour(&validee.departement_code, maintenant);
        let conseiller_de_l_equipe = conseillers_du_perimetre(db, &validee)
            .await?
            .iter()
            .any(|c| c.utilisateur_id == compte.id && regles::sous_contrat(c.contrat_fin, aujourd_hui));
        if conseiller_de_l_equipe {
            return Err(AppError::Conflit(format!(
                "{} {} fait déjà partie de votre équipe en tant que conseiller numérique.",
                compte.prenom, compte.nom
            )));
        }
    }
    if let Some(existante) = invitation::Entity::find()
        .filter(invitation::Column::CoordinateurId.eq(poste.id))
        .filter(invitation::Column::Email.eq(&email))
        .one(db)
        .await?
    {
        return Err(AppError::Conflit(
            if existante.statut == StatutInvitation::Acceptee.as_str() {
                format!("{email} fait déjà partie de votre équipe.")
            } else {
                format!("{email} a déjà été invitée : renvoyez l’invitation depuis la liste.")
            },
        ));
    }
    let (jeton, empreinte) = nouveau_jeton();
    let creee = invitation::ActiveModel {
        id: NotSet,
        coordinateur_id: Set(poste.id),
        email: Set(email),
        prenom: Set(prenom),
        nom: Set(nom),
        structure: Set(structure),
        commune_code: Set(commune_code),
        statut: Set(StatutInvitation::Envoyee.as_str().to_owned()),
        jeton_empreinte: Set(Some(empreinte)),
        envois: Set(1),
        envoyee_le: Set(maintenant),
        repondue_le: Set(None),
        utilisateur_id: Set(None),
        arrive_le: Set(None),
        parti_le: Set(None),
        motif_depart: Set(String::new()),
        cree_le: Set(maintenant),
    }
    .insert(db)
    .await?;
    ecrire_invitation(db, acteur, &validee, &creee, &jeton).await?;
    Ok(creee)
}

async fn ecrire_invitation(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    validee: &candidature::Model,
    invitation: &invitation::Model,
    jeton: &str,
) -> Result<(), AppError> {
    let porteuse = crate::structure::entity::Entity::find_by_id(validee.structure_id)
        .one(db)
        .await?
        .map(|s| s.nom)
        .unwrap_or_default();
    crate::notification::service::ecrire_a(
        db,
        &invitation.email,
        "Invitation à rejoindre une équipe de médiation numérique",
        &format!(
            "Bonjour {},\n\n{} {}, conseiller numérique coordinateur porté par {porteuse} ({}), vous invite à \
             rejoindre son équipe de médiateurs numériques dans Maillage : vous serez invité à ses temps \
             d’animation et d’échange.\n\nPour accepter ou refuser : {}\n\nCe lien vaut {} jours.",
            invitation.prenom,
            acteur.prenom,
            acteur.nom,
            validee.departement_code,
            crate::notification::service::lien_absolu(&format!("/invitation/{jeton}")),
            regles::VALIDITE_INVITATION_JOURS,
        ),
    )
    .await
}

/// The calling coordinator's invitations, latest sent first.
pub async fn invitations(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<Vec<invitation::Model>, AppError> {
    let (poste, _) = mon_poste(db, acteur).await?;
    Ok(invitation::Entity::find()
        .filter(invitation::Column::CoordinateurId.eq(poste.id))
        .order_by_desc(invitation::Column::EnvoyeeLe)
        .order_by_desc(invitation::Column::Id)
        .all(db)
        .await?)
}

/// One of the calling coordinator's invitations; another post's is `NOT_FOUND`.
async fn de_mon_poste(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<(invitation::Model, candidature::Model), AppError> {
    let (poste, validee) = mon_poste(db, acteur).await?;
    invitation::Entity::find_by_id(id)
        .filter(invitation::Column::CoordinateurId.eq(poste.id))
        .one(db)
        .await?
        .map(|i| (i, validee))
        .ok_or_else(|| AppError::Introuvable("Invitation introuvable.".to_owned()))
}

pub(super) fn statut(invitation: &invitation::Model) -> Result<StatutInvitation, AppError> {
    StatutInvitation::parse(&invitation.statut).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "statut « {} » illisible pour l’invitation {}",
            invitation.statut,
            invitation.id
        ))
    })
}

/// Sends an invitation again with a new link (the previous one stops working): awaiting, declined, or a
/// former member invited back.
pub async fn renvoyer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    maintenant: DateTime<Utc>,
) -> Result<invitation::Model, AppError> {
    let (existante, validee) = de_mon_poste(db, acteur, id).await?;
    regles::renvoyer(statut(&existante)?, existante.envoyee_le, maintenant)?;
    crate::journal::limiter(
        db,
        acteur,
        "renvoyerInvitation",
        ENVOIS_PAR_JOUR,
        chrono::Duration::hours(24),
    )
    .await?;
    let (jeton, empreinte) = nouveau_jeton();
    let envois = existante.envois + 1;
    let mut renvoyee = existante.into_active_model();
    renvoyee.statut = Set(StatutInvitation::Envoyee.as_str().to_owned());
    renvoyee.jeton_empreinte = Set(Some(empreinte));
    renvoyee.envois = Set(envois);
    renvoyee.envoyee_le = Set(maintenant);
    renvoyee.repondue_le = Set(None);
    let renvoyee = renvoyee.update(db).await?;
    ecrire_invitation(db, acteur, &validee, &renvoyee, &jeton).await?;
    Ok(renvoyee)
}

/// Ends a médiateur's membership (taken off by the coordinator or leaving on its own), keeping the row as
/// history.
pub(super) async fn clore(
    db: &impl ConnectionTrait,
    membre: invitation::Model,
    motif: &str,
    aujourd_hui: NaiveDate,
) -> Result<invitation::Model, AppError> {
    regles::quitter(statut(&membre)?)?;
    let motif = motif.trim();
    if motif.chars().count() > regles::MOTIF_MAX {
        return Err(AppError::InvalidInput(format!(
            "Le motif dépasse {} caractères.",
            regles::MOTIF_MAX
        )));
    }
    let mut partie = membre.into_active_model();
    partie.statut = Set(StatutInvitation::Partie.as_str().to_owned());
    partie.parti_le = Set(Some(aujourd_hui));
    partie.motif_depart = Set(motif.to_owned());
    Ok(partie.update(db).await?)
}

/// The coordinator takes a médiateur off its team (the médiateur is told).
pub async fn retirer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    motif: &str,
    aujourd_hui: NaiveDate,
) -> Result<invitation::Model, AppError> {
    let (membre, _) = de_mon_poste(db, acteur, id).await?;
    let partie = clore(db, membre, motif, aujourd_hui).await?;
    if let Some(personne) = utilisateur::Entity::find_by_id(partie.utilisateur_id.unwrap_or_default())
        .one(db)
        .await?
    {
        crate::notification::service::notifier(
            db,
            &[personne],
            "Vous ne faites plus partie d’une équipe de coordination",
            &format!(
                "{} {} vous a retiré de son équipe{}.",
                acteur.prenom,
                acteur.nom,
                if partie.motif_depart.is_empty() {
                    String::new()
                } else {
                    format!(" : « {} »", partie.motif_depart)
                }
            ),
            "/mes-equipes",
        )
        .await?;
    }
    Ok(partie)
}

pub(super) async fn dire_au_coordinateur(
    db: &impl ConnectionTrait,
    poste: i64,
    titre: &str,
    message: &str,
) -> Result<(), AppError> {
    let Some(poste) = coordinateur::Entity::find_by_id(poste).one(db).await? else {
        return Ok(());
    };
    if poste.parti_le.is_some() {
        return Ok(());
    }
    let destinataires: Vec<utilisateur::Model> = utilisateur::Entity::find_by_id(poste.utilisateur_id)
        .one(db)
        .await?
        .into_iter()
        .collect();
    let message = if message.is_empty() { titre } else { message };
    crate::notification::service::notifier(db, &destinataires, titre, &format!("{message}."), "/coordination")
        .await
}

/// What an invitation and a médiateur's teams show of a coordinator post.
#[derive(Debug, Clone, Default)]
pub(super) struct PosteDecrit {
    /// "Prénom Nom" of the coordinator.
    pub(super) coordinateur: String,
    /// The structure hosting the post.
    pub(super) porteuse: String,
    pub(super) departement_code: String,
}

/// Describes coordinator posts by id, in four queries whatever their number; a post whose candidature is
/// gone is left out.
pub(super) async fn decrire_postes(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<BTreeMap<i64, PosteDecrit>, AppError> {
    let postes = coordinateur::Entity::find()
        .filter(coordinateur::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let personnes: BTreeMap<i64, String> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(postes.iter().map(|p| p.utilisateur_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} {}", p.prenom, p.nom)))
        .collect();
    let candidatures: BTreeMap<i64, candidature::Model> = candidature::Entity::find()
        .filter(candidature::Column::Id.is_in(postes.iter().map(|p| p.candidature_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let structures =
        crate::structure::service::noms(db, candidatures.values().map(|c| c.structure_id)).await?;
    Ok(postes
        .into_iter()
        .filter_map(|poste| {
            let validee = candidatures.get(&poste.candidature_id)?;
            Some((
                poste.id,
                PosteDecrit {
                    coordinateur: personnes.get(&poste.utilisateur_id).cloned().unwrap_or_default(),
                    porteuse: structures.get(&validee.structure_id).cloned().unwrap_or_default(),
                    departement_code: validee.departement_code.clone(),
                },
            ))
        })
        .collect())
}
