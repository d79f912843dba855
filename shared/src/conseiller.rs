//! The programme's conseillers numériques as ANCT or a préfecture imports them from a CSV file: one line per
//! person and contract. The columns and the checks of a line live here, so the import and the page that
//! explains the file say the same thing.

use chrono::NaiveDate;

use crate::structure::Siret;
use crate::subvention::TypeContrat;
use crate::territoire::CodeCommune;

/// The columns of the file, by header name (any order; `fin_contrat` may stay empty for a permanent
/// contract).
pub const COLONNES: [&str; 8] = [
    "email",
    "prenom",
    "nom",
    "siret_employeur",
    "type_contrat",
    "debut_contrat",
    "fin_contrat",
    "commune_insee",
];

/// A line of the file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneConseiller {
    /// Lowercase: the person's identity across imports.
    pub email: String,
    pub prenom: String,
    pub nom: String,
    /// The employer, which must be registered in Maillage.
    pub siret: Siret,
    pub contrat: TypeContrat,
    pub debut: NaiveDate,
    /// `None` for a permanent post (a titulaire or a CDI).
    pub fin: Option<NaiveDate>,
    /// The INSEE code of the commune of the post.
    pub commune: String,
}

/// A contract type as people write it: the stored name (`CDD_DROIT_PRIVE`) or the French label
/// ("CDD de droit privé"), in any case.
pub fn type_contrat(texte: &str) -> Option<TypeContrat> {
    let texte = texte.trim();
    TypeContrat::ALL.into_iter().find(|contrat| {
        contrat.as_str().eq_ignore_ascii_case(texte)
            || contrat.libelle().to_lowercase() == texte.to_lowercase()
    })
}

/// A date as spreadsheets write it in France (`31/12/2026`) or in ISO (`2026-12-31`).
pub fn date(texte: &str) -> Option<NaiveDate> {
    let texte = texte.trim();
    NaiveDate::parse_from_str(texte, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(texte, "%Y-%m-%d"))
        .ok()
}

/// Whether a contract of this type ends: a titulaire or a CDI holds the post with no end date.
pub fn a_une_fin(contrat: TypeContrat) -> bool {
    !matches!(
        contrat,
        TypeContrat::Titulaire | TypeContrat::CdiDroitPublic | TypeContrat::CdiDroitPrive
    )
}

/// Checks a line whose cells `valeur` gives by column name: every problem of the line, in French, or the
/// line.
pub fn lire_ligne<'a>(valeur: impl Fn(&str) -> &'a str) -> Result<LigneConseiller, Vec<String>> {
    let mut problemes = Vec::new();
    let email = crate::compte::adresse_electronique(valeur("email"))
        .map_err(|motif| problemes.push(motif))
        .ok();
    let mut texte = |colonne: &str, libelle: &str| {
        let texte = valeur(colonne).trim();
        if texte.is_empty() {
            problemes.push(format!("le {libelle} manque"));
        } else if texte.chars().count() > 100 {
            problemes.push(format!("le {libelle} dépasse 100 caractères"));
        }
        texte.to_owned()
    };
    let prenom = texte("prenom", "prénom");
    let nom = texte("nom", "nom");
    let siret = Siret::parse(valeur("siret_employeur").trim())
        .map_err(|erreur| problemes.push(format!("SIRET de l’employeur : {erreur}")))
        .ok();
    let contrat = type_contrat(valeur("type_contrat"));
    if contrat.is_none() {
        problemes.push(format!(
            "type de contrat « {} » inconnu (attendu : {})",
            valeur("type_contrat").trim(),
            TypeContrat::ALL
                .iter()
                .map(|c| c.libelle())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let debut = date(valeur("debut_contrat"));
    if debut.is_none() {
        problemes.push(format!(
            "date de début « {} » illisible (attendu JJ/MM/AAAA)",
            valeur("debut_contrat").trim()
        ));
    }
    let fin = match valeur("fin_contrat").trim() {
        "" => None,
        texte => {
            let fin = date(texte);
            if fin.is_none() {
                problemes.push(format!("date de fin « {texte} » illisible (attendu JJ/MM/AAAA)"));
            }
            fin
        }
    };
    if let (Some(debut), Some(fin)) = (debut, fin)
        && fin <= debut
    {
        problemes.push("la fin du contrat précède son début".to_owned());
    }
    if let Some(contrat) = contrat
        && a_une_fin(contrat)
        && fin.is_none()
        && valeur("fin_contrat").trim().is_empty()
    {
        problemes.push(format!("un contrat « {} » a une date de fin", contrat.libelle()));
    }
    let commune = valeur("commune_insee").trim();
    if CodeCommune::parse(commune).is_err() {
        problemes.push(format!("code INSEE de commune « {commune} » invalide"));
    }
    match (email, siret, contrat, debut) {
        (Some(email), Some(siret), Some(contrat), Some(debut)) if problemes.is_empty() => {
            Ok(LigneConseiller {
                email,
                prenom,
                nom,
                siret,
                contrat,
                debut,
                fin,
                commune: commune.to_owned(),
            })
        }
        _ => Err(problemes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ligne(cellules: &[(&'static str, &'static str)]) -> Result<LigneConseiller, Vec<String>> {
        let mut toutes: std::collections::HashMap<&str, &'static str> = [
            ("email", "Lea.Martin@exemple.fr"),
            ("prenom", "Léa"),
            ("nom", "Martin"),
            ("siret_employeur", "21290019700014"),
            ("type_contrat", "CDD de droit public"),
            ("debut_contrat", "01/02/2026"),
            ("fin_contrat", "31/01/2028"),
            ("commune_insee", "29019"),
        ]
        .into_iter()
        .collect();
        toutes.extend(cellules.iter().copied());
        lire_ligne(|colonne| toutes.get(colonne).copied().unwrap_or_default())
    }

    #[test]
    fn a_complete_line_is_read_with_its_address_lowercased_and_french_dates() {
        let lue = ligne(&[]).unwrap();
        assert_eq!(lue.email, "lea.martin@exemple.fr");
        assert_eq!(lue.contrat, TypeContrat::CddDroitPublic);
        assert_eq!(lue.debut, NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
        assert_eq!(lue.fin, NaiveDate::from_ymd_opt(2028, 1, 31));
        assert_eq!(lue.commune, "29019");
    }

    #[test]
    fn contract_types_are_read_from_their_stored_name_or_their_label_in_any_case() {
        assert_eq!(type_contrat("cdi_droit_prive"), Some(TypeContrat::CdiDroitPrive));
        assert_eq!(
            type_contrat(" Contrat de projet de droit privé "),
            Some(TypeContrat::ContratProjetDroitPrive)
        );
        assert_eq!(type_contrat("CDD"), None);
    }

    #[test]
    fn a_fixed_term_contract_needs_an_end_after_its_start_and_a_permanent_one_needs_none() {
        assert_eq!(
            ligne(&[("fin_contrat", "")]).unwrap_err(),
            vec!["un contrat « CDD de droit public » a une date de fin".to_owned()]
        );
        assert_eq!(
            ligne(&[("fin_contrat", "2026-01-31")]).unwrap_err(),
            vec!["la fin du contrat précède son début".to_owned()]
        );
        let cdi = ligne(&[("type_contrat", "CDI de droit privé"), ("fin_contrat", "")]).unwrap();
        assert_eq!(cdi.fin, None);
    }

    #[test]
    fn every_problem_of_a_line_is_reported_at_once() {
        let problemes = ligne(&[
            ("email", "pas-une-adresse"),
            ("prenom", ""),
            ("siret_employeur", "21290019700015"),
            ("type_contrat", "stage"),
            ("debut_contrat", "32/01/2026"),
            ("commune_insee", "Brest"),
        ])
        .unwrap_err();
        assert_eq!(problemes.len(), 6, "{problemes:?}");
        assert!(problemes[0].contains("pas-une-adresse"));
        assert!(problemes.iter().any(|p| p == "le prénom manque"));
        assert!(problemes.iter().any(|p| p.starts_with("SIRET de l’employeur")));
        assert!(problemes.iter().any(|p| p.contains("« stage » inconnu")));
        assert!(problemes.iter().any(|p| p.contains("« 32/01/2026 » illisible")));
        assert!(problemes.iter().any(|p| p.contains("« Brest » invalide")));
    }
}
