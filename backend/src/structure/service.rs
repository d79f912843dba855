//! Registration of structures, their eligibility, and the employers of conseillers numériques of a
//! territory (the structures a candidate must consult).

use std::collections::HashMap;

use chrono::Utc;
use maillage_shared::role::Role;
use maillage_shared::structure::{
    CategorieStructure, Ineligibilite, LONGUEUR_MOTIF_CATEGORIE, Siret, categorie_a_justifier,
    verifier_eligibilite,
};
use maillage_shared::territoire::CodeCommune;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::entity as structure;
use super::registre::Consultation;
use crate::compte::entity::utilisateur;
use crate::compte::service as compte;
use crate::error::AppError;
use crate::territoire::entity::commune;

/// What a structure gives when it registers.
#[derive(Debug, Clone)]
pub struct Inscription {
    pub email: String,
    pub mot_de_passe: String,
    pub prenom: String,
    pub nom: String,
    pub siret: String,
    pub nom_structure: String,
    pub categorie: Option<CategorieStructure>,
    pub statut_public: bool,
    pub mission_interet_general: bool,
    pub commune_code: String,
    pub conseillers_numeriques: i32,
    /// Why the category chosen differs from the one the register's legal form implies.
    pub motif_categorie: Option<String>,
}

/// Creates the account, the structure and the role linking them; all or nothing (run in a transaction).
/// `registre` is what the company register said of the SIRET: a closed establishment is refused; an
/// unknown SIRET or a register that did not answer leaves the registration to what the person typed.
pub async fn inscrire(
    db: &impl ConnectionTrait,
    inscription: &Inscription,
    registre: &Consultation,
) -> Result<(utilisateur::Model, structure::Model), AppError> {
    let siret = Siret::parse(&inscription.siret)?;
    if let Consultation::Ferme(etablissement) = registre {
        return Err(AppError::EtablissementFerme(format!(
            "Le répertoire des entreprises indique que l’établissement de SIRET {}{} est fermé : inscrivez la \
             structure avec le SIRET d’un établissement ouvert (son siège, ou celui qui accueillera le poste).",
            siret.as_str(),
            etablissement
                .nom
                .as_deref()
                .map(|nom| format!(" ({nom})"))
                .unwrap_or_default()
        )));
    }
    let code_commune = CodeCommune::parse(&inscription.commune_code)?;
    let nom_structure = inscription.nom_structure.trim();
    if nom_structure.is_empty() {
        return Err(AppError::InvalidInput(
            "Le nom de la structure est obligatoire.".to_owned(),
        ));
    }
    if !(0..=500).contains(&inscription.conseillers_numeriques) {
        return Err(AppError::InvalidInput(
            "Le nombre de postes de conseiller numérique doit être compris entre 0 et 500.".to_owned(),
        ));
    }
    let commune = commune::Entity::find_by_id(code_commune.as_str().to_owned())
        .one(db)
        .await?
        .ok_or_else(|| AppError::InvalidInput(format!("Aucune commune n’a le code INSEE {code_commune}.")))?;
    if par_siret(db, &siret).await?.is_some() {
        return Err(AppError::Conflit(format!(
            "La structure de SIRET {} est déjà inscrite : demandez à son gestionnaire de vous ajouter.",
            siret.as_str()
        )));
    }
    // The category the legal form implies, if the register gave it: another one needs a reason.
    let (nature_juridique, proposee) = match registre {
        Consultation::Ouvert(etablissement) => (
            Some(etablissement.nature_juridique.clone()).filter(|n| !n.is_empty()),
            etablissement.nature().categorie_proposee(),
        ),
        _ => (None, None),
    };
    let motif = match categorie_a_justifier(proposee, inscription.categorie) {
        Some(proposee) => {
            let motif = inscription
                .motif_categorie
                .as_deref()
                .map(str::trim)
                .unwrap_or_default();
            if !LONGUEUR_MOTIF_CATEGORIE.contains(&motif.chars().count()) {
                return Err(AppError::InvalidInput(format!(
                    "D’après le répertoire des entreprises, la forme juridique de votre structure correspond à \
                     la catégorie « {} » : dites en 10 à 1000 caractères pourquoi vous en choisissez une autre.",
                    proposee.libelle()
                )));
            }
            Some(motif.to_owned())
        }
        None => None,
    };
    let compte = compte::creer_utilisateur(
        db,
        &inscription.email,
        &inscription.mot_de_passe,
        &inscription.prenom,
        &inscription.nom,
    )
    .await?;
    let structure = structure::ActiveModel {
        id: NotSet,
        siret: Set(siret.as_str().to_owned()),
        nom: Set(nom_structure.to_owned()),
        categorie: Set(inscription
            .categorie
            .map(|categorie| categorie.as_str().to_owned())),
        statut_public: Set(inscription.statut_public),
        mission_interet_general: Set(inscription.mission_interet_general),
        commune_code: Set(commune.code),
        departement_code: Set(commune.departement_code),
        conseillers_numeriques: Set(inscription.conseillers_numeriques),
        cree_le: Set(Utc::now()),
        nature_juridique: Set(nature_juridique),
        categorie_proposee: Set(proposee.map(|c| c.as_str().to_owned())),
        motif_categorie: Set(motif),
    }
    .insert(db)
    .await?;
    compte::attribuer_role(db, compte.id, Role::Structure, Some(structure.id), None, None).await?;
    Ok((compte, structure))
}

/// The structure registered with `siret`, if any.
pub async fn par_siret(
    db: &impl ConnectionTrait,
    siret: &Siret,
) -> Result<Option<structure::Model>, AppError> {
    Ok(structure::Entity::find()
        .filter(structure::Column::Siret.eq(siret.as_str()))
        .one(db)
        .await?)
}

/// Whether the structure may host a coordinator post, and why not.
pub fn eligibilite(structure: &structure::Model) -> Result<(), Ineligibilite> {
    let categorie = structure.categorie.as_deref().and_then(CategorieStructure::parse);
    verifier_eligibilite(
        categorie,
        structure.statut_public,
        structure.mission_interet_general,
    )
}

/// A structure by id.
pub async fn par_id(db: &impl ConnectionTrait, id: i64) -> Result<structure::Model, AppError> {
    structure::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Structure introuvable.".to_owned()))
}

/// The names of these structures, by id (one query).
pub async fn noms(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::BTreeMap<i64, String>, AppError> {
    Ok(structure::Entity::find()
        .filter(structure::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.nom))
        .collect())
}

/// The structures employing conseillers numériques whose commune is in the given EPCI or département,
/// except `sauf` (the candidate itself), by name.
pub async fn employeurs_de_conseillers(
    db: &impl ConnectionTrait,
    epcis: &[String],
    departement: Option<&str>,
    sauf: i64,
) -> Result<Vec<structure::Model>, AppError> {
    let perimetre = Perimetre {
        epcis: epcis.to_vec(),
        departement: departement.map(str::to_owned),
        sauf,
    };
    Ok(employeurs_des_perimetres(db, std::slice::from_ref(&perimetre))
        .await?
        .pop()
        .unwrap_or_default())
}

/// A territory whose employers of conseillers numériques are looked for, and the structure left out.
#[derive(Debug, Clone)]
pub struct Perimetre {
    pub epcis: Vec<String>,
    pub departement: Option<String>,
    pub sauf: i64,
}

/// [`employeurs_de_conseillers`] of several perimeters in three statements, whatever their number (a page of
/// candidatures asks them all): the employers of each, in the perimeters' order.
pub async fn employeurs_des_perimetres(
    db: &impl ConnectionTrait,
    perimetres: &[Perimetre],
) -> Result<Vec<Vec<structure::Model>>, AppError> {
    let epcis: std::collections::BTreeSet<&String> = perimetres.iter().flat_map(|p| &p.epcis).collect();
    let departements: std::collections::BTreeSet<&String> =
        perimetres.iter().filter_map(|p| p.departement.as_ref()).collect();
    if epcis.is_empty() && departements.is_empty() {
        return Ok(vec![Vec::new(); perimetres.len()]);
    }
    let mut epci_de_commune: HashMap<String, String> = HashMap::new();
    if !epcis.is_empty() {
        for commune in commune::Entity::find()
            .filter(commune::Column::EpciCode.is_in(epcis.iter().map(|code| code.as_str())))
            .all(db)
            .await?
        {
            if let Some(epci) = commune.epci_code {
                epci_de_commune.insert(commune.code, epci);
            }
        }
    }
    let mut territoire = Condition::any();
    if !epci_de_commune.is_empty() {
        territoire = territoire.add(structure::Column::CommuneCode.is_in(epci_de_commune.keys().cloned()));
    }
    if !departements.is_empty() {
        territoire = territoire
            .add(structure::Column::DepartementCode.is_in(departements.iter().map(|code| code.as_str())));
    }
    if epci_de_commune.is_empty() && departements.is_empty() {
        return Ok(vec![Vec::new(); perimetres.len()]);
    }
    let employeurs = structure::Entity::find()
        .filter(territoire)
        .filter(structure::Column::ConseillersNumeriques.gt(0))
        .order_by_asc(structure::Column::Nom)
        .all(db)
        .await?;
    Ok(perimetres
        .iter()
        .map(|perimetre| {
            employeurs
                .iter()
                .filter(|s| s.id != perimetre.sauf)
                .filter(|s| {
                    epci_de_commune
                        .get(&s.commune_code)
                        .is_some_and(|epci| perimetre.epcis.contains(epci))
                        || perimetre.departement.as_ref() == Some(&s.departement_code)
                })
                .cloned()
                .collect()
        })
        .collect())
}
