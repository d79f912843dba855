//! Camille's post, so the demo's conseillère and coordinatrice leads somewhere real: a structure of Rennes
//! whose candidature on Rennes Métropole went through the whole instruction (filed, avis of the
//! préfecture of Ille-et-Vilaine, validated by ANCT), employs Camille and made her its coordinatrice; she
//! has recorded accompaniments over the last months and planned a meeting with her team.
//!
//! Everything goes through the services a person would use, so the history, the notifications and the
//! map's figures are those the same steps give in the app. Added at start-up in demo mode only, like the
//! demo lieux: the tests' template keeps Camille without a post (to check what a coordinator without a post
//! may not see).

use chrono::{Datelike, Days, NaiveDate, Utc};
use maillage_shared::activite::{Autonomie, Canal, Materiel, THEMES, TypeAccompagnement};
use maillage_shared::candidature::{CasDeFigure, Formulaire};
use maillage_shared::coordination::{AxeMission, NatureAction};
use maillage_shared::gouvernance::PlaceDansLaGouvernance;
use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use maillage_shared::subvention::TypeContrat;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, TransactionSession,
    TransactionTrait,
};

use super::{MOT_DE_PASSE, personne};
use crate::activite::service::{self as activite, Accompagnement};
use crate::candidature::dossier;
use crate::candidature::{brouillon, instruction};
use crate::compte::acteur::Acteur;
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::compte::service as compte;
use crate::coordination::service::{self as coordination, NouvelleAction};
use crate::error::AppError;
use crate::poste::entity::{conseiller, coordinateur};
use crate::poste::recrutement;
use crate::structure::entity as structure;

/// The structure of Rennes that hosts Camille's post (SIRET synthetic, valid key).
pub const SIRET: &str = "90000000000050";
/// Its account (listed in the README).
pub const STRUCTURE: &str = "structure35@demo.maillage.fr";
/// The demo's conseillère and coordinatrice.
pub const CAMILLE: &str = "conseiller@demo.maillage.fr";
/// Rennes, and its intercommunalité.
const RENNES: &str = "35238";
const RENNES_METROPOLE: &str = "243500139";

/// Makes Camille coordinatrice in post at Rennes Métropole, unless she already holds a post (run again, it
/// changes nothing). Needs the accounts and the open call of [`super::semer`].
pub async fn semer_le_poste_de_camille<C: TransactionTrait>(
    db: &C,
    stockage: &crate::stockage::Stockage,
    aujourd_hui: NaiveDate,
) -> Result<bool, AppError> {
    let txn = crate::database::ecriture(db).await?;
    let Some(camille) = personne(&txn, CAMILLE).await? else {
        return Ok(false);
    };
    let en_poste = coordinateur::Entity::find()
        .filter(coordinateur::Column::UtilisateurId.eq(camille.id))
        .one(&txn)
        .await?
        .is_some();
    if en_poste {
        return Ok(false);
    }
    let structure = structure::ActiveModel {
        id: NotSet,
        siret: Set(SIRET.to_owned()),
        nom: Set("Rennes Solidarité Numérique (démo)".to_owned()),
        categorie: Set(Some(CategorieStructure::Association.as_str().to_owned())),
        statut_public: Set(false),
        mission_interet_general: Set(true),
        commune_code: Set(RENNES.to_owned()),
        departement_code: Set("35".to_owned()),
        conseillers_numeriques: Set(1),
        cree_le: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let directrice = utilisateur::ActiveModel {
        id: NotSet,
        email: Set(STRUCTURE.to_owned()),
        mot_de_passe: Set(compte::hacher(MOT_DE_PASSE)?),
        prenom: Set("Rozenn".to_owned()),
        nom: Set("Porteuse-Rennes".to_owned()),
        cree_le: Set(Utc::now()),
        adresse_verifiee_le: Set(Some(Utc::now())),
        proconnect_sub: Set(None),
        desactive_le: Set(None),
        au_feminin: Set(Some(true)),
    }
    .insert(&txn)
    .await?;
    compte::attribuer_role(
        &txn,
        directrice.id,
        Role::Structure,
        Some(structure.id),
        None,
        None,
    )
    .await?;

    // The candidature, as the structure, the préfecture and ANCT would take it through.
    let porteuse = acteur(&txn, STRUCTURE, Role::Structure).await?;
    let candidature = brouillon::creer(&txn, &porteuse, aujourd_hui).await?;
    let reponse = |texte: &str| texte.to_owned();
    let formulaire = Formulaire {
        cas: Some(CasDeFigure::B1),
        contrat: Some(TypeContrat::CdiDroitPrive),
        perimetre_epcis: vec![RENNES_METROPOLE.to_owned()],
        perimetre_departement: None,
        diagnostic: reponse(
            "43 communes, 230 000 habitants ; trois quartiers prioritaires où la moitié des demandes \
             d’aide concerne les démarches en ligne.",
        ),
        partenaires: reponse("CCAS de Rennes, France services de Maurepas, mission locale, médiathèques."),
        articulation_gouvernance: reponse(
            "Membre de la gouvernance départementale France Numérique Ensemble d’Ille-et-Vilaine.",
        ),
        gouvernance: Some(PlaceDansLaGouvernance::Membre),
        missions_maillage: reponse(
            "Cartographier les lieux de médiation de la métropole et organiser les permanences des conseillers.",
        ),
        missions_relais: reponse(
            "Relayer les formations du hub Bretagne et réunir l’équipe chaque mois avec ses employeurs.",
        ),
        missions_collaborations: reponse(
            "Inscrire la médiation numérique dans le contrat de ville et le schéma d’inclusion du département.",
        ),
        candidat_identifie: Some(true),
        date_prise_poste: aujourd_hui.checked_sub_days(Days::new(90)),
    };
    brouillon::modifier(&txn, &porteuse, candidature.id, &formulaire).await?;
    // The documents its call requires of it, as the structure attaches them.
    let brouillon = crate::candidature::acces::lire(&txn, &porteuse, candidature.id).await?;
    for nature in dossier::manquantes(&txn, &brouillon).await? {
        let piece = dossier::stocker(
            stockage,
            candidature.id,
            dossier::PieceRecue {
                nature,
                nom: &format!("{} (démonstration).pdf", nature.libelle()),
                contenu: super::documents::pdf(&[
                    "Rennes Solidarité Numérique (démonstration)",
                    nature.libelle(),
                    "Document de démonstration de Maillage : il ne vaut pas pièce réelle.",
                ])
                .into(),
            },
        )
        .await?;
        dossier::enregistrer(&txn, &porteuse, candidature.id, &piece).await?;
    }
    instruction::deposer(&txn, &porteuse, candidature.id, aujourd_hui).await?;
    let prefecture = acteur(&txn, "prefecture35@demo.maillage.fr", Role::Prefecture).await?;
    instruction::donner_avis(
        &txn,
        &prefecture,
        candidature.id,
        true,
        "Avis favorable : la structure anime déjà le réseau des aidants de la métropole.",
    )
    .await?;
    let anct = acteur(&txn, "anct@demo.maillage.fr", Role::Anct).await?;
    instruction::decider(
        &txn,
        &anct,
        candidature.id,
        true,
        "Candidature complète, territoire prioritaire sans coordination.",
        aujourd_hui,
        // The avis is given above: no delay applies.
        0,
    )
    .await?;

    // Camille works for the structure, which makes her its coordinatrice.
    let poste = conseiller::ActiveModel {
        id: NotSet,
        utilisateur_id: Set(camille.id),
        structure_id: Set(structure.id),
        commune_code: Set(RENNES.to_owned()),
        contrat_debut: Set(aujourd_hui.checked_sub_days(Days::new(500))),
        contrat_fin: Set(None),
        fin_financement_initial: Set(aujourd_hui.checked_add_days(Days::new(200))),
        cree_le: Set(Utc::now()),
        type_contrat: Set(Some(TypeContrat::CdiDroitPrive.as_str().to_owned())),
        importe_le: Set(None),
    }
    .insert(&txn)
    .await?;
    recrutement::attribuer_role(&txn, &porteuse, candidature.id, poste.id, aujourd_hui).await?;
    // The role the template gave her without a territory would now stand beside the one of her post.
    for sans_poste in role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::UtilisateurId.eq(camille.id))
        .filter(role_utilisateur::Column::Role.eq(Role::Coordinateur.as_str()))
        .filter(role_utilisateur::Column::DepartementCode.is_null())
        .all(&txn)
        .await?
    {
        sans_poste.delete(&txn).await?;
    }

    // Some months of her own accompaniments, and a meeting with her team next week.
    let conseillere = acteur(&txn, CAMILLE, Role::Conseiller).await?;
    for jours in [3_u64, 9, 17, 26, 38, 47, 61, 75, 96, 120] {
        let Some(date) = aujourd_hui.checked_sub_days(Days::new(jours)) else {
            continue;
        };
        let collectif = date.day() % 3 == 0;
        let accompagnement = Accompagnement {
            date,
            type_accompagnement: if collectif {
                TypeAccompagnement::Collectif
            } else {
                TypeAccompagnement::Individuel
            },
            canal: if jours % 2 == 0 {
                Canal::LieuDePermanence
            } else {
                Canal::ADistance
            },
            themes: vec![THEMES[(jours as usize) % THEMES.len()].to_owned()],
            duree_minutes: if collectif {
                120
            } else {
                30 + (jours as i32 % 4) * 15
            },
            participants: if collectif { 6 + (jours as i32 % 5) } else { 1 },
            commune_code: Some(RENNES.to_owned()),
            lieu_id: None,
            materiel: vec![if jours % 2 == 0 {
                Materiel::Ordinateur
            } else {
                Materiel::Telephone
            }],
            autonomie: (!collectif).then_some(if jours > 60 {
                Autonomie::PartiellementAutonome
            } else {
                Autonomie::Autonome
            }),
            orientation: None,
            beneficiaire: None,
        };
        activite::enregistrer(&txn, &conseillere, &accompagnement, aujourd_hui).await?;
    }
    let coordinatrice = acteur(&txn, CAMILLE, Role::Coordinateur).await?;
    coordination::enregistrer(
        &txn,
        &coordinatrice,
        &NouvelleAction {
            nature: NatureAction::Reunion,
            axe: AxeMission::Relais,
            titre: "Réunion d’équipe mensuelle".to_owned(),
            date: aujourd_hui.checked_add_days(Days::new(7)).unwrap_or(aujourd_hui),
            lieu: "France services de Maurepas, Rennes".to_owned(),
            description: "Tour des permanences, formations du hub, contrats qui arrivent à échéance."
                .to_owned(),
            partenaires: "Hub Bretagne".to_owned(),
        },
        aujourd_hui,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// The demo person `email` acting in `role`, as a session in that role would make them.
async fn acteur(db: &impl ConnectionTrait, email: &str, role: Role) -> Result<Acteur, AppError> {
    let demo = personne(db, email)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("compte de démonstration {email} absent")))?;
    let roles = compte::roles_de(db, demo.id).await?;
    // The newest role of that kind: a coordinator's post is the one just given.
    let role_actif = roles.iter().rev().find(|r| r.role == role).cloned();
    Ok(Acteur {
        utilisateur_id: demo.id,
        email: demo.email,
        prenom: demo.prenom,
        nom: demo.nom,
        session_id: String::new(),
        role_actif,
        roles,
        jeton_api: None,
        adresse_verifiee: true,
        proconnect: false,
        au_feminin: demo.au_feminin == Some(true),
    })
}
