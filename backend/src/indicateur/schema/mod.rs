//! GraphQL: public coverage indicators by département and EPCI, the coordinators who agreed to appear on the
//! map, the lieux of a département as points, and the agents' dashboards scoped to their territory.

pub mod activite;
pub mod mutation;
pub mod query;
pub mod statistiques;

use async_graphql::{Context, ID, Object, SimpleObject};
use maillage_shared::candidature::{CasDeFigure, StatutCandidature};
use maillage_shared::indicateur::{part, pour_dix_mille};
use maillage_shared::territoire::{CodeDepartement, CodeRegion};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::candidature::acces;
use crate::candidature::entity::candidature;
use crate::candidature::schema::candidature::Candidature;
use crate::compte::entity::utilisateur;
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{caller, today};
use crate::graphql::regles::autorise;
use crate::indicateur::service::{self, Comptes};
use crate::indicateur::tableau;
use crate::poste::entity::coordinateur;
use crate::structure::entity as structure;
use crate::territoire::etendue::Etendue;
use crate::territoire::schema::{Departement, Epci};

/// Filed candidatures of one status.
#[derive(SimpleObject)]
pub struct NombreParStatut {
    pub statut: StatutCandidature,
    pub nombre: i64,
}

/// Filed candidatures of one case.
#[derive(SimpleObject)]
pub struct NombreParCas {
    pub cas: CasDeFigure,
    pub nombre: i64,
}

/// Coverage figures of a territory.
pub struct Indicateurs(pub Comptes);

#[Object]
impl Indicateurs {
    /// Inhabitants (sum of the communes' municipal populations).
    async fn population(&self) -> i64 {
        self.0.population
    }

    /// Coordinators in post whose structure is in the territory.
    async fn coordinateurs(&self) -> i64 {
        self.0.coordinateurs
    }

    /// Conseillers numériques whose contract is running, by the commune of their post.
    async fn conseillers(&self) -> i64 {
        self.0.conseillers
    }

    /// Lieux de médiation numérique.
    async fn lieux(&self) -> i64 {
        self.0.lieux
    }

    /// Filed candidatures (all statuses but draft).
    async fn candidatures(&self) -> i64 {
        self.0.candidatures()
    }

    #[graphql(directive = autorise::apply("public".into()))]
    async fn candidatures_par_statut(&self) -> Vec<NombreParStatut> {
        self.0
            .candidatures_par_statut
            .iter()
            .filter_map(|(statut, nombre)| {
                Some(NombreParStatut {
                    statut: StatutCandidature::parse(statut)?,
                    nombre: *nombre,
                })
            })
            .collect()
    }

    /// Inhabitants of the communes inside the perimeter of a coordinator in post.
    async fn population_couverte(&self) -> i64 {
        self.0.population_couverte
    }

    async fn conseillers_pour_dix_mille(&self) -> f64 {
        pour_dix_mille(self.0.conseillers, self.0.population)
    }

    async fn lieux_pour_dix_mille(&self) -> f64 {
        pour_dix_mille(self.0.lieux, self.0.population)
    }

    /// Share of the population covered by a coordinator, 0 to 1.
    async fn part_population_couverte(&self) -> f64 {
        part(self.0.population_couverte, self.0.population)
    }
}

/// The coverage figures of one département.
pub struct IndicateursDepartement {
    pub departement: Departement,
    pub indicateurs: Indicateurs,
}

#[Object]
impl IndicateursDepartement {
    #[graphql(directive = autorise::apply("public".into()))]
    async fn departement(&self) -> &Departement {
        &self.departement
    }

    #[graphql(flatten)]
    async fn indicateurs(&self) -> &Indicateurs {
        &self.indicateurs
    }
}

pub(super) fn par_departement(
    lignes: Vec<(crate::territoire::entity::departement::Model, Comptes)>,
) -> Vec<IndicateursDepartement> {
    lignes
        .into_iter()
        .map(|(departement, comptes)| IndicateursDepartement {
            departement: departement.into(),
            indicateurs: Indicateurs(comptes),
        })
        .collect()
}

/// A coordinator in post who agreed to appear on the map.
#[derive(SimpleObject, Clone)]
pub struct CoordinateurCarte {
    pub id: ID,
    #[graphql(directive = autorise::apply("public".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("public".into()))]
    pub nom: String,
    pub structure: String,
    /// The structure's département.
    pub departement_code: String,
    /// SIREN of the EPCI of its perimeter (empty for a whole-département perimeter).
    pub epcis: Vec<String>,
    /// Set when the perimeter is a whole département.
    pub perimetre_departement_code: Option<String>,
}

/// Builds the map entries of coordinators in post, keeping those who agreed to appear.
pub(super) async fn coordinateurs_carte(
    db: &DatabaseConnection,
    postes: Vec<(coordinateur::Model, candidature::Model)>,
) -> Result<Vec<CoordinateurCarte>, AppError> {
    let postes: Vec<_> = postes.into_iter().filter(|(c, _)| c.visible_carte).collect();
    let personnes = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(postes.iter().map(|(c, _)| c.utilisateur_id)))
        .all(db)
        .await?;
    let structures = structure::Entity::find()
        .filter(structure::Column::Id.is_in(postes.iter().map(|(_, p)| p.structure_id)))
        .all(db)
        .await?;
    let liens = crate::candidature::entity::candidature_epci::Entity::find()
        .filter(
            crate::candidature::entity::candidature_epci::Column::CandidatureId
                .is_in(postes.iter().map(|(_, p)| p.id)),
        )
        .order_by_asc(crate::candidature::entity::candidature_epci::Column::EpciCode)
        .all(db)
        .await?;
    Ok(postes
        .into_iter()
        .filter_map(|(coordinateur, poste)| {
            let personne = personnes.iter().find(|p| p.id == coordinateur.utilisateur_id)?;
            let structure = structures.iter().find(|s| s.id == poste.structure_id)?;
            Some(CoordinateurCarte {
                id: ID(coordinateur.id.to_string()),
                prenom: personne.prenom.clone(),
                nom: personne.nom.clone(),
                structure: structure.nom.clone(),
                departement_code: poste.departement_code.clone(),
                epcis: liens
                    .iter()
                    .filter(|l| l.candidature_id == poste.id)
                    .map(|l| l.epci_code.clone())
                    .collect(),
                perimetre_departement_code: poste.perimetre_departement_code.clone(),
            })
        })
        .collect())
}

/// One EPCI of a département with its figures, the initiatives covering it and their overlaps.
pub struct IndicateursEpci(service::EpciDuDepartement, Vec<CoordinateurCarte>);

#[Object]
impl IndicateursEpci {
    #[graphql(directive = autorise::apply("public".into()))]
    async fn epci(&self) -> Epci {
        self.0.epci.clone().into()
    }

    /// Inhabitants of the EPCI's communes in this département.
    async fn population(&self) -> i64 {
        self.0.population
    }

    async fn communes(&self) -> i64 {
        self.0.communes
    }

    async fn lieux(&self) -> i64 {
        self.0.lieux
    }

    async fn conseillers(&self) -> i64 {
        self.0.conseillers
    }

    async fn conseillers_pour_dix_mille(&self) -> f64 {
        pour_dix_mille(self.0.conseillers, self.0.population)
    }

    /// Filed, not refused candidatures whose perimeter holds the EPCI.
    async fn nombre_candidatures(&self) -> i64 {
        self.0.candidatures.len() as i64
    }

    /// Coordinators in post whose perimeter holds the EPCI.
    async fn nombre_coordinateurs(&self) -> i64 {
        self.0.coordinateurs.len() as i64
    }

    /// Whether a coordinator in post covers it.
    async fn couvert(&self) -> bool {
        !self.0.coordinateurs.is_empty()
    }

    /// Several candidatures or coordinators on the same EPCI: ANCT favours coordinated initiatives.
    async fn chevauchement(&self) -> bool {
        self.0.chevauchement()
    }

    /// The candidatures covering it that the caller may read (none for an anonymous caller).
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn candidatures(&self, ctx: &Context<'_>) -> Vec<Candidature> {
        let Some(acteur) = caller(ctx).0.as_ref() else {
            return Vec::new();
        };
        self.0
            .candidatures
            .iter()
            .filter(|c| acces::verifier_lecture(acteur, c).is_ok())
            .cloned()
            .map(Candidature::from)
            .collect()
    }

    /// The coordinators covering it who agreed to appear on the map.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn coordinateurs(&self) -> Vec<CoordinateurCarte> {
        self.1.clone()
    }
}

/// An agent's dashboard over its territory.
pub struct TableauDeBord {
    pub libelle: String,
    pub tableau: tableau::Tableau,
    /// The territory's départements, code and name, in order.
    pub departements: Vec<(String, String)>,
    /// The whole country: the statistics read every département's rows without naming them.
    pub nationale: bool,
}

impl TableauDeBord {
    /// The départements whose rollup rows the statistics read: `None` for the whole country (all rows).
    fn codes_lus(&self) -> Option<Vec<String>> {
        (!self.nationale).then(|| self.departements.iter().map(|(code, _)| code.clone()).collect())
    }

    /// The département of a one-département dashboard: what the lists by name need (`quoi` says which).
    fn departement_seul(&self, quoi: &str) -> Result<&str, AppError> {
        match self.departements.as_slice() {
            [(code, _)] if !self.nationale => Ok(code),
            _ => Err(AppError::InvalidInput(format!(
                "Choisissez un département pour voir {quoi}."
            ))),
        }
    }
}

/// The gouvernance of a département of a dashboard, counted.
#[derive(SimpleObject)]
pub struct GouvernanceDuTableau {
    pub departement_code: String,
    pub departement: String,
    pub membres: i64,
    pub co_porteurs: i64,
    pub comites: i64,
    /// The next meeting of its comités, today or later.
    pub prochaine_reunion: Option<chrono::NaiveDate>,
    pub feuilles_de_route: i64,
    /// Structures its préfecture identifies as able to host a coordinator.
    pub structures_d_accueil: i64,
    /// Filed candidatures carried with at least one confirmed co-porteur.
    pub candidatures_coordonnees: i64,
}

#[Object]
impl TableauDeBord {
    /// "France entière", the région's or the département's name.
    async fn libelle(&self) -> &str {
        &self.libelle
    }

    /// The gouvernance of each département of the territory, counted: members and co-porteurs, comités and
    /// the next meeting, feuilles de route, structures identified to host, candidatures carried jointly.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn gouvernances(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GouvernanceDuTableau>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let codes: Vec<String> = self.departements.iter().map(|(code, _)| code.clone()).collect();
        let comptees = crate::indicateur::gouvernances::compter(db, &codes, today())
            .await
            .graphql()?;
        let nombre = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        Ok(comptees
            .into_iter()
            .zip(&self.departements)
            .map(|(g, (_, nom))| GouvernanceDuTableau {
                departement: nom.clone(),
                departement_code: g.departement_code,
                membres: nombre(g.membres),
                co_porteurs: nombre(g.co_porteurs),
                comites: nombre(g.comites),
                prochaine_reunion: g.prochaine_reunion,
                feuilles_de_route: nombre(g.feuilles_de_route),
                structures_d_accueil: nombre(g.structures_d_accueil),
                candidatures_coordonnees: g.candidatures_coordonnees,
            })
            .collect())
    }

    /// The accompaniments recorded by the territory's conseillers from month `de` to month `a` (`AAAA-MM`;
    /// by default the twelve months up to this one, at most 36), by month, département, theme, type, canal,
    /// duration, and for a département by employer and EPCI; figures about fewer than five people are
    /// withheld. With `structure`, only
    /// the accompaniments of that employer's conseillers of the territory (by month, theme, type, canal and
    /// duration).
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn activite(
        &self,
        ctx: &Context<'_>,
        de: Option<String>,
        a: Option<String>,
        structure: Option<ID>,
        #[graphql(desc = "A coordinator post's id (`equipes`): its team's accompaniments.")] equipe: Option<
            ID,
        >,
    ) -> async_graphql::Result<activite::StatistiquesActivite> {
        use crate::indicateur::activite as lecture;
        let db = ctx.data::<DatabaseConnection>()?;
        let periode = lecture::Periode::lire(de.as_deref(), a.as_deref(), today()).graphql()?;
        let zone = self.codes_lus();
        let id = |id: Option<ID>| id.as_ref().map(crate::graphql::context::numeric_id).transpose();
        let filtre = lecture::Filtre::lire(id(structure).graphql()?, id(equipe).graphql()?).graphql()?;
        let (activite, noms) = lecture::activite_du_tableau(db, zone.as_deref(), periode, filtre)
            .await
            .graphql()?;
        Ok(activite::StatistiquesActivite::lire(
            activite,
            &self.departements,
            &noms,
            true,
        ))
    }

    /// Each coordinator's team of the territory, by name: its accompaniments from month `de` to month `a`
    /// (`AAAA-MM`; by default the twelve months up to this one; figures about fewer than five people
    /// withheld) and this month's reporting. A team is the conseillers of its coordinator's perimeter.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn activite_par_equipe(
        &self,
        ctx: &Context<'_>,
        de: Option<String>,
        a: Option<String>,
    ) -> async_graphql::Result<Vec<activite::ActiviteDEquipe>> {
        use crate::indicateur::activite as lecture;
        let db = ctx.data::<DatabaseConnection>()?;
        let periode = lecture::Periode::lire(de.as_deref(), a.as_deref(), today()).graphql()?;
        let zone = self.codes_lus();
        let equipes = lecture::activite_par_equipe(db, zone.as_deref(), periode, today())
            .await
            .graphql()?;
        Ok(activite::ActiviteDEquipe::lire(equipes))
    }

    /// The coordinators' teams of the territory, to filter its activity on (`activite(equipe)`).
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn equipes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<activite::EquipeDuTerritoire>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let zone = self.codes_lus();
        let liste = crate::indicateur::activite::equipes(db, zone.as_deref())
            .await
            .graphql()?;
        Ok(liste
            .into_iter()
            .map(|(id, libelle)| activite::EquipeDuTerritoire {
                id: ID(id.to_string()),
                libelle,
            })
            .collect())
    }

    /// The conseillers under contract this month and those who recorded an accompaniment: the territory's
    /// total first, then each of its départements (`par`, by default), employers or EPCI, by name.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn suivi_des_comptes_rendus(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] par: activite::GroupeSuivi,
    ) -> async_graphql::Result<Vec<activite::SuiviComptesRendus>> {
        use crate::indicateur::activite::{self as lecture, Groupe};
        let db = ctx.data::<DatabaseConnection>()?;
        let zone = self.codes_lus();
        let groupe = match par {
            activite::GroupeSuivi::Departement => Groupe::Departement,
            activite::GroupeSuivi::Structure => Groupe::Structure,
            activite::GroupeSuivi::Epci => Groupe::Epci,
        };
        let suivi = lecture::suivi(db, zone.as_deref(), groupe, today())
            .await
            .graphql()?;
        let groupes: Vec<(String, String)> = match groupe {
            Groupe::Departement => self.departements.clone(),
            Groupe::Structure | Groupe::Epci => {
                let cles = suivi.keys().cloned();
                let noms = if groupe == Groupe::Structure {
                    lecture::noms(db, cles, []).await.graphql()?.structures
                } else {
                    lecture::noms(db, [], cles).await.graphql()?.epcis
                };
                let mut groupes: Vec<(String, String)> = suivi
                    .keys()
                    .map(|cle| (cle.clone(), noms.get(cle).cloned().unwrap_or_else(|| cle.clone())))
                    .collect();
                groupes.sort_by(|a, b| a.1.cmp(&b.1));
                groupes
            }
        };
        Ok(activite::SuiviComptesRendus::lire(&suivi, &groupes))
    }

    /// The employers of the département whose conseillers under contract include some who recorded nothing
    /// this month, with them: whom the préfecture relaunches (`relancerSansCompteRendu`). A département's
    /// dashboard only; the read is in the audit journal.
    #[graphql(directive = autorise::apply("PREFECTURE ANCT".into()))]
    async fn structures_sans_compte_rendu(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<activite::StructureSansCompteRendu>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let code = self
            .departement_seul("ses conseillers sans compte rendu")
            .graphql()?;
        let liste = crate::activite::service::sans_compte_rendu(db, code, today())
            .await
            .graphql()?;
        let acteur = crate::graphql::context::actor(ctx)?;
        crate::journal::consigner_seul(db, &crate::journal::du_champ(ctx, Some(acteur)))
            .await
            .graphql()?;
        Ok(liste
            .into_iter()
            .map(|s| activite::StructureSansCompteRendu {
                id: ID(s.id.to_string()),
                nom: s.nom,
                sous_contrat: i64::try_from(s.sous_contrat).unwrap_or(i64::MAX),
                conseillers: s
                    .sans_compte_rendu
                    .into_iter()
                    .map(|c| activite::ConseillerSansCompteRendu {
                        prenom: c.personne.prenom,
                        nom: c.personne.nom,
                        commune_code: c.commune_code,
                    })
                    .collect(),
            })
            .collect())
    }

    /// The département's latest relaunches (fifty at most), newest first.
    #[graphql(directive = autorise::apply("PREFECTURE ANCT".into()))]
    async fn relances(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<activite::RelanceComptesRendus>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let code = self.departement_seul("ses relances").graphql()?;
        let liste = crate::activite::service::relances(db, code, 50).await.graphql()?;
        Ok(liste
            .into_iter()
            .map(|r| activite::RelanceComptesRendus {
                le: r.le,
                auteur: r.auteur,
                structure: r.structure,
                personnes: r.personnes,
            })
            .collect())
    }

    /// Totals over the territory.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn total(&self) -> Indicateurs {
        Indicateurs(self.tableau.total())
    }

    /// The same figures for each of its départements.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn par_departement(&self) -> Vec<IndicateursDepartement> {
        par_departement(self.tableau.par_departement.clone())
    }

    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn candidatures_par_cas(&self) -> Vec<NombreParCas> {
        self.tableau
            .candidatures_par_cas
            .iter()
            .filter_map(|(cas, nombre)| {
                Some(NombreParCas {
                    cas: CasDeFigure::parse(cas)?,
                    nombre: *nombre,
                })
            })
            .collect()
    }

    /// Filed candidatures waiting for the préfecture's avis.
    async fn avis_attendus(&self) -> i64 {
        self.tableau.avis_attendus
    }

    /// Candidatures still in instruction two months after filing.
    async fn decisions_en_retard(&self) -> i64 {
        self.tableau.decisions_en_retard
    }

    /// Validated posts without a coordinator six months after notification.
    async fn recrutements_en_retard(&self) -> i64 {
        self.tableau.recrutements_en_retard
    }

    /// Sum of the subsidies of the validated candidatures, in euros.
    async fn budget_engage(&self) -> i64 {
        self.tableau.budget_engage
    }

    /// Sum of the conventions paid, in euros.
    async fn budget_verse(&self) -> i64 {
        self.tableau.budget_verse
    }
}

/// Parses the optional territory arguments of the indicator queries.
pub fn etendue(region: Option<String>, departement: Option<String>) -> Result<Etendue, AppError> {
    Ok(match (departement, region) {
        (Some(code), _) => Etendue::Departement(CodeDepartement::parse(&code)?.as_str().to_owned()),
        (None, Some(code)) => Etendue::Region(CodeRegion::parse(&code)?.as_str().to_owned()),
        (None, None) => Etendue::Nationale,
    })
}
