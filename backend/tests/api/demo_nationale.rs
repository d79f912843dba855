//! The national-scale demo generator, run at a small scale on SQLite and PostgreSQL: every kind of data is
//! written, consistently, and a second run is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use maillage::demo::national::{Echelle, generer};
use sea_orm::{ConnectionTrait, Statement};

const PETITE: Echelle = Echelle {
    structures: 30,
    conseillers: 40,
    coordinateurs: 10,
    lieux: 20,
    activites_par_conseiller: 5,
};

async fn compter(app: &common::TestApp, sql: &str) -> i64 {
    let ligne = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    ligne.try_get_by_index::<i64>(0).unwrap()
}

on_both_engines! {
    async fn national_demo_generator_writes_consistent_data_once(app) {
        let structures_avant = compter(&app, "SELECT COUNT(*) FROM structure").await;
        let conseillers_avant = compter(&app, "SELECT COUNT(*) FROM conseiller").await;
        generer(&app.db, PETITE, 7, maillage_shared::jour::jour_en_metropole(chrono::Utc::now())).await.unwrap();
        assert_eq!(compter(&app, "SELECT COUNT(*) FROM structure").await, structures_avant + 30);
        assert_eq!(compter(&app, "SELECT COUNT(*) FROM conseiller").await, conseillers_avant + 40);
        assert_eq!(compter(&app, "SELECT COUNT(*) FROM coordinateur").await, 10);
        assert_eq!(compter(&app, "SELECT COUNT(*) FROM candidature WHERE statut = 'VALIDEE'").await, 10);
        assert_eq!(compter(&app, "SELECT COUNT(*) FROM lieu WHERE departement_code IS NOT NULL").await, 20, "every lieu matched to its département");
        assert_eq!(compter(&app, "SELECT COUNT(*) FROM lieu WHERE latitude <> '' AND longitude <> ''").await, 20, "every lieu placed on the map");
        assert_eq!(compter(&app, "SELECT COUNT(*) FROM activite").await, (conseillers_avant + 40) * 5);
        // Each structure's count of conseillers is the number of conseillers it employs.
        assert_eq!(
            compter(&app, "SELECT COALESCE(SUM(conseillers_numeriques), 0) FROM structure WHERE siret LIKE '8%'").await,
            40
        );
        assert_eq!(
            maillage::activite::cumul::stocke(&app.db).await.unwrap(),
            maillage::activite::cumul::calculer(&app.db).await.unwrap(),
            "the generator writes the monthly rollup of what it generates"
        );
        let erreur = generer(&app.db, PETITE, 7, maillage_shared::jour::jour_en_metropole(chrono::Utc::now())).await.unwrap_err();
        assert_eq!(erreur.code(), maillage_shared::ErrorCode::Conflict);
    }
}
