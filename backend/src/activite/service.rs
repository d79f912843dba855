//! Recording accompaniments, and the coordinator's view of its team's activity.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Utc};
use maillage_shared::activite::{
    Autonomie, Canal, Materiel, Orientation, TypeAccompagnement, verifier, verifier_suivi_individuel,
};
use maillage_shared::role::Role;
use maillage_shared::territoire::CodeCommune;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::beneficiaire::{self, PersonneSuivie};
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
    /// Where it took place, among the lieux of the referential.
    pub lieu_id: Option<String>,
    pub materiel: Vec<Materiel>,
    /// Individual accompaniments only.
    pub autonomie: Option<Autonomie>,
    /// Individual accompaniments only: the kind of structure the person was directed to.
    pub orientation: Option<Orientation>,
    /// The person, when they agreed to be named (individual accompaniments only); anonymous otherwise.
    pub beneficiaire: Option<PersonneSuivie>,
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
    problemes.extend(verifier_suivi_individuel(
        accompagnement.type_accompagnement,
        accompagnement.autonomie,
        accompagnement.orientation,
        accompagnement.beneficiaire.is_some(),
        &accompagnement.materiel,
    ));
    if let Some(personne) = &accompagnement.beneficiaire {
        problemes.extend(personne.problemes(aujourd_hui.year()));
    }
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
pub async fn mon_poste_de_conseiller(
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
    if let Some(lieu) = &accompagnement.lieu_id
        && lieux_connus(db, std::slice::from_ref(lieu)).await?.is_empty()
    {
        return Err(AppError::InvalidInput(format!(
            "Accompagnement refusé : le lieu « {lieu} » n’est pas dans le référentiel des lieux."
        )));
    }
    let territoire = territoire_du_conseiller(db, &moi).await?;
    ecrire(db, &moi, &territoire, accompagnement, commune).await
}

/// A lieu of the referential near a conseiller: where its accompaniments may take place.
#[derive(Debug, Clone)]
pub struct LieuProche {
    pub id: String,
    pub nom: String,
    /// Its commune's name, as the standard gives it.
    pub commune: String,
}

/// The most lieux offered in the activity form.
pub const LIEUX_PROCHES_MAX: u64 = 500;

/// The lieux of the referential in the calling conseiller's EPCI (its département when its commune has
/// none), by name: what its accompaniments' form offers.
pub async fn lieux_proches(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Vec<LieuProche>, AppError> {
    use crate::territoire::entity::commune;
    let moi = mon_poste_de_conseiller(db, acteur).await?;
    let Some(sa_commune) = commune::Entity::find_by_id(moi.commune_code.clone())
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let [l, co] = ["l", "co"].map(Alias::new);
    let mut select = Query::select();
    select
        .expr_as(Expr::col((l.clone(), Alias::new("id"))), Alias::new("id"))
        .expr_as(Expr::col((l.clone(), Alias::new("nom"))), Alias::new("nom"))
        .expr_as(
            Expr::col((l.clone(), Alias::new("commune"))),
            Alias::new("commune"),
        )
        .from_as(Alias::new("lieu"), l.clone())
        .and_where(Expr::col((l.clone(), Alias::new("ferme_le"))).is_null())
        .order_by((l.clone(), Alias::new("nom")), sea_orm::Order::Asc)
        .limit(LIEUX_PROCHES_MAX);
    match &sa_commune.epci_code {
        Some(epci) => {
            select
                .join_as(
                    sea_orm::JoinType::InnerJoin,
                    Alias::new("commune"),
                    co.clone(),
                    Expr::col((co.clone(), Alias::new("code"))).equals((l, Alias::new("commune_code"))),
                )
                .and_where(Expr::col((co, Alias::new("epci_code"))).eq(epci.as_str()));
        }
        None => {
            select.and_where(Expr::col((l, Alias::new("departement_code"))).eq(sa_commune.departement_code));
        }
    }
    let mut lieux = Vec::new();
    for ligne in db.query_all(&select).await? {
        lieux.push(LieuProche {
            id: ligne.try_get("", "id")?,
            nom: ligne.try_get("", "nom")?,
            commune: ligne.try_get("", "commune")?,
        });
    }
    Ok(lieux)
}

/// Those of `ids` that are lieux of the referential.
pub async fn lieux_connus(
    db: &impl ConnectionTrait,
    ids: &[String],
) -> Result<std::collections::BTreeSet<String>, AppError> {
    if ids.is_empty() {
        return Ok(std::collections::BTreeSet::new());
    }
    let select = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("lieu"))
        .and_where(Expr::col(Alias::new("id")).is_in(ids.iter().cloned()))
        .to_owned();
    db.query_all(&select)
        .await?
        .into_iter()
        .map(|ligne| Ok(ligne.try_get("", "id")?))
        .collect()
}

/// The département and EPCI of the conseiller's commune, which its accompaniments count for.
#[derive(Debug, Default)]
struct Territoire {
    departement: Option<String>,
    epci: Option<String>,
}

async fn territoire_du_conseiller(
    db: &impl ConnectionTrait,
    moi: &conseiller::Model,
) -> Result<Territoire, AppError> {
    Ok(
        crate::territoire::entity::commune::Entity::find_by_id(moi.commune_code.clone())
            .one(db)
            .await?
            .map(|commune| Territoire {
                departement: Some(commune.departement_code),
                epci: commune.epci_code,
            })
            .unwrap_or_default(),
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
    let territoire = territoire_du_conseiller(db, &moi).await?;
    let nombre = accompagnements.len();
    for (accompagnement, commune) in accompagnements {
        ecrire(db, &moi, &territoire, &accompagnement, commune).await?;
    }
    Ok(nombre)
}

/// Inserts one accompaniment and adds it to the monthly rollups.
async fn ecrire(
    db: &impl ConnectionTrait,
    moi: &conseiller::Model,
    territoire: &Territoire,
    accompagnement: &Accompagnement,
    commune: Option<String>,
) -> Result<i64, AppError> {
    let themes: Vec<&str> = accompagnement.themes.iter().map(String::as_str).collect();
    let beneficiaire_id = match &accompagnement.beneficiaire {
        Some(personne) => Some(beneficiaire::retenir(db, moi.id, personne).await?),
        None => None,
    };
    let materiel: Vec<&str> = accompagnement.materiel.iter().map(|m| m.as_str()).collect();
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
                "lieu_id",
                "materiel",
                "autonomie",
                "orientation",
                "beneficiaire_id",
                "structure_id",
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
            Expr::value(accompagnement.lieu_id.clone()),
            Expr::value(materiel.join("|")),
            Expr::value(accompagnement.autonomie.map(|a| a.as_str())),
            Expr::value(accompagnement.orientation.map(|o| o.as_str())),
            Expr::value(beneficiaire_id),
            Expr::value(moi.structure_id),
        ])
        .returning_col(Alias::new("id"));
    let ligne = db
        .query_one(&insert)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("insertion d’activité sans identifiant")))?;
    let mut cumul = Cumuls::default();
    cumul.compter(&Compte {
        conseiller_id: moi.id,
        departement: territoire.departement.as_deref(),
        structure_id: Some(moi.structure_id),
        epci: territoire.epci.as_deref(),
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
            Axe::Type | Axe::Canal | Axe::Duree | Axe::Structure | Axe::Epci => {}
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

/// The reminder `message` to `personnes`, in the app and through the outbox, once `action` is within the
/// actor's daily limit (`max`); returns how many were reminded.
async fn relancer_les(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    action: &str,
    max: usize,
    personnes: &[utilisateur::Model],
    message: &str,
) -> Result<usize, AppError> {
    crate::journal::limiter(db, acteur, action, max, chrono::Duration::hours(24)).await?;
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
    relancer_les(
        db,
        acteur,
        "relancerEquipe",
        RELANCES_PAR_JOUR,
        &a_relancer,
        &message,
    )
    .await
}

/// A conseiller of a département whose contract runs and who recorded nothing this month.
#[derive(Debug, Clone)]
pub struct SansCompteRendu {
    pub personne: utilisateur::Model,
    pub commune_code: String,
}

/// An employer of a département with conseillers under contract who recorded nothing this month.
#[derive(Debug, Clone)]
pub struct StructureARelancer {
    pub id: i64,
    pub nom: String,
    /// Its conseillers of the département whose contract runs.
    pub sous_contrat: usize,
    /// Those of them with nothing recorded this month, by name.
    pub sans_compte_rendu: Vec<SansCompteRendu>,
}

/// The employers of département `code`'s conseillers whose contract runs `aujourd_hui`, with those of them
/// who recorded no accompaniment this month (employers where everyone did are left out), by name: four
/// statements whatever their number (this month's rollup rows, not the accompaniments).
pub async fn sans_compte_rendu(
    db: &impl ConnectionTrait,
    code: &str,
    aujourd_hui: NaiveDate,
) -> Result<Vec<StructureARelancer>, AppError> {
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
    let mut par_structure: BTreeMap<i64, (usize, Vec<conseiller::Model>)> = BTreeMap::new();
    for c in conseillers {
        let entree = par_structure.entry(c.structure_id).or_default();
        entree.0 += 1;
        if !actifs.contains(&c.id) {
            entree.1.push(c);
        }
    }
    par_structure.retain(|_, (_, sans)| !sans.is_empty());
    let personnes: BTreeMap<i64, utilisateur::Model> = utilisateur::Entity::find()
        .filter(
            utilisateur::Column::Id.is_in(
                par_structure
                    .values()
                    .flat_map(|(_, sans)| sans.iter().map(|c| c.utilisateur_id)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let noms: BTreeMap<i64, String> = crate::structure::entity::Entity::find()
        .filter(crate::structure::entity::Column::Id.is_in(par_structure.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.nom))
        .collect();
    let mut liste: Vec<StructureARelancer> = par_structure
        .into_iter()
        .map(|(id, (sous_contrat, sans))| {
            let mut sans_compte_rendu: Vec<SansCompteRendu> = sans
                .into_iter()
                .filter_map(|c| {
                    Some(SansCompteRendu {
                        personne: personnes.get(&c.utilisateur_id)?.clone(),
                        commune_code: c.commune_code,
                    })
                })
                .collect();
            sans_compte_rendu.sort_by(|a, b| {
                (&a.personne.nom, &a.personne.prenom).cmp(&(&b.personne.nom, &b.personne.prenom))
            });
            StructureARelancer {
                id,
                nom: noms.get(&id).cloned().unwrap_or_default(),
                sous_contrat,
                sans_compte_rendu,
            }
        })
        .collect();
    liste.sort_by(|a, b| (&a.nom, a.id).cmp(&(&b.nom, b.id)));
    Ok(liste)
}

/// Relaunches an agent may send in 24 hours to one target (its département, or one of its structures).
pub const RELANCES_PAR_CIBLE_ET_PAR_JOUR: usize = 2;
/// Relaunches an agent may send in 24 hours in all.
pub const RELANCES_PREFECTURE_PAR_JOUR: usize = 20;

/// The préfecture reminds (in the app and through the outbox) the conseillers of its département who
/// recorded nothing this month, or those of one structure (`structure_id`); returns how many. An agent
/// relaunches one target twice a day at most, twenty times in all; each relaunch is kept for the
/// département's history and in the audit journal.
pub async fn relancer_le_departement(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    structure_id: Option<i64>,
    aujourd_hui: NaiveDate,
) -> Result<usize, AppError> {
    let role = acteur.exiger(Role::Prefecture)?;
    let code = role
        .departement_code
        .clone()
        .ok_or_else(|| AppError::Interdit("Aucun département n’est rattaché à ce rôle.".to_owned()))?;
    let structures = sans_compte_rendu(db, &code, aujourd_hui).await?;
    let a_relancer: Vec<utilisateur::Model> = match structure_id {
        None => structures
            .into_iter()
            .flat_map(|s| s.sans_compte_rendu)
            .map(|c| c.personne)
            .collect(),
        Some(id) => structures
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| {
                AppError::Introuvable(
                    "Cette structure n’a pas de conseiller sans compte rendu ce mois-ci dans votre département."
                        .to_owned(),
                )
            })?
            .sans_compte_rendu
            .into_iter()
            .map(|c| c.personne)
            .collect(),
    };
    // The writers' turn first: two relaunches at once cannot both take the last place.
    crate::database::prendre_son_tour(db).await?;
    let depuis = chrono::Utc::now() - chrono::Duration::hours(24);
    let mut deja = Query::select();
    deja.column(Alias::new("le"))
        .from(Alias::new("relance"))
        .and_where(Expr::col(Alias::new("auteur_id")).eq(acteur.utilisateur_id))
        .and_where(Expr::col(Alias::new("departement_code")).eq(code.as_str()))
        .and_where(Expr::col(Alias::new("le")).gte(depuis))
        .order_by(Alias::new("le"), sea_orm::Order::Asc);
    deja.and_where(match structure_id {
        Some(id) => Expr::col(Alias::new("structure_id")).eq(id),
        None => Expr::col(Alias::new("structure_id")).is_null(),
    });
    let faites = db.query_all(&deja).await?;
    if faites.len() >= RELANCES_PAR_CIBLE_ET_PAR_JOUR {
        let premiere: chrono::DateTime<Utc> = faites[0].try_get("", "le")?;
        let secondes = std::cmp::max(
            (premiere + chrono::Duration::hours(24) - Utc::now()).num_seconds(),
            1,
        );
        return Err(AppError::TropDeTentatives(u64::try_from(secondes).unwrap_or(1)));
    }
    let message = "La préfecture de votre département vous rappelle de saisir les accompagnements de ce mois : \
                   ils rendent visible l’action des conseillers numériques du territoire.";
    let relances = relancer_les(
        db,
        acteur,
        "relancerSansCompteRendu",
        RELANCES_PREFECTURE_PAR_JOUR,
        &a_relancer,
        message,
    )
    .await?;
    let insert = Query::insert()
        .into_table(Alias::new("relance"))
        .columns(["departement_code", "auteur_id", "structure_id", "personnes", "le"].map(Alias::new))
        .values_panic([
            Expr::value(code),
            Expr::value(acteur.utilisateur_id),
            Expr::value(structure_id),
            Expr::value(i32::try_from(relances).unwrap_or(i32::MAX)),
            Expr::value(chrono::Utc::now()),
        ])
        .to_owned();
    db.execute(&insert).await?;
    Ok(relances)
}

/// A relaunch sent by a préfecture agent.
#[derive(Debug, Clone)]
pub struct Relance {
    pub le: chrono::DateTime<Utc>,
    pub auteur: String,
    /// The structure relaunched; `None` for the whole département.
    pub structure: Option<String>,
    pub personnes: i32,
}

/// The latest relaunches of département `code`, newest first (at most `max`).
pub async fn relances(db: &impl ConnectionTrait, code: &str, max: u64) -> Result<Vec<Relance>, AppError> {
    let [r, u, s] = ["r", "u", "s"].map(Alias::new);
    let select = Query::select()
        .expr_as(Expr::col((r.clone(), Alias::new("le"))), Alias::new("le"))
        .expr_as(
            Expr::col((r.clone(), Alias::new("personnes"))),
            Alias::new("personnes"),
        )
        .expr_as(Expr::col((u.clone(), Alias::new("prenom"))), Alias::new("prenom"))
        .expr_as(Expr::col((u.clone(), Alias::new("nom"))), Alias::new("nom"))
        .expr_as(Expr::col((s.clone(), Alias::new("nom"))), Alias::new("structure"))
        .from_as(Alias::new("relance"), r.clone())
        .join_as(
            sea_orm::JoinType::InnerJoin,
            Alias::new("utilisateur"),
            u.clone(),
            Expr::col((u.clone(), Alias::new("id"))).equals((r.clone(), Alias::new("auteur_id"))),
        )
        .join_as(
            sea_orm::JoinType::LeftJoin,
            Alias::new("structure"),
            s.clone(),
            Expr::col((s.clone(), Alias::new("id"))).equals((r.clone(), Alias::new("structure_id"))),
        )
        .and_where(Expr::col((r.clone(), Alias::new("departement_code"))).eq(code))
        .order_by((r.clone(), Alias::new("le")), sea_orm::Order::Desc)
        .order_by((r, Alias::new("id")), sea_orm::Order::Desc)
        .limit(max)
        .to_owned();
    let mut liste = Vec::new();
    for ligne in db.query_all(&select).await? {
        let prenom: String = ligne.try_get("", "prenom")?;
        let nom: String = ligne.try_get("", "nom")?;
        liste.push(Relance {
            le: ligne.try_get("", "le")?,
            auteur: format!("{prenom} {nom}"),
            structure: ligne.try_get("", "structure")?,
            personnes: ligne.try_get("", "personnes")?,
        });
    }
    Ok(liste)
}
