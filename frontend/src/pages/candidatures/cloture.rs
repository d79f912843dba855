//! Ending a candidature or its post: before the decision ANCT closes it without follow-up or the structure
//! withdraws it; once validated, the structure gives its post back (from a day it chooses), ANCT notifies an
//! unfilled post's withdrawal then withdraws it. Each takes a reason of 10 to 1000 characters (the shared
//! rule checks it before sending) and a confirmation: none can be undone.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::candidature::{COMMENTAIRE_MAX, COMMENTAIRE_MIN, Commentaire};

use crate::api::candidatures::{
    Candidature, classer_sans_suite, notifier_preavis_de_retrait, rendre_poste, retirer, retirer_poste,
};
use crate::components::confirmation::Confirmation;
use crate::components::formulaire::{AlerteErreur, ZoneTexte};

/// What ends, and who ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cloture {
    /// ANCT: « classée sans suite ».
    SansSuite,
    /// The structure withdraws it.
    Retrait,
    /// The structure gives its post back.
    RenduPoste,
    /// ANCT notifies that the unfilled post will be withdrawn.
    PreavisRetrait,
    /// ANCT withdraws the post.
    RetraitPoste,
}

impl Cloture {
    fn titre(self) -> &'static str {
        match self {
            Self::SansSuite => "Classer sans suite",
            Self::Retrait => "Retirer la candidature",
            Self::RenduPoste => "Rendre le poste",
            Self::PreavisRetrait => "Notifier un préavis de retrait",
            Self::RetraitPoste => "Retirer le poste",
        }
    }

    fn explication(self) -> &'static str {
        match self {
            Self::SansSuite => {
                "Tant que l’ANCT n’a pas décidé, elle peut clore la candidature sans la valider ni la refuser. \
                 La structure et la préfecture sont informées avec votre motif."
            }
            Self::Retrait => {
                "Tant que l’ANCT n’a pas décidé, votre structure peut retirer sa candidature. La préfecture et \
                 l’ANCT sont informées avec votre motif ; vous ne pourrez pas en déposer une autre à cet appel."
            }
            Self::RenduPoste => {
                "Votre structure peut rendre son poste de coordinateur à la date de son choix (au plus tard dans \
                 trois mois) : le coordinateur en poste le quitte ce jour-là, et la préfecture et l’ANCT sont \
                 informées avec votre motif."
            }
            Self::PreavisRetrait => {
                "Personne n’a été recruté dans les six mois qui suivent la décision. Le préavis prévient la \
                 structure et la préfecture : sans recrutement à son terme, le poste pourra être retiré."
            }
            Self::RetraitPoste => {
                "Le préavis a couru sans recrutement : le poste peut être retiré. La structure et la préfecture \
                 sont informées avec votre motif."
            }
        }
    }

    fn id(self) -> &'static str {
        match self {
            Self::SansSuite => "sans-suite",
            Self::Retrait => "retrait",
            Self::RenduPoste => "rendu-poste",
            Self::PreavisRetrait => "preavis-retrait",
            Self::RetraitPoste => "retrait-poste",
        }
    }

    fn annonce(self) -> &'static str {
        match self {
            Self::SansSuite => {
                "La candidature est classée sans suite : la structure et la préfecture en sont informées."
            }
            Self::Retrait => "Votre candidature est retirée : la préfecture et l’ANCT en sont informées.",
            Self::RenduPoste => "Le poste est rendu : la préfecture et l’ANCT en sont informées.",
            Self::PreavisRetrait => {
                "Le préavis est notifié : la structure et la préfecture en sont informées."
            }
            Self::RetraitPoste => "Le poste est retiré : la structure et la préfecture en sont informées.",
        }
    }

    /// The confirmation's question, naming the structure.
    fn question(self, structure: &str) -> String {
        match self {
            Self::RenduPoste => format!("Rendre le poste de coordinateur de « {structure} » ?"),
            Self::PreavisRetrait => format!("Notifier à « {structure} » le retrait prochain de son poste ?"),
            Self::RetraitPoste => format!("Retirer le poste de coordinateur de « {structure} » ?"),
            Self::SansSuite | Self::Retrait => format!("{} de « {structure} » ?", self.titre()),
        }
    }
}

/// The form that ends the candidature, folded under its button until asked for (an action seldom taken).
#[component]
pub fn FormulaireCloture(
    donnees: RwSignal<Candidature>,
    annonce: RwSignal<Option<String>>,
    cloture: Cloture,
) -> impl IntoView {
    let motif = RwSignal::new(String::new());
    // The day the post ends, for its return (today by default).
    let le = RwSignal::new(
        crate::format::aujourd_hui()
            .map(|j| j.to_string())
            .unwrap_or_default(),
    );
    let erreur = RwSignal::new(None::<String>);
    let a_confirmer = RwSignal::new(None::<Commentaire>);
    let en_cours = RwSignal::new(false);
    let id = cloture.id();
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if cloture == Cloture::RenduPoste && le.with_untracked(|j| j.parse::<chrono::NaiveDate>().is_err()) {
            erreur.set(Some("Indiquez le jour où le poste prend fin.".to_owned()));
            return;
        }
        match Commentaire::parse(&motif.get_untracked()) {
            Ok(commentaire) => {
                erreur.set(None);
                a_confirmer.set(Some(commentaire));
            }
            Err(refus) => erreur.set(Some(refus.to_string())),
        }
    };
    let confirmer = move |()| {
        let Some(commentaire) = a_confirmer.get_untracked() else {
            return;
        };
        a_confirmer.set(None);
        en_cours.set(true);
        let candidature = donnees.with_untracked(|c| c.id.clone());
        spawn_local(async move {
            let motif = commentaire.as_str();
            let resultat = match cloture {
                Cloture::SansSuite => classer_sans_suite(&candidature, motif).await,
                Cloture::Retrait => retirer(&candidature, motif).await,
                Cloture::RenduPoste => {
                    let jour = le.get_untracked().parse().unwrap_or_default();
                    rendre_poste(&candidature, jour, motif).await
                }
                Cloture::PreavisRetrait => notifier_preavis_de_retrait(&candidature, motif).await,
                Cloture::RetraitPoste => retirer_poste(&candidature, motif).await,
            };
            match resultat {
                Ok(lue) => {
                    annonce.set(Some(cloture.annonce().to_owned()));
                    donnees.set(lue);
                }
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };
    // Opened here, not by the DSFR's script, which does not follow what appears after the page loads.
    let ouvert = RwSignal::new(false);
    view! {
        <section class="fr-mb-4w" aria-labelledby=format!("titre-{id}")>
            <h2 id=format!("titre-{id}") class="fr-h6">
                <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm"
                    aria-expanded=move || ouvert.get().to_string() aria-controls=format!("{id}-contenu")
                    on:click=move |_| ouvert.update(|o| *o = !*o)>
                    {cloture.titre()}
                </button>
            </h2>
            <div id=format!("{id}-contenu") hidden=move || !ouvert.get()>
                <p>{cloture.explication()}</p>
                <form on:submit=envoyer novalidate>
                    {(cloture == Cloture::RenduPoste).then(|| view! {
                        <div class="fr-input-group">
                            <label class="fr-label" for="rendu-poste-le">
                                "Dernier jour du poste"
                                <span class="fr-hint-text">"Au format jj/mm/aaaa ; au plus tard dans trois mois."</span>
                            </label>
                            <input class="fr-input" type="date" id="rendu-poste-le" required
                                prop:value=move || le.get()
                                on:input=move |ev| le.set(event_target_value(&ev))/>
                        </div>
                    })}
                    <ZoneTexte
                        id=format!("{id}-motif")
                        libelle="Motif"
                        indice=format!("De {COMMENTAIRE_MIN} à {COMMENTAIRE_MAX} caractères.")
                        valeur=motif
                        lignes=3
                        longueur_max=COMMENTAIRE_MAX
                        requis=true
                    />
                    <AlerteErreur message=erreur/>
                    <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || en_cours.get()>
                        {cloture.titre()}
                    </button>
                </form>
            </div>
            {move || a_confirmer.get().map(|_| {
                let structure = donnees.with_untracked(|c| c.structure.nom.clone());
                view! {
                    <Confirmation
                        id=format!("confirmation-{id}")
                        titre=cloture.question(&structure)
                        explication="Ce ne pourra pas être annulé."
                        oui=format!("Oui, {}", cloture.titre().to_lowercase())
                        confirmer=Callback::new(confirmer)
                        annuler=Callback::new(move |()| a_confirmer.set(None))
                    />
                }
            })}
        </section>
    }
}
