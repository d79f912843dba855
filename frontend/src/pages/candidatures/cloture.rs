//! Ending a candidature before the decision: ANCT closes it without follow-up, or the structure withdraws
//! it. Both take a reason of 10 to 1000 characters (the shared rule checks it before sending) and a
//! confirmation: it cannot be undone.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::candidature::{COMMENTAIRE_MAX, COMMENTAIRE_MIN, Commentaire};

use crate::api::candidatures::{Candidature, classer_sans_suite, retirer};
use crate::components::confirmation::Confirmation;
use crate::components::formulaire::{AlerteErreur, ZoneTexte};

/// Who ends the candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cloture {
    /// ANCT: « classée sans suite ».
    SansSuite,
    /// The structure withdraws it.
    Retrait,
}

impl Cloture {
    fn titre(self) -> &'static str {
        match self {
            Self::SansSuite => "Classer sans suite",
            Self::Retrait => "Retirer la candidature",
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
        }
    }

    fn id(self) -> &'static str {
        match self {
            Self::SansSuite => "sans-suite",
            Self::Retrait => "retrait",
        }
    }

    fn annonce(self) -> &'static str {
        match self {
            Self::SansSuite => {
                "La candidature est classée sans suite : la structure et la préfecture en sont informées."
            }
            Self::Retrait => "Votre candidature est retirée : la préfecture et l’ANCT en sont informées.",
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
    let erreur = RwSignal::new(None::<String>);
    let a_confirmer = RwSignal::new(None::<Commentaire>);
    let en_cours = RwSignal::new(false);
    let id = cloture.id();
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
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
            let resultat = match cloture {
                Cloture::SansSuite => classer_sans_suite(&candidature, commentaire.as_str()).await,
                Cloture::Retrait => retirer(&candidature, commentaire.as_str()).await,
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
                        titre=format!("{} de « {structure} » ?", cloture.titre())
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
