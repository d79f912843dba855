//! GraphQL contract of the territorial referential (public, no login): French domain names, relations
//! through [`TerritoireLoader`], unknown codes answer `null`, malformed codes `INVALID_TERRITORY_CODE`.

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{ComplexObject, Context, Lookahead, Object, SimpleObject};
use maillage_shared::territoire::{
    CodeCommune, CodeDepartement, CodeRegion, NatureEpci, NatureTerritoire, SearchQuery, SirenEpci, Zone,
};
use sea_orm::DatabaseConnection;

use super::entity::{commune, departement, epci, region};
use super::loaders::{
    CodesPostauxDeCommune, CommuneParCode, CommunesDeEpci, DepartementParCode, DepartementsDeEpci,
    DepartementsDeRegion, EpciParCode, EpcisDeDepartement, RegionParCode, TerritoireLoader,
};
use super::service;
use crate::error::{AppError, GraphqlResult};
use crate::graphql::regles::autorise;

/// Most suggestions one search may return.
pub const MAX_SUGGESTIONS: i32 = 50;
/// Longest search text accepted: longer than any French territory name.
const MAX_TEXTE: usize = 100;

/// A région of France, or an overseas collectivité (zone `COM`).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Region {
    /// INSEE code.
    pub code: String,
    pub nom: String,
    pub zone: Zone,
    /// Sum of the populations of its communes.
    pub population: i64,
    pub nombre_communes: i64,
}

/// A département (or an overseas collectivité, zone `COM`, outside the programme).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Departement {
    /// INSEE code: 29, 2A, 974…
    pub code: String,
    pub nom: String,
    pub zone: Zone,
    /// Sum of the populations of its communes.
    pub population: i64,
    pub nombre_communes: i64,
    /// EPCI having at least one member commune in the département.
    pub nombre_epcis: i64,
    #[graphql(skip)]
    pub region_code: String,
}

/// An intercommunalité (EPCI à fiscalité propre), identified by its SIREN.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Epci {
    /// SIREN.
    pub code: String,
    pub nom: String,
    pub nature: NatureEpci,
    /// Sum of the populations of its member communes.
    pub population: i64,
    pub nombre_communes: i64,
}

/// A current commune.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Commune {
    /// INSEE code.
    pub code: String,
    pub nom: String,
    pub zone: Zone,
    pub population: i64,
    /// SIREN of the commune as a local authority.
    pub siren: Option<String>,
    #[graphql(skip)]
    pub departement_code: String,
    #[graphql(skip)]
    pub region_code: String,
    #[graphql(skip)]
    pub epci_code: Option<String>,
}

/// One suggestion of `rechercheTerritoires`.
#[derive(SimpleObject, Clone)]
pub struct ResultatRecherche {
    pub nature: NatureTerritoire,
    /// INSEE code, or SIREN for an EPCI: pass it to `region`, `departement`, `epci` or `commune`.
    pub code: String,
    pub nom: String,
    pub population: i64,
    /// What tells homonyms apart, in French: "29200 · Finistère (29)".
    pub contexte: String,
}

fn zone(stored: &str) -> Zone {
    // The import only writes known zones; an unknown one would be a corrupted row, shown as metropolitan.
    Zone::parse(stored).unwrap_or(Zone::Metropole)
}

impl From<region::Model> for Region {
    fn from(row: region::Model) -> Self {
        Self {
            zone: zone(&row.zone),
            code: row.code,
            nom: row.nom,
            population: row.population,
            nombre_communes: row.nombre_communes,
        }
    }
}

impl From<departement::Model> for Departement {
    fn from(row: departement::Model) -> Self {
        Self {
            zone: zone(&row.zone),
            code: row.code,
            nom: row.nom,
            population: row.population,
            nombre_communes: row.nombre_communes,
            nombre_epcis: row.nombre_epcis,
            region_code: row.region_code,
        }
    }
}

impl From<epci::Model> for Epci {
    fn from(row: epci::Model) -> Self {
        Self {
            nature: NatureEpci::parse(&row.nature).unwrap_or(NatureEpci::CommunauteDeCommunes),
            code: row.code,
            nom: row.nom,
            population: row.population,
            nombre_communes: row.nombre_communes,
        }
    }
}

impl From<commune::Model> for Commune {
    fn from(row: commune::Model) -> Self {
        Self {
            zone: zone(&row.zone),
            code: row.code,
            nom: row.nom,
            population: row.population,
            siren: row.siren,
            departement_code: row.departement_code,
            region_code: row.region_code,
            epci_code: row.epci_code,
        }
    }
}

impl From<service::Trouvaille> for ResultatRecherche {
    fn from(trouvaille: service::Trouvaille) -> Self {
        Self {
            nature: trouvaille.nature,
            code: trouvaille.code,
            nom: trouvaille.nom,
            population: trouvaille.population,
            contexte: trouvaille.contexte,
        }
    }
}

/// Loads one key through the request's [`TerritoireLoader`] and converts the stored rows.
pub async fn charger<K, V, T>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Option<T>>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    TerritoireLoader: Loader<K, Value = V, Error = std::sync::Arc<sea_orm::DbErr>>,
    T: From<V>,
{
    let loader = ctx.data::<DataLoader<TerritoireLoader, async_graphql::dataloader::HashMapCache>>()?;
    Ok(loader.load_one(key).await.graphql()?.map(T::from))
}

/// Loads a list-valued key; an absent key is an empty list.
async fn charger_liste<K, V, T>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Vec<T>>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    TerritoireLoader: Loader<K, Value = Vec<V>, Error = std::sync::Arc<sea_orm::DbErr>>,
    T: From<V>,
{
    let loader = ctx.data::<DataLoader<TerritoireLoader, async_graphql::dataloader::HashMapCache>>()?;
    Ok(loader
        .load_one(key)
        .await
        .graphql()?
        .unwrap_or_default()
        .into_iter()
        .map(T::from)
        .collect())
}

/// A level of the referential, for [`precharger`].
#[derive(Debug, Clone, Copy)]
pub enum Niveau {
    Regions,
    Departements,
    Epcis,
    Communes,
}

/// Loads into the request's [`TerritoireLoader`], before a list of objects resolves, the territories of
/// `codes` (of the `niveau` that `champ` returns) and, level by level, what the query asks below them: each
/// level then costs one statement whatever the number of rows, where the rows' own loads would be split into
/// batches by timing. The resolvers then read from the loader's cache.
pub fn precharger<'a>(
    ctx: &'a Context<'_>,
    champ: Lookahead<'a>,
    niveau: Niveau,
    codes: Vec<String>,
) -> futures::future::BoxFuture<'a, async_graphql::Result<()>> {
    Box::pin(async move {
        if codes.is_empty() || !champ.exists() {
            return Ok(());
        }
        let loader = ctx.data::<DataLoader<TerritoireLoader, async_graphql::dataloader::HashMapCache>>()?;
        fn distincts<'c>(codes: impl Iterator<Item = &'c String>) -> Vec<String> {
            codes
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .cloned()
                .collect()
        }
        match niveau {
            Niveau::Regions => {
                loader
                    .load_many(codes.iter().cloned().map(RegionParCode))
                    .await
                    .graphql()?;
                let departements = champ.field("departements");
                if departements.exists() {
                    let listes = loader
                        .load_many(codes.into_iter().map(DepartementsDeRegion))
                        .await
                        .graphql()?;
                    let codes = distincts(listes.values().flatten().map(|d| &d.code));
                    precharger(ctx, departements, Niveau::Departements, codes).await?;
                }
            }
            Niveau::Departements => {
                let trouves = loader
                    .load_many(codes.iter().cloned().map(DepartementParCode))
                    .await
                    .graphql()?;
                let regions = distincts(trouves.values().map(|d| &d.region_code));
                precharger(ctx, champ.field("region"), Niveau::Regions, regions).await?;
                let epcis = champ.field("epcis");
                if epcis.exists() {
                    let listes = loader
                        .load_many(codes.into_iter().map(EpcisDeDepartement))
                        .await
                        .graphql()?;
                    let codes = distincts(listes.values().flatten().map(|e| &e.code));
                    precharger(ctx, epcis, Niveau::Epcis, codes).await?;
                }
            }
            Niveau::Epcis => {
                loader
                    .load_many(codes.iter().cloned().map(EpciParCode))
                    .await
                    .graphql()?;
                let departements = champ.field("departements");
                if departements.exists() {
                    let listes = loader
                        .load_many(codes.iter().cloned().map(DepartementsDeEpci))
                        .await
                        .graphql()?;
                    let codes = distincts(listes.values().flatten().map(|d| &d.code));
                    precharger(ctx, departements, Niveau::Departements, codes).await?;
                }
                let communes = champ.field("communes");
                if communes.exists() {
                    let listes = loader
                        .load_many(codes.into_iter().map(CommunesDeEpci))
                        .await
                        .graphql()?;
                    let codes = distincts(listes.values().flatten().map(|c| &c.code));
                    precharger(ctx, communes, Niveau::Communes, codes).await?;
                }
            }
            Niveau::Communes => {
                let trouvees = loader
                    .load_many(codes.iter().cloned().map(CommuneParCode))
                    .await
                    .graphql()?;
                let departements = distincts(trouvees.values().map(|c| &c.departement_code));
                precharger(
                    ctx,
                    champ.field("departement"),
                    Niveau::Departements,
                    departements,
                )
                .await?;
                let regions = distincts(trouvees.values().map(|c| &c.region_code));
                precharger(ctx, champ.field("region"), Niveau::Regions, regions).await?;
                let epcis = distincts(trouvees.values().filter_map(|c| c.epci_code.as_ref()));
                precharger(ctx, champ.field("epci"), Niveau::Epcis, epcis).await?;
                if champ.field("codesPostaux").exists() {
                    loader
                        .load_many(codes.into_iter().map(CodesPostauxDeCommune))
                        .await
                        .graphql()?;
                }
            }
        }
        Ok(())
    })
}

/// A parent the referential guarantees (a commune's département): its absence is a server fault.
fn requis<T>(value: Option<T>, what: &str) -> async_graphql::Result<T> {
    value.ok_or_else(|| AppError::Internal(anyhow::anyhow!("{what} introuvable")).into_graphql())
}

#[ComplexObject]
impl Region {
    /// Its départements, by code.
    #[graphql(directive = autorise::apply("public".into()), complexity = "20 * child_complexity")]
    async fn departements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Departement>> {
        charger_liste(ctx, DepartementsDeRegion(self.code.clone())).await
    }
}

#[ComplexObject]
impl Departement {
    #[graphql(directive = autorise::apply("public".into()))]
    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Region> {
        requis(
            charger(ctx, RegionParCode(self.region_code.clone())).await?,
            "région",
        )
    }

    /// Its EPCI, by name; an EPCI spanning several départements is listed in each.
    #[graphql(directive = autorise::apply("public".into()), complexity = "60 * child_complexity")]
    async fn epcis(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Epci>> {
        charger_liste(ctx, EpcisDeDepartement(self.code.clone())).await
    }

    /// Whether it is one of the programme's 101 départements (metropolitan and DROM).
    async fn dans_le_programme(&self) -> bool {
        self.zone.dans_le_programme()
    }
}

#[ComplexObject]
impl Epci {
    /// The départements its member communes are in.
    #[graphql(directive = autorise::apply("public".into()), complexity = "5 * child_complexity")]
    async fn departements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Departement>> {
        charger_liste(ctx, DepartementsDeEpci(self.code.clone())).await
    }

    /// Its member communes, by name.
    #[graphql(directive = autorise::apply("public".into()), complexity = "150 * child_complexity")]
    async fn communes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Commune>> {
        charger_liste(ctx, CommunesDeEpci(self.code.clone())).await
    }

    /// The French name of its legal form.
    async fn libelle_nature(&self) -> &'static str {
        self.nature.libelle()
    }
}

#[ComplexObject]
impl Commune {
    #[graphql(directive = autorise::apply("public".into()))]
    async fn departement(&self, ctx: &Context<'_>) -> async_graphql::Result<Departement> {
        requis(
            charger(ctx, DepartementParCode(self.departement_code.clone())).await?,
            "département",
        )
    }

    #[graphql(directive = autorise::apply("public".into()))]
    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Region> {
        requis(
            charger(ctx, RegionParCode(self.region_code.clone())).await?,
            "région",
        )
    }

    /// Its EPCI; a few island communes belong to none.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn epci(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Epci>> {
        match &self.epci_code {
            Some(code) => charger(ctx, EpciParCode(code.clone())).await,
            None => Ok(None),
        }
    }

    async fn codes_postaux(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        charger_liste(ctx, CodesPostauxDeCommune(self.code.clone())).await
    }
}

/// Public queries over the territorial referential.
#[derive(Default)]
pub struct TerritoireQuery;

#[Object]
impl TerritoireQuery {
    /// The régions, by name: the 18 of metropolitan France and the DROM, plus the overseas
    /// collectivités when asked.
    #[graphql(directive = autorise::apply("public".into()), complexity = "30 * child_complexity")]
    async fn regions(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] inclure_collectivites_outre_mer: bool,
    ) -> async_graphql::Result<Vec<Region>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = service::regions(db, inclure_collectivites_outre_mer)
            .await
            .graphql()?;
        Ok(rows.into_iter().map(Region::from).collect())
    }

    /// A région by INSEE code; `null` when unknown.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn region(&self, ctx: &Context<'_>, code: String) -> async_graphql::Result<Option<Region>> {
        let code = CodeRegion::parse(&code).graphql()?;
        charger(ctx, RegionParCode(code.as_str().to_owned())).await
    }

    /// The départements, by code: the programme's 101, plus the overseas collectivités when asked.
    #[graphql(directive = autorise::apply("public".into()), complexity = "110 * child_complexity")]
    async fn departements(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] inclure_collectivites_outre_mer: bool,
    ) -> async_graphql::Result<Vec<Departement>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = service::departements(db, inclure_collectivites_outre_mer)
            .await
            .graphql()?;
        if ctx.look_ahead().field("region").exists() {
            // Every région at once: the 101 rows then never depend on how a loader's batches fall.
            let regions = service::regions(db, true).await.graphql()?;
            ctx.data::<DataLoader<TerritoireLoader, async_graphql::dataloader::HashMapCache>>()?
                .feed_many(regions.into_iter().map(|r| (RegionParCode(r.code.clone()), r)))
                .await;
        }
        Ok(rows.into_iter().map(Departement::from).collect())
    }

    /// A département by INSEE code (29, 2A, 974); `null` when unknown.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn departement(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> async_graphql::Result<Option<Departement>> {
        let code = CodeDepartement::parse(&code).graphql()?;
        charger(ctx, DepartementParCode(code.as_str().to_owned())).await
    }

    /// An EPCI by SIREN; `null` when unknown.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn epci(&self, ctx: &Context<'_>, code: String) -> async_graphql::Result<Option<Epci>> {
        let code = SirenEpci::parse(&code).graphql()?;
        charger(ctx, EpciParCode(code.as_str().to_owned())).await
    }

    /// A commune by INSEE code; `null` when unknown.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn commune(&self, ctx: &Context<'_>, code: String) -> async_graphql::Result<Option<Commune>> {
        let code = CodeCommune::parse(&code).graphql()?;
        charger(ctx, CommuneParCode(code.as_str().to_owned())).await
    }

    /// Suggestions as a person types: a name (accents and case ignored), an INSEE code, a SIREN, a
    /// postal code or a département code. At most `premiers` (1 to 50) results, best first.
    #[graphql(directive = autorise::apply("public".into()), complexity = "premiers.max(1) as usize * child_complexity")]
    async fn recherche_territoires(
        &self,
        ctx: &Context<'_>,
        texte: String,
        #[graphql(default = 10)] premiers: i32,
    ) -> async_graphql::Result<Vec<ResultatRecherche>> {
        if !(1..=MAX_SUGGESTIONS).contains(&premiers) {
            return Err(AppError::InvalidInput(format!(
                "premiers doit être compris entre 1 et {MAX_SUGGESTIONS}"
            ))
            .into_graphql());
        }
        if texte.chars().count() > MAX_TEXTE {
            return Err(
                AppError::InvalidInput(format!("le texte recherché dépasse {MAX_TEXTE} caractères"))
                    .into_graphql(),
            );
        }
        let Some(query) = SearchQuery::analyser(&texte) else {
            return Ok(Vec::new());
        };
        let db = ctx.data::<DatabaseConnection>()?;
        let trouvailles = service::rechercher(db, &query, premiers as usize)
            .await
            .graphql()?;
        Ok(trouvailles.into_iter().map(ResultatRecherche::from).collect())
    }
}
