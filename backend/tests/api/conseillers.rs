//! The programme's conseillers numériques brought in from its file, on SQLite and PostgreSQL: ANCT imports
//! them anywhere and a préfecture in its département; each bad line is reported with its number and reason;
//! each new person chooses a password through the link they receive and works as a conseiller at once; a
//! later file updates the same person's post, never duplicates it; an existing account is linked, not
//! doubled; nobody else imports, and nothing is read before the caller is known.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::TestApp;
use common::parcours::{ANCT, PREFECTURE_29, SGAR_53, STRUCTURE};
use maillage::poste::entity::conseiller;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const ENTETE: &str = "email;prenom;nom;siret_employeur;type_contrat;debut_contrat;fin_contrat;commune_insee";
/// Demo employers: Iroise Numérique (Brest), Médiathèque de Guipavas, Espace numérique de Quimper.
const IROISE: &str = "90000000000019";
const GUIPAVAS: &str = "90000000000035";
const QUIMPER: &str = "90000000000043";

const LISTE: &str = "query($d: String) { conseillersDuProgramme(departement: $d, premiers: 100) { total elements {
    prenom nom email employeur siretEmployeur typeContrat debutContrat finContrat accesOuvert importeLe commune { nom } } } }";

fn fichier(lignes: &[String]) -> String {
    let mut texte = ENTETE.to_owned();
    for ligne in lignes {
        texte.push('\n');
        texte.push_str(ligne);
    }
    texte.push('\n');
    texte
}

async fn importer(client: &common::Client, contenu: &str) -> Value {
    let (statut, code, corps) = client
        .televerser("/imports/conseillers", "text/csv", contenu)
        .await;
    assert_eq!((statut, code.as_str()), (200, ""), "{corps}");
    serde_json::from_str(&corps).unwrap()
}

/// The conseillers of `email`'s account (one at most, whatever the imports).
async fn postes_de(app: &TestApp, email: &str) -> Vec<conseiller::Model> {
    use maillage::compte::entity::utilisateur;
    let personne = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    conseiller::Entity::find()
        .filter(conseiller::Column::UtilisateurId.eq(personne.id))
        .all(&app.db)
        .await
        .unwrap()
}

fn element<'a>(liste: &'a Value, email: &str) -> &'a Value {
    liste["conseillersDuProgramme"]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == email)
        .unwrap_or_else(|| panic!("{email} not in {liste}"))
}

on_both_engines! {
    async fn anct_imports_the_programmes_conseillers_who_choose_a_password_and_record_their_work_at_once(app) {
        let anct = app.connecte(ANCT).await;
        let bilan = importer(&anct, &fichier(&[
            format!("Lea.Martin@exemple.fr;Léa;Martin;{IROISE};CDD de droit privé;01/02/2026;31/01/2028;29019"),
            "sans@employeur.fr;Sam;Sans;21290019700014;CDI de droit public;01/02/2026;;29019".to_owned(),
            format!("pas-une-adresse;;Dupont;{IROISE};stage;2026-02-30;;Brest"),
            format!("lea.martin@exemple.fr;Léa;Martin;{QUIMPER};CDI de droit privé;01/03/2026;;29232"),
            format!("marc.kerbrat@exemple.fr;Marc;Kerbrat;{QUIMPER};Fonctionnaire titulaire;2025-09-01;;29232"),
            format!("candidat@demo.maillage.fr;Inès;Candidate;{IROISE};CDI de droit privé;01/01/2026;;29019"),
        ])).await;
        assert_eq!([&bilan["crees"], &bilan["misAJour"]], [&json!(3), &json!(0)], "{bilan}");
        let erreurs = bilan["erreurs"].as_array().unwrap();
        assert_eq!(erreurs.iter().map(|e| e["ligne"].as_u64().unwrap()).collect::<Vec<_>>(), [3, 4, 5], "{bilan}");
        assert_eq!(
            erreurs[0]["motif"],
            "aucune structure inscrite sur Maillage n’a le SIRET 21290019700014 : la structure s’inscrit d’abord"
        );
        let motif = erreurs[1]["motif"].as_str().unwrap();
        for attendu in ["« pas-une-adresse »", "le prénom manque", "« stage » inconnu", "« 2026-02-30 » illisible", "« Brest » invalide"] {
            assert!(motif.contains(attendu), "{attendu} in {motif}");
        }
        assert_eq!(erreurs[2]["motif"], "l’adresse lea.martin@exemple.fr figure déjà ligne 2");

        // Léa chooses her password through the link she received, and works as a conseillère at once.
        let courriel = app.dernier_courriel("lea.martin@exemple.fr").await;
        assert!(courriel.contains("/mot-de-passe/nouveau?jeton=") && courriel.contains("7 jours"), "{courriel}");
        let jeton = app.jeton_du_dernier_courriel("lea.martin@exemple.fr").await;
        let lea = app.navigateur();
        let moi = lea
            .data(
                "mutation($j: String!, $m: String!) { reinitialiserMotDePasse(jeton: $j, motDePasse: $m) { email adresseVerifiee roleActif { role } } }",
                json!({ "j": jeton, "m": "une phrase de passe assez longue" }),
            )
            .await;
        assert_eq!(
            moi["reinitialiserMotDePasse"],
            json!({ "email": "lea.martin@exemple.fr", "adresseVerifiee": true, "roleActif": { "role": "CONSEILLER" } })
        );
        let date = maillage_shared::jour::jour_en_metropole(chrono::Utc::now()).to_string();
        let activite = lea
            .data(
                "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }",
                json!({ "a": { "date": date, "typeAccompagnement": "INDIVIDUEL", "canal": "LIEU_DE_PERMANENCE",
                    "themes": ["Aide aux démarches administratives"], "dureeMinutes": 30, "participants": 1, "communeCode": "29019" } }),
            )
            .await;
        assert_eq!(activite["enregistrerActivite"], true);

        // Nobody logs in to an imported account without its link: it has no password.
        let sans_lien = app.navigateur();
        let refus = sans_lien
            .graphql("mutation { connexion(email: \"marc.kerbrat@exemple.fr\", motDePasse: \"\") { email } }", json!({}))
            .await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "INVALID_CREDENTIALS", "{refus}");

        // The candidate who already had an account keeps it: her post is added, she is told, not re-invited.
        let courriel = app.dernier_courriel("candidat@demo.maillage.fr").await;
        assert!(courriel.contains("rattaché votre compte") && !courriel.contains("jeton="), "{courriel}");
        assert_eq!(postes_de(&app, "candidat@demo.maillage.fr").await.len(), 1);

        let liste = anct.data(LISTE, json!({ "d": "29" })).await;
        let vue = element(&liste, "lea.martin@exemple.fr");
        assert_eq!(
            [&vue["employeur"], &vue["siretEmployeur"], &vue["typeContrat"], &vue["debutContrat"], &vue["finContrat"], &vue["commune"]["nom"], &vue["accesOuvert"]],
            [&json!("Association Iroise Numérique (démo)"), &json!(IROISE), &json!("CDD_DROIT_PRIVE"), &json!("2026-02-01"), &json!("2028-01-31"), &json!("Brest"), &json!(true)]
        );
        assert_eq!(element(&liste, "marc.kerbrat@exemple.fr")["accesOuvert"], false);
        let total = liste["conseillersDuProgramme"]["total"].clone();

        // A later file moves Léa to Guipavas on a CDI: the same post is updated, nobody is written to again.
        let courriels_avant = app.dernier_courriel("lea.martin@exemple.fr").await;
        let bilan = importer(&anct, &fichier(&[
            format!("lea.martin@exemple.fr;Léa;Martin;{GUIPAVAS};CDI de droit privé;01/02/2026;;29075"),
        ])).await;
        assert_eq!([&bilan["crees"], &bilan["misAJour"], &bilan["erreurs"]], [&json!(0), &json!(1), &json!([])], "{bilan}");
        let postes = postes_de(&app, "lea.martin@exemple.fr").await;
        assert_eq!(postes.len(), 1, "updated, not duplicated");
        assert_eq!((postes[0].commune_code.as_str(), postes[0].contrat_fin), ("29075", None));
        let liste = anct.data(LISTE, json!({ "d": "29" })).await;
        assert_eq!(liste["conseillersDuProgramme"]["total"], total);
        assert_eq!(element(&liste, "lea.martin@exemple.fr")["employeur"], "Médiathèque de Guipavas (démo)");
        assert_eq!(app.dernier_courriel("lea.martin@exemple.fr").await, courriels_avant);

        // The employers' counts follow their posts.
        use maillage::structure::entity as structure;
        let guipavas = structure::Entity::find()
            .filter(structure::Column::Siret.eq(GUIPAVAS))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let employes = conseiller::Entity::find()
            .filter(conseiller::Column::StructureId.eq(guipavas.id))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(u64::try_from(guipavas.conseillers_numeriques).unwrap(), employes);
        assert!(employes >= 1);
    }

    async fn a_prefecture_imports_the_posts_of_its_departement_only_and_nobody_else_imports(app) {
        let ligne = |email: &str, commune: &str| format!("{email};Prénom;Nom;{IROISE};CDI de droit public;01/02/2026;;{commune}");
        let contenu = fichier(&[ligne("brest@exemple.fr", "29019")]);

        // Refused before the file is read: no session, a role that does not import, a body that is not a CSV.
        let (statut, code, _) = app.navigateur().televerser("/imports/conseillers", "text/csv", &contenu).await;
        assert_eq!((statut, code.as_str()), (401, "UNAUTHENTICATED"));
        for email in [STRUCTURE, SGAR_53, "conseiller.iroise@demo.maillage.fr"] {
            let (statut, code, _) = app.connecte(email).await.televerser("/imports/conseillers", "text/csv", &contenu).await;
            assert_eq!((statut, code.as_str()), (403, "FORBIDDEN"), "{email}");
        }
        let prefecture = app.connecte(PREFECTURE_29).await;
        let (statut, code, _) = prefecture.televerser("/imports/conseillers", "text/plain", &contenu).await;
        assert_eq!((statut, code.as_str()), (400, "INVALID_INPUT"));
        let (statut, code, corps) = prefecture.televerser("/imports/conseillers", "text/csv", "email;nom\na@b.fr;X\n").await;
        assert_eq!((statut, code.as_str()), (400, "INVALID_INPUT"));
        assert!(corps.contains("Colonnes manquantes : prenom, siret_employeur"), "{corps}");
        assert_eq!(postes_rennes(&app).await, 0, "nothing written");

        // ANCT brings a conseiller of Rennes; the préfecture of the Finistère imports in the 29 only, and
        // cannot move the Rennes conseiller into its département.
        let anct = app.connecte(ANCT).await;
        let bilan = importer(&anct, &fichier(&[ligne("rennes@exemple.fr", "35238")])).await;
        assert_eq!(bilan["crees"], 1, "{bilan}");
        let bilan = importer(&prefecture, &fichier(&[
            ligne("brest@exemple.fr", "29019"),
            ligne("vitre@exemple.fr", "35360"),
            ligne("rennes@exemple.fr", "29019"),
        ])).await;
        assert_eq!([&bilan["crees"], &bilan["misAJour"]], [&json!(1), &json!(0)], "{bilan}");
        assert_eq!(bilan["erreurs"], json!([
            { "ligne": 3, "motif": "la commune Vitré (35360) n’est pas dans votre département" },
            { "ligne": 4, "motif": "rennes@exemple.fr est en poste dans le département 35 : seule l’ANCT ou la préfecture de ce département modifie son poste" },
        ]));
        assert_eq!(postes_rennes(&app).await, 1, "still in Rennes");

        // Each préfecture reads the conseillers of its own département.
        let liste = prefecture.data(LISTE, json!({})).await;
        let emails: Vec<&str> = liste["conseillersDuProgramme"]["elements"].as_array().unwrap().iter().map(|c| c["email"].as_str().unwrap()).collect();
        assert!(emails.contains(&"brest@exemple.fr") && !emails.contains(&"rennes@exemple.fr"), "{emails:?}");
        let refus = prefecture.graphql(LISTE, json!({ "d": "35" })).await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "FORBIDDEN", "{refus}");
        let rennes = app.connecte("prefecture35@demo.maillage.fr").await.data(LISTE, json!({})).await;
        assert_eq!(rennes["conseillersDuProgramme"]["total"], 1);
        assert_eq!(rennes["conseillersDuProgramme"]["elements"][0]["email"], "rennes@exemple.fr");

        // Each import writes to the new people: twenty a day per person (the préfecture has run one).
        for _ in 0..19 {
            importer(&prefecture, &contenu).await;
        }
        let (statut, code, _) = prefecture.televerser("/imports/conseillers", "text/csv", &contenu).await;
        assert_eq!((statut, code.as_str()), (429, "RATE_LIMITED"));
    }
}

/// Conseillers whose post is in Rennes.
async fn postes_rennes(app: &TestApp) -> u64 {
    conseiller::Entity::find()
        .filter(conseiller::Column::CommuneCode.eq("35238"))
        .count(&app.db)
        .await
        .unwrap()
}
