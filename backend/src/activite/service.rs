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

/// Reminders an actor may send in 24 hours (a coordinator to its team, a préfecture agent to its
/// département): each one notifies and emails every conseiller late with its reports.
pub const RELANCES_PAR_JOUR: usize = 2;

/// The reminder `message` to `personnes`, in the app and through the outbox, once `action` is within the
/// actor's daily limit; returns how many were reminded.
async fn relancer_les(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    action: &str,
    personnes: &[utilisateur::Model],
    message: &str,
) -> Result<usize, AppError> {
    crate::journal::limiter(db, acteur, action, RELANCES_PAR_JOUR, chrono::Duration::hours(24)).await?;
    notification::notifier(
        db,
        personnes,
        "Pensez à vos comptes rendus d’activité",
        message,
        "/activites",
    )
    .await?;
    Ok(personnes.len())
}

/// Sends a reminder (in the app and through the outbox) to the team members with no accompaniment this
/// month; returns how many were reminded.
pub async fn relancer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<usize, AppError> {
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
    let message = format!(
        "Votre coordinateur ou coordinatrice, {} {}, vous rappelle de saisir vos accompagnements du mois.",
        acteur.prenom, acteur.nom
    );
    relancer_les(db, acteur, "relancerEquipe", &a_relancer, &message).await
}

/// A conseiller of a département whose contract runs and who recorded nothing this month.
#[derive(Debug, Clone)]
pub struct SansCompteRendu {
    pub personne: utilisateur::Model,
    /// Its employer's name.
    pub structure: String,
    pub commune_code: String,
}

/// The conseillers of département `code` whose contract runs `aujourd_hui` and who recorded no
/// accompaniment this month, by name: four statements whatever their number (this month's rollup rows, not
/// the accompaniments).
pub async fn sans_compte_rendu(
    db: &impl ConnectionTrait,
    code: &str,
    aujourd_hui: NaiveDate,
) -> Result<Vec<SansCompteRendu>, AppError> {
    use crate::territoire::entity::commune;
    let communes = Query::select()
        .column(commune::Column::Code)
        .from(commune::Entity)
        .and_where(commune::Column::DepartementCode.eq(code))
        .to_owned();
    let conseillers: Vec<conseiller::Model> = conseiller::Entity::find()
        .filter(conseiller::Column::CommuneCode.in_subquery(communes))
        .all(db)
        .await?
        .into_iter()
        .filter(|c| maillage_shared::equipe::sous_contrat(c.contrat_fin, aujourd_hui))
        .collect();
    let ids: Vec<i64> = conseillers.iter().map(|c| c.id).collect();
    let ce_mois = cumul::mois(aujourd_hui);
    let actifs: std::collections::BTreeSet<i64> = cumul::lire(db, &ids, ce_mois, ce_mois)
        .await?
        .into_iter()
        .filter(|((_, _, axe, _), totaux)| *axe == Axe::Total && totaux.accompagnements > 0)
        .map(|((id, _, _, _), _)| id)
        .collect();
    let a_relancer: Vec<conseiller::Model> = conseillers
        .into_iter()
        .filter(|c| !actifs.contains(&c.id))
        .collect();
    let personnes: BTreeMap<i64, utilisateur::Model> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(a_relancer.iter().map(|c| c.utilisateur_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let structures: BTreeMap<i64, String> = crate::structure::entity::Entity::find()
        .filter(crate::structure::entity::Column::Id.is_in(a_relancer.iter().map(|c| c.structure_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.nom))
        .collect();
    let mut liste: Vec<SansCompteRendu> = a_relancer
        .into_iter()
        .filter_map(|c| {
            Some(SansCompteRendu {
                personne: personnes.get(&c.utilisateur_id)?.clone(),
                structure: structures.get(&c.structure_id).cloned().unwrap_or_default(),
                commune_code: c.commune_code,
            })
        })
        .collect();
    liste.sort_by(|a, b| {
        (&a.structure, &a.personne.nom, &a.personne.prenom).cmp(&(
            &b.structure,
            &b.personne.nom,
            &b.personne.prenom,
        ))
    });
    Ok(liste)
}

/// The préfecture reminds (in the app and through the outbox) the conseillers of its département who
/// recorded nothing this month; returns how many. Limited per agent, each one in the audit journal.
pub async fn relancer_le_departement(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<usize, AppError> {
    let role = acteur.exiger(Role::Prefecture)?;
    let code = role
        .departement_code
        .clone()
        .ok_or_else(|| AppError::Interdit("Aucun département n’est rattaché à ce rôle.".to_owned()))?;
    let a_relancer: Vec<utilisateur::Model> = sans_compte_rendu(db, &code, aujourd_hui)
        .await?
        .into_iter()
        .map(|c| c.personne)
        .collect();
    let message = "La préfecture de votre département vous rappelle de saisir les accompagnements de ce mois : \
                   ils rendent visible l’action des conseillers numériques du territoire.";
    relancer_les(db, acteur, "relancerSansCompteRendu", &a_relancer, message).await
}
