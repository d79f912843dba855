//! Bounds on what one GraphQL request may ask, checked right after parsing, before any resolver runs: the
//! engine's own limits cover depth, complexity, recursion and directives; this adds aliases (an alias
//! flood asks the same costly field hundreds of times under different names, which complexity alone
//! prices per field but a client can still tile up to the limit in one request).

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, ServerError, ServerResult, Variables};
use maillage_shared::ErrorCode;

/// Refuses documents with more than `max_aliases` aliased fields.
pub struct LimiteAlias {
    pub max_aliases: usize,
}

impl ExtensionFactory for LimiteAlias {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LimiteAliasExtension {
            max_aliases: self.max_aliases,
        })
    }
}

struct LimiteAliasExtension {
    max_aliases: usize,
}

/// Aliases in a selection set and its nested ones (fragment definitions are counted once, on their own).
fn aliases(selection: &SelectionSet) -> usize {
    selection
        .items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some()) + aliases(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => aliases(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

/// Aliases of a whole document: every operation and every fragment.
pub fn aliases_du_document(document: &ExecutableDocument) -> usize {
    let operations: usize = document
        .operations
        .iter()
        .map(|(_, operation)| aliases(&operation.node.selection_set.node))
        .sum();
    let fragments: usize = document
        .fragments
        .values()
        .map(|fragment| aliases(&fragment.node.selection_set.node))
        .sum();
    operations + fragments
}

#[async_graphql::async_trait::async_trait]
impl Extension for LimiteAliasExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let nombre = aliases_du_document(&document);
        if nombre > self.max_aliases {
            let mut erreur = ServerError::new(
                format!(
                    "Requête refusée : {nombre} alias, au plus {} par requête.",
                    self.max_aliases
                ),
                None,
            );
            let mut extensions = ErrorExtensionValues::default();
            extensions.set("code", ErrorCode::LimitExceeded.as_str());
            erreur.extensions = Some(extensions);
            return Err(erreur);
        }
        Ok(document)
    }
}
