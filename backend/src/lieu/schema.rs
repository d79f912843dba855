//! GraphQL: the lieux de médiation numérique — open data, a page per lieu and the search near a place (no
//! login); editing, history and reports for those who keep them current.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use maillage_shared::horaires::Horaires;
use maillage_shared::lieu::{COLONNES, LigneLieu};
use maillage_shared::territoire::CodeDepartement;
use sea_orm::DatabaseConnection;

use super::service::LieuEnregistre;
use super::{edition, recherche, service, signalement};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{caller, in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;
use crate::territoire::geocodage::Geocodeur;

/// A lieu de médiation numérique, with the national standard's fields (camel-cased), what its hours say and
/// what its record lacks.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct LieuMediationNumerique {
    pub id: String,
    /// SIRET or RNA of the structure running the lieu.
    pub pivot: String,
    pub nom: String,
    pub adresse: String,
    pub complement_adresse: Option<String>,
    pub commune: String,
    pub code_postal: String,
    pub code_insee: Option<String>,
    /// The département it was matched to (its public holidays and time zone).
    pub departement_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub typologies: Vec<String>,
    /// The lieu's telephone (a place's, public in the standard).
    #[graphql(directive = autorise::apply("public".into()))]
    pub telephone: Option<String>,
    pub courriels: Vec<String>,
    pub site_web: Vec<String>,
    pub presentation_resume: Option<String>,
    pub presentation_detail: Option<String>,
    pub structure_parente: Option<String>,
    pub source: Option<String>,
    pub services: Vec<String>,
    pub publics_specifiquement_adresses: Vec<String>,
    pub prise_en_charge_specifique: Vec<String>,
    pub frais_a_charge: Vec<String>,
    pub itinerance: Vec<String>,
    pub modalites_acces: Vec<String>,
    pub modalites_accompagnement: Vec<String>,
    pub dispositif_programmes_nationaux: Vec<String>,
    pub formations_labels: Vec<String>,
    pub autres_formations_labels: Vec<String>,
    /// The standard's `horaires`, in OpenStreetMap `opening_hours` syntax.
    pub horaires: Option<String>,
    pub prise_rdv: Option<String>,
    /// Its Acceslibre record (the standard's accessibility field).
    pub fiche_acces_libre: Option<String>,
    pub date_maj: String,
    /// When it was closed by form (it then leaves the search, the map and the open data).
    pub ferme_le: Option<DateTime<Utc>>,
    #[graphql(skip)]
    pub enregistre: LieuEnregistre,
}

fn texte(ligne: &LigneLieu, colonne: &str) -> Option<String> {
    Some(ligne.get(colonne).to_owned()).filter(|v| !v.is_empty())
}

fn liste(ligne: &LigneLieu, colonne: &str) -> Vec<String> {
    ligne.liste(colonne).into_iter().map(str::to_owned).collect()
}

impl From<LieuEnregistre> for LieuMediationNumerique {
    fn from(enregistre: LieuEnregistre) -> Self {
        let ligne = &enregistre.ligne;
        Self {
            id: ligne.get("id").to_owned(),
            pivot: ligne.get("pivot").to_owned(),
            nom: ligne.get("nom").to_owned(),
            adresse: ligne.get("adresse").to_owned(),
            complement_adresse: texte(ligne, "complement_adresse"),
            commune: ligne.get("commune").to_owned(),
            code_postal: ligne.get("code_postal").to_owned(),
            code_insee: texte(ligne, "code_insee"),
            departement_code: enregistre.departement_code.clone(),
            latitude: ligne.get("latitude").parse().ok(),
            longitude: ligne.get("longitude").parse().ok(),
            typologies: liste(ligne, "typologie"),
            telephone: texte(ligne, "telephone"),
            courriels: liste(ligne, "courriels"),
            site_web: liste(ligne, "site_web"),
            presentation_resume: texte(ligne, "presentation_resume"),
            presentation_detail: texte(ligne, "presentation_detail"),
            structure_parente: texte(ligne, "structure_parente"),
            source: texte(ligne, "source"),
            services: liste(ligne, "services"),
            publics_specifiquement_adresses: liste(ligne, "publics_specifiquement_adresses"),
            prise_en_charge_specifique: liste(ligne, "prise_en_charge_specifique"),
            frais_a_charge: liste(ligne, "frais_a_charge"),
            itinerance: liste(ligne, "itinerance"),
            modalites_acces: liste(ligne, "modalites_acces"),
            modalites_accompagnement: liste(ligne, "modalites_accompagnement"),
            dispositif_programmes_nationaux: liste(ligne, "dispositif_programmes_nationaux"),
            formations_labels: liste(ligne, "formations_labels"),
            autres_formations_labels: liste(ligne, "autres_formations_labels"),
            horaires: texte(ligne, "horaires"),
            prise_rdv: texte(ligne, "prise_rdv"),
            fiche_acces_libre: texte(ligne, "fiche_acces_libre"),
            date_maj: ligne.get("date_maj").to_owned(),
            ferme_le: enregistre.ferme_le,
            enregistre,
        }
    }
}

/// A day of a lieu's week: « Lundi », « 9 h – 12 h, 14 h – 18 h 30 ».
#[derive(SimpleObject)]
pub struct JourDOuverture {
    pub jour: String,
    pub horaires: String,
}

/// A lieu's hours in French: its week, Monday first, and what differs on holidays, months or dates.
#[derive(SimpleObject)]
pub struct SemaineDOuverture {
    #[graphql(directive = autorise::apply("public".into()))]
    pub jours: Vec<JourDOuverture>,
    pub particularites: Vec<String>,
}

#[ComplexObject]
impl LieuMediationNumerique {
    /// Whether it is open now, in its own time (overseas included, public holidays of its département);
    /// null when its hours are not given or not readable.
    async fn ouvert_maintenant(&self, ctx: &Context<'_>) -> Option<bool> {
        crate::graphql::context::depend_de_l_heure(ctx);
        recherche::ouvert(&self.enregistre, Utc::now())
    }

    /// Its hours as a week in French; null when not given or not readable (`horaires` then shows them as
    /// written).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn semaine(&self) -> Option<SemaineDOuverture> {
        let horaires = Horaires::lire(self.enregistre.ligne.get("horaires")).ok()?;
        let semaine = horaires.semaine();
        Some(SemaineDOuverture {
            jours: semaine
                .jours
                .into_iter()
                .map(|j| JourDOuverture {
                    jour: j.jour,
                    horaires: j.horaires,
                })
                .collect(),
            particularites: semaine.particularites,
        })
    }

    /// What its record lacks for a person to find it and go there, in French; empty when complete.
    async fn manquants(&self) -> Vec<String> {
        maillage_shared::lieu::manquants(&self.enregistre.ligne)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }
}

/// A lieu's page: the lieu, the conseillers present there, and whether the caller keeps it current.
#[derive(SimpleObject)]
pub struct FicheDeLieu {
    #[graphql(directive = autorise::apply("public".into()))]
    pub lieu: LieuMediationNumerique,
    /// Conseillers numériques who recorded accompaniments there in the last three months.
    pub conseillers_presents: i64,
    /// The caller may correct or close it (ANCT, a coordinator of its territory, its structure).
    pub peut_modifier: bool,
    /// Reports of errors waiting on it, for those who keep it current (0 for anyone else).
    pub signalements_en_attente: i64,
}

/// Where a search started.
#[derive(SimpleObject)]
pub struct RepereDeRecherche {
    pub libelle: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// A lieu found near the place searched.
#[derive(SimpleObject)]
pub struct LieuTrouve {
    pub distance_km: f64,
    #[graphql(directive = autorise::apply("public".into()))]
    pub lieu: LieuMediationNumerique,
}

/// The answer of a search: where it started, and the lieux nearest first.
#[derive(SimpleObject)]
pub struct RechercheDeLieux {
    #[graphql(directive = autorise::apply("public".into()))]
    pub repere: RepereDeRecherche,
    #[graphql(directive = autorise::apply("public".into()))]
    pub lieux: Vec<LieuTrouve>,
}

/// The filters of a search; each list asks for every value it holds (the standard's strings).
#[derive(InputObject, Default)]
pub struct FiltresDeLieux {
    #[graphql(default)]
    pub services: Vec<String>,
    #[graphql(default)]
    pub publics: Vec<String>,
    #[graphql(default)]
    pub prises_en_charge: Vec<String>,
    /// Only lieux with an Acceslibre record.
    #[graphql(default)]
    pub fiche_accessibilite: bool,
    /// Only lieux open now, in their own time.
    #[graphql(default)]
    pub ouvert_maintenant: bool,
}

/// One field of a change: the standard's column, before and after.
#[derive(SimpleObject)]
pub struct ChangementDeLieu {
    pub champ: String,
    pub avant: String,
    pub apres: String,
}

/// An entry of a lieu's history.
#[derive(SimpleObject)]
pub struct ModificationDeLieu {
    pub le: DateTime<Utc>,
    /// Who made it, with their role at the time.
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    pub auteur: String,
    /// CREATION, CORRECTION, FERMETURE or REOUVERTURE.
    pub nature: String,
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    pub changements: Vec<ChangementDeLieu>,
}

/// A report of an error on a lieu.
#[derive(SimpleObject)]
pub struct SignalementDeLieu {
    pub id: ID,
    pub lieu_id: String,
    pub lieu_nom: String,
    pub le: DateTime<Utc>,
    pub message: String,
    /// Where the reporter asked to be told of the resolution; deleted at resolution.
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    pub courriel: Option<String>,
    pub resolu_le: Option<DateTime<Utc>>,
    pub reponse: Option<String>,
}

/// A lieu as the form sends it: the standard's fields (lists for its multi-valued columns). Without `id`, a
/// new lieu; with it, a correction of that lieu. `date_maj` is the day of the change; a structure's lieu
/// always has its SIRET as pivot.
#[derive(InputObject)]
pub struct LieuSaisi {
    pub id: Option<String>,
    #[graphql(default)]
    pub pivot: String,
    pub nom: String,
    pub adresse: String,
    #[graphql(default)]
    pub complement_adresse: String,
    pub commune: String,
    pub code_postal: String,
    #[graphql(default)]
    pub code_insee: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    #[graphql(default)]
    pub typologies: Vec<String>,
    #[graphql(default)]
    pub telephone: String,
    #[graphql(default)]
    pub courriels: Vec<String>,
    #[graphql(default)]
    pub site_web: Vec<String>,
    #[graphql(default)]
    pub horaires: String,
    #[graphql(default)]
    pub presentation_resume: String,
    #[graphql(default)]
    pub presentation_detail: String,
    #[graphql(default)]
    pub structure_parente: String,
    #[graphql(default)]
    pub services: Vec<String>,
    #[graphql(default)]
    pub publics_specifiquement_adresses: Vec<String>,
    #[graphql(default)]
    pub prise_en_charge_specifique: Vec<String>,
    #[graphql(default)]
    pub frais_a_charge: Vec<String>,
    #[graphql(default)]
    pub itinerance: Vec<String>,
    #[graphql(default)]
    pub modalites_acces: Vec<String>,
    #[graphql(default)]
    pub modalites_accompagnement: Vec<String>,
    #[graphql(default)]
    pub fiche_acces_libre: String,
    #[graphql(default)]
    pub prise_rdv: String,
    #[graphql(default)]
    pub dispositif_programmes_nationaux: Vec<String>,
    #[graphql(default)]
    pub formations_labels: Vec<String>,
    #[graphql(default)]
    pub autres_formations_labels: Vec<String>,
}

impl LieuSaisi {
    /// The line of the standard the form describes (the source is kept when correcting).
    fn ligne(self, source: String) -> LigneLieu {
        let joindre = |valeurs: Vec<String>| {
            valeurs
                .iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join(&maillage_shared::lieu::SEPARATEUR.to_string())
        };
        let nombre = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let paires: Vec<(&str, String)> = vec![
            ("id", self.id.unwrap_or_default()),
            ("pivot", self.pivot),
            ("nom", self.nom),
            ("adresse", self.adresse),
            ("commune", self.commune),
            ("code_postal", self.code_postal),
            ("code_insee", self.code_insee),
            ("complement_adresse", self.complement_adresse),
            ("latitude", nombre(self.latitude)),
            ("longitude", nombre(self.longitude)),
            ("typologie", joindre(self.typologies)),
            ("telephone", self.telephone),
            ("courriels", joindre(self.courriels)),
            ("site_web", joindre(self.site_web)),
            ("horaires", self.horaires),
            ("presentation_resume", self.presentation_resume),
            ("presentation_detail", self.presentation_detail),
            ("source", source),
            ("structure_parente", self.structure_parente),
            ("services", joindre(self.services)),
            (
                "publics_specifiquement_adresses",
                joindre(self.publics_specifiquement_adresses),
            ),
            (
                "prise_en_charge_specifique",
                joindre(self.prise_en_charge_specifique),
            ),
            ("frais_a_charge", joindre(self.frais_a_charge)),
            ("itinerance", joindre(self.itinerance)),
            ("modalites_acces", joindre(self.modalites_acces)),
            ("modalites_accompagnement", joindre(self.modalites_accompagnement)),
            ("fiche_acces_libre", self.fiche_acces_libre),
            ("prise_rdv", self.prise_rdv),
            (
                "dispositif_programmes_nationaux",
                joindre(self.dispositif_programmes_nationaux),
            ),
            ("formations_labels", joindre(self.formations_labels)),
            ("autres_formations_labels", joindre(self.autres_formations_labels)),
        ];
        let mut valeurs = vec![String::new(); COLONNES.len()];
        for (colonne, valeur) in paires {
            if let Some(i) = COLONNES.iter().position(|c| *c == colonne) {
                valeurs[i] = valeur.trim().to_owned();
            }
        }
        LigneLieu { valeurs }
    }
}

/// Lieux queries.
#[derive(Default)]
pub struct LieuQuery;

#[Object]
impl LieuQuery {
    /// Lieux de médiation numérique by id, optionally of one département; `premiers` 1 to 100, then pass
    /// the last id as `apres` for the next page.
    #[graphql(directive = autorise::apply("public".into()), complexity = "premiers.max(1) as usize * child_complexity")]
    async fn lieux(
        &self,
        ctx: &Context<'_>,
        departement: Option<String>,
        #[graphql(default = 50)] premiers: i32,
        apres: Option<String>,
    ) -> async_graphql::Result<Vec<LieuMediationNumerique>> {
        if !(1..=100).contains(&premiers) {
            return Err(
                AppError::InvalidInput("premiers doit être compris entre 1 et 100".to_owned()).into_graphql(),
            );
        }
        let departement = departement
            .map(|code| CodeDepartement::parse(&code))
            .transpose()
            .graphql()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let lignes = service::lister(
            db,
            departement.as_ref().map(CodeDepartement::as_str),
            premiers as u64,
            apres.as_deref(),
        )
        .await
        .graphql()?;
        Ok(lignes.into_iter().map(Into::into).collect())
    }

    /// A lieu's page (open or closed), by its id; null when no lieu has it.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn lieu(&self, ctx: &Context<'_>, id: String) -> async_graphql::Result<Option<FicheDeLieu>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let Some(lieu) = service::lire(db, &id).await.graphql()? else {
            return Ok(None);
        };
        let depuis = today() - chrono::Duration::days(90);
        let conseillers_presents = service::conseillers_presents(db, &id, depuis).await.graphql()?;
        let peut_modifier = match caller(ctx).acteur() {
            Ok(acteur) => edition::droits(db, acteur).await.graphql()?.couvrent(&lieu),
            Err(_) => false,
        };
        let signalements_en_attente = if peut_modifier {
            signalement::en_attente(db, &id).await.graphql()?
        } else {
            0
        };
        Ok(Some(FicheDeLieu {
            lieu: lieu.into(),
            conseillers_presents,
            peut_modifier,
            signalements_en_attente,
        }))
    }

    /// The open lieux nearest to a place, nearest first: `pres` a postal code, a commune or an address (found
    /// by the national address search when this instance has it), or `latitude` and `longitude` (the
    /// browser's position). `premiers` 1 to 100.
    #[graphql(directive = autorise::apply("public".into()), complexity = "premiers.max(1) as usize * child_complexity")]
    async fn rechercher_des_lieux(
        &self,
        ctx: &Context<'_>,
        pres: Option<String>,
        latitude: Option<f64>,
        longitude: Option<f64>,
        #[graphql(default)] filtres: FiltresDeLieux,
        #[graphql(default = 20)] premiers: i32,
    ) -> async_graphql::Result<RechercheDeLieux> {
        if !(1..=100).contains(&premiers) {
            return Err(
                AppError::InvalidInput("premiers doit être compris entre 1 et 100".to_owned()).into_graphql(),
            );
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let repere = match (
            pres.as_deref().map(str::trim).filter(|p| !p.is_empty()),
            latitude,
            longitude,
        ) {
            (Some(texte), _, _) => recherche::situer(db, ctx.data::<Geocodeur>()?, texte)
                .await
                .graphql()?,
            (None, Some(latitude), Some(longitude))
                if latitude.is_finite()
                    && longitude.is_finite()
                    && latitude.abs() <= 90.0
                    && longitude.abs() <= 180.0 =>
            {
                recherche::Repere {
                    libelle: "Votre position".to_owned(),
                    latitude,
                    longitude,
                }
            }
            _ => {
                return Err(AppError::InvalidInput(
                    "Dites où chercher : une commune, un code postal, une adresse, ou une position (latitude entre -90 et 90, longitude entre -180 et 180).".to_owned(),
                )
                .into_graphql());
            }
        };
        if filtres.ouvert_maintenant {
            crate::graphql::context::depend_de_l_heure(ctx);
        }
        let filtres = recherche::Filtres {
            services: filtres.services,
            publics: filtres.publics,
            prises_en_charge: filtres.prises_en_charge,
            fiche_accessibilite: filtres.fiche_accessibilite,
            ouvert_maintenant: filtres.ouvert_maintenant,
        };
        let trouves = recherche::rechercher(
            db,
            (repere.latitude, repere.longitude),
            &filtres,
            premiers as usize,
            Utc::now(),
        )
        .await
        .graphql()?;
        Ok(RechercheDeLieux {
            repere: RepereDeRecherche {
                libelle: repere.libelle,
                latitude: repere.latitude,
                longitude: repere.longitude,
            },
            lieux: trouves
                .into_iter()
                .map(|t| LieuTrouve {
                    distance_km: (t.distance_km * 10.0).round() / 10.0,
                    lieu: t.lieu.into(),
                })
                .collect(),
        })
    }

    /// A lieu's history of changes by form, newest first, for those who keep it current.
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    async fn modifications_du_lieu(
        &self,
        ctx: &Context<'_>,
        id: String,
    ) -> async_graphql::Result<Vec<ModificationDeLieu>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = crate::graphql::context::actor(ctx)?;
        Ok(edition::modifications(db, acteur, &id)
            .await
            .graphql()?
            .into_iter()
            .map(|m| ModificationDeLieu {
                le: m.le,
                auteur: m.auteur,
                nature: m.nature,
                changements: m
                    .changements
                    .into_iter()
                    .map(|c| ChangementDeLieu {
                        champ: c.champ,
                        avant: c.avant,
                        apres: c.apres,
                    })
                    .collect(),
            })
            .collect())
    }

    /// The reports of errors on the lieux the caller keeps current (ANCT: all), newest first: waiting ones,
    /// or with `resolus` the resolved ones (200 at most).
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    async fn signalements_de_lieux(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] resolus: bool,
    ) -> async_graphql::Result<Vec<SignalementDeLieu>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = crate::graphql::context::actor(ctx)?;
        Ok(signalement::lister(db, acteur, resolus)
            .await
            .graphql()?
            .into_iter()
            .map(|s| SignalementDeLieu {
                id: ID(s.id.to_string()),
                lieu_id: s.lieu_id,
                lieu_nom: s.lieu_nom,
                le: s.le,
                message: s.message,
                courriel: s.courriel,
                resolu_le: s.resolu_le,
                reponse: s.reponse,
            })
            .collect())
    }

    /// The open lieux the caller keeps current whose record lacks something (`manquants`), by name: a
    /// coordinator's perimeter (its diagnosis), a structure's own, ANCT's everywhere. `premiers` 1 to 500.
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()), complexity = "premiers.max(1) as usize * child_complexity")]
    async fn lieux_a_completer(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 100)] premiers: i32,
    ) -> async_graphql::Result<Vec<LieuMediationNumerique>> {
        if !(1..=500).contains(&premiers) {
            return Err(
                AppError::InvalidInput("premiers doit être compris entre 1 et 500".to_owned()).into_graphql(),
            );
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = crate::graphql::context::actor(ctx)?;
        Ok(edition::a_completer(db, acteur, premiers as usize)
            .await
            .graphql()?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}

/// Lieux mutations.
#[derive(Default)]
pub struct LieuMutation;

#[Object]
impl LieuMutation {
    /// Creates a lieu (without `id`) or corrects one, every field checked by the standard's rules; the change
    /// is kept in the lieu's history. ANCT anywhere, a coordinator in its perimeter, a structure its own
    /// lieux.
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    async fn enregistrer_un_lieu(
        &self,
        ctx: &Context<'_>,
        lieu: LieuSaisi,
    ) -> async_graphql::Result<LieuMediationNumerique> {
        let aujourd_hui = today();
        in_transaction(ctx, async |txn, acteur| {
            let source = match &lieu.id {
                Some(id) => service::lire(txn, id)
                    .await?
                    .map(|l| l.ligne.get("source").to_owned())
                    .unwrap_or_default(),
                None => String::new(),
            };
            edition::enregistrer(txn, acteur, lieu.ligne(source), aujourd_hui).await
        })
        .await
        .map(Into::into)
    }

    /// Closes a lieu, saying why: it leaves the search, the map, the open data and the counts.
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    async fn fermer_un_lieu(
        &self,
        ctx: &Context<'_>,
        id: String,
        motif: String,
    ) -> async_graphql::Result<LieuMediationNumerique> {
        in_transaction(ctx, async |txn, acteur| {
            edition::fermer(txn, acteur, &id, &motif).await
        })
        .await
        .map(Into::into)
    }

    /// Reopens a closed lieu.
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    async fn rouvrir_un_lieu(
        &self,
        ctx: &Context<'_>,
        id: String,
    ) -> async_graphql::Result<LieuMediationNumerique> {
        in_transaction(ctx, async |txn, acteur| edition::rouvrir(txn, acteur, &id).await)
            .await
            .map(Into::into)
    }

    /// Reports an error on a lieu (anyone, without logging in): its keepers are told. `courriel`, optional,
    /// to be told of the resolution. Five reports an hour per client.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn signaler_une_erreur_sur_un_lieu(
        &self,
        ctx: &Context<'_>,
        lieu_id: String,
        message: String,
        courriel: Option<String>,
    ) -> async_graphql::Result<bool> {
        let db = ctx.data::<DatabaseConnection>()?;
        let client = ctx
            .data_opt::<crate::compte::acteur::AdresseDuClient>()
            .map(|a| a.0);
        let txn = crate::database::ecriture(db).await.graphql()?;
        signalement::signaler(&txn, &lieu_id, &message, courriel.as_deref(), client)
            .await
            .graphql()?;
        crate::journal::consigner(&txn, &crate::journal::du_champ(ctx, caller(ctx).acteur().ok()))
            .await
            .graphql()?;
        txn.commit().await.graphql()?;
        Ok(true)
    }

    /// Resolves a report on a lieu the caller keeps current, with an optional answer emailed to the
    /// reporter when they left an address.
    #[graphql(directive = autorise::apply("COORDINATEUR STRUCTURE ANCT".into()))]
    async fn resoudre_un_signalement(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reponse: Option<String>,
    ) -> async_graphql::Result<bool> {
        let id = numeric_id(&id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            signalement::resoudre(txn, acteur, id, reponse.as_deref()).await
        })
        .await?;
        Ok(true)
    }
}
