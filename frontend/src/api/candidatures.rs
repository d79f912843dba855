//! The candidature workflow: the open call, the lists, one candidature, and every move of its life
//! (draft, consultations, filing, avis, decision), with what follows a validation (quota, recruitments,
//! coordinators, convention). The operations are in `graphql/candidature.graphql`.

use chrono::NaiveDate;
use maillage_shared::candidature::{CasDeFigure, Formulaire, ReponseConsultation, StatutCandidature};

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(
    AppelEnCours,
    "graphql/candidature.graphql",
    response_type = "super::Appel"
);
operation!(ListerCandidatures, "graphql/candidature.graphql");
operation!(
    /// The one operation whose types the others of this document answer with.
    LireCandidature,
    "graphql/candidature.graphql",
    derives = "Debug, Clone, PartialEq, Eq, Hash"
);
operation!(CreerCandidature, "graphql/candidature.graphql");
operation!(
    ModifierCandidature,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    EnregistrerConsultation,
    "graphql/candidature.graphql",
    response_type = "super::Consultation"
);
operation!(
    DeposerCandidature,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    DonnerAvis,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    DonnerAvisSgar,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    InviterCoPorteur,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(ProposerDeReunirLesCandidatures, "graphql/candidature.graphql");
operation!(RepondreInvitationCoPorteur, "graphql/candidature.graphql");
operation!(RetirerCoPorteur, "graphql/candidature.graphql");
operation!(MesInvitationsDeCoPortage, "graphql/candidature.graphql");
operation!(
    DeciderCandidature,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    ClasserSansSuite,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    RendrePoste,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    NotifierPreavisDeRetrait,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    RetirerPoste,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);
operation!(
    RetirerCandidature,
    "graphql/candidature.graphql",
    response_type = "super::Candidature"
);

/// A candidature, as the candidature page shows it; every mutation that returns a candidature answers
/// with the same fragment, so the page can replace what it holds with the answer.
pub use lire_candidature::{
    Appel, Candidature, CandidatureChevauchements as Chevauchement, CandidatureCoPorteurs as CoPorteur,
    CandidatureHistorique as Evenement, CandidatureStructuresAConsulter as StructureAConsulter,
    CommuneDeStructure, Consultation, Convention, Coordinateur, ProfilCandidat, Recrutement, Structure,
    Territoire,
};

/// A page of a candidature list.
pub type PageCandidatures = lister_candidatures::ListerCandidaturesCandidatures;
/// A candidature the caller's structure is invited to carry.
pub type InvitationDeCoPortage =
    mes_invitations_de_co_portage::MesInvitationsDeCoPortageMesInvitationsDeCoPortage;
/// A line of a candidature list.
pub type LigneCandidature = lister_candidatures::ListerCandidaturesCandidaturesElements;

/// The filters of the agents' list (`FiltreCandidatures`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filtre {
    pub statut: Option<StatutCandidature>,
    pub region: Option<String>,
    pub departement: Option<String>,
    pub cas: Option<CasDeFigure>,
    pub en_retard: bool,
}

/// The call open today, if any.
pub async fn appel_en_cours() -> Result<Option<Appel>, ErreurApi> {
    Ok(send::<AppelEnCours>(appel_en_cours::Variables)
        .await?
        .appel_en_cours)
}

/// The candidatures the caller may read, newest first.
pub async fn lister(filtre: &Filtre, premiers: i64, decalage: i64) -> Result<PageCandidatures, ErreurApi> {
    let filtre = lister_candidatures::FiltreCandidatures {
        statut: filtre.statut,
        region: filtre.region.clone(),
        departement: filtre.departement.clone(),
        cas: filtre.cas,
        en_retard: filtre.en_retard,
    };
    let variables = lister_candidatures::Variables {
        filtre: Some(filtre),
        premiers,
        decalage,
    };
    Ok(send::<ListerCandidatures>(variables).await?.candidatures)
}

/// One candidature, if the caller may read it.
pub async fn candidature(id: &str) -> Result<Candidature, ErreurApi> {
    let variables = lire_candidature::Variables { id: id.to_owned() };
    Ok(send::<LireCandidature>(variables).await?.candidature)
}

/// Starts the structure's draft for the open call; returns its id.
pub async fn creer() -> Result<String, ErreurApi> {
    Ok(send::<CreerCandidature>(creer_candidature::Variables)
        .await?
        .creer_candidature
        .id)
}

/// Saves the whole form of the draft.
pub async fn modifier(id: &str, formulaire: &Formulaire) -> Result<Candidature, ErreurApi> {
    let formulaire = modifier_candidature::FormulaireCandidatureEntree {
        cas: formulaire.cas,
        contrat: formulaire.contrat,
        perimetre_epcis: formulaire.perimetre_epcis.clone(),
        perimetre_departement: formulaire.perimetre_departement.clone(),
        diagnostic: formulaire.diagnostic.clone(),
        partenaires: formulaire.partenaires.clone(),
        articulation_gouvernance: formulaire.articulation_gouvernance.clone(),
        gouvernance: formulaire.gouvernance,
        missions_maillage: formulaire.missions_maillage.clone(),
        missions_relais: formulaire.missions_relais.clone(),
        missions_collaborations: formulaire.missions_collaborations.clone(),
        candidat_identifie: formulaire.candidat_identifie,
        date_prise_poste: formulaire.date_prise_poste,
    };
    let variables = modifier_candidature::Variables {
        id: id.to_owned(),
        formulaire,
    };
    Ok(send::<ModifierCandidature>(variables).await?.modifier_candidature)
}

/// Records the consultation of an employer of conseillers numériques of the perimeter.
pub async fn enregistrer_consultation(
    candidature_id: &str,
    structure_id: &str,
    consultee_le: NaiveDate,
    reponse: ReponseConsultation,
    commentaire: &str,
) -> Result<Consultation, ErreurApi> {
    let variables = enregistrer_consultation::Variables {
        candidature_id: candidature_id.to_owned(),
        structure_id: structure_id.to_owned(),
        consultee_le,
        reponse,
        commentaire: commentaire.to_owned(),
    };
    Ok(send::<EnregistrerConsultation>(variables)
        .await?
        .enregistrer_consultation)
}

/// Files the draft.
pub async fn deposer(id: &str) -> Result<Candidature, ErreurApi> {
    let variables = deposer_candidature::Variables { id: id.to_owned() };
    Ok(send::<DeposerCandidature>(variables).await?.deposer_candidature)
}

/// The préfecture gives its avis, with a comment of 10 to 1000 characters.
pub async fn donner_avis(id: &str, favorable: bool, commentaire: &str) -> Result<Candidature, ErreurApi> {
    let variables = donner_avis::Variables {
        id: id.to_owned(),
        favorable,
        commentaire: commentaire.to_owned(),
    };
    Ok(send::<DonnerAvis>(variables).await?.donner_avis)
}

/// The SGAR gives its consultative opinion, with a comment of 10 to 1000 characters.
pub async fn donner_avis_sgar(
    id: &str,
    favorable: bool,
    commentaire: &str,
) -> Result<Candidature, ErreurApi> {
    let variables = donner_avis_sgar::Variables {
        id: id.to_owned(),
        favorable,
        commentaire: commentaire.to_owned(),
    };
    Ok(send::<DonnerAvisSgar>(variables).await?.donner_avis_sgar)
}

/// The structure invites another, by SIRET, to carry its candidature with it.
pub async fn inviter_co_porteur(id: &str, siret: &str) -> Result<Candidature, ErreurApi> {
    let variables = inviter_co_porteur::Variables {
        id: id.to_owned(),
        siret: siret.to_owned(),
    };
    Ok(send::<InviterCoPorteur>(variables).await?.inviter_co_porteur)
}

/// The préfecture or ANCT proposes that two overlapping candidatures become one joint candidature: both
/// structures are told.
pub async fn proposer_de_reunir(id: &str, autre: &str) -> Result<(), ErreurApi> {
    let variables = proposer_de_reunir_les_candidatures::Variables {
        id: id.to_owned(),
        autre: autre.to_owned(),
    };
    send::<ProposerDeReunirLesCandidatures>(variables).await?;
    Ok(())
}

/// The invited structure confirms or declines.
pub async fn repondre_invitation_co_porteur(id: &str, confirme: bool) -> Result<bool, ErreurApi> {
    let variables = repondre_invitation_co_porteur::Variables {
        id: id.to_owned(),
        confirme,
    };
    Ok(send::<RepondreInvitationCoPorteur>(variables)
        .await?
        .repondre_invitation_co_porteur)
}

/// The structure withdraws a co-porteur or an invitation; a co-porteur withdraws itself.
pub async fn retirer_co_porteur(id: &str, structure_id: &str) -> Result<bool, ErreurApi> {
    let variables = retirer_co_porteur::Variables {
        id: id.to_owned(),
        structure_id: structure_id.to_owned(),
    };
    Ok(send::<RetirerCoPorteur>(variables).await?.retirer_co_porteur)
}

/// The candidatures the caller's structure is invited to carry, waiting for its answer.
pub async fn mes_invitations_de_co_portage() -> Result<Vec<InvitationDeCoPortage>, ErreurApi> {
    Ok(
        send::<MesInvitationsDeCoPortage>(mes_invitations_de_co_portage::Variables)
            .await?
            .mes_invitations_de_co_portage,
    )
}

/// ANCT validates or refuses, with its reason of 10 to 1000 characters.
pub async fn decider(id: &str, validee: bool, motif: &str) -> Result<Candidature, ErreurApi> {
    let decision = if validee {
        decider_candidature::DecisionAnct::VALIDEE
    } else {
        decider_candidature::DecisionAnct::REFUSEE
    };
    let variables = decider_candidature::Variables {
        id: id.to_owned(),
        decision,
        motif: motif.to_owned(),
    };
    Ok(send::<DeciderCandidature>(variables).await?.decider_candidature)
}

/// Until the decision, ANCT closes the candidature without follow-up, with its reason.
pub async fn classer_sans_suite(id: &str, motif: &str) -> Result<Candidature, ErreurApi> {
    let variables = classer_sans_suite::Variables {
        id: id.to_owned(),
        motif: motif.to_owned(),
    };
    Ok(send::<ClasserSansSuite>(variables).await?.classer_sans_suite)
}

/// The structure gives its post back, ending on `le`, with its reason.
pub async fn rendre_poste(id: &str, le: NaiveDate, motif: &str) -> Result<Candidature, ErreurApi> {
    let variables = rendre_poste::Variables {
        id: id.to_owned(),
        le,
        motif: motif.to_owned(),
    };
    Ok(send::<RendrePoste>(variables).await?.rendre_poste)
}

/// ANCT notifies the structure that its unfilled post will be withdrawn after the notice.
pub async fn notifier_preavis_de_retrait(id: &str, motif: &str) -> Result<Candidature, ErreurApi> {
    let variables = notifier_preavis_de_retrait::Variables {
        id: id.to_owned(),
        motif: motif.to_owned(),
    };
    Ok(send::<NotifierPreavisDeRetrait>(variables)
        .await?
        .notifier_preavis_de_retrait)
}

/// ANCT withdraws the post, still unfilled once the notice has run.
pub async fn retirer_poste(id: &str, motif: &str) -> Result<Candidature, ErreurApi> {
    let variables = retirer_poste::Variables {
        id: id.to_owned(),
        motif: motif.to_owned(),
    };
    Ok(send::<RetirerPoste>(variables).await?.retirer_poste)
}

/// Until the decision, the structure withdraws its candidature, with its reason.
pub async fn retirer(id: &str, motif: &str) -> Result<Candidature, ErreurApi> {
    let variables = retirer_candidature::Variables {
        id: id.to_owned(),
        motif: motif.to_owned(),
    };
    Ok(send::<RetirerCandidature>(variables).await?.retirer_candidature)
}
