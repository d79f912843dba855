//! Invitations to hold a role, and the administration of the roles held: ANCT invites the State's agents
//! (a préfecture of a département, a SGAR or a hub of a région, ANCT); a préfecture, a hub or a structure
//! invites its colleagues, in its own scope (`Role::roles_invitables`). The invitation's link (seven days,
//! single use, hashed) is accepted by the owner of the invited address, with their account or a new one;
//! the same people list the roles of their scope and withdraw one. The first ANCT agent of a new
//! production is invited from the command line (`maillage admin inviter-anct`).

use chrono::{Duration, Utc};
use maillage_shared::role::{Portee, Role};
use maillage_shared::territoire::{CodeDepartement, CodeRegion};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::acteur::Acteur;
use super::entity::{invitation_role, role_utilisateur, session, utilisateur};
use super::{liens, service};
use crate::error::AppError;
use crate::notification::service::{ecrire_a, lien_absolu, notifier};

/// Days an invitation's link can be used.
pub const VALIDITE_JOURS: i64 = 7;

/// The path the link opens, before its secret.
pub const CHEMIN: &str = "/invitation-agent?jeton=";

/// A role and its scope, as invited or held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDemande {
    pub role: Role,
    pub departement_code: Option<String>,
    pub region_code: Option<String>,
    pub structure_id: Option<i64>,
}

impl RoleDemande {
    /// "Préfecture — département 29".
    pub fn libelle(&self) -> String {
        match (&self.departement_code, &self.region_code) {
            (Some(departement), _) => format!("{} — département {departement}", self.role.libelle()),
            (None, Some(region)) => format!("{} — région {region}", self.role.libelle()),
            _ => self.role.libelle().to_owned(),
        }
    }
}

/// The role `role` with the scope the author gives it: ANCT names the territory; a préfecture, a hub or a
/// structure gives its own. `None` for the author: the command line, which invites ANCT agents only.
pub fn role_demande(
    auteur: Option<&Acteur>,
    role: Role,
    departement: Option<&str>,
    region: Option<&str>,
) -> Result<RoleDemande, AppError> {
    let actif = match auteur {
        None if role == Role::Anct => None,
        None => {
            return Err(AppError::InvalidInput(
                "La ligne de commande n’invite que des agents de l’ANCT.".to_owned(),
            ));
        }
        Some(acteur) => Some(acteur.role()?),
    };
    if let Some(actif) = actif
        && !actif.role.roles_invitables().contains(&role)
    {
        return Err(AppError::Interdit(format!(
            "Le rôle « {} » ne permet pas d’inviter au rôle « {} ».",
            actif.role.libelle(),
            role.libelle()
        )));
    }
    let par_anct = actif.is_none_or(|actif| actif.role == Role::Anct);
    let demande = |departement_code, region_code, structure_id| RoleDemande {
        role,
        departement_code,
        region_code,
        structure_id,
    };
    Ok(match role.portee() {
        Portee::Nationale => demande(None, None, None),
        Portee::Departement if par_anct => {
            let code = CodeDepartement::parse(departement.unwrap_or_default())?;
            demande(Some(code.as_str().to_owned()), None, None)
        }
        Portee::Region if par_anct => {
            let code = CodeRegion::parse(region.unwrap_or_default())?;
            demande(None, Some(code.as_str().to_owned()), None)
        }
        // A colleague gets the author's own scope, whatever the request says.
        Portee::Departement => demande(actif.and_then(|a| a.departement_code.clone()), None, None),
        Portee::Region => demande(None, actif.and_then(|a| a.region_code.clone()), None),
        Portee::Structure => demande(None, None, actif.and_then(|a| a.structure_id)),
    })
}

/// Whether `auteur` may administer (invite to, withdraw) `role` in its scope.
fn administre(auteur: &Acteur, role: &RoleDemande) -> Result<(), AppError> {
    let actif = auteur.role()?;
    let dans_sa_portee = match actif.role {
        Role::Anct => true,
        Role::Prefecture => role.departement_code == actif.departement_code,
        Role::Hub => role.region_code == actif.region_code,
        Role::Structure => role.structure_id == actif.structure_id,
        _ => false,
    };
    if actif.role.roles_invitables().contains(&role.role) && dans_sa_portee {
        Ok(())
    } else {
        Err(AppError::Interdit(
            "Ce rôle n’est pas de ceux que vous administrez.".to_owned(),
        ))
    }
}

/// Invites `email` to hold `role`; returns the invitation and its link's secret (shown only here, and sent
/// by email). `CONFLICT` when the address already holds that role in that scope.
pub async fn inviter(
    db: &impl ConnectionTrait,
    auteur: Option<&Acteur>,
    email: &str,
    role: &RoleDemande,
) -> Result<(invitation_role::Model, String), AppError> {
    let email = service::normaliser_email(email)?;
    if let Some(auteur) = auteur {
        administre(auteur, role)?;
    }
    if let Some(personne) = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        && deja_tenu(db, personne.id, role).await?.is_some()
    {
        return Err(AppError::Conflit(format!(
            "{email} tient déjà le rôle « {} ».",
            role.libelle()
        )));
    }
    let secret = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let maintenant = Utc::now();
    let invitation = invitation_role::ActiveModel {
        id: NotSet,
        email: Set(email.clone()),
        role: Set(role.role.as_str().to_owned()),
        departement_code: Set(role.departement_code.clone()),
        region_code: Set(role.region_code.clone()),
        structure_id: Set(role.structure_id),
        invite_par: Set(auteur.map(|auteur| auteur.utilisateur_id)),
        empreinte: Set(service::empreinte(&secret)),
        cree_le: Set(maintenant),
        expire_le: Set(maintenant + Duration::days(VALIDITE_JOURS)),
        acceptee_le: Set(None),
        acceptee_par: Set(None),
    }
    .insert(db)
    .await?;
    let par = auteur.map_or_else(String::new, |auteur| {
        format!(" par {} {}", auteur.prenom, auteur.nom)
    });
    ecrire_a(
        db,
        &email,
        "Vous êtes invité à rejoindre Maillage",
        &format!(
            "Bonjour,\n\nVous êtes invité{par} à utiliser Maillage avec le rôle « {} ». Pour accepter, ouvrez ce \
             lien dans les {VALIDITE_JOURS} jours ; vous vous connecterez avec votre compte, ou en créerez un \
             à cette adresse :\n{}\n\nSi vous ne vous attendiez pas à cette invitation, ignorez ce message.",
            role.libelle(),
            lien_absolu(&format!("{CHEMIN}{secret}"))
        ),
    )
    .await?;
    Ok((invitation, secret))
}

/// Invites `email` to be an ANCT agent with no author: the first agent of a new production, from the command
/// line (`maillage admin inviter-anct`). Returns the invitation and its link's secret.
pub async fn inviter_le_premier_agent_anct(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<(invitation_role::Model, String), AppError> {
    let demande = role_demande(None, Role::Anct, None, None)?;
    inviter(db, None, email, &demande).await
}

/// The role row `personne` holds that matches `role` and its scope.
async fn deja_tenu(
    db: &impl ConnectionTrait,
    personne: i64,
    role: &RoleDemande,
) -> Result<Option<role_utilisateur::Model>, AppError> {
    let mut requete = role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::UtilisateurId.eq(personne))
        .filter(role_utilisateur::Column::Role.eq(role.role.as_str()));
    for (colonne, valeur) in [
        (role_utilisateur::Column::DepartementCode, &role.departement_code),
        (role_utilisateur::Column::RegionCode, &role.region_code),
    ] {
        requete = match valeur {
            Some(valeur) => requete.filter(colonne.eq(valeur.as_str())),
            None => requete.filter(colonne.is_null()),
        };
    }
    requete = match role.structure_id {
        Some(id) => requete.filter(role_utilisateur::Column::StructureId.eq(id)),
        None => requete.filter(role_utilisateur::Column::StructureId.is_null()),
    };
    Ok(requete.one(db).await?)
}

/// The invitation of a link, if it can still be accepted.
pub async fn lire(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<(invitation_role::Model, bool), AppError> {
    let invitation = invitation_role::Entity::find()
        .filter(invitation_role::Column::Empreinte.eq(service::empreinte(secret.trim())))
        .one(db)
        .await?
        .filter(|invitation| invitation.acceptee_le.is_none() && invitation.expire_le > Utc::now())
        .ok_or_else(|| {
            AppError::InvalidInput(
                "Cette invitation n’est pas valable : elle a déjà été acceptée, elle a expiré ou le lien est \
                 incomplet. Demandez à la personne qui vous a invité de vous en envoyer une nouvelle."
                    .to_owned(),
            )
        })?;
    let compte_existant = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(invitation.email.as_str()))
        .count(db)
        .await?
        > 0;
    Ok((invitation, compte_existant))
}

/// How the invited person proves who they are when accepting an invitation (to hold a role here, to join a
/// coordinator's team in `equipe`).
pub enum Accepteur<'a> {
    /// Logged in with the invited address.
    Connecte(&'a Acteur),
    /// No account yet: one is created with the invited address (the link received there proves it).
    NouveauCompte {
        prenom: &'a str,
        nom: &'a str,
        mot_de_passe: &'a str,
    },
}

/// The account that accepts an invitation sent to `email`: the caller's, if it is that address's, or one
/// created for it. Either way the address is proven, since the invitation's link was opened.
pub async fn titulaire(
    db: &impl ConnectionTrait,
    email: &str,
    accepteur: Accepteur<'_>,
) -> Result<i64, AppError> {
    let utilisateur_id = match accepteur {
        Accepteur::Connecte(acteur) => {
            if acteur.email != email {
                return Err(AppError::Interdit(format!(
                    "Cette invitation est adressée à {email} : connectez-vous avec cette adresse pour y répondre."
                )));
            }
            acteur.utilisateur_id
        }
        Accepteur::NouveauCompte {
            prenom,
            nom,
            mot_de_passe,
        } => {
            service::creer_utilisateur(db, email, mot_de_passe, prenom, nom)
                .await?
                .id
        }
    };
    liens::marquer_verifiee(db, utilisateur_id).await?;
    Ok(utilisateur_id)
}

/// Accepts an invitation: the person holds the role from now on, and their address is proven. Returns
/// their account's id. Once only, even for two requests at the same moment.
pub async fn accepter(
    db: &impl ConnectionTrait,
    secret: &str,
    accepteur: Accepteur<'_>,
) -> Result<i64, AppError> {
    let (invitation, _) = lire(db, secret).await?;
    let utilisateur_id = titulaire(db, &invitation.email, accepteur).await?;
    prendre(db, invitation, utilisateur_id).await?;
    Ok(utilisateur_id)
}

/// Accepts, for the account `utilisateur_id` whose owner proved to own `email` some other way (ProConnect
/// vouches for the address it sends), every invitation still waiting for that address; returns how many.
pub async fn accepter_celles_de_l_adresse(
    db: &impl ConnectionTrait,
    email: &str,
    utilisateur_id: i64,
) -> Result<usize, AppError> {
    let en_attente = invitation_role::Entity::find()
        .filter(invitation_role::Column::Email.eq(email.trim().to_lowercase()))
        .filter(invitation_role::Column::AccepteeLe.is_null())
        .filter(invitation_role::Column::ExpireLe.gt(Utc::now()))
        .all(db)
        .await?;
    let nombre = en_attente.len();
    for invitation in en_attente {
        prendre(db, invitation, utilisateur_id).await?;
    }
    Ok(nombre)
}

/// Whether an invitation waits for `email` (not accepted, not expired).
pub async fn attend_une_invitation(db: &impl ConnectionTrait, email: &str) -> Result<bool, AppError> {
    Ok(invitation_role::Entity::find()
        .filter(invitation_role::Column::Email.eq(email.trim().to_lowercase()))
        .filter(invitation_role::Column::AccepteeLe.is_null())
        .filter(invitation_role::Column::ExpireLe.gt(Utc::now()))
        .count(db)
        .await?
        > 0)
}

/// Takes an invitation for `utilisateur_id` (once only, even for two requests at the same moment) and gives
/// its role.
async fn prendre(
    db: &impl ConnectionTrait,
    invitation: invitation_role::Model,
    utilisateur_id: i64,
) -> Result<(), AppError> {
    let prise = invitation_role::Entity::update_many()
        .col_expr(invitation_role::Column::AccepteeLe, Expr::value(Utc::now()))
        .col_expr(invitation_role::Column::AccepteePar, Expr::value(utilisateur_id))
        .filter(invitation_role::Column::Id.eq(invitation.id))
        .filter(invitation_role::Column::AccepteeLe.is_null())
        .exec(db)
        .await?;
    if prise.rows_affected != 1 {
        return Err(AppError::InvalidInput(
            "Cette invitation vient d’être acceptée.".to_owned(),
        ));
    }
    let role = RoleDemande {
        role: Role::parse(&invitation.role)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("rôle inconnu : {}", invitation.role)))?,
        departement_code: invitation.departement_code,
        region_code: invitation.region_code,
        structure_id: invitation.structure_id,
    };
    if deja_tenu(db, utilisateur_id, &role).await?.is_none() {
        service::attribuer_role(
            db,
            utilisateur_id,
            role.role,
            role.structure_id,
            role.departement_code,
            role.region_code,
        )
        .await?;
    }
    Ok(())
}

/// A role held, with its holder.
pub struct RoleTenu {
    pub role: role_utilisateur::Model,
    pub personne: utilisateur::Model,
}

/// The condition on roles of `auteur`'s scope that it administers.
fn dans_la_portee(auteur: &Acteur) -> Result<Condition, AppError> {
    let actif = auteur.role()?;
    let roles = actif
        .role
        .roles_invitables()
        .iter()
        .map(|role| role.as_str())
        .collect::<Vec<_>>();
    if roles.is_empty() {
        return Err(AppError::Interdit(
            "Votre rôle n’administre aucun autre rôle.".to_owned(),
        ));
    }
    let condition = Condition::all().add(role_utilisateur::Column::Role.is_in(roles));
    Ok(match actif.role {
        Role::Prefecture => condition.add(
            role_utilisateur::Column::DepartementCode.eq(actif.departement_code.clone().unwrap_or_default()),
        ),
        Role::Hub => condition
            .add(role_utilisateur::Column::RegionCode.eq(actif.region_code.clone().unwrap_or_default())),
        Role::Structure => {
            condition.add(role_utilisateur::Column::StructureId.eq(actif.structure_id.unwrap_or_default()))
        }
        _ => condition,
    })
}

/// The roles `auteur` administers, with who holds them, by role then name.
pub async fn roles_de_la_portee(
    db: &impl ConnectionTrait,
    auteur: &Acteur,
) -> Result<Vec<RoleTenu>, AppError> {
    let roles = role_utilisateur::Entity::find()
        .filter(dans_la_portee(auteur)?)
        .order_by_asc(role_utilisateur::Column::Role)
        .order_by_asc(role_utilisateur::Column::Id)
        .all(db)
        .await?;
    // The holders in one more query, whatever the number of roles.
    let mut personnes = utilisateur::Entity::find()
        .filter(
            utilisateur::Column::Id.is_in(roles.iter().map(|role| role.utilisateur_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?;
    personnes.sort_by_key(|personne| personne.id);
    Ok(roles
        .into_iter()
        .filter_map(|role| {
            let index = personnes
                .binary_search_by_key(&role.utilisateur_id, |p| p.id)
                .ok()?;
            Some(RoleTenu {
                personne: personnes[index].clone(),
                role,
            })
        })
        .collect())
}

/// The invitations of `auteur`'s scope not accepted yet and not expired, newest first.
pub async fn invitations_en_attente(
    db: &impl ConnectionTrait,
    auteur: &Acteur,
) -> Result<Vec<invitation_role::Model>, AppError> {
    let actif = auteur.role()?;
    let roles = actif
        .role
        .roles_invitables()
        .iter()
        .map(|role| role.as_str())
        .collect::<Vec<_>>();
    let mut requete = invitation_role::Entity::find()
        .filter(invitation_role::Column::Role.is_in(roles))
        .filter(invitation_role::Column::AccepteeLe.is_null())
        .filter(invitation_role::Column::ExpireLe.gt(Utc::now()));
    requete = match actif.role {
        Role::Prefecture => requete.filter(
            invitation_role::Column::DepartementCode.eq(actif.departement_code.clone().unwrap_or_default()),
        ),
        Role::Hub => requete
            .filter(invitation_role::Column::RegionCode.eq(actif.region_code.clone().unwrap_or_default())),
        Role::Structure => {
            requete.filter(invitation_role::Column::StructureId.eq(actif.structure_id.unwrap_or_default()))
        }
        _ => requete,
    };
    Ok(requete.order_by_desc(invitation_role::Column::Id).all(db).await?)
}

/// Withdraws a role `auteur` administers. The person keeps their account and other roles; the sessions
/// acting in that role lose it. Refused for one's own role (another must withdraw it) and for the last
/// holder of a scope (the last ANCT agent, a structure's last member): nobody would administer it.
pub async fn retirer(db: &impl ConnectionTrait, auteur: &Acteur, role_id: i64) -> Result<RoleTenu, AppError> {
    let introuvable = || AppError::Introuvable("Ce rôle n’existe pas.".to_owned());
    let role = role_utilisateur::Entity::find_by_id(role_id)
        .one(db)
        .await?
        .ok_or_else(introuvable)?;
    let personne = utilisateur::Entity::find_by_id(role.utilisateur_id)
        .one(db)
        .await?
        .ok_or_else(introuvable)?;
    let demande = RoleDemande {
        role: Role::parse(&role.role)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("rôle inconnu : {}", role.role)))?,
        departement_code: role.departement_code.clone(),
        region_code: role.region_code.clone(),
        structure_id: role.structure_id,
    };
    administre(auteur, &demande)?;
    if role.utilisateur_id == auteur.utilisateur_id {
        return Err(AppError::InvalidInput(
            "Vous ne pouvez pas retirer votre propre rôle : demandez-le à un autre administrateur."
                .to_owned(),
        ));
    }
    if matches!(demande.role, Role::Anct | Role::Structure) {
        let mut memes =
            role_utilisateur::Entity::find().filter(role_utilisateur::Column::Role.eq(role.role.as_str()));
        if let Some(structure) = role.structure_id {
            memes = memes.filter(role_utilisateur::Column::StructureId.eq(structure));
        }
        if memes.count(db).await? <= 1 {
            return Err(AppError::InvalidInput(format!(
                "C’est le dernier rôle « {} » de sa portée : invitez quelqu’un d’autre avant de le retirer.",
                demande.role.libelle()
            )));
        }
    }
    session::Entity::update_many()
        .col_expr(
            session::Column::RoleUtilisateurId,
            Expr::value(Option::<i64>::None),
        )
        .filter(session::Column::RoleUtilisateurId.eq(role.id))
        .exec(db)
        .await?;
    role_utilisateur::Entity::delete_by_id(role.id).exec(db).await?;
    // The person learns it, and it stays in what their data export holds.
    notifier(
        db,
        std::slice::from_ref(&personne),
        "Rôle retiré",
        &format!(
            "Votre rôle « {} » a été retiré par {} {}.",
            demande.libelle(),
            auteur.prenom,
            auteur.nom
        ),
        "/espace",
    )
    .await?;
    Ok(RoleTenu { role, personne })
}
