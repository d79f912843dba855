//! The rencontres a hub organises for its région's coordinators, registrations, relays of training sessions
//! to a team, minutes and cancellations (`graphql/rencontre.graphql`).

use chrono::NaiveDate;
use maillage_shared::coordination::NatureRencontre;

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(RencontresRegionales, "graphql/rencontre.graphql");
operation!(ParticipantsALaRencontre, "graphql/rencontre.graphql");
operation!(
    AnnoncerUneRencontre,
    "graphql/rencontre.graphql",
    response_type = "super::RencontreRegionale"
);
operation!(
    SInscrireAUneRencontre,
    "graphql/rencontre.graphql",
    response_type = "super::RencontreRegionale"
);
operation!(
    RelayerUneFormation,
    "graphql/rencontre.graphql",
    response_type = "super::RencontreRegionale"
);
operation!(
    EcrireCompteRenduDeRencontre,
    "graphql/rencontre.graphql",
    response_type = "super::RencontreRegionale"
);
operation!(AnnulerUneRencontre, "graphql/rencontre.graphql");

/// A person registered, as the organising hub reads them.
pub use participants_a_la_rencontre::ParticipantsALaRencontreParticipantsALaRencontre as Participant;
/// A working group, regional event or training session, as the caller reads it.
pub use rencontres_regionales::RencontreRegionale;

/// A rencontre the hub announces.
#[derive(Debug, Clone, PartialEq)]
pub struct NouvelleRencontre {
    pub nature: NatureRencontre,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
}

/// The rencontres the caller reads, from a year ago on, by date.
pub async fn lister() -> Result<Vec<RencontreRegionale>, ErreurApi> {
    Ok(send::<RencontresRegionales>(rencontres_regionales::Variables)
        .await?
        .rencontres_regionales)
}

/// Who registered, first registered first.
pub async fn participants(id: &str) -> Result<Vec<Participant>, ErreurApi> {
    Ok(
        send::<ParticipantsALaRencontre>(participants_a_la_rencontre::Variables { id: id.to_owned() })
            .await?
            .participants_a_la_rencontre,
    )
}

/// Announces a rencontre to the région's coordinators.
pub async fn annoncer(rencontre: &NouvelleRencontre) -> Result<RencontreRegionale, ErreurApi> {
    let variables = annoncer_une_rencontre::Variables {
        rencontre: annoncer_une_rencontre::RencontreEntree {
            nature: rencontre.nature,
            titre: rencontre.titre.clone(),
            date: rencontre.date,
            lieu: rencontre.lieu.clone(),
            description: rencontre.description.clone(),
        },
    };
    Ok(send::<AnnoncerUneRencontre>(variables)
        .await?
        .annoncer_une_rencontre)
}

/// Registers the caller (or withdraws).
pub async fn s_inscrire(id: &str, inscrit: bool) -> Result<RencontreRegionale, ErreurApi> {
    let variables = s_inscrire_a_une_rencontre::Variables {
        id: id.to_owned(),
        inscrit,
    };
    Ok(send::<SInscrireAUneRencontre>(variables)
        .await?
        .s_inscrire_a_une_rencontre)
}

/// Relays a training session to the calling coordinator's whole team.
pub async fn relayer(id: &str) -> Result<RencontreRegionale, ErreurApi> {
    Ok(
        send::<RelayerUneFormation>(relayer_une_formation::Variables { id: id.to_owned() })
            .await?
            .relayer_une_formation,
    )
}

/// Writes the minutes of a rencontre that took place.
pub async fn ecrire_compte_rendu(id: &str, texte: &str) -> Result<RencontreRegionale, ErreurApi> {
    let variables = ecrire_compte_rendu_de_rencontre::Variables {
        id: id.to_owned(),
        texte: texte.to_owned(),
    };
    Ok(send::<EcrireCompteRenduDeRencontre>(variables)
        .await?
        .ecrire_compte_rendu_de_rencontre)
}

/// Cancels a rencontre to come.
pub async fn annuler(id: &str) -> Result<(), ErreurApi> {
    send::<AnnulerUneRencontre>(annuler_une_rencontre::Variables { id: id.to_owned() }).await?;
    Ok(())
}
