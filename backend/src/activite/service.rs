//! Recording accompaniments, and the coordinator's view of its team's activity.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Utc};
use maillage_shared::activite::{Canal, TypeAccompagnement, verifier};
use maillage_shared::role::Role;
use maillage_shared::territoire::CodeCommune;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::cumul::{self, Axe, Compte, Cumuls, Totals};
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::error::AppError;
use crate::notification::service as notification;
use crate::poste::entity::conseiller;
use crate::poste::perimetre::mon_poste;

/// An accompaniment as a conseiller records it.
#[derive(Debug, Clone)]
pub struct Accompagnement {
    pub date: NaiveDate,
    pub type_accompagnement: TypeAccompagnement,
    pub canal: Canal,
    pub themes: Vec<String>,
    pub duree_minutes: i32,
    pub participants: i32,
    pub commune_code: Option<String>,
}

/// Checks an accompaniment against the rules (themes, duration, participants, a date within the past year,
/// a well-formed commune code); returns the commune code normalised.
pub fn valider(accompagnement: &Accompagnement, aujourd_hui: NaiveDate) -> Result<Option<String>, AppError> {
    let themes: Vec<&str> = accompagnement.themes.iter().map(String::as_str).collect();
    let mut problemes = verifier(
        accompagnement.type_accompagnement,
        &themes,
        accompagnement.duree_minutes,
        accompagnement.participants,
    );
    if accompagnement.date > aujourd_hui || accompagnement.date < aujourd_hui - chrono::Days::new(366) {
        problemes.push("la date doit être dans l’année écoulée, et pas dans le futur".to_owned());
    }
    if !problemes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Accompagnement refusé : {}.",
            problemes.join(" ; ")
        )));
    }
    Ok(match &accompagnement.commune_code {
        Some(code) => Some(CodeCommune::parse(code)?.as_str().to_owned()),
        None => None,
    })
}

/// The calling conseiller's post (role CONSEILLER).
async fn mon_poste_de_conseiller(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<conseiller::Model, AppError> {
    acteur.exiger(Role::Conseiller)?;
    conseiller::Entity::find()
        .filter(conseiller::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::SansPoste(
                "Aucun poste de conseiller numérique n’est rattaché à votre compte.".to_owned(),
            )
        })
}

/// Records one accompaniment of the calling conseiller; returns its id.
pub async fn enregistrer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    accompagnement: &Accompagnement,
    aujourd_hui: NaiveDate,
) -> Result<i64, AppError> {
    let moi = mon_poste_de_conseiller(db, acteur).await?;
    let commune = valider(accompagnement, aujourd_hui)?;
    let departement = departement_du_conseiller(db, &moi).await?;
    ecrire(db, &moi, departement.as_deref(), accompagnement, commune).await
}

/// The département of the conseiller's commune, which its accompaniments count for.
async fn departement_du_conseiller(
    db: &impl ConnectionTrait,
    moi: &conseiller::Model,
) -> Result<Option<String>, AppError> {
    Ok(
        crate::territoire::entity::commune::Entity::find_by_id(moi.commune_code.clone())
            .one(db)
            .await?
            .map(|commune| commune.departement_code),
    )
}

/// Records accompaniments already checked by [`valider`] (with their normalised commune) for the calling
/// conseiller; returns how many.
pub async fn enregistrer_valides(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    accompagnements: Vec<(Accompagnement, Option<String>)>,
) -> Result<usize, AppError> {
    let moi = mon_poste_de_conseiller(db, acteur).await?;
    let departement = departement_du_conseiller(db, &moi).await?;
    let nombre = accompagnements.len();
    for (accompagnement, commune) in accompagnements {
        ecrire(db, &moi, departement.as_deref(), &accompagnement, commune).await?;
    }
    Ok(nombre)
}

/// Inserts one accompaniment and adds it to the monthly rollups.
async fn ecrire(
    db: &impl ConnectionTrait,
    moi: &conseiller::Model,
    departement: Option<&str>,
    accompagnement: &Accompagnement,
    commune: Option<String>,
) -> Result<i64, AppError> {
    let themes: Vec<&str> = accompagnement.themes.iter().map(String::as_str).collect();
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new("activite"))
        .columns(
            [
                "conseiller_id",
                "date",
                "type",
                "canal",
                "themes",
                "duree_minutes",
                "participants",
                "commune_code",
                "cree_le",
            ]
            .map(Alias::new),
        )
        .values_panic([
            Expr::value(moi.id),
            Expr::value(accompagnement.date),
            Expr::value(accompagnement.type_accompagnement.as_str()),
            Expr::value(accompagnement.canal.as_str()),
            Expr::value(themes.join("|")),
            Expr::value(accompagnement.duree_minutes),
            Expr::value(accompagnement.participants),
            Expr::value(commune.clone()),
            Expr::value(Utc::now()),
        ])
        .returning_col(Alias::new("id"));
    let ligne = db
        .query_one(&insert)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("insertion d’activité sans identifiant")))?;
    let mut cumul = Cumuls::default();
    cumul.compter(&Compte {
        conseiller_id: moi.id,
        departement,
        date: accompagnement.date,
        type_accompagnement: accompagnement.type_accompagnement.as_str(),
        canal: accompagnement.canal.as_str(),
        themes: &themes.join("|"),
        commune: commune.as_deref(),
        participants: i64::from(accompagnement.participants),
        minutes: i64::from(accompagnement.duree_minutes),
    });
    cumul.ajouter_a(db).await?;
    Ok(ligne.try_get("", "id")?)
}

/// The team's activity of a year, grouped four ways.
#[derive(Debug, Clone, Default)]
pub struct Agregats {
    pub par_conseiller: BTreeMap<i64, Totals>,
    pub par_mois: BTreeMap<u32, Totals>,
    pub par_theme: BTreeMap<String, Totals>,
    pub par_commune: BTreeMap<String, Totals>,
    /// Share of the team with at least one accompaniment this month (0 to 1).
    pub taux_completion_mois: f64,
}

/// Aggregates of the team's accompaniments of `annee`: by conseiller, month, theme and commune, read from
/// the monthly rollup (a few rows per conseiller and month, whatever the number of accompaniments).
pub async fn agregats(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    annee: i32,
    aujourd_hui: NaiveDate,
) -> Result<Agregats, AppError> {
    let (_, validee) = mon_poste(db, acteur).await?;
    // Former members too: their accompaniments of the year stay in the team's figures.
    let conseillers = crate::equipe::membres::conseillers_du_perimetre(db, &validee).await?;
    let ids: Vec<i64> = conseillers.iter().map(|c| c.id).collect();
    let en_poste: std::collections::BTreeSet<i64> = conseillers
        .iter()
        .filter(|c| maillage_shared::equipe::sous_contrat(c.contrat_fin, aujourd_hui))
        .map(|c| c.id)
        .collect();
    let mut resultat = Agregats::default();
    if ids.is_empty() {
        return Ok(resultat);
    }
    let ce_mois = cumul::mois(aujourd_hui);
    let mut actifs_ce_mois = std::collections::BTreeSet::new();
    for ((conseiller_id, mois, axe, cle), totaux) in
        cumul::sommes(db, &ids, annee * 100 + 1, annee * 100 + 12).await?
    {
        match axe {
            Axe::Total => {
                resultat
                    .par_conseiller
                    .entry(conseiller_id)
                    .or_default()
                    .ajouter(totaux);
                let numero = u32::try_from(mois % 100).unwrap_or(0);
                resultat.par_mois.entry(numero).or_default().ajouter(totaux);
                if mois == ce_mois && totaux.accompagnements > 0 && en_poste.contains(&conseiller_id) {
                    actifs_ce_mois.insert(conseiller_id);
                }
            }
            Axe::Theme => resultat.par_theme.entry(cle).or_default().ajouter(totaux),
            Axe::Commune => resultat.par_commune.entry(cle).or_default().ajouter(totaux),
            Axe::Type | Axe::Canal | Axe::Duree => {}
        }
    }
    // Of those who are expected to report this month.
    resultat.taux_completion_mois = if en_poste.is_empty() {
        0.0
    } else {
        actifs_ce_mois.len() as f64 / en_poste.len() as f64
    };
    Ok(resultat)
}

/// Reminders a coordinator may send its team in 24 hours: each one notifies and emails every conseiller
/// late with its reports.
pub const RELANCES_PAR_JOUR: usize = 2;

/// Sends a reminder (in the app and through the outbox) to the team members with no accompaniment this
/// month; returns how many were reminded.
pub async fn relancer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<usize, AppError> {
    crate::journal::limiter(
        db,
        acteur,
        "relancerEquipe",
        RELANCES_PAR_JOUR,
        chrono::Duration::hours(24),
    )
    .await?;
    let membres = crate::equipe::membres::equipe(db, acteur, aujourd_hui).await?;
    let debut_du_mois = aujourd_hui.with_day(1).unwrap_or(aujourd_hui);
    let a_relancer: Vec<utilisateur::Model> = membres
        .into_iter()
        // Médiateurs from outside the programme owe no activity report to it.
        .filter(|m| m.origine == maillage_shared::equipe::OrigineMembre::Conseiller)
        .filter(|m| {
            m.derniere_activite
                .is_none_or(|derniere| derniere < debut_du_mois)
        })
        .map(|m| m.personne)
        .collect();
    notification::notifier(
        db,
        &a_relancer,
        "Pensez à vos comptes rendus d’activité",
        &format!(
            "Votre coordinateur ou coordinatrice, {} {}, vous rappelle de saisir vos accompagnements du mois.",
            acteur.prenom, acteur.nom
        ),
        "/activites",
    )
    .await?;
    Ok(a_relancer.len())
}
