//! Activity reports: a conseiller records an accompaniment; a coordinator reads the team, its yearly
//! totals, reminds those who recorded nothing this month, and shows or hides itself on the public map
//! (`graphql/activite.graphql`).

use chrono::NaiveDate;
use maillage_shared::activite::{Autonomie, Canal, Materiel, Orientation, TypeAccompagnement};

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(EnregistrerActivite, "graphql/activite.graphql");
operation!(LireCoordination, "graphql/activite.graphql");
operation!(RelancerEquipe, "graphql/activite.graphql");
operation!(RelancerSansCompteRendu, "graphql/activite.graphql");
operation!(AfficherSurLaCarte, "graphql/activite.graphql");
operation!(ImporterActivites, "graphql/activite.graphql");
operation!(MesBeneficiaires, "graphql/activite.graphql");
operation!(MesLieux, "graphql/activite.graphql");
operation!(AccompagnementsDuBeneficiaire, "graphql/activite.graphql");
operation!(FusionnerBeneficiaires, "graphql/activite.graphql");
operation!(EffacerBeneficiaire, "graphql/activite.graphql");

/// A person the calling conseiller follows, named with consent.
pub type Beneficiaire = mes_beneficiaires::MesBeneficiairesMesBeneficiaires;
/// One accompaniment of a followed person.
pub type Passage =
    accompagnements_du_beneficiaire::AccompagnementsDuBeneficiaireAccompagnementsDuBeneficiaire;

/// The totals of one group of accompaniments (a month, a theme…): `cle` is a month number 1 to 12, a
/// theme, an INSEE code or a conseiller id.
pub use lire_coordination::Total as TotalActivite;
/// What the coordination page shows: the team and its year.
pub type Coordination = lire_coordination::ResponseData;
/// A member of the coordinator's team: a conseiller numérique of the perimeter or an invited médiateur.
pub type MembreEquipe = lire_coordination::LireCoordinationMonEquipe;
/// The team's activity of a year.
pub type AgregatsEquipe = lire_coordination::LireCoordinationActiviteEquipe;
/// What an import did.
pub type BilanImport = importer_activites::ImporterActivitesImporterActivites;
/// A line of an imported file that was refused.
pub type LigneRefusee = importer_activites::ImporterActivitesImporterActivitesLignesRefusees;

/// An accompaniment to record, as the conseiller filled it in.
#[derive(Debug, Clone, PartialEq)]
pub struct Accompagnement {
    pub date: NaiveDate,
    pub type_accompagnement: TypeAccompagnement,
    pub canal: Canal,
    /// Among `maillage_shared::activite::THEMES`.
    pub themes: Vec<String>,
    pub duree_minutes: i32,
    pub participants: i32,
    /// INSEE code, when known.
    pub commune_code: Option<String>,
    /// The lieu of the referential where it took place.
    pub lieu_id: Option<String>,
    pub materiel: Vec<Materiel>,
    pub autonomie: Option<Autonomie>,
    pub orientation: Option<Orientation>,
    /// The person, when they agreed to be named.
    pub beneficiaire: Option<PersonneSuivie>,
}

/// The person of an individual accompaniment.
#[derive(Debug, Clone, PartialEq)]
pub enum PersonneSuivie {
    /// One the conseiller already follows, by id.
    Existante(String),
    /// A person named for the first time, with their consent.
    Nouvelle {
        prenom: String,
        nom: String,
        annee_naissance: Option<i32>,
        consentement: bool,
    },
}

/// Records an accompaniment of the calling conseiller.
pub async fn enregistrer(accompagnement: &Accompagnement) -> Result<(), ErreurApi> {
    let variables = enregistrer_activite::Variables {
        accompagnement: enregistrer_activite::AccompagnementEntree {
            date: accompagnement.date,
            type_accompagnement: accompagnement.type_accompagnement,
            canal: accompagnement.canal,
            themes: accompagnement.themes.clone(),
            duree_minutes: i64::from(accompagnement.duree_minutes),
            participants: i64::from(accompagnement.participants),
            commune_code: accompagnement.commune_code.clone(),
            lieu_id: accompagnement.lieu_id.clone(),
            materiel: accompagnement.materiel.clone(),
            autonomie: accompagnement.autonomie,
            orientation: accompagnement.orientation,
            beneficiaire: accompagnement.beneficiaire.as_ref().map(|p| match p {
                PersonneSuivie::Existante(id) => enregistrer_activite::BeneficiaireEntree {
                    id: Some(id.clone()),
                    prenom: None,
                    nom: None,
                    annee_naissance: None,
                    consentement: false,
                },
                PersonneSuivie::Nouvelle {
                    prenom,
                    nom,
                    annee_naissance,
                    consentement,
                } => enregistrer_activite::BeneficiaireEntree {
                    id: None,
                    prenom: Some(prenom.clone()),
                    nom: Some(nom.clone()),
                    annee_naissance: annee_naissance.map(i64::from),
                    consentement: *consentement,
                },
            }),
        },
    };
    send::<EnregistrerActivite>(variables).await.map(|_| ())
}

/// The calling coordinator's team and its activity this year, in one request.
pub async fn coordination() -> Result<Coordination, ErreurApi> {
    send::<LireCoordination>(lire_coordination::Variables).await
}

/// Reminds the team members with no accompaniment this month; returns how many were.
pub async fn relancer_equipe() -> Result<i64, ErreurApi> {
    Ok(send::<RelancerEquipe>(relancer_equipe::Variables)
        .await?
        .relancer_equipe)
}

/// The préfecture reminds the conseillers of its département who recorded nothing this month (those of one
/// `structure`, by id, when given); returns how many were.
pub async fn relancer_sans_compte_rendu(structure: Option<String>) -> Result<i64, ErreurApi> {
    Ok(
        send::<RelancerSansCompteRendu>(relancer_sans_compte_rendu::Variables { structure })
            .await?
            .relancer_sans_compte_rendu,
    )
}

/// Shows or hides the calling coordinator on the public map; returns the setting now saved.
pub async fn afficher_sur_la_carte(visible: bool) -> Result<bool, ErreurApi> {
    let variables = afficher_sur_la_carte::Variables { visible };
    Ok(send::<AfficherSurLaCarte>(variables).await?.afficher_sur_la_carte)
}

/// Imports accompaniments from a CSV file's text; with `tout_ou_rien`, nothing while a line is bad.
pub async fn importer(contenu: &str, tout_ou_rien: bool) -> Result<BilanImport, ErreurApi> {
    let variables = importer_activites::Variables {
        contenu: contenu.to_owned(),
        tout_ou_rien: Some(tout_ou_rien),
    };
    Ok(send::<ImporterActivites>(variables).await?.importer_activites)
}

/// The people the calling conseiller follows, by name, with their likely duplicates.
pub async fn mes_beneficiaires() -> Result<Vec<Beneficiaire>, ErreurApi> {
    Ok(send::<MesBeneficiaires>(mes_beneficiaires::Variables)
        .await?
        .mes_beneficiaires)
}

/// The accompaniments of a followed person, latest first.
pub async fn accompagnements_du_beneficiaire(id: String) -> Result<Vec<Passage>, ErreurApi> {
    Ok(
        send::<AccompagnementsDuBeneficiaire>(accompagnements_du_beneficiaire::Variables { id })
            .await?
            .accompagnements_du_beneficiaire,
    )
}

/// Merges record `doublon` into `garde`.
pub async fn fusionner(garde: String, doublon: String) -> Result<(), ErreurApi> {
    send::<FusionnerBeneficiaires>(fusionner_beneficiaires::Variables { garde, doublon })
        .await
        .map(|_| ())
}

/// Erases a followed person at their request.
pub async fn effacer(id: String) -> Result<(), ErreurApi> {
    send::<EffacerBeneficiaire>(effacer_beneficiaire::Variables { id })
        .await
        .map(|_| ())
}

/// A lieu of the referential near the calling conseiller.
pub type LieuProche = mes_lieux::MesLieuxMesLieux;

/// The lieux of the referential near the calling conseiller, by name.
pub async fn mes_lieux() -> Result<Vec<LieuProche>, ErreurApi> {
    Ok(send::<MesLieux>(mes_lieux::Variables).await?.mes_lieux)
}
