//! What the person is typing in the candidature form, one signal per field: read by the form and by what it
//! shows beside it (the subsidy, the missing fields).

use crate::api::candidatures::Candidature;
use crate::api::territoires::Lien;
use chrono::NaiveDate;
use leptos::prelude::*;
use maillage_shared::candidature::{CasDeFigure, Formulaire};
use maillage_shared::gouvernance::PlaceDansLaGouvernance;
use maillage_shared::subvention::TypeContrat;
use maillage_shared::territoire::CodeDepartement;

/// Everything the person is typing, one signal per field.
#[derive(Clone, Copy)]
pub(super) struct Saisie {
    pub(super) cas: RwSignal<Option<String>>,
    pub(super) contrat: RwSignal<String>,
    /// `epcis` or `departement`.
    pub(super) perimetre: RwSignal<Option<String>>,
    pub(super) epcis: RwSignal<Vec<Lien>>,
    pub(super) departement: RwSignal<String>,
    pub(super) reponses: [RwSignal<String>; 6],
    /// `NON_MEMBRE`, `MEMBRE` or `CO_PORTEUR`.
    pub(super) gouvernance: RwSignal<Option<String>>,
    pub(super) candidat: RwSignal<Option<String>>,
    pub(super) date_prise_poste: RwSignal<String>,
}

impl Saisie {
    pub(super) fn depuis(candidature: &Candidature) -> Self {
        let perimetre = if candidature.perimetre_departement.is_some() {
            "departement"
        } else {
            "epcis"
        };
        Self {
            cas: RwSignal::new(candidature.cas.map(|cas| cas.as_str().to_owned())),
            contrat: RwSignal::new(
                candidature
                    .contrat
                    .map(|contrat| contrat.as_str().to_owned())
                    .unwrap_or_default(),
            ),
            perimetre: RwSignal::new(Some(perimetre.to_owned())),
            epcis: RwSignal::new(
                candidature
                    .perimetre_epcis
                    .iter()
                    .map(|epci| Lien {
                        code: epci.code.clone(),
                        nom: epci.nom.clone(),
                    })
                    .collect(),
            ),
            departement: RwSignal::new(candidature.perimetre_departement.as_ref().map_or_else(
                || candidature.structure.departement_code.clone(),
                |d| d.code.clone(),
            )),
            reponses: [
                RwSignal::new(candidature.diagnostic.clone()),
                RwSignal::new(candidature.partenaires.clone()),
                RwSignal::new(candidature.articulation_gouvernance.clone()),
                RwSignal::new(candidature.missions_maillage.clone()),
                RwSignal::new(candidature.missions_relais.clone()),
                RwSignal::new(candidature.missions_collaborations.clone()),
            ],
            gouvernance: RwSignal::new(
                candidature
                    .gouvernance_locale
                    .declaree
                    .map(|place| place.as_str().to_owned()),
            ),
            candidat: RwSignal::new(
                candidature
                    .candidat_identifie
                    .map(|oui| if oui { "oui" } else { "non" }.to_owned()),
            ),
            date_prise_poste: RwSignal::new(
                candidature
                    .date_prise_poste
                    .map(|jour| jour.to_string())
                    .unwrap_or_default(),
            ),
        }
    }

    /// The form as the shared rules see it (tracked: the live checks follow the typing).
    pub(super) fn formulaire(&self) -> Formulaire {
        let [
            diagnostic,
            partenaires,
            articulation,
            maillage,
            relais,
            collaborations,
        ] = self.reponses.map(|reponse| reponse.get());
        let par_departement = self.perimetre.get().as_deref() == Some("departement");
        Formulaire {
            cas: self.cas.get().and_then(|cas| CasDeFigure::parse(&cas)),
            contrat: TypeContrat::parse(&self.contrat.get()),
            perimetre_epcis: if par_departement {
                Vec::new()
            } else {
                self.epcis.get().into_iter().map(|epci| epci.code).collect()
            },
            perimetre_departement: if par_departement {
                CodeDepartement::parse(&self.departement.get())
                    .ok()
                    .map(|code| code.as_str().to_owned())
            } else {
                None
            },
            diagnostic,
            partenaires,
            articulation_gouvernance: articulation,
            gouvernance: self
                .gouvernance
                .get()
                .and_then(|place| PlaceDansLaGouvernance::parse(&place)),
            missions_maillage: maillage,
            missions_relais: relais,
            missions_collaborations: collaborations,
            candidat_identifie: self.candidat.get().map(|reponse| reponse == "oui"),
            date_prise_poste: NaiveDate::parse_from_str(&self.date_prise_poste.get(), "%Y-%m-%d").ok(),
        }
    }

    /// What would be sent, or why it cannot be (a malformed département code would be lost silently).
    pub(super) fn a_envoyer(&self) -> Result<Formulaire, String> {
        let code = self.departement.get_untracked();
        if self.perimetre.get_untracked().as_deref() == Some("departement")
            && let Err(refus) = CodeDepartement::parse(&code)
        {
            return Err(format!("Territoire à coordonner : {refus}."));
        }
        Ok(self.formulaire())
    }
}
