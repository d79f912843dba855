//! Activity reports (CRA: compte rendu d'activité) of conseillers numériques: what one accompaniment is.

use serde::{Deserialize, Serialize};

/// Individual or collective accompaniment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TypeAccompagnement {
    Individuel,
    Collectif,
}

impl TypeAccompagnement {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Individuel => "INDIVIDUEL",
            Self::Collectif => "COLLECTIF",
        }
    }

    /// How it reads in the forms and the statistics.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Individuel => "Accompagnement individuel",
            Self::Collectif => "Atelier collectif",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Individuel, Self::Collectif]
            .into_iter()
            .find(|t| t.as_str() == value)
    }
}

/// Where the accompaniment took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Canal {
    /// In a lieu de permanence of the conseiller.
    LieuDePermanence,
    /// At the person's home.
    Domicile,
    /// By phone or video.
    ADistance,
    /// Elsewhere (partner's premises, event…).
    AutreLieu,
}

impl Canal {
    /// Every canal.
    pub const ALL: [Canal; 4] = [
        Self::LieuDePermanence,
        Self::Domicile,
        Self::ADistance,
        Self::AutreLieu,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LieuDePermanence => "LIEU_DE_PERMANENCE",
            Self::Domicile => "DOMICILE",
            Self::ADistance => "A_DISTANCE",
            Self::AutreLieu => "AUTRE_LIEU",
        }
    }

    /// How it reads in the forms and the statistics.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::LieuDePermanence => "Dans un lieu de permanence",
            Self::Domicile => "Au domicile de la personne",
            Self::ADistance => "À distance (téléphone, visio)",
            Self::AutreLieu => "Dans un autre lieu",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|canal| canal.as_str() == value)
    }
}

/// Declares a closed list of an activity report, stored by name, with its French labels (the Coop's
/// values and words, so a report moved between the two tools means the same thing).
macro_rules! liste_fermee {
    ($(#[$doc:meta])* $nom:ident { $($(#[$vdoc:meta])* $variante:ident => ($stocke:literal, $libelle:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(async_graphql::Enum))]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $nom {
            $($(#[$vdoc])* $variante),+
        }

        impl $nom {
            /// Every value, in the order the forms list them.
            pub const ALL: [$nom; [$(stringify!($variante)),+].len()] = [$($nom::$variante),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($nom::$variante => $stocke),+
                }
            }

            /// How it reads in the forms and the statistics.
            pub fn libelle(self) -> &'static str {
                match self {
                    $($nom::$variante => $libelle),+
                }
            }

            /// Reads the stored name back.
            pub fn parse(valeur: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.as_str() == valeur)
            }
        }
    };
}

pub(crate) use liste_fermee;

liste_fermee! {
    /// Material used during an accompaniment.
    Materiel {
        Ordinateur => ("ordinateur", "Ordinateur"),
        Telephone => ("telephone", "Téléphone"),
        Tablette => ("tablette", "Tablette"),
        Autre => ("autre", "Autre matériel"),
        Aucun => ("aucun", "Pas de matériel"),
    }
}

liste_fermee! {
    /// How autonomous the person was at the end of an individual accompaniment.
    Autonomie {
        EntierementAccompagne => ("entierement_accompagne", "Avec guidage"),
        PartiellementAutonome => ("partiellement_autonome", "Autonome avec guidage en cas de besoin"),
        Autonome => ("autonome", "Autonome"),
    }
}

liste_fermee! {
    /// The kind of structure a person was directed to after an individual accompaniment.
    Orientation {
        Administration => ("administration", "Administration (mairie, préfecture…)"),
        MediationNumerique => ("mediation_numerique", "Autre structure de médiation numérique"),
        OperateurOuOrganismeEnCharge => ("operateur_ou_organisme_en_charge", "Opérateur ou organisme en charge de la démarche"),
        AideSociale => ("aide_sociale", "Aide sociale (maison des solidarités, centre social…)"),
        InsertionProfessionnelle => ("insertion_professionnelle", "Insertion professionnelle (France Travail, mission locale…)"),
        AideAuxDemarchesAdministratives => ("aide_aux_demarches_administratives", "Aide aux démarches administratives (France Services…)"),
        Autre => ("autre", "Autre structure"),
    }
}

/// A person followed across accompaniments, named because they agreed to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeneficiaireNomme<'a> {
    pub prenom: &'a str,
    pub nom: &'a str,
    pub annee_naissance: Option<i32>,
    /// The person agreed to be named and followed.
    pub consentement: bool,
}

/// Longest first or last name of a beneficiary.
pub const NOM_MAX: usize = 100;

/// Checks a named beneficiary recorded in `annee`; returns what is wrong, in French.
pub fn verifier_beneficiaire(beneficiaire: &BeneficiaireNomme<'_>, annee: i32) -> Vec<String> {
    let mut problemes = Vec::new();
    if !beneficiaire.consentement {
        problemes.push(
            "une personne n’est nommée qu’avec son accord : cochez son consentement ou laissez l’accompagnement anonyme"
                .to_owned(),
        );
    }
    for (champ, valeur) in [("prénom", beneficiaire.prenom), ("nom", beneficiaire.nom)] {
        let longueur = valeur.trim().chars().count();
        if longueur == 0 {
            problemes.push(format!("le {champ} de la personne est attendu"));
        } else if longueur > NOM_MAX {
            problemes.push(format!("le {champ} de la personne dépasse {NOM_MAX} caractères"));
        }
    }
    if let Some(naissance) = beneficiaire.annee_naissance
        && !(annee - 120..=annee).contains(&naissance)
    {
        problemes.push(format!("l’année de naissance {naissance} n’est pas plausible"));
    }
    problemes
}

/// What two beneficiaries of one conseiller share when they are probably the same person, proposed for
/// merging: their names without case, accents or punctuation, first and last in either order.
pub fn cle_de_doublon(prenom: &str, nom: &str) -> String {
    let mut noms = [
        crate::territoire::cle_recherche(prenom),
        crate::territoire::cle_recherche(nom),
    ];
    noms.sort();
    noms.join(" ")
}

/// Themes of an accompaniment: the services of the lieux standard, which conseillers already use to
/// describe what they offer, so a lieu's offer and its activity read in the same words.
pub const THEMES: [&str; 9] = crate::lieu::SERVICES;

/// The duration bands the statistics count accompaniments in: (stored key, French label, first minute).
pub const TRANCHES_DE_DUREE: [(&str, &str, i32); 4] = [
    ("0-29", "Moins de 30 min", 0),
    ("30-59", "De 30 min à 1 h", 30),
    ("60-119", "De 1 h à 2 h", 60),
    ("120+", "2 h et plus", 120),
];

/// The key of the duration band of an accompaniment of `minutes`.
pub fn tranche_de_duree(minutes: i32) -> &'static str {
    TRANCHES_DE_DUREE
        .iter()
        .rev()
        .find(|(_, _, debut)| minutes >= *debut)
        .map_or(TRANCHES_DE_DUREE[0].0, |(cle, _, _)| cle)
}

/// A figure about fewer people than this is shown as "< 5" to anyone but their coordinator and employer:
/// so small a group could be recognised.
pub const SEUIL_DE_DIFFUSION: i64 = 5;

/// Longest accompaniment recorded, in minutes (a full day).
pub const DUREE_MAX_MINUTES: i32 = 8 * 60;
/// Most participants of a collective session.
pub const PARTICIPANTS_MAX: i32 = 200;

/// What only an individual accompaniment records: the autonomy reached, the orientation, a named person.
pub fn verifier_suivi_individuel(
    type_accompagnement: TypeAccompagnement,
    autonomie: Option<Autonomie>,
    orientation: Option<Orientation>,
    beneficiaire_nomme: bool,
    materiel: &[Materiel],
) -> Vec<String> {
    let mut problemes = Vec::new();
    if type_accompagnement == TypeAccompagnement::Collectif {
        if autonomie.is_some() {
            problemes.push("l’autonomie se note pour un accompagnement individuel".to_owned());
        }
        if orientation.is_some() {
            problemes.push("l’orientation se note pour un accompagnement individuel".to_owned());
        }
        if beneficiaire_nomme {
            problemes.push("une personne suivie se rattache à un accompagnement individuel".to_owned());
        }
    }
    if materiel.contains(&Materiel::Aucun) && materiel.len() > 1 {
        problemes.push("« Pas de matériel » exclut les autres matériels".to_owned());
    }
    problemes
}

/// Checks an accompaniment; returns what is wrong, in French.
pub fn verifier(
    type_accompagnement: TypeAccompagnement,
    themes: &[&str],
    duree_minutes: i32,
    participants: i32,
) -> Vec<String> {
    let mut problemes = Vec::new();
    if themes.is_empty() {
        problemes.push("au moins un thème est attendu".to_owned());
    }
    for theme in themes {
        if !THEMES.contains(theme) {
            problemes.push(format!("thème inconnu : « {theme} »"));
        }
    }
    if !(1..=DUREE_MAX_MINUTES).contains(&duree_minutes) {
        problemes.push(format!(
            "la durée doit être comprise entre 1 et {DUREE_MAX_MINUTES} minutes"
        ));
    }
    let participants_valides = match type_accompagnement {
        TypeAccompagnement::Individuel => participants == 1,
        TypeAccompagnement::Collectif => (2..=PARTICIPANTS_MAX).contains(&participants),
    };
    if !participants_valides {
        problemes.push(match type_accompagnement {
            TypeAccompagnement::Individuel => "un accompagnement individuel compte un participant".to_owned(),
            TypeAccompagnement::Collectif => {
                format!("un atelier collectif compte de 2 à {PARTICIPANTS_MAX} participants")
            }
        });
    }
    problemes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_individual_has_one_participant_collective_two_or_more() {
        assert!(verifier(TypeAccompagnement::Individuel, &[THEMES[1]], 45, 1).is_empty());
        assert!(verifier(TypeAccompagnement::Collectif, &[THEMES[2]], 90, 8).is_empty());
        assert_eq!(
            verifier(TypeAccompagnement::Individuel, &[THEMES[1]], 45, 3).len(),
            1
        );
        assert_eq!(
            verifier(TypeAccompagnement::Collectif, &[THEMES[1]], 45, 1).len(),
            1
        );
    }

    #[test]
    fn activity_autonomy_orientation_and_a_named_person_belong_to_individual_accompaniments() {
        assert!(
            verifier_suivi_individuel(
                TypeAccompagnement::Individuel,
                Some(Autonomie::Autonome),
                Some(Orientation::AideSociale),
                true,
                &[Materiel::Telephone, Materiel::Ordinateur],
            )
            .is_empty()
        );
        assert_eq!(
            verifier_suivi_individuel(
                TypeAccompagnement::Collectif,
                Some(Autonomie::Autonome),
                Some(Orientation::Autre),
                true,
                &[],
            )
            .len(),
            3
        );
        assert_eq!(
            verifier_suivi_individuel(
                TypeAccompagnement::Individuel,
                None,
                None,
                false,
                &[Materiel::Aucun, Materiel::Tablette],
            )
            .len(),
            1
        );
        for materiel in Materiel::ALL {
            assert_eq!(Materiel::parse(materiel.as_str()), Some(materiel));
        }
        for orientation in Orientation::ALL {
            assert_eq!(Orientation::parse(orientation.as_str()), Some(orientation));
        }
    }

    #[test]
    fn activity_beneficiary_is_named_only_with_consent() {
        let nomme = BeneficiaireNomme {
            prenom: "Rose",
            nom: "Le Goff",
            annee_naissance: Some(1950),
            consentement: true,
        };
        assert!(verifier_beneficiaire(&nomme, 2026).is_empty());
        let sans_accord = BeneficiaireNomme {
            consentement: false,
            ..nomme.clone()
        };
        assert_eq!(verifier_beneficiaire(&sans_accord, 2026).len(), 1);
        let sans_nom = BeneficiaireNomme {
            nom: "  ",
            annee_naissance: Some(1850),
            ..nomme
        };
        assert_eq!(verifier_beneficiaire(&sans_nom, 2026).len(), 2);
    }

    #[test]
    fn activity_beneficiary_duplicates_share_their_names_whatever_the_case_accents_and_order() {
        assert_eq!(
            cle_de_doublon("Hélène", "Le Goff"),
            cle_de_doublon("HELENE", "le-goff")
        );
        assert_eq!(
            cle_de_doublon("Hélène", "Le Goff"),
            cle_de_doublon("Le Goff", "Hélène")
        );
        assert_ne!(
            cle_de_doublon("Hélène", "Le Goff"),
            cle_de_doublon("Hélène", "Le Gall")
        );
    }

    #[test]
    fn activity_durations_fall_in_one_band_each() {
        assert_eq!(tranche_de_duree(1), "0-29");
        assert_eq!(tranche_de_duree(29), "0-29");
        assert_eq!(tranche_de_duree(30), "30-59");
        assert_eq!(tranche_de_duree(90), "60-119");
        assert_eq!(tranche_de_duree(120), "120+");
        assert_eq!(tranche_de_duree(DUREE_MAX_MINUTES), "120+");
    }

    #[test]
    fn activity_needs_known_themes_and_a_sensible_duration() {
        assert_eq!(verifier(TypeAccompagnement::Individuel, &[], 45, 1).len(), 1);
        assert_eq!(
            verifier(TypeAccompagnement::Individuel, &["Cuisine"], 45, 1).len(),
            1
        );
        assert_eq!(
            verifier(TypeAccompagnement::Individuel, &[THEMES[0]], 0, 1).len(),
            1
        );
        assert_eq!(
            verifier(TypeAccompagnement::Individuel, &[THEMES[0]], 9 * 60, 1).len(),
            1
        );
        for canal in Canal::ALL {
            assert_eq!(Canal::parse(canal.as_str()), Some(canal));
        }
    }
}
