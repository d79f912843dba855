//! Rules of accounts shared by the registration forms and the server.

/// Shortest password accepted (ANSSI recommends long passphrases over complexity rules).
pub const MOT_DE_PASSE_MIN: usize = 12;

/// An email address folded to lowercase, if its shape is one: one `@`, a local part, a domain with a dot
/// (not at its ends), no space, at most 254 characters. The French message otherwise.
pub fn adresse_electronique(email: &str) -> Result<String, String> {
    let email = email.trim().to_lowercase();
    let valide = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domaine)| {
            !local.is_empty()
                && !domaine.contains('@')
                && domaine.contains('.')
                && !domaine.starts_with('.')
                && !domaine.ends_with('.')
        })
        && !email.contains(char::is_whitespace);
    if valide {
        Ok(email)
    } else {
        Err(format!("« {email} » n’est pas une adresse électronique valide."))
    }
}

/// The page to go back to after logging in, from the `retour` of the login page's address: a path of this
/// site only (`/agents?onglet=2`), never another site (`//exemple.fr`, `https://…`, `/\exemple.fr`), nor the
/// login page itself. `None`: the person's space.
pub fn page_de_retour(retour: &str) -> Option<&str> {
    let interne = retour.starts_with('/')
        && !retour.starts_with("//")
        && !retour.starts_with("/\\")
        && !retour.contains(|c: char| c.is_control() || c == '\\');
    let connexion = retour == "/connexion" || retour.starts_with("/connexion?");
    (interne && !connexion && retour.len() <= 500).then_some(retour)
}

#[cfg(test)]
mod tests {
    use super::page_de_retour;

    #[test]
    fn after_logging_in_a_person_goes_back_only_to_a_page_of_this_site() {
        assert_eq!(page_de_retour("/agents"), Some("/agents"));
        assert_eq!(
            page_de_retour("/candidatures/12?onglet=avis"),
            Some("/candidatures/12?onglet=avis")
        );
        for ailleurs in [
            "https://exemple.fr",
            "//exemple.fr",
            "/\\exemple.fr",
            "/\\/exemple.fr",
            "exemple.fr",
            "javascript:alert(1)",
            "/connexion",
            "/connexion?retour=/agents",
            "/a\nb",
            "",
        ] {
            assert_eq!(page_de_retour(ailleurs), None, "{ailleurs:?}");
        }
    }
}
