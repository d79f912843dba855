//! The activity of the conseillers numériques of a territory over a period, read from the rollup by
//! département (`activite::cumul`): the same two statements for one département, a région or the nation.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Func, JoinType, Query};

use crate::activite::cumul::{self, Axe, Totals};
use crate::error::AppError;

/// Months `de..=a` (YYYYMM), at most three years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periode {
    pub de: i32,
    pub a: i32,
}

/// The longest period asked at once, in months.
pub const MOIS_MAX: i32 = 36;

impl Periode {
    /// The twelve months up to `aujourd_hui`'s, unless `de` and `a` (`AAAA-MM`) say otherwise.
    pub fn lire(de: Option<&str>, a: Option<&str>, aujourd_hui: NaiveDate) -> Result<Self, AppError> {
        let a = match a {
            Some(texte) => mois_de(texte)?,
            None => cumul::mois(aujourd_hui),
        };
        let de = match de {
            Some(texte) => mois_de(texte)?,
            None => decaler(a, -11),
        };
        if de > a {
            return Err(AppError::InvalidInput(
                "Le mois de début doit précéder le mois de fin.".to_owned(),
            ));
        }
        let periode = Self { de, a };
        if periode.mois().len() > MOIS_MAX as usize {
            return Err(AppError::InvalidInput(format!(
                "La période demandée dépasse {MOIS_MAX} mois : réduisez-la."
            )));
        }
        Ok(periode)
    }

    /// Every month of the period, in order (YYYYMM).
    pub fn mois(&self) -> Vec<i32> {
        let mut mois = vec![self.de];
        while let Some(&dernier) = mois.last()
            && dernier < self.a
            && mois.len() <= MOIS_MAX as usize
        {
            mois.push(decaler(dernier, 1));
        }
        mois
    }
}

/// `AAAA-MM` as YYYYMM.
fn mois_de(texte: &str) -> Result<i32, AppError> {
    NaiveDate::parse_from_str(&format!("{texte}-01"), "%Y-%m-%d")
        .ok()
        .filter(|jour| (2000..=2100).contains(&jour.year()))
        .map(cumul::mois)
        .ok_or_else(|| AppError::InvalidInput(format!("« {texte} » n’est pas un mois (AAAA-MM).")))
}

/// YYYYMM moved by `n` months.
fn decaler(mois: i32, n: i32) -> i32 {
    let rang = (mois / 100) * 12 + (mois % 100 - 1) + n;
    (rang / 12) * 100 + rang % 12 + 1
}

/// The activity of a territory over a period, summed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Activite {
    pub total: Totals,
    /// Every month of the period, those without activity at zero.
    pub par_mois: Vec<(i32, Totals)>,
    /// The départements with activity, by code.
    pub par_departement: BTreeMap<String, Totals>,
    /// The départements with activity, by code and month (YYYYMM).
    pub par_departement_et_mois: BTreeMap<(String, i32), Totals>,
    /// By theme, type, canal, duration band and commune: key to figures.
    pub par_axe: BTreeMap<Axe, BTreeMap<String, Totals>>,
}

impl Activite {
    /// Sums rollup rows (département when known, month, axis, key) over `periode`: the totals by month (every
    /// month, those without activity at zero) and by département, the other axes by key.
    fn sommer(
        periode: Periode,
        lignes: impl Iterator<Item = (Option<String>, i32, Axe, String, Totals)>,
    ) -> Self {
        let mut par_mois: BTreeMap<i32, Totals> = periode
            .mois()
            .into_iter()
            .map(|m| (m, Totals::default()))
            .collect();
        let mut resultat = Activite::default();
        for (departement, mois, axe, cle, totaux) in lignes {
            if axe != Axe::Total {
                resultat
                    .par_axe
                    .entry(axe)
                    .or_default()
                    .entry(cle)
                    .or_default()
                    .ajouter(totaux);
                continue;
            }
            resultat.total.ajouter(totaux);
            par_mois.entry(mois).or_default().ajouter(totaux);
            if let Some(departement) = departement {
                resultat
                    .par_departement_et_mois
                    .entry((departement.clone(), mois))
                    .or_default()
                    .ajouter(totaux);
                resultat
                    .par_departement
                    .entry(departement)
                    .or_default()
                    .ajouter(totaux);
            }
        }
        resultat.par_mois = par_mois.into_iter().collect();
        resultat
    }
}

/// The activity of `departements` (`None`: the nation) over `periode`.
pub async fn activite(
    db: &impl ConnectionTrait,
    departements: Option<&[String]>,
    periode: Periode,
) -> Result<Activite, AppError> {
    let lignes = cumul::sommes_des_departements(db, departements, periode.de, periode.a).await?;
    Ok(Activite::sommer(
        periode,
        lignes
            .into_iter()
            .map(|((departement, mois, axe, cle), totaux)| (Some(departement), mois, axe, cle, totaux)),
    ))
}

/// The activity of conseillers `ids` (one person, a coordinator's team) over `periode`, from the rollup by
/// conseiller: two statements per thousand conseillers, whatever the number of accompaniments.
pub async fn activite_des_conseillers(
    db: &impl ConnectionTrait,
    ids: &[i64],
    periode: Periode,
) -> Result<Activite, AppError> {
    let lignes = cumul::sommes(db, ids, periode.de, periode.a).await?;
    Ok(Activite::sommer(
        periode,
        lignes
            .into_iter()
            .map(|((_, mois, axe, cle), totaux)| (None, mois, axe, cle, totaux)),
    ))
}

/// One département's accompaniments of one month, as the open data publishes them.
#[derive(Debug, Clone)]
pub struct LigneOuverte {
    pub departement_code: String,
    pub departement_nom: String,
    /// YYYYMM.
    pub mois: i32,
    pub totaux: Totals,
}

/// The open activity data of `zone` over `periode`: every programme département and month, in code and
/// month order, those without activity at zero.
pub async fn activite_ouverte(
    db: &impl ConnectionTrait,
    zone: &crate::territoire::etendue::Etendue,
    periode: Periode,
) -> Result<Vec<LigneOuverte>, AppError> {
    let departements = crate::territoire::etendue::departements_de(db, zone).await?;
    let codes: Vec<String> = departements.iter().map(|d| d.code.clone()).collect();
    let lu = activite(db, Some(&codes), periode).await?;
    let mois = periode.mois();
    let mut lignes = Vec::with_capacity(departements.len() * mois.len());
    for departement in departements {
        for &m in &mois {
            lignes.push(LigneOuverte {
                totaux: lu
                    .par_departement_et_mois
                    .get(&(departement.code.clone(), m))
                    .copied()
                    .unwrap_or_default(),
                departement_code: departement.code.clone(),
                departement_nom: departement.nom.clone(),
                mois: m,
            });
        }
    }
    Ok(lignes)
}

/// The names of the structures (by id) and EPCI (by code) that keys of `activite` or of a follow-up name.
#[derive(Debug, Default, Clone)]
pub struct Noms {
    pub structures: BTreeMap<String, String>,
    pub epcis: BTreeMap<String, String>,
}

/// Reads the names of structures `ids` and EPCI `codes`: two statements, even for no key, so that a view
/// costs the same statements whatever its zone (a région's or the nation's names none).
pub async fn noms(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = String>,
    codes: impl IntoIterator<Item = String>,
) -> Result<Noms, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let ids: Vec<i64> = ids.into_iter().filter_map(|id| id.parse().ok()).collect();
    let codes: Vec<String> = codes.into_iter().collect();
    let mut noms = Noms::default();
    for structure in crate::structure::entity::Entity::find()
        .filter(crate::structure::entity::Column::Id.is_in(ids))
        .all(db)
        .await?
    {
        noms.structures.insert(structure.id.to_string(), structure.nom);
    }
    for epci in crate::territoire::entity::epci::Entity::find()
        .filter(crate::territoire::entity::epci::Column::Code.is_in(codes))
        .all(db)
        .await?
    {
        noms.epcis.insert(epci.code, epci.nom);
    }
    Ok(noms)
}

/// The names `activite`'s structure and EPCI keys need.
pub async fn noms_de(db: &impl ConnectionTrait, activite: &Activite) -> Result<Noms, AppError> {
    let cles = |axe: Axe| {
        activite
            .par_axe
            .get(&axe)
            .map(|groupes| groupes.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    noms(db, cles(Axe::Structure), cles(Axe::Epci)).await
}

/// The conseillers employed by structure `structure_id` whose commune is in `departements` (`None`: anywhere):
/// whose activity a territory's statistics filtered on that structure count.
pub async fn conseillers_de_la_structure(
    db: &impl ConnectionTrait,
    structure_id: i64,
    departements: Option<&[String]>,
) -> Result<Vec<i64>, AppError> {
    let [c, co] = ["c", "co"].map(Alias::new);
    let mut select = Query::select();
    select
        .expr_as(Expr::col((c.clone(), Alias::new("id"))), Alias::new("id"))
        .from_as(Alias::new("conseiller"), c.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("commune"),
            co.clone(),
            Expr::col((co.clone(), Alias::new("code"))).equals((c.clone(), Alias::new("commune_code"))),
        )
        .and_where(Expr::col((c, Alias::new("structure_id"))).eq(structure_id));
    if let Some(codes) = departements {
        select.and_where(Expr::col((co, Alias::new("departement_code"))).is_in(codes.iter().cloned()));
    }
    db.query_all(&select)
        .await?
        .into_iter()
        .map(|ligne| Ok(ligne.try_get("", "id")?))
        .collect()
}

/// Whose accompaniments a dashboard's statistics count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filtre {
    /// Every conseiller of the zone.
    Aucun,
    /// The conseillers of the zone employed by this structure.
    Structure(i64),
    /// The team of this coordinator post (its perimeter's conseillers), when the post is in the zone.
    Equipe(i64),
}

impl Filtre {
    /// At most one of an employer's id and a coordinator post's id.
    pub fn lire(structure: Option<i64>, equipe: Option<i64>) -> Result<Self, AppError> {
        match (structure, equipe) {
            (None, None) => Ok(Filtre::Aucun),
            (Some(id), None) => Ok(Filtre::Structure(id)),
            (None, Some(id)) => Ok(Filtre::Equipe(id)),
            (Some(_), Some(_)) => Err(AppError::InvalidInput(
                "Filtrez sur une structure ou sur une équipe, pas les deux à la fois.".to_owned(),
            )),
        }
    }
}

/// A dashboard's activity: of the zone's départements `zone` (`None`: the nation) from the rollup by
/// département, or, filtered on an employer or a team, of those conseillers from their own rollup; by
/// employer and EPCI for a single département, with their names.
pub async fn activite_du_tableau(
    db: &impl ConnectionTrait,
    zone: Option<&[String]>,
    periode: Periode,
    filtre: Filtre,
) -> Result<(Activite, Noms), AppError> {
    let mut activite = match filtre {
        Filtre::Aucun => activite(db, zone, periode).await?,
        Filtre::Structure(id) => {
            let ids = conseillers_de_la_structure(db, id, zone).await?;
            activite_des_conseillers(db, &ids, periode).await?
        }
        Filtre::Equipe(id) => {
            let ids = conseillers_de_l_equipe(db, id, zone).await?;
            activite_des_conseillers(db, &ids, periode).await?
        }
    };
    // By employer and EPCI for one département: a région's or the nation's would list thousands, which
    // their table by département sums up.
    if zone.is_none_or(|codes| codes.len() > 1) {
        activite.par_axe.remove(&Axe::Structure);
        activite.par_axe.remove(&Axe::Epci);
    }
    let noms = noms_de(db, &activite).await?;
    Ok((activite, noms))
}

/// The team of coordinator post `coordinateur_id` (the conseillers of its perimeter, former ones too), when
/// the post is in post on a candidature of `departements` (`None`: anywhere); none otherwise.
pub async fn conseillers_de_l_equipe(
    db: &impl ConnectionTrait,
    coordinateur_id: i64,
    departements: Option<&[String]>,
) -> Result<Vec<i64>, AppError> {
    use crate::candidature::entity::candidature;
    use crate::poste::entity::coordinateur;
    use sea_orm::EntityTrait;
    let Some(poste) = coordinateur::Entity::find_by_id(coordinateur_id).one(db).await? else {
        return Ok(Vec::new());
    };
    let Some(validee) = candidature::Entity::find_by_id(poste.candidature_id)
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    if poste.parti_le.is_some()
        || departements.is_some_and(|codes| !codes.contains(&validee.departement_code))
    {
        return Ok(Vec::new());
    }
    Ok(crate::equipe::membres::conseillers_du_perimetre(db, &validee)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

/// A coordinator in post, as a dashboard's teams need it.
struct EquipeLue {
    /// The coordinator post's id.
    id: i64,
    libelle: String,
    candidature_id: i64,
    /// The département its perimeter covers whole, if so (otherwise its perimeter is EPCI).
    departement_entier: Option<String>,
}

/// The coordinators in post on the candidatures of `departements` (`None`: all), by name.
async fn equipes_lues(
    db: &impl ConnectionTrait,
    departements: Option<&[String]>,
) -> Result<Vec<EquipeLue>, AppError> {
    let [co, ca, u] = ["co", "ca", "u"].map(Alias::new);
    let mut select = Query::select();
    select
        .expr_as(Expr::col((co.clone(), Alias::new("id"))), Alias::new("id"))
        .expr_as(Expr::col((u.clone(), Alias::new("prenom"))), Alias::new("prenom"))
        .expr_as(Expr::col((u.clone(), Alias::new("nom"))), Alias::new("nom"))
        .expr_as(
            Expr::col((ca.clone(), Alias::new("id"))),
            Alias::new("candidature_id"),
        )
        .expr_as(
            Expr::col((ca.clone(), Alias::new("perimetre_departement_code"))),
            Alias::new("departement_entier"),
        )
        .from_as(Alias::new("coordinateur"), co.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("candidature"),
            ca.clone(),
            Expr::col((ca.clone(), Alias::new("id"))).equals((co.clone(), Alias::new("candidature_id"))),
        )
        .join_as(
            JoinType::InnerJoin,
            Alias::new("utilisateur"),
            u.clone(),
            Expr::col((u.clone(), Alias::new("id"))).equals((co.clone(), Alias::new("utilisateur_id"))),
        )
        .and_where(Expr::col((co, Alias::new("parti_le"))).is_null());
    if let Some(codes) = departements {
        select.and_where(Expr::col((ca, Alias::new("departement_code"))).is_in(codes.iter().cloned()));
    }
    let mut liste = Vec::new();
    for ligne in db.query_all(&select).await? {
        let prenom: String = ligne.try_get("", "prenom")?;
        let nom: String = ligne.try_get("", "nom")?;
        liste.push(EquipeLue {
            id: ligne.try_get("", "id")?,
            libelle: format!("Équipe de {prenom} {nom}"),
            candidature_id: ligne.try_get("", "candidature_id")?,
            departement_entier: ligne.try_get("", "departement_entier")?,
        });
    }
    liste.sort_by(|a, b| a.libelle.cmp(&b.libelle));
    Ok(liste)
}

/// The coordinators in post on the candidatures of `departements` (`None`: all), with their name, by name:
/// the teams a dashboard filters on.
pub async fn equipes(
    db: &impl ConnectionTrait,
    departements: Option<&[String]>,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(equipes_lues(db, departements)
        .await?
        .into_iter()
        .map(|e| (e.id, e.libelle))
        .collect())
}

/// A coordinator's team on a dashboard: its accompaniments over a period and this month's reporting.
#[derive(Debug, Clone)]
pub struct ActiviteEquipe {
    /// The coordinator post's id.
    pub id: i64,
    /// « Équipe de … ».
    pub libelle: String,
    /// Its conseillers under contract today, and those of them who recorded something this month.
    pub suivi: Suivi,
    pub totaux: Totals,
}

/// The accompaniments of each coordinator's team of `departements` (`None`: all) over `periode`, and this
/// month's reporting, by team name. A team is the conseillers whose post is in its coordinator's perimeter,
/// former ones included in the accompaniments (as the team's « Mes statistiques »); a conseiller in two
/// perimeters counts in both. Four statements whatever the number of teams: the teams, their EPCI, the
/// conseillers of those places (with their contract and this month's rollup row), and their totals summed
/// by the database.
pub async fn activite_par_equipe(
    db: &impl ConnectionTrait,
    departements: Option<&[String]>,
    periode: Periode,
    aujourd_hui: NaiveDate,
) -> Result<Vec<ActiviteEquipe>, AppError> {
    use std::collections::{BTreeSet, HashMap};
    let equipes = equipes_lues(db, departements).await?;
    let epcis =
        crate::candidature::brouillon::epcis_des_perimetres(db, equipes.iter().map(|e| e.candidature_id))
            .await?;
    let toutes: BTreeSet<String> = epcis.values().flatten().cloned().collect();
    let entiers: BTreeSet<String> = equipes
        .iter()
        .filter_map(|e| e.departement_entier.clone())
        .collect();
    // The conseillers of the perimeters' places.
    let [c, co, am] = ["c", "co", "am"].map(Alias::new);
    let mut lieux = Query::select();
    lieux
        .from_as(Alias::new("conseiller"), c.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("commune"),
            co.clone(),
            Expr::col((co.clone(), Alias::new("code"))).equals((c.clone(), Alias::new("commune_code"))),
        )
        .cond_where(
            Condition::any()
                .add(Expr::col((co.clone(), Alias::new("epci_code"))).is_in(toutes))
                .add(Expr::col((co.clone(), Alias::new("departement_code"))).is_in(entiers)),
        )
        .expr_as(Expr::col((c.clone(), Alias::new("id"))), Alias::new("id"));
    let ids = lieux.clone();
    lieux
        .expr_as(
            Expr::col((c.clone(), Alias::new("contrat_fin"))),
            Alias::new("contrat_fin"),
        )
        .expr_as(
            Expr::col((co.clone(), Alias::new("epci_code"))),
            Alias::new("epci_code"),
        )
        .expr_as(
            Expr::col((co, Alias::new("departement_code"))),
            Alias::new("departement_code"),
        )
        .expr_as(
            Expr::col((am.clone(), Alias::new("conseiller_id"))),
            Alias::new("actif"),
        )
        // This month's total row of the conseiller's rollup: there when it recorded something.
        .join_as(
            JoinType::LeftJoin,
            Alias::new(cumul::TABLE),
            am.clone(),
            Condition::all()
                .add(Expr::col((am.clone(), Alias::new("conseiller_id"))).equals((c, Alias::new("id"))))
                .add(Expr::col((am.clone(), Alias::new("mois"))).eq(cumul::mois(aujourd_hui)))
                .add(Expr::col((am, Alias::new("axe"))).eq(Axe::Total.as_str())),
        );
    // Each conseiller with its reporting this month: (id, under contract, recorded something).
    let mut par_epci: HashMap<String, Vec<(i64, bool, bool)>> = HashMap::new();
    let mut par_departement: HashMap<String, Vec<(i64, bool, bool)>> = HashMap::new();
    for ligne in db.query_all(&lieux).await? {
        let sous_contrat =
            maillage_shared::equipe::sous_contrat(ligne.try_get("", "contrat_fin")?, aujourd_hui);
        let actif = ligne.try_get::<Option<i64>>("", "actif")?.is_some();
        let membre = (ligne.try_get("", "id")?, sous_contrat, actif);
        if let Some(epci) = ligne.try_get::<Option<String>>("", "epci_code")? {
            par_epci.entry(epci).or_default().push(membre);
        }
        par_departement
            .entry(ligne.try_get("", "departement_code")?)
            .or_default()
            .push(membre);
    }
    let totaux = cumul::totaux_par_conseiller(db, ids, periode.de, periode.a).await?;
    Ok(equipes
        .into_iter()
        .map(|equipe| {
            let membres: Vec<(i64, bool, bool)> = match &equipe.departement_entier {
                Some(code) => par_departement.get(code).cloned().unwrap_or_default(),
                None => epcis
                    .get(&equipe.candidature_id)
                    .into_iter()
                    .flatten()
                    .filter_map(|epci| par_epci.get(epci))
                    .flatten()
                    .copied()
                    .collect(),
            };
            let mut somme = Totals::default();
            let mut suivi = Suivi::default();
            for (id, sous_contrat, actif) in membres {
                if let Some(t) = totaux.get(&id) {
                    somme.ajouter(*t);
                }
                if sous_contrat {
                    suivi.sous_contrat += 1;
                    suivi.actifs_ce_mois += i64::from(actif);
                }
            }
            ActiviteEquipe {
                id: equipe.id,
                libelle: equipe.libelle,
                suivi,
                totaux: somme,
            }
        })
        .collect())
}

/// What a follow-up of the reporting is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Groupe {
    Departement,
    /// The conseillers' employer (its id).
    Structure,
    /// The EPCI of the conseillers' commune (its code).
    Epci,
}

/// Conseillers of a département whose contract runs today, and those of them with an accompaniment
/// recorded this month: what the préfecture follows and relaunches.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Suivi {
    pub sous_contrat: i64,
    pub actifs_ce_mois: i64,
}

/// The [`Suivi`] of `departements` (`None`: the nation) by département, employer or EPCI (`groupe`), of the
/// groups with conseillers under contract, in one statement over the conseillers and this month's rollup rows
/// (never the accompaniments).
pub async fn suivi(
    db: &impl ConnectionTrait,
    departements: Option<&[String]>,
    groupe: Groupe,
    aujourd_hui: NaiveDate,
) -> Result<BTreeMap<String, Suivi>, AppError> {
    let [c, co, am] = ["c", "co", "am"].map(Alias::new);
    let colonne = match groupe {
        Groupe::Departement => (co.clone(), Alias::new("departement_code")),
        Groupe::Structure => (c.clone(), Alias::new("structure_id")),
        Groupe::Epci => (co.clone(), Alias::new("epci_code")),
    };
    let mut select = Query::select();
    select
        .from_as(Alias::new("conseiller"), c.clone())
        .expr_as(Expr::col(colonne.clone()), Alias::new("groupe"))
        .expr_as(
            Func::count(Expr::col((c.clone(), Alias::new("id")))),
            Alias::new("sous_contrat"),
        )
        .expr_as(
            Func::count(Expr::col((am.clone(), Alias::new("conseiller_id")))),
            Alias::new("actifs"),
        )
        .join_as(
            JoinType::InnerJoin,
            Alias::new("commune"),
            co.clone(),
            Expr::col((co.clone(), Alias::new("code"))).equals((c.clone(), Alias::new("commune_code"))),
        )
        // This month's total row of the conseiller's rollup: there when it recorded something.
        .join_as(
            JoinType::LeftJoin,
            Alias::new(cumul::TABLE),
            am.clone(),
            Condition::all()
                .add(
                    Expr::col((am.clone(), Alias::new("conseiller_id")))
                        .equals((c.clone(), Alias::new("id"))),
                )
                .add(Expr::col((am.clone(), Alias::new("mois"))).eq(cumul::mois(aujourd_hui)))
                .add(Expr::col((am.clone(), Alias::new("axe"))).eq(Axe::Total.as_str())),
        )
        // The rule of `maillage_shared::equipe::sous_contrat`.
        .cond_where(
            Condition::any()
                .add(Expr::col((c.clone(), Alias::new("contrat_fin"))).is_null())
                .add(Expr::col((c.clone(), Alias::new("contrat_fin"))).gte(aujourd_hui)),
        )
        .and_where(Expr::col(colonne.clone()).is_not_null())
        .group_by_col(colonne);
    if let Some(codes) = departements {
        select.and_where(Expr::col((co, Alias::new("departement_code"))).is_in(codes.iter().cloned()));
    }
    let mut suivi = BTreeMap::new();
    for ligne in db.query_all(&select).await? {
        let cle = match groupe {
            Groupe::Structure => ligne.try_get::<i64>("", "groupe")?.to_string(),
            Groupe::Departement | Groupe::Epci => ligne.try_get("", "groupe")?,
        };
        suivi.insert(
            cle,
            Suivi {
                sous_contrat: ligne.try_get("", "sous_contrat")?,
                actifs_ce_mois: ligne.try_get("", "actifs")?,
            },
        );
    }
    Ok(suivi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_defaults_to_the_twelve_months_up_to_this_one_and_is_bounded() {
        let jour = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        let periode = Periode::lire(None, None, jour).unwrap();
        assert_eq!(
            periode,
            Periode {
                de: 202504,
                a: 202603
            }
        );
        assert_eq!(periode.mois().len(), 12);
        assert_eq!(periode.mois()[9], 202601);
        assert!(Periode::lire(Some("2026-04"), Some("2026-03"), jour).is_err());
        assert!(Periode::lire(Some("2020-01"), Some("2026-03"), jour).is_err());
        assert!(Periode::lire(Some("2026-13"), None, jour).is_err());
        assert_eq!(
            Periode::lire(Some("2026-03"), Some("2026-03"), jour)
                .unwrap()
                .mois(),
            [202603]
        );
    }
}
