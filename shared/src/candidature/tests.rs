use super::*;
use Role::*;
use StatutCandidature::*;

fn date(texte: &str) -> NaiveDate {
    NaiveDate::parse_from_str(texte, "%Y-%m-%d").unwrap()
}

#[test]
fn workflow_structure_files_a_draft() {
    assert_eq!(transition(Brouillon, Action::Deposer, Structure), Ok(Deposee));
}

#[test]
fn workflow_prefecture_gives_its_avis_on_a_filed_candidature() {
    assert_eq!(transition(Deposee, Action::DonnerAvis, Prefecture), Ok(AvisRendu));
}

#[test]
fn workflow_anct_validates_or_refuses_after_the_avis() {
    assert_eq!(
        transition(AvisRendu, Action::Decider { validee: true }, Anct),
        Ok(Validee)
    );
    assert_eq!(
        transition(AvisRendu, Action::Decider { validee: false }, Anct),
        Ok(Refusee)
    );
}

#[test]
fn workflow_every_other_role_is_refused_for_each_move() {
    for action in [
        Action::Deposer,
        Action::DonnerAvis,
        Action::ModifierAvis,
        Action::Decider { validee: true },
        Action::DeciderSansAvis { validee: true },
        Action::ClasserSansSuite,
        Action::Retirer,
    ] {
        for role in Role::ALL.into_iter().filter(|role| *role != action.role_requis()) {
            for statut in StatutCandidature::ALL {
                let refus = transition(statut, action, role).unwrap_err();
                assert!(
                    matches!(refus, TransitionRefusee::Role { .. }),
                    "{action:?} by {role:?}"
                );
            }
        }
    }
}

#[test]
fn workflow_every_move_from_a_wrong_state_is_refused() {
    let permis = [
        (Brouillon, Action::Deposer),
        (Deposee, Action::DonnerAvis),
        (AvisRendu, Action::ModifierAvis),
    ];
    for statut in StatutCandidature::ALL {
        for action in [
            Action::Deposer,
            Action::DonnerAvis,
            Action::ModifierAvis,
            Action::Decider { validee: true },
            Action::Decider { validee: false },
            Action::DeciderSansAvis { validee: true },
            Action::DeciderSansAvis { validee: false },
            Action::ClasserSansSuite,
            Action::Retirer,
        ] {
            let attendu_ok = permis.contains(&(statut, action))
                || (statut.en_instruction() && matches!(action, Action::ClasserSansSuite | Action::Retirer))
                || (statut == AvisRendu && matches!(action, Action::Decider { .. }))
                || (statut == Deposee && matches!(action, Action::DeciderSansAvis { .. }));
            let resultat = transition(statut, action, action.role_requis());
            assert_eq!(resultat.is_ok(), attendu_ok, "{statut:?} + {action:?}");
            if let Err(refus) = resultat {
                assert!(matches!(refus, TransitionRefusee::Etat { .. }));
                assert!(refus.to_string().contains("statut"));
            }
        }
    }
}

#[test]
fn workflow_only_a_draft_can_be_edited_and_only_by_the_structure() {
    assert_eq!(transition(Brouillon, Action::Modifier, Structure), Ok(Brouillon));
    for statut in [Deposee, AvisRendu, Validee, Refusee] {
        assert!(matches!(
            transition(statut, Action::Modifier, Structure),
            Err(TransitionRefusee::Etat { .. })
        ));
    }
    assert!(matches!(
        transition(Brouillon, Action::Modifier, Prefecture),
        Err(TransitionRefusee::Role { .. })
    ));
}

#[test]
fn workflow_anct_cannot_decide_before_the_prefecture_avis() {
    assert!(transition(Deposee, Action::Decider { validee: true }, Anct).is_err());
}

#[test]
fn workflow_the_prefecture_changes_its_avis_until_the_decision() {
    assert_eq!(
        transition(AvisRendu, Action::ModifierAvis, Prefecture),
        Ok(AvisRendu)
    );
    for statut in [Brouillon, Deposee, Validee, Refusee] {
        assert!(
            transition(statut, Action::ModifierAvis, Prefecture).is_err(),
            "{statut:?}"
        );
    }
}

#[test]
fn workflow_anct_decides_without_avis_once_the_prefecture_had_a_month() {
    assert_eq!(
        transition(Deposee, Action::DeciderSansAvis { validee: false }, Anct),
        Ok(Refusee)
    );
    let depose = date("2026-01-31");
    assert_eq!(decision_sans_avis_des_le(depose, 1), date("2026-02-28"));
    assert!(!decision_sans_avis_possible(depose, 1, date("2026-02-27")));
    assert!(decision_sans_avis_possible(depose, 1, date("2026-02-28")));
    assert!(
        decision_sans_avis_possible(depose, 0, depose),
        "a setting of 0: at once"
    );
}

#[test]
fn avis_comment_must_be_10_to_1000_characters() {
    assert!(Commentaire::parse("trop court").is_ok(), "exactly 10 characters");
    assert_eq!(
        Commentaire::parse("   court  "),
        Err(CommentaireInvalide { longueur: 5 })
    );
    assert!(Commentaire::parse(&"é".repeat(1000)).is_ok());
    assert_eq!(
        Commentaire::parse(&"é".repeat(1001)),
        Err(CommentaireInvalide { longueur: 1001 })
    );
}

#[test]
fn deadline_decision_is_due_two_months_after_filing() {
    assert_eq!(echeance_decision(date("2023-11-15")), date("2024-01-15"));
    assert_eq!(
        echeance_decision(date("2023-12-31")),
        date("2024-02-29"),
        "end of month is clamped"
    );
    assert!(!en_retard(date("2024-01-15"), date("2024-01-15")));
    assert!(en_retard(date("2024-01-15"), date("2024-01-16")));
    assert_eq!(jours_restants(date("2024-01-15"), date("2024-01-10")), 5);
}

#[test]
fn deadline_recruitment_is_due_six_months_after_notification() {
    assert_eq!(echeance_recrutement(date("2024-01-20")), date("2024-07-20"));
}

#[test]
fn call_is_open_from_opening_to_closing_day_included() {
    let appel = PeriodeAppel {
        ouverture: date("2023-10-16"),
        cloture: date("2023-12-10"),
    };
    assert!(appel.est_ouvert(date("2023-12-10")));
    assert!(!appel.est_ouvert(date("2023-12-11")));
    assert!(!appel.est_ouvert(date("2023-10-15")));
}

#[test]
fn form_lists_what_is_missing_before_filing() {
    let vide = Formulaire::default();
    assert_eq!(vide.champs_manquants().len(), 12);
    let texte = "Une réponse assez longue pour la question.".to_owned();
    let complet = Formulaire {
        cas: Some(CasDeFigure::B1),
        contrat: Some(TypeContrat::CdiDroitPrive),
        perimetre_epcis: vec!["242900314".into()],
        perimetre_departement: None,
        diagnostic: texte.clone(),
        partenaires: texte.clone(),
        articulation_gouvernance: texte.clone(),
        gouvernance: Some(crate::gouvernance::PlaceDansLaGouvernance::NonMembre),
        missions_maillage: texte.clone(),
        missions_relais: texte.clone(),
        missions_collaborations: texte.clone(),
        candidat_identifie: Some(false),
        date_prise_poste: Some(date("2024-03-01")),
    };
    assert!(complet.champs_manquants().is_empty());
    let court = Formulaire {
        diagnostic: "trop court".into(),
        ..complet
    };
    assert_eq!(court.champs_manquants(), vec!["le diagnostic des besoins"]);
}

#[test]
fn cases_round_trip_and_say_whether_the_structure_is_in_the_programme() {
    for cas in CasDeFigure::ALL {
        assert_eq!(CasDeFigure::parse(cas.as_str()), Some(cas));
    }
    assert!(CasDeFigure::A2.deja_dans_le_programme());
    assert!(!CasDeFigure::B1.deja_dans_le_programme());
    for statut in StatutCandidature::ALL {
        assert_eq!(StatutCandidature::parse(statut.as_str()), Some(statut));
    }
}

#[test]
fn workflow_until_the_decision_anct_closes_it_and_the_structure_withdraws_it() {
    for statut in [Deposee, AvisRendu] {
        assert_eq!(
            transition(statut, Action::ClasserSansSuite, Anct),
            Ok(ClasseeSansSuite)
        );
        assert_eq!(transition(statut, Action::Retirer, Structure), Ok(Retiree));
    }
    for statut in [Brouillon, Validee, Refusee, ClasseeSansSuite, Retiree] {
        assert!(
            transition(statut, Action::ClasserSansSuite, Anct).is_err(),
            "{statut:?}"
        );
        assert!(
            transition(statut, Action::Retirer, Structure).is_err(),
            "{statut:?}"
        );
    }
    assert!(!ClasseeSansSuite.revendique_le_territoire());
    assert!(!Retiree.revendique_le_territoire());
    assert!(Validee.revendique_le_territoire());
}
