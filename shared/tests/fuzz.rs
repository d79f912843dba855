//! Property-based fuzzing of the parsers that read what people and files send: SIRET, territory codes,
//! search texts, comments, accompaniments, map shapes. Each property runs thousands of generated inputs
//! (the counts are in `CAS`); none may panic, and what is accepted must have the promised shape.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_shared::activite::{TypeAccompagnement, verifier as verifier_accompagnement};
use maillage_shared::candidature::Commentaire;
use maillage_shared::structure::Siret;
use maillage_shared::territoire::{CodeCommune, CodeDepartement, CodeRegion, SearchQuery, cle_recherche};
use proptest::prelude::*;

/// Generated inputs per property.
const CAS: u32 = 20_000;

/// The Luhn check digit that completes 13 digits.
fn cle_luhn(debut: &str) -> u32 {
    for cle in 0..10 {
        let texte = format!("{debut}{cle}");
        let somme: u32 = texte
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 1 {
                    let double = d * 2;
                    if double > 9 { double - 9 } else { double }
                } else {
                    d
                }
            })
            .sum();
        if somme.is_multiple_of(10) {
            return cle;
        }
    }
    unreachable!()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CAS))]

    #[test]
    fn siret_parser_never_panics_and_accepts_only_14_digits(texte in "\\PC{0,30}") {
        if let Ok(siret) = Siret::parse(&texte) {
            prop_assert_eq!(siret.as_str().len(), 14);
            prop_assert!(siret.as_str().bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn siret_with_a_valid_luhn_key_is_accepted_and_any_single_digit_change_refused(
        debut in "[1-9][0-9]{12}", position in 0_usize..14, decalage in 1_u8..10
    ) {
        prop_assume!(!debut.starts_with("356000000"));
        let siret = format!("{debut}{}", cle_luhn(&debut));
        prop_assert!(Siret::parse(&siret).is_ok(), "{}", siret);
        let mut octets = siret.into_bytes();
        octets[position] = b'0' + (octets[position] - b'0' + decalage) % 10;
        let altere = String::from_utf8(octets).unwrap();
        prop_assert!(Siret::parse(&altere).is_err(), "{}", altere);
    }

    #[test]
    fn territory_codes_never_panic_and_keep_their_normalised_text(texte in "\\PC{0,12}") {
        if let Ok(code) = CodeDepartement::parse(&texte) {
            prop_assert_eq!(code.as_str(), texte.trim().to_ascii_uppercase());
        }
        if let Ok(code) = CodeCommune::parse(&texte) {
            prop_assert_eq!(code.as_str().len(), 5);
        }
        let _ = CodeRegion::parse(&texte);
    }

    #[test]
    fn well_formed_territory_codes_are_accepted_whatever_their_spacing_and_case_and_one_character_more_is_not(
        departement in "[0-9]{2}|2[AaBb]|9[78][0-9]",
        commune in "[0-9]{5}|2[AaBb][0-9]{3}",
        avant in "[ \t]{0,3}", apres in "[ \t]{0,3}", chiffre in "[0-9]"
    ) {
        let departement_lu = CodeDepartement::parse(&format!("{avant}{departement}{apres}")).unwrap();
        prop_assert_eq!(departement_lu.as_str(), departement.to_ascii_uppercase());
        let commune_lue = CodeCommune::parse(&format!("{avant}{commune}{apres}")).unwrap();
        prop_assert_eq!(commune_lue.as_str(), commune.to_ascii_uppercase());
        let commune_plus_un = format!("{commune}{chiffre}");
        prop_assert!(CodeCommune::parse(&commune_plus_un).is_err());
        // One character more makes a département only of 97 or 98 (overseas: 971, 988…).
        let plus_un = format!("{departement}{chiffre}");
        prop_assert_eq!(CodeDepartement::parse(&plus_un).is_ok(), departement == "97" || departement == "98");
    }

    #[test]
    fn search_texts_never_panic_and_folding_is_stable(texte in "\\PC{0,60}") {
        let _ = SearchQuery::analyser(&texte);
        let cle = cle_recherche(&texte);
        prop_assert_eq!(cle_recherche(&cle), cle);
    }

    #[test]
    fn comments_are_accepted_exactly_between_10_and_1000_characters(texte in "\\PC{0,1100}") {
        let longueur = texte.trim().chars().count();
        prop_assert_eq!(Commentaire::parse(&texte).is_ok(), (10..=1000).contains(&longueur));
    }

    #[test]
    fn accompaniment_checks_never_panic(
        collectif in any::<bool>(), duree in any::<i32>(), participants in any::<i32>(),
        themes in proptest::collection::vec("\\PC{0,40}", 0..5)
    ) {
        let type_accompagnement = if collectif { TypeAccompagnement::Collectif } else { TypeAccompagnement::Individuel };
        let themes: Vec<&str> = themes.iter().map(String::as_str).collect();
        let _ = verifier_accompagnement(type_accompagnement, &themes, duree, participants);
    }

    #[test]
    fn map_shapes_with_arbitrary_paths_never_panic(d in "[MmLlHhVvCcSsQqTtZzAa0-9 .,eE+-]{0,200}") {
        let json = format!(
            r#"{{"source":"essai","cadres":[{{"nom":"metropole","viewBox":[0,0,10,10],
            "projection":{{"type":"lambert93","x":[1,0,0],"y":[0,1,0],"residu_max":0}},
            "departements":[{{"code":"29","d":{}}}]}}]}}"#,
            serde_json::to_string(&d).unwrap()
        );
        if let Ok(formes) = maillage_shared::carte::Formes::depuis_json(&json)
            && let Some((_, forme)) = formes.cadre_du_departement("29")
        {
            let _ = forme.contient(5.0, 5.0);
            let _ = forme.boite();
        }
    }
}
