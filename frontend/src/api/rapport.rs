//! The coordinator's annual report, sending it, and the agents' follow-up of who sent theirs
//! (`graphql/rapport.graphql`).

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(MonRapportAnnuel, "graphql/rapport.graphql");
operation!(EnvoyerRapportAnnuel, "graphql/rapport.graphql");
operation!(RapportsAnnuels, "graphql/rapport.graphql");

/// A count under a key (a theme, a nature of action).
pub use mon_rapport_annuel::Compte;
/// The report of a year.
pub type Rapport = mon_rapport_annuel::MonRapportAnnuelMonRapportAnnuel;
/// A coordinator of the zone and its report.
pub type Suivi = rapports_annuels::RapportsAnnuelsRapportsAnnuels;

/// The calling coordinator's report of `annee`, from today's data.
pub async fn mon_rapport(annee: i32) -> Result<Rapport, ErreurApi> {
    let variables = mon_rapport_annuel::Variables {
        annee: Some(i64::from(annee)),
    };
    Ok(send::<MonRapportAnnuel>(variables).await?.mon_rapport_annuel)
}

/// Sends the report of `annee` to the préfecture; returns when.
pub async fn envoyer(annee: i64) -> Result<DateTime, ErreurApi> {
    let variables = envoyer_rapport_annuel::Variables { annee };
    Ok(send::<EnvoyerRapportAnnuel>(variables)
        .await?
        .envoyer_rapport_annuel)
}

/// The coordinators of the caller's zone and whether each sent its report of `annee`.
pub async fn suivi(annee: i32) -> Result<Vec<Suivi>, ErreurApi> {
    let variables = rapports_annuels::Variables {
        annee: i64::from(annee),
    };
    Ok(send::<RapportsAnnuels>(variables).await?.rapports_annuels)
}
