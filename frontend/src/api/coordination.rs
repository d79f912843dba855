//! The coordinator's actions of the year, the meeting days the caller is invited to, and how the coordinator
//! animates its team: bilateral meetings and messages (`graphql/coordination.graphql`).

use chrono::NaiveDate;
use maillage_shared::coordination::{AxeMission, NatureAction};

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
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

operation!(AnimationDeLEquipe, "graphql/coordination.graphql");
operation!(
    EnregistrerEntretien,
    "graphql/coordination.graphql",
    response_type = "super::Entretien"
);
operation!(
    EnvoyerMessageALEquipe,
    "graphql/coordination.graphql",
    response_type = "super::MessageEquipe"
);

/// The coordinator's team, its bilateral meetings and the messages it sent.
pub use animation_de_l_equipe::{AnimationDeLEquipeMonEquipe as MembreAnime, Entretien, MessageEquipe};
/// What the page of the team's animation reads.
pub type Animation = animation_de_l_equipe::ResponseData;

/// The team, the caller's bilateral meetings and the messages sent to the team.
pub async fn animation() -> Result<Animation, ErreurApi> {
    send::<AnimationDeLEquipe>(animation_de_l_equipe::Variables).await
}

/// Records a bilateral meeting with a member of the team.
pub async fn enregistrer_entretien(
    personne: &str,
    date: NaiveDate,
    notes: &str,
    prochaine_etape: &str,
) -> Result<Entretien, ErreurApi> {
    Ok(send::<EnregistrerEntretien>(enregistrer_entretien::Variables {
        entretien: enregistrer_entretien::EntretienEntree {
            personne_id: personne.to_owned(),
            date,
            notes: notes.to_owned(),
            prochaine_etape: prochaine_etape.to_owned(),
        },
    })
    .await?
    .enregistrer_entretien)
}

/// Writes to the whole team (`destinataires` empty) or to these members.
pub async fn ecrire_a_l_equipe(
    objet: &str,
    texte: &str,
    destinataires: Vec<String>,
) -> Result<MessageEquipe, ErreurApi> {
    Ok(
        send::<EnvoyerMessageALEquipe>(envoyer_message_al_equipe::Variables {
            objet: objet.to_owned(),
            texte: texte.to_owned(),
            destinataires,
        })
        .await?
        .envoyer_message_al_equipe,
    )
}
