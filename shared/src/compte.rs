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
