//! The dossier of a candidature beyond its form: the documents (their bytes in the storage, what they are
//! here), the documents the call requires, and the messages its structure, the préfecture of its
//! département and ANCT write to each other, each announced to the other parties.

use std::collections::{BTreeSet, HashMap};

use bytes::Bytes;
use chrono::Utc;
use maillage_shared::candidature::CasDeFigure;
use maillage_shared::candidature::pieces::{
    Echange, LONGUEUR_MESSAGE_MAX, NaturePiece, PieceRequise, echange_permis, nom_de_piece,
    pieces_manquantes, verifier_fichier,
};
use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use sha2::{Digest, Sha256};

use super::acces::{lien, lire, statut};
use super::entity::{candidature, historique_candidature, message_candidature, piece_jointe, piece_requise};
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::error::AppError;
use crate::notification::service as notification;
use crate::stockage::Stockage;
use crate::structure::service as structures;

/// Messages a person may send in an hour (each one emails the other parties).
pub const MESSAGES_PAR_HEURE: usize = 30;
/// Documents a person may attach in an hour.
pub const PIECES_PAR_HEURE: usize = 60;

/// The call's required documents, as its rows say.
pub fn liste_requise(rows: &[piece_requise::Model]) -> Vec<PieceRequise> {
    rows.iter()
        .filter_map(|row| {
            Some(PieceRequise {
                nature: NaturePiece::parse(&row.nature)?,
                cas: row.cas.as_deref().and_then(CasDeFigure::parse),
                categorie: row.categorie.as_deref().and_then(CategorieStructure::parse),
            })
        })
        .collect()
}

/// The natures of the documents attached.
pub fn natures(pieces: &[piece_jointe::Model]) -> Vec<NaturePiece> {
    pieces
        .iter()
        .filter_map(|p| NaturePiece::parse(&p.nature))
        .collect()
}

/// The documents the call requires of this candidature that are not attached yet.
pub async fn manquantes(
    db: &impl ConnectionTrait,
    row: &candidature::Model,
) -> Result<Vec<NaturePiece>, AppError> {
    Ok(manquantes_de(db, std::slice::from_ref(row))
        .await?
        .remove(&row.id)
        .unwrap_or_default())
}

/// The documents each call requires of these candidatures (their case, their structure's category) that
/// are not attached yet, by candidature: three statements whatever their number.
pub async fn manquantes_de(
    db: &impl ConnectionTrait,
    rows: &[candidature::Model],
) -> Result<HashMap<i64, Vec<NaturePiece>>, AppError> {
    let appels: BTreeSet<i64> = rows.iter().map(|r| r.appel_id).collect();
    let mut requises: HashMap<i64, Vec<piece_requise::Model>> = HashMap::new();
    for requise in piece_requise::Entity::find()
        .filter(piece_requise::Column::AppelId.is_in(appels))
        .order_by_asc(piece_requise::Column::Id)
        .all(db)
        .await?
    {
        requises.entry(requise.appel_id).or_default().push(requise);
    }
    let categories: HashMap<i64, Option<CategorieStructure>> = crate::structure::entity::Entity::find()
        .filter(
            crate::structure::entity::Column::Id
                .is_in(rows.iter().map(|r| r.structure_id).collect::<BTreeSet<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.categorie.as_deref().and_then(CategorieStructure::parse)))
        .collect();
    let mut jointes: HashMap<i64, Vec<NaturePiece>> = HashMap::new();
    for piece in piece_jointe::Entity::find()
        .filter(piece_jointe::Column::CandidatureId.is_in(rows.iter().map(|r| r.id)))
        .all(db)
        .await?
    {
        if let Some(nature) = NaturePiece::parse(&piece.nature) {
            jointes.entry(piece.candidature_id).or_default().push(nature);
        }
    }
    Ok(rows
        .iter()
        .map(|row| {
            let manquantes = pieces_manquantes(
                &liste_requise(requises.get(&row.appel_id).map_or(&[][..], Vec::as_slice)),
                row.cas.as_deref().and_then(CasDeFigure::parse),
                categories.get(&row.structure_id).copied().flatten(),
                jointes.get(&row.id).map_or(&[][..], Vec::as_slice),
            );
            (row.id, manquantes)
        })
        .collect())
}

/// The messages of these candidatures, oldest first, each with the documents sent with it, by candidature:
/// two statements whatever their number.
pub async fn echanges_de(
    db: &impl ConnectionTrait,
    candidatures: &[i64],
) -> Result<HashMap<i64, Vec<(message_candidature::Model, Vec<piece_jointe::Model>)>>, AppError> {
    let mut pieces: HashMap<i64, Vec<piece_jointe::Model>> = HashMap::new();
    for piece in piece_jointe::Entity::find()
        .filter(piece_jointe::Column::CandidatureId.is_in(candidatures.iter().copied()))
        .filter(piece_jointe::Column::MessageId.is_not_null())
        .order_by_asc(piece_jointe::Column::Id)
        .all(db)
        .await?
    {
        if let Some(message) = piece.message_id {
            pieces.entry(message).or_default().push(piece);
        }
    }
    let mut echanges: HashMap<i64, Vec<_>> = candidatures.iter().map(|id| (*id, Vec::new())).collect();
    for message in message_candidature::Entity::find()
        .filter(message_candidature::Column::CandidatureId.is_in(candidatures.iter().copied()))
        .order_by_asc(message_candidature::Column::Id)
        .all(db)
        .await?
    {
        let jointes = pieces.remove(&message.id).unwrap_or_default();
        echanges
            .entry(message.candidature_id)
            .or_default()
            .push((message, jointes));
    }
    Ok(echanges)
}

/// The documents of a candidature, oldest first.
pub async fn pieces(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<piece_jointe::Model>, AppError> {
    Ok(piece_jointe::Entity::find()
        .filter(piece_jointe::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(piece_jointe::Column::Id)
        .all(db)
        .await?)
}

/// The candidature, when the caller may attach a document to it now (before its file is received).
pub async fn autoriser_piece(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
) -> Result<candidature::Model, AppError> {
    let row = lire(db, acteur, candidature_id).await?;
    echange_permis(acteur.role()?.role, statut(&row), Echange::Piece)?;
    seule_la_porteuse(acteur, &row)?;
    Ok(row)
}

/// On the structure's side, the structure that wrote the candidature attaches and writes; its co-porteurs
/// read.
fn seule_la_porteuse(acteur: &Acteur, row: &candidature::Model) -> Result<(), AppError> {
    if acteur.role()?.role == Role::Structure {
        super::brouillon::structure_de(acteur, row)?;
    }
    Ok(())
}

/// A document received, not yet checked.
pub struct PieceRecue<'a> {
    pub nature: NaturePiece,
    /// The name the file had on the giver's computer.
    pub nom: &'a str,
    pub contenu: Bytes,
}

/// A document whose bytes are in the storage, to record.
pub struct PieceStockee {
    nature: NaturePiece,
    nom: String,
    format: maillage_shared::candidature::pieces::FormatDePiece,
    taille: i64,
    empreinte: String,
    /// Where its bytes are.
    pub cle: String,
}

/// Checks the file (its format from its content, its size) and writes its bytes under a new key.
pub async fn stocker(
    stockage: &Stockage,
    candidature_id: i64,
    recue: PieceRecue<'_>,
) -> Result<PieceStockee, AppError> {
    let format = verifier_fichier(&recue.contenu).map_err(AppError::PieceRefusee)?;
    let cle = format!(
        "candidatures/{candidature_id}/{}.{}",
        uuid::Uuid::new_v4().simple(),
        format.extension()
    );
    let piece = PieceStockee {
        nature: recue.nature,
        nom: nom_de_piece(recue.nom, recue.nature, format),
        format,
        taille: i64::try_from(recue.contenu.len()).unwrap_or(i64::MAX),
        empreinte: hex(&Sha256::digest(&recue.contenu)),
        cle,
    };
    stockage.deposer(&piece.cle, recue.contenu).await?;
    Ok(piece)
}

/// Records a stored document of the candidature, if the caller may attach one now (checked again here: the
/// candidature may have been decided while the file travelled), within the hourly limit.
pub async fn enregistrer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    piece: &PieceStockee,
) -> Result<piece_jointe::Model, AppError> {
    autoriser_piece(db, acteur, candidature_id).await?;
    crate::journal::limiter(
        db,
        acteur,
        "joindrePiece",
        PIECES_PAR_HEURE,
        chrono::Duration::hours(1),
    )
    .await?;
    Ok(piece_jointe::ActiveModel {
        id: NotSet,
        candidature_id: Set(candidature_id),
        message_id: Set(None),
        nature: Set(piece.nature.as_str().to_owned()),
        nom: Set(piece.nom.clone()),
        format: Set(piece.format.as_str().to_owned()),
        taille: Set(piece.taille),
        empreinte: Set(piece.empreinte.clone()),
        cle: Set(piece.cle.clone()),
        deposee_par: Set(Some(acteur.utilisateur_id)),
        role_deposant: Set(acteur.role()?.role.as_str().to_owned()),
        deposee_le: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}

/// Attaches a document: checked, its bytes stored, then recorded with its audit entry in one transaction.
/// The bytes go first, without holding the database: a failed record leaves at worst bytes nobody can reach
/// (removed at once when possible), never a document without its bytes.
pub async fn joindre(
    db: &DatabaseConnection,
    stockage: &Stockage,
    acteur: &Acteur,
    candidature_id: i64,
    recue: PieceRecue<'_>,
    requete_id: &str,
) -> Result<piece_jointe::Model, AppError> {
    autoriser_piece(db, acteur, candidature_id).await?;
    let stockee = stocker(stockage, candidature_id, recue).await?;
    let enregistrement = async {
        let txn = crate::database::ecriture(db).await?;
        let piece = enregistrer(&txn, acteur, candidature_id, &stockee).await?;
        crate::journal::consigner(
            &txn,
            &crate::journal::Entree::new(
                Some(acteur),
                &format!("candidature {candidature_id}"),
                "joindrePiece",
                requete_id,
            ),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, AppError>(piece)
    };
    match enregistrement.await {
        Ok(piece) => Ok(piece),
        Err(erreur) => {
            if let Err(nettoyage) = stockage.retirer(&stockee.cle).await {
                tracing::warn!(error = ?nettoyage, cle = stockee.cle, "pièce refusée restée dans le stockage");
            }
            Err(erreur)
        }
    }
}

fn hex(octets: &[u8]) -> String {
    octets.iter().map(|o| format!("{o:02x}")).collect()
}

/// A document of a candidature the caller may read, with its bytes.
pub async fn lire_piece(
    db: &impl ConnectionTrait,
    stockage: &Stockage,
    acteur: &Acteur,
    candidature_id: i64,
    piece_id: i64,
) -> Result<(piece_jointe::Model, Bytes), AppError> {
    lire(db, acteur, candidature_id).await?;
    let piece = piece_jointe::Entity::find_by_id(piece_id)
        .filter(piece_jointe::Column::CandidatureId.eq(candidature_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Pièce introuvable.".to_owned()))?;
    let contenu = stockage.lire(&piece.cle).await?;
    Ok((piece, contenu))
}

/// The structure removes one of its documents while the candidature is a draft; once filed, the dossier as
/// filed is kept. Returns the storage key to remove once the transaction committed.
pub async fn retirer_piece(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    piece_id: i64,
) -> Result<String, AppError> {
    let piece = piece_jointe::Entity::find_by_id(piece_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Pièce introuvable.".to_owned()))?;
    let row = lire(db, acteur, piece.candidature_id).await?;
    if acteur.role()?.role != Role::Structure {
        return Err(AppError::Interdit(
            "Seule la structure retire ses pièces, avant le dépôt.".to_owned(),
        ));
    }
    seule_la_porteuse(acteur, &row)?;
    let statut = statut(&row);
    if statut != maillage_shared::candidature::StatutCandidature::Brouillon {
        return Err(maillage_shared::candidature::TransitionRefusee::Etat {
            action: maillage_shared::candidature::Action::Modifier,
            statut,
        }
        .into());
    }
    piece_jointe::Entity::delete_by_id(piece.id).exec(db).await?;
    Ok(piece.cle)
}

/// The messages of a candidature, oldest first.
pub async fn messages(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<message_candidature::Model>, AppError> {
    Ok(message_candidature::Entity::find()
        .filter(message_candidature::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(message_candidature::Column::Id)
        .all(db)
        .await?)
}

/// Writes a message on a candidature during its instruction, with documents the author attached for it
/// (not yet sent with another message), and tells the other parties: the structure's accounts, the
/// préfecture's agents of the département, the ANCT agents who took part in this instruction.
pub async fn ecrire(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    texte: &str,
    pieces: &[i64],
) -> Result<message_candidature::Model, AppError> {
    let row = lire(db, acteur, candidature_id).await?;
    let role = acteur.role()?.role;
    echange_permis(role, statut(&row), Echange::Message)?;
    seule_la_porteuse(acteur, &row)?;
    let texte = texte.trim();
    if texte.is_empty() {
        return Err(AppError::InvalidInput("Écrivez votre message.".to_owned()));
    }
    let longueur = texte.chars().count();
    if longueur > LONGUEUR_MESSAGE_MAX {
        return Err(AppError::InvalidInput(format!(
            "Le message compte {longueur} caractères : {LONGUEUR_MESSAGE_MAX} au plus."
        )));
    }
    crate::journal::limiter(
        db,
        acteur,
        "envoyerMessage",
        MESSAGES_PAR_HEURE,
        chrono::Duration::hours(1),
    )
    .await?;
    let message = message_candidature::ActiveModel {
        id: NotSet,
        candidature_id: Set(candidature_id),
        auteur_id: Set(Some(acteur.utilisateur_id)),
        role_auteur: Set(role.as_str().to_owned()),
        texte: Set(texte.to_owned()),
        envoye_le: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    if !pieces.is_empty() {
        let jointes = piece_jointe::Entity::update_many()
            .col_expr(piece_jointe::Column::MessageId, Expr::value(message.id))
            .filter(piece_jointe::Column::Id.is_in(pieces.iter().copied()))
            .filter(piece_jointe::Column::CandidatureId.eq(candidature_id))
            .filter(piece_jointe::Column::DeposeePar.eq(acteur.utilisateur_id))
            .filter(piece_jointe::Column::MessageId.is_null())
            .exec(db)
            .await?;
        let distinctes = pieces.iter().collect::<std::collections::BTreeSet<_>>().len();
        if jointes.rows_affected != u64::try_from(distinctes).unwrap_or(u64::MAX) {
            return Err(AppError::InvalidInput(
                "Une des pièces jointes n’est pas une pièce que vous venez d’ajouter à cette candidature."
                    .to_owned(),
            ));
        }
    }
    let structure = structures::par_id(db, row.structure_id).await?;
    let destinataires: Vec<utilisateur::Model> = parties(db, &row)
        .await?
        .into_iter()
        .filter(|personne| personne.id != acteur.utilisateur_id)
        .collect();
    let (titre, de) = match role {
        Role::Structure => ("Nouveau message de la structure", structure.nom.clone()),
        Role::Prefecture => ("Nouveau message de la préfecture", "La préfecture".to_owned()),
        _ => ("Nouveau message de l’ANCT", "L’ANCT".to_owned()),
    };
    let apercu: String = texte.chars().take(300).collect();
    let suite = if apercu.len() < texte.len() { "…" } else { "" };
    notification::notifier(
        db,
        &destinataires,
        titre,
        &format!(
            "{de} a écrit sur la candidature de {} :\n\n« {apercu}{suite} »",
            structure.nom
        ),
        &format!("{}#messages", lien(candidature_id)),
    )
    .await?;
    Ok(message)
}

/// The people of the three parties of a candidature: its structure's accounts, the préfecture's agents of
/// its département, and the ANCT agents who acted on it or wrote on it.
async fn parties(
    db: &impl ConnectionTrait,
    row: &candidature::Model,
) -> Result<Vec<utilisateur::Model>, AppError> {
    let mut personnes =
        notification::titulaires(db, Role::Structure, Some(row.structure_id), None, None).await?;
    personnes.extend(
        notification::titulaires(db, Role::Prefecture, None, Some(&row.departement_code), None).await?,
    );
    let mut agents_anct: Vec<i64> = historique_candidature::Entity::find()
        .filter(historique_candidature::Column::CandidatureId.eq(row.id))
        .filter(historique_candidature::Column::Role.eq(Role::Anct.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|entree| entree.utilisateur_id)
        .collect();
    agents_anct.extend(
        messages(db, row.id)
            .await?
            .into_iter()
            .filter(|message| message.role_auteur == Role::Anct.as_str())
            .filter_map(|message| message.auteur_id),
    );
    if !agents_anct.is_empty() {
        personnes.extend(
            utilisateur::Entity::find()
                .filter(utilisateur::Column::Id.is_in(agents_anct))
                .all(db)
                .await?,
        );
    }
    personnes.sort_by_key(|personne| personne.id);
    personnes.dedup_by_key(|personne| personne.id);
    Ok(personnes)
}
