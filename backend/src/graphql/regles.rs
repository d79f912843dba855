//! Who may call each field, declared on the field itself and printed in the schema:
//! `@acces(regle: "PREFECTURE SGAR HUB ANCT")` (the active roles allowed), `"connecte"` (any authenticated
//! caller) or `"public"` (anyone), followed by `jeton` where a third party's département API token may read
//! it too (a token reads what is `public`, and what says `jeton`, nothing else), and by
//! `avant_verification` where a person who has not yet opened the link sent to their address may call it
//! (their own account and profile: nothing else until the address is proven). One extension enforces the
//! declaration on every field of every request, whatever the path that reaches it, so a nested field cannot
//! give what its top-level twin refuses.
//!
//! Refused, a field of `Query` or `Mutation` is an error (`UNAUTHENTICATED` or `FORBIDDEN`); a nested field
//! is emptied instead, as the page shows it: `null` when it may be null, an empty list for a list (a
//! structure reads its candidature without the préfecture's avis). Which rows a caller may read (its own
//! structure, its département…) is the domain's rule, checked by the service the resolver calls.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo};
use async_graphql::registry::MetaType;
use async_graphql::{Pos, ServerResult, TypeDirective, Value};
use maillage_shared::role::Role;

use crate::compte::acteur::Appelant;
use crate::error::AppError;

/// Declares who may call a field: `#[graphql(directive = autorise::apply("ANCT".into()))]`, printed in the
/// schema as `@acces(regle: "ANCT")`.
#[TypeDirective(name = "acces", location = "FieldDefinition")]
pub fn autorise(regle: String) {}

/// The name of the directive in the schema.
pub const DIRECTIVE: &str = "acces";

/// Who a field's rule lets in, besides API tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Appelants {
    /// Anyone, without logging in.
    Public,
    /// Any authenticated caller, whatever its role.
    Connecte,
    /// An authenticated caller whose active role is one of these.
    Roles(Vec<Role>),
}

/// A field's rule, as declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regle {
    pub appelants: Appelants,
    /// A département API token (which acts with the préfecture's role over its département) may read it.
    pub jetons: bool,
    /// A person whose address is not verified yet may call it (their own account and profile).
    pub avant_verification: bool,
}

impl Regle {
    /// Reads a declaration: `public`, `connecte`, or role names separated by spaces, then `jeton` where API
    /// tokens may read the field, then `avant_verification` where an unverified address may call it.
    pub fn lire(texte: &str) -> Option<Self> {
        let mut mots: Vec<&str> = texte.split_whitespace().collect();
        let avant_verification = mots.last() == Some(&"avant_verification");
        if avant_verification {
            mots.pop();
        }
        let jetons = mots.last() == Some(&"jeton");
        if jetons {
            mots.pop();
        }
        let appelants = match mots.as_slice() {
            ["public"] => Appelants::Public,
            ["connecte"] => Appelants::Connecte,
            [] => return None,
            roles => Appelants::Roles(
                roles
                    .iter()
                    .map(|role| Role::parse(role))
                    .collect::<Option<Vec<_>>>()?,
            ),
        };
        Some(Self {
            appelants,
            jetons,
            avant_verification,
        })
    }

    /// Whether `appelant` may call the field; otherwise why not.
    pub fn verifier(&self, appelant: &Appelant) -> Result<(), AppError> {
        if self.appelants == Appelants::Public {
            return Ok(());
        }
        let acteur = appelant.acteur()?;
        if acteur.jeton_api.is_some() && !self.jetons {
            return Err(AppError::Interdit(
                "Un jeton d’API ne donne pas accès à cette donnée (voir SECURITY.md).".to_owned(),
            ));
        }
        if !acteur.adresse_verifiee && !self.avant_verification {
            return Err(AppError::AdresseNonVerifiee);
        }
        match &self.appelants {
            Appelants::Public | Appelants::Connecte => Ok(()),
            Appelants::Roles(roles) => {
                let actif = acteur.role()?.role;
                if roles.contains(&actif) {
                    Ok(())
                } else {
                    Err(AppError::Interdit(format!(
                        "Réservé aux rôles : {}.",
                        roles
                            .iter()
                            .map(|role| role.libelle())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
        }
    }
}

/// The rule declared on `champ` of `type_parent`, as written (`None` when the field declares none).
fn declaree<'a>(ctx: &'a ExtensionContext<'_>, type_parent: &str, champ: &str) -> Option<&'a str> {
    let Some(MetaType::Object { fields, .. }) = ctx.schema_env.registry.types.get(type_parent) else {
        return None;
    };
    let invocation = fields
        .get(champ)?
        .directive_invocations
        .iter()
        .find(|invocation| invocation.name == DIRECTIVE)?;
    match invocation.args.get("regle") {
        Some(Value::String(regle)) => Some(regle.as_str()),
        _ => None,
    }
}

/// Enforces the declared rules (see the module's documentation).
pub struct ControleAcces;

impl ExtensionFactory for ControleAcces {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ControleAcces)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for ControleAcces {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.is_for_introspection {
            return next.run(ctx, info).await;
        }
        let Some(texte) = declaree(ctx, info.parent_type, info.name) else {
            return next.run(ctx, info).await;
        };
        // A misspelt declaration refuses everything rather than opening the field (the schema test reads
        // every declaration too).
        let verdict = match Regle::lire(texte) {
            Some(regle) => {
                static ANONYME: Appelant = Appelant(None);
                regle.verifier(ctx.data_opt::<Appelant>().unwrap_or(&ANONYME))
            }
            None => Err(AppError::Internal(anyhow::anyhow!(
                "règle d’accès illisible : {texte}"
            ))),
        };
        match verdict {
            Ok(()) => next.run(ctx, info).await,
            Err(_)
                if !matches!(info.parent_type, "Query" | "Mutation") && info.return_type.starts_with('[') =>
            {
                Ok(Some(Value::List(Vec::new())))
            }
            Err(_)
                if !matches!(info.parent_type, "Query" | "Mutation") && !info.return_type.ends_with('!') =>
            {
                Ok(Some(Value::Null))
            }
            Err(refus) => Err(refus.into_graphql().into_server_error(Pos::default())),
        }
    }
}
