//! Bounds on what one GraphQL request may ask, checked right after parsing, before any resolver runs: the
//! engine's own limits cover depth, complexity, recursion and directives; this adds aliases (an alias
//! flood asks the same costly field hundreds of times under different names, which complexity alone
//! prices per field but a client can still tile up to the limit in one request). Aliases are counted with
//! the fragments expanded where they are spread, since that is what runs.

use std::collections::{HashMap, HashSet};
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

/// Aliases of a selection set with its fragment spreads expanded in place, as the engine will run them: a
/// fragment of ten aliases spread nine times counts ninety. `memoire` keeps each fragment's expanded count
/// (so a document costs one walk of each fragment), `en_cours` the fragments being counted (a circle of
/// fragments, which validation refuses afterwards, adds nothing here). Counts saturate rather than overflow.
fn aliases<'a>(
    selection: &'a SelectionSet,
    document: &'a ExecutableDocument,
    memoire: &mut HashMap<&'a str, usize>,
    en_cours: &mut HashSet<&'a str>,
) -> usize {
    selection.items.iter().fold(0usize, |total, item| {
        let nombre = match &item.node {
            Selection::Field(field) => usize::from(field.node.alias.is_some()).saturating_add(aliases(
                &field.node.selection_set.node,
                document,
                memoire,
                en_cours,
            )),
            Selection::InlineFragment(fragment) => {
                aliases(&fragment.node.selection_set.node, document, memoire, en_cours)
            }
            Selection::FragmentSpread(spread) => {
                let nom = spread.node.fragment_name.node.as_str();
                match (
                    memoire.get(nom),
                    document.fragments.get(&spread.node.fragment_name.node),
                ) {
                    (Some(nombre), _) => *nombre,
                    (None, Some(fragment)) if en_cours.insert(nom) => {
                        let nombre = aliases(&fragment.node.selection_set.node, document, memoire, en_cours);
                        en_cours.remove(nom);
                        memoire.insert(nom, nombre);
                        nombre
                    }
                    _ => 0,
                }
            }
        };
        total.saturating_add(nombre)
    })
}

/// Aliases of a whole document, its fragments expanded where they are spread.
pub fn aliases_du_document(document: &ExecutableDocument) -> usize {
    let mut memoire = HashMap::new();
    let mut en_cours = HashSet::new();
    document.operations.iter().fold(0usize, |total, (_, operation)| {
        total.saturating_add(aliases(
            &operation.node.selection_set.node,
            document,
            &mut memoire,
            &mut en_cours,
        ))
    })
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
