//! A hub announces a rencontre to the coordinators of its région, a préfecture a meeting day to those of its
//! département and to the hub (in the app and by email); coordinators register; a coordinator relays a
//! training session to its team, whose members register their interest; the organiser writes the minutes
//! once it took place, or cancels it before.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, Utc};
use maillage_shared::coordination::{
    NatureRencontre, inscriptions_ouvertes, verifier_compte_rendu, verifier_rencontre,
};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};

use super::entity::{inscription, relais, rencontre};
use crate::compte::acteur::Acteur;
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::equipe::membres::equipe;
use crate::error::AppError;
use crate::poste::perimetre::mon_poste;
use crate::territoire::entity::departement;

/// Rencontres a hub agent announces in a day: each one emails every coordinator of the région.
pub const ANNONCES_PAR_JOUR: usize = 20;
/// Relays a coordinator sends in a day: each one emails the members of its team it chose.
pub const RELAIS_PAR_JOUR: usize = 10;

/// A rencontre as the hub announces it.
#[derive(Debug, Clone)]
pub struct NouvelleRencontre {
    pub nature: NatureRencontre,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
}

/// A rencontre as its reader sees it.
#[derive(Debug, Clone)]
pub struct RencontreLue {
    pub rencontre: rencontre::Model,
    pub nature: NatureRencontre,
    /// "Prénom Nom" of the hub agent who announced it.
    pub organisateur: String,
    pub inscrits: i64,
    /// The reader registered.
    pub inscrit: bool,
    /// Members of its team the reading coordinator relayed it to, and how many of them registered.
    pub relayee_a: i64,
    pub interesses: i64,
}

/// A person registered to a rencontre, as its organiser reads them.
#[derive(Debug, Clone)]
pub struct Participant {
    pub personne: utilisateur::Model,
    /// Registered through a coordinator's relay: a member of a team telling its interest in a training
    /// session (otherwise a coordinator of the région).
    pub par_relais: bool,
    pub inscrit_le: chrono::DateTime<Utc>,
}

/// Which rencontres a caller reads.
enum Portee {
    /// Those of a région: its hub (which organises the regional ones) and SGAR, all of them; a coordinator,
    /// the regional ones and its département's (`departement`).
    Region {
        code: String,
        organise: bool,
        departement: Option<String>,
    },
    /// Those of a département: its préfecture, which organises them.
    Departement { code: String },
    /// The training sessions relayed to this conseiller or médiateur.
    Relayees,
    /// ANCT: all of them.
    Nationale,
}

async fn portee(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Portee, AppError> {
    let role = acteur.role()?;
    Ok(match (role.role, &role.region_code, &role.departement_code) {
        (Role::Hub, Some(code), _) => Portee::Region {
            code: code.clone(),
            organise: true,
            departement: None,
        },
        (Role::Sgar, Some(code), _) => Portee::Region {
            code: code.clone(),
            organise: false,
            departement: None,
        },
        (Role::Coordinateur, _, _) => {
            let validee = mon_poste(db, acteur).await?.1;
            Portee::Region {
                code: validee.region_code,
                organise: false,
                departement: Some(validee.departement_code),
            }
        }
        (Role::Prefecture, _, Some(code)) => Portee::Departement { code: code.clone() },
        (Role::Conseiller | Role::Mediateur, _, _) => Portee::Relayees,
        (Role::Anct, _, _) => Portee::Nationale,
        _ => {
            return Err(AppError::Interdit(
                "Les rencontres du réseau réunissent les hubs, les préfectures, les coordinateurs et leurs équipes."
                    .to_owned(),
            ));
        }
    })
}

/// Whether a coordinator of this région and département is invited to this rencontre.
fn invite_le_coordinateur(rencontre: &rencontre::Model, region: &str, departement: Option<&str>) -> bool {
    rencontre.region_code == region
        && rencontre
            .departement_code
            .as_deref()
            .is_none_or(|d| Some(d) == departement)
}

/// The rencontre, which the caller organises: the hub of its région (a regional one), the préfecture of its
/// département (a meeting day).
async fn a_organiser(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<rencontre::Model, AppError> {
    let trouvee = introuvable_sinon(rencontre::Entity::find_by_id(id).one(db).await?)?;
    let organise = match (portee(db, acteur).await?, &trouvee.departement_code) {
        (
            Portee::Region {
                code, organise: true, ..
            },
            None,
        ) => code == trouvee.region_code,
        (Portee::Departement { code }, Some(departement)) => &code == departement,
        _ => false,
    };
    if organise {
        Ok(trouvee)
    } else {
        Err(AppError::Interdit(
            "Seul son organisateur (le hub de la région, ou la préfecture du département) agit sur cette rencontre."
                .to_owned(),
        ))
    }
}

fn introuvable_sinon(rencontre: Option<rencontre::Model>) -> Result<rencontre::Model, AppError> {
    rencontre.ok_or_else(|| AppError::Introuvable("Rencontre introuvable.".to_owned()))
}

fn nature(rencontre: &rencontre::Model) -> Result<NatureRencontre, AppError> {
    NatureRencontre::parse(&rencontre.nature).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "nature illisible pour la rencontre {}",
            rencontre.id
        ))
    })
}

/// Whom a rencontre invites: the coordinators of its région (of its département for a préfecture's meeting
/// day, which tells the hub of the région too).
async fn invites(
    db: &impl ConnectionTrait,
    rencontre: &rencontre::Model,
) -> Result<Vec<utilisateur::Model>, AppError> {
    let departements: Vec<String> = match &rencontre.departement_code {
        Some(code) => vec![code.clone()],
        None => departement::Entity::find()
            .filter(departement::Column::RegionCode.eq(rencontre.region_code.as_str()))
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.code)
            .collect(),
    };
    let mut qui = sea_orm::Condition::any().add(
        sea_orm::Condition::all()
            .add(role_utilisateur::Column::Role.eq(Role::Coordinateur.as_str()))
            .add(role_utilisateur::Column::DepartementCode.is_in(departements)),
    );
    if rencontre.departement_code.is_some() {
        qui = qui.add(
            sea_orm::Condition::all()
                .add(role_utilisateur::Column::Role.eq(Role::Hub.as_str()))
                .add(role_utilisateur::Column::RegionCode.eq(rencontre.region_code.as_str())),
        );
    }
    let ids: BTreeSet<i64> = role_utilisateur::Entity::find()
        .filter(qui)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.utilisateur_id)
        .collect();
    Ok(utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids))
        .order_by_asc(utilisateur::Column::Id)
        .all(db)
        .await?)
}

fn quand(rencontre: &rencontre::Model) -> String {
    let mut texte = format!("le {}", rencontre.date.format("%d/%m/%Y"));
    if !rencontre.lieu.is_empty() {
        texte.push_str(&format!(", à {}", rencontre.lieu));
    }
    texte
}

/// The calling hub announces a rencontre to the coordinators of its région; the calling préfecture a meeting
/// day to those of its département and to the hub.
pub async fn annoncer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    nouvelle: &NouvelleRencontre,
    aujourd_hui: NaiveDate,
) -> Result<RencontreLue, AppError> {
    let role = acteur.role()?;
    let (region, departement) = match (role.role, nouvelle.nature.par_la_prefecture()) {
        (Role::Hub, false) => (
            role.region_code
                .clone()
                .ok_or_else(|| AppError::Interdit("Votre rôle de hub n’a pas de région.".to_owned()))?,
            None,
        ),
        (Role::Prefecture, true) => {
            let code = role.departement_code.clone().ok_or_else(|| {
                AppError::Interdit("Votre rôle de préfecture n’a pas de département.".to_owned())
            })?;
            let trouve = departement::Entity::find_by_id(code.clone())
                .one(db)
                .await?
                .ok_or_else(|| AppError::Introuvable(format!("Département {code} introuvable.")))?;
            (trouve.region_code, Some(code))
        }
        (Role::Hub | Role::Prefecture, _) => {
            return Err(AppError::Interdit(
                "Le hub organise les groupes de travail, événements et formations de sa région ; la préfecture, \
                 les journées de rencontre de son département."
                    .to_owned(),
            ));
        }
        _ => {
            return Err(AppError::Interdit(
                "Les rencontres du réseau sont organisées par les hubs et les préfectures.".to_owned(),
            ));
        }
    };
    let problemes = verifier_rencontre(
        &nouvelle.titre,
        &nouvelle.lieu,
        &nouvelle.description,
        nouvelle.date,
        aujourd_hui,
    );
    if !problemes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Rencontre refusée : {}.",
            problemes.join(" ; ")
        )));
    }
    crate::journal::limiter(
        db,
        acteur,
        "annoncerUneRencontre",
        ANNONCES_PAR_JOUR,
        chrono::Duration::days(1),
    )
    .await?;
    let annoncee = rencontre::ActiveModel {
        id: NotSet,
        region_code: Set(region),
        departement_code: Set(departement),
        nature: Set(nouvelle.nature.as_str().to_owned()),
        titre: Set(nouvelle.titre.trim().to_owned()),
        date: Set(nouvelle.date),
        lieu: Set(nouvelle.lieu.trim().to_owned()),
        description: Set(nouvelle.description.trim().to_owned()),
        compte_rendu: Set(None),
        organisateur_id: Set(Some(acteur.utilisateur_id)),
        cree_le: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    let invites: Vec<utilisateur::Model> = invites(db, &annoncee)
        .await?
        .into_iter()
        .filter(|p| p.id != acteur.utilisateur_id)
        .collect();
    crate::notification::service::notifier(
        db,
        &invites,
        &format!("{} {}", nouvelle.nature.libelle(), quand(&annoncee)),
        &format!(
            "{} vous invite à « {} » {}. Inscrivez-vous depuis Maillage{}.",
            if annoncee.departement_code.is_some() {
                "La préfecture"
            } else {
                "Le hub de votre région"
            },
            annoncee.titre,
            quand(&annoncee),
            if nouvelle.nature.se_relaie() {
                " et relayez-la à votre équipe"
            } else {
                ""
            }
        ),
        "/rencontres",
    )
    .await?;
    Ok(RencontreLue {
        nature: nouvelle.nature,
        organisateur: format!("{} {}", acteur.prenom, acteur.nom),
        rencontre: annoncee,
        inscrits: 0,
        inscrit: false,
        relayee_a: 0,
        interesses: 0,
    })
}

/// The rencontres the caller reads, from `depuis` on, by date.
pub async fn lister(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    depuis: NaiveDate,
) -> Result<Vec<RencontreLue>, AppError> {
    let mut query = rencontre::Entity::find().filter(rencontre::Column::Date.gte(depuis));
    query = match portee(db, acteur).await? {
        Portee::Region {
            code, departement, ..
        } => {
            let query = query.filter(rencontre::Column::RegionCode.eq(code));
            match departement {
                // A coordinator: the regional ones and its département's.
                Some(departement) => query.filter(
                    sea_orm::Condition::any()
                        .add(rencontre::Column::DepartementCode.is_null())
                        .add(rencontre::Column::DepartementCode.eq(departement)),
                ),
                None => query,
            }
        }
        Portee::Departement { code } => query.filter(rencontre::Column::DepartementCode.eq(code)),
        Portee::Relayees => {
            let relayees = relais::Entity::find()
                .filter(relais::Column::UtilisateurId.eq(acteur.utilisateur_id))
                .all(db)
                .await?;
            query.filter(rencontre::Column::Id.is_in(relayees.into_iter().map(|r| r.rencontre_id)))
        }
        Portee::Nationale => query,
    };
    let rencontres = query
        .order_by_asc(rencontre::Column::Date)
        .order_by_asc(rencontre::Column::Id)
        .all(db)
        .await?;
    lire(db, acteur, rencontres).await
}

/// Registrations, relays and organisers of these rencontres, as the caller reads them.
async fn lire(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    rencontres: Vec<rencontre::Model>,
) -> Result<Vec<RencontreLue>, AppError> {
    let ids: Vec<i64> = rencontres.iter().map(|r| r.id).collect();
    let inscriptions = inscription::Entity::find()
        .filter(inscription::Column::RencontreId.is_in(ids.clone()))
        .all(db)
        .await?;
    let relais_du_lecteur = relais::Entity::find()
        .filter(relais::Column::RencontreId.is_in(ids))
        .filter(relais::Column::RelayePar.eq(acteur.utilisateur_id))
        .all(db)
        .await?;
    let organisateurs: BTreeMap<i64, String> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(rencontres.iter().filter_map(|r| r.organisateur_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} {}", u.prenom, u.nom)))
        .collect();
    rencontres
        .into_iter()
        .map(|rencontre| {
            let ici = |i: &&inscription::Model| i.rencontre_id == rencontre.id;
            let relayes: BTreeSet<i64> = relais_du_lecteur
                .iter()
                .filter(|r| r.rencontre_id == rencontre.id)
                .map(|r| r.utilisateur_id)
                .collect();
            Ok(RencontreLue {
                nature: nature(&rencontre)?,
                organisateur: rencontre
                    .organisateur_id
                    .and_then(|id| organisateurs.get(&id).cloned())
                    .unwrap_or_default(),
                inscrits: inscriptions.iter().filter(ici).count() as i64,
                inscrit: inscriptions
                    .iter()
                    .filter(ici)
                    .any(|i| i.utilisateur_id == acteur.utilisateur_id),
                relayee_a: relayes.len() as i64,
                interesses: inscriptions
                    .iter()
                    .filter(ici)
                    .filter(|i| relayes.contains(&i.utilisateur_id))
                    .count() as i64,
                rencontre,
            })
        })
        .collect()
}

async fn relue(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    rencontre: rencontre::Model,
) -> Result<RencontreLue, AppError> {
    lire(db, acteur, vec![rencontre])
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("rencontre relue absente")))
}

/// Registers the caller to a rencontre it is invited to (`inscrit: false` withdraws): a coordinator of the
/// région to any of them, a member of a team to a training session relayed to them (their interest).
pub async fn inscrire(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    inscrit: bool,
    aujourd_hui: NaiveDate,
) -> Result<RencontreLue, AppError> {
    let trouvee = introuvable_sinon(rencontre::Entity::find_by_id(id).one(db).await?)?;
    let invite = match portee(db, acteur).await? {
        Portee::Region {
            code,
            departement: Some(departement),
            ..
        } => invite_le_coordinateur(&trouvee, &code, Some(&departement)),
        Portee::Relayees => {
            nature(&trouvee)?.se_relaie()
                && relais::Entity::find_by_id((id, acteur.utilisateur_id))
                    .one(db)
                    .await?
                    .is_some()
        }
        _ => false,
    };
    if !invite {
        return Err(AppError::Interdit(
            "Vous n’êtes pas invité à cette rencontre.".to_owned(),
        ));
    }
    if !inscriptions_ouvertes(trouvee.date, aujourd_hui) {
        return Err(AppError::InvalidInput("Cette rencontre est passée.".to_owned()));
    }
    inscription::Entity::delete_many()
        .filter(inscription::Column::RencontreId.eq(id))
        .filter(inscription::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .exec(db)
        .await?;
    if inscrit {
        inscription::ActiveModel {
            rencontre_id: Set(id),
            utilisateur_id: Set(acteur.utilisateur_id),
            inscrit_le: Set(Utc::now()),
        }
        .insert(db)
        .await?;
    }
    relue(db, acteur, trouvee).await
}

/// The calling coordinator relays a training session of its région to its whole team (`destinataires`
/// empty) or to these members of it; those not yet told are, in the app and by email.
pub async fn relayer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    destinataires: &[i64],
    aujourd_hui: NaiveDate,
) -> Result<RencontreLue, AppError> {
    acteur.exiger(Role::Coordinateur)?;
    let trouvee = introuvable_sinon(rencontre::Entity::find_by_id(id).one(db).await?)?;
    let (_, validee) = mon_poste(db, acteur).await?;
    if !invite_le_coordinateur(&trouvee, &validee.region_code, Some(&validee.departement_code)) {
        return Err(AppError::Interdit(
            "Cette rencontre est celle d’un autre territoire.".to_owned(),
        ));
    }
    if !nature(&trouvee)?.se_relaie() {
        return Err(AppError::InvalidInput(
            "Seules les sessions de formation continue se relaient à l’équipe.".to_owned(),
        ));
    }
    if !inscriptions_ouvertes(trouvee.date, aujourd_hui) {
        return Err(AppError::InvalidInput("Cette rencontre est passée.".to_owned()));
    }
    let equipe = equipe(db, acteur, aujourd_hui).await?;
    let choisis: BTreeSet<i64> = destinataires.iter().copied().collect();
    if let Some(intrus) = choisis
        .iter()
        .find(|id| !equipe.iter().any(|m| m.personne.id == **id))
    {
        return Err(AppError::Introuvable(format!(
            "La personne {intrus} n’est pas dans votre équipe."
        )));
    }
    let deja: BTreeSet<i64> = relais::Entity::find()
        .filter(relais::Column::RencontreId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.utilisateur_id)
        .collect();
    let nouveaux: Vec<utilisateur::Model> = equipe
        .into_iter()
        .map(|m| m.personne)
        .filter(|p| choisis.is_empty() || choisis.contains(&p.id))
        .filter(|p| p.id != acteur.utilisateur_id && !deja.contains(&p.id))
        .collect();
    if nouveaux.is_empty() {
        return Err(AppError::InvalidInput(
            "Toutes les personnes choisies ont déjà reçu cette session.".to_owned(),
        ));
    }
    crate::journal::limiter(
        db,
        acteur,
        "relayerUneFormation",
        RELAIS_PAR_JOUR,
        chrono::Duration::days(1),
    )
    .await?;
    let maintenant = Utc::now();
    relais::Entity::insert_many(nouveaux.iter().map(|p| relais::ActiveModel {
        rencontre_id: Set(id),
        utilisateur_id: Set(p.id),
        relaye_par: Set(Some(acteur.utilisateur_id)),
        relaye_le: Set(maintenant),
    }))
    .exec(db)
    .await?;
    crate::notification::service::notifier(
        db,
        &nouveaux,
        &format!("Formation continue {}", quand(&trouvee)),
        &format!(
            "{} {}, votre coordinateur, vous signale « {} » {}. Dites votre intérêt depuis Maillage.",
            acteur.prenom,
            acteur.nom,
            trouvee.titre,
            quand(&trouvee)
        ),
        "/rencontres",
    )
    .await?;
    relue(db, acteur, trouvee).await
}

/// Who organises it, as a message names it: a préfecture (a meeting day of its département) or a hub.
fn organisateur(rencontre: &rencontre::Model) -> &'static str {
    if rencontre.departement_code.is_some() {
        "La préfecture"
    } else {
        "Le hub"
    }
}

/// The organiser writes (or rewrites) the minutes of a rencontre that took place; the registered
/// are told.
pub async fn ecrire_compte_rendu(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    texte: &str,
    aujourd_hui: NaiveDate,
) -> Result<RencontreLue, AppError> {
    let trouvee = a_organiser(db, acteur, id).await?;
    let problemes = verifier_compte_rendu(texte, trouvee.date, aujourd_hui);
    if !problemes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Compte rendu refusé : {}.",
            problemes.join(" ; ")
        )));
    }
    let premier = trouvee.compte_rendu.is_none();
    let mut modifiee = trouvee.into_active_model();
    modifiee.compte_rendu = Set(Some(texte.trim().to_owned()));
    let modifiee = modifiee.update(db).await?;
    if premier {
        let inscrits = personnes_inscrites(db, id).await?;
        crate::notification::service::notifier(
            db,
            &inscrits,
            &format!("Compte rendu : {}", modifiee.titre),
            &format!(
                "{} a publié le compte rendu de « {} » ({}).",
                organisateur(&modifiee),
                modifiee.titre,
                quand(&modifiee)
            ),
            "/rencontres",
        )
        .await?;
    }
    relue(db, acteur, modifiee).await
}

async fn personnes_inscrites(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Vec<utilisateur::Model>, AppError> {
    let ids = inscription::Entity::find()
        .filter(inscription::Column::RencontreId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.utilisateur_id);
    Ok(utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids))
        .all(db)
        .await?)
}

/// The organiser cancels a rencontre still to come; the registered and those it was relayed to
/// are told.
pub async fn annuler(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    aujourd_hui: NaiveDate,
) -> Result<(), AppError> {
    let trouvee = a_organiser(db, acteur, id).await?;
    if !inscriptions_ouvertes(trouvee.date, aujourd_hui) {
        return Err(AppError::InvalidInput(
            "Une rencontre passée ne s’annule plus : écrivez son compte rendu.".to_owned(),
        ));
    }
    let mut prevenus = personnes_inscrites(db, id).await?;
    let relayes: Vec<i64> = relais::Entity::find()
        .filter(relais::Column::RencontreId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.utilisateur_id)
        .filter(|u| !prevenus.iter().any(|p| p.id == *u))
        .collect();
    prevenus.extend(
        utilisateur::Entity::find()
            .filter(utilisateur::Column::Id.is_in(relayes))
            .all(db)
            .await?,
    );
    crate::notification::service::notifier(
        db,
        &prevenus,
        &format!("Annulée : {}", trouvee.titre),
        &format!(
            "{} a annulé « {} », prévue {}.",
            organisateur(&trouvee),
            trouvee.titre,
            quand(&trouvee)
        ),
        "/rencontres",
    )
    .await?;
    rencontre::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Who registered to a rencontre, for its organiser (ANCT reads them too).
pub async fn participants(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<Vec<Participant>, AppError> {
    if acteur.role()?.role == Role::Anct {
        introuvable_sinon(rencontre::Entity::find_by_id(id).one(db).await?)?;
    } else {
        a_organiser(db, acteur, id).await?;
    }
    let inscriptions = inscription::Entity::find()
        .filter(inscription::Column::RencontreId.eq(id))
        .order_by_asc(inscription::Column::InscritLe)
        .all(db)
        .await?;
    let ids: Vec<i64> = inscriptions.iter().map(|i| i.utilisateur_id).collect();
    let personnes: BTreeMap<i64, utilisateur::Model> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let relayes: BTreeSet<i64> = relais::Entity::find()
        .filter(relais::Column::RencontreId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.utilisateur_id)
        .collect();
    Ok(inscriptions
        .into_iter()
        .filter_map(|i| {
            let personne = personnes.get(&i.utilisateur_id)?.clone();
            Some(Participant {
                par_relais: relayes.contains(&personne.id),
                personne,
                inscrit_le: i.inscrit_le,
            })
        })
        .collect())
}
