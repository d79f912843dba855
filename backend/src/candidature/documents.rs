//! The PDFs of a candidature, for those who read it: its dossier (the form, the perimeter, the
//! consultations and the documents attached, with their fingerprints) and, once ANCT decided, the decision
//! letter. What they say is assembled here; `crate::pdf` lays it out.

use chrono::NaiveDate;
use maillage_shared::candidature::pieces::{FormatDePiece, NaturePiece};
use maillage_shared::candidature::{
    CasDeFigure, ReponseConsultation, StatutCandidature, echeance_recrutement,
};
use maillage_shared::format::{jour_en_toutes_lettres, nombre, taille};
use maillage_shared::structure::CategorieStructure;
use maillage_shared::subvention::TypeContrat;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::{Value, json};

use super::acces::{lire, statut};
use super::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::error::AppError;

/// "Brest (29)", or the code when the referential does not know it.
async fn commune(db: &impl ConnectionTrait, code: &str) -> Result<String, AppError> {
    let communes = crate::territoire::service::communes_par_code(db, &[code.to_owned()]).await?;
    Ok(communes.get(code).map_or_else(
        || code.to_owned(),
        |c| format!("{} ({})", c.nom, c.departement_code),
    ))
}

async fn structure(db: &impl ConnectionTrait, row: &candidature::Model) -> Result<Value, AppError> {
    let structure = crate::structure::service::par_id(db, row.structure_id).await?;
    Ok(json!({
        "nom": structure.nom,
        "siret": structure.siret,
        "categorie": structure
            .categorie
            .as_deref()
            .and_then(CategorieStructure::parse)
            .map_or("Aucune des catégories de l’appel", CategorieStructure::libelle),
        "commune": commune(db, &structure.commune_code).await?,
    }))
}

/// The dossier of a candidature the caller reads.
pub async fn dossier(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    aujourd_hui: NaiveDate,
) -> Result<Vec<u8>, AppError> {
    let row = lire(db, acteur, id).await?;
    let statut = statut(&row);
    let appel = super::entity::appel::Entity::find_by_id(row.appel_id)
        .one(db)
        .await?
        .map_or_else(String::new, |a| a.nom);
    let structure = structure(db, &row).await?;
    let nom = structure["nom"].as_str().unwrap_or_default().to_owned();
    let mut candidature = vec![
        ("Statut".to_owned(), statut.libelle().to_owned()),
        (
            "Déposée le".to_owned(),
            row.depose_le
                .map_or_else(|| "Pas encore déposée".to_owned(), jour_en_toutes_lettres),
        ),
        (
            "Cas".to_owned(),
            row.cas
                .as_deref()
                .and_then(CasDeFigure::parse)
                .map_or("Non renseigné", CasDeFigure::libelle)
                .to_owned(),
        ),
        (
            "Contrat du coordinateur".to_owned(),
            row.contrat
                .as_deref()
                .and_then(TypeContrat::parse)
                .map_or("Non renseigné", TypeContrat::libelle)
                .to_owned(),
        ),
        (
            "Candidat déjà identifié".to_owned(),
            match row.candidat_identifie {
                Some(true) => "Oui",
                Some(false) => "Non",
                None => "Non renseigné",
            }
            .to_owned(),
        ),
        (
            "Prise de poste envisagée".to_owned(),
            row.date_prise_poste
                .map_or_else(|| "Non renseignée".to_owned(), jour_en_toutes_lettres),
        ),
    ];
    if let (Some(montant), Some(mois)) = (row.montant_subvention, row.duree_mois) {
        candidature.push((
            "Subvention demandée".to_owned(),
            format!("{} € sur {mois} mois", nombre(i64::from(montant))),
        ));
    }
    let mut perimetre = Vec::new();
    if let Some(code) = &row.perimetre_departement_code {
        perimetre.push(format!("Le département {code} entier"));
    }
    let epcis = super::brouillon::epcis_du_perimetre(db, id).await?;
    let noms = crate::territoire::service::epcis_par_code(db, &epcis).await?;
    for code in &epcis {
        perimetre.push(match noms.get(code) {
            Some(epci) => format!("{} (SIREN {code})", epci.nom),
            None => format!("SIREN {code}"),
        });
    }
    let reponses: Vec<Value> = [
        ("Diagnostic du territoire", &row.diagnostic),
        ("Partenaires", &row.partenaires),
        (
            "Articulation avec la gouvernance France Numérique Ensemble",
            &row.articulation_gouvernance,
        ),
        ("Missions : maillage territorial", &row.missions_maillage),
        ("Missions : relais auprès des acteurs", &row.missions_relais),
        (
            "Missions : collaborations et ancrage",
            &row.missions_collaborations,
        ),
    ]
    .into_iter()
    .map(|(question, reponse)| json!({ "question": question, "reponse": reponse }))
    .collect();
    let consultations = super::consultations::consultations(db, id).await?;
    let noms_consultees =
        crate::structure::service::noms(db, consultations.iter().map(|c| c.structure_id)).await?;
    let consultations: Vec<Value> = consultations
        .iter()
        .map(|c| {
            json!({
                "structure": noms_consultees.get(&c.structure_id).cloned().unwrap_or_default(),
                "le": jour_en_toutes_lettres(c.consultee_le),
                "reponse": ReponseConsultation::parse(&c.reponse).map_or("", ReponseConsultation::libelle),
                "commentaire": c.commentaire,
            })
        })
        .collect();
    let pieces: Vec<Value> = super::dossier::pieces(db, id)
        .await?
        .iter()
        .map(|p| {
            json!({
                "nature": NaturePiece::parse(&p.nature).map_or("", NaturePiece::libelle),
                "nom": p.nom,
                "format": FormatDePiece::parse(&p.format).map_or("", FormatDePiece::as_str),
                "taille": taille(u64::try_from(p.taille).unwrap_or(0)),
                "empreinte": p.empreinte,
            })
        })
        .collect();
    let donnees = json!({
        "titre": format!("Dossier de candidature de « {nom} »"),
        "appel": appel,
        "structure": structure,
        "candidature": candidature,
        "perimetre": perimetre,
        "reponses": reponses,
        "consultations": consultations,
        "pieces": pieces,
        "pied": crate::pdf::pied(aujourd_hui),
    });
    crate::pdf::produire(crate::pdf::DOSSIER, &donnees, aujourd_hui).await
}

/// ANCT's decision letter on a candidature the caller reads, once decided.
pub async fn decision(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    aujourd_hui: NaiveDate,
) -> Result<Vec<u8>, AppError> {
    let row = lire(db, acteur, id).await?;
    let statut = statut(&row);
    let decidee = matches!(statut, StatutCandidature::Validee | StatutCandidature::Refusee);
    let (Some(validee), Some(le), true) = (row.decision_validee, row.decide_le, decidee) else {
        return Err(AppError::Introuvable(
            "L’ANCT n’a pas encore décidé de cette candidature.".to_owned(),
        ));
    };
    let structure = structure(db, &row).await?;
    let nom = structure["nom"].as_str().unwrap_or_default().to_owned();
    let depose = row.depose_le.map_or_else(String::new, |jour| {
        format!(" déposée le {}", jour_en_toutes_lettres(jour))
    });
    let (objet, paragraphes, suite) = if validee {
        let subvention = row
            .montant_subvention
            .zip(row.duree_mois)
            .map(|(montant, mois)| {
                format!(
                    "Le poste est financé par une subvention de {} € sur {mois} mois, versée selon la convention \
                     que vous demanderez une fois votre coordinateur en poste.",
                    nombre(i64::from(montant))
                )
            })
            .unwrap_or_default();
        (
            "validation de votre candidature à un poste de conseiller numérique coordinateur".to_owned(),
            vec![
                format!(
                    "J’ai le plaisir de vous informer que l’ANCT a validé, le {}, la candidature de « {nom} »{depose} \
                     pour un poste de conseiller numérique coordinateur.",
                    jour_en_toutes_lettres(le)
                ),
                subvention,
            ],
            vec![format!(
                "Vous disposez de six mois pour recruter votre coordinateur, soit jusqu’au {}. Passé ce délai sans \
                 recrutement, le poste peut vous être retiré après un préavis.",
                jour_en_toutes_lettres(echeance_recrutement(le))
            )],
        )
    } else {
        (
            "refus de votre candidature à un poste de conseiller numérique coordinateur".to_owned(),
            vec![format!(
                "Après examen, l’ANCT n’a pas retenu, le {}, la candidature de « {nom} »{depose}.",
                jour_en_toutes_lettres(le)
            )],
            vec!["Votre structure pourra candidater à un prochain appel.".to_owned()],
        )
    };
    let donnees = json!({
        "titre": format!("Décision sur la candidature de « {nom} »"),
        "structure": structure,
        "lieu_et_date": format!("Paris, le {}", jour_en_toutes_lettres(le)),
        "objet": objet,
        "paragraphes": paragraphes.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>(),
        "motif": row.decision_motif,
        "suite": suite,
        "pied": crate::pdf::pied(aujourd_hui),
    });
    crate::pdf::produire(crate::pdf::DECISION, &donnees, aujourd_hui).await
}
