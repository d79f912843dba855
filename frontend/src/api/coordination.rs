//! The coordinator's actions of the year and the meeting days the caller is invited to
//! (`graphql/coordination.graphql`).

use chrono::NaiveDate;
use maillage_shared::coordination::{AxeMission, NatureAction};

use super::{ErreurApi, operation, send};

operation!(MesActionsDeCoordination, "graphql/coordination.graphql");
operation!(
    EnregistrerActionDeCoordination,
    "graphql/coordination.graphql",
    response_type = "super::ActionCoordination"
);
operation!(
    JourneesDeRencontre,
    "graphql/coordination.graphql",
    response_type = "super::ActionCoordination"
);
operation!(SInscrireAUneJournee, "graphql/coordination.graphql");

/// An action of a coordinator.
pub use mes_actions_de_coordination::ActionCoordination;

/// An action to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NouvelleAction {
    pub nature: NatureAction,
    pub axe: AxeMission,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
    pub partenaires: String,
}

/// The calling coordinator's actions of this year, by date.
pub async fn mes_actions() -> Result<Vec<ActionCoordination>, ErreurApi> {
    Ok(
        send::<MesActionsDeCoordination>(mes_actions_de_coordination::Variables)
            .await?
            .mes_actions_de_coordination,
    )
}

/// Records an action of the calling coordinator.
pub async fn enregistrer(action: &NouvelleAction) -> Result<ActionCoordination, ErreurApi> {
    let variables = enregistrer_action_de_coordination::Variables {
        action: enregistrer_action_de_coordination::ActionEntree {
            nature: action.nature,
            axe: action.axe,
            titre: action.titre.clone(),
            date: action.date,
            lieu: action.lieu.clone(),
            description: action.description.clone(),
            partenaires: action.partenaires.clone(),
        },
    };
    Ok(send::<EnregistrerActionDeCoordination>(variables)
        .await?
        .enregistrer_action_de_coordination)
}

/// The meeting days the caller is invited to, from a month ago on.
pub async fn journees() -> Result<Vec<ActionCoordination>, ErreurApi> {
    Ok(send::<JourneesDeRencontre>(journees_de_rencontre::Variables)
        .await?
        .journees_de_rencontre)
}

/// Registers the caller to a meeting day (or withdraws); returns the registration.
pub async fn s_inscrire(id: &str, inscrit: bool) -> Result<bool, ErreurApi> {
    let variables = s_inscrire_a_une_journee::Variables {
        id: id.to_owned(),
        inscrit,
    };
    Ok(send::<SInscrireAUneJournee>(variables)
        .await?
        .s_inscrire_a_une_journee)
}
