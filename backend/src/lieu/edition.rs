//! Keeping lieux current by form: ANCT anywhere, a coordinator in its perimeter, a structure its own lieux
//! (those whose `pivot` is its SIRET). A lieu is created, corrected, closed or reopened; every field is
//! checked by the standard's rules the import applies (`maillage_shared::lieu::verifier`), and every change
//! is kept in `modification_lieu`: who, when, which fields, before and after.

use std::collections::BTreeSet;

use chrono::Utc;
use maillage_shared::lieu::{COLONNES, LigneLieu, verifier};
use maillage_shared::role::Role;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};

use super::service::{LieuEnregistre, lire, position};
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::error::AppError;

/// What a caller may edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Droits {
    /// ANCT: every lieu.
    Partout,
    /// A coordinator: the lieux of these communes (its perimeter).
    Communes(BTreeSet<String>),
    /// A structure: the lieux whose pivot is its SIRET.
    Pivot(String),
    /// Anyone else: none.
    Aucun,
}

impl Droits {
    /// Whether these rights cover `lieu`.
    pub fn couvrent(&self, lieu: &LieuEnregistre) -> bool {
        match self {
            Self::Partout => true,
            Self::Communes(communes) => lieu.commune_code.as_ref().is_some_and(|c| communes.contains(c)),
            Self::Pivot(siret) => lieu.ligne.get("pivot") == siret,
            Self::Aucun => false,
        }
    }
}

impl Droits {
    /// Keeps to the lieux these rights cover a select that reads the table `lieu`; `false` for none.
    pub fn restreindre(&self, select: &mut sea_orm::sea_query::SelectStatement) -> bool {
        let colonne = |nom: &str| Expr::col((Alias::new("lieu"), Alias::new(nom)));
        match self {
            Self::Partout => {}
            Self::Communes(communes) => {
                select.and_where(colonne("commune_code").is_in(communes.iter().cloned()));
            }
            Self::Pivot(siret) => {
                select.and_where(colonne("pivot").eq(siret.as_str()));
            }
            Self::Aucun => return false,
        }
        true
    }
}

/// The caller's rights over lieux.
pub async fn droits(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Droits, AppError> {
    let Ok(role) = acteur.role() else {
        return Ok(Droits::Aucun);
    };
    Ok(match role.role {
        Role::Anct => Droits::Partout,
        Role::Coordinateur => match crate::poste::perimetre::poste_en_cours(db, acteur.utilisateur_id).await?
        {
            Some((_, validee)) => Droits::Communes(
                crate::poste::perimetre::communes_du_perimetre(db, &validee)
                    .await?
                    .into_iter()
                    .map(|c| c.code)
                    .collect(),
            ),
            None => Droits::Aucun,
        },
        Role::Structure => match role.structure_id {
            Some(id) => crate::structure::entity::Entity::find_by_id(id)
                .one(db)
                .await?
                .map_or(Droits::Aucun, |structure| Droits::Pivot(structure.siret)),
            None => Droits::Aucun,
        },
        _ => Droits::Aucun,
    })
}

/// One field changed: its column in the standard, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changement {
    pub champ: String,
    pub avant: String,
    pub apres: String,
}

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nature {
    Creation,
    Correction,
    Fermeture,
    Reouverture,
}

impl Nature {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Creation => "CREATION",
            Self::Correction => "CORRECTION",
            Self::Fermeture => "FERMETURE",
            Self::Reouverture => "REOUVERTURE",
        }
    }
}

/// One entry of a lieu's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modification {
    pub le: chrono::DateTime<Utc>,
    /// « Camille Martin (Coordinatrice) ».
    pub auteur: String,
    pub nature: String,
    pub changements: Vec<Changement>,
}

fn refus() -> AppError {
    AppError::Interdit(
        "Ce lieu n’est ni dans votre périmètre ni à votre structure : seuls l’ANCT, les coordinateurs de son \
         territoire et la structure qui le porte le modifient."
            .to_owned(),
    )
}

fn introuvable(id: &str) -> AppError {
    AppError::Introuvable(format!("Aucun lieu n’a l’identifiant « {id} »."))
}

/// A lieu the caller may edit, or why not.
async fn editable(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: &str,
) -> Result<(LieuEnregistre, Droits), AppError> {
    let lieu = lire(db, id).await?.ok_or_else(|| introuvable(id))?;
    let droits = droits(db, acteur).await?;
    if !droits.couvrent(&lieu) {
        return Err(refus());
    }
    Ok((lieu, droits))
}

/// Creates a lieu (`ligne` without id: a new one is given) or corrects the lieu `ligne`'s id names. The
/// line is checked as an import checks it; `date_maj` becomes today, a structure's lieu is its own
/// (its SIRET as pivot), and the lieu's commune must be one the caller may edit.
pub async fn enregistrer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    mut ligne: LigneLieu,
    aujourd_hui: chrono::NaiveDate,
) -> Result<LieuEnregistre, AppError> {
    let droits = droits(db, acteur).await?;
    if droits == Droits::Aucun {
        return Err(AppError::Interdit(
            "Les lieux sont tenus à jour par l’ANCT, les coordinateurs et les structures qui les portent."
                .to_owned(),
        ));
    }
    let existant = match ligne.get("id") {
        "" => None,
        id => Some(lire(db, id).await?.ok_or_else(|| introuvable(id))?),
    };
    if let Some(existant) = &existant
        && !droits.couvrent(existant)
    {
        return Err(refus());
    }
    if existant.is_none() {
        definir(&mut ligne, "id", uuid::Uuid::new_v4().to_string());
    }
    definir(&mut ligne, "date_maj", aujourd_hui.format("%Y-%m-%d").to_string());
    if let Droits::Pivot(siret) = &droits {
        definir(&mut ligne, "pivot", siret.clone());
    }
    if ligne.get("source").is_empty() {
        definir(&mut ligne, "source", "Maillage".to_owned());
    }
    let problemes = verifier(&ligne);
    if !problemes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Ce lieu ne suit pas le standard : {}.",
            problemes.join(" ; ")
        )));
    }
    let (commune_code, departement_code) = super::service::rattacher(db, std::iter::once(&ligne))
        .await?
        .remove(ligne.get("id"))
        .ok_or_else(|| {
            AppError::InvalidInput(format!(
                "Aucune commune ne correspond au code INSEE « {} » ni au code postal « {} ».",
                ligne.get("code_insee"),
                ligne.get("code_postal")
            ))
        })?;
    let nouveau = LieuEnregistre {
        ligne: ligne.clone(),
        commune_code: Some(commune_code.clone()),
        departement_code: Some(departement_code.clone()),
        ferme_le: existant.as_ref().and_then(|e| e.ferme_le),
    };
    if let Droits::Communes(communes) = &droits
        && !communes.contains(&commune_code)
    {
        return Err(AppError::Interdit(format!(
            "La commune {commune_code} n’est pas dans votre périmètre."
        )));
    }
    let changements: Vec<Changement> = COLONNES
        .iter()
        .enumerate()
        .filter(|(_, colonne)| **colonne != "date_maj")
        .filter_map(|(i, colonne)| {
            let avant = existant.as_ref().map_or("", |e| e.ligne.valeurs[i].as_str());
            let apres = ligne.valeurs[i].as_str();
            (avant != apres).then(|| Changement {
                champ: (*colonne).to_owned(),
                avant: avant.to_owned(),
                apres: apres.to_owned(),
            })
        })
        .collect();
    if existant.is_some() && changements.is_empty() {
        return Ok(nouveau);
    }
    let (latitude, longitude) = match position(&ligne) {
        Some(position) => Some(position),
        None => super::service::centres_des_communes(db, [commune_code.clone()])
            .await?
            .remove(&commune_code),
    }
    .unzip();
    let maintenant = Utc::now();
    let mut colonnes: Vec<Alias> = COLONNES.iter().map(|c| Alias::new(*c)).collect();
    let mut valeurs: Vec<Expr> = ligne.valeurs.iter().map(|v| Expr::value(v.clone())).collect();
    colonnes.extend(
        [
            "commune_code",
            "departement_code",
            "position_latitude",
            "position_longitude",
            "importe_le",
        ]
        .map(Alias::new),
    );
    valeurs.extend([
        Expr::value(commune_code),
        Expr::value(departement_code.clone()),
        Expr::value(latitude),
        Expr::value(longitude),
        Expr::value(maintenant),
    ]);
    if existant.is_some() {
        let mut mise_a_jour = Query::update();
        mise_a_jour.table(Alias::new("lieu"));
        for (colonne, valeur) in colonnes.into_iter().zip(valeurs).skip(1) {
            mise_a_jour.value(colonne, valeur);
        }
        mise_a_jour.and_where(Expr::col(Alias::new("id")).eq(ligne.get("id")));
        db.execute(&mise_a_jour).await?;
    } else {
        let mut insertion = Query::insert();
        insertion
            .into_table(Alias::new("lieu"))
            .columns(colonnes)
            .values_panic(valeurs);
        db.execute(&insertion).await?;
    }
    let nature = if existant.is_some() {
        Nature::Correction
    } else {
        Nature::Creation
    };
    consigner(db, acteur, ligne.get("id"), nature, &changements).await?;
    recompter(
        db,
        &departement_code,
        existant.as_ref().and_then(|e| e.departement_code.as_deref()),
    )
    .await?;
    Ok(nouveau)
}

fn definir(ligne: &mut LigneLieu, colonne: &str, valeur: String) {
    if let Some(i) = COLONNES.iter().position(|c| *c == colonne) {
        ligne.valeurs[i] = valeur;
    }
}

/// Closes a lieu (it leaves the search, the map, the open data and the counts), saying why.
pub async fn fermer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: &str,
    motif: &str,
) -> Result<LieuEnregistre, AppError> {
    let motif = motif.trim();
    if !(3..=500).contains(&motif.chars().count()) {
        return Err(AppError::InvalidInput(
            "Dites en 3 à 500 caractères pourquoi ce lieu ferme.".to_owned(),
        ));
    }
    let (mut lieu, _) = editable(db, acteur, id).await?;
    if lieu.ferme_le.is_some() {
        return Err(AppError::Conflit("Ce lieu est déjà fermé.".to_owned()));
    }
    let maintenant = Utc::now();
    basculer(db, id, Some(maintenant)).await?;
    lieu.ferme_le = Some(maintenant);
    let changement = Changement {
        champ: "fermeture".to_owned(),
        avant: String::new(),
        apres: motif.to_owned(),
    };
    consigner(db, acteur, id, Nature::Fermeture, &[changement]).await?;
    if let Some(departement) = &lieu.departement_code {
        recompter(db, departement, None).await?;
    }
    Ok(lieu)
}

/// Reopens a closed lieu.
pub async fn rouvrir(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: &str,
) -> Result<LieuEnregistre, AppError> {
    let (mut lieu, _) = editable(db, acteur, id).await?;
    if lieu.ferme_le.is_none() {
        return Err(AppError::Conflit("Ce lieu est ouvert.".to_owned()));
    }
    basculer(db, id, None).await?;
    lieu.ferme_le = None;
    consigner(db, acteur, id, Nature::Reouverture, &[]).await?;
    if let Some(departement) = &lieu.departement_code {
        recompter(db, departement, None).await?;
    }
    Ok(lieu)
}

async fn basculer(
    db: &impl ConnectionTrait,
    id: &str,
    ferme_le: Option<chrono::DateTime<Utc>>,
) -> Result<(), AppError> {
    let mise_a_jour = Query::update()
        .table(Alias::new("lieu"))
        .value(Alias::new("ferme_le"), ferme_le)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    db.execute(&mise_a_jour).await?;
    Ok(())
}

/// The lieux counts of the départements a change touched, in its transaction.
async fn recompter(
    db: &impl ConnectionTrait,
    departement: &str,
    ancien: Option<&str>,
) -> Result<(), AppError> {
    use crate::territoire::etendue::{Etendue, figures_modifiees};
    for code in std::iter::once(departement).chain(ancien.filter(|a| *a != departement)) {
        figures_modifiees(db, &Etendue::Departement(code.to_owned())).await?;
    }
    Ok(())
}

/// Appends to the lieu's history, in the change's transaction.
async fn consigner(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    lieu_id: &str,
    nature: Nature,
    changements: &[Changement],
) -> Result<(), AppError> {
    let role = acteur
        .role()
        .map(|r| r.role.libelle_pour(acteur.au_feminin))
        .unwrap_or_default();
    let auteur = format!("{} {} ({role})", acteur.prenom, acteur.nom);
    let insertion = Query::insert()
        .into_table(Alias::new("modification_lieu"))
        .columns(["lieu_id", "le", "auteur_id", "auteur", "nature", "changements"].map(Alias::new))
        .values_panic([
            lieu_id.into(),
            Utc::now().into(),
            acteur.utilisateur_id.into(),
            auteur.chars().take(300).collect::<String>().into(),
            nature.as_str().into(),
            serde_json::to_string(changements)
                .map_err(|e| AppError::Internal(e.into()))?
                .into(),
        ])
        .to_owned();
    db.execute(&insertion).await?;
    Ok(())
}

/// A lieu's history, newest first, for whoever may edit it.
pub async fn modifications(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: &str,
) -> Result<Vec<Modification>, AppError> {
    editable(db, acteur, id).await?;
    let select = Query::select()
        .from(Alias::new("modification_lieu"))
        .columns(["le", "auteur", "nature", "changements"].map(Alias::new))
        .and_where(Expr::col(Alias::new("lieu_id")).eq(id))
        .order_by(Alias::new("le"), Order::Desc)
        .order_by(Alias::new("id"), Order::Desc)
        .to_owned();
    db.query_all(&select)
        .await?
        .into_iter()
        .map(|ligne| {
            let changements: String = ligne.try_get("", "changements")?;
            Ok(Modification {
                le: ligne.try_get("", "le")?,
                auteur: ligne.try_get("", "auteur")?,
                nature: ligne.try_get("", "nature")?,
                changements: serde_json::from_str(&changements).map_err(|e| AppError::Internal(e.into()))?,
            })
        })
        .collect()
}

/// The people who keep `lieu` current and are told of what concerns it: the coordinators in post whose
/// perimeter holds its commune, and the people of the structure whose SIRET is its pivot.
pub async fn responsables(
    db: &impl ConnectionTrait,
    lieu: &LieuEnregistre,
) -> Result<Vec<utilisateur::Model>, AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut ids: BTreeSet<i64> = BTreeSet::new();
    if let Some(commune) = &lieu.commune_code {
        let communes = BTreeSet::from([commune.clone()]);
        for coordinateurs in crate::poste::perimetre::coordinateurs_des_communes(db, &communes)
            .await?
            .into_values()
        {
            ids.extend(coordinateurs);
        }
    }
    let structures = crate::structure::entity::Entity::find()
        .filter(crate::structure::entity::Column::Siret.eq(lieu.ligne.get("pivot")))
        .all(db)
        .await?;
    let mut personnes = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids))
        .all(db)
        .await?;
    for structure in structures {
        personnes.extend(
            crate::notification::service::titulaires(db, Role::Structure, Some(structure.id), None, None)
                .await?,
        );
    }
    personnes.sort_by_key(|p| p.id);
    personnes.dedup_by_key(|p| p.id);
    Ok(personnes)
}

/// The open lieux the caller keeps current whose record lacks something, by name, `premiers` at most.
pub async fn a_completer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    premiers: usize,
) -> Result<Vec<LieuEnregistre>, AppError> {
    let mut select = Query::select();
    select
        .from(Alias::new("lieu"))
        .columns(super::service::colonnes_enregistrees())
        .and_where(Expr::col(Alias::new("ferme_le")).is_null())
        .order_by(Alias::new("nom"), Order::Asc)
        .order_by(Alias::new("id"), Order::Asc);
    if !droits(db, acteur).await?.restreindre(&mut select) {
        return Err(refus());
    }
    let mut incomplets = Vec::new();
    for ligne in db.query_all(&select).await? {
        let lieu = super::service::enregistre(&ligne)?;
        if !maillage_shared::lieu::manquants(&lieu.ligne).is_empty() {
            incomplets.push(lieu);
            if incomplets.len() == premiers {
                break;
            }
        }
    }
    Ok(incomplets)
}
