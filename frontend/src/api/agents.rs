//! The administration of roles (`graphql/agents.graphql`): who holds the roles of the caller's scope, the
//! invitations waiting, inviting someone and withdrawing a role; the invitation of a link.

use maillage_shared::role::Role;

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(RolesAdministres, "graphql/agents.graphql");
operation!(InvitationsAgentsEnAttente, "graphql/agents.graphql");
operation!(InviterAgent, "graphql/agents.graphql");
operation!(RetirerRole, "graphql/agents.graphql");
operation!(DesactiverCompte, "graphql/agents.graphql");
operation!(ReactiverCompte, "graphql/agents.graphql");
operation!(InvitationAgent, "graphql/agents.graphql");
operation!(DemandesDeRattachement, "graphql/agents.graphql");
operation!(RepondreADemandeDeRattachement, "graphql/agents.graphql");

/// A role of the caller's scope and who holds it.
pub type RoleAdministre = roles_administres::RolesAdministresRolesAdministres;
/// An invitation sent and not accepted yet.
pub type InvitationEnAttente =
    invitations_agents_en_attente::InvitationsAgentsEnAttenteInvitationsAgentsEnAttente;
/// A person who asked, through ProConnect, to join the caller's structure.
pub type DemandeDeRattachement = demandes_de_rattachement::DemandesDeRattachementDemandesDeRattachement;
/// An invitation as its link shows it.
pub type InvitationLue = invitation_agent::InvitationAgentInvitationAgent;

/// The roles the caller administers.
pub async fn roles_administres() -> Result<Vec<RoleAdministre>, ErreurApi> {
    Ok(send::<RolesAdministres>(roles_administres::Variables)
        .await?
        .roles_administres)
}

/// The invitations of the caller's scope waiting for an answer.
pub async fn en_attente() -> Result<Vec<InvitationEnAttente>, ErreurApi> {
    Ok(
        send::<InvitationsAgentsEnAttente>(invitations_agents_en_attente::Variables)
            .await?
            .invitations_agents_en_attente,
    )
}

/// Invites `email` to hold `role` (ANCT names the département or the région).
pub async fn inviter(
    email: &str,
    role: Role,
    departement: Option<String>,
    region: Option<String>,
) -> Result<(), ErreurApi> {
    let variables = inviter_agent::Variables {
        email: email.to_owned(),
        role,
        departement_code: departement,
        region_code: region,
    };
    send::<InviterAgent>(variables).await.map(|_| ())
}

/// Deactivates an account (ANCT): nobody logs in with it any more, its sessions end.
pub async fn desactiver(compte_id: &str) -> Result<(), ErreurApi> {
    let variables = desactiver_compte::Variables {
        compte_id: compte_id.to_owned(),
    };
    send::<DesactiverCompte>(variables).await.map(|_| ())
}

/// Reactivates an account ANCT deactivated.
pub async fn reactiver(compte_id: &str) -> Result<(), ErreurApi> {
    let variables = reactiver_compte::Variables {
        compte_id: compte_id.to_owned(),
    };
    send::<ReactiverCompte>(variables).await.map(|_| ())
}

/// Withdraws a role of the caller's scope.
pub async fn retirer(role_id: &str) -> Result<(), ErreurApi> {
    let variables = retirer_role::Variables {
        role_id: role_id.to_owned(),
    };
    send::<RetirerRole>(variables).await.map(|_| ())
}

/// The invitation of a link.
pub async fn lire(jeton: &str) -> Result<InvitationLue, ErreurApi> {
    let variables = invitation_agent::Variables {
        jeton: jeton.to_owned(),
    };
    Ok(send::<InvitationAgent>(variables).await?.invitation_agent)
}

/// The requests to join the caller's structure waiting for an answer.
pub async fn demandes_de_rattachement() -> Result<Vec<DemandeDeRattachement>, ErreurApi> {
    Ok(
        send::<DemandesDeRattachement>(demandes_de_rattachement::Variables)
            .await?
            .demandes_de_rattachement,
    )
}

/// Accepts (the person is invited) or refuses a request to join the caller's structure.
pub async fn repondre_a_une_demande(demande_id: &str, accepter: bool) -> Result<(), ErreurApi> {
    let variables = repondre_a_demande_de_rattachement::Variables {
        demande_id: demande_id.to_owned(),
        accepter,
    };
    send::<RepondreADemandeDeRattachement>(variables)
        .await
        .map(|_| ())
}
