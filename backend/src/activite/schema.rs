//! GraphQL: a conseiller records its accompaniments; a coordinator sees its team, their aggregates, and
//! reminds those who have not reported this month.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{Datelike, NaiveDate};
use maillage_shared::activite::{Autonomie, Canal, Materiel, Orientation, TypeAccompagnement};
use sea_orm::DatabaseConnection;

use super::beneficiaire::{self, PersonneSuivie};
use super::cumul::Totals;
use super::service::{self, Accompagnement};
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;

/// An accompaniment to record.
#[derive(InputObject)]
pub struct AccompagnementEntree {
    pub date: NaiveDate,
    pub type_accompagnement: TypeAccompagnement,
    pub canal: Canal,
    /// Among the standard's services (`maillage_shared::activite::THEMES`).
    pub themes: Vec<String>,
    pub duree_minutes: i32,
    #[graphql(default = 1)]
    pub participants: i32,
    /// INSEE code of the commune where it took place, if known.
    pub commune_code: Option<String>,
    /// The lieu of the referential where it took place, if any.
    pub lieu_id: Option<String>,
    #[graphql(default)]
    pub materiel: Vec<Materiel>,
    /// Individual accompaniments only.
    pub autonomie: Option<Autonomie>,
    /// Individual accompaniments only.
    pub orientation: Option<Orientation>,
    /// The person accompanied, when they agreed to be named (individual accompaniments only).
    pub beneficiaire: Option<BeneficiaireEntree>,
}

/// The person of an individual accompaniment: one the conseiller already follows (`id`), or a new one named
/// with their consent.
#[derive(InputObject)]
pub struct BeneficiaireEntree {
    /// A person the conseiller already follows; the other fields are then ignored.
    pub id: Option<ID>,
    pub prenom: Option<String>,
    pub nom: Option<String>,
    pub annee_naissance: Option<i32>,
    /// The person agreed to be named and followed.
    #[graphql(default)]
    pub consentement: bool,
}

impl BeneficiaireEntree {
    fn lire(self) -> Result<PersonneSuivie, crate::error::AppError> {
        Ok(match self.id {
            Some(id) => PersonneSuivie::Existante(numeric_id(&id)?),
            None => PersonneSuivie::Nouvelle {
                prenom: self.prenom.unwrap_or_default(),
                nom: self.nom.unwrap_or_default(),
                annee_naissance: self.annee_naissance,
                consentement: self.consentement,
            },
        })
    }
}

/// A lieu de médiation numérique of the referential, as the activity form offers it.
#[derive(SimpleObject)]
pub struct LieuProche {
    pub id: String,
    pub nom: String,
    pub commune: String,
}

/// A person a conseiller follows, named with consent: only that conseiller reads them.
#[derive(SimpleObject)]
pub struct BeneficiaireSuivi {
    pub id: ID,
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    pub nom: String,
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    pub annee_naissance: Option<i32>,
    pub accompagnements: i64,
    /// Date of the latest one.
    pub dernier_accompagnement: Option<NaiveDate>,
    /// The conseiller's other records that probably are the same person: proposed for merging.
    pub doublons: Vec<ID>,
}

/// One accompaniment of a followed person.
#[derive(SimpleObject)]
pub struct PassageBeneficiaire {
    pub date: NaiveDate,
    pub themes: Vec<String>,
    pub duree_minutes: i32,
    pub autonomie: Option<Autonomie>,
    pub orientation: Option<Orientation>,
}

/// Counts of accompaniments under a key (a person, a month, a theme, a commune).
#[derive(SimpleObject)]
pub struct TotalActivite {
    pub cle: String,
    pub accompagnements: i64,
    pub participants: i64,
    pub minutes: i64,
}

/// The team's activity of a year.
#[derive(SimpleObject)]
pub struct AgregatsEquipe {
    pub annee: i32,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_conseiller: Vec<TotalActivite>,
    /// Keys are month numbers, 1 to 12.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_mois: Vec<TotalActivite>,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_theme: Vec<TotalActivite>,
    /// Keys are INSEE codes.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_commune: Vec<TotalActivite>,
    /// Share of the team with at least one accompaniment this month, 0 to 1.
    pub taux_completion_mois: f64,
}

fn totaux<K: ToString>(groupes: std::collections::BTreeMap<K, Totals>) -> Vec<TotalActivite> {
    groupes
        .into_iter()
        .map(|(cle, t)| TotalActivite {
            cle: cle.to_string(),
            accompagnements: t.accompagnements,
            participants: t.participants,
            minutes: t.minutes,
        })
        .collect()
}

/// Activity queries.
#[derive(Default)]
pub struct ActiviteQuery;

#[Object]
impl ActiviteQuery {
    /// The team's accompaniments of a year (default: this year) by conseiller, month, theme and commune.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn activite_equipe(
        &self,
        ctx: &Context<'_>,
        annee: Option<i32>,
    ) -> async_graphql::Result<AgregatsEquipe> {
        let db = ctx.data::<DatabaseConnection>()?;
        let annee = annee.unwrap_or_else(|| today().year());
        let agregats = service::agregats(db, actor(ctx)?, annee, today())
            .await
            .graphql()?;
        Ok(AgregatsEquipe {
            annee,
            par_conseiller: totaux(agregats.par_conseiller),
            par_mois: totaux(agregats.par_mois),
            par_theme: totaux(agregats.par_theme),
            par_commune: totaux(agregats.par_commune),
            taux_completion_mois: agregats.taux_completion_mois,
        })
    }

    /// The lieux of the referential near the calling conseiller (its EPCI, or its département), by name:
    /// where its accompaniments may take place (`lieuId`).
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn mes_lieux(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<LieuProche>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let lieux = service::lieux_proches(db, actor(ctx)?).await.graphql()?;
        Ok(lieux
            .into_iter()
            .map(|l| LieuProche {
                id: l.id,
                nom: l.nom,
                commune: l.commune,
            })
            .collect())
    }

    /// The people the calling conseiller follows, by name, with their likely duplicates.
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn mes_beneficiaires(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BeneficiaireSuivi>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let moi = service::mon_poste_de_conseiller(db, actor(ctx)?)
            .await
            .graphql()?;
        let suivis = beneficiaire::suivis(db, moi.id).await.graphql()?;
        Ok(suivis
            .into_iter()
            .map(|s| BeneficiaireSuivi {
                id: ID(s.personne.id.to_string()),
                prenom: s.personne.prenom,
                nom: s.personne.nom,
                annee_naissance: s.personne.annee_naissance,
                accompagnements: s.accompagnements,
                dernier_accompagnement: s.dernier,
                doublons: s.doublons.into_iter().map(|id| ID(id.to_string())).collect(),
            })
            .collect())
    }

    /// The accompaniments of a person the calling conseiller follows, latest first.
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn accompagnements_du_beneficiaire(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Vec<PassageBeneficiaire>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let moi = service::mon_poste_de_conseiller(db, actor(ctx)?)
            .await
            .graphql()?;
        let passages = beneficiaire::passages(db, moi.id, numeric_id(&id).graphql()?)
            .await
            .graphql()?;
        Ok(passages
            .into_iter()
            .map(|p| PassageBeneficiaire {
                date: p.date,
                themes: p.themes,
                duree_minutes: p.duree_minutes,
                autonomie: p.autonomie.as_deref().and_then(Autonomie::parse),
                orientation: p.orientation.as_deref().and_then(Orientation::parse),
            })
            .collect())
    }
}

/// A line of an imported file that was refused.
#[derive(SimpleObject)]
pub struct LigneRefusee {
    /// Line number in the file (the header is line 1).
    pub ligne: i32,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub motif: String,
}

/// What an import did.
#[derive(SimpleObject)]
pub struct BilanImportActivites {
    /// Accompaniments recorded.
    pub importes: i32,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub lignes_refusees: Vec<LigneRefusee>,
}

/// Activity mutations.
#[derive(Default)]
pub struct ActiviteMutation;

#[Object]
impl ActiviteMutation {
    /// Records an accompaniment of the calling conseiller.
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn enregistrer_activite(
        &self,
        ctx: &Context<'_>,
        accompagnement: AccompagnementEntree,
        #[graphql(desc = "Sent again with a retry, the same key records the accompaniment only once.")]
        cle_idempotence: Option<String>,
    ) -> async_graphql::Result<bool> {
        let accompagnement = Accompagnement {
            date: accompagnement.date,
            type_accompagnement: accompagnement.type_accompagnement,
            canal: accompagnement.canal,
            themes: accompagnement.themes,
            duree_minutes: accompagnement.duree_minutes,
            participants: accompagnement.participants,
            commune_code: accompagnement.commune_code,
            lieu_id: accompagnement.lieu_id,
            materiel: accompagnement.materiel,
            autonomie: accompagnement.autonomie,
            orientation: accompagnement.orientation,
            beneficiaire: accompagnement
                .beneficiaire
                .map(BeneficiaireEntree::lire)
                .transpose()
                .graphql()?,
        };
        in_transaction(ctx, async |txn, acteur| {
            const OPERATION: &str = "enregistrerActivite";
            if let Some(cle) = &cle_idempotence
                && let Some(id) =
                    crate::idempotence::deja_fait(txn, acteur.utilisateur_id, cle, OPERATION).await?
            {
                return Ok(id);
            }
            let id = service::enregistrer(txn, acteur, &accompagnement, today()).await?;
            if let Some(cle) = &cle_idempotence {
                crate::idempotence::retenir(txn, acteur.utilisateur_id, cle, OPERATION, id).await?;
            }
            Ok(id)
        })
        .await?;
        Ok(true)
    }

    /// Imports the calling conseiller's accompaniments from a CSV file's text (header
    /// `date;type;canal;themes;duree_minutes;participants;code_insee`, themes separated by `|`, and optionally
    /// `lieu_id;materiel;autonomie;orientation` by their stored names, material separated by `|`). Bad lines are
    /// reported with their number and reason; the good ones are recorded, unless `toutOuRien` is set, in which
    /// case nothing is recorded while a line is bad.
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn importer_activites(
        &self,
        ctx: &Context<'_>,
        contenu: String,
        #[graphql(desc = "Record nothing while a line is bad (default: record the good lines).")]
        tout_ou_rien: Option<bool>,
    ) -> async_graphql::Result<BilanImportActivites> {
        let tout_ou_rien = tout_ou_rien.unwrap_or(false);
        let bilan = in_transaction(ctx, async |txn, acteur| {
            super::import::importer(txn, acteur, contenu.as_bytes(), tout_ou_rien, today()).await
        })
        .await?;
        Ok(BilanImportActivites {
            importes: i32::try_from(bilan.importes).unwrap_or(i32::MAX),
            lignes_refusees: bilan
                .erreurs
                .into_iter()
                .map(|e| LigneRefusee {
                    ligne: i32::try_from(e.ligne).unwrap_or(i32::MAX),
                    motif: e.motif,
                })
                .collect(),
        })
    }

    /// Merges two records of one person the calling conseiller follows: `doublon`'s accompaniments move to
    /// `garde`, and `doublon` disappears.
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn fusionner_beneficiaires(
        &self,
        ctx: &Context<'_>,
        garde: ID,
        doublon: ID,
    ) -> async_graphql::Result<bool> {
        let (garde, doublon) = (numeric_id(&garde).graphql()?, numeric_id(&doublon).graphql()?);
        in_transaction(ctx, async |txn, acteur| {
            let moi = service::mon_poste_de_conseiller(txn, acteur).await?;
            beneficiaire::fusionner(txn, moi.id, garde, doublon).await
        })
        .await?;
        Ok(true)
    }

    /// Erases a followed person at their request: their name is gone, their accompaniments stay in the
    /// figures, anonymous.
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn effacer_beneficiaire(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let id = numeric_id(&id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            let moi = service::mon_poste_de_conseiller(txn, acteur).await?;
            beneficiaire::effacer(txn, moi.id, id).await
        })
        .await?;
        Ok(true)
    }

    /// Reminds the conseillers of the calling préfecture's département who recorded nothing this month, or
    /// those of one `structure`, in the app and by email (one target twice a day at most); returns how many.
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn relancer_sans_compte_rendu(
        &self,
        ctx: &Context<'_>,
        structure: Option<ID>,
    ) -> async_graphql::Result<i32> {
        let structure = structure.as_ref().map(numeric_id).transpose().graphql()?;
        let relances = in_transaction(ctx, async |txn, acteur| {
            service::relancer_le_departement(txn, acteur, structure, today()).await
        })
        .await?;
        Ok(i32::try_from(relances).unwrap_or(i32::MAX))
    }

    /// Reminds the team members with no accompaniment this month; returns how many.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn relancer_equipe(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let relances = in_transaction(ctx, async |txn, acteur| {
            service::relancer(txn, acteur, today()).await
        })
        .await?;
        Ok(i32::try_from(relances).unwrap_or(i32::MAX))
    }
}
