//! Reading the gouvernances (open data: they hold no personal data but their history) and keeping them
//! current: only the préfecture of the département writes, each change with a line of history in the same
//! transaction. A structure's place in the gouvernance of its département is read from its SIRET.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use maillage_shared::gouvernance::{
    ActionFeuilleDeRoute, BesoinAction, FrequenceComite, NatureCollectivite, PerimetreFeuilleDeRoute,
    PlaceDansLaGouvernance, TypeComite, verifier_action_feuille, verifier_comite, verifier_feuille_de_route,
    verifier_note,
};
use maillage_shared::role::Role;
use maillage_shared::structure::Siret;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, TryIntoModel,
};

use super::entity::{action, comite, feuille_de_route, gouvernance, historique, membre};
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::error::AppError;
use crate::structure::entity as structure;
use crate::territoire::entity::{commune, departement, epci, epci_departement, region};

/// A gouvernance as it reads: none of its rows exist until the préfecture's first change.
#[derive(Debug, Clone)]
pub struct GouvernanceLue {
    pub departement_code: String,
    pub gouvernance: Option<gouvernance::Model>,
    /// Co-porteurs first, then by name.
    pub membres: Vec<membre::Model>,
    pub comites: Vec<comite::Model>,
    pub feuilles: Vec<(feuille_de_route::Model, Vec<action::Model>)>,
}

/// The gouvernances of these départements (all that exist when `None`), by département code, in five
/// statements whatever their number.
pub async fn lire(
    db: &impl ConnectionTrait,
    departements: Option<&[String]>,
) -> Result<Vec<GouvernanceLue>, AppError> {
    let codes = departements.map(<[String]>::to_vec);
    let mut gouvernances = gouvernance::Entity::find().order_by_asc(gouvernance::Column::DepartementCode);
    let mut membres = membre::Entity::find()
        .order_by_desc(membre::Column::CoPorteur)
        .order_by_asc(membre::Column::Nom)
        .order_by_asc(membre::Column::Id);
    let mut comites = comite::Entity::find().order_by_asc(comite::Column::Id);
    let mut feuilles = feuille_de_route::Entity::find().order_by_asc(feuille_de_route::Column::Id);
    if let Some(codes) = &codes {
        gouvernances = gouvernances.filter(gouvernance::Column::DepartementCode.is_in(codes.clone()));
        membres = membres.filter(membre::Column::DepartementCode.is_in(codes.clone()));
        comites = comites.filter(comite::Column::DepartementCode.is_in(codes.clone()));
        feuilles = feuilles.filter(feuille_de_route::Column::DepartementCode.is_in(codes.clone()));
    }
    let feuilles = feuilles.all(db).await?;
    let actions = action::Entity::find()
        .filter(action::Column::FeuilleDeRouteId.is_in(feuilles.iter().map(|f| f.id)))
        .order_by_asc(action::Column::Debut)
        .order_by_asc(action::Column::Id)
        .all(db)
        .await?;
    let mut lues: Vec<GouvernanceLue> = match &codes {
        Some(codes) => codes.iter().map(|code| vide(code)).collect(),
        None => Vec::new(),
    };
    let mut index: HashMap<String, usize> = lues
        .iter()
        .enumerate()
        .map(|(i, lue)| (lue.departement_code.clone(), i))
        .collect();
    let mut place = |lues: &mut Vec<GouvernanceLue>, code: &str| -> usize {
        *index.entry(code.to_owned()).or_insert_with(|| {
            lues.push(vide(code));
            lues.len() - 1
        })
    };
    for ligne in gouvernances.all(db).await? {
        let i = place(&mut lues, &ligne.departement_code);
        lues[i].gouvernance = Some(ligne);
    }
    for ligne in membres.all(db).await? {
        let i = place(&mut lues, &ligne.departement_code);
        lues[i].membres.push(ligne);
    }
    for ligne in comites.all(db).await? {
        let i = place(&mut lues, &ligne.departement_code);
        lues[i].comites.push(ligne);
    }
    let mut actions_par_feuille: HashMap<i64, Vec<action::Model>> = HashMap::new();
    for ligne in actions {
        actions_par_feuille
            .entry(ligne.feuille_de_route_id)
            .or_default()
            .push(ligne);
    }
    for ligne in feuilles {
        let i = place(&mut lues, &ligne.departement_code);
        let actions = actions_par_feuille.remove(&ligne.id).unwrap_or_default();
        lues[i].feuilles.push((ligne, actions));
    }
    Ok(lues)
}

fn vide(code: &str) -> GouvernanceLue {
    GouvernanceLue {
        departement_code: code.to_owned(),
        gouvernance: None,
        membres: Vec::new(),
        comites: Vec::new(),
        feuilles: Vec::new(),
    }
}

/// The history of a gouvernance, newest first, with each author's name: the préfecture of the département, the SGAR and the hub of
/// its région and ANCT read it (it names the agents).
pub async fn historique(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
) -> Result<Vec<(historique::Model, Option<String>)>, AppError> {
    if !agent_du_territoire(db, acteur, departement_code).await? {
        return Err(AppError::Interdit(
            "L’historique d’une gouvernance se lit par sa préfecture, le SGAR, le hub de sa région et l’ANCT."
                .to_owned(),
        ));
    }
    let lignes = historique::Entity::find()
        .filter(historique::Column::DepartementCode.eq(departement_code))
        .order_by_desc(historique::Column::Le)
        .order_by_desc(historique::Column::Id)
        .all(db)
        .await?;
    let auteurs: HashMap<i64, String> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(lignes.iter().filter_map(|l| l.utilisateur_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} {}", u.prenom, u.nom)))
        .collect();
    Ok(lignes
        .into_iter()
        .map(|ligne| {
            let auteur = ligne.utilisateur_id.and_then(|id| auteurs.get(&id).cloned());
            (ligne, auteur)
        })
        .collect())
}

/// Whether the caller is an agent of the State over the département: its préfecture, the SGAR or hub of its
/// région, ANCT.
pub(super) async fn agent_du_territoire(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
) -> Result<bool, AppError> {
    let role = acteur.role()?;
    Ok(match role.role {
        Role::Prefecture => role.departement_code.as_deref() == Some(departement_code),
        Role::Sgar | Role::Hub => {
            let departement = departement::Entity::find_by_id(departement_code.to_owned())
                .one(db)
                .await?;
            departement.is_some_and(|d| role.region_code.as_deref() == Some(d.region_code.as_str()))
        }
        Role::Anct => true,
        _ => false,
    })
}

/// Only the préfecture of the département keeps its gouvernance.
pub(super) fn verifier_ecriture(acteur: &Acteur, departement_code: &str) -> Result<(), AppError> {
    let role = acteur.role()?;
    if role.role == Role::Prefecture && role.departement_code.as_deref() == Some(departement_code) {
        Ok(())
    } else {
        Err(AppError::Interdit(
            "La gouvernance d’un département est tenue par sa préfecture.".to_owned(),
        ))
    }
}

/// Records a change: creates the gouvernance on its first one, stamps who changed it and when, and writes
/// its line of history.
pub(super) async fn consigner(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
    texte: String,
) -> Result<(), AppError> {
    let maintenant = Utc::now();
    gouvernance::Entity::insert(gouvernance::ActiveModel {
        departement_code: Set(departement_code.to_owned()),
        note_de_contexte: Set(String::new()),
        modifiee_le: Set(maintenant),
        modifiee_par: Set(Some(acteur.utilisateur_id)),
    })
    .on_conflict(
        OnConflict::column(gouvernance::Column::DepartementCode)
            .update_columns([gouvernance::Column::ModifieeLe, gouvernance::Column::ModifieePar])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    historique::ActiveModel {
        id: NotSet,
        departement_code: Set(departement_code.to_owned()),
        le: Set(maintenant),
        utilisateur_id: Set(Some(acteur.utilisateur_id)),
        texte: Set(texte),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub(super) fn refuser(quoi: &str, problemes: Vec<String>) -> Result<(), AppError> {
    if problemes.is_empty() {
        Ok(())
    } else {
        Err(AppError::InvalidInput(format!(
            "{quoi} refusé : {}.",
            problemes.join(" ; ")
        )))
    }
}

/// Replaces the note of context.
pub async fn modifier_note(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
    note: &str,
) -> Result<(), AppError> {
    verifier_ecriture(acteur, departement_code)?;
    refuser("Texte", verifier_note(note))?;
    consigner(
        db,
        acteur,
        departement_code,
        "Note de contexte modifiée".to_owned(),
    )
    .await?;
    gouvernance::Entity::update_many()
        .col_expr(
            gouvernance::Column::NoteDeContexte,
            sea_orm::sea_query::Expr::value(note.trim().to_owned()),
        )
        .filter(gouvernance::Column::DepartementCode.eq(departement_code))
        .exec(db)
        .await?;
    Ok(())
}

/// Who a new member is: a structure by SIRET (named by the préfecture unless Maillage knows it), or a
/// collectivité by the territory it governs (named from the referential).
#[derive(Debug, Clone)]
pub enum NouveauMembre {
    Structure {
        siret: String,
        nom: String,
    },
    Collectivite {
        nature: NatureCollectivite,
        code: String,
    },
}

/// The collectivité's name, when its territory is the département, its région, or lies in it.
async fn nom_de_collectivite(
    db: &impl ConnectionTrait,
    departement_code: &str,
    nature: NatureCollectivite,
    code: &str,
) -> Result<String, AppError> {
    let hors = || {
        AppError::InvalidInput(format!(
            "{} « {code} » n’est pas un territoire du département {departement_code}.",
            nature.libelle()
        ))
    };
    let nom = match nature {
        NatureCollectivite::Commune => commune::Entity::find_by_id(code.to_owned())
            .one(db)
            .await?
            .filter(|c| c.departement_code == departement_code)
            .map(|c| c.nom),
        NatureCollectivite::Epci => {
            let lie = epci_departement::Entity::find()
                .filter(epci_departement::Column::EpciCode.eq(code))
                .filter(epci_departement::Column::DepartementCode.eq(departement_code))
                .one(db)
                .await?
                .is_some();
            if lie {
                epci::Entity::find_by_id(code.to_owned())
                    .one(db)
                    .await?
                    .map(|e| e.nom)
            } else {
                None
            }
        }
        NatureCollectivite::Departement => departement::Entity::find_by_id(code.to_owned())
            .one(db)
            .await?
            .filter(|d| d.code == departement_code)
            .map(|d| format!("Département — {}", d.nom)),
        NatureCollectivite::Region => {
            let du_departement = departement::Entity::find_by_id(departement_code.to_owned())
                .one(db)
                .await?
                .map(|d| d.region_code);
            match du_departement.filter(|r| r == code) {
                Some(code) => region::Entity::find_by_id(code)
                    .one(db)
                    .await?
                    .map(|r| format!("Région — {}", r.nom)),
                None => None,
            }
        }
    };
    nom.ok_or_else(hors)
}

/// Adds a member to the gouvernance of a département.
pub async fn ajouter_membre(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
    nouveau: &NouveauMembre,
    co_porteur: bool,
) -> Result<membre::Model, AppError> {
    verifier_ecriture(acteur, departement_code)?;
    let (nom, siret, nature, code) = match nouveau {
        NouveauMembre::Structure { siret, nom } => {
            let siret = Siret::parse(siret)?;
            let connue = structure::Entity::find()
                .filter(structure::Column::Siret.eq(siret.as_str()))
                .one(db)
                .await?;
            let nom = match connue {
                Some(structure) => structure.nom,
                None => {
                    let mut problemes = Vec::new();
                    let longueur = nom.trim().chars().count();
                    if !(2..=maillage_shared::gouvernance::NOM_MAX).contains(&longueur) {
                        problemes.push(
                            "le nom de la structure est attendu (Maillage ne la connaît pas encore)"
                                .to_owned(),
                        );
                    }
                    refuser("Membre", problemes)?;
                    nom.trim().to_owned()
                }
            };
            (nom, Some(siret.as_str().to_owned()), None, None)
        }
        NouveauMembre::Collectivite { nature, code } => {
            let code = code.trim().to_ascii_uppercase();
            let nom = nom_de_collectivite(db, departement_code, *nature, &code).await?;
            (nom, None, Some(nature.as_str().to_owned()), Some(code))
        }
    };
    let deja = membre::Entity::find()
        .filter(membre::Column::DepartementCode.eq(departement_code))
        .filter(match (&siret, &nature, &code) {
            (Some(siret), _, _) => Condition::all().add(membre::Column::Siret.eq(siret.as_str())),
            (None, nature, code) => Condition::all()
                .add(membre::Column::NatureCollectivite.eq(nature.clone()))
                .add(membre::Column::CodeTerritoire.eq(code.clone())),
        })
        .one(db)
        .await?;
    if deja.is_some() {
        return Err(AppError::Conflit(format!(
            "{nom} est déjà membre de la gouvernance."
        )));
    }
    consigner(
        db,
        acteur,
        departement_code,
        format!(
            "{nom} ajouté{}",
            if co_porteur {
                " comme co-porteur"
            } else {
                " comme membre"
            }
        ),
    )
    .await?;
    Ok(membre::ActiveModel {
        id: NotSet,
        departement_code: Set(departement_code.to_owned()),
        nom: Set(nom),
        siret: Set(siret),
        nature_collectivite: Set(nature),
        code_territoire: Set(code),
        co_porteur: Set(co_porteur),
        ajoute_le: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}

async fn membre_a_changer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<membre::Model, AppError> {
    let membre = membre::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Membre de gouvernance introuvable.".to_owned()))?;
    verifier_ecriture(acteur, &membre.departement_code)?;
    Ok(membre)
}

/// Makes a member co-porteur of the gouvernance, or not.
pub async fn designer_co_porteur(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    co_porteur: bool,
) -> Result<membre::Model, AppError> {
    let membre = membre_a_changer(db, acteur, id).await?;
    if membre.co_porteur == co_porteur {
        return Ok(membre);
    }
    consigner(
        db,
        acteur,
        &membre.departement_code,
        format!(
            "{} {}",
            membre.nom,
            if co_porteur {
                "devient co-porteur"
            } else {
                "n’est plus co-porteur"
            }
        ),
    )
    .await?;
    let mut modifie: membre::ActiveModel = membre.into();
    modifie.co_porteur = Set(co_porteur);
    Ok(modifie.update(db).await?)
}

/// Removes a member (a feuille de route it carried keeps going without carrier); returns the gouvernance's
/// département.
pub async fn retirer_membre(db: &impl ConnectionTrait, acteur: &Acteur, id: i64) -> Result<String, AppError> {
    let membre = membre_a_changer(db, acteur, id).await?;
    consigner(
        db,
        acteur,
        &membre.departement_code,
        format!("{} retiré", membre.nom),
    )
    .await?;
    let departement = membre.departement_code.clone();
    membre.delete(db).await?;
    Ok(departement)
}

/// A comité as the préfecture writes it.
#[derive(Debug, Clone)]
pub struct ComiteEcrit {
    pub type_comite: TypeComite,
    pub frequence: FrequenceComite,
    pub prochaine_reunion: Option<NaiveDate>,
    pub commentaire: String,
}

/// Creates a comité (`id: None`) or replaces one.
pub async fn enregistrer_comite(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
    id: Option<i64>,
    ecrit: &ComiteEcrit,
    aujourd_hui: NaiveDate,
) -> Result<comite::Model, AppError> {
    verifier_ecriture(acteur, departement_code)?;
    refuser(
        "Comité",
        verifier_comite(ecrit.prochaine_reunion, &ecrit.commentaire, aujourd_hui),
    )?;
    let mut ligne = match id {
        Some(id) => comite::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|c| c.departement_code == departement_code)
            .ok_or_else(|| AppError::Introuvable("Comité introuvable.".to_owned()))?
            .into(),
        None => comite::ActiveModel {
            id: NotSet,
            departement_code: Set(departement_code.to_owned()),
            ..Default::default()
        },
    };
    consigner(
        db,
        acteur,
        departement_code,
        format!(
            "Comité {} {}",
            ecrit.type_comite.libelle().to_lowercase(),
            if id.is_some() { "modifié" } else { "ajouté" }
        ),
    )
    .await?;
    ligne.type_comite = Set(ecrit.type_comite.as_str().to_owned());
    ligne.frequence = Set(ecrit.frequence.as_str().to_owned());
    ligne.prochaine_reunion = Set(ecrit.prochaine_reunion);
    ligne.commentaire = Set(ecrit.commentaire.trim().to_owned());
    ligne.modifie_le = Set(Utc::now());
    Ok(ligne.save(db).await?.try_into_model()?)
}

/// Removes a comité; returns the gouvernance's département.
pub async fn retirer_comite(db: &impl ConnectionTrait, acteur: &Acteur, id: i64) -> Result<String, AppError> {
    let ligne = comite::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Comité introuvable.".to_owned()))?;
    verifier_ecriture(acteur, &ligne.departement_code)?;
    let libelle = TypeComite::parse(&ligne.type_comite).map_or("", |t| t.libelle());
    consigner(
        db,
        acteur,
        &ligne.departement_code,
        format!("Comité {} retiré", libelle.to_lowercase()),
    )
    .await?;
    let departement = ligne.departement_code.clone();
    ligne.delete(db).await?;
    Ok(departement)
}

/// A feuille de route as the préfecture writes it.
#[derive(Debug, Clone)]
pub struct FeuilleEcrite {
    pub nom: String,
    pub perimetre: PerimetreFeuilleDeRoute,
    pub porteur_id: Option<i64>,
    pub contexte: String,
}

/// Creates a feuille de route (`id: None`) or replaces one; its carrier is a member of the same gouvernance.
pub async fn enregistrer_feuille(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
    id: Option<i64>,
    ecrite: &FeuilleEcrite,
) -> Result<feuille_de_route::Model, AppError> {
    verifier_ecriture(acteur, departement_code)?;
    refuser(
        "Feuille de route",
        verifier_feuille_de_route(&ecrite.nom, &ecrite.contexte),
    )?;
    if let Some(porteur) = ecrite.porteur_id {
        membre::Entity::find_by_id(porteur)
            .one(db)
            .await?
            .filter(|m| m.departement_code == departement_code)
            .ok_or_else(|| {
                AppError::InvalidInput(
                    "Le porteur d’une feuille de route est un membre de la gouvernance.".to_owned(),
                )
            })?;
    }
    let mut ligne = match id {
        Some(id) => feuille_a_changer(db, acteur, id)
            .await?
            .filter(|f| f.departement_code == departement_code)
            .ok_or_else(|| AppError::Introuvable("Feuille de route introuvable.".to_owned()))?
            .into(),
        None => feuille_de_route::ActiveModel {
            id: NotSet,
            departement_code: Set(departement_code.to_owned()),
            ..Default::default()
        },
    };
    consigner(
        db,
        acteur,
        departement_code,
        format!(
            "Feuille de route « {} » {}",
            ecrite.nom.trim(),
            if id.is_some() { "modifiée" } else { "ajoutée" }
        ),
    )
    .await?;
    ligne.nom = Set(ecrite.nom.trim().to_owned());
    ligne.perimetre = Set(ecrite.perimetre.as_str().to_owned());
    ligne.porteur_id = Set(ecrite.porteur_id);
    ligne.contexte = Set(ecrite.contexte.trim().to_owned());
    ligne.modifiee_le = Set(Utc::now());
    Ok(ligne.save(db).await?.try_into_model()?)
}

/// A feuille de route the caller keeps.
async fn feuille_a_changer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<Option<feuille_de_route::Model>, AppError> {
    let Some(feuille) = feuille_de_route::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    verifier_ecriture(acteur, &feuille.departement_code)?;
    Ok(Some(feuille))
}

/// Removes a feuille de route and its actions; returns the gouvernance's département.
pub async fn retirer_feuille(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<String, AppError> {
    let feuille = feuille_a_changer(db, acteur, id)
        .await?
        .ok_or_else(|| AppError::Introuvable("Feuille de route introuvable.".to_owned()))?;
    consigner(
        db,
        acteur,
        &feuille.departement_code,
        format!("Feuille de route « {} » retirée", feuille.nom),
    )
    .await?;
    action::Entity::delete_many()
        .filter(action::Column::FeuilleDeRouteId.eq(feuille.id))
        .exec(db)
        .await?;
    let departement = feuille.departement_code.clone();
    feuille.delete(db).await?;
    Ok(departement)
}

/// The needs stored with `|`.
pub fn besoins(ligne: &action::Model) -> Vec<BesoinAction> {
    ligne.besoins.split('|').filter_map(BesoinAction::parse).collect()
}

/// Adds an action to a feuille de route (`id: None`) or replaces one of its actions; returns the
/// gouvernance's département.
pub async fn enregistrer_action(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    feuille_id: i64,
    id: Option<i64>,
    ecrite: &ActionFeuilleDeRoute,
) -> Result<String, AppError> {
    let feuille = feuille_a_changer(db, acteur, feuille_id)
        .await?
        .ok_or_else(|| AppError::Introuvable("Feuille de route introuvable.".to_owned()))?;
    refuser("Action", verifier_action_feuille(ecrite))?;
    let mut ligne = match id {
        Some(id) => action::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|a| a.feuille_de_route_id == feuille.id)
            .ok_or_else(|| AppError::Introuvable("Action introuvable.".to_owned()))?
            .into(),
        None => action::ActiveModel {
            id: NotSet,
            feuille_de_route_id: Set(feuille.id),
            ..Default::default()
        },
    };
    consigner(
        db,
        acteur,
        &feuille.departement_code,
        format!(
            "Action « {} » de la feuille de route « {} » {}",
            ecrite.nom.trim(),
            feuille.nom,
            if id.is_some() { "modifiée" } else { "ajoutée" }
        ),
    )
    .await?;
    let mut besoins = ecrite.besoins.clone();
    besoins.sort();
    besoins.dedup();
    ligne.nom = Set(ecrite.nom.trim().to_owned());
    ligne.description = Set(ecrite.description.trim().to_owned());
    ligne.besoins = Set(besoins.iter().map(|b| b.as_str()).collect::<Vec<_>>().join("|"));
    ligne.budget = Set(ecrite.budget);
    ligne.debut = Set(ecrite.debut);
    ligne.fin = Set(ecrite.fin);
    ligne.save(db).await?;
    Ok(feuille.departement_code)
}

/// Removes an action of a feuille de route; returns the gouvernance's département.
pub async fn retirer_action(db: &impl ConnectionTrait, acteur: &Acteur, id: i64) -> Result<String, AppError> {
    let ligne = action::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Action introuvable.".to_owned()))?;
    let feuille = feuille_a_changer(db, acteur, ligne.feuille_de_route_id)
        .await?
        .ok_or_else(|| AppError::Introuvable("Feuille de route introuvable.".to_owned()))?;
    consigner(
        db,
        acteur,
        &feuille.departement_code,
        format!(
            "Action « {} » de la feuille de route « {} » retirée",
            ligne.nom, feuille.nom
        ),
    )
    .await?;
    let departement = feuille.departement_code.clone();
    ligne.delete(db).await?;
    Ok(departement)
}

/// The place of each structure (by SIRET) in the gouvernance of a département, for each `(siret,
/// département)` asked, in one statement.
pub async fn places(
    db: &impl ConnectionTrait,
    demandes: &[(String, String)],
) -> Result<HashMap<(String, String), PlaceDansLaGouvernance>, AppError> {
    let mut places: HashMap<(String, String), PlaceDansLaGouvernance> = demandes
        .iter()
        .map(|demande| (demande.clone(), PlaceDansLaGouvernance::NonMembre))
        .collect();
    if demandes.is_empty() {
        return Ok(places);
    }
    let membres = membre::Entity::find()
        .filter(membre::Column::Siret.is_in(demandes.iter().map(|(siret, _)| siret.clone())))
        .all(db)
        .await?;
    for m in membres {
        if let (Some(siret), departement) = (m.siret, m.departement_code)
            && let Some(place) = places.get_mut(&(siret, departement))
        {
            *place = PlaceDansLaGouvernance::du_membre(m.co_porteur);
        }
    }
    Ok(places)
}
