//! GraphQL: public coverage indicators by département and EPCI, the coordinators who agreed to appear on the
//! map, the lieux of a département as points, and the agents' dashboards scoped to their territory.

use async_graphql::{Context, ID, Object, SimpleObject};
use maillage_shared::candidature::{CasDeFigure, StatutCandidature};
use maillage_shared::indicateur::{part, pour_dix_mille};
use maillage_shared::role::Role;
use maillage_shared::territoire::{CodeDepartement, CodeRegion};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::service::{self, Comptes};
use super::tableau;
use crate::candidature::acces;
use crate::candidature::entity::candidature;
use crate::candidature::schema::Candidature;
use crate::compte::entity::utilisateur;
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, caller, today};
use crate::lieu::service::PointLieu;
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
    async fn departement(&self) -> &Departement {
        &self.departement
    }

    #[graphql(flatten)]
    async fn indicateurs(&self) -> &Indicateurs {
        &self.indicateurs
    }
}

fn par_departement(
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
    pub prenom: String,
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
async fn coordinateurs_carte(
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
    async fn coordinateurs(&self) -> Vec<CoordinateurCarte> {
        self.1.clone()
    }
}

/// An agent's dashboard over its territory.
pub struct TableauDeBord {
    libelle: String,
    tableau: tableau::Tableau,
}

#[Object]
impl TableauDeBord {
    /// "France entière", the région's or the département's name.
    async fn libelle(&self) -> &str {
        &self.libelle
    }

    /// Totals over the territory.
    async fn total(&self) -> Indicateurs {
        Indicateurs(self.tableau.total())
    }

    /// The same figures for each of its départements.
    async fn par_departement(&self) -> Vec<IndicateursDepartement> {
        par_departement(self.tableau.par_departement.clone())
    }

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

/// Indicator queries.
#[derive(Default)]
pub struct IndicateurQuery;

#[Object]
impl IndicateurQuery {
    /// Open data: one entry per programme département (or those of a région), in code order. No login.
    async fn indicateurs_departements(
        &self,
        ctx: &Context<'_>,
        region: Option<String>,
    ) -> async_graphql::Result<Vec<IndicateursDepartement>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let etendue = etendue(region, None).graphql()?;
        let lignes = super::cumul::par_departement(db, &etendue, today())
            .await
            .graphql()?;
        Ok(par_departement(lignes))
    }

    /// Open data: every EPCI of a département with its figures and overlaps. No login; the candidatures
    /// themselves are listed only to agents allowed to read them.
    #[graphql(complexity = "100 * child_complexity")]
    async fn indicateurs_epci(
        &self,
        ctx: &Context<'_>,
        departement: String,
    ) -> async_graphql::Result<Vec<IndicateursEpci>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let code = CodeDepartement::parse(&departement).graphql()?;
        let lignes = service::epcis_du_departement(db, code.as_str(), today())
            .await
            .graphql()?;
        // The map entries of every coordinator of the département at once, not one lookup per EPCI.
        let mut carte = Vec::new();
        if ctx.look_ahead().field("coordinateurs").exists() {
            let mut postes: Vec<(coordinateur::Model, candidature::Model)> = Vec::new();
            for ligne in &lignes {
                for c in &ligne.coordinateurs {
                    if !postes.iter().any(|(p, _)| p.id == c.coordinateur.id) {
                        postes.push((c.coordinateur.clone(), c.candidature.clone()));
                    }
                }
            }
            carte = coordinateurs_carte(db, postes).await.graphql()?;
        }
        Ok(lignes
            .into_iter()
            .map(|ligne| {
                let ids: Vec<String> = ligne
                    .coordinateurs
                    .iter()
                    .map(|c| c.coordinateur.id.to_string())
                    .collect();
                let siens = carte
                    .iter()
                    .filter(|c| ids.iter().any(|id| id.as_str() == c.id.as_str()))
                    .cloned()
                    .collect();
                IndicateursEpci(ligne, siens)
            })
            .collect())
    }

    /// Open data: the coordinators in post who agreed to appear on the map, optionally of one département.
    #[graphql(complexity = "100 * child_complexity")]
    async fn coordinateurs_carte(
        &self,
        ctx: &Context<'_>,
        departement: Option<String>,
    ) -> async_graphql::Result<Vec<CoordinateurCarte>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let departement = departement
            .map(|code| CodeDepartement::parse(&code))
            .transpose()
            .graphql()?;
        // For one département, its validated candidatures first (a few rows by index), then their posts.
        let mut postes_valides = candidature::Entity::find()
            .filter(candidature::Column::Statut.eq(StatutCandidature::Validee.as_str()));
        if let Some(code) = &departement {
            postes_valides = postes_valides.filter(candidature::Column::DepartementCode.eq(code.as_str()));
        }
        let postes_valides = postes_valides.all(db).await.map_err(AppError::from).graphql()?;
        let en_poste = coordinateur::Entity::find()
            .filter(coordinateur::Column::PartiLe.is_null())
            .filter(coordinateur::Column::VisibleCarte.eq(true))
            .filter(coordinateur::Column::CandidatureId.is_in(postes_valides.iter().map(|c| c.id)))
            .order_by_asc(coordinateur::Column::Id)
            .all(db)
            .await
            .map_err(AppError::from)
            .graphql()?;
        let postes = en_poste
            .into_iter()
            .filter_map(|c| {
                let poste = postes_valides.iter().find(|p| p.id == c.candidature_id)?.clone();
                Some((c, poste))
            })
            .collect();
        coordinateurs_carte(db, postes).await.graphql()
    }

    /// Open data: every lieu de médiation numérique of a département as a point (coordinates as published).
    #[graphql(complexity = "100 * child_complexity")]
    async fn points_lieux(
        &self,
        ctx: &Context<'_>,
        departement: String,
    ) -> async_graphql::Result<Vec<PointLieu>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let code = CodeDepartement::parse(&departement).graphql()?;
        crate::lieu::service::points(db, code.as_str()).await.graphql()
    }

    /// Whether the calling coordinator appears on the public map (role COORDINATEUR).
    async fn visible_sur_la_carte(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        acteur.exiger(Role::Coordinateur).graphql()?;
        let poste = coordinateur::Entity::find()
            .filter(coordinateur::Column::UtilisateurId.eq(acteur.utilisateur_id))
            .filter(coordinateur::Column::PartiLe.is_null())
            .one(db)
            .await
            .map_err(AppError::from)
            .graphql()?
            .ok_or_else(|| {
                AppError::Interdit(
                    "Aucun poste de coordinateur en cours n’est rattaché à votre compte.".to_owned(),
                )
                .into_graphql()
            })?;
        Ok(poste.visible_carte)
    }

    /// The dashboard of the caller's territory: its département for a préfecture, its région for a SGAR or
    /// a hub (or one of its départements), France or any région or département for ANCT.
    async fn tableau_de_bord(
        &self,
        ctx: &Context<'_>,
        region: Option<String>,
        departement: Option<String>,
    ) -> async_graphql::Result<TableauDeBord> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let demandee = etendue(region, departement).graphql()?;
        let (region, departement) = match demandee {
            Etendue::Nationale => (None, None),
            Etendue::Region(r) => (Some(r), None),
            Etendue::Departement(d) => (None, Some(d)),
        };
        let etendue = tableau::zone_du_tableau(acteur, region, departement).graphql()?;
        let departements = crate::territoire::etendue::departements_de(db, &etendue)
            .await
            .graphql()?;
        if let Etendue::Departement(code) = &etendue {
            let Some(d) = departements.first() else {
                return Err(AppError::Introuvable(format!("Département {code} inconnu.")).into_graphql());
            };
            // A SGAR or hub may open one of its région's départements, not another région's.
            let role = acteur.role().graphql()?;
            if matches!(role.role, Role::Sgar | Role::Hub)
                && role.region_code.as_deref() != Some(&d.region_code)
            {
                return Err(
                    AppError::Interdit("Ce territoire n’est pas dans votre périmètre.".to_owned())
                        .into_graphql(),
                );
            }
        }
        let libelle = match &etendue {
            Etendue::Nationale => "France entière".to_owned(),
            Etendue::Departement(_) => departements.first().map(|d| d.nom.clone()).unwrap_or_default(),
            Etendue::Region(code) => crate::territoire::entity::region::Entity::find_by_id(code.clone())
                .one(db)
                .await
                .map_err(AppError::from)
                .graphql()?
                .map(|r| r.nom)
                .ok_or_else(|| AppError::Introuvable(format!("Région {code} inconnue.")).into_graphql())?,
        };
        let tableau = tableau::tableau(db, &etendue, today()).await.graphql()?;
        Ok(TableauDeBord { libelle, tableau })
    }
}

/// Indicator mutations.
#[derive(Default)]
pub struct IndicateurMutation;

#[Object]
impl IndicateurMutation {
    /// The coordinator shows or hides itself on the public map; returns the new setting.
    async fn afficher_sur_la_carte(&self, ctx: &Context<'_>, visible: bool) -> async_graphql::Result<bool> {
        crate::graphql::context::in_transaction(ctx, async |txn, acteur| {
            acteur.exiger(Role::Coordinateur)?;
            let modifies = coordinateur::Entity::update_many()
                .col_expr(
                    coordinateur::Column::VisibleCarte,
                    sea_orm::sea_query::Expr::value(visible),
                )
                .filter(coordinateur::Column::UtilisateurId.eq(acteur.utilisateur_id))
                .filter(coordinateur::Column::PartiLe.is_null())
                .exec(txn)
                .await?;
            if modifies.rows_affected == 0 {
                return Err(AppError::Interdit(
                    "Aucun poste de coordinateur en cours n’est rattaché à votre compte.".to_owned(),
                ));
            }
            Ok(visible)
        })
        .await
    }
}
