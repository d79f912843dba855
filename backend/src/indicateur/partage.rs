//! The figures a conseiller (its own), a coordinator (its team's) or an employer (its conseillers') reads in
//! « Mes statistiques », and, for the first two, the public link that shows them to elected officials and partners: read-only, aggregate (figures about fewer
//! than five people withheld, no beneficiary ever named), revocable. Only the link's hash is kept: the link
//! is shown once, when it is made, and making a new one revokes the old.

use chrono::{DateTime, Utc};
use maillage_shared::role::Role;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::error::AppError;
use crate::poste::entity::conseiller;

const TABLE: &str = "partage_statistiques";

/// Whose figures: a conseiller's own, or a coordinator's team's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Portee {
    Conseiller,
    Coordinateur,
}

impl Portee {
    fn as_str(self) -> &'static str {
        match self {
            Portee::Conseiller => "CONSEILLER",
            Portee::Coordinateur => "COORDINATEUR",
        }
    }

    fn depuis(texte: &str) -> Option<Self> {
        [Portee::Conseiller, Portee::Coordinateur]
            .into_iter()
            .find(|p| p.as_str() == texte)
    }

    /// The scope of the caller's active role: CONSEILLER or COORDINATEUR, refused otherwise.
    pub fn de(acteur: &Acteur) -> Result<Self, AppError> {
        match acteur.role()?.role {
            Role::Conseiller => Ok(Portee::Conseiller),
            Role::Coordinateur => Ok(Portee::Coordinateur),
            _ => Err(AppError::Interdit(
                "Les statistiques personnelles sont celles d’un conseiller ou d’un coordinateur.".to_owned(),
            )),
        }
    }
}

/// Whose figures a page shows: the conseillers counted and how the page is titled.
#[derive(Debug, Clone)]
pub struct Perimetre {
    pub conseillers: Vec<i64>,
    pub titre: String,
}

/// Whose figures the caller's « Mes statistiques » shows, by its active role: a conseiller's own, a
/// coordinator's team's, or the conseillers a structure employs (every figure shown: the employer, like the
/// coordinator, is who the small-figure rule does not hide them from). `SANS_POSTE` when there is no one.
pub async fn perimetre_de(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Perimetre, AppError> {
    let role = acteur.role()?;
    if role.role != Role::Structure {
        return perimetre(db, acteur.utilisateur_id, Portee::de(acteur)?).await;
    }
    let structure_id = role
        .structure_id
        .ok_or_else(|| AppError::Interdit("Aucune structure n’est rattachée à ce rôle.".to_owned()))?;
    let structure = crate::structure::entity::Entity::find_by_id(structure_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Cette structure n’existe plus.".to_owned()))?;
    let conseillers = super::activite::conseillers_de_la_structure(db, structure_id, None).await?;
    if conseillers.is_empty() {
        return Err(AppError::SansPoste(
            "Votre structure n’emploie aucun conseiller numérique : il n’y a pas encore d’activité à afficher."
                .to_owned(),
        ));
    }
    Ok(Perimetre {
        conseillers,
        titre: format!("Activité des conseillers numériques de {}", structure.nom),
    })
}

/// The conseillers whose activity person `utilisateur_id` reads under `portee`: itself, or the team of its
/// coordinator post (former members too: their accompaniments stay in the team's figures). `SANS_POSTE`
/// without the post.
pub async fn perimetre(
    db: &impl ConnectionTrait,
    utilisateur_id: i64,
    portee: Portee,
) -> Result<Perimetre, AppError> {
    let personne = utilisateur::Entity::find_by_id(utilisateur_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Ce compte n’existe plus.".to_owned()))?;
    let nom = format!("{} {}", personne.prenom, personne.nom);
    match portee {
        Portee::Conseiller => {
            let postes: Vec<i64> = conseiller::Entity::find()
                .filter(conseiller::Column::UtilisateurId.eq(utilisateur_id))
                .all(db)
                .await?
                .into_iter()
                .map(|c| c.id)
                .collect();
            if postes.is_empty() {
                return Err(AppError::SansPoste(
                    "Aucun poste de conseiller numérique n’est rattaché à ce compte.".to_owned(),
                ));
            }
            Ok(Perimetre {
                conseillers: postes,
                titre: format!("Activité de {nom}, conseiller numérique"),
            })
        }
        Portee::Coordinateur => {
            let (_, validee) = crate::poste::perimetre::poste_en_cours(db, utilisateur_id)
                .await?
                .ok_or_else(|| {
                    AppError::SansPoste(
                        "Aucun poste de coordinateur en cours n’est rattaché à ce compte.".to_owned(),
                    )
                })?;
            let conseillers = crate::equipe::membres::conseillers_du_perimetre(db, &validee).await?;
            Ok(Perimetre {
                conseillers: conseillers.into_iter().map(|c| c.id).collect(),
                titre: format!("Activité de l’équipe coordonnée par {nom}"),
            })
        }
    }
}

/// The caller's link in force, if any: since when.
pub async fn partage_en_cours(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let portee = Portee::de(acteur)?;
    let select = Query::select()
        .column(Alias::new("cree_le"))
        .from(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("utilisateur_id")).eq(acteur.utilisateur_id))
        .and_where(Expr::col(Alias::new("portee")).eq(portee.as_str()))
        .and_where(Expr::col(Alias::new("revoque_le")).is_null())
        .to_owned();
    Ok(match db.query_one(&select).await? {
        Some(ligne) => Some(ligne.try_get("", "cree_le")?),
        None => None,
    })
}

/// Revokes the caller's links of its active role's scope; returns how many were in force.
pub async fn revoquer(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<u64, AppError> {
    let portee = Portee::de(acteur)?;
    let update = Query::update()
        .table(Alias::new(TABLE))
        .value(Alias::new("revoque_le"), Utc::now())
        .and_where(Expr::col(Alias::new("utilisateur_id")).eq(acteur.utilisateur_id))
        .and_where(Expr::col(Alias::new("portee")).eq(portee.as_str()))
        .and_where(Expr::col(Alias::new("revoque_le")).is_null())
        .to_owned();
    Ok(db.execute(&update).await?.rows_affected())
}

/// Makes a new public link to the caller's figures (revoking the one in force); returns its secret, which
/// only the link carries.
pub async fn partager(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<String, AppError> {
    let portee = Portee::de(acteur)?;
    // Refused without the post, before anything is written.
    perimetre(db, acteur.utilisateur_id, portee).await?;
    revoquer(db, acteur).await?;
    let jeton = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let insert = Query::insert()
        .into_table(Alias::new(TABLE))
        .columns(["utilisateur_id", "portee", "jeton_hash", "cree_le"].map(Alias::new))
        .values_panic([
            Expr::value(acteur.utilisateur_id),
            Expr::value(portee.as_str()),
            Expr::value(crate::compte::service::empreinte(&jeton)),
            Expr::value(Utc::now()),
        ])
        .to_owned();
    db.execute(&insert).await?;
    Ok(jeton)
}

/// Whose figures link `jeton` shows; `NOT_FOUND` when it is unknown or revoked, or its author no longer
/// holds the post.
pub async fn ouvrir(db: &impl ConnectionTrait, jeton: &str) -> Result<Perimetre, AppError> {
    let introuvable = || {
        AppError::Introuvable(
            "Ce lien de partage n’existe pas ou a été révoqué par la personne qui l’avait créé.".to_owned(),
        )
    };
    let select = Query::select()
        .columns(["utilisateur_id", "portee"].map(Alias::new))
        .from(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("jeton_hash")).eq(crate::compte::service::empreinte(jeton.trim())))
        .and_where(Expr::col(Alias::new("revoque_le")).is_null())
        .to_owned();
    let ligne = db.query_one(&select).await?.ok_or_else(introuvable)?;
    let utilisateur_id: i64 = ligne.try_get("", "utilisateur_id")?;
    let portee: String = ligne.try_get("", "portee")?;
    let portee = Portee::depuis(&portee).ok_or_else(introuvable)?;
    match perimetre(db, utilisateur_id, portee).await {
        Err(AppError::SansPoste(_)) => Err(introuvable()),
        autre => autre,
    }
}
