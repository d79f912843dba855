//! GraphQL: the administration of roles. ANCT invites the State's agents with their scope; a préfecture, a
//! hub or a structure its colleagues; they list the roles of their scope, the invitations waiting, and
//! withdraw a role. The invited person reads and accepts the invitation of their link.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use maillage_shared::role::Role;
use sea_orm::DatabaseConnection;

use super::entity::invitation_role;
use super::invitations::{self, RoleDemande};
use super::schema::{CompteInviteEntree, Moi, repondre_connecte};
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, caller, in_transaction, numeric_id};
use crate::graphql::regles::autorise;

/// Invitations one person may send in 24 hours: enough to bring a team, not a mailing list.
pub const INVITATIONS_PAR_JOUR: usize = 20;

/// A role held in the caller's scope, with its holder.
#[derive(SimpleObject)]
pub struct RoleAdministre {
    pub id: ID,
    pub role: Role,
    /// "Préfecture — département 29".
    pub libelle: String,
    #[graphql(directive = autorise::apply("ANCT PREFECTURE HUB STRUCTURE".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("ANCT PREFECTURE HUB STRUCTURE".into()))]
    pub nom: String,
    #[graphql(directive = autorise::apply("ANCT PREFECTURE HUB STRUCTURE".into()))]
    pub email: String,
    /// The holder's account (ANCT deactivates and reactivates it).
    pub compte_id: ID,
    /// ANCT deactivated the holder's account: nobody logs in with it.
    pub compte_desactive: bool,
}

/// An invitation sent and not accepted yet.
#[derive(SimpleObject)]
pub struct InvitationEnAttente {
    pub id: ID,
    #[graphql(directive = autorise::apply("ANCT PREFECTURE HUB STRUCTURE".into()))]
    pub email: String,
    pub role: Role,
    pub libelle: String,
    pub envoyee_le: DateTime<Utc>,
    pub expire_le: DateTime<Utc>,
}

impl InvitationEnAttente {
    fn de(invitation: invitation_role::Model) -> Self {
        let role = Role::parse(&invitation.role).unwrap_or(Role::Anct);
        let libelle = RoleDemande {
            role,
            departement_code: invitation.departement_code,
            region_code: invitation.region_code,
            structure_id: invitation.structure_id,
        }
        .libelle();
        Self {
            id: ID(invitation.id.to_string()),
            email: invitation.email,
            role,
            libelle,
            envoyee_le: invitation.cree_le,
            expire_le: invitation.expire_le,
        }
    }
}

/// An invitation as its link shows it to the invited person.
#[derive(SimpleObject)]
pub struct InvitationAgentLue {
    /// The invited address, to which the invitation's link was sent.
    #[graphql(directive = autorise::apply("public".into()))]
    pub email: String,
    pub libelle: String,
    /// The address already has an account: log in to accept.
    pub compte_existant: bool,
}

/// Role administration queries.
#[derive(Default)]
pub struct AgentsQuery;

#[Object]
impl AgentsQuery {
    /// The roles the caller administers (its scope), with who holds them.
    #[graphql(directive = autorise::apply("ANCT PREFECTURE HUB STRUCTURE".into()))]
    async fn roles_administres(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RoleAdministre>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let tenus = invitations::roles_de_la_portee(db, actor(ctx)?).await.graphql()?;
        Ok(tenus
            .into_iter()
            .filter_map(|tenu| {
                let role = Role::parse(&tenu.role.role)?;
                Some(RoleAdministre {
                    id: ID(tenu.role.id.to_string()),
                    role,
                    libelle: RoleDemande {
                        role,
                        departement_code: tenu.role.departement_code,
                        region_code: tenu.role.region_code,
                        structure_id: tenu.role.structure_id,
                    }
                    .libelle(),
                    compte_id: ID(tenu.personne.id.to_string()),
                    compte_desactive: tenu.personne.desactive_le.is_some(),
                    prenom: tenu.personne.prenom,
                    nom: tenu.personne.nom,
                    email: tenu.personne.email,
                })
            })
            .collect())
    }

    /// The invitations of the caller's scope waiting for an answer.
    #[graphql(directive = autorise::apply("ANCT PREFECTURE HUB STRUCTURE".into()))]
    async fn invitations_agents_en_attente(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<InvitationEnAttente>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let attente = invitations::invitations_en_attente(db, actor(ctx)?)
            .await
            .graphql()?;
        Ok(attente.into_iter().map(InvitationEnAttente::de).collect())
    }

    /// The invitation of a link, for the invited person (no login needed).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn invitation_agent(
        &self,
        ctx: &Context<'_>,
        jeton: String,
    ) -> async_graphql::Result<InvitationAgentLue> {
        let db = ctx.data::<DatabaseConnection>()?;
        let (invitation, compte_existant) = invitations::lire(db, &jeton).await.graphql()?;
        Ok(InvitationAgentLue {
            libelle: InvitationEnAttente::de(invitation.clone()).libelle,
            email: invitation.email,
            compte_existant,
        })
    }
}

/// Role administration mutations.
#[derive(Default)]
pub struct AgentsMutation;

#[Object]
impl AgentsMutation {
    /// Invites `email` to hold `role`: ANCT names the département (préfecture) or the région (SGAR, hub);
    /// a préfecture, a hub or a structure invites to its own role and scope. Twenty a day per person.
    #[graphql(directive = autorise::apply("ANCT PREFECTURE HUB STRUCTURE".into()))]
    async fn inviter_agent(
        &self,
        ctx: &Context<'_>,
        email: String,
        role: Role,
        departement_code: Option<String>,
        region_code: Option<String>,
    ) -> async_graphql::Result<InvitationEnAttente> {
        in_transaction(ctx, async |txn, acteur| {
            crate::journal::limiter(
                txn,
                acteur,
                "inviterAgent",
                INVITATIONS_PAR_JOUR,
                chrono::Duration::hours(24),
            )
            .await?;
            let demande = invitations::role_demande(
                Some(acteur),
                role,
                departement_code.as_deref(),
                region_code.as_deref(),
            )?;
            let (invitation, _) = invitations::inviter(txn, Some(acteur), &email, &demande).await?;
            Ok(InvitationEnAttente::de(invitation))
        })
        .await
    }

    /// Withdraws a role of the caller's scope; the person keeps their account and other roles.
    #[graphql(directive = autorise::apply("ANCT PREFECTURE HUB STRUCTURE".into()))]
    async fn retirer_role(&self, ctx: &Context<'_>, role_id: ID) -> async_graphql::Result<bool> {
        let role_id = numeric_id(&role_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            invitations::retirer(txn, acteur, role_id).await
        })
        .await?;
        Ok(true)
    }

    /// Deactivates an account (ANCT): its owner can no longer log in, by password, link or ProConnect, and
    /// their sessions end at once; the account keeps its history and roles. Not one's own.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn desactiver_compte(&self, ctx: &Context<'_>, compte_id: ID) -> async_graphql::Result<bool> {
        let compte_id = numeric_id(&compte_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            crate::compte::desactivation::desactiver(txn, acteur, compte_id).await
        })
        .await?;
        Ok(true)
    }

    /// Reactivates an account ANCT deactivated.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn reactiver_compte(&self, ctx: &Context<'_>, compte_id: ID) -> async_graphql::Result<bool> {
        let compte_id = numeric_id(&compte_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            crate::compte::desactivation::reactiver(txn, acteur, compte_id).await
        })
        .await?;
        Ok(true)
    }

    /// Accepts the invitation of a link. Logged in with the invited address: the account gets the role.
    /// Anonymous: `compte` creates the account of the invited address and logs it in (`EMAIL_TAKEN` if one
    /// exists: log in first).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn accepter_invitation_agent(
        &self,
        ctx: &Context<'_>,
        jeton: String,
        compte: Option<CompteInviteEntree>,
    ) -> async_graphql::Result<Moi> {
        let db = ctx.data::<DatabaseConnection>()?;
        let connecte = caller(ctx).0.as_ref();
        let accepteur = CompteInviteEntree::accepteur(compte.as_ref(), connecte).graphql()?;
        let txn = crate::database::ecriture(db).await.graphql()?;
        let utilisateur_id = invitations::accepter(&txn, &jeton, accepteur).await.graphql()?;
        // A new session either way: it starts in the person's roles as they now are.
        let token = crate::compte::service::ouvrir_session(&txn, utilisateur_id)
            .await
            .graphql()?;
        if let Some(acteur) = connecte {
            crate::compte::service::fermer_session(&txn, acteur)
                .await
                .graphql()?;
        }
        let mut entree = crate::journal::du_champ(ctx, connecte);
        entree.acteur_id = Some(utilisateur_id);
        crate::journal::consigner(&txn, &entree).await.graphql()?;
        txn.commit().await.graphql()?;
        repondre_connecte(ctx, &token).await
    }
}
