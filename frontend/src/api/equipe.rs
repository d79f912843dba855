//! The coordinator's team: its members, the médiateurs it invites and the team's history; the invitation as
//! its link shows it; the médiateur's own teams (`graphql/equipe.graphql`).

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

pub use super::activite::MembreEquipe;

operation!(LireSuiviEquipe, "graphql/equipe.graphql");
operation!(InviterMediateur, "graphql/equipe.graphql");
operation!(RenvoyerInvitation, "graphql/equipe.graphql");
operation!(RetirerDeLEquipe, "graphql/equipe.graphql");
operation!(LireInvitation, "graphql/equipe.graphql");
operation!(RefuserInvitation, "graphql/equipe.graphql");
operation!(MesEquipes, "graphql/equipe.graphql");
operation!(QuitterLEquipe, "graphql/equipe.graphql");

/// The invitations and the history, for the team page.
pub type SuiviEquipe = lire_suivi_equipe::ResponseData;
/// An invitation of a médiateur, as its coordinator follows it.
pub type InvitationMediateur = lire_suivi_equipe::LireSuiviEquipeMesInvitations;
/// Someone joining or leaving the team.
pub type MouvementEquipe = lire_suivi_equipe::LireSuiviEquipeHistoriqueEquipe;
/// An employer of the coordinator's territory, with its conseillers.
pub type EmployeurDuTerritoire = lire_suivi_equipe::LireSuiviEquipeEmployeursDeMonTerritoire;
/// An invitation as its link shows it.
pub type InvitationRecue = lire_invitation::LireInvitationInvitation;
/// A team of the calling médiateur.
pub type EquipeDuMediateur = mes_equipes::MesEquipesMesEquipes;

/// The calling coordinator's invitations, its team's history and the employers of its territory.
pub async fn suivi() -> Result<SuiviEquipe, ErreurApi> {
    send::<LireSuiviEquipe>(lire_suivi_equipe::Variables).await
}

/// A médiateur to invite.
#[derive(Debug, Clone, PartialEq)]
pub struct NouvelleInvitation {
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub structure: String,
    pub commune_code: Option<String>,
}

/// Invites a médiateur into the calling coordinator's team.
pub async fn inviter(nouvelle: &NouvelleInvitation) -> Result<(), ErreurApi> {
    let variables = inviter_mediateur::Variables {
        invitation: inviter_mediateur::InvitationEntree {
            email: nouvelle.email.clone(),
            prenom: nouvelle.prenom.clone(),
            nom: nouvelle.nom.clone(),
            structure: nouvelle.structure.clone(),
            commune_code: nouvelle.commune_code.clone(),
        },
    };
    send::<InviterMediateur>(variables).await.map(|_| ())
}

/// Sends an invitation again, with a new link.
pub async fn renvoyer(id: &str) -> Result<(), ErreurApi> {
    let variables = renvoyer_invitation::Variables { id: id.to_owned() };
    send::<RenvoyerInvitation>(variables).await.map(|_| ())
}

/// Takes a médiateur off the team.
pub async fn retirer(id: &str, motif: &str) -> Result<(), ErreurApi> {
    let variables = retirer_de_l_equipe::Variables {
        id: id.to_owned(),
        motif: motif.to_owned(),
    };
    send::<RetirerDeLEquipe>(variables).await.map(|_| ())
}

/// Reads the invitation of a link.
pub async fn lire(jeton: &str) -> Result<InvitationRecue, ErreurApi> {
    let variables = lire_invitation::Variables {
        jeton: jeton.to_owned(),
    };
    Ok(send::<LireInvitation>(variables).await?.invitation)
}

/// Declines the invitation of a link.
pub async fn refuser(jeton: &str) -> Result<(), ErreurApi> {
    let variables = refuser_invitation::Variables {
        jeton: jeton.to_owned(),
    };
    send::<RefuserInvitation>(variables).await.map(|_| ())
}

/// The calling médiateur's teams.
pub async fn mes_equipes() -> Result<Vec<EquipeDuMediateur>, ErreurApi> {
    Ok(send::<MesEquipes>(mes_equipes::Variables).await?.mes_equipes)
}

/// The calling médiateur leaves a team.
pub async fn quitter(id: &str, motif: &str) -> Result<(), ErreurApi> {
    let variables = quitter_l_equipe::Variables {
        id: id.to_owned(),
        motif: motif.to_owned(),
    };
    send::<QuitterLEquipe>(variables).await.map(|_| ())
}
