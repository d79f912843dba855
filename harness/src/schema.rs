//! The schema the server prints, as the generated tests walk it: the object types with their fields,
//! arguments and declared rules, the input types and the enums; the selection of everything below a
//! field; and a plausible GraphQL literal for any argument. The tests that must cover every field (tenant
//! isolation, no N+1) are generated from it, so a new field is tested without anyone listing it.

use std::collections::{BTreeMap, BTreeSet};

use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};

/// How many lists a generated selection goes through on one path: a list of lists of lists (régions,
/// départements, EPCI, communes) adds rows, not fields, and each of its fields is reached elsewhere with
/// fewer lists (the test that uses [`Schema::hors_des_selections`] says so).
pub const LISTES_IMBRIQUEES: usize = 2;

/// A field of an object type.
#[derive(Debug, Clone)]
pub struct Champ {
    pub nom: String,
    pub arguments: Vec<Argument>,
    /// The named type it returns (the element's type for a list).
    pub rendu: String,
    pub liste: bool,
    /// Its `@acces(regle: …)` as written.
    pub regle: Option<String>,
}

/// An argument of a field, or a field of an input type.
#[derive(Debug, Clone)]
pub struct Argument {
    pub nom: String,
    /// The named type (the element's type for a list).
    pub type_nom: String,
    pub liste: bool,
    /// Non-null without a default: the caller must give it.
    pub requis: bool,
}

#[derive(Debug, Clone)]
enum Definition {
    Objet(Vec<Champ>),
    Entree(Vec<Argument>),
    Enum(Vec<String>),
    Autre,
}

/// The schema's types by name.
#[derive(Debug, Clone)]
pub struct Schema {
    types: BTreeMap<String, Definition>,
}

fn nom_et_liste(ty: &Type) -> (String, bool) {
    let mut base = &ty.base;
    let mut liste = false;
    while let BaseType::List(element) = base {
        liste = true;
        base = &element.base;
    }
    match base {
        BaseType::Named(nom) => (nom.to_string(), liste),
        BaseType::List(_) => unreachable!("unwrapped above"),
    }
}

fn argument(valeur: &async_graphql::parser::types::InputValueDefinition) -> Argument {
    let (type_nom, liste) = nom_et_liste(&valeur.ty.node);
    Argument {
        nom: valeur.name.node.to_string(),
        type_nom,
        liste,
        requis: !valeur.ty.node.nullable && valeur.default_value.is_none(),
    }
}

impl Schema {
    /// The schema of this build of the server.
    pub fn du_serveur() -> Self {
        Self::lire(&maillage::graphql::sdl())
    }

    /// Reads a schema in SDL.
    pub fn lire(sdl: &str) -> Self {
        let document = async_graphql::parser::parse_schema(sdl).expect("schéma lisible");
        let mut types = BTreeMap::new();
        for definition in document.definitions {
            let TypeSystemDefinition::Type(definition) = definition else {
                continue;
            };
            let definition = definition.node;
            let decrit = match &definition.kind {
                TypeKind::Object(objet) => Definition::Objet(
                    objet
                        .fields
                        .iter()
                        .map(|champ| {
                            let champ = &champ.node;
                            let (rendu, liste) = nom_et_liste(&champ.ty.node);
                            let regle = champ
                                .directives
                                .iter()
                                .find(|d| d.node.name.node == maillage::graphql::regles::DIRECTIVE)
                                .and_then(|d| {
                                    d.node.arguments.iter().find_map(|(argument, valeur)| {
                                        match &valeur.node {
                                            async_graphql::Value::String(regle)
                                                if argument.node == "regle" =>
                                            {
                                                Some(regle.clone())
                                            }
                                            _ => None,
                                        }
                                    })
                                });
                            Champ {
                                nom: champ.name.node.to_string(),
                                arguments: champ.arguments.iter().map(|a| argument(&a.node)).collect(),
                                rendu,
                                liste,
                                regle,
                            }
                        })
                        .collect(),
                ),
                TypeKind::InputObject(entree) => {
                    Definition::Entree(entree.fields.iter().map(|a| argument(&a.node)).collect())
                }
                TypeKind::Enum(valeurs) => Definition::Enum(
                    valeurs
                        .values
                        .iter()
                        .map(|v| v.node.value.node.to_string())
                        .collect(),
                ),
                _ => Definition::Autre,
            };
            types.insert(definition.name.node.to_string(), decrit);
        }
        Self { types }
    }

    /// The fields of an object type (`Query`, `Mutation`, `Candidature`…).
    pub fn champs(&self, type_nom: &str) -> &[Champ] {
        match self.types.get(type_nom) {
            Some(Definition::Objet(champs)) => champs,
            _ => panic!("{type_nom} n’est pas un type objet du schéma"),
        }
    }

    /// Every object type with its fields, by name.
    pub fn objets(&self) -> impl Iterator<Item = (&str, &[Champ])> {
        self.types
            .iter()
            .filter_map(|(nom, definition)| match definition {
                Definition::Objet(champs) => Some((nom.as_str(), champs.as_slice())),
                _ => None,
            })
    }

    pub fn est_objet(&self, type_nom: &str) -> bool {
        matches!(self.types.get(type_nom), Some(Definition::Objet(_)))
    }

    /// Every field below an object of `type_nom`: its scalars, and its objects' fields down to
    /// `profondeur` levels, never through the same type twice on one path (a cycle would add nothing) nor
    /// through more than [`LISTES_IMBRIQUEES`] lists. Empty for a scalar.
    pub fn selection(&self, type_nom: &str, profondeur: usize) -> String {
        self.selection_sur(
            type_nom,
            profondeur,
            &mut vec![type_nom.to_owned()],
            0,
            &mut BTreeSet::new(),
        )
    }

    fn selection_sur(
        &self,
        type_nom: &str,
        profondeur: usize,
        chemin: &mut Vec<String>,
        listes: usize,
        couverts: &mut BTreeSet<String>,
    ) -> String {
        if !self.est_objet(type_nom) {
            return String::new();
        }
        let mut parties = Vec::new();
        for champ in self.champs(type_nom) {
            if champ.arguments.iter().any(|a| a.requis) {
                panic!(
                    "{type_nom}.{}: a nested field with a required argument needs a value here",
                    champ.nom
                );
            }
            let listes = listes + usize::from(champ.liste);
            if !self.est_objet(&champ.rendu) {
                couverts.insert(format!("{type_nom}.{}", champ.nom));
                parties.push(champ.nom.clone());
                continue;
            }
            if profondeur == 0 || chemin.contains(&champ.rendu) || listes > LISTES_IMBRIQUEES {
                continue;
            }
            chemin.push(champ.rendu.clone());
            let dessous = self.selection_sur(&champ.rendu, profondeur - 1, chemin, listes, couverts);
            chemin.pop();
            if !dessous.is_empty() {
                couverts.insert(format!("{type_nom}.{}", champ.nom));
                parties.push(format!("{} {{ {dessous} }}", champ.nom));
            }
        }
        parties.join(" ")
    }

    /// The fields (`Type.champ`) that the selections of every root query field leave out, though a query
    /// could reach them: what a test generated with these selections does not ask.
    pub fn hors_des_selections(&self, profondeur: usize) -> BTreeSet<String> {
        let mut couverts = BTreeSet::new();
        for champ in self.champs("Query") {
            couverts.insert(format!("Query.{}", champ.nom));
            self.selection_sur(
                &champ.rendu,
                profondeur,
                &mut vec![champ.rendu.clone()],
                usize::from(champ.liste),
                &mut couverts,
            );
        }
        let mut atteignables = BTreeSet::new();
        let mut a_voir = vec!["Query".to_owned()];
        let mut vus = BTreeSet::new();
        while let Some(type_nom) = a_voir.pop() {
            if !vus.insert(type_nom.clone()) {
                continue;
            }
            for champ in self.champs(&type_nom) {
                atteignables.insert(format!("{type_nom}.{}", champ.nom));
                if self.est_objet(&champ.rendu) {
                    a_voir.push(champ.rendu.clone());
                }
            }
        }
        atteignables.difference(&couverts).cloned().collect()
    }

    /// A plausible GraphQL literal of the type of `argument`: today for a date, the first value of an
    /// enum, every required field of an input type, a one-element list.
    pub fn litteral(&self, argument: &Argument, aujourd_hui: chrono::NaiveDate) -> String {
        let element = match argument.type_nom.as_str() {
            "String" => "\"Motif détaillé de la vérification\"".to_owned(),
            "Boolean" => "true".to_owned(),
            "Int" => "1".to_owned(),
            "Float" => "1.0".to_owned(),
            "ID" => "\"1\"".to_owned(),
            "NaiveDate" => format!("\"{aujourd_hui}\""),
            "DateTime" => format!("\"{aujourd_hui}T12:00:00Z\""),
            "JSON" => "{}".to_owned(),
            autre => match self.types.get(autre) {
                Some(Definition::Enum(valeurs)) => valeurs[0].clone(),
                Some(Definition::Entree(champs)) => format!(
                    "{{ {} }}",
                    champs
                        .iter()
                        .filter(|c| c.requis)
                        .map(|c| format!("{}: {}", c.nom, self.litteral(c, aujourd_hui)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => panic!("no literal for the type {autre}"),
            },
        };
        if argument.liste {
            format!("[{element}]")
        } else {
            element
        }
    }
}

impl Schema {
    /// The query of the root field `champ` with everything below it (down to `profondeur`), its arguments
    /// given by `valeur(field, argument)` (a GraphQL literal, `None` to leave an optional one out) or else
    /// by [`valeur_du_territoire`]. An argument that must be given and that neither knows fails the test.
    pub fn requete(
        &self,
        champ: &Champ,
        profondeur: usize,
        valeur: impl Fn(&str, &str) -> Option<String>,
    ) -> String {
        let arguments: Vec<String> = champ
            .arguments
            .iter()
            .filter_map(|argument| {
                let donnee = valeur(&champ.nom, &argument.nom)
                    .or_else(|| valeur_du_territoire(&champ.nom, &argument.nom));
                if donnee.is_none() && argument.requis {
                    panic!("Query.{}({}): say which value it takes", champ.nom, argument.nom);
                }
                donnee.map(|v| format!("{}: {v}", argument.nom))
            })
            .collect();
        let arguments = if arguments.is_empty() {
            String::new()
        } else {
            format!("({})", arguments.join(", "))
        };
        let selection = self.selection_sur(
            &champ.rendu,
            profondeur,
            &mut vec![champ.rendu.clone()],
            usize::from(champ.liste),
            &mut BTreeSet::new(),
        );
        let selection = if selection.is_empty() {
            String::new()
        } else {
            format!(" {{ {selection} }}")
        };
        format!("{{ {}{arguments}{selection} }}", champ.nom)
    }
}

/// The Finistère's values for the arguments that name a territory or a year, as literals: the
/// Bretagne, the 29, Brest Métropole, Brest; the current year; a search for « Brest »; a link's secret
/// nobody has (the secret is the permission itself); a simulation in the 29.
pub fn valeur_du_territoire(champ: &str, argument: &str) -> Option<String> {
    let annee = chrono::Datelike::year(&maillage_shared::jour::jour_en_metropole(chrono::Utc::now()));
    Some(match (champ, argument) {
        (_, "annee") => annee.to_string(),
        ("region", "code") | (_, "region") => "\"53\"".to_owned(),
        ("departement", "code") | (_, "departement") | ("gouvernance", "departementCode") => {
            "\"29\"".to_owned()
        }
        ("epci", "code") => format!("\"{}\"", crate::fixtures::BREST_METROPOLE),
        ("commune", "code") => "\"29019\"".to_owned(),
        (_, "texte") => "\"Brest\"".to_owned(),
        (_, "jeton") => "\"un-lien-qui-n-existe-pas\"".to_owned(),
        (_, "siret") => format!("\"{}\"", crate::registre::SIRET_BREST_METROPOLE),
        (_, "entree") => {
            "{ categorie: ASSOCIATION, statutPublic: false, contrat: CDI_DROIT_PRIVE, departement: \"29\" }"
                .to_owned()
        }
        _ => return None,
    })
}
