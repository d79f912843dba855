//! The coordinator's team as it is today and as it was: conseillers under contract in the perimeter and
//! médiateurs who accepted, with their last activity, and the history of arrivals and departures.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use maillage_shared::equipe::{self as regles, OrigineMembre, StatutInvitation};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entity::invitation;
use crate::candidature::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::error::AppError;
use crate::poste::entity::conseiller;
use crate::poste::perimetre::{communes_du_perimetre, mon_poste};

/// A member of the team, conseiller numérique or médiateur.
#[derive(Debug, Clone)]
pub struct Membre {
    pub origine: OrigineMembre,
    pub personne: utilisateur::Model,
    pub conseiller_id: Option<i64>,
    pub invitation_id: Option<i64>,
    pub commune_code: Option<String>,
    /// Name of the structure that employs them.
    pub structure: String,
    pub contrat_debut: Option<NaiveDate>,
    pub contrat_fin: Option<NaiveDate>,
    /// Start of contract (conseiller) or acceptance of the invitation (médiateur).
    pub arrive_le: Option<NaiveDate>,
    pub derniere_activite: Option<NaiveDate>,
    /// What a conseiller declared of its training (médiateurs: none, the programme does not train them).
    pub formation: Option<maillage_shared::formation::Formation>,
}

/// The conseillers numériques whose post is in the perimeter of a validated candidature, former ones
/// included (their past activity stays in the figures).
pub async fn conseillers_du_perimetre(
    db: &impl ConnectionTrait,
    validee: &candidature::Model,
) -> Result<Vec<conseiller::Model>, AppError> {
    let communes: Vec<String> = communes_du_perimetre(db, validee)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let mut conseillers = Vec::new();
    for paquet in communes.chunks(1000) {
        conseillers.extend(
            conseiller::Entity::find()
                .filter(conseiller::Column::CommuneCode.is_in(paquet.to_vec()))
                .all(db)
                .await?,
        );
    }
    Ok(conseillers)
}

/// The calling coordinator's team today: the conseillers of its perimeter under contract and the médiateurs
/// who accepted its invitation and have not left, each person once, by name.
pub async fn equipe(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<Vec<Membre>, AppError> {
    let (poste, validee) = mon_poste(db, acteur).await?;
    let conseillers: Vec<conseiller::Model> = conseillers_du_perimetre(db, &validee)
        .await?
        .into_iter()
        .filter(|c| regles::sous_contrat(c.contrat_fin, aujourd_hui))
        .collect();
    let mediateurs = invitation::Entity::find()
        .filter(invitation::Column::CoordinateurId.eq(poste.id))
        .filter(invitation::Column::Statut.eq(StatutInvitation::Acceptee.as_str()))
        .all(db)
        .await?;
    let ids_personnes = conseillers
        .iter()
        .map(|c| c.utilisateur_id)
        .chain(mediateurs.iter().filter_map(|m| m.utilisateur_id));
    let personnes: BTreeMap<i64, utilisateur::Model> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids_personnes))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let structures = crate::structure::service::noms(db, conseillers.iter().map(|c| c.structure_id)).await?;
    let dernieres = dernieres_activites(db, conseillers.iter().map(|c| c.id)).await?;
    let mut formations = crate::formation::service::de(
        db,
        &conseillers.iter().map(|c| c.utilisateur_id).collect::<Vec<_>>(),
    )
    .await?;
    let mut deja = BTreeSet::new();
    let mut membres = Vec::new();
    for c in conseillers {
        let Some(personne) = personnes.get(&c.utilisateur_id) else {
            continue;
        };
        // A person with two posts in the perimeter appears once.
        if !deja.insert(personne.id) {
            continue;
        }
        membres.push(Membre {
            origine: OrigineMembre::Conseiller,
            personne: personne.clone(),
            conseiller_id: Some(c.id),
            invitation_id: None,
            commune_code: Some(c.commune_code.clone()),
            structure: structures.get(&c.structure_id).cloned().unwrap_or_default(),
            contrat_debut: c.contrat_debut,
            contrat_fin: c.contrat_fin,
            arrive_le: c.contrat_debut,
            derniere_activite: dernieres.get(&c.id).copied(),
            formation: formations.remove(&personne.id),
        });
    }
    for m in mediateurs {
        let Some(personne) = m.utilisateur_id.and_then(|id| personnes.get(&id)) else {
            continue;
        };
        // A médiateur who has since become a conseiller of the perimeter is listed as a conseiller.
        if !deja.insert(personne.id) {
            continue;
        }
        membres.push(Membre {
            origine: OrigineMembre::Mediateur,
            personne: personne.clone(),
            conseiller_id: None,
            invitation_id: Some(m.id),
            commune_code: m.commune_code,
            structure: m.structure,
            contrat_debut: None,
            contrat_fin: None,
            arrive_le: m.arrive_le,
            derniere_activite: None,
            formation: None,
        });
    }
    membres.sort_by(|a, b| {
        (a.personne.nom.as_str(), a.personne.prenom.as_str())
            .cmp(&(b.personne.nom.as_str(), b.personne.prenom.as_str()))
    });
    Ok(membres)
}

/// The date of each conseiller's latest accompaniment.
async fn dernieres_activites(
    db: &impl ConnectionTrait,
    conseillers: impl IntoIterator<Item = i64>,
) -> Result<BTreeMap<i64, NaiveDate>, AppError> {
    let mut dernieres = Query::select();
    dernieres
        .from(Alias::new("activite"))
        .column(Alias::new("conseiller_id"))
        .expr_as(Func::max(Expr::col(Alias::new("date"))), Alias::new("derniere"))
        .and_where(Expr::col(Alias::new("conseiller_id")).is_in(conseillers))
        .group_by_col(Alias::new("conseiller_id"));
    let mut par_conseiller = BTreeMap::new();
    for ligne in db.query_all(&dernieres).await? {
        let id: i64 = ligne.try_get("", "conseiller_id")?;
        if let Ok(date) = ligne.try_get::<NaiveDate>("", "derniere") {
            par_conseiller.insert(id, date);
        }
    }
    Ok(par_conseiller)
}

/// An arrival in or a departure from the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mouvement {
    pub date: NaiveDate,
    /// "Prénom Nom".
    pub personne: String,
    pub origine: OrigineMembre,
    pub arrivee: bool,
    /// Why a médiateur left (empty otherwise).
    pub motif: String,
}

/// The team's history up to today, latest first: contracts that started and ended in the perimeter,
/// médiateurs who joined and left.
pub async fn historique(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<Vec<Mouvement>, AppError> {
    let (poste, validee) = mon_poste(db, acteur).await?;
    let conseillers = conseillers_du_perimetre(db, &validee).await?;
    let mediateurs = invitation::Entity::find()
        .filter(invitation::Column::CoordinateurId.eq(poste.id))
        .filter(invitation::Column::ArriveLe.is_not_null())
        .all(db)
        .await?;
    let noms: BTreeMap<i64, String> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(conseillers.iter().map(|c| c.utilisateur_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} {}", p.prenom, p.nom)))
        .collect();
    let mut mouvements = Vec::new();
    for c in &conseillers {
        let personne = noms.get(&c.utilisateur_id).cloned().unwrap_or_default();
        let mut ajouter = |date: Option<NaiveDate>, arrivee: bool| {
            if let Some(date) = date.filter(|d| *d <= aujourd_hui) {
                mouvements.push(Mouvement {
                    date,
                    personne: personne.clone(),
                    origine: OrigineMembre::Conseiller,
                    arrivee,
                    motif: String::new(),
                });
            }
        };
        ajouter(c.contrat_debut, true);
        // The contract's last day is still in the team: the departure is the day after.
        ajouter(c.contrat_fin.and_then(|f| f.succ_opt()), false);
    }
    for m in &mediateurs {
        let personne = format!("{} {}", m.prenom, m.nom);
        if let Some(date) = m.arrive_le {
            mouvements.push(Mouvement {
                date,
                personne: personne.clone(),
                origine: OrigineMembre::Mediateur,
                arrivee: true,
                motif: String::new(),
            });
        }
        if let Some(date) = m.parti_le {
            mouvements.push(Mouvement {
                date,
                personne,
                origine: OrigineMembre::Mediateur,
                arrivee: false,
                motif: m.motif_depart.clone(),
            });
        }
    }
    mouvements.sort_by(|a, b| (b.date, b.arrivee, &a.personne).cmp(&(a.date, a.arrivee, &b.personne)));
    Ok(mouvements)
}
