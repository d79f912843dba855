//! The annual activity report of a coordinator: built from the year's data (territory, team, accompaniments
//! from the monthly rollup, actions and meeting days), sent to the préfecture as it stands that day, and
//! followed by the préfecture, the hub, the SGAR and ANCT: who sent theirs, who did not.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::coordination::NatureAction;
use maillage_shared::role::Role;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::activite::service::agregats;
use crate::candidature::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::error::AppError;
use crate::poste::entity::coordinateur;
use crate::poste::perimetre::mon_poste;

pub mod entity {
    //! A report as sent.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rapport_annuel")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub coordinateur_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub annee: i32,
        pub contenu: String,
        pub envoye_par: i64,
        pub envoye_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// An action of the year, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDuRapport {
    pub date: NaiveDate,
    pub nature: String,
    pub axe: String,
    pub titre: String,
    pub lieu: String,
    pub partenaires: String,
}

impl RapportAnnuel {
    /// The accompaniments' duration in minutes (whole hours for a report sent before minutes were kept).
    pub fn duree_minutes(&self) -> i64 {
        self.minutes.unwrap_or(self.heures * 60)
    }
}

/// The report of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RapportAnnuel {
    pub annee: i32,
    pub coordinateur: String,
    pub structure: String,
    pub departement_code: String,
    /// Names of the perimeter's EPCI.
    pub perimetre: Vec<String>,
    pub population: i64,
    pub communes: i64,
    pub lieux: i64,
    pub communes_sans_lieu: i64,
    pub conseillers: i64,
    pub accompagnements: i64,
    pub participants: i64,
    /// Whole hours, rounded down (what reports sent before `minutes` hold).
    pub heures: i64,
    /// The accompaniments' duration; absent from reports sent before it was kept.
    #[serde(default)]
    pub minutes: Option<i64>,
    /// Accompaniments of each month, January first.
    pub par_mois: Vec<i64>,
    /// (theme, accompaniments), most frequent first.
    pub par_theme: Vec<(String, i64)>,
    /// (nature label, count) of the actions.
    pub actions_par_nature: Vec<(String, i64)>,
    /// Every action of the year, by date.
    pub actions: Vec<ActionDuRapport>,
}

/// Builds the calling coordinator's report of `annee` from today's data.
pub async fn calculer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    annee: i32,
    aujourd_hui: NaiveDate,
) -> Result<RapportAnnuel, AppError> {
    let (_, validee) = mon_poste(db, acteur).await?;
    let structure = crate::structure::entity::Entity::find_by_id(validee.structure_id)
        .one(db)
        .await?
        .map(|s| s.nom)
        .unwrap_or_default();
    let diagnostic = crate::diagnostic::service::du_coordinateur(db, acteur, aujourd_hui).await?;
    let activite = agregats(db, acteur, annee, aujourd_hui).await?;
    let actions = crate::coordination::service::de_l_annee(db, acteur, annee).await?;
    let total = |t: &crate::activite::cumul::Totals| t.accompagnements;
    let mut par_theme: Vec<(String, i64)> = activite
        .par_theme
        .iter()
        .map(|(theme, t)| (theme.clone(), total(t)))
        .collect();
    par_theme.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut par_nature: BTreeMap<&'static str, i64> = BTreeMap::new();
    for lue in &actions {
        if let Some(nature) = NatureAction::parse(&lue.action.nature) {
            *par_nature.entry(nature.libelle()).or_insert(0) += 1;
        }
    }
    Ok(RapportAnnuel {
        annee,
        coordinateur: format!("{} {}", acteur.prenom, acteur.nom),
        structure,
        departement_code: validee.departement_code.clone(),
        perimetre: diagnostic.epcis.iter().map(|e| e.epci.nom.clone()).collect(),
        population: diagnostic.population(),
        communes: diagnostic.communes.len() as i64,
        lieux: diagnostic.lieux(),
        communes_sans_lieu: diagnostic.communes_sans_lieu(),
        conseillers: diagnostic.conseillers(),
        accompagnements: activite.par_mois.values().map(total).sum(),
        participants: activite.par_mois.values().map(|t| t.participants).sum(),
        heures: activite.par_mois.values().map(|t| t.minutes).sum::<i64>() / 60,
        minutes: Some(activite.par_mois.values().map(|t| t.minutes).sum()),
        par_mois: (1..=12)
            .map(|mois| activite.par_mois.get(&mois).map_or(0, total))
            .collect(),
        par_theme,
        actions_par_nature: par_nature.into_iter().map(|(n, c)| (n.to_owned(), c)).collect(),
        actions: actions
            .into_iter()
            .map(|lue| ActionDuRapport {
                date: lue.action.date,
                nature: NatureAction::parse(&lue.action.nature)
                    .map_or_else(|| lue.action.nature.clone(), |n| n.libelle().to_owned()),
                axe: maillage_shared::coordination::AxeMission::parse(&lue.action.axe)
                    .map_or_else(|| lue.action.axe.clone(), |a| a.libelle().to_owned()),
                titre: lue.action.titre,
                lieu: lue.action.lieu,
                partenaires: lue.action.partenaires,
            })
            .collect(),
    })
}

/// When the calling coordinator sent its report of `annee`, if it did.
pub async fn envoye_le(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    annee: i32,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let (poste, _) = mon_poste(db, acteur).await?;
    Ok(entity::Entity::find_by_id((poste.id, annee))
        .one(db)
        .await?
        .map(|r| r.envoye_le))
}

/// Sends the calling coordinator's report of `annee` to its préfecture: the report as it stands is kept
/// (sending again replaces it) and the préfecture's agents are told. A year not begun cannot be reported.
pub async fn envoyer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    annee: i32,
    aujourd_hui: NaiveDate,
) -> Result<DateTime<Utc>, AppError> {
    use chrono::Datelike;
    if annee > aujourd_hui.year() || annee < aujourd_hui.year() - 1 {
        return Err(AppError::InvalidInput(
            "Seuls les rapports de l’année en cours et de l’année écoulée peuvent être envoyés.".to_owned(),
        ));
    }
    let (poste, validee) = mon_poste(db, acteur).await?;
    let rapport = calculer(db, acteur, annee, aujourd_hui).await?;
    let contenu = serde_json::to_string(&rapport).map_err(|e| AppError::Internal(e.into()))?;
    // To the microsecond, as PostgreSQL keeps it: the date answered is the date stored.
    let maintenant = chrono::SubsecRound::trunc_subsecs(Utc::now(), 6);
    entity::Entity::insert(entity::ActiveModel {
        coordinateur_id: sea_orm::Set(poste.id),
        annee: sea_orm::Set(annee),
        contenu: sea_orm::Set(contenu),
        envoye_par: sea_orm::Set(acteur.utilisateur_id),
        envoye_le: sea_orm::Set(maintenant),
    })
    .on_conflict(
        OnConflict::columns([entity::Column::CoordinateurId, entity::Column::Annee])
            .update_columns([
                entity::Column::Contenu,
                entity::Column::EnvoyePar,
                entity::Column::EnvoyeLe,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let roles = role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::Role.eq(Role::Prefecture.as_str()))
        .filter(role_utilisateur::Column::DepartementCode.eq(validee.departement_code.as_str()))
        .all(db)
        .await?;
    let agents = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(roles.iter().map(|r| r.utilisateur_id)))
        .all(db)
        .await?;
    crate::notification::service::notifier(
        db,
        &agents,
        &format!("Rapport d’activité {annee} reçu"),
        &format!(
            "{} {} ({}) vous a envoyé son rapport d’activité {annee}.",
            acteur.prenom, acteur.nom, rapport.structure
        ),
        &format!("/rapports?annee={annee}"),
    )
    .await?;
    Ok(maintenant)
}

/// The territory an agent follows the reports of: its département, its région, or any (ANCT).
fn dans_le_perimetre(acteur: &Acteur, poste: &candidature::Model) -> Result<bool, AppError> {
    let role = acteur.role()?;
    Ok(match role.role {
        Role::Prefecture => role.departement_code.as_deref() == Some(poste.departement_code.as_str()),
        Role::Hub | Role::Sgar => role.region_code.as_deref() == Some(poste.region_code.as_str()),
        Role::Anct => true,
        _ => false,
    })
}

/// A coordinator of the zone and whether it sent its report.
#[derive(Debug, Clone)]
pub struct Suivi {
    pub coordinateur_id: i64,
    pub coordinateur: String,
    pub structure: String,
    pub departement_code: String,
    pub envoye_le: Option<DateTime<Utc>>,
}

/// The coordinators in post during `annee` in the caller's zone (préfecture: its département; hub, SGAR:
/// its région; ANCT: everywhere), with the date each sent its report; not sent first.
pub async fn suivi(db: &impl ConnectionTrait, acteur: &Acteur, annee: i32) -> Result<Vec<Suivi>, AppError> {
    let role = acteur.role()?;
    if !matches!(role.role, Role::Prefecture | Role::Hub | Role::Sgar | Role::Anct) {
        return Err(AppError::Interdit(
            "Le suivi des rapports d’activité est réservé aux préfectures, hubs, SGAR et à l’ANCT."
                .to_owned(),
        ));
    }
    let debut = NaiveDate::from_ymd_opt(annee, 1, 1)
        .ok_or_else(|| AppError::InvalidInput("Année invalide.".to_owned()))?;
    let fin = NaiveDate::from_ymd_opt(annee, 12, 31)
        .ok_or_else(|| AppError::InvalidInput("Année invalide.".to_owned()))?;
    let mut postes = candidature::Entity::find().filter(
        candidature::Column::Statut.eq(maillage_shared::candidature::StatutCandidature::Validee.as_str()),
    );
    postes = match (role.role, &role.departement_code, &role.region_code) {
        (Role::Prefecture, Some(d), _) => postes.filter(candidature::Column::DepartementCode.eq(d.as_str())),
        (Role::Hub | Role::Sgar, _, Some(r)) => postes.filter(candidature::Column::RegionCode.eq(r.as_str())),
        (Role::Anct, _, _) => postes,
        _ => return Ok(Vec::new()),
    };
    let postes = postes.all(db).await?;
    let coordinateurs = coordinateur::Entity::find()
        .filter(coordinateur::Column::CandidatureId.is_in(postes.iter().map(|p| p.id)))
        .filter(coordinateur::Column::EnPosteDepuis.lte(fin))
        .filter(
            sea_orm::Condition::any()
                .add(coordinateur::Column::PartiLe.is_null())
                .add(coordinateur::Column::PartiLe.gte(debut)),
        )
        .order_by_asc(coordinateur::Column::Id)
        .all(db)
        .await?;
    let personnes = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(coordinateurs.iter().map(|c| c.utilisateur_id)))
        .all(db)
        .await?;
    let structures = crate::structure::service::noms(db, postes.iter().map(|p| p.structure_id)).await?;
    let envoyes = entity::Entity::find()
        .filter(entity::Column::Annee.eq(annee))
        .filter(entity::Column::CoordinateurId.is_in(coordinateurs.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let mut suivi: Vec<Suivi> = coordinateurs
        .iter()
        .filter_map(|c| {
            let poste = postes.iter().find(|p| p.id == c.candidature_id)?;
            let personne = personnes.iter().find(|p| p.id == c.utilisateur_id)?;
            Some(Suivi {
                coordinateur_id: c.id,
                coordinateur: format!("{} {}", personne.prenom, personne.nom),
                structure: structures.get(&poste.structure_id).cloned().unwrap_or_default(),
                departement_code: poste.departement_code.clone(),
                envoye_le: envoyes
                    .iter()
                    .find(|r| r.coordinateur_id == c.id)
                    .map(|r| r.envoye_le),
            })
        })
        .collect();
    suivi.sort_by(|a, b| {
        (a.envoye_le.is_some(), &a.departement_code, &a.coordinateur).cmp(&(
            b.envoye_le.is_some(),
            &b.departement_code,
            &b.coordinateur,
        ))
    });
    Ok(suivi)
}

/// A report as sent, for an agent of its zone.
pub async fn recu(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    coordinateur_id: i64,
    annee: i32,
) -> Result<(RapportAnnuel, DateTime<Utc>), AppError> {
    let introuvable = || AppError::Introuvable("Ce rapport n’a pas été envoyé.".to_owned());
    let poste = coordinateur::Entity::find_by_id(coordinateur_id)
        .one(db)
        .await?
        .ok_or_else(introuvable)?;
    let candidature = candidature::Entity::find_by_id(poste.candidature_id)
        .one(db)
        .await?
        .ok_or_else(introuvable)?;
    if !dans_le_perimetre(acteur, &candidature)? {
        return Err(AppError::Interdit(
            "Ce coordinateur n’est pas dans votre périmètre.".to_owned(),
        ));
    }
    let envoye = entity::Entity::find_by_id((coordinateur_id, annee))
        .one(db)
        .await?
        .ok_or_else(introuvable)?;
    let rapport: RapportAnnuel =
        serde_json::from_str(&envoye.contenu).map_err(|e| AppError::Internal(e.into()))?;
    Ok((rapport, envoye.envoye_le))
}
