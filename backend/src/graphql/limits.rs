//! Bounds on what one GraphQL request may ask, checked right after parsing, before any resolver runs: the
//! engine's own limits cover complexity, recursion and directives; this adds aliases (an alias flood asks
//! the same costly field hundreds of times under different names, which complexity alone prices per field
//! but a client can still tile up to the limit in one request) and depth. Depth is ours rather than the
//! engine's so that the schema's introspection (`__schema`, `__type`) counts as one level: the standard
//! introspection query of GraphiQL, Altair, Apollo or graphql-core goes thirteen levels down its type
//! references, which the engine's depth limit refused, while the parser's recursion limit still bounds it.
//! Both are counted with the fragments expanded where they are spread, since that is what runs.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Field, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, ServerError, ServerResult, Variables};
use maillage_shared::ErrorCode;

/// Refuses documents with more than `max_aliases` aliased fields or deeper than `max_depth` levels.
pub struct LimitesDeRequete {
    pub max_aliases: usize,
    pub max_depth: usize,
}

impl ExtensionFactory for LimitesDeRequete {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LimitesDeRequeteExtension {
            max_aliases: self.max_aliases,
            max_depth: self.max_depth,
        })
    }
}

struct LimitesDeRequeteExtension {
    max_aliases: usize,
    max_depth: usize,
}

/// A refusal with its stable code.
fn refus(message: String) -> ServerError {
    let mut erreur = ServerError::new(message, None);
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", ErrorCode::LimitExceeded.as_str());
    erreur.extensions = Some(extensions);
    erreur
}

/// A count over a selection set: what a field adds given the count of its own selection, and how siblings
/// combine.
struct Mesure {
    champ: fn(&Field, usize) -> usize,
    reunir: fn(usize, usize) -> usize,
}

/// Aliases: each aliased field, the whole document summed (a fragment of ten aliases spread nine times
/// counts ninety).
const ALIAS: Mesure = Mesure {
    champ: |champ, dessous| usize::from(champ.alias.is_some()).saturating_add(dessous),
    reunir: usize::saturating_add,
};

/// Depth: the deepest field, an introspection field (`__schema`, `__type`) counting as one level.
const PROFONDEUR: Mesure = Mesure {
    champ: |champ, dessous| match champ.name.node.as_str() {
        "__schema" | "__type" => 1,
        _ => dessous.saturating_add(1),
    },
    reunir: usize::max,
};

/// `mesure` of a selection set with its fragment spreads expanded in place, as the engine will run them.
/// `memoire` keeps each fragment's expanded count (so a document costs one walk of each fragment),
/// `en_cours` the fragments being counted (a circle of fragments, which validation refuses afterwards, adds
/// nothing here). Counts saturate rather than overflow.
fn mesurer<'a>(
    mesure: &Mesure,
    selection: &'a SelectionSet,
    document: &'a ExecutableDocument,
    memoire: &mut HashMap<&'a str, usize>,
    en_cours: &mut HashSet<&'a str>,
) -> usize {
    selection.items.iter().fold(0usize, |total, item| {
        let nombre = match &item.node {
            Selection::Field(champ) => {
                let dessous = mesurer(
                    mesure,
                    &champ.node.selection_set.node,
                    document,
                    memoire,
                    en_cours,
                );
                (mesure.champ)(&champ.node, dessous)
            }
            Selection::InlineFragment(fragment) => mesurer(
                mesure,
                &fragment.node.selection_set.node,
                document,
                memoire,
                en_cours,
            ),
            Selection::FragmentSpread(spread) => {
                let nom = spread.node.fragment_name.node.as_str();
                match (
                    memoire.get(nom),
                    document.fragments.get(&spread.node.fragment_name.node),
                ) {
                    (Some(nombre), _) => *nombre,
                    (None, Some(fragment)) if en_cours.insert(nom) => {
                        let nombre = mesurer(
                            mesure,
                            &fragment.node.selection_set.node,
                            document,
                            memoire,
                            en_cours,
                        );
                        en_cours.remove(nom);
                        memoire.insert(nom, nombre);
                        nombre
                    }
                    _ => 0,
                }
            }
        };
        (mesure.reunir)(total, nombre)
    })
}

/// `mesure` of a whole document, its fragments expanded where they are spread.
fn mesurer_le_document(mesure: &Mesure, document: &ExecutableDocument) -> usize {
    let mut memoire = HashMap::new();
    let mut en_cours = HashSet::new();
    document.operations.iter().fold(0usize, |total, (_, operation)| {
        let nombre = mesurer(
            mesure,
            &operation.node.selection_set.node,
            document,
            &mut memoire,
            &mut en_cours,
        );
        (mesure.reunir)(total, nombre)
    })
}

/// Aliases of a whole document, its fragments expanded where they are spread.
pub fn aliases_du_document(document: &ExecutableDocument) -> usize {
    mesurer_le_document(&ALIAS, document)
}

/// The deepest operation of a document, its fragments expanded, introspection counting as one level.
pub fn profondeur_du_document(document: &ExecutableDocument) -> usize {
    mesurer_le_document(&PROFONDEUR, document)
}

#[async_graphql::async_trait::async_trait]
impl Extension for LimitesDeRequeteExtension {
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
            return Err(refus(format!(
                "Requête refusée : {nombre} alias, au plus {} par requête.",
                self.max_aliases
            )));
        }
        let niveaux = profondeur_du_document(&document);
        if niveaux > self.max_depth {
            return Err(refus(format!(
                "Requête refusée : {niveaux} niveaux d’imbrication, au plus {} (l’introspection du schéma compte \
                 pour un).",
                self.max_depth
            )));
        }
        Ok(document)
    }
}
