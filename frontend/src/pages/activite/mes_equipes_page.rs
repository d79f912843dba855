//! `/mes-equipes`: the teams of coordination a médiateur numérique belongs to (or belonged to), and leaving
//! one, with a word for the coordinator.

use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::equipe::StatutInvitation;
use maillage_shared::role::Role;

use crate::api::equipe::{EquipeDuMediateur, mes_equipes, quitter};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, ChampTexte};
use crate::format::date;

/// The page's title.
const TITRE: &str = "Mes équipes de coordination";

#[component]
pub fn MesEquipesPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Mediateur], |_| {
        let version = RwSignal::new(0_u32);
        let equipes = LocalResource::new(move || {
            version.track();
            mes_equipes()
        });
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">
                "Les coordinateurs qui vous ont invité dans leur équipe vous convient à leurs temps d’animation "
                "et d’échange. Vous pouvez quitter une équipe à tout moment."
            </p>
            {afficher(equipes, move |equipes| {
                if equipes.is_empty() {
                    view! { <p>"Vous ne faites partie d’aucune équipe."</p> }.into_any()
                } else {
                    equipes
                        .into_iter()
                        .map(|equipe| view! { <Equipe equipe apres=move || version.update(|v| *v += 1)/> })
                        .collect_view()
                        .into_any()
                }
            })}
            <p><a class="fr-link" href="/journees">"Journées de rencontre"</a></p>
        }
    })
}

#[component]
fn Equipe(equipe: EquipeDuMediateur, apres: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let motif = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let membre = equipe.statut == StatutInvitation::Acceptee;
    let id = StoredValue::new(equipe.id.clone());
    let quitter_equipe = move |_| {
        erreur.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match quitter(&id.get_value(), &motif.get_untracked()).await {
                Ok(()) => apres(),
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    let titre_id = format!("equipe-{}", equipe.id);
    let etiquette = titre_id.clone();
    let periode = match (equipe.arrive_le, equipe.parti_le) {
        (Some(debut), Some(fin)) => format!("Membre du {} au {}", date(debut), date(fin)),
        (Some(debut), None) => format!("Membre depuis le {}", date(debut)),
        _ => String::new(),
    };
    view! {
        <section class="fr-callout fr-mb-3w" aria-labelledby=etiquette>
            <h2 id=titre_id class="fr-callout__title fr-h5">
                {format!("Équipe de {}", equipe.coordinateur)}
            </h2>
            <p class="fr-callout__text">
                {format!("{} (département {}). {periode}.", equipe.porteuse, equipe.departement_code)}
            </p>
            {membre.then(|| {
                let champ = format!("motif-{}", equipe.id);
                view! {
                    <ChampTexte id=champ libelle="Un mot pour le coordinateur (facultatif)" valeur=motif/>
                    <AlerteErreur message=erreur/>
                    <button class="fr-btn fr-btn--secondary" type="button" on:click=quitter_equipe
                        disabled=move || en_cours.get()>
                        "Quitter l’équipe"
                    </button>
                }
            })}
        </section>
    }
}
