//! The candidature workflow: drafts, consultations, filing, avis of the préfecture, decision of ANCT.
//! Every function checks the caller's role and territory, runs inside the caller's transaction, records
//! each state change in the append-only history and notifies the people concerned.

use chrono::{NaiveDate, Utc};
use maillage_shared::candidature::{
    Action, CasDeFigure, Commentaire, Formulaire, PeriodeAppel, ReponseConsultation, StatutCandidature,
    echeance_decision, en_retard, transition,
};
use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use maillage_shared::subvention::{Bareme, TypeContrat, simuler};
use maillage_shared::territoire::{CodeDepartement, SirenEpci};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::entity::{appel, candidature, candidature_epci, consultation, historique_candidature};
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::notification::service as notification;
use crate::structure::{entity as structure, service as structures};
use crate::territoire::entity::{departement, epci};

/// Longest answer to a question of the form.
const REPONSE_MAX: usize = 5000;

/// The statut stored in a row.
pub fn statut(row: &candidature::Model) -> StatutCandidature {
    StatutCandidature::parse(&row.statut).unwrap_or(StatutCandidature::Brouillon)
}

/// The form as stored, for the completeness rule.
pub fn formulaire(row: &candidature::Model, epcis: Vec<String>) -> Formulaire {
    Formulaire {
        cas: row.cas.as_deref().and_then(CasDeFigure::parse),
        contrat: row.contrat.as_deref().and_then(TypeContrat::parse),
        perimetre_epcis: epcis,
        perimetre_departement: row.perimetre_departement_code.clone(),
        diagnostic: row.diagnostic.clone(),
        partenaires: row.partenaires.clone(),
        articulation_gouvernance: row.articulation_gouvernance.clone(),
        missions_maillage: row.missions_maillage.clone(),
        missions_relais: row.missions_relais.clone(),
        missions_collaborations: row.missions_collaborations.clone(),
        candidat_identifie: row.candidat_identifie,
        date_prise_poste: row.date_prise_poste,
    }
}

/// Whether the caller may read this candidature: its structure; the préfecture of its département; the
/// SGAR and hub of its région; ANCT. Drafts are the structure's alone.
pub fn verifier_lecture(acteur: &Acteur, row: &candidature::Model) -> Result<(), AppError> {
    let role = acteur.role()?;
    let brouillon = statut(row) == StatutCandidature::Brouillon;
    let autorise = match role.role {
        Role::Structure => role.structure_id == Some(row.structure_id),
        Role::Prefecture => {
            !brouillon && role.departement_code.as_deref() == Some(row.departement_code.as_str())
        }
        Role::Sgar | Role::Hub => !brouillon && role.region_code.as_deref() == Some(row.region_code.as_str()),
        Role::Anct => !brouillon,
        Role::Candidat | Role::Conseiller | Role::Coordinateur | Role::Mediateur => false,
    };
    if autorise {
        Ok(())
    } else {
        Err(AppError::Interdit(
            "Cette candidature n’est pas dans votre périmètre.".to_owned(),
        ))
    }
}

/// The candidatures the caller may read, as a query condition.
fn portee(acteur: &Acteur) -> Result<Condition, AppError> {
    let role = acteur.role()?;
    let deposees = candidature::Column::Statut.ne(StatutCandidature::Brouillon.as_str());
    let condition = match role.role {
        Role::Structure => {
            Condition::all().add(candidature::Column::StructureId.eq(role.structure_id.unwrap_or(-1)))
        }
        Role::Prefecture => Condition::all()
            .add(deposees)
            .add(candidature::Column::DepartementCode.eq(role.departement_code.clone().unwrap_or_default())),
        Role::Sgar | Role::Hub => Condition::all()
            .add(deposees)
            .add(candidature::Column::RegionCode.eq(role.region_code.clone().unwrap_or_default())),
        Role::Anct => Condition::all().add(deposees),
        Role::Candidat | Role::Conseiller | Role::Coordinateur | Role::Mediateur => {
            return Err(AppError::Interdit(
                "Votre rôle ne donne pas accès aux candidatures.".to_owned(),
            ));
        }
    };
    Ok(condition)
}

/// A candidature the caller may read.
pub async fn lire(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<candidature::Model, AppError> {
    let row = candidature::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Candidature introuvable.".to_owned()))?;
    verifier_lecture(acteur, &row)?;
    Ok(row)
}

/// Filters of the candidature lists.
#[derive(Debug, Clone, Default)]
pub struct Filtre {
    pub statut: Option<StatutCandidature>,
    pub region_code: Option<String>,
    pub departement_code: Option<String>,
    pub cas: Option<CasDeFigure>,
    /// Only those whose decision is overdue (more than two months after filing, still in instruction).
    pub en_retard: bool,
}

/// A page of the candidatures the caller may read, newest first, and how many match in all.
pub async fn lister(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    filtre: &Filtre,
    aujourd_hui: NaiveDate,
    premiers: u64,
    decalage: u64,
) -> Result<(Vec<candidature::Model>, u64), AppError> {
    let mut condition = portee(acteur)?;
    if let Some(statut) = filtre.statut {
        condition = condition.add(candidature::Column::Statut.eq(statut.as_str()));
    }
    if let Some(region) = &filtre.region_code {
        condition = condition.add(candidature::Column::RegionCode.eq(region.as_str()));
    }
    if let Some(departement) = &filtre.departement_code {
        condition = condition.add(candidature::Column::DepartementCode.eq(departement.as_str()));
    }
    if let Some(cas) = filtre.cas {
        condition = condition.add(candidature::Column::Cas.eq(cas.as_str()));
    }
    if filtre.en_retard {
        // Filed before this day and still in instruction: the two-month deadline has passed.
        let limite = aujourd_hui
            .checked_sub_months(chrono::Months::new(
                maillage_shared::candidature::DELAI_DECISION_MOIS,
            ))
            .unwrap_or(NaiveDate::MIN);
        condition = condition
            .add(candidature::Column::Statut.is_in([
                StatutCandidature::Deposee.as_str(),
                StatutCandidature::AvisRendu.as_str(),
            ]))
            .add(candidature::Column::DeposeLe.lt(limite));
    }
    let query = candidature::Entity::find().filter(condition);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(candidature::Column::Id)
        .limit(premiers)
        .offset(decalage)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// The call for applications of 2023: it closed on 10 December 2023 (IV). Its opening date is not in the
/// call's text: its publication month is assumed (docs/decisions.md).
const APPEL_2023: &str = "Appel à candidatures Conseillers numériques coordinateurs 2023";
const OUVERTURE_2023: NaiveDate = date(2023, 10, 1);
const CLOTURE_2023: NaiveDate = date(2023, 12, 10);

const fn date(annee: i32, mois: u32, jour: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(annee, mois, jour) {
        Some(date) => date,
        None => panic!("date invalide"),
    }
}

/// Inserts the calls that are reference data when missing (run after every migration).
pub async fn assurer_appels_de_reference(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    if appel::Entity::find()
        .filter(appel::Column::Nom.eq(APPEL_2023))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    appel::ActiveModel {
        id: NotSet,
        nom: Set(APPEL_2023.to_owned()),
        ouverture: Set(OUVERTURE_2023),
        cloture: Set(CLOTURE_2023),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The open call of the day (the most recently opened one), if any.
pub async fn appel_ouvert(
    db: &impl ConnectionTrait,
    aujourd_hui: NaiveDate,
) -> Result<Option<appel::Model>, AppError> {
    Ok(appel::Entity::find()
        .filter(appel::Column::Ouverture.lte(aujourd_hui))
        .filter(appel::Column::Cloture.gte(aujourd_hui))
        .order_by_desc(appel::Column::Ouverture)
        .one(db)
        .await?)
}

fn structure_de(acteur: &Acteur, row: &candidature::Model) -> Result<i64, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    match role.structure_id {
        Some(id) if id == row.structure_id => Ok(id),
        _ => Err(AppError::Interdit(
            "Cette candidature n’est pas celle de votre structure.".to_owned(),
        )),
    }
}

async fn historiser(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    role: Role,
    candidature_id: i64,
    de: Option<StatutCandidature>,
    vers: StatutCandidature,
    commentaire: Option<&str>,
) -> Result<(), AppError> {
    historique_candidature::ActiveModel {
        id: NotSet,
        candidature_id: Set(candidature_id),
        utilisateur_id: Set(acteur.utilisateur_id),
        role: Set(role.as_str().to_owned()),
        de_statut: Set(de.map(|s| s.as_str().to_owned())),
        vers_statut: Set(vers.as_str().to_owned()),
        commentaire: Set(commentaire.map(str::to_owned)),
        horodatage: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Starts the draft of the structure's candidature to the open call.
pub async fn creer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    aujourd_hui: NaiveDate,
) -> Result<candidature::Model, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let structure = structures::par_id(db, role.structure_id.unwrap_or(-1)).await?;
    structures::eligibilite(&structure)?;
    let appel = appel_ouvert(db, aujourd_hui)
        .await?
        .ok_or_else(|| AppError::AppelClos("aucun appel en cours".to_owned()))?;
    let existante = candidature::Entity::find()
        .filter(candidature::Column::StructureId.eq(structure.id))
        .filter(candidature::Column::AppelId.eq(appel.id))
        .one(db)
        .await?;
    if existante.is_some() {
        return Err(AppError::Conflit(
            "Votre structure a déjà une candidature à cet appel.".to_owned(),
        ));
    }
    let departement = departement::Entity::find_by_id(structure.departement_code.clone())
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!(
                "département {} absent",
                structure.departement_code
            ))
        })?;
    let maintenant = Utc::now();
    let row = candidature::ActiveModel {
        id: NotSet,
        structure_id: Set(structure.id),
        appel_id: Set(appel.id),
        departement_code: Set(departement.code),
        region_code: Set(departement.region_code),
        statut: Set(StatutCandidature::Brouillon.as_str().to_owned()),
        cas: Set(None),
        contrat: Set(None),
        perimetre_departement_code: Set(None),
        diagnostic: Set(String::new()),
        partenaires: Set(String::new()),
        articulation_gouvernance: Set(String::new()),
        missions_maillage: Set(String::new()),
        missions_relais: Set(String::new()),
        missions_collaborations: Set(String::new()),
        candidat_identifie: Set(None),
        date_prise_poste: Set(None),
        montant_subvention: Set(None),
        duree_mois: Set(None),
        depose_le: Set(None),
        avis_favorable: Set(None),
        avis_commentaire: Set(None),
        avis_le: Set(None),
        decision_validee: Set(None),
        decision_motif: Set(None),
        decide_le: Set(None),
        cree_le: Set(maintenant),
        modifie_le: Set(maintenant),
        postes_valides: Set(1),
        rappel_recrutement_le: Set(None),
    }
    .insert(db)
    .await?;
    historiser(
        db,
        acteur,
        Role::Structure,
        row.id,
        None,
        StatutCandidature::Brouillon,
        None,
    )
    .await?;
    Ok(row)
}

/// The EPCI (SIREN) of a candidature's perimeter.
pub async fn epcis_du_perimetre(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<String>, AppError> {
    Ok(candidature_epci::Entity::find()
        .filter(candidature_epci::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(candidature_epci::Column::EpciCode)
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.epci_code)
        .collect())
}

/// Saves the draft's form (every field replaced). Text answers are bounded; the perimeter must exist.
pub async fn modifier(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    formulaire: &Formulaire,
) -> Result<candidature::Model, AppError> {
    let row = lire(db, acteur, id).await?;
    structure_de(acteur, &row)?;
    transition(statut(&row), Action::Modifier, Role::Structure)?;
    for (texte, nom) in [
        (&formulaire.diagnostic, "Le diagnostic"),
        (&formulaire.partenaires, "Les partenaires"),
        (
            &formulaire.articulation_gouvernance,
            "L’articulation avec la gouvernance",
        ),
        (&formulaire.missions_maillage, "Les missions de l’axe 1"),
        (&formulaire.missions_relais, "Les missions de l’axe 2"),
        (&formulaire.missions_collaborations, "Les missions de l’axe 3"),
    ] {
        if texte.chars().count() > REPONSE_MAX {
            return Err(AppError::InvalidInput(format!(
                "{nom} dépasse {REPONSE_MAX} caractères."
            )));
        }
    }
    let mut epcis = Vec::new();
    for code in &formulaire.perimetre_epcis {
        epcis.push(SirenEpci::parse(code)?.as_str().to_owned());
    }
    epcis.sort();
    epcis.dedup();
    if epcis.len() > 50 {
        return Err(AppError::InvalidInput(
            "Un périmètre compte au plus 50 intercommunalités.".to_owned(),
        ));
    }
    let connus = epci::Entity::find()
        .filter(epci::Column::Code.is_in(epcis.clone()))
        .count(db)
        .await?;
    if connus as usize != epcis.len() {
        return Err(AppError::InvalidInput(
            "Une intercommunalité du périmètre n’existe pas.".to_owned(),
        ));
    }
    let perimetre_departement = match &formulaire.perimetre_departement {
        Some(code) => {
            let code = CodeDepartement::parse(code)?;
            departement::Entity::find_by_id(code.as_str().to_owned())
                .one(db)
                .await?
                .ok_or_else(|| AppError::InvalidInput(format!("Le département {code} n’existe pas.")))?;
            Some(code.as_str().to_owned())
        }
        None => None,
    };
    if perimetre_departement.is_some() && !epcis.is_empty() {
        return Err(AppError::InvalidInput(
            "Le territoire à coordonner est soit des intercommunalités, soit un département entier."
                .to_owned(),
        ));
    }
    let structure = structures::par_id(db, row.structure_id).await?;
    let subvention = match (
        formulaire.contrat,
        structure.categorie.as_deref().and_then(CategorieStructure::parse),
    ) {
        (Some(contrat), Some(categorie)) => {
            let departement = CodeDepartement::parse(&row.departement_code)?;
            let simulation = simuler(
                &Bareme::APPEL_2023,
                categorie,
                structure.statut_public,
                contrat,
                &departement,
            );
            simulation.montant_euros.zip(simulation.duree_mois)
        }
        _ => None,
    };
    let mis_a_jour = candidature::ActiveModel {
        id: Set(row.id),
        cas: Set(formulaire.cas.map(|cas| cas.as_str().to_owned())),
        contrat: Set(formulaire.contrat.map(|contrat| contrat.as_str().to_owned())),
        perimetre_departement_code: Set(perimetre_departement),
        diagnostic: Set(formulaire.diagnostic.trim().to_owned()),
        partenaires: Set(formulaire.partenaires.trim().to_owned()),
        articulation_gouvernance: Set(formulaire.articulation_gouvernance.trim().to_owned()),
        missions_maillage: Set(formulaire.missions_maillage.trim().to_owned()),
        missions_relais: Set(formulaire.missions_relais.trim().to_owned()),
        missions_collaborations: Set(formulaire.missions_collaborations.trim().to_owned()),
        candidat_identifie: Set(formulaire.candidat_identifie),
        date_prise_poste: Set(formulaire.date_prise_poste),
        montant_subvention: Set(subvention.and_then(|(montant, _)| i32::try_from(montant).ok())),
        duree_mois: Set(subvention.and_then(|(_, duree)| i32::try_from(duree).ok())),
        modifie_le: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    candidature_epci::Entity::delete_many()
        .filter(candidature_epci::Column::CandidatureId.eq(row.id))
        .exec(db)
        .await?;
    if !epcis.is_empty() {
        candidature_epci::Entity::insert_many(epcis.into_iter().map(|epci_code| {
            candidature_epci::ActiveModel {
                candidature_id: Set(row.id),
                epci_code: Set(epci_code),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(mis_a_jour)
}

/// The employers of conseillers numériques in the candidature's perimeter, which the structure must consult.
pub async fn structures_a_consulter(
    db: &impl ConnectionTrait,
    row: &candidature::Model,
) -> Result<Vec<structure::Model>, AppError> {
    let epcis = epcis_du_perimetre(db, row.id).await?;
    structures::employeurs_de_conseillers(
        db,
        &epcis,
        row.perimetre_departement_code.as_deref(),
        row.structure_id,
    )
    .await
}

/// The consultations recorded for a candidature.
pub async fn consultations(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<consultation::Model>, AppError> {
    Ok(consultation::Entity::find()
        .filter(consultation::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(consultation::Column::Id)
        .all(db)
        .await?)
}

/// A consultation as the structure records it.
#[derive(Debug, Clone)]
pub struct NouvelleConsultation {
    /// The structure consulted.
    pub structure_id: i64,
    pub consultee_le: NaiveDate,
    pub reponse: ReponseConsultation,
    pub commentaire: String,
}

/// Records (or corrects) the consultation of one of the structures to consult.
pub async fn enregistrer_consultation(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    nouvelle: &NouvelleConsultation,
    aujourd_hui: NaiveDate,
) -> Result<consultation::Model, AppError> {
    let NouvelleConsultation {
        structure_id: structure_consultee,
        consultee_le,
        reponse,
        commentaire,
    } = nouvelle;
    let (structure_consultee, consultee_le, reponse) = (*structure_consultee, *consultee_le, *reponse);
    let row = lire(db, acteur, candidature_id).await?;
    structure_de(acteur, &row)?;
    transition(statut(&row), Action::Modifier, Role::Structure)?;
    if consultee_le > aujourd_hui {
        return Err(AppError::InvalidInput(
            "La date de consultation ne peut pas être dans le futur.".to_owned(),
        ));
    }
    if commentaire.chars().count() > 1000 {
        return Err(AppError::InvalidInput(
            "Le commentaire dépasse 1000 caractères.".to_owned(),
        ));
    }
    let a_consulter = structures_a_consulter(db, &row).await?;
    if !a_consulter.iter().any(|s| s.id == structure_consultee) {
        return Err(AppError::InvalidInput(
            "Cette structure n’emploie pas de conseiller numérique dans le territoire à coordonner."
                .to_owned(),
        ));
    }
    consultation::Entity::delete_many()
        .filter(consultation::Column::CandidatureId.eq(candidature_id))
        .filter(consultation::Column::StructureId.eq(structure_consultee))
        .exec(db)
        .await?;
    Ok(consultation::ActiveModel {
        id: NotSet,
        candidature_id: Set(candidature_id),
        structure_id: Set(structure_consultee),
        consultee_le: Set(consultee_le),
        reponse: Set(reponse.as_str().to_owned()),
        commentaire: Set(commentaire.trim().to_owned()),
    }
    .insert(db)
    .await?)
}

/// Moves the row from `de` to `vers` only if it is still in `de`: two agents acting at once cannot both
/// succeed. `colonnes` are written in the same statement.
async fn changer_statut(
    db: &impl ConnectionTrait,
    id: i64,
    de: StatutCandidature,
    vers: StatutCandidature,
    colonnes: Vec<(candidature::Column, sea_orm::Value)>,
    action: Action,
) -> Result<(), AppError> {
    let mut update = candidature::Entity::update_many()
        .col_expr(candidature::Column::Statut, Expr::value(vers.as_str()))
        .col_expr(candidature::Column::ModifieLe, Expr::value(Utc::now()));
    for (colonne, valeur) in colonnes {
        update = update.col_expr(colonne, Expr::value(valeur));
    }
    let resultat = update
        .filter(candidature::Column::Id.eq(id))
        .filter(candidature::Column::Statut.eq(de.as_str()))
        .exec(db)
        .await?;
    if resultat.rows_affected != 1 {
        return Err(maillage_shared::candidature::TransitionRefusee::Etat { action, statut: vers }.into());
    }
    // The counts by status of its département, in the same transaction.
    if let Some(candidature) = candidature::Entity::find_by_id(id).one(db).await? {
        let zone = crate::territoire::etendue::Etendue::Departement(candidature.departement_code);
        crate::territoire::etendue::figures_modifiees(db, &zone).await?;
    }
    Ok(())
}

fn lien(id: i64) -> String {
    format!("/candidatures/{id}")
}

/// Files the draft: the structure must be eligible, the call open, the form complete and every employer of
/// conseillers numériques of the perimeter consulted.
pub async fn deposer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    aujourd_hui: NaiveDate,
) -> Result<candidature::Model, AppError> {
    let row = lire(db, acteur, id).await?;
    structure_de(acteur, &row)?;
    let de = statut(&row);
    let vers = transition(de, Action::Deposer, Role::Structure)?;
    let structure = structures::par_id(db, row.structure_id).await?;
    structures::eligibilite(&structure)?;
    let appel = appel::Entity::find_by_id(row.appel_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("appel {} absent", row.appel_id)))?;
    if !(PeriodeAppel {
        ouverture: appel.ouverture,
        cloture: appel.cloture,
    })
    .est_ouvert(aujourd_hui)
    {
        return Err(AppError::AppelClos(appel.nom));
    }
    let manquants = formulaire(&row, epcis_du_perimetre(db, id).await?).champs_manquants();
    if !manquants.is_empty() {
        return Err(AppError::FormulaireIncomplet(manquants));
    }
    if row.montant_subvention.is_none() {
        return Err(AppError::InvalidInput(
            "Le type de contrat choisi n’ouvre pas droit à la subvention pour votre structure : changez-le."
                .to_owned(),
        ));
    }
    let consultees: Vec<i64> = consultations(db, id)
        .await?
        .into_iter()
        .map(|c| c.structure_id)
        .collect();
    let manquantes: Vec<String> = structures_a_consulter(db, &row)
        .await?
        .into_iter()
        .filter(|s| !consultees.contains(&s.id))
        .map(|s| s.nom)
        .collect();
    if !manquantes.is_empty() {
        return Err(AppError::ConsultationManquante(manquantes));
    }
    changer_statut(
        db,
        id,
        de,
        vers,
        vec![(candidature::Column::DeposeLe, aujourd_hui.into())],
        Action::Deposer,
    )
    .await?;
    historiser(db, acteur, Role::Structure, id, Some(de), vers, None).await?;
    let prefecture =
        notification::titulaires(db, Role::Prefecture, None, Some(&row.departement_code), None).await?;
    notification::notifier(
        db,
        &prefecture,
        "Nouvelle candidature à examiner",
        &format!(
            "{} a déposé une candidature pour un poste de conseiller numérique coordinateur. Donnez votre avis.",
            structure.nom
        ),
        &lien(id),
    )
    .await?;
    let porteurs = notification::titulaires(db, Role::Structure, Some(structure.id), None, None).await?;
    notification::notifier(
        db,
        &porteurs,
        "Candidature déposée",
        &format!(
            "Votre candidature a été déposée le {}. L’ANCT rendra sa décision au plus tard le {}.",
            aujourd_hui.format("%d/%m/%Y"),
            echeance_decision(aujourd_hui).format("%d/%m/%Y")
        ),
        &lien(id),
    )
    .await?;
    lire(db, acteur, id).await
}

/// The préfecture of the candidature's département gives its avis, with a comment of 10 to 1000 characters.
pub async fn donner_avis(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    favorable: bool,
    commentaire: &str,
) -> Result<candidature::Model, AppError> {
    let role = acteur.exiger(Role::Prefecture)?;
    let row = lire(db, acteur, id).await?;
    if role.departement_code.as_deref() != Some(row.departement_code.as_str()) {
        return Err(AppError::Interdit(
            "Cette candidature n’est pas dans votre département.".to_owned(),
        ));
    }
    let de = statut(&row);
    let vers = transition(de, Action::DonnerAvis, Role::Prefecture)?;
    let commentaire = Commentaire::parse(commentaire)?;
    changer_statut(
        db,
        id,
        de,
        vers,
        vec![
            (candidature::Column::AvisFavorable, favorable.into()),
            (candidature::Column::AvisCommentaire, commentaire.as_str().into()),
            (candidature::Column::AvisLe, Utc::now().into()),
        ],
        Action::DonnerAvis,
    )
    .await?;
    historiser(
        db,
        acteur,
        Role::Prefecture,
        id,
        Some(de),
        vers,
        Some(commentaire.as_str()),
    )
    .await?;
    let structure = structures::par_id(db, row.structure_id).await?;
    let anct = notification::titulaires(db, Role::Anct, None, None, None).await?;
    notification::notifier(
        db,
        &anct,
        "Avis de la préfecture rendu",
        &format!(
            "La préfecture ({}) a rendu un avis {} sur la candidature de {}.",
            row.departement_code,
            if favorable { "favorable" } else { "défavorable" },
            structure.nom
        ),
        &lien(id),
    )
    .await?;
    lire(db, acteur, id).await
}

/// ANCT validates or refuses, with its reason; the structure and the préfecture are notified.
pub async fn decider(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    validee: bool,
    motif: &str,
    aujourd_hui: NaiveDate,
) -> Result<candidature::Model, AppError> {
    acteur.exiger(Role::Anct)?;
    let row = lire(db, acteur, id).await?;
    let de = statut(&row);
    let vers = transition(de, Action::Decider { validee }, Role::Anct)?;
    let motif = Commentaire::parse(motif)?;
    changer_statut(
        db,
        id,
        de,
        vers,
        vec![
            (candidature::Column::DecisionValidee, validee.into()),
            (candidature::Column::DecisionMotif, motif.as_str().into()),
            (candidature::Column::DecideLe, aujourd_hui.into()),
        ],
        Action::Decider { validee },
    )
    .await?;
    historiser(db, acteur, Role::Anct, id, Some(de), vers, Some(motif.as_str())).await?;
    let structure = structures::par_id(db, row.structure_id).await?;
    let (titre, message) = if validee {
        (
            "Candidature validée",
            format!(
                "L’ANCT a validé la candidature de {} : subvention de {} € sur {} mois. Le recrutement doit \
                 intervenir dans les six mois. Motif : {}",
                structure.nom,
                maillage_shared::format::nombre(i64::from(row.montant_subvention.unwrap_or_default())),
                row.duree_mois.unwrap_or_default(),
                motif.as_str()
            ),
        )
    } else {
        (
            "Candidature refusée",
            format!(
                "L’ANCT a refusé la candidature de {}. Motif : {}",
                structure.nom,
                motif.as_str()
            ),
        )
    };
    let mut destinataires =
        notification::titulaires(db, Role::Structure, Some(structure.id), None, None).await?;
    destinataires.extend(
        notification::titulaires(db, Role::Prefecture, None, Some(&row.departement_code), None).await?,
    );
    notification::notifier(db, &destinataires, titre, &message, &lien(id)).await?;
    lire(db, acteur, id).await
}

/// Whether the decision is overdue for a candidature in instruction.
pub fn decision_en_retard(row: &candidature::Model, aujourd_hui: NaiveDate) -> bool {
    statut(row).en_instruction()
        && row
            .depose_le
            .is_some_and(|depose| en_retard(echeance_decision(depose), aujourd_hui))
}

/// The history of a candidature, oldest first.
pub async fn historique(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<historique_candidature::Model>, AppError> {
    Ok(historique_candidature::Entity::find()
        .filter(historique_candidature::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(historique_candidature::Column::Id)
        .all(db)
        .await?)
}

/// Other filed candidatures whose perimeter shares an EPCI or the département with this one: ANCT favours
/// coordinated initiatives, so it must see them.
pub async fn chevauchements(
    db: &impl ConnectionTrait,
    row: &candidature::Model,
) -> Result<Vec<(candidature::Model, Vec<String>)>, AppError> {
    let epcis = epcis_du_perimetre(db, row.id).await?;
    let mut departements: Vec<String> = crate::territoire::service::departements_des_epcis(db, &epcis)
        .await?
        .into_values()
        .flatten()
        .map(|d| d.code)
        .collect();
    departements.extend(row.perimetre_departement_code.clone());
    let liens = candidature_epci::Entity::find()
        .filter(candidature_epci::Column::EpciCode.is_in(epcis.clone()))
        .filter(candidature_epci::Column::CandidatureId.ne(row.id))
        .all(db)
        .await?;
    let mut par_candidature: std::collections::BTreeMap<i64, Vec<String>> = std::collections::BTreeMap::new();
    for lien in liens {
        par_candidature
            .entry(lien.candidature_id)
            .or_default()
            .push(lien.epci_code);
    }
    let mut condition = Condition::any().add(candidature::Column::Id.is_in(par_candidature.keys().copied()));
    if !departements.is_empty() {
        // A whole-département candidature overlaps every candidature inside that département.
        condition = condition.add(candidature::Column::PerimetreDepartementCode.is_in(departements.clone()));
    }
    if let Some(departement) = &row.perimetre_departement_code {
        condition = condition.add(candidature::Column::DepartementCode.eq(departement.as_str()));
    }
    let autres = candidature::Entity::find()
        .filter(condition)
        .filter(candidature::Column::Id.ne(row.id))
        .filter(candidature::Column::Statut.ne(StatutCandidature::Brouillon.as_str()))
        .order_by_asc(candidature::Column::Id)
        .all(db)
        .await?;
    Ok(autres
        .into_iter()
        .map(|autre| {
            let communs = par_candidature.get(&autre.id).cloned().unwrap_or_default();
            (autre, communs)
        })
        .collect())
}
