//! Who is in a coordinator's team, who was, and the invitations of médiateurs numériques from outside the
//! programme: the coordinator invites by email, the person answers through the link (creating an account
//! if needed), the coordinator resends, and a member leaves with the history kept.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::equipe::{self as regles, InvitationRefusee, OrigineMembre, StatutInvitation};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};

use super::entity::invitation;
use crate::candidature::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::compte::service as comptes;
use crate::error::AppError;
use crate::poste::entity::{conseiller, coordinateur};
use crate::poste::perimetre::{communes_du_perimetre, mon_poste};

/// A member of the team, conseiller numérique or médiateur.
#[derive(Debug, Clone)]
pub struct Membre {
    pub origine: OrigineMembre,
    pub personne: utilisateur::Model,
    pub conseiller_id: Option<i64>,
    pub invitation_id: Option<i64>,
    pub commune_code: Option<String>,
    /// Name of the structure that employs them.
    pub structure: String,
    pub contrat_debut: Option<NaiveDate>,
    pub contrat_fin: Option<NaiveDate>,
    /// Start of contract (conseiller) or acceptance of the invitation (médiateur).
    pub arrive_le: Option<NaiveDate>,
    pub derniere_activite: Option<NaiveDate>,
    /// What a conseiller declared of its training (médiateurs: none, the programme does not train them).
    pub formation: Option<maillage_shared::formation::Formation>,
}

/// The conseillers numériques whose post is in the perimeter of a validated candidature, former ones
/// included (their past activity stays in the figures).
pub async fn conseillers_du_perimetre(
    db: &impl ConnectionTrait,
    validee: &candidature::Model,
) -> Result<Vec<conseiller::Model>, AppError> {
    let communes: Vec<String> = communes_du_perimetre(db, validee)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let mut conseillers = Vec::new();
    for paquet in communes.chunks(1000) {
        conseillers.extend(
            conseiller::Entity::find()
                .filter(conseiller::Column::CommuneCode.is_in(paquet.to_vec()))
                .all(db)
                .await?,
        );
    }
    Ok(conseillers)
}

/// The calling coordinator's team today: the conseillers of its perimeter under contract and the médiateurs
/// who accepted its invitation and have not left, each person once, by name.
pub async fn equipe(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<Vec<Membre>, AppError> {
    let (poste, validee) = mon_poste(db, acteur).await?;
    let conseillers: Vec<conseiller::Model> = conseillers_du_perimetre(db, &validee)
        .await?
        .into_iter()
        .filter(|c| regles::sous_contrat(c.contrat_fin, aujourd_hui))
        .collect();
    let mediateurs = invitation::Entity::find()
        .filter(invitation::Column::CoordinateurId.eq(poste.id))
        .filter(invitation::Column::Statut.eq(StatutInvitation::Acceptee.as_str()))
        .all(db)
        .await?;
    let ids_personnes = conseillers
        .iter()
        .map(|c| c.utilisateur_id)
        .chain(mediateurs.iter().filter_map(|m| m.utilisateur_id));
    let personnes: BTreeMap<i64, utilisateur::Model> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids_personnes))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let structures = crate::structure::service::noms(db, conseillers.iter().map(|c| c.structure_id)).await?;
    let dernieres = dernieres_activites(db, conseillers.iter().map(|c| c.id)).await?;
    let mut formations = crate::formation::service::de(
        db,
        &conseillers.iter().map(|c| c.utilisateur_id).collect::<Vec<_>>(),
    )
    .await?;
    let mut deja = BTreeSet::new();
    let mut membres = Vec::new();
    for c in conseillers {
        let Some(personne) = personnes.get(&c.utilisateur_id) else {
            continue;
        };
        // A person with two posts in the perimeter appears once.
        if !deja.insert(personne.id) {
            continue;
        }
        membres.push(Membre {
            origine: OrigineMembre::Conseiller,
            personne: personne.clone(),
            conseiller_id: Some(c.id),
            invitation_id: None,
            commune_code: Some(c.commune_code.clone()),
            structure: structures.get(&c.structure_id).cloned().unwrap_or_default(),
            contrat_debut: c.contrat_debut,
            contrat_fin: c.contrat_fin,
            arrive_le: c.contrat_debut,
            derniere_activite: dernieres.get(&c.id).copied(),
            formation: formations.remove(&personne.id),
        });
    }
    for m in mediateurs {
        let Some(personne) = m.utilisateur_id.and_then(|id| personnes.get(&id)) else {
            continue;
        };
        // A médiateur who has since become a conseiller of the perimeter is listed as a conseiller.
        if !deja.insert(personne.id) {
            continue;
        }
        membres.push(Membre {
            origine: OrigineMembre::Mediateur,
            personne: personne.clone(),
            conseiller_id: None,
            invitation_id: Some(m.id),
            commune_code: m.commune_code,
            structure: m.structure,
            contrat_debut: None,
            contrat_fin: None,
            arrive_le: m.arrive_le,
            derniere_activite: None,
            formation: None,
        });
    }
    membres.sort_by(|a, b| {
        (a.personne.nom.as_str(), a.personne.prenom.as_str())
            .cmp(&(b.personne.nom.as_str(), b.personne.prenom.as_str()))
    });
    Ok(membres)
}

/// The date of each conseiller's latest accompaniment.
async fn dernieres_activites(
    db: &impl ConnectionTrait,
    conseillers: impl IntoIterator<Item = i64>,
) -> Result<BTreeMap<i64, NaiveDate>, AppError> {
    let mut dernieres = Query::select();
    dernieres
        .from(Alias::new("activite"))
        .column(Alias::new("conseiller_id"))
        .expr_as(Func::max(Expr::col(Alias::new("date"))), Alias::new("derniere"))
        .and_where(Expr::col(Alias::new("conseiller_id")).is_in(conseillers))
        .group_by_col(Alias::new("conseiller_id"));
    let mut par_conseiller = BTreeMap::new();
    for ligne in db.query_all(&dernieres).await? {
        let id: i64 = ligne.try_get("", "conseiller_id")?;
        if let Ok(date) = ligne.try_get::<NaiveDate>("", "derniere") {
            par_conseiller.insert(id, date);
        }
    }
    Ok(par_conseiller)
}

/// An arrival in or a departure from the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mouvement {
    pub date: NaiveDate,
    /// "Prénom Nom".
    pub personne: String,
    pub origine: OrigineMembre,
    pub arrivee: bool,
    /// Why a médiateur left (empty otherwise).
    pub motif: String,
}

/// The team's history up to today, latest first: contracts that started and ended in the perimeter,
/// médiateurs who joined and left.
pub async fn historique(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<Vec<Mouvement>, AppError> {
    let (poste, validee) = mon_poste(db, acteur).await?;
    let conseillers = conseillers_du_perimetre(db, &validee).await?;
    let mediateurs = invitation::Entity::find()
        .filter(invitation::Column::CoordinateurId.eq(poste.id))
        .filter(invitation::Column::ArriveLe.is_not_null())
        .all(db)
        .await?;
    let noms: BTreeMap<i64, String> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(conseillers.iter().map(|c| c.utilisateur_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} {}", p.prenom, p.nom)))
        .collect();
    let mut mouvements = Vec::new();
    for c in &conseillers {
        let personne = noms.get(&c.utilisateur_id).cloned().unwrap_or_default();
        let mut ajouter = |date: Option<NaiveDate>, arrivee: bool| {
            if let Some(date) = date.filter(|d| *d <= aujourd_hui) {
                mouvements.push(Mouvement {
                    date,
                    personne: personne.clone(),
                    origine: OrigineMembre::Conseiller,
                    arrivee,
                    motif: String::new(),
                });
            }
        };
        ajouter(c.contrat_debut, true);
        // The contract's last day is still in the team: the departure is the day after.
        ajouter(c.contrat_fin.and_then(|f| f.succ_opt()), false);
    }
    for m in &mediateurs {
        let personne = format!("{} {}", m.prenom, m.nom);
        if let Some(date) = m.arrive_le {
            mouvements.push(Mouvement {
                date,
                personne: personne.clone(),
                origine: OrigineMembre::Mediateur,
                arrivee: true,
                motif: String::new(),
            });
        }
        if let Some(date) = m.parti_le {
            mouvements.push(Mouvement {
                date,
                personne,
                origine: OrigineMembre::Mediateur,
                arrivee: false,
                motif: m.motif_depart.clone(),
            });
        }
    }
    mouvements.sort_by(|a, b| (b.date, b.arrivee, &a.personne).cmp(&(a.date, a.arrivee, &b.personne)));
    Ok(mouvements)
}

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

/// Invites a médiateur into the calling coordinator's team and emails the link. Refused when the person is
/// already in the team (as conseiller or médiateur) or already invited (resend instead).
pub async fn inviter(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    nouvelle: &NouvelleInvitation,
    maintenant: DateTime<Utc>,
) -> Result<invitation::Model, AppError> {
    let (poste, validee) = mon_poste(db, acteur).await?;
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
        let aujourd_hui = maintenant.date_naive();
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

fn statut(invitation: &invitation::Model) -> Result<StatutInvitation, AppError> {
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
async fn clore(
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

/// An invitation as its link shows it.
#[derive(Debug, Clone)]
pub struct InvitationLue {
    pub invitation: invitation::Model,
    pub statut: StatutInvitation,
    pub expiree: bool,
    /// "Prénom Nom" of the coordinator who invites.
    pub coordinateur: String,
    /// The structure that hosts the coordinator's post.
    pub porteuse: String,
    pub departement_code: String,
    /// An account already uses the invited address: the person logs in to answer.
    pub compte_existant: bool,
}

async fn par_jeton(db: &impl ConnectionTrait, jeton: &str) -> Result<invitation::Model, AppError> {
    invitation::Entity::find()
        .filter(invitation::Column::JetonEmpreinte.eq(comptes::empreinte(jeton.trim())))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::Introuvable(
                "Ce lien d’invitation n’est pas (ou plus) valable : il a pu être remplacé par un envoi plus récent."
                    .to_owned(),
            )
        })
}

/// What the invitation link shows, without login: who invites, for which territory, and whether the address
/// already has an account.
pub async fn lire(
    db: &impl ConnectionTrait,
    jeton: &str,
    maintenant: DateTime<Utc>,
) -> Result<InvitationLue, AppError> {
    let invitation = par_jeton(db, jeton).await?;
    let poste = decrire_postes(db, [invitation.coordinateur_id])
        .await?
        .remove(&invitation.coordinateur_id)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("poste {} absent", invitation.coordinateur_id)))?;
    let compte_existant = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(&invitation.email))
        .one(db)
        .await?
        .is_some();
    let statut = statut(&invitation)?;
    Ok(InvitationLue {
        expiree: statut == StatutInvitation::Envoyee
            && regles::invitation_expiree(invitation.envoyee_le, maintenant),
        statut,
        coordinateur: poste.coordinateur,
        porteuse: poste.porteuse,
        departement_code: poste.departement_code,
        compte_existant,
        invitation,
    })
}

/// How the invited person proves who they are when accepting.
pub enum Accepteur<'a> {
    /// Logged in with the invited address.
    Connecte(&'a Acteur),
    /// No account yet: one is created with the invited address (the link, received there, proves it).
    NouveauCompte {
        prenom: &'a str,
        nom: &'a str,
        mot_de_passe: &'a str,
    },
}

/// Accepts an invitation: the person joins the team with the role MEDIATEUR (an account is created if the
/// address has none). Returns the person's account id and the id of their MEDIATEUR role.
pub async fn accepter(
    db: &impl ConnectionTrait,
    jeton: &str,
    accepteur: Accepteur<'_>,
    maintenant: DateTime<Utc>,
) -> Result<(i64, i64), AppError> {
    let invitation = par_jeton(db, jeton).await?;
    regles::repondre(statut(&invitation)?, invitation.envoyee_le, maintenant)?;
    let utilisateur_id = match accepteur {
        Accepteur::Connecte(acteur) => {
            if acteur.email != invitation.email {
                return Err(AppError::Interdit(format!(
                    "Cette invitation est adressée à {} : connectez-vous avec cette adresse pour y répondre.",
                    invitation.email
                )));
            }
            acteur.utilisateur_id
        }
        Accepteur::NouveauCompte {
            prenom,
            nom,
            mot_de_passe,
        } => {
            comptes::creer_utilisateur(db, &invitation.email, mot_de_passe, prenom, nom)
                .await?
                .id
        }
    };
    let role = match role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::UtilisateurId.eq(utilisateur_id))
        .filter(role_utilisateur::Column::Role.eq(Role::Mediateur.as_str()))
        .one(db)
        .await?
    {
        Some(role) => role,
        None => comptes::attribuer_role(db, utilisateur_id, Role::Mediateur, None, None, None).await?,
    };
    let poste = invitation.coordinateur_id;
    let (prenom, nom) = (invitation.prenom.clone(), invitation.nom.clone());
    let mut acceptee = invitation.into_active_model();
    acceptee.statut = Set(StatutInvitation::Acceptee.as_str().to_owned());
    acceptee.jeton_empreinte = Set(None);
    acceptee.repondue_le = Set(Some(maintenant));
    acceptee.utilisateur_id = Set(Some(utilisateur_id));
    acceptee.arrive_le = Set(Some(maintenant.date_naive()));
    acceptee.parti_le = Set(None);
    acceptee.motif_depart = Set(String::new());
    acceptee.update(db).await?;
    dire_au_coordinateur(db, poste, &format!("{prenom} {nom} a rejoint votre équipe"), "").await?;
    Ok((utilisateur_id, role.id))
}

/// Declines an invitation (no account needed: the link is enough). The coordinator is told.
pub async fn refuser(
    db: &impl ConnectionTrait,
    jeton: &str,
    maintenant: DateTime<Utc>,
) -> Result<(), AppError> {
    let invitation = par_jeton(db, jeton).await?;
    regles::repondre(statut(&invitation)?, invitation.envoyee_le, maintenant)?;
    let poste = invitation.coordinateur_id;
    let (prenom, nom) = (invitation.prenom.clone(), invitation.nom.clone());
    let mut refusee = invitation.into_active_model();
    refusee.statut = Set(StatutInvitation::Refusee.as_str().to_owned());
    refusee.jeton_empreinte = Set(None);
    refusee.repondue_le = Set(Some(maintenant));
    refusee.update(db).await?;
    dire_au_coordinateur(
        db,
        poste,
        &format!("{prenom} {nom} a décliné votre invitation"),
        "",
    )
    .await
}

async fn dire_au_coordinateur(
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

/// A team the calling médiateur belongs to, or belonged to.
#[derive(Debug, Clone)]
pub struct MonEquipe {
    pub invitation: invitation::Model,
    pub statut: StatutInvitation,
    pub coordinateur: String,
    pub porteuse: String,
    pub departement_code: String,
}

/// The teams of the calling médiateur (role MEDIATEUR), current ones first.
pub async fn mes_equipes(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Vec<MonEquipe>, AppError> {
    acteur.exiger(Role::Mediateur)?;
    let mut lignes = invitation::Entity::find()
        .filter(invitation::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .all(db)
        .await?;
    lignes.sort_by_key(|i| {
        (
            i.statut != StatutInvitation::Acceptee.as_str(),
            std::cmp::Reverse(i.arrive_le),
        )
    });
    let mut postes = decrire_postes(db, lignes.iter().map(|i| i.coordinateur_id)).await?;
    lignes
        .into_iter()
        .map(|invitation| {
            let poste = postes.remove(&invitation.coordinateur_id).unwrap_or_default();
            Ok(MonEquipe {
                statut: statut(&invitation)?,
                coordinateur: poste.coordinateur,
                porteuse: poste.porteuse,
                departement_code: poste.departement_code,
                invitation,
            })
        })
        .collect()
}

/// What an invitation and a médiateur's teams show of a coordinator post.
#[derive(Debug, Clone, Default)]
struct PosteDecrit {
    /// "Prénom Nom" of the coordinator.
    coordinateur: String,
    /// The structure hosting the post.
    porteuse: String,
    departement_code: String,
}

/// Describes coordinator posts by id, in four queries whatever their number; a post whose candidature is
/// gone is left out.
async fn decrire_postes(
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

/// The calling médiateur leaves one of its teams (the coordinator is told).
pub async fn quitter(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    motif: &str,
    aujourd_hui: NaiveDate,
) -> Result<invitation::Model, AppError> {
    acteur.exiger(Role::Mediateur)?;
    let membre = invitation::Entity::find_by_id(id)
        .filter(invitation::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Équipe introuvable.".to_owned()))?;
    let partie = clore(db, membre, motif, aujourd_hui).await?;
    let titre = format!("{} {} a quitté votre équipe", acteur.prenom, acteur.nom);
    let message = if partie.motif_depart.is_empty() {
        titre.clone()
    } else {
        format!("{titre} : « {} »", partie.motif_depart)
    };
    dire_au_coordinateur(db, partie.coordinateur_id, &titre, &message).await?;
    Ok(partie)
}
