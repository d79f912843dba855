//! Downloads of the tables shown on screen, as CSV (semicolons and decimal commas, with a byte-order mark, as
//! French spreadsheets expect) or as .xlsx, with French headers and the screen's filters:
//! `GET /exports/{table}.{csv|xlsx}?…`. Each table checks the caller's rights through the same service
//! function as its GraphQL query, so a download never shows more than the page.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maillage_shared::ErrorCode;
use maillage_shared::candidature::{CasDeFigure, StatutCandidature};
use maillage_shared::indicateur::{part, pour_dix_mille};
use maillage_shared::territoire::{CodeDepartement, CodeRegion};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Deserialize;

use super::tableur::{Cellule, Tableau, en_csv, en_xlsx};
use crate::candidature::acces;
use crate::candidature::instruction;
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::graphql::context::today;
use crate::indicateur::service as indicateurs;
use crate::territoire::etendue::Etendue;

impl From<&str> for Cellule {
    fn from(texte: &str) -> Self {
        Self::Texte(texte.to_owned())
    }
}

impl From<i64> for Cellule {
    fn from(n: i64) -> Self {
        Self::Entier(n)
    }
}

impl From<f64> for Cellule {
    fn from(x: f64) -> Self {
        Self::Decimal(x)
    }
}

impl<T: Into<Cellule>> From<Option<T>> for Cellule {
    fn from(valeur: Option<T>) -> Self {
        valeur.map_or(Self::Vide, Into::into)
    }
}

/// The filters a table may take, named as in the page's address.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filtres {
    pub region: Option<String>,
    pub departement: Option<String>,
    pub statut: Option<String>,
    pub cas: Option<String>,
    #[serde(default)]
    pub en_retard: bool,
    pub annee: Option<i32>,
    /// First and last month of a period, `AAAA-MM`.
    pub de: Option<String>,
    pub a: Option<String>,
    /// An employer's id.
    pub structure: Option<i64>,
    /// A coordinator post's id (its team).
    pub equipe: Option<i64>,
}

/// Builds the named table for the caller.
pub async fn tableau(
    db: &DatabaseConnection,
    acteur: Option<&Acteur>,
    nom: &str,
    filtres: &Filtres,
    requete_id: &str,
) -> Result<Tableau, AppError> {
    let connecte = || acteur.ok_or(AppError::NonConnecte);
    match nom {
        "indicateurs-departements" => indicateurs_departements(db, filtres).await,
        "indicateurs-epci" => indicateurs_epci(db, filtres).await,
        "candidatures" => liste_candidatures(db, connecte()?, filtres).await,
        "equipe" => equipe(db, connecte()?, requete_id).await,
        "diagnostic-epci" => diagnostic_epci(db, connecte()?).await,
        "diagnostic-communes" => diagnostic_communes(db, connecte()?).await,
        "activite" => activite(db, connecte()?, filtres).await,
        "mes-statistiques" => mes_statistiques(db, connecte()?, filtres).await,
        _ => Err(AppError::Introuvable(format!(
            "Aucun tableau « {nom} » à télécharger."
        ))),
    }
}

/// The dashboard's activity section as one table, with the same withheld figures.
async fn activite(db: &DatabaseConnection, acteur: &Acteur, filtres: &Filtres) -> Result<Tableau, AppError> {
    use crate::indicateur::activite::{Filtre, Periode, activite_du_tableau, activite_par_equipe};
    use crate::indicateur::schema::activite::{ActiviteDEquipe, StatistiquesActivite};
    let (etendue, departements) = crate::indicateur::tableau::territoire_du_tableau(
        db,
        acteur,
        filtres.region.clone(),
        filtres.departement.clone(),
    )
    .await?;
    let periode = Periode::lire(filtres.de.as_deref(), filtres.a.as_deref(), today())?;
    let codes: Vec<String> = departements.iter().map(|d| d.code.clone()).collect();
    let zone = (etendue != Etendue::Nationale).then_some(codes.as_slice());
    let filtre = Filtre::lire(filtres.structure, filtres.equipe)?;
    let (lu, noms) = activite_du_tableau(db, zone, periode, filtre).await?;
    // The teams' lines, as the page shows them: without a filter.
    let equipes = match filtre {
        Filtre::Aucun => ActiviteDEquipe::lire(activite_par_equipe(db, zone, periode, today()).await?)
            .into_iter()
            .map(|e| e.chiffres)
            .collect(),
        _ => Vec::new(),
    };
    let departements: Vec<(String, String)> = departements.into_iter().map(|d| (d.code, d.nom)).collect();
    Ok(tableau_d_activite(
        "activite",
        equipes,
        StatistiquesActivite::lire(lu, &departements, &noms, true),
    ))
}

/// « Mes statistiques » as one table, every figure shown: the caller's own, its team's or its conseillers'.
async fn mes_statistiques(
    db: &DatabaseConnection,
    acteur: &Acteur,
    filtres: &Filtres,
) -> Result<Tableau, AppError> {
    use crate::indicateur::activite::{Periode, activite_des_conseillers};
    use crate::indicateur::schema::activite::StatistiquesActivite;
    let periode = Periode::lire(filtres.de.as_deref(), filtres.a.as_deref(), today())?;
    let perimetre = crate::indicateur::partage::perimetre_de(db, acteur).await?;
    let lu = activite_des_conseillers(db, &perimetre.conseillers, periode).await?;
    Ok(tableau_d_activite(
        "mes-statistiques",
        Vec::new(),
        StatistiquesActivite::lire(lu, &[], &Default::default(), false),
    ))
}

/// Statistics as one long table: every group a page shows (the total, each month, département, theme,
/// type, canal, duration band, employer, EPCI and coordinator's team), with the figures the page withholds
/// marked.
fn tableau_d_activite(
    nom: &str,
    equipes: Vec<crate::indicateur::schema::activite::ChiffresActivite>,
    vue: crate::indicateur::schema::activite::StatistiquesActivite,
) -> Tableau {
    use crate::indicateur::schema::activite::ChiffresActivite;
    let groupes: [(&str, Vec<ChiffresActivite>); 10] = [
        ("Total", vec![vue.total]),
        ("Mois", vue.par_mois),
        ("Département", vue.par_departement),
        ("Thème", vue.par_theme),
        ("Type", vue.par_type),
        ("Lieu", vue.par_canal),
        ("Durée", vue.par_duree),
        ("Structure employeuse", vue.par_structure),
        ("EPCI", vue.par_epci),
        ("Équipe de coordinateur", equipes),
    ];
    Tableau {
        nom: format!("{nom}-{}-{}", vue.de, vue.a),
        colonnes: vec![
            "Regroupement",
            "Clé",
            "Libellé",
            "Accompagnements",
            "Personnes accompagnées",
            "Minutes",
            "Moins de 5 personnes",
        ],
        lignes: groupes
            .into_iter()
            .flat_map(|(groupe, lignes)| {
                lignes.into_iter().map(move |l| {
                    vec![
                        groupe.into(),
                        l.cle.into(),
                        l.libelle.into(),
                        l.accompagnements.into(),
                        l.participants.into(),
                        l.minutes.into(),
                        if l.moins_de_cinq { "oui" } else { "non" }.into(),
                    ]
                })
            })
            .collect(),
    }
}

async fn indicateurs_departements(db: &DatabaseConnection, filtres: &Filtres) -> Result<Tableau, AppError> {
    let etendue = match &filtres.region {
        Some(code) => Etendue::Region(CodeRegion::parse(code)?.as_str().to_owned()),
        None => Etendue::Nationale,
    };
    let lignes = crate::indicateur::cumul::par_departement(db, &etendue, today()).await?;
    Ok(Tableau {
        nom: "indicateurs-departements".to_owned(),
        colonnes: vec![
            "Code",
            "Département",
            "Population",
            "Coordinateurs en poste",
            "Conseillers numériques",
            "Conseillers pour 10 000 habitants",
            "Lieux de médiation numérique",
            "Lieux pour 10 000 habitants",
            "Candidatures déposées",
            "Population couverte",
            "Part de la population couverte",
        ],
        lignes: lignes
            .into_iter()
            .map(|(d, c)| {
                vec![
                    d.code.into(),
                    d.nom.into(),
                    c.population.into(),
                    c.coordinateurs.into(),
                    c.conseillers.into(),
                    pour_dix_mille(c.conseillers, c.population).into(),
                    c.lieux.into(),
                    pour_dix_mille(c.lieux, c.population).into(),
                    c.candidatures().into(),
                    c.population_couverte.into(),
                    part(c.population_couverte, c.population).into(),
                ]
            })
            .collect(),
    })
}

async fn indicateurs_epci(db: &DatabaseConnection, filtres: &Filtres) -> Result<Tableau, AppError> {
    let code = filtres
        .departement
        .as_deref()
        .ok_or_else(|| AppError::InvalidInput("Précisez le département (departement=29).".to_owned()))?;
    let code = CodeDepartement::parse(code)?;
    let lignes = indicateurs::epcis_du_departement(db, code.as_str(), today()).await?;
    Ok(Tableau {
        nom: format!("epci-{}", code.as_str()),
        colonnes: vec![
            "SIREN",
            "EPCI",
            "Population dans le département",
            "Communes",
            "Lieux de médiation numérique",
            "Conseillers numériques",
            "Candidatures",
            "Coordinateurs en poste",
            "Chevauchement",
        ],
        lignes: lignes
            .into_iter()
            .map(|e| {
                let chevauchement = if e.chevauchement() { "oui" } else { "non" };
                vec![
                    e.epci.code.into(),
                    e.epci.nom.into(),
                    e.population.into(),
                    e.communes.into(),
                    e.lieux.into(),
                    e.conseillers.into(),
                    (e.candidatures.len() as i64).into(),
                    (e.coordinateurs.len() as i64).into(),
                    chevauchement.into(),
                ]
            })
            .collect(),
    })
}

async fn diagnostic_epci(db: &DatabaseConnection, acteur: &Acteur) -> Result<Tableau, AppError> {
    let diagnostic = crate::diagnostic::service::du_coordinateur(db, acteur, today()).await?;
    Ok(Tableau {
        nom: "diagnostic-epci".to_owned(),
        colonnes: vec![
            "SIREN",
            "EPCI",
            "Population du périmètre",
            "Communes",
            "Lieux de médiation numérique",
            "Conseillers numériques",
            "Habitants par conseiller",
            "Communes sans lieu",
            "Services manquants",
        ],
        lignes: diagnostic
            .epcis
            .into_iter()
            .map(|e| {
                let habitants = e.habitants_par_conseiller();
                let sans_lieu: Vec<&str> = e
                    .communes_sans_lieu
                    .iter()
                    .map(|c| c.commune.nom.as_str())
                    .collect();
                vec![
                    e.epci.code.clone().into(),
                    e.epci.nom.clone().into(),
                    e.population.into(),
                    e.communes.into(),
                    e.lieux.into(),
                    e.conseillers.into(),
                    habitants.into(),
                    sans_lieu.join(", ").into(),
                    e.services_manquants.join(", ").into(),
                ]
            })
            .collect(),
    })
}

async fn diagnostic_communes(db: &DatabaseConnection, acteur: &Acteur) -> Result<Tableau, AppError> {
    let diagnostic = crate::diagnostic::service::du_coordinateur(db, acteur, today()).await?;
    Ok(Tableau {
        nom: "diagnostic-communes".to_owned(),
        colonnes: vec![
            "Code INSEE",
            "Commune",
            "SIREN de l’EPCI",
            "Population",
            "Lieux de médiation numérique",
            "Conseillers numériques",
            "Habitants par conseiller",
        ],
        lignes: diagnostic
            .communes
            .iter()
            .map(|c| {
                vec![
                    c.commune.code.as_str().into(),
                    c.commune.nom.as_str().into(),
                    c.commune.epci_code.as_deref().into(),
                    c.commune.population.into(),
                    c.lieux.into(),
                    c.conseillers.into(),
                    c.habitants_par_conseiller().into(),
                ]
            })
            .collect(),
    })
}

async fn liste_candidatures(
    db: &DatabaseConnection,
    acteur: &Acteur,
    filtres: &Filtres,
) -> Result<Tableau, AppError> {
    let inconnu =
        |quoi: &str, valeur: &str| AppError::InvalidInput(format!("{quoi} inconnu : « {valeur} »."));
    let filtre = acces::Filtre {
        statut: match &filtres.statut {
            Some(s) => Some(StatutCandidature::parse(s).ok_or_else(|| inconnu("Statut", s))?),
            None => None,
        },
        cas: match &filtres.cas {
            Some(c) => Some(CasDeFigure::parse(c).ok_or_else(|| inconnu("Cas", c))?),
            None => None,
        },
        region_code: match &filtres.region {
            Some(r) => Some(CodeRegion::parse(r)?.as_str().to_owned()),
            None => None,
        },
        departement_code: match &filtres.departement {
            Some(d) => Some(CodeDepartement::parse(d)?.as_str().to_owned()),
            None => None,
        },
        en_retard: filtres.en_retard,
    };
    let today = today();
    let (lignes, _) = acces::lister(db, acteur, &filtre, today, u64::from(u32::MAX), 0).await?;
    let structures = crate::structure::entity::Entity::find()
        .filter(crate::structure::entity::Column::Id.is_in(lignes.iter().map(|c| c.structure_id)))
        .all(db)
        .await?;
    Ok(Tableau {
        nom: "candidatures".to_owned(),
        colonnes: vec![
            "Numéro",
            "Structure",
            "SIRET",
            "Département",
            "Région",
            "Statut",
            "Cas",
            "Déposée le",
            "Subvention (€)",
            "Durée (mois)",
            "Décision en retard",
        ],
        lignes: lignes
            .iter()
            .map(|c| {
                let structure = structures.iter().find(|s| s.id == c.structure_id);
                let en_retard = if instruction::decision_en_retard(c, today) {
                    "oui"
                } else {
                    "non"
                };
                vec![
                    c.id.into(),
                    structure.map(|s| s.nom.as_str()).into(),
                    structure.map(|s| s.siret.as_str()).into(),
                    c.departement_code.as_str().into(),
                    c.region_code.as_str().into(),
                    acces::statut(c).libelle().into(),
                    c.cas.as_deref().into(),
                    c.depose_le.into(),
                    c.montant_subvention.map(i64::from).into(),
                    c.duree_mois.map(i64::from).into(),
                    en_retard.into(),
                ]
            })
            .collect(),
    })
}

async fn equipe(db: &DatabaseConnection, acteur: &Acteur, requete_id: &str) -> Result<Tableau, AppError> {
    let aujourd_hui = crate::graphql::context::today();
    let membres = crate::equipe::membres::equipe(db, acteur, aujourd_hui).await?;
    // An agent reads personal data: the audit log keeps it.
    let entree = crate::journal::Entree::new(Some(acteur), "equipe", "exporterEquipe", requete_id);
    crate::journal::consigner_seul(db, &entree).await?;
    let communes = crate::territoire::service::communes_par_code(
        db,
        &membres
            .iter()
            .filter_map(|m| m.commune_code.clone())
            .collect::<Vec<_>>(),
    )
    .await?;
    Ok(Tableau {
        nom: "equipe".to_owned(),
        colonnes: vec![
            "Prénom",
            "Nom",
            "Membre",
            "Structure",
            "Commune",
            "Code INSEE",
            "Début de contrat",
            "Fin de contrat",
            "Dans l’équipe depuis",
            "Dernière activité",
            "Formation",
        ],
        lignes: membres
            .into_iter()
            .map(|m| {
                let commune = m
                    .commune_code
                    .as_ref()
                    .and_then(|code| communes.get(code))
                    .map(|c| c.nom.clone());
                vec![
                    m.personne.prenom.into(),
                    m.personne.nom.into(),
                    m.origine.libelle().into(),
                    m.structure.into(),
                    commune.into(),
                    m.commune_code.into(),
                    m.contrat_debut.into(),
                    m.contrat_fin.into(),
                    m.arrive_le.into(),
                    m.derniere_activite.into(),
                    m.formation
                        .map(|f| maillage_shared::formation::resume(&f, aujourd_hui))
                        .into(),
                ]
            })
            .collect(),
    })
}

/// The HTTP status of a refused download.
fn statut_http(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// `GET /exports/{table}.{csv|xlsx}`: the file, or a plain French message with the error code in
/// `x-error-code`.
pub async fn telecharger(
    State(db): State<DatabaseConnection>,
    Path(fichier): Path<String>,
    Query(filtres): Query<Filtres>,
    entetes: HeaderMap,
) -> Response {
    match produire(&db, &fichier, &filtres, &entetes).await {
        Ok(reponse) => reponse,
        Err(erreur) => reponse_d_erreur(erreur, "export"),
    }
}

/// A refused download: the HTTP status of the error, its French message (internal errors masked behind a
/// reference) and its stable code in `x-error-code`.
pub fn reponse_d_erreur(erreur: AppError, quoi: &'static str) -> Response {
    let code = erreur.code();
    let message = if code == ErrorCode::Internal {
        let error_id = uuid::Uuid::new_v4();
        tracing::error!(%error_id, error = ?erreur, quoi, "téléchargement");
        format!("{} (référence {error_id})", code.message_fr())
    } else {
        erreur.to_string()
    };
    let mut reponse = (statut_http(code), message).into_response();
    reponse
        .headers_mut()
        .insert("x-error-code", HeaderValue::from_static(code.as_str()));
    reponse
}

async fn produire(
    db: &DatabaseConnection,
    fichier: &str,
    filtres: &Filtres,
    entetes: &HeaderMap,
) -> Result<Response, AppError> {
    let (nom, format) = fichier
        .rsplit_once('.')
        .ok_or_else(|| AppError::Introuvable("Précisez le format : .csv ou .xlsx.".to_owned()))?;
    let acteur = crate::compte::service::acteur_des_entetes(db, entetes).await?;
    let requete_id = entetes
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let tableau = tableau(db, acteur.as_ref(), nom, filtres, requete_id).await?;
    let (contenu, type_mime) = match format {
        "csv" => (en_csv(&tableau)?, "text/csv; charset=utf-8"),
        "xlsx" => (
            en_xlsx(&tableau)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        autre => {
            return Err(AppError::Introuvable(format!(
                "Format « {autre} » inconnu : csv ou xlsx."
            )));
        }
    };
    let disposition = format!("attachment; filename=\"{}-{}.{format}\"", tableau.nom, today());
    Ok((
        [
            (header::CONTENT_TYPE, type_mime.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        contenu,
    )
        .into_response())
}
