//! The programme's conseillers numériques, brought in from its file by ANCT (anywhere) or a préfecture (the
//! posts of its département). A line gives a person (by address), the employer (by SIRET, registered in
//! Maillage), the contract and the commune of the post. Each line creates or updates the person's account,
//! their conseiller role and their post: the same person's later line updates them, never duplicates. A
//! person new to Maillage receives a link to choose a password (or logs in with ProConnect); a person who
//! already had an account is told it now holds the conseiller role. Bad lines are reported with their
//! number and reason, the good ones written; the whole file in one transaction.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use maillage_shared::conseiller::{COLONNES, LigneConseiller, lire_ligne};
use maillage_shared::lieu::ErreurLigne;
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};

use super::entity::conseiller;
use crate::cellule::{ligne_du_fichier, ouvrir_csv};
use crate::compte::acteur::Acteur;
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::compte::{liens, service as comptes};
use crate::error::AppError;
use crate::structure::entity as structure;
use crate::territoire::service::communes_par_code;

/// Imports of the programme's file one person may run in a day (each sends emails).
pub const IMPORTS_PAR_JOUR: usize = 20;

/// Lines one file may hold: the programme counts about 4 000 conseillers.
pub const LIGNES_MAX: usize = 10_000;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BilanConseillers {
    /// Conseillers new to Maillage (an account or a post created).
    pub crees: usize,
    /// Conseillers already known, their post updated.
    pub mis_a_jour: usize,
    /// Lines refused, with their line number and reason.
    pub erreurs: Vec<ErreurLigne>,
}

/// The département a caller imports for: `None` for ANCT (anywhere), the préfecture's own.
fn portee(acteur: &Acteur) -> Result<Option<String>, AppError> {
    let role = acteur.role()?;
    match role.role {
        Role::Anct => Ok(None),
        Role::Prefecture => role
            .departement_code
            .clone()
            .map(Some)
            .ok_or_else(|| AppError::Interdit("Votre rôle de préfecture n’a pas de département.".to_owned())),
        _ => Err(AppError::Interdit(
            "L’import des conseillers numériques est réservé à l’ANCT et aux préfectures (pour leur département)."
                .to_owned(),
        )),
    }
}

/// Whether the caller may import conseillers (checked before the file is received).
pub fn autoriser(acteur: &Acteur) -> Result<(), AppError> {
    portee(acteur).map(|_| ())
}

/// The checked lines of a file with their number, and the refused ones.
type Lecture = (Vec<(usize, LigneConseiller)>, Vec<ErreurLigne>);

/// Reads the file.
fn lire(contenu: &[u8]) -> Result<Lecture, AppError> {
    let texte = crate::cellule::decoder(contenu)?;
    let (contenu, mut lecteur, positions) = ouvrir_csv(&texte)?;
    let manquantes: Vec<&str> = COLONNES
        .iter()
        .copied()
        .filter(|colonne| !positions.contains_key(*colonne))
        .collect();
    if !manquantes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Colonnes manquantes : {}. La première ligne du fichier nomme les colonnes {}.",
            manquantes.join(", "),
            COLONNES.join(";")
        )));
    }
    let mut lignes = Vec::new();
    let mut erreurs = Vec::new();
    let mut vues: HashMap<String, usize> = HashMap::new();
    for (index, enregistrement) in lecteur.records().enumerate() {
        if index >= LIGNES_MAX {
            return Err(AppError::InvalidInput(format!(
                "Le fichier dépasse {LIGNES_MAX} lignes : découpez-le."
            )));
        }
        let position = match &enregistrement {
            Ok(e) => e.position(),
            Err(erreur) => erreur.position(),
        };
        let numero = ligne_du_fichier(contenu, position, index + 2);
        let enregistrement = match enregistrement {
            Ok(enregistrement) => enregistrement,
            Err(erreur) => {
                erreurs.push(ErreurLigne {
                    ligne: numero,
                    motif: format!("ligne illisible : {erreur}"),
                });
                continue;
            }
        };
        let valeur = |colonne: &str| {
            positions
                .get(colonne)
                .and_then(|i| enregistrement.get(*i))
                .unwrap_or_default()
        };
        match lire_ligne(valeur) {
            Ok(ligne) => match vues.insert(ligne.email.clone(), numero) {
                Some(premiere) => erreurs.push(ErreurLigne {
                    ligne: numero,
                    motif: format!("l’adresse {} figure déjà ligne {premiere}", ligne.email),
                }),
                None => lignes.push((numero, ligne)),
            },
            Err(problemes) => erreurs.push(ErreurLigne {
                ligne: numero,
                motif: problemes.join(" ; "),
            }),
        }
    }
    Ok((lignes, erreurs))
}

/// Imports the programme's file (run inside the caller's transaction).
pub async fn importer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    contenu: &[u8],
) -> Result<BilanConseillers, AppError> {
    let departement = portee(acteur)?;
    let (lignes, mut erreurs) = lire(contenu)?;
    // What the lines refer to, each in one statement.
    let sirets: BTreeSet<&str> = lignes.iter().map(|(_, l)| l.siret.as_str()).collect();
    let employeurs: HashMap<String, structure::Model> = structure::Entity::find()
        .filter(structure::Column::Siret.is_in(sirets))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.siret.clone(), s))
        .collect();
    let emails: BTreeSet<&str> = lignes.iter().map(|(_, l)| l.email.as_str()).collect();
    let personnes: HashMap<String, utilisateur::Model> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.is_in(emails))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.email.clone(), p))
        .collect();
    let postes: HashMap<i64, conseiller::Model> = conseiller::Entity::find()
        .filter(conseiller::Column::UtilisateurId.is_in(personnes.values().map(|p| p.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.utilisateur_id, c))
        .collect();
    let roles: BTreeSet<i64> = role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::UtilisateurId.is_in(personnes.values().map(|p| p.id)))
        .filter(role_utilisateur::Column::Role.eq(Role::Conseiller.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.utilisateur_id)
        .collect();
    let codes: Vec<String> = lignes
        .iter()
        .map(|(_, l)| l.commune.clone())
        .chain(postes.values().map(|c| c.commune_code.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let communes = communes_par_code(db, &codes).await?;

    let mut bilan = BilanConseillers::default();
    let maintenant = Utc::now();
    for (numero, ligne) in lignes {
        let mut refus = |motif: String| erreurs.push(ErreurLigne { ligne: numero, motif });
        let Some(employeur) = employeurs.get(ligne.siret.as_str()) else {
            refus(format!(
                "aucune structure inscrite sur Maillage n’a le SIRET {} : la structure s’inscrit d’abord",
                ligne.siret.as_str()
            ));
            continue;
        };
        let Some(commune) = communes.get(&ligne.commune) else {
            refus(format!("aucune commune n’a le code INSEE {}", ligne.commune));
            continue;
        };
        let personne = personnes.get(&ligne.email);
        let poste = personne.and_then(|p| postes.get(&p.id));
        if let Some(departement) = &departement {
            if &commune.departement_code != departement {
                refus(format!(
                    "la commune {} ({}) n’est pas dans votre département",
                    commune.nom, commune.code
                ));
                continue;
            }
            let actuel = poste
                .and_then(|poste| communes.get(&poste.commune_code))
                .map(|c| c.departement_code.clone());
            if let Some(actuel) = actuel.filter(|actuel| actuel != departement) {
                refus(format!(
                    "{} est en poste dans le département {actuel} : seule l’ANCT ou la préfecture de ce \
                     département modifie son poste",
                    ligne.email
                ));
                continue;
            }
        }
        // The person's account: theirs if they have one, else opened for them (no password until they
        // choose one through the link; ProConnect vouches for the address too).
        let (personne, nouvelle) = match personne {
            Some(personne) => (personne.clone(), false),
            None => {
                let personne = utilisateur::ActiveModel {
                    id: NotSet,
                    email: Set(ligne.email.clone()),
                    mot_de_passe: Set(String::new()),
                    prenom: Set(ligne.prenom.clone()),
                    nom: Set(ligne.nom.clone()),
                    cree_le: Set(maintenant),
                    adresse_verifiee_le: Set(None),
                    proconnect_sub: Set(None),
                    desactive_le: Set(None),
                    au_feminin: Set(None),
                }
                .insert(db)
                .await?;
                (personne, true)
            }
        };
        let role_nouveau = !roles.contains(&personne.id);
        if role_nouveau {
            comptes::attribuer_role(db, personne.id, Role::Conseiller, None, None, None).await?;
        }
        match poste {
            Some(poste) => {
                let mut poste = poste.clone().into_active_model();
                poste.structure_id = Set(employeur.id);
                poste.commune_code = Set(commune.code.clone());
                poste.contrat_debut = Set(Some(ligne.debut));
                poste.contrat_fin = Set(ligne.fin);
                poste.type_contrat = Set(Some(ligne.contrat.as_str().to_owned()));
                poste.importe_le = Set(Some(maintenant));
                poste.update(db).await?;
                bilan.mis_a_jour += 1;
            }
            None => {
                conseiller::ActiveModel {
                    id: NotSet,
                    utilisateur_id: Set(personne.id),
                    structure_id: Set(employeur.id),
                    commune_code: Set(commune.code.clone()),
                    contrat_debut: Set(Some(ligne.debut)),
                    contrat_fin: Set(ligne.fin),
                    fin_financement_initial: Set(None),
                    cree_le: Set(maintenant),
                    type_contrat: Set(Some(ligne.contrat.as_str().to_owned())),
                    importe_le: Set(Some(maintenant)),
                }
                .insert(db)
                .await?;
                bilan.crees += 1;
            }
        }
        if nouvelle {
            liens::souhaiter_la_bienvenue(db, &personne).await?;
        } else if role_nouveau {
            crate::notification::service::ecrire_a(
                db,
                &personne.email,
                "Votre compte Maillage est celui d’un conseiller numérique",
                &format!(
                    "Bonjour {},\n\nLe programme Conseiller numérique a rattaché votre compte Maillage à votre \
                     poste chez {} : connectez-vous comme d’habitude, le rôle « Conseiller numérique » s’y \
                     ajoute.\n{}",
                    personne.prenom,
                    employeur.nom,
                    crate::notification::service::lien_absolu("/connexion")
                ),
            )
            .await?;
        }
    }
    // The structures' counts of conseillers follow their posts (the new employers' and the former ones'),
    // and the territories' figures are recounted.
    let touchees: BTreeSet<i64> = employeurs
        .values()
        .map(|s| s.id)
        .chain(postes.values().map(|c| c.structure_id))
        .collect();
    recompter(db, &touchees).await?;
    crate::territoire::etendue::figures_modifiees(db, &crate::territoire::etendue::Etendue::Nationale)
        .await?;
    erreurs.sort_by_key(|erreur| erreur.ligne);
    bilan.erreurs = erreurs;
    Ok(bilan)
}

/// Sets the count of conseillers of the structures `ids` to the posts they employ (after an import, or the
/// national dataset's generation).
pub async fn recompter(db: &impl ConnectionTrait, ids: &BTreeSet<i64>) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    // Integers only in the statement: nothing a file brought reaches it.
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    db.execute_unprepared(&format!(
        "UPDATE structure SET conseillers_numeriques = \
         (SELECT COUNT(*) FROM conseiller WHERE conseiller.structure_id = structure.id) WHERE id IN ({})",
        ids.join(",")
    ))
    .await?;
    Ok(())
}

/// A conseiller of the programme as ANCT and the préfectures list them: the post, the person, the employer.
#[derive(Debug, Clone)]
pub struct ConseillerDuProgramme {
    pub poste: conseiller::Model,
    pub personne: utilisateur::Model,
    pub employeur: structure::Model,
}

/// Most conseillers per page.
pub const PAGE_MAX: u64 = 100;

/// The conseillers of the caller's scope (ANCT: all, or those of `departement`; a préfecture: its own
/// département's, by the commune of the post), most recently created first, a page at a time, and their
/// number.
pub async fn lister(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement: Option<&str>,
    premiers: u64,
    decalage: u64,
) -> Result<(Vec<ConseillerDuProgramme>, u64), AppError> {
    let departement = match (portee(acteur)?, departement) {
        (None, demande) => demande.map(str::to_owned),
        (Some(sien), None) => Some(sien),
        (Some(sien), Some(demande)) if sien == demande => Some(sien),
        (Some(_), Some(demande)) => {
            return Err(AppError::Interdit(format!(
                "Les conseillers du département {demande} relèvent de sa préfecture."
            )));
        }
    };
    if !(1..=PAGE_MAX).contains(&premiers) {
        return Err(AppError::InvalidInput(format!(
            "premiers doit être compris entre 1 et {PAGE_MAX}"
        )));
    }
    let mut requete = conseiller::Entity::find();
    if let Some(departement) = departement {
        use crate::territoire::entity::commune;
        requete = requete.filter(
            conseiller::Column::CommuneCode.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(commune::Column::Code)
                    .from(commune::Entity)
                    .and_where(commune::Column::DepartementCode.eq(departement))
                    .to_owned(),
            ),
        );
    }
    let total = sea_orm::PaginatorTrait::count(requete.clone(), db).await?;
    let postes = sea_orm::QuerySelect::offset(
        sea_orm::QuerySelect::limit(
            sea_orm::QueryOrder::order_by_desc(requete, conseiller::Column::Id),
            premiers,
        ),
        decalage,
    )
    .all(db)
    .await?;
    let mut personnes: HashMap<i64, utilisateur::Model> = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(postes.iter().map(|p| p.utilisateur_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let employeurs: HashMap<i64, structure::Model> = structure::Entity::find()
        .filter(structure::Column::Id.is_in(postes.iter().map(|p| p.structure_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut liste = Vec::with_capacity(postes.len());
    for poste in postes {
        let personne = personnes
            .remove(&poste.utilisateur_id)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("compte du conseiller {} absent", poste.id)))?;
        let employeur = employeurs.get(&poste.structure_id).cloned().ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("employeur du conseiller {} absent", poste.id))
        })?;
        liste.push(ConseillerDuProgramme {
            poste,
            personne,
            employeur,
        });
    }
    Ok((liste, total))
}
