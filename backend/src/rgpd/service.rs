//! What is held about a person, its erasure, and the purge of data past its retention period.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

use crate::compte::acteur::Acteur;
use crate::compte::entity::{jeton_compte, role_utilisateur, session, utilisateur};
use crate::equipe::entity::invitation;
use crate::error::AppError;
use crate::notification::entity::{email_sortant, notification};
use crate::poste::entity::{conseiller, coordinateur, profil_candidat, recrutement};

/// An email's text without the secrets its links carry (an invitation's token): the export is handed to
/// whoever holds the account, who may not be the owner of the address, so it never gives a live link. A
/// secret is any run of 32 or more letters, digits, `-` and `_`, which French text never is.
pub fn sans_secrets(texte: &str) -> String {
    let mut sortie = String::with_capacity(texte.len());
    let mut mot = String::new();
    let vider = |mot: &mut String, sortie: &mut String| {
        if mot.chars().count() >= 32 {
            sortie.push_str("[lien personnel retiré]");
        } else {
            sortie.push_str(mot);
        }
        mot.clear();
    };
    for c in texte.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            mot.push(c);
        } else {
            vider(&mut mot, &mut sortie);
            sortie.push(c);
        }
    }
    vider(&mut mot, &mut sortie);
    sortie
}

/// Everything held about the caller, as one JSON document.
pub async fn donnees(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Value, AppError> {
    let id = acteur.utilisateur_id;
    let personne = utilisateur::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Compte introuvable.".to_owned()))?;
    let roles = role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::UtilisateurId.eq(id))
        .all(db)
        .await?;
    let sessions = session::Entity::find()
        .filter(session::Column::UtilisateurId.eq(id))
        .order_by_asc(session::Column::CreeLe)
        .all(db)
        .await?;
    let liens = jeton_compte::Entity::find()
        .filter(jeton_compte::Column::UtilisateurId.eq(id))
        .order_by_asc(jeton_compte::Column::CreeLe)
        .all(db)
        .await?;
    let profil = profil_candidat::Entity::find()
        .filter(profil_candidat::Column::UtilisateurId.eq(id))
        .one(db)
        .await?;
    let conseillers = conseiller::Entity::find()
        .filter(conseiller::Column::UtilisateurId.eq(id))
        .all(db)
        .await?;
    let coordinations = coordinateur::Entity::find()
        .filter(coordinateur::Column::UtilisateurId.eq(id))
        .all(db)
        .await?;
    let notifications = notification::Entity::find()
        .filter(notification::Column::UtilisateurId.eq(id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?;
    let courriels = email_sortant::Entity::find()
        .filter(email_sortant::Column::Destinataire.eq(personne.email.as_str()))
        .order_by_asc(email_sortant::Column::Id)
        .all(db)
        .await?;
    let mut activites = Vec::new();
    if !conseillers.is_empty() {
        let mut select = Query::select();
        select
            .from(Alias::new("activite"))
            .columns(
                [
                    "date",
                    "type",
                    "canal",
                    "themes",
                    "duree_minutes",
                    "participants",
                    "commune_code",
                ]
                .map(Alias::new),
            )
            .and_where(Expr::col(Alias::new("conseiller_id")).is_in(conseillers.iter().map(|c| c.id)))
            .order_by(Alias::new("date"), sea_orm::sea_query::Order::Asc);
        for ligne in db.query_all(&select).await? {
            activites.push(json!({
                "date": ligne.try_get::<chrono::NaiveDate>("", "date")?.to_string(),
                "type": ligne.try_get::<String>("", "type")?,
                "canal": ligne.try_get::<String>("", "canal")?,
                "themes": ligne.try_get::<String>("", "themes")?,
                "duree_minutes": ligne.try_get::<i32>("", "duree_minutes")?,
                "participants": ligne.try_get::<i32>("", "participants")?,
                "commune_code": ligne.try_get::<Option<String>>("", "commune_code")?,
            }));
        }
    }
    let inscriptions = crate::coordination::entity::inscription::Entity::find()
        .filter(crate::coordination::entity::inscription::Column::UtilisateurId.eq(id))
        .all(db)
        .await?;
    let rencontres = crate::rencontre::entity::inscription::Entity::find()
        .filter(crate::rencontre::entity::inscription::Column::UtilisateurId.eq(id))
        .all(db)
        .await?;
    let relais = crate::rencontre::entity::relais::Entity::find()
        .filter(crate::rencontre::entity::relais::Column::UtilisateurId.eq(id))
        .all(db)
        .await?;
    let invitations = invitations_de(db, &personne).await?;
    let formation = crate::formation::entity::Entity::find_by_id(id).one(db).await?;
    // The lieux they changed by form and the reports they resolved (the answer they wrote).
    let mut modifications = Vec::new();
    let select = Query::select()
        .from(Alias::new("modification_lieu"))
        .columns(["lieu_id", "le", "nature", "changements"].map(Alias::new))
        .and_where(Expr::col(Alias::new("auteur_id")).eq(id))
        .order_by(Alias::new("id"), sea_orm::sea_query::Order::Asc)
        .to_owned();
    for ligne in db.query_all(&select).await? {
        modifications.push(json!({
            "lieu_id": ligne.try_get::<String>("", "lieu_id")?,
            "le": ligne.try_get::<DateTime<Utc>>("", "le")?,
            "nature": ligne.try_get::<String>("", "nature")?,
            "changements": serde_json::from_str::<serde_json::Value>(&ligne.try_get::<String>("", "changements")?)
                .unwrap_or_default(),
        }));
    }
    let mut resolus = Vec::new();
    let select = Query::select()
        .from(Alias::new("signalement_lieu"))
        .columns(["lieu_id", "resolu_le", "reponse"].map(Alias::new))
        .and_where(Expr::col(Alias::new("resolu_par")).eq(id))
        .order_by(Alias::new("id"), sea_orm::sea_query::Order::Asc)
        .to_owned();
    for ligne in db.query_all(&select).await? {
        resolus.push(json!({
            "lieu_id": ligne.try_get::<String>("", "lieu_id")?,
            "resolu_le": ligne.try_get::<Option<DateTime<Utc>>>("", "resolu_le")?,
            "reponse": ligne.try_get::<Option<String>>("", "reponse")?,
        }));
    }
    let mut journal = Query::select();
    journal
        .from(Alias::new("journal"))
        .columns(["le", "role", "objet", "action", "requete_id"].map(Alias::new))
        .and_where(Expr::col(Alias::new("acteur_id")).eq(id))
        .order_by(Alias::new("id"), sea_orm::sea_query::Order::Asc);
    let mut actions = Vec::new();
    for ligne in db.query_all(&journal).await? {
        actions.push(json!({
            "le": ligne.try_get::<String>("", "le")?,
            "role": ligne.try_get::<String>("", "role")?,
            "objet": ligne.try_get::<String>("", "objet")?,
            "action": ligne.try_get::<String>("", "action")?,
        }));
    }
    Ok(json!({
        "compte": {
            "email": personne.email,
            "prenom": personne.prenom,
            "nom": personne.nom,
            "cree_le": personne.cree_le,
        },
        "roles": roles.iter().map(|r| json!({
            "role": r.role, "structure_id": r.structure_id,
            "departement_code": r.departement_code, "region_code": r.region_code,
        })).collect::<Vec<_>>(),
        "sessions": sessions.iter().map(|s| json!({ "ouverte_le": s.cree_le, "expire_le": s.expire_le })).collect::<Vec<_>>(),
        // What each link was for and where it went; its secret is not kept (only its hash, left out too).
        "liens_envoyes": liens.iter().map(|l| json!({
            "usage": l.usage, "adresse": l.adresse, "envoye_le": l.cree_le, "expire_le": l.expire_le,
            "utilise_le": l.utilise_le,
        })).collect::<Vec<_>>(),
        "profil_candidat": profil.map(|p| json!({
            "commune_code": p.commune_code, "rayon_km": p.rayon_km, "disponible_le": p.disponible_le,
            "experience": p.experience, "diplomes": p.diplomes, "pix": p.pix, "ccp1": p.ccp1,
            "visible": p.visible, "cree_le": p.cree_le, "modifie_le": p.modifie_le,
        })),
        "postes_de_conseiller": conseillers.iter().map(|c| json!({
            "structure_id": c.structure_id, "commune_code": c.commune_code,
            "contrat_debut": c.contrat_debut, "contrat_fin": c.contrat_fin,
        })).collect::<Vec<_>>(),
        "postes_de_coordinateur": coordinations.iter().map(|c| json!({
            "candidature_id": c.candidature_id, "en_poste_depuis": c.en_poste_depuis, "parti_le": c.parti_le,
            "visible_carte": c.visible_carte,
        })).collect::<Vec<_>>(),
        "accompagnements": activites,
        "notifications": notifications.iter().map(|n| json!({
            "titre": n.titre, "message": n.message, "lue": n.lue, "cree_le": n.cree_le,
        })).collect::<Vec<_>>(),
        "courriels": courriels.iter().map(|c| json!({
            "sujet": c.sujet, "corps": sans_secrets(&c.corps), "cree_le": c.cree_le, "envoye_le": c.envoye_le,
        })).collect::<Vec<_>>(),
        "inscriptions_aux_journees": inscriptions.iter().map(|i| json!({
            "journee_id": i.action_id, "inscrit_le": i.inscrit_le,
        })).collect::<Vec<_>>(),
        "inscriptions_aux_rencontres_regionales": rencontres.iter().map(|i| json!({
            "rencontre_id": i.rencontre_id, "inscrit_le": i.inscrit_le,
        })).collect::<Vec<_>>(),
        "modifications_de_lieux": modifications,
        "signalements_de_lieux_resolus": resolus,
        "formations_relayees": relais.iter().map(|r| json!({
            "rencontre_id": r.rencontre_id, "relaye_le": r.relaye_le,
        })).collect::<Vec<_>>(),
        "formation": formation.map(|f| json!({
            "ccp1": f.ccp1, "ccp1_le": f.ccp1_le, "pix": f.pix, "pix_le": f.pix_le,
            "module_continu": f.module_continu, "module_continu_le": f.module_continu_le, "modifie_le": f.modifie_le,
        })),
        "invitations_dans_une_equipe": invitations.iter().map(|i| json!({
            "coordinateur_id": i.coordinateur_id, "email": i.email, "prenom": i.prenom, "nom": i.nom,
            "structure": i.structure, "commune_code": i.commune_code, "statut": i.statut,
            "envoyee_le": i.envoyee_le, "repondue_le": i.repondue_le, "arrive_le": i.arrive_le,
            "parti_le": i.parti_le, "motif_depart": i.motif_depart,
        })).collect::<Vec<_>>(),
        "journal": actions,
    }))
}

/// The invitations into a team addressed to the person (by address, answered or not) or accepted by them.
async fn invitations_de(
    db: &impl ConnectionTrait,
    personne: &utilisateur::Model,
) -> Result<Vec<invitation::Model>, AppError> {
    Ok(invitation::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(invitation::Column::UtilisateurId.eq(personne.id))
                .add(invitation::Column::Email.eq(personne.email.as_str())),
        )
        .order_by_asc(invitation::Column::Id)
        .all(db)
        .await?)
}

/// Erases the caller's account after checking its password: what the programme must keep for its accounts
/// (posts of conseiller and coordinator, their activity figures, recruitments, the audit log) stays,
/// attached to an anonymous person; everything else is deleted. The person can no longer log in.
pub async fn effacer(db: &impl ConnectionTrait, acteur: &Acteur, mot_de_passe: &str) -> Result<(), AppError> {
    let id = acteur.utilisateur_id;
    let personne = utilisateur::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Compte introuvable.".to_owned()))?;
    if !crate::compte::service::verifier(&personne.mot_de_passe, mot_de_passe) {
        return Err(AppError::IdentifiantsInvalides);
    }
    email_sortant::Entity::delete_many()
        .filter(email_sortant::Column::Destinataire.eq(personne.email.as_str()))
        .exec(db)
        .await?;
    notification::Entity::delete_many()
        .filter(notification::Column::UtilisateurId.eq(id))
        .exec(db)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UtilisateurId.eq(id))
        .exec(db)
        .await?;
    jeton_compte::Entity::delete_many()
        .filter(jeton_compte::Column::UtilisateurId.eq(id))
        .exec(db)
        .await?;
    role_utilisateur::Entity::delete_many()
        .filter(role_utilisateur::Column::UtilisateurId.eq(id))
        .exec(db)
        .await?;
    crate::coordination::entity::inscription::Entity::delete_many()
        .filter(crate::coordination::entity::inscription::Column::UtilisateurId.eq(id))
        .exec(db)
        .await?;
    crate::rencontre::entity::inscription::Entity::delete_many()
        .filter(crate::rencontre::entity::inscription::Column::UtilisateurId.eq(id))
        .exec(db)
        .await?;
    crate::rencontre::entity::relais::Entity::delete_many()
        .filter(crate::rencontre::entity::relais::Column::UtilisateurId.eq(id))
        .exec(db)
        .await?;
    crate::formation::entity::Entity::delete_by_id(id)
        .exec(db)
        .await?;
    // A lieu's history keeps that it was changed, and when, not by whom.
    let anonyme = Query::update()
        .table(Alias::new("modification_lieu"))
        .value(Alias::new("auteur"), "Personne effacée")
        .and_where(Expr::col(Alias::new("auteur_id")).eq(id))
        .to_owned();
    db.execute(&anonyme).await?;
    if let Some(profil) = profil_candidat::Entity::find()
        .filter(profil_candidat::Column::UtilisateurId.eq(id))
        .one(db)
        .await?
    {
        let recrute = recrutement::Entity::find()
            .filter(recrutement::Column::ProfilCandidatId.eq(profil.id))
            .one(db)
            .await?
            .is_some();
        if recrute {
            // A recruitment is part of a funded post's file: keep it, without the CV.
            let mut anonyme = profil.into_active_model();
            anonyme.experience = Set(String::new());
            anonyme.diplomes = Set(String::new());
            anonyme.visible = Set(false);
            anonyme.update(db).await?;
        } else {
            profil_candidat::Entity::delete_by_id(profil.id).exec(db).await?;
        }
    }
    // A team's history keeps that someone was in it, not who: the invitation loses its name and address.
    for invitee in invitations_de(db, &personne).await? {
        let invitation_id = invitee.id;
        let mut anonyme = invitee.clone().into_active_model();
        anonyme.email = Set(format!("efface-{id}-{invitation_id}@invalid.maillage.fr"));
        anonyme.prenom = Set("Personne".to_owned());
        anonyme.nom = Set("effacée".to_owned());
        anonyme.structure = Set(String::new());
        anonyme.motif_depart = Set(String::new());
        anonyme.jeton_empreinte = Set(None);
        // Without an account the person is no longer in the team: they left the day they erased it.
        if invitee.statut == maillage_shared::equipe::StatutInvitation::Acceptee.as_str() {
            anonyme.statut = Set(maillage_shared::equipe::StatutInvitation::Partie
                .as_str()
                .to_owned());
            anonyme.parti_le = Set(Some(maillage_shared::jour::jour_en_metropole(Utc::now())));
        }
        anonyme.update(db).await?;
    }
    let mut anonyme = personne.into_active_model();
    anonyme.email = Set(format!("efface-{id}@invalid.maillage.fr"));
    anonyme.prenom = Set("Personne".to_owned());
    anonyme.nom = Set("effacée".to_owned());
    // Not a hash: no password can ever match it.
    anonyme.mot_de_passe = Set("!".to_owned());
    anonyme.update(db).await?;
    coordinateur::Entity::update_many()
        .col_expr(coordinateur::Column::VisibleCarte, Expr::value(false))
        .filter(coordinateur::Column::UtilisateurId.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// What [`purger`] deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Purge {
    pub sessions: u64,
    pub notifications: u64,
    pub courriels: u64,
    pub tentatives: u64,
    /// Reports of errors on lieux whose client fingerprint was deleted.
    pub empreintes_de_signalements: u64,
}

/// Deletes what is past its retention period (run hourly by the server; safe with several instances:
/// deleting twice deletes nothing more).
pub async fn purger(
    db: &impl ConnectionTrait,
    retention: &crate::settings::Retention,
    maintenant: DateTime<Utc>,
) -> Result<Purge, AppError> {
    let avant = |jours: i64| maintenant - Duration::days(jours);
    let sessions = session::Entity::delete_many()
        .filter(session::Column::ExpireLe.lt(avant(retention.sessions_jours)))
        .exec(db)
        .await?
        .rows_affected;
    let notifications = notification::Entity::delete_many()
        .filter(notification::Column::CreeLe.lt(avant(retention.notifications_jours)))
        .exec(db)
        .await?
        .rows_affected;
    let courriels = email_sortant::Entity::delete_many()
        .filter(email_sortant::Column::EnvoyeLe.lt(avant(retention.courriels_envoyes_jours)))
        .exec(db)
        .await?
        .rows_affected;
    let mut tentatives = Query::delete();
    tentatives
        .from_table(Alias::new("tentative_connexion"))
        .and_where(Expr::col(Alias::new("le")).lt(avant(retention.tentatives_connexion_jours)));
    let tentatives = db.execute(&tentatives).await?.rows_affected();
    // A report's client fingerprint only limits how many reports one client sends in an hour: kept as long
    // as a login attempt's.
    let mut empreintes = Query::update();
    empreintes
        .table(Alias::new("signalement_lieu"))
        .value(Alias::new("client"), "")
        .and_where(Expr::col(Alias::new("client")).ne(""))
        .and_where(Expr::col(Alias::new("le")).lt(avant(retention.tentatives_connexion_jours)));
    let empreintes_de_signalements = db.execute(&empreintes).await?.rows_affected();
    Ok(Purge {
        sessions,
        notifications,
        courriels,
        tentatives,
        empreintes_de_signalements,
    })
}
