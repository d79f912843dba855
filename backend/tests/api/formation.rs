//! The training of conseillers numériques, on SQLite and PostgreSQL: Lou declares her CCP1, her PIX and the
//! continuing-training module of the year; Yann, her coordinator, reads it in the team table and its export.
//! A declaration that does not hold together is refused and changes nothing; someone who never declared
//! starts from their candidate profile.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::{Datelike, Duration, Utc};
use common::parcours::*;
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use serde_json::{Value, json};

const LIRE: &str =
    "{ maFormation { ccp1 ccp1Le pix pixLe moduleContinu moduleContinuLe moduleDeLAnnee resume } }";
const ENREGISTRER: &str =
    "mutation($f: FormationEntree!) { enregistrerMaFormation(formation: $f) { resume moduleDeLAnnee } }";
const EQUIPE: &str = "{ monEquipe { prenom formation { ccp1 pix moduleDeLAnnee resume } } }";

fn membre<'a>(equipe: &'a Value, prenom: &str) -> &'a Value {
    equipe["monEquipe"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["prenom"] == prenom)
        .unwrap()
}

on_both_engines! {
    async fn a_conseillere_declares_her_training_and_her_coordinator_reads_it(app) {
        let (coordinateur, lou) = equipe_de_brest(&app).await;
        let annee = Utc::now().year();
        let vide = lou.data(LIRE, json!({})).await["maFormation"].clone();
        assert_eq!([&vide["ccp1"], &vide["pix"], &vide["moduleDeLAnnee"]], [&json!("NON_COMMENCEE"), &json!(false), &json!(false)]);
        assert_eq!(vide["resume"], format!("Formation initiale non commencée · pas de module en {annee}"));

        let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now());
        let declaration = json!({ "f": { "ccp1": "CERTIFIE", "ccp1Le": "2025-06-30", "pix": true,
            "moduleContinu": "Accompagner les démarches en ligne", "moduleContinuLe": aujourd_hui.to_string() } });
        let enregistree = lou.data(ENREGISTRER, declaration).await["enregistrerMaFormation"].clone();
        assert_eq!(enregistree["resume"], format!("Certifié CCP1 · PIX · module {annee} suivi"));

        // Incoherent: refused, nothing changed.
        let demain = (aujourd_hui + Duration::days(1)).to_string();
        for mauvaise in [
            json!({ "f": { "ccp1": "EN_FORMATION", "ccp1Le": "2025-06-30", "pix": true } }),
            json!({ "f": { "ccp1": "CERTIFIE", "pix": true, "pixLe": demain } }),
            json!({ "f": { "ccp1": "CERTIFIE", "pix": true, "moduleContinuLe": "2026-01-10" } }),
        ] {
            assert_eq!(lou.error_code(ENREGISTRER, mauvaise).await, "INVALID_INPUT");
        }
        assert_eq!(lou.data(LIRE, json!({})).await["maFormation"]["ccp1Le"], "2025-06-30");

        // Her coordinator reads it; a second declaration replaces the first.
        let equipe = coordinateur.data(EQUIPE, json!({})).await;
        assert_eq!(membre(&equipe, "Lou")["formation"]["resume"], format!("Certifié CCP1 · PIX · module {annee} suivi"));
        assert_eq!(membre(&equipe, "Yann")["formation"]["moduleDeLAnnee"], false);
        lou.data(ENREGISTRER, json!({ "f": { "ccp1": "CERTIFIE", "pix": false } })).await;
        let equipe = coordinateur.data(EQUIPE, json!({})).await;
        assert_eq!(membre(&equipe, "Lou")["formation"]["moduleDeLAnnee"], false);
        let (_, _, csv) = coordinateur.telecharger("/exports/equipe.csv").await;
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.lines().next().unwrap().ends_with(";Formation"), "{csv}");
        assert!(csv.contains(&format!("Certifié CCP1 · pas de module en {annee}")), "{csv}");

        // A coordinator declares its own (it is a conseiller too); other roles do not.
        assert_eq!(coordinateur.data(LIRE, json!({})).await["maFormation"]["ccp1"], "NON_COMMENCEE");
        let structure = app.connecte(STRUCTURE).await;
        assert_eq!(structure.error_code(LIRE, json!({})).await, "FORBIDDEN");
        // It is in her data export.
        let donnees = lou.data("{ mesDonnees }", json!({})).await;
        assert_eq!(donnees["mesDonnees"]["formation"]["ccp1"], "CERTIFIE");
    }

    async fn without_a_declaration_the_candidate_profile_gives_the_training(app) {
        let (coordinateur, lou) = equipe_de_brest(&app).await;
        use maillage::compte::entity::utilisateur;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let lou_id = utilisateur::Entity::find()
            .filter(utilisateur::Column::Email.eq("lou@exemple.fr"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        maillage::poste::entity::profil_candidat::ActiveModel {
            id: NotSet,
            utilisateur_id: Set(lou_id),
            commune_code: Set("29019".to_owned()),
            departement_code: Set("29".to_owned()),
            region_code: Set("53".to_owned()),
            rayon_km: Set(30),
            disponible_le: Set(None),
            experience: Set(String::new()),
            diplomes: Set(String::new()),
            pix: Set(true),
            ccp1: Set(true),
            visible: Set(false),
            cree_le: Set(Utc::now()),
            modifie_le: Set(Utc::now()),
        }
        .insert(&app.db)
        .await
        .unwrap();
        let formation = lou.data(LIRE, json!({})).await["maFormation"].clone();
        assert_eq!([&formation["ccp1"], &formation["pix"]], [&json!("CERTIFIE"), &json!(true)]);
        let equipe = coordinateur.data(EQUIPE, json!({})).await;
        assert_eq!(membre(&equipe, "Lou")["formation"]["ccp1"], "CERTIFIE");
    }
}
