//! The verdicts on a filed candidature: the préfecture's avis (which it may change until the decision), the
//! SGAR's consultative opinion, then ANCT's decision (without the avis once the préfecture has had its month). Each is a choice between two
//! answers and a comment of 10 to 1000 characters, checked in the browser by the shared rule before being
//! sent, and confirmed.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::candidature::{COMMENTAIRE_MAX, COMMENTAIRE_MIN, Commentaire};

use crate::api::candidatures::{Candidature, decider, donner_avis, donner_avis_sgar};
use crate::components::confirmation::Confirmation;
use crate::components::formulaire::{AlerteErreur, Message, Radios, ZoneTexte};

/// Which verdict the form gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The préfecture's avis, favorable or not.
    Avis,
    /// The préfecture changes the avis it gave, until ANCT decides.
    ModifierAvis,
    /// ANCT validates or refuses.
    Decision,
    /// ANCT decides without the avis the préfecture did not give within its month.
    DecisionSansAvis,
    /// The SGAR's consultative opinion, which it may change until the decision.
    AvisSgar,
}

impl Verdict {
    fn est_avis(self) -> bool {
        matches!(self, Self::Avis | Self::ModifierAvis | Self::AvisSgar)
    }

    fn titre(self) -> &'static str {
        match self {
            Self::Avis => "Donner l’avis de la préfecture",
            Self::ModifierAvis => "Modifier l’avis de la préfecture",
            Self::Decision => "Décider",
            Self::DecisionSansAvis => "Décider sans l’avis de la préfecture",
            Self::AvisSgar => "Avis consultatif du SGAR",
        }
    }

    /// What the form says before its fields, if anything.
    fn chapeau(self) -> Option<&'static str> {
        match self {
            Self::ModifierAvis => Some(
                "Votre avis est rendu. Vous pouvez le changer jusqu’à la décision de l’ANCT : le nouvel avis \
                 remplace l’ancien, l’historique garde les deux.",
            ),
            Self::DecisionSansAvis => Some(
                "La préfecture n’a pas rendu son avis dans le mois qui a suivi le dépôt : vous pouvez décider \
                 sans lui ; la décision sera enregistrée « sans avis de la préfecture ».",
            ),
            Self::AvisSgar => Some(
                "Votre avis est consultatif : l’ANCT le lit à côté de celui de la préfecture. Vous pouvez le \
                 changer jusqu’à sa décision ; la structure ne le voit pas.",
            ),
            Self::Avis | Self::Decision => None,
        }
    }

    fn legende(self) -> &'static str {
        if self.est_avis() { "Avis" } else { "Décision" }
    }

    /// (value, label) of the yes and the no.
    fn options(self) -> Vec<(String, String)> {
        let (oui, non) = if self.est_avis() {
            ("Favorable", "Défavorable")
        } else {
            ("Validée", "Refusée")
        };
        vec![
            ("oui".to_owned(), oui.to_owned()),
            ("non".to_owned(), non.to_owned()),
        ]
    }

    fn libelle_texte(self) -> &'static str {
        if self.est_avis() {
            "Commentaire"
        } else {
            "Motif de la décision"
        }
    }

    fn bouton(self) -> &'static str {
        match self {
            Self::Avis => "Rendre l’avis",
            Self::ModifierAvis => "Modifier l’avis",
            Self::AvisSgar => "Enregistrer l’avis",
            Self::Decision | Self::DecisionSansAvis => "Enregistrer la décision",
        }
    }

    /// The fields' prefix: one form of each kind is on a page at a time.
    fn nom(self) -> &'static str {
        if self.est_avis() { "avis" } else { "decision" }
    }

    /// The question asked before the verdict is sent, naming the structure.
    fn question(self, oui: bool, structure: &str) -> String {
        let sens = if oui { "favorable" } else { "défavorable" };
        match (self, oui) {
            (Self::Avis, _) => format!("Donner un avis {sens} à la candidature de « {structure} » ?"),
            (Self::ModifierAvis, _) => {
                format!("Remplacer votre avis par un avis {sens} à la candidature de « {structure} » ?")
            }
            (Self::AvisSgar, _) => {
                format!("Donner un avis consultatif {sens} à la candidature de « {structure} » ?")
            }
            (Self::Decision | Self::DecisionSansAvis, true) => {
                format!("Valider la candidature de « {structure} » ?")
            }
            (Self::Decision | Self::DecisionSansAvis, false) => {
                format!("Refuser la candidature de « {structure} » ?")
            }
        }
    }

    /// What follows the verdict, said before it is given.
    fn consequences(self, oui: bool) -> &'static str {
        match (self, oui) {
            (Self::Avis, _) => {
                "L’avis et son commentaire sont transmis à l’ANCT, qui décidera ; vous pourrez le modifier \
                 jusqu’à sa décision."
            }
            (Self::ModifierAvis, _) => {
                "Le nouvel avis remplace l’ancien et l’ANCT en est informée ; l’historique garde les deux."
            }
            (Self::AvisSgar, _) => {
                "L’ANCT lira votre avis à côté de celui de la préfecture ; un nouvel avis remplace le précédent, \
                 l’historique garde les deux."
            }
            (Self::Decision, true) => {
                "La structure pourra recruter son coordinateur et demander la convention ; elle et la préfecture \
                 sont informées avec votre motif. La décision ne pourra plus être modifiée."
            }
            (Self::DecisionSansAvis, true) => {
                "La décision est enregistrée sans avis de la préfecture. La structure pourra recruter son \
                 coordinateur et demander la convention ; elle et la préfecture sont informées avec votre motif. \
                 La décision ne pourra plus être modifiée."
            }
            (Self::Decision, false) => {
                "La structure et la préfecture sont informées avec votre motif ; la candidature est close. La \
                 décision ne pourra plus être modifiée."
            }
            (Self::DecisionSansAvis, false) => {
                "La décision est enregistrée sans avis de la préfecture. La structure et la préfecture sont \
                 informées avec votre motif ; la candidature est close. La décision ne pourra plus être modifiée."
            }
        }
    }

    fn annonce(self, oui: bool) -> &'static str {
        match (self, oui) {
            (Self::Avis, _) => "Votre avis est rendu : l’ANCT en est informée et va décider.",
            (Self::ModifierAvis, _) => "Votre avis est modifié : l’ANCT en est informée.",
            (Self::AvisSgar, _) => "Votre avis consultatif est enregistré : l’ANCT le lira avec le dossier.",
            (Self::Decision | Self::DecisionSansAvis, true) => {
                "La candidature est validée : la structure et la préfecture en sont informées."
            }
            (Self::Decision | Self::DecisionSansAvis, false) => {
                "La candidature est refusée : la structure et la préfecture en sont informées."
            }
        }
    }
}

/// The form of the avis or of the decision.
#[component]
pub fn FormulaireVerdict(
    donnees: RwSignal<Candidature>,
    annonce: RwSignal<Option<String>>,
    verdict: Verdict,
) -> impl IntoView {
    let choix = RwSignal::new(None::<String>);
    let texte = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let nom = verdict.nom();
    let titre_id = format!("titre-formulaire-{nom}");
    let titre_ref = titre_id.clone();

    let compteur = Signal::derive(move || {
        let longueur = texte.with(|t| t.trim().chars().count());
        let message = format!(
            "{longueur} caractère{} sur {COMMENTAIRE_MAX} ({COMMENTAIRE_MIN} au moins).",
            if longueur > 1 { "s" } else { "" }
        );
        Some(if (COMMENTAIRE_MIN..=COMMENTAIRE_MAX).contains(&longueur) {
            Message::Valide(message)
        } else {
            Message::Info(message)
        })
    });

    // The verdict checked and waiting for confirmation: (yes or no, comment).
    let a_confirmer = RwSignal::new(None::<(bool, Commentaire)>);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(oui) = choix.get_untracked().map(|c| c == "oui") else {
            erreur.set(Some(format!(
                "Choisissez : {}.",
                verdict
                    .options()
                    .iter()
                    .map(|(_, l)| l.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ou ")
            )));
            return;
        };
        let commentaire = match Commentaire::parse(&texte.get_untracked()) {
            Ok(commentaire) => commentaire,
            Err(refus) => {
                erreur.set(Some(refus.to_string()));
                return;
            }
        };
        erreur.set(None);
        a_confirmer.set(Some((oui, commentaire)));
    };
    let confirmer = move |()| {
        let Some((oui, commentaire)) = a_confirmer.get_untracked() else {
            return;
        };
        a_confirmer.set(None);
        en_cours.set(true);
        let id = donnees.with_untracked(|c| c.id.clone());
        spawn_local(async move {
            let resultat = match verdict {
                Verdict::AvisSgar => donner_avis_sgar(&id, oui, commentaire.as_str()).await,
                Verdict::Avis | Verdict::ModifierAvis => donner_avis(&id, oui, commentaire.as_str()).await,
                Verdict::Decision | Verdict::DecisionSansAvis => {
                    decider(&id, oui, commentaire.as_str()).await
                }
            };
            match resultat {
                Ok(candidature) => {
                    annonce.set(Some(verdict.annonce(oui).to_owned()));
                    donnees.set(candidature);
                }
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };

    view! {
        <section class="fr-mb-4w maillage-verdict" aria-labelledby=titre_ref>
            <h2 id=titre_id class="fr-h4">{verdict.titre()}</h2>
            {verdict.chapeau().map(|texte| view! { <p>{texte}</p> })}
            <form on:submit=envoyer novalidate>
                <Radios nom=format!("{nom}-choix") legende=verdict.legende() options=verdict.options() choix en_ligne=true/>
                <ZoneTexte
                    id=format!("{nom}-texte")
                    libelle=verdict.libelle_texte()
                    indice=format!("De {COMMENTAIRE_MIN} à {COMMENTAIRE_MAX} caractères.")
                    valeur=texte
                    message=compteur
                    longueur_max=COMMENTAIRE_MAX
                />
                <AlerteErreur message=erreur/>
                <button class="fr-btn" type="submit" disabled=move || en_cours.get()>{verdict.bouton()}</button>
            </form>
            {move || a_confirmer.get().map(|(oui, _)| {
                let structure = donnees.with_untracked(|c| c.structure.nom.clone());
                view! {
                    <Confirmation
                        id=format!("confirmation-{nom}")
                        titre=verdict.question(oui, &structure)
                        explication=verdict.consequences(oui)
                        oui=format!("Oui, {}", verdict.bouton().to_lowercase())
                        confirmer=Callback::new(confirmer)
                        annuler=Callback::new(move |()| a_confirmer.set(None))
                    />
                }
            })}
        </section>
    }
}
