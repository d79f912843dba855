//! The State's company register, read through its public search API (« Recherche d’entreprises »,
//! `GET {url}/search?q={siret}`): what a SIRET says of a structure that registers — its name, address,
//! commune, legal form and whether the establishment is open. The API has no key and allows a few requests
//! per second per address; when it does not answer in time, registration goes on by hand.

use std::time::Duration;

use maillage_shared::structure::{NatureDuRegistre, Siret};
use serde::Deserialize;

use crate::settings::RegistreEntreprisesSettings;

/// The register's client, built once from the settings.
#[derive(Clone)]
pub struct Registre {
    /// The error when the client could not be built: every consultation then goes on by hand.
    client: Result<reqwest::Client, String>,
    url: String,
}

/// An establishment as the register describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Etablissement {
    pub siret: String,
    /// The legal unit's name; `None` when it is not public (« non diffusible »).
    pub nom: Option<String>,
    /// The INSEE legal category, 4 digits.
    pub nature_juridique: String,
    pub est_association: bool,
    pub est_ess: bool,
    /// « 12 RUE DE SIAM 29200 BREST », as one string.
    pub adresse: Option<String>,
    /// The INSEE code of its commune.
    pub commune_code: Option<String>,
    pub libelle_commune: Option<String>,
}

impl Etablissement {
    /// Its legal form, as the rules of the call read it.
    pub fn nature(&self) -> NatureDuRegistre<'_> {
        NatureDuRegistre {
            nature_juridique: &self.nature_juridique,
            est_association: self.est_association,
            est_ess: self.est_ess,
        }
    }
}

/// What the register says of a SIRET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consultation {
    /// An open establishment of an active legal unit.
    Ouvert(Etablissement),
    /// The establishment is closed (`F`), or its legal unit has ceased (`C`).
    Ferme(Etablissement),
    /// The register does not know it (or does not publish it).
    Inconnu,
    /// No usable answer in time: registration goes on by hand. Says why, for the logs.
    SansReponse(String),
}

// The parts of the API's answer read here (other fields are ignored).
#[derive(Deserialize)]
struct Reponse {
    #[serde(default)]
    results: Vec<UniteLegale>,
}

#[derive(Deserialize)]
struct UniteLegale {
    nom_raison_sociale: Option<String>,
    nom_complet: Option<String>,
    nature_juridique: Option<String>,
    etat_administratif: Option<String>,
    #[serde(default)]
    matching_etablissements: Vec<EtablissementRecu>,
    siege: Option<EtablissementRecu>,
    complements: Option<Complements>,
}

#[derive(Deserialize, Clone)]
struct EtablissementRecu {
    siret: Option<String>,
    etat_administratif: Option<String>,
    adresse: Option<String>,
    commune: Option<String>,
    libelle_commune: Option<String>,
}

#[derive(Deserialize)]
struct Complements {
    est_association: Option<bool>,
    est_ess: Option<bool>,
}

/// How the register masks the name of a unit that asked not to be published.
const NON_DIFFUSIBLE: &str = "[NON-DIFFUSIBLE]";

impl Registre {
    pub fn new(reglages: &RegistreEntreprisesSettings) -> Self {
        crate::compte::proconnect::installer_la_cryptographie();
        let client = reqwest::Client::builder()
            // An answer that redirects is not an answer: the server is not made to call elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(reglages.delai_secondes.max(1)))
            .user_agent(concat!(
                "Maillage/",
                env!("CARGO_PKG_VERSION"),
                " (ANCT, programme Conseiller numérique)"
            ))
            .build()
            .map_err(|erreur| format!("client HTTP : {erreur}"));
        Self {
            client,
            url: reglages.url.trim_end_matches('/').to_owned(),
        }
    }

    /// What the register says of `siret`. Never fails: an error of the register is [`Consultation::SansReponse`].
    pub async fn consulter(&self, siret: &Siret) -> Consultation {
        let client = match &self.client {
            Ok(client) => client,
            Err(erreur) => return Consultation::SansReponse(erreur.clone()),
        };
        let reponse = client
            // A SIRET is 14 digits: nothing to encode.
            .get(format!("{}/search?q={}&per_page=1", self.url, siret.as_str()))
            .send()
            .await;
        let reponse = match reponse {
            Ok(reponse) if reponse.status().is_success() => reponse,
            Ok(reponse) => return Consultation::SansReponse(format!("HTTP {}", reponse.status())),
            Err(erreur) => return Consultation::SansReponse(erreur.to_string()),
        };
        match reponse.json::<Reponse>().await {
            Ok(lue) => lire(lue, siret.as_str()),
            Err(erreur) => Consultation::SansReponse(format!("réponse illisible : {erreur}")),
        }
    }
}

/// The establishment of `siret` in an answer: among the unit's matching establishments (or its head office).
fn lire(reponse: Reponse, siret: &str) -> Consultation {
    for unite in reponse.results {
        let trouve = unite
            .matching_etablissements
            .iter()
            .chain(unite.siege.iter())
            .find(|e| e.siret.as_deref() == Some(siret))
            .cloned();
        let Some(recu) = trouve else {
            continue;
        };
        let nom = unite
            .nom_raison_sociale
            .or(unite.nom_complet)
            .map(|nom| nom.trim().to_owned())
            .filter(|nom| !nom.is_empty() && !nom.contains(NON_DIFFUSIBLE));
        let complements = unite.complements;
        let etablissement = Etablissement {
            siret: siret.to_owned(),
            nom,
            nature_juridique: unite.nature_juridique.unwrap_or_default(),
            est_association: complements
                .as_ref()
                .and_then(|c| c.est_association)
                .unwrap_or(false),
            est_ess: complements.as_ref().and_then(|c| c.est_ess).unwrap_or(false),
            adresse: recu.adresse.filter(|a| !a.contains(NON_DIFFUSIBLE)),
            commune_code: recu.commune,
            libelle_commune: recu.libelle_commune,
        };
        let ferme = unite.etat_administratif.as_deref() == Some("C")
            || recu.etat_administratif.as_deref() == Some("F");
        return if ferme {
            Consultation::Ferme(etablissement)
        } else {
            Consultation::Ouvert(etablissement)
        };
    }
    Consultation::Inconnu
}
