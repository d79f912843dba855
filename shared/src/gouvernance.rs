//! The local gouvernance of a département's digital inclusion, as the préfecture registers it (the model of
//! the programme's "Mon Inclusion Numérique"): its members — structures by SIRET, collectivités by their
//! territory — and which of them carry it (co-porteurs), its comités, its feuilles de route and their
//! actions. A candidature "s'articule avec la gouvernance" when its structure is a member of the
//! gouvernance of its département: the structure declares it, the register confirms it or not.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::activite::liste_fermee;

liste_fermee! {
    /// What a comité of the gouvernance is for.
    TypeComite {
        Strategique => ("STRATEGIQUE", "Stratégique"),
        Technique => ("TECHNIQUE", "Technique"),
        Consultatif => ("CONSULTATIF", "Consultatif"),
        Autre => ("AUTRE", "Autre"),
    }
}

liste_fermee! {
    /// How often a comité meets.
    FrequenceComite {
        Mensuelle => ("MENSUELLE", "Mensuelle"),
        Trimestrielle => ("TRIMESTRIELLE", "Trimestrielle"),
        Semestrielle => ("SEMESTRIELLE", "Semestrielle"),
        Annuelle => ("ANNUELLE", "Annuelle"),
    }
}

liste_fermee! {
    /// The territory a feuille de route covers.
    PerimetreFeuilleDeRoute {
        Departemental => ("DEPARTEMENTAL", "Départemental"),
        GroupementsDeCommunes => ("GROUPEMENTS_DE_COMMUNES", "Groupements de communes"),
        Regional => ("REGIONAL", "Régional"),
    }
}

liste_fermee! {
    /// What an action of a feuille de route needs (the programme's list).
    BesoinAction {
        AnimerLaGouvernance => ("ANIMER_LA_GOUVERNANCE", "Animer la gouvernance"),
        AppuiJuridique => ("APPUI_JURIDIQUE", "Appui juridique"),
        CertificationQualiopi => ("APPUYER_LA_CERTIFICATION_QUALIOPI", "Appuyer la certification Qualiopi"),
        CoConstruireFeuilleDeRoute => ("CO_CONSTRUIRE_LA_FEUILLE_DE_ROUTE", "Co-construire la feuille de route"),
        CollecterDonnees => ("COLLECTER_DES_DONNEES_TERRITORIALES", "Collecter des données territoriales"),
        DiagnosticTerritorial => ("ETABLIR_UN_DIAGNOSTIC_TERRITORIAL", "Établir un diagnostic territorial"),
        DossiersDeSubvention => ("MONTER_DOSSIERS_DE_SUBVENTION", "Monter des dossiers de subvention"),
        RedigerFeuilleDeRoute => ("REDIGER_LA_FEUILLE_DE_ROUTE", "Rédiger la feuille de route"),
        SensibiliserAuxOutils => ("SENSIBILISER_LES_ACTEURS_AUX_OUTILS_EXISTANTS", "Sensibiliser les acteurs aux outils existants"),
        StructurerUnFonds => ("STRUCTURER_UN_FONDS", "Structurer un fonds"),
        FiliereReconditionnement => ("STRUCTURER_UNE_FILIERE_DE_RECONDITIONNEMENT", "Structurer une filière de reconditionnement"),
    }
}

liste_fermee! {
    /// How a collectivité member is identified: by the territory it governs.
    NatureCollectivite {
        Commune => ("COMMUNE", "Commune"),
        Epci => ("EPCI", "Intercommunalité"),
        Departement => ("DEPARTEMENT", "Département"),
        Region => ("REGION", "Région"),
    }
}

liste_fermee! {
    /// A structure's place in the gouvernance of its département: as it declares it on its candidature, or
    /// as the préfecture's register says.
    PlaceDansLaGouvernance {
        NonMembre => ("NON_MEMBRE", "Non membre"),
        Membre => ("MEMBRE", "Membre"),
        CoPorteur => ("CO_PORTEUR", "Co-porteur"),
    }
}

impl PlaceDansLaGouvernance {
    /// A member's place from its co-porteur flag.
    pub fn du_membre(co_porteur: bool) -> Self {
        if co_porteur { Self::CoPorteur } else { Self::Membre }
    }

    /// Whether the register confirms what the structure declared: a declared member must be listed (a
    /// co-porteur counts as a member), a declared co-porteur must be listed as one; declaring nothing is
    /// always true.
    pub fn confirmee_par(self, registre: PlaceDansLaGouvernance) -> bool {
        match self {
            Self::NonMembre => true,
            Self::Membre => registre != Self::NonMembre,
            Self::CoPorteur => registre == Self::CoPorteur,
        }
    }
}

/// Longest name of a member, a feuille de route or an action.
pub const NOM_MAX: usize = 200;
/// Longest note of context, comment or description.
pub const TEXTE_MAX: usize = 5_000;

fn verifier_nom(quoi: &str, nom: &str, problemes: &mut Vec<String>) {
    let longueur = nom.trim().chars().count();
    if longueur < 2 {
        problemes.push(format!("le nom {quoi} est attendu"));
    }
    if longueur > NOM_MAX {
        problemes.push(format!("le nom {quoi} dépasse {NOM_MAX} caractères"));
    }
}

fn verifier_texte(quoi: &str, texte: &str, problemes: &mut Vec<String>) {
    if texte.trim().chars().count() > TEXTE_MAX {
        problemes.push(format!("{quoi} dépasse {TEXTE_MAX} caractères"));
    }
}

/// Checks a gouvernance's note of context.
pub fn verifier_note(note: &str) -> Vec<String> {
    let mut problemes = Vec::new();
    verifier_texte("la note de contexte", note, &mut problemes);
    problemes
}

/// Checks a comité: its comment, and its next meeting, which is to come (a comité's past is its history).
pub fn verifier_comite(
    prochaine_reunion: Option<NaiveDate>,
    commentaire: &str,
    aujourd_hui: NaiveDate,
) -> Vec<String> {
    let mut problemes = Vec::new();
    if prochaine_reunion.is_some_and(|date| date < aujourd_hui) {
        problemes.push("la prochaine réunion est à venir : sa date ne peut pas être passée".to_owned());
    }
    verifier_texte("le commentaire", commentaire, &mut problemes);
    problemes
}

/// Checks a feuille de route.
pub fn verifier_feuille_de_route(nom: &str, contexte: &str) -> Vec<String> {
    let mut problemes = Vec::new();
    verifier_nom("de la feuille de route", nom, &mut problemes);
    verifier_texte("la note de contextualisation", contexte, &mut problemes);
    problemes
}

/// An action of a feuille de route as it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionFeuilleDeRoute {
    pub nom: String,
    pub description: String,
    pub besoins: Vec<BesoinAction>,
    /// Whole euros.
    pub budget: i64,
    pub debut: NaiveDate,
    pub fin: NaiveDate,
}

/// Checks an action of a feuille de route: named, at least one need, a budget that is not negative, and a
/// period that ends after it starts.
pub fn verifier_action_feuille(action: &ActionFeuilleDeRoute) -> Vec<String> {
    let mut problemes = Vec::new();
    verifier_nom("de l’action", &action.nom, &mut problemes);
    verifier_texte("la description", &action.description, &mut problemes);
    if action.besoins.is_empty() {
        problemes.push("cochez au moins un besoin".to_owned());
    }
    if action.budget < 0 {
        problemes.push("le budget ne peut pas être négatif".to_owned());
    }
    if action.fin < action.debut {
        problemes.push("la fin de l’action précède son début".to_owned());
    }
    problemes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jour(j: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, j).unwrap()
    }

    #[test]
    fn a_declared_member_is_confirmed_by_a_member_or_a_co_porteur_a_declared_co_porteur_only_by_a_co_porteur()
    {
        use PlaceDansLaGouvernance::*;
        assert!(Membre.confirmee_par(Membre));
        assert!(Membre.confirmee_par(CoPorteur));
        assert!(!Membre.confirmee_par(NonMembre));
        assert!(CoPorteur.confirmee_par(CoPorteur));
        assert!(!CoPorteur.confirmee_par(Membre));
        assert!(NonMembre.confirmee_par(NonMembre));
        assert!(NonMembre.confirmee_par(CoPorteur));
    }

    #[test]
    fn a_comite_s_next_meeting_is_to_come() {
        assert!(verifier_comite(Some(jour(5)), "", jour(5)).is_empty());
        assert!(verifier_comite(None, "", jour(5)).is_empty());
        assert_eq!(verifier_comite(Some(jour(4)), "", jour(5)).len(), 1);
    }

    #[test]
    fn an_action_needs_a_name_a_need_a_budget_not_negative_and_an_end_after_its_start() {
        let bonne = ActionFeuilleDeRoute {
            nom: "Former les aidants".to_owned(),
            description: String::new(),
            besoins: vec![BesoinAction::AnimerLaGouvernance],
            budget: 12_000,
            debut: jour(1),
            fin: jour(31),
        };
        assert!(verifier_action_feuille(&bonne).is_empty());
        let mauvaise = ActionFeuilleDeRoute {
            nom: " ".to_owned(),
            besoins: vec![],
            budget: -1,
            debut: jour(31),
            fin: jour(1),
            ..bonne
        };
        assert_eq!(verifier_action_feuille(&mauvaise).len(), 4);
    }

    #[test]
    fn the_lists_read_back_what_they_store() {
        for besoin in BesoinAction::ALL {
            assert_eq!(BesoinAction::parse(besoin.as_str()), Some(besoin));
        }
        for nature in NatureCollectivite::ALL {
            assert_eq!(NatureCollectivite::parse(nature.as_str()), Some(nature));
        }
    }
}
