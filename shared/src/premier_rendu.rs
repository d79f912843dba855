//! The words a public page shows first: its title and lead paragraph. The server writes them into the page's
//! HTML (`http::premier_rendu` in the backend) so that they are read before the web app has loaded, and the
//! app draws the same words in the same place when it takes over: written once, here.

use crate::role::Role;

/// A page's title and lead paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chapeau {
    pub titre: &'static str,
    pub texte: &'static str,
}

/// `/`
pub const ACCUEIL: Chapeau = Chapeau {
    titre: "Maillage",
    texte: "La plateforme du programme Conseiller numérique coordinateur : les structures y candidatent pour \
            accueillir un poste de coordination, les préfectures y donnent leur avis, l’ANCT y décide, et les \
            coordinateurs y animent le réseau des conseillers numériques de leur territoire.",
};

/// `/carte`
pub const CARTE: Chapeau = Chapeau {
    titre: "Carte des départements",
    texte: "Les coordinateurs en poste, les candidatures et l’offre de médiation numérique de chaque \
            département. Choisissez l’indicateur ; chaque département mène à sa carte détaillée.",
};

/// The title of a département's map (`/carte/29`).
pub fn titre_carte_departement(nom: &str, code: &str) -> String {
    format!("{nom} ({code})")
}

/// The lead paragraph of a département's map, around the name of its région (a link to the région).
pub const CARTE_DEPARTEMENT: (&str, &str) = (
    "Lieux de médiation numérique, couverture par les coordinateurs et intercommunalités du département (",
    ").",
);

/// The title of the logged-in person's space (`/espace`).
pub const ESPACE: &str = "Mon espace";

/// The lead of the space of an agent acting as `role` over `portee` (the role and its territory, as the
/// header names them); `None` for the roles whose space is not about candidatures.
pub fn chapeau_instruction(role: Role, portee: &str) -> Option<String> {
    match role {
        // The préfecture gives its avis and ANCT decides; a SGAR or a hub follows the candidatures of its région.
        Role::Prefecture | Role::Anct => Some(format!("Candidatures à instruire — {portee}")),
        Role::Sgar | Role::Hub => Some(format!("Candidatures de votre territoire, à suivre — {portee}")),
        _ => None,
    }
}

/// What the space of a conseiller, a médiateur or a coordinator says its one tool is for.
pub fn explication_activite(role: Role) -> Option<&'static str> {
    match role {
        Role::Conseiller => {
            Some("Enregistrez chaque accompagnement le jour même : quelques clics suffisent.")
        }
        Role::Mediateur => Some(
            "Retrouvez les équipes des coordinateurs qui vous ont invité, et leurs journées de rencontre.",
        ),
        Role::Coordinateur => Some(
            "Suivez l’activité des conseillers numériques de votre périmètre et relancez ceux qui n’ont pas saisi \
             ce mois-ci.",
        ),
        _ => None,
    }
}

/// A role and its territory as the header names them: « Préfecture — Finistère (29) », « Hub territorial —
/// Bretagne ». `departement` and `region` are a code and the name found for it (`None`: not in the
/// referential).
pub fn libelle_du_role(
    role: &str,
    departement: Option<(&str, Option<&str>)>,
    region: Option<(&str, Option<&str>)>,
) -> String {
    match (departement, region) {
        (Some((code, Some(nom))), _) => format!("{role} — {nom} ({code})"),
        (Some((code, None)), _) => format!("{role} — département {code}"),
        (None, Some((_, Some(nom)))) => format!("{role} — {nom}"),
        (None, Some((code, None))) => format!("{role} — région {code}"),
        (None, None) => role.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_departements_map_is_titled_by_its_name_and_code() {
        assert_eq!(titre_carte_departement("Finistère", "29"), "Finistère (29)");
    }

    #[test]
    fn a_role_is_named_with_its_territory_or_its_code_when_the_referential_lacks_it() {
        assert_eq!(
            libelle_du_role("Préfecture", Some(("29", Some("Finistère"))), None),
            "Préfecture — Finistère (29)"
        );
        assert_eq!(
            libelle_du_role("Préfecture", Some(("2X", None)), None),
            "Préfecture — département 2X"
        );
        assert_eq!(
            libelle_du_role("Hub territorial", None, Some(("53", Some("Bretagne")))),
            "Hub territorial — Bretagne"
        );
        assert_eq!(
            libelle_du_role("SGAR", None, Some(("99", None))),
            "SGAR — région 99"
        );
        assert_eq!(libelle_du_role("ANCT", None, None), "ANCT");
    }

    #[test]
    fn an_agents_space_says_whether_it_instructs_or_follows() {
        assert_eq!(
            chapeau_instruction(Role::Prefecture, "P").as_deref(),
            Some("Candidatures à instruire — P")
        );
        assert_eq!(
            chapeau_instruction(Role::Hub, "H").as_deref(),
            Some("Candidatures de votre territoire, à suivre — H")
        );
        assert_eq!(chapeau_instruction(Role::Coordinateur, "C"), None);
        assert!(
            explication_activite(Role::Coordinateur).is_some() && explication_activite(Role::Anct).is_none()
        );
    }
}
