//! What a dashboard says of the gouvernances of its départements: how many members and co-porteurs, comités
//! and the next meeting, feuilles de route, structures identified to host, and candidatures carried jointly
//! (filed, drafts excepted) — in four statements whatever the number of départements.

use std::collections::HashMap;

use chrono::NaiveDate;
use maillage_shared::candidature::StatutCandidature;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::gouvernance::entity::structure_d_accueil;

/// The gouvernance of a département, as a dashboard counts it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GouvernanceComptee {
    pub departement_code: String,
    pub membres: usize,
    pub co_porteurs: usize,
    pub comites: usize,
    /// The next meeting of its comités, today or later.
    pub prochaine_reunion: Option<NaiveDate>,
    pub feuilles_de_route: usize,
    pub structures_d_accueil: usize,
    /// Candidatures of the département with at least one confirmed co-porteur, filed.
    pub candidatures_coordonnees: i64,
}

/// The gouvernances of these départements, in their order.
pub async fn compter(
    db: &impl ConnectionTrait,
    departements: &[String],
    aujourd_hui: NaiveDate,
) -> Result<Vec<GouvernanceComptee>, AppError> {
    let lues = crate::gouvernance::service::lire(db, Some(departements)).await?;
    let mut accueil: HashMap<String, usize> = HashMap::new();
    for ligne in structure_d_accueil::Entity::find()
        .filter(structure_d_accueil::Column::DepartementCode.is_in(departements.iter().cloned()))
        .all(db)
        .await?
    {
        *accueil.entry(ligne.departement_code).or_default() += 1;
    }
    let mut communes = Query::select();
    communes
        .from(Alias::new("candidature"))
        .column((Alias::new("candidature"), Alias::new("departement_code")))
        .expr_as(
            Func::count_distinct(Expr::col((Alias::new("candidature"), Alias::new("id")))),
            Alias::new("n"),
        )
        .inner_join(
            Alias::new("coporteur_candidature"),
            Expr::col((Alias::new("coporteur_candidature"), Alias::new("candidature_id")))
                .equals((Alias::new("candidature"), Alias::new("id"))),
        )
        .and_where(Expr::col((Alias::new("coporteur_candidature"), Alias::new("confirmee_le"))).is_not_null())
        .and_where(
            Expr::col((Alias::new("candidature"), Alias::new("statut")))
                .ne(StatutCandidature::Brouillon.as_str()),
        )
        .and_where(
            Expr::col((Alias::new("candidature"), Alias::new("departement_code")))
                .is_in(departements.iter().cloned()),
        )
        .group_by_col((Alias::new("candidature"), Alias::new("departement_code")));
    let mut coordonnees: HashMap<String, i64> = HashMap::new();
    for ligne in db.query_all(&communes).await? {
        coordonnees.insert(ligne.try_get("", "departement_code")?, ligne.try_get("", "n")?);
    }
    let mut par_code: HashMap<String, GouvernanceComptee> = lues
        .into_iter()
        .map(|g| {
            let compte = GouvernanceComptee {
                departement_code: g.departement_code.clone(),
                membres: g.membres.len(),
                co_porteurs: g.membres.iter().filter(|m| m.co_porteur).count(),
                comites: g.comites.len(),
                prochaine_reunion: g
                    .comites
                    .iter()
                    .filter_map(|c| c.prochaine_reunion)
                    .filter(|jour| *jour >= aujourd_hui)
                    .min(),
                feuilles_de_route: g.feuilles.len(),
                structures_d_accueil: accueil.get(&g.departement_code).copied().unwrap_or_default(),
                candidatures_coordonnees: coordonnees.get(&g.departement_code).copied().unwrap_or_default(),
            };
            (g.departement_code, compte)
        })
        .collect();
    Ok(departements
        .iter()
        .map(|code| {
            par_code.remove(code).unwrap_or_else(|| GouvernanceComptee {
                departement_code: code.clone(),
                ..GouvernanceComptee::default()
            })
        })
        .collect())
}
