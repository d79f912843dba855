//! GraphQL: the activity statistics of an agent's territory (on its dashboard), with the figures about fewer
//! than five people withheld.

use async_graphql::SimpleObject;
use maillage_shared::activite::{Canal, SEUIL_DE_DIFFUSION, TRANCHES_DE_DUREE, TypeAccompagnement};

use std::collections::BTreeMap;

use crate::activite::cumul::{Axe, Totals};
use crate::graphql::regles::autorise;
use crate::indicateur::activite::{Activite, ActiviteEquipe, Noms, Suivi};

/// Figures of one group of accompaniments. Where they concern fewer than five people they are withheld and
/// `moinsDeCinq` is set: so few people could be recognised by an agent of their territory.
#[derive(SimpleObject, Clone, Debug)]
pub struct ChiffresActivite {
    /// What the group is: a month (`AAAA-MM`), a département's code, a theme, a type, a canal, a duration band.
    pub cle: String,
    /// How the group reads ("mars 2026", "Finistère", "Atelier collectif"…).
    pub libelle: String,
    pub accompagnements: Option<i64>,
    /// People accompanied (each participant of a workshop counts).
    pub participants: Option<i64>,
    pub minutes: Option<i64>,
    pub moins_de_cinq: bool,
}

impl ChiffresActivite {
    /// The figures, withheld under five people when `masquer` (for anyone but the people's coordinator and
    /// employer, and the conseiller itself).
    pub fn lire(cle: String, libelle: String, totaux: Totals, masquer: bool) -> Self {
        let moins_de_cinq = masquer && (1..SEUIL_DE_DIFFUSION).contains(&totaux.participants);
        let montre = |valeur: i64| (!moins_de_cinq).then_some(valeur);
        Self {
            cle,
            libelle,
            accompagnements: montre(totaux.accompagnements),
            participants: montre(totaux.participants),
            minutes: montre(totaux.minutes),
            moins_de_cinq,
        }
    }
}

/// The accompaniments of a territory, a team or a person over a period, read from the rollups. Who may
/// read them is decided where they are asked (the dashboard, « Mes statistiques », a share link); their
/// parts add no rule of their own.
#[derive(SimpleObject, Debug)]
pub struct StatistiquesActivite {
    /// First month, `AAAA-MM`.
    pub de: String,
    /// Last month, `AAAA-MM`.
    pub a: String,
    #[graphql(directive = autorise::apply("public".into()))]
    pub total: ChiffresActivite,
    /// Every month of the period.
    #[graphql(directive = autorise::apply("public".into()))]
    pub par_mois: Vec<ChiffresActivite>,
    /// Each département of the territory.
    #[graphql(directive = autorise::apply("public".into()))]
    pub par_departement: Vec<ChiffresActivite>,
    /// Themes, most frequent first.
    #[graphql(directive = autorise::apply("public".into()))]
    pub par_theme: Vec<ChiffresActivite>,
    /// Individual accompaniments and collective workshops.
    #[graphql(directive = autorise::apply("public".into()))]
    pub par_type: Vec<ChiffresActivite>,
    #[graphql(directive = autorise::apply("public".into()))]
    pub par_canal: Vec<ChiffresActivite>,
    /// Duration bands, shortest first.
    #[graphql(directive = autorise::apply("public".into()))]
    pub par_duree: Vec<ChiffresActivite>,
    /// The conseillers' employers (by id), by name: a département's statistics only.
    #[graphql(directive = autorise::apply("public".into()))]
    pub par_structure: Vec<ChiffresActivite>,
    /// The EPCI of the conseillers' communes (by code), by name: a département's statistics only.
    #[graphql(directive = autorise::apply("public".into()))]
    pub par_epci: Vec<ChiffresActivite>,
}

/// `YYYYMM` as `AAAA-MM`.
pub fn mois_iso(mois: i32) -> String {
    format!("{:04}-{:02}", mois / 100, mois % 100)
}

impl StatistiquesActivite {
    /// Reads `activite` over `departements` (code and name, in order), labelled in French, figures about
    /// fewer than five people withheld when `masquer`.
    pub fn lire(activite: Activite, departements: &[(String, String)], noms: &Noms, masquer: bool) -> Self {
        let chiffres = |cle: String, libelle: String, totaux: Totals| {
            ChiffresActivite::lire(cle, libelle, totaux, masquer)
        };
        let axe = |axe: Axe| activite.par_axe.get(&axe).cloned().unwrap_or_default();
        let mut par_theme: Vec<ChiffresActivite> = axe(Axe::Theme)
            .into_iter()
            .map(|(theme, totaux)| chiffres(theme.clone(), theme, totaux))
            .collect();
        par_theme.sort_by_key(|c| std::cmp::Reverse(c.accompagnements.unwrap_or(0)));
        let par_type = [TypeAccompagnement::Individuel, TypeAccompagnement::Collectif]
            .into_iter()
            .map(|t| {
                let totaux = axe(Axe::Type).get(t.as_str()).copied().unwrap_or_default();
                chiffres(t.as_str().to_owned(), t.libelle().to_owned(), totaux)
            })
            .collect();
        let par_canal = Canal::ALL
            .into_iter()
            .map(|c| {
                let totaux = axe(Axe::Canal).get(c.as_str()).copied().unwrap_or_default();
                chiffres(c.as_str().to_owned(), c.libelle().to_owned(), totaux)
            })
            .collect();
        let par_duree = TRANCHES_DE_DUREE
            .iter()
            .map(|(cle, libelle, _)| {
                let totaux = axe(Axe::Duree).get(*cle).copied().unwrap_or_default();
                chiffres((*cle).to_owned(), (*libelle).to_owned(), totaux)
            })
            .collect();
        let par_nom = |axe: Axe, noms: &BTreeMap<String, String>| {
            let mut lignes: Vec<ChiffresActivite> = activite
                .par_axe
                .get(&axe)
                .into_iter()
                .flatten()
                .map(|(cle, totaux)| {
                    let libelle = noms.get(cle).cloned().unwrap_or_else(|| cle.clone());
                    chiffres(cle.clone(), libelle, *totaux)
                })
                .collect();
            lignes.sort_by(|a, b| a.libelle.cmp(&b.libelle));
            lignes
        };
        let par_structure = par_nom(Axe::Structure, &noms.structures);
        let par_epci = par_nom(Axe::Epci, &noms.epcis);
        let par_departement = departements
            .iter()
            .map(|(code, nom)| {
                let totaux = activite.par_departement.get(code).copied().unwrap_or_default();
                chiffres(code.clone(), nom.clone(), totaux)
            })
            .collect();
        let par_mois: Vec<ChiffresActivite> = activite
            .par_mois
            .iter()
            .map(|(mois, totaux)| {
                let libelle = format!(
                    "{} {}",
                    maillage_shared::format::MOIS[usize::try_from(mois % 100 - 1).unwrap_or(0)],
                    mois / 100
                );
                chiffres(mois_iso(*mois), libelle, *totaux)
            })
            .collect();
        Self {
            de: par_mois.first().map(|m| m.cle.clone()).unwrap_or_default(),
            a: par_mois.last().map(|m| m.cle.clone()).unwrap_or_default(),
            total: chiffres("total".to_owned(), "Total".to_owned(), activite.total),
            par_mois,
            par_departement,
            par_theme,
            par_type,
            par_canal,
            par_duree,
            par_structure,
            par_epci,
        }
    }
}

/// A coordinator's team of a territory.
#[derive(SimpleObject, Clone, Debug)]
pub struct EquipeDuTerritoire {
    /// The coordinator post's id.
    pub id: async_graphql::ID,
    /// « Équipe de … », the coordinator's name.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    pub libelle: String,
}

/// One coordinator's team of a territory: its accompaniments over the period and this month's reporting.
#[derive(SimpleObject, Clone, Debug)]
pub struct ActiviteDEquipe {
    /// Its accompaniments (those of former members included), keyed by the coordinator post's id (as
    /// `equipes` and `activite(equipe)` take it), named « Équipe de … ».
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    pub chiffres: ChiffresActivite,
    /// This month's reporting of its conseillers under contract (`cle` and `libelle` as `chiffres`').
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    pub suivi: SuiviComptesRendus,
}

impl ActiviteDEquipe {
    /// The teams as read, figures about fewer than five people withheld.
    pub fn lire(equipes: Vec<ActiviteEquipe>) -> Vec<Self> {
        equipes
            .into_iter()
            .map(|equipe| ActiviteDEquipe {
                suivi: SuiviComptesRendus::de(equipe.id.to_string(), equipe.libelle.clone(), equipe.suivi),
                chiffres: ChiffresActivite::lire(equipe.id.to_string(), equipe.libelle, equipe.totaux, true),
            })
            .collect()
    }
}

/// What the reporting follow-up is grouped by.
#[derive(async_graphql::Enum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupeSuivi {
    #[default]
    Departement,
    /// The conseillers' employers.
    Structure,
    /// The EPCI of the conseillers' communes.
    Epci,
}

/// How many conseillers of a territory report their activity this month.
#[derive(SimpleObject, Clone, Debug)]
pub struct SuiviComptesRendus {
    /// A département's code, or `total`.
    pub cle: String,
    pub libelle: String,
    /// Conseillers whose contract runs today.
    pub sous_contrat: i64,
    /// Of them, those with an accompaniment recorded this month.
    pub actifs_ce_mois: i64,
    /// Of them, those with nothing recorded this month: to relaunch.
    pub sans_compte_rendu: i64,
    /// `actifsCeMois / sousContrat`, from 0 to 1 (0 without conseillers).
    pub taux_completion: f64,
}

impl SuiviComptesRendus {
    fn de(cle: String, libelle: String, suivi: Suivi) -> Self {
        Self {
            cle,
            libelle,
            sous_contrat: suivi.sous_contrat,
            actifs_ce_mois: suivi.actifs_ce_mois,
            sans_compte_rendu: suivi.sous_contrat - suivi.actifs_ce_mois,
            taux_completion: if suivi.sous_contrat == 0 {
                0.0
            } else {
                suivi.actifs_ce_mois as f64 / suivi.sous_contrat as f64
            },
        }
    }

    /// The territory's total first, then each of its groups (key and name, in order).
    pub fn lire(par_code: &BTreeMap<String, Suivi>, departements: &[(String, String)]) -> Vec<Self> {
        let mut total = Suivi::default();
        let mut lignes = Vec::with_capacity(departements.len() + 1);
        for (code, nom) in departements {
            let suivi = par_code.get(code).copied().unwrap_or_default();
            total.sous_contrat += suivi.sous_contrat;
            total.actifs_ce_mois += suivi.actifs_ce_mois;
            lignes.push(Self::de(code.clone(), nom.clone(), suivi));
        }
        lignes.insert(0, Self::de("total".to_owned(), "Total".to_owned(), total));
        lignes
    }
}

/// A conseiller under contract who recorded nothing this month, as the préfecture sees it to relaunch.
#[derive(SimpleObject, Clone, Debug)]
pub struct ConseillerSansCompteRendu {
    #[graphql(directive = autorise::apply("PREFECTURE ANCT".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("PREFECTURE ANCT".into()))]
    pub nom: String,
    pub commune_code: String,
}

/// An employer with conseillers under contract who recorded nothing this month.
#[derive(SimpleObject, Clone, Debug)]
pub struct StructureSansCompteRendu {
    pub id: async_graphql::ID,
    pub nom: String,
    /// Its conseillers of the département whose contract runs.
    pub sous_contrat: i64,
    /// Those of them with nothing recorded this month.
    #[graphql(directive = autorise::apply("PREFECTURE ANCT".into()))]
    pub conseillers: Vec<ConseillerSansCompteRendu>,
}

/// A relaunch sent by a préfecture agent.
#[derive(SimpleObject, Clone, Debug)]
pub struct RelanceComptesRendus {
    pub le: chrono::DateTime<chrono::Utc>,
    #[graphql(directive = autorise::apply("PREFECTURE ANCT".into()))]
    pub auteur: String,
    /// The structure relaunched; `null` for the whole département.
    pub structure: Option<String>,
    /// How many conseillers were relaunched.
    pub personnes: i32,
}
