//! The agents' dashboard (`tableauDeBord`): the figures of their territory, in total and by département
//! (`graphql/indicateurs.graphql`).

use maillage_shared::candidature::{CasDeFigure, StatutCandidature};

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send, send_as};

operation!(LireTableauDeBord, "graphql/indicateurs.graphql");
operation!(ActiviteDuTerritoire, "graphql/indicateurs.graphql");
operation!(SansCompteRendu, "graphql/indicateurs.graphql");
operation!(MesStatistiques, "graphql/indicateurs.graphql");
operation!(MonPartageDeStatistiques, "graphql/indicateurs.graphql");
operation!(PartagerMesStatistiques, "graphql/indicateurs.graphql");
operation!(RevoquerPartageDeStatistiques, "graphql/indicateurs.graphql");
operation!(StatistiquesPartagees, "graphql/indicateurs.graphql");

/// The gouvernance of a département of the dashboard, counted.
pub type GouvernanceDuTableau = lire_tableau_de_bord::LireTableauDeBordTableauDeBordGouvernances;

/// The employers of the préfecture's département with conseillers who recorded nothing this month, and the
/// relaunches already sent.
pub type ARelancer = sans_compte_rendu::SansCompteRenduTableauDeBord;
/// An employer with conseillers who recorded nothing this month.
pub type StructureSansCompteRendu = sans_compte_rendu::SansCompteRenduTableauDeBordStructuresSansCompteRendu;
/// A relaunch the préfecture sent.
pub type Relance = sans_compte_rendu::SansCompteRenduTableauDeBordRelances;

/// The activity of a territory: its accompaniments over a period, and who reported this month.
pub type ActiviteEtSuivi = activite_du_territoire::ActiviteDuTerritoireTableauDeBord;
/// The accompaniments of a territory, a team or a person over a period, by month, département, theme,
/// type, canal and duration.
pub use activite_du_territoire::StatistiquesActivite as Activite;
/// The conseillers under contract of the territory (first line) or of one of its départements, and those
/// who recorded something this month.
pub use activite_du_territoire::SuiviComptesRendus;
/// The accompaniments of one coordinator's team over the period, and this month's reporting.
pub type ActiviteDEquipe = activite_du_territoire::ActiviteDuTerritoireTableauDeBordActiviteParEquipe;
/// One group of accompaniments; its figures are `None` when they concern fewer than five people.
pub use activite_du_territoire::ChiffresActivite;

/// Coverage and candidature figures of a territory.
pub use lire_tableau_de_bord::Indicateurs;
/// A département named with its région.
pub type DepartementDeLigne = lire_tableau_de_bord::LigneDepartementDepartement;
/// A line of a per-département table, as the server sends it (its figures next to the département).
pub(super) type LigneRecue = lire_tableau_de_bord::LigneDepartement;

impl Indicateurs {
    /// The filed candidatures of `statut` (0 when the server lists none).
    pub fn candidatures_au_statut(&self, statut: StatutCandidature) -> i32 {
        self.candidatures_par_statut
            .iter()
            .find(|ligne| ligne.statut == statut)
            .map_or(0, |ligne| i32::try_from(ligne.nombre).unwrap_or(i32::MAX))
    }
}

/// One line of the per-département table: the département, and its figures read like the total's.
#[derive(Debug, Clone, PartialEq)]
pub struct LigneDepartement {
    pub departement: DepartementDeLigne,
    pub indicateurs: Indicateurs,
}

impl From<LigneRecue> for LigneDepartement {
    fn from(ligne: LigneRecue) -> Self {
        use lire_tableau_de_bord::IndicateursCandidaturesParStatut as ParStatut;
        Self {
            departement: ligne.departement,
            indicateurs: Indicateurs {
                population: ligne.population,
                coordinateurs: ligne.coordinateurs,
                conseillers: ligne.conseillers,
                lieux: ligne.lieux,
                candidatures: ligne.candidatures,
                candidatures_par_statut: ligne
                    .candidatures_par_statut
                    .into_iter()
                    .map(|compte| ParStatut {
                        statut: compte.statut,
                        nombre: compte.nombre,
                    })
                    .collect(),
                population_couverte: ligne.population_couverte,
                part_population_couverte: ligne.part_population_couverte,
                conseillers_pour_dix_mille: ligne.conseillers_pour_dix_mille,
                lieux_pour_dix_mille: ligne.lieux_pour_dix_mille,
            },
        }
    }
}

/// The dashboard of a territory.
#[derive(Debug, Clone, PartialEq)]
pub struct TableauDeBord {
    /// "France entière", the région's or the département's name.
    pub libelle: String,
    pub total: Indicateurs,
    pub par_departement: Vec<LigneDepartement>,
    pub candidatures_par_cas: Vec<lire_tableau_de_bord::LireTableauDeBordTableauDeBordCandidaturesParCas>,
    /// Filed candidatures waiting for the préfecture's avis.
    pub avis_attendus: i64,
    /// Candidatures still in instruction two months after filing.
    pub decisions_en_retard: i64,
    /// Validated posts without a coordinator six months after notification.
    pub recrutements_en_retard: i64,
    /// Subsidies of the validated candidatures, in euros.
    pub budget_engage: i64,
    /// Conventions paid, in euros.
    pub budget_verse: i64,
    /// The gouvernance of each département, counted.
    pub gouvernances: Vec<GouvernanceDuTableau>,
}

impl TableauDeBord {
    /// The filed candidatures of `cas` (0 when the server lists none).
    pub fn candidatures_du_cas(&self, cas: CasDeFigure) -> i32 {
        self.candidatures_par_cas
            .iter()
            .find(|ligne| ligne.cas == cas)
            .map_or(0, |ligne| i32::try_from(ligne.nombre).unwrap_or(i32::MAX))
    }

    /// The région every département of the dashboard belongs to; `None` for the whole country.
    pub fn region(&self) -> Option<&lire_tableau_de_bord::LigneDepartementDepartementRegion> {
        let premiere = &self.par_departement.first()?.departement.region;
        self.par_departement
            .iter()
            .all(|ligne| ligne.departement.region.code == premiere.code)
            .then_some(premiere)
    }
}

/// The dashboard of a région or a département, or of the caller's own territory when both are `None`
/// (France for ANCT). The server refuses a territory outside the caller's.
pub async fn tableau_de_bord(
    region: Option<&str>,
    departement: Option<&str>,
) -> Result<TableauDeBord, ErreurApi> {
    let variables = lire_tableau_de_bord::Variables {
        region: region.map(str::to_owned),
        departement: departement.map(str::to_owned),
    };
    let recu = send::<LireTableauDeBord>(variables).await?.tableau_de_bord;
    Ok(TableauDeBord {
        libelle: recu.libelle,
        total: recu.total,
        par_departement: recu
            .par_departement
            .into_iter()
            .map(LigneDepartement::from)
            .collect(),
        candidatures_par_cas: recu.candidatures_par_cas,
        avis_attendus: recu.avis_attendus,
        decisions_en_retard: recu.decisions_en_retard,
        recrutements_en_retard: recu.recrutements_en_retard,
        budget_engage: recu.budget_engage,
        budget_verse: recu.budget_verse,
        gouvernances: recu.gouvernances,
    })
}

/// What the reporting follow-up is grouped by.
pub use activite_du_territoire::GroupeSuivi;

/// What the dashboard's activity section asks: the territory (the caller's own when both are `None`), the
/// months `de` to `a` (`AAAA-MM`; the last twelve when `None`), an employer to filter on (its id), and how
/// this month's reporting is grouped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FiltresActivite {
    pub region: Option<String>,
    pub departement: Option<String>,
    pub de: Option<String>,
    pub a: Option<String>,
    pub structure: Option<String>,
    /// A coordinator post's id: its team.
    pub equipe: Option<String>,
    pub par: Option<GroupeSuivi>,
}

impl FiltresActivite {
    /// The address of the same figures as a file (`csv` or `xlsx`).
    pub fn telechargement(&self, format: &str) -> String {
        telechargement(
            &format!("activite.{format}"),
            &[
                ("region", &self.region),
                ("departement", &self.departement),
                ("de", &self.de),
                ("a", &self.a),
                ("structure", &self.structure),
                ("equipe", &self.equipe),
            ],
        )
    }
}

/// The address of download `fichier` (`activite.csv`…) with those of `parametres` that are set.
pub fn telechargement(fichier: &str, parametres: &[(&str, &Option<String>)]) -> String {
    let donnes: Vec<String> = parametres
        .iter()
        .filter_map(|(nom, valeur)| valeur.as_ref().map(|v| format!("{nom}={v}")))
        .collect();
    let requete = if donnes.is_empty() {
        String::new()
    } else {
        format!("?{}", donnes.join("&"))
    };
    format!("/exports/{fichier}{requete}")
}

/// The activity of a territory as `filtres` ask it, and this month's reporting.
pub async fn activite_du_territoire(filtres: FiltresActivite) -> Result<ActiviteEtSuivi, ErreurApi> {
    let variables = activite_du_territoire::Variables {
        region: filtres.region,
        departement: filtres.departement,
        de: filtres.de,
        a: filtres.a,
        structure: filtres.structure,
        equipe: filtres.equipe,
        par: filtres.par,
    };
    Ok(send::<ActiviteDuTerritoire>(variables).await?.tableau_de_bord)
}

/// The employers of the calling préfecture's département with conseillers under contract who recorded
/// nothing this month, and the département's latest relaunches.
pub async fn sans_compte_rendu() -> Result<ARelancer, ErreurApi> {
    Ok(send::<SansCompteRendu>(sans_compte_rendu::Variables)
        .await?
        .tableau_de_bord)
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReponseMesStatistiques {
    mes_statistiques: Activite,
}

/// The calling conseiller's accompaniments (a coordinator's: its team's) from month `de` to month `a`.
pub async fn mes_statistiques(de: Option<String>, a: Option<String>) -> Result<Activite, ErreurApi> {
    let reponse: ReponseMesStatistiques =
        send_as::<MesStatistiques, _>(mes_statistiques::Variables { de, a }).await?;
    Ok(reponse.mes_statistiques)
}

/// Since when the caller's public link is in force, if it is.
pub async fn mon_partage() -> Result<Option<chrono::DateTime<chrono::Utc>>, ErreurApi> {
    Ok(
        send::<MonPartageDeStatistiques>(mon_partage_de_statistiques::Variables)
            .await?
            .mon_partage_de_statistiques
            .map(|p| p.cree_le),
    )
}

/// Makes a new public link to the caller's figures (the old one stops working); returns its secret.
pub async fn partager() -> Result<String, ErreurApi> {
    Ok(
        send::<PartagerMesStatistiques>(partager_mes_statistiques::Variables)
            .await?
            .partager_mes_statistiques,
    )
}

/// Revokes the caller's public link.
pub async fn revoquer_partage() -> Result<bool, ErreurApi> {
    Ok(
        send::<RevoquerPartageDeStatistiques>(revoquer_partage_de_statistiques::Variables)
            .await?
            .revoquer_partage_de_statistiques,
    )
}

/// What a share link shows: whose figures, and the figures.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Partagees {
    pub titre: String,
    pub statistiques: Activite,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReponsePartagees {
    statistiques_partagees: Partagees,
}

/// The figures link `jeton` shows, without login.
pub async fn statistiques_partagees(
    jeton: String,
    de: Option<String>,
    a: Option<String>,
) -> Result<Partagees, ErreurApi> {
    let reponse: ReponsePartagees =
        send_as::<StatistiquesPartagees, _>(statistiques_partagees::Variables { jeton, de, a }).await?;
    Ok(reponse.statistiques_partagees)
}
